"""Feeds with feedgen: RSS 2.0 and Atom for the whole digest and for each topic of topics.toml.

One FeedGenerator per feed file. Every date comes from the articles, never the clock, so an
unchanged site gives byte-identical feeds; each file is written to a temp file, then renamed,
or hard-linked from the previous output when its inputs did not change (KeptFeeds).
"""

from __future__ import annotations

import hashlib
import html
import io
import logging
import pickle
import re
import tomllib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from functools import cache, cached_property, partial
from importlib import metadata as dist_metadata
from pathlib import Path
from typing import Any

import lxml.html
from feedgen.feed import FeedGenerator

from .cache import file_id, output_file, read_json_object, version_of, write_atomic, write_json
from .grouping import Topic, topic_lookup, topics_from_data, topics_of
from .linkpages import link_or_copy
from .model import Metadata
from .settings import defaults, from_inputs, get
from .writer import previous_output

logger = logging.getLogger(__name__)

# XML 1.0 forbids C0 controls (but tab, LF, CR), lone surrogates and U+FFFE/U+FFFF; C1 controls
# are legal but never meaningful in news text, and lxml refuses the forbidden ones outright.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_LINK = re.compile(r"\b(href|src)\s*=")
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
RSS_TYPE = "application/rss+xml"
ATOM_TYPE = "application/atom+xml"


def simple_slug(text: str) -> str:
    """A slug without Pelican: lowercase words joined by dashes."""
    return re.sub(r"[\W_]+", "-", text.casefold()).strip("-")


@dataclass(frozen=True)
class Topics:
    """The topic file as feeds see it: the topics in file order, and the slug function of the
    topic pages, so an article is in a topic's feed exactly when it is on the topic's page."""

    all: tuple[Topic, ...] = ()
    slug_of: Callable[[str], str] = simple_slug

    @cached_property
    def lookup(self) -> dict[str, Topic]:
        return topic_lookup(self.all, self.slug_of)  # built once, not once per article

    @cached_property
    def _named(self) -> dict[tuple[str, ...], tuple[Topic, ...]]:
        return {}  # labels -> topics: thousands of articles share a few label sets

    def of(self, labels: Iterable[str]) -> tuple[Topic, ...]:
        """The known topics an editor's labels name (slug, name or a slug-like spelling);
        the labels are made XML-safe first, once per label set."""
        key = tuple(labels)
        found = self._named.get(key)
        if found is None:
            safe = Metadata(topics=tuple(xml_safe(label) for label in key))
            found = self._named[key] = topics_of(safe, self.lookup, self.slug_of)
        return found


@dataclass(frozen=True)
class FeedItem:
    """One article as every feed shows it; all text already XML-safe."""

    guid: str
    title: str
    link: str
    summary: str
    content_html: str
    date: datetime  # aware, UTC
    creator: str  # "Author, Outlet", either one, or ""
    categories: tuple[Topic, ...]
    path: str = ""  # the content file, for messages


@dataclass(frozen=True)
class Site:
    url: str  # SITEURL without the trailing slash
    name: str
    description: str
    language: str
    author: str
    max_items: int


@dataclass(frozen=True)
class FeedSpec:
    """One feed in both formats: `stem` + ".rss.xml" / ".atom.xml" under the output folder."""

    stem: str
    title: str
    description: str
    page: str  # absolute URL of the HTML page the feed follows
    topic: str = ""  # topic slug, "" for the whole digest


def xml_safe(text: str) -> str:
    """The text without characters XML cannot carry."""
    return _NOT_XML.sub("", text or "")


def guid_for(stable_id: str) -> str:
    """The item id: from the article's stable id only, so renames and fixes keep it."""
    return f"urn:briefing:{stable_id}"


def site_from_settings(settings: Mapping[str, Any]) -> Site:
    name = str(settings.get("SITENAME") or "Briefing")
    return Site(
        url=str(settings.get("SITEURL") or "").rstrip("/"),
        name=name,
        description=str(settings.get("SITESUBTITLE") or name),
        language=str(settings.get("DEFAULT_LANG") or "en"),
        author=str(settings.get("AUTHOR") or name),
        max_items=feed_items(settings),
    )


def feed_items(settings: Mapping[str, Any]) -> int:
    """BRIEFING_FEED_ITEMS as a positive whole number; a wrong value is named, then defaulted."""
    value = get(settings, "BRIEFING_FEED_ITEMS")
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    fallback = defaults()["BRIEFING_FEED_ITEMS"]
    logger.error(
        "BRIEFING_FEED_ITEMS = %r is not a positive whole number; using %d",
        *(value, fallback),
        extra=from_inputs(),
    )
    return fallback


def load_topics(path: Path, slug_of: Callable[[str], str] = simple_slug) -> Topics:
    """The topics of the topic file (checked as the topic pages check them); a broken file or
    entry is reported by name and gets no feed."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Topics((), slug_of)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
        logger.error("%s: cannot read topics, no topic feeds written: %s", path, err)
        return Topics((), slug_of)
    topics, problems = topics_from_data(data, slug_of)
    for problem in problems:
        logger.error("%s: %s", path, problem, extra=from_inputs())
    return Topics(topics, slug_of)


def absolute_links(fragment: str, base: str) -> str:
    """Relative href/src made absolute: an RSS reader has no base URL to resolve them."""
    # The substring tests first: the pattern's word boundary is tried at every position.
    if ("href" not in fragment and "src" not in fragment) or not _LINK.search(fragment):
        return fragment
    root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    root.make_links_absolute(base, resolve_base_href=False)
    parts = [html.escape(root.text or "", quote=False)]
    parts += [lxml.html.tostring(child, encoding="unicode") for child in root]
    return "".join(parts)


def utc_date(value: datetime) -> datetime:
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def creator_of(author: str, source: str) -> str:
    return ", ".join(part for part in (xml_safe(author).strip(), xml_safe(source).strip()) if part)


def new_item(
    *,
    stable_id: str,
    title: str,
    link: str,
    summary: str,
    content_html: str,
    date: datetime,
    author: str,
    source: str,
    topic_labels: Iterable[str],
    topics: Topics,
    path: str = "",
) -> FeedItem:
    """A feed item from plain values: the one place where editors' text is made XML-safe."""
    return replace(
        placed_item(stable_id, date, topic_labels, topics, path),
        title=xml_safe(title).strip() or "(untitled)",
        link=link,
        summary=xml_safe(summary).strip(),
        content_html=xml_safe(content_html),
        creator=creator_of(author, source),
    )


def placed_item(
    stable_id: str, date: datetime, topic_labels: Iterable[str], topics: Topics, path: str = ""
) -> FeedItem:
    """An item without its text: what places it in the feeds (its guid, date and topics)."""
    return FeedItem(
        guid=guid_for(xml_safe(stable_id)),
        title="",
        link="",
        summary="",
        content_html="",
        date=utc_date(date),
        creator="",
        categories=topics.of(topic_labels),
        path=path,
    )


def item_from_article(
    article: Any, site: Site, topics: Topics, with_content: bool = True
) -> FeedItem | None:
    """The feed item of a Pelican article, or None (with a message) when it has no stable id.
    With `with_content=False` the item only serves to choose what a feed shows (placed_item):
    a digest of thousands shows its newest few."""
    record = getattr(article, "briefing", None)
    where = getattr(record, "path", "") or getattr(article, "source_path", "?")
    if record is None or not record.meta.stable_id:
        logger.warning("%s: no stable id, left out of the feeds", where, extra=from_inputs())
        return None
    meta = record.meta
    if not with_content:
        return placed_item(meta.stable_id, article.date, meta.topics, topics, str(where))
    link = f"{site.url}/{article.url}"
    return new_item(
        stable_id=meta.stable_id,
        title=meta.title or str(article.title),
        link=link,
        summary=meta.summary,
        content_html=absolute_links(article.get_content(site.url), link),
        date=article.date,
        author=meta.author,
        source=meta.source,
        topic_labels=meta.topics,
        topics=topics,
        path=str(where),
    )


def unique_items(items: Iterable[FeedItem]) -> list[FeedItem]:
    """One item per guid (the same article pasted twice); the newest copy stays."""
    seen: dict[str, FeedItem] = {}
    for item in newest_first(items):
        if item.guid in seen:
            logger.warning(
                "%s: same article as %s, left out of the feeds",
                *(item.path, seen[item.guid].path),
                extra=from_inputs(),
            )
        else:
            seen[item.guid] = item
    return list(seen.values())


def newest_first(items: Iterable[FeedItem]) -> list[FeedItem]:
    """Newest first; the guid breaks ties so the order never depends on the file system."""
    return sorted(sorted(items, key=lambda i: i.guid), key=lambda i: i.date, reverse=True)


def items_for(spec: FeedSpec, items: Sequence[FeedItem], limit: int) -> list[FeedItem]:
    """The feed's `limit` newest items, from `items` newest first (the lists stop early)."""
    chosen: list[FeedItem] = []
    for item in items:
        if len(chosen) >= limit:
            break
        if not spec.topic or any(t.slug == spec.topic for t in item.categories):
            chosen.append(item)
    return chosen


def feed_specs(site: Site, topics: Topics) -> list[FeedSpec]:
    specs = [FeedSpec("feeds/all", site.name, site.description, f"{site.url}/")]
    for t in topics.all:
        title = f"{xml_safe(t.name)} — {site.name}"
        about = xml_safe(t.description) or f"{site.name}: articles on {xml_safe(t.name)}."
        specs.append(
            FeedSpec(f"feeds/topics/{t.slug}", title, about, f"{site.url}/topics/{t.slug}/", t.slug)
        )
    return specs


def _generator(spec: FeedSpec, site: Site, self_url: str, self_type: str, updated: datetime):
    fg = FeedGenerator()
    fg.id(self_url)
    fg.title(xml_safe(spec.title))
    fg.subtitle(xml_safe(spec.description))  # also the RSS <description>
    fg.language(site.language)
    fg.author(name=xml_safe(site.author))
    fg.generator("Briefing (python-feedgen)")
    # feedgen's RSS <link> is the last link added: self first, the HTML page last.
    fg.link(href=self_url, rel="self", type=self_type)
    fg.link(href=spec.page, rel="alternate", type="text/html")
    fg.updated(updated)  # feedgen defaults to now(); the newest item keeps builds identical
    return fg


def _add_entry(fg: FeedGenerator, item: FeedItem, site: Site, rss: bool) -> None:
    fe = fg.add_entry(order="append")  # feedgen prepends by default, which reverses the order
    fe.guid(item.guid, permalink=False)
    fe.title(item.title)
    fe.link(href=item.link, rel="alternate", type="text/html")
    fe.published(item.date)
    fe.updated(item.date)
    fe.content(item.content_html, type="html")  # escaped text; "CDATA" is no Atom type
    if item.summary:
        # Readers take RSS <description> as HTML: the plain summary goes in escaped, so a
        # pasted "<b>" stays visible text. Atom's <summary> is typed text and needs no escape.
        fe.summary(html.escape(item.summary, quote=False) if rss else item.summary)
    for topic in item.categories:
        fe.category(term=topic.slug, label=xml_safe(topic.name), scheme=f"{site.url}/topics/")
    if item.creator:
        if rss:
            fe.dc.dc_creator(item.creator)  # RSS <author> must be an email address
        else:
            fe.author(name=item.creator)


def rss_bytes(spec: FeedSpec, items: Sequence[FeedItem], site: Site, updated: datetime) -> bytes:
    url = f"{site.url}/{spec.stem}.rss.xml"
    fg = _generator(spec, site, url, RSS_TYPE, updated)
    fg.load_extension("dc", atom=False, rss=True)
    for item in items:
        _add_entry(fg, item, site, rss=True)
    return fg.rss_str(pretty=True)


def atom_bytes(spec: FeedSpec, items: Sequence[FeedItem], site: Site, updated: datetime) -> bytes:
    url = f"{site.url}/{spec.stem}.atom.xml"
    fg = _generator(spec, site, url, ATOM_TYPE, updated)
    for item in items:
        _add_entry(fg, item, site, rss=False)
    return fg.atom_str(pretty=True)


def render_feeds(
    items: Sequence[FeedItem],
    site: Site,
    topics: Topics,
    complete: Callable[[FeedItem], FeedItem] | None = None,
) -> dict[str, bytes]:
    """Every feed file, by path relative to the output folder. `complete` fills in the content
    of the items a feed shows (so a digest of thousands renders only the newest few)."""
    return {
        rel: render(*inputs) for rel, render, inputs in feed_files(items, site, topics, complete)
    }


def feed_files(
    items: Sequence[FeedItem],
    site: Site,
    topics: Topics,
    complete: Callable[[FeedItem], FeedItem] | None = None,
) -> list[tuple[str, Callable[..., bytes], tuple]]:
    """(path relative to the output folder, rss_bytes or atom_bytes, its arguments) of every
    feed file: the arguments are everything its bytes depend on, besides the code."""
    every = unique_items(items)  # newest first
    site_updated = every[0].date if every else EPOCH
    files = []
    for spec in feed_specs(site, topics):
        chosen = items_for(spec, every, site.max_items)
        if complete is not None:
            chosen = [complete(item) for item in chosen]
        updated = chosen[0].date if chosen else site_updated
        inputs = (spec, chosen, site, updated)
        files.append((f"{spec.stem}.rss.xml", rss_bytes, inputs))
        files.append((f"{spec.stem}.atom.xml", atom_bytes, inputs))
    return files


def write_feeds(
    articles: Iterable[Any],
    settings: Mapping[str, Any],
    output: str,
    slug_of: Callable[[str], str] = simple_slug,
) -> list[Path]:
    """Write all feeds of these articles into `output`; returns the paths written (a file whose
    inputs did not change since the previous output's is linked from there instead)."""
    site = site_from_settings(settings)
    if not site.url.startswith(("http://", "https://")):
        logger.warning(
            "SITEURL %r is not absolute: feed links will not work", site.url, extra=from_inputs()
        )
    topics_file = Path(str(settings.get("PATH", "content"))) / get(settings, "BRIEFING_TOPICS_FILE")
    topics = load_topics(topics_file, slug_of)
    light = {}  # item without content -> its article
    for article in articles:
        item = item_from_article(article, site, topics, with_content=False)
        if item is not None:
            light[item] = article

    @cache
    def complete(item: FeedItem) -> FeedItem:
        return item_from_article(light[item], site, topics) or item

    kept = KeptFeeds.of(settings, output)
    code = feeds_code(settings) if kept is not None else ""
    keys: dict[int, str | None] = {}  # a feed's RSS and Atom files have the same arguments
    written = []
    for rel, render, inputs in feed_files(list(light), site, topics, complete):
        path = Path(output) / rel
        if id(inputs) not in keys:
            keys[id(inputs)] = inputs_key(inputs) if kept is not None else None
        key = keys[id(inputs)] and f"{code} {render.__name__} {keys[id(inputs)]}"
        if not key or not kept.link(rel, key, path):
            write_atomic(path, render(*inputs))
        if key:
            kept.remember(rel, key, path)
        written.append(path)
    if kept is not None:
        kept.save()
    return written


def feeds_code(settings: Mapping[str, Any]) -> str:
    """The code a feed file's bytes depend on: the plugin's and its libraries' (hashed once a
    build, cache.version_of), and feedgen."""
    try:
        feedgen = dist_metadata.version("feedgen")
    except dist_metadata.PackageNotFoundError:
        feedgen = "-"
    return f"{version_of(settings)} feedgen={feedgen}"


def inputs_key(inputs: tuple) -> str | None:
    """The digest of a feed file's arguments (feed_files): their pickle without a memo, so
    equal values give equal bytes (plain dataclasses, strings and dates; a tenth of the time
    of their repr, the articles' HTML being most of it)."""
    out = io.BytesIO()
    pickler = pickle.Pickler(out, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.fast = True
    try:
        pickler.dump(inputs)
    except Exception as err:  # noqa: BLE001  (a value pickle cannot carry: the feed is rendered)
        logger.debug("feed rendered: its inputs have no key: %s", err)
        return None
    return hashlib.sha256(out.getvalue()).hexdigest()


class KeptFeeds:
    """The feed files of the previous output (`briefing build` makes each output in a new
    folder): one whose key is the one recorded for it, and which is still the very file that
    build wrote (inode, size, mtime), is hard-linked into the new output instead of rendered.
    On a rebuild after one article changed, most feeds show the same newest articles."""

    def __init__(self, previous: Path, manifest: Path) -> None:
        self.previous, self.manifest = previous, manifest
        self.old = read_json_object(self.manifest)
        self.new: dict[str, list] = {}

    @classmethod
    def of(cls, settings: Mapping[str, Any], output: str) -> KeptFeeds | None:
        previous = previous_output(output, settings)
        if previous is None:
            return None
        return cls(previous, output_file(settings, previous, "feeds"))

    def link(self, rel: str, key: str, path: Path) -> bool:
        entry = self.old.get(rel)
        if not isinstance(entry, list) or entry[:1] != [key]:
            return False
        source = self.previous / rel
        try:
            if file_id(source) != entry[1:]:
                return False
            path.parent.mkdir(parents=True, exist_ok=True)
            link_or_copy(source, path)
        except OSError:
            return False
        return True

    def remember(self, rel: str, key: str, path: Path) -> None:
        try:
            self.new[rel] = [key, *file_id(path)]
        except OSError:
            return

    def save(self) -> None:
        """Kept atomically; a failure only costs the next build the rendering."""
        try:
            write_json(self.manifest, self.new)
        except OSError as err:
            logger.warning("could not save the feed manifest %s: %s", self.manifest, err)


def on_generators_finalized(generators: Iterable[Any]) -> None:
    """Pelican hook: once every article is read, write the feeds."""
    from pelican.generators import ArticlesGenerator
    from pelican.utils import slugify

    for gen in generators:
        if isinstance(gen, ArticlesGenerator):
            # The topic pages slug names with Pelican's slugify and these substitutions.
            subs = gen.settings.get("SLUG_REGEX_SUBSTITUTIONS", [])
            slug_of = partial(slugify, regex_subs=subs)
            write_feeds(gen.articles, gen.settings, gen.output_path, slug_of)
