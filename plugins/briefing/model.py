"""The plain data that flows through Briefing: cleaned text, metadata, the article record.

Every stage takes and returns these frozen dataclasses, so each can be tested without Pelican.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class Removed:
    """A block the cleaner took out of the paste, with a short reason ("navigation", ...)."""

    text: str
    reason: str


@dataclass(frozen=True)
class CleanedArticle:
    """What the cleaner makes of a paste: the body as Markdown plus the parts it recognised.

    title, deck, byline and dateline are recognised here and handed to metadata; they are not in
    the body. Every line of the input is either in `body`, in one of those fields, or in `removed`.
    """

    body: str
    removed: tuple[Removed, ...] = ()
    title: str = ""
    deck: str = ""
    byline: str = ""
    dateline: str = ""


@dataclass(frozen=True)
class Event:
    """A dated event mentioned in the text: ISO date and the sentence or clause that tells it."""

    date: str
    text: str


@dataclass(frozen=True)
class Metadata:
    """Every field the site and feeds run on. `provenance` maps a field name to where it came
    from: "header" (editor), "text" (stated), "inferred", "generated", "default" or "file"."""

    title: str = ""
    deck: str = ""
    author: str = ""
    source: str = ""
    url: str = ""
    dateline: str = ""
    date: str = ""  # YYYY-MM-DD, "" only when even the file time is unknown
    summary: str = ""
    people: tuple[str, ...] = ()
    organizations: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    events: tuple[Event, ...] = ()
    candidates: tuple[str, ...] = ()  # names found but not in the registry
    language: str = "en"
    word_count: int = 0
    reading_time: int = 0  # minutes
    slug: str = ""
    stable_id: str = ""
    provenance: dict[str, str] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()

    def source_of(self, name: str) -> str:
        return self.provenance.get(name, "")


@dataclass(frozen=True)
class ArticleRecord:
    """One content file after reading, cleaning and metadata: what `briefing inspect` shows."""

    path: str
    status: str  # "published" or "skipped"
    reason: str  # why skipped, or "" when published
    meta: Metadata
    body: str  # Markdown of the article body only
    removed: tuple[Removed, ...] = ()
    content_hash: str = ""

    def to_json(self) -> dict:
        meta = asdict(self.meta)
        out = {k: v for k, v in meta.items() if k != "provenance"}
        for name in ("title", "date", "author", "source", "topics", "summary", "dateline"):
            out[f"{name}_source"] = self.meta.source_of(name)
        out["provenance"] = dict(self.meta.provenance)
        out["body"] = self.body
        out["removed"] = [asdict(r) for r in self.removed]
        out["warnings"] = list(self.meta.warnings)
        out["path"] = self.path
        out["status"] = self.status
        out["reason"] = self.reason
        return out
