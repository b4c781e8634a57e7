"""Pure: CleanedArticle + editor headers -> Metadata, each field with its provenance.

Placeholder chain; the full extractors replace this package's internals, same entry point.
"""

from __future__ import annotations

import hashlib
import re

from ..model import CleanedArticle, Metadata
from ..settings import Options


def stable_id(body: str) -> str:
    """An id from the article's own words: survives renames and fixes of title or date."""
    words = re.findall(r"\w+", body.lower())[:80]
    return hashlib.sha256(" ".join(words).encode()).hexdigest()[:16]


def extract(
    cleaned: CleanedArticle, headers: dict[str, str], options: Options, file_date: str
) -> Metadata:
    prov: dict[str, str] = {}
    title = headers.get("title") or cleaned.title
    prov["title"] = "header" if headers.get("title") else ("text" if title else "generated")
    if not title:
        title = " ".join(cleaned.body.split()[:8]) + "…"
    date = headers.get("date", "")[:10] or file_date
    prov["date"] = "header" if headers.get("date") else "file"
    words = len(cleaned.body.split())
    return Metadata(
        title=title,
        date=date,
        author=headers.get("author", ""),
        source=headers.get("source", options.default_source),
        url=headers.get("url", ""),
        summary=headers.get("summary", cleaned.deck or cleaned.body.split("\n\n")[0][:300]),
        topics=tuple(t.strip() for t in headers.get("topics", "").split(",") if t.strip()),
        word_count=words,
        reading_time=max(1, round(words / options.words_per_minute)),
        slug=headers.get("slug", ""),
        stable_id=stable_id(cleaned.body),
        provenance=prov,
    )
