"""Pelican glue for the digest's own pages: topics, timelines, entities, subscribe, search, 404,
sitemap. The grouping itself is pure (grouping.py); this module reads the editors' files, puts the
groups in the shared template context and writes the pages.
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
import logging
import marshal
import os
import time
import tomllib
from dataclasses import dataclass, field, replace
from functools import partial
from html import escape

import jinja2
import pelican
from jinja2 import FileSystemBytecodeCache
from markupsafe import Markup
from pelican import signals
from pelican.generators import Generator
from pelican.utils import slugify

from . import cache, grouping
from .chart import coverage_svg
from .grouping import EntityPage, Item, Topic
from .model import Metadata
from .settings import from_inputs, get
from .writer import LEXER_SETTINGS

logger = logging.getLogger(__name__)

HOME_LATEST = 10  # articles listed on the home page
ARCHIVES = "archives/"  # Pelican writes the index (ARCHIVES_SAVE_AS); we write its year pages


# ---- reading ------------------------------------------------------------------------------------


def read_toml(path: str) -> dict:
    """A parsed TOML file; {} with a warning naming the file when it is missing or broken."""
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        logger.info("Briefing: %s not found; no entries from it", path)
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        logger.warning("Briefing: cannot read %s: %s (its entries are ignored)", path, err)
    return {}


def slug_function(settings):
    return partial(slugify, regex_subs=settings.get("SLUG_REGEX_SUBSTITUTIONS", []))


def item_of(article) -> Item:
    """The article as grouping sees it; articles without a record get one from Pelican's fields."""
    record = getattr(article, "briefing", None)
    meta = record.meta if record is not None else None
    if meta is None:
        meta = Metadata(title=str(article.title), date=article.date.strftime("%Y-%m-%d"))
    elif not meta.date:
        meta = _with_date(meta, article)
    return Item(url=article.url, meta=meta)


def _with_date(meta: Metadata, article) -> Metadata:
    return replace(meta, date=article.date.strftime("%Y-%m-%d"))


# ---- what the templates see ---------------------------------------------------------------------


@dataclass(frozen=True)
class Links:
    """Where a topic or entity named by an article has its page (None when it has none).

    Article pages read only this: it depends on the topic file and on which entities have pages,
    never on the list of articles itself.
    """

    topics: dict = field(default_factory=dict)  # any spelling -> Topic
    entities: dict = field(default_factory=dict)  # (kind, casefolded name or alias) -> url
    slug_of: object = None

    def topic(self, label: str) -> Topic | None:
        return self.topics.get(label.strip().casefold()) or self.topics.get(self.slug_of(label))

    def entity_url(self, kind: str, name: str) -> str | None:
        return self.entities.get((kind, name.strip().casefold()))

    def entity_urls(self, kind: str, names) -> list[tuple[str, str | None]]:
        """(name, entity_url) of each name: an article page's chips in one template call."""
        get = self.entities.get
        return [(name, get((kind, name.strip().casefold()))) for name in names]


@dataclass(frozen=True)
class SiteData:
    items: tuple[Item, ...]  # newest first
    topics: tuple[grouping.TopicGroup, ...]
    entities: tuple[EntityPage, ...]
    coverage: grouping.Coverage
    chart: Markup
    outlets: tuple[str, ...]
    links: Links

    @property
    def latest(self) -> tuple[Item, ...]:
        return self.items[:HOME_LATEST]

    @property
    def latest_date(self) -> str:
        return grouping.known_date(self.items[0].meta) if self.items else ""

    @property
    def archive(self) -> tuple[grouping.YearGroup, ...]:
        return grouping.by_month(self.items, newest=True, in_order=True)

    def entities_of_kind(self, kind: str) -> tuple[EntityPage, ...]:
        return tuple(p for p in self.entities if p.entity.kind == kind)


def entity_links(pages, registry) -> dict:
    """(kind, any name or alias) -> page URL, for the entities that have a page."""
    links = {}
    by_entity = {(p.entity.kind, p.entity.name): p.url for p in pages}
    for page in pages:
        links[(page.entity.kind, page.entity.name.casefold())] = page.url
    for entity in registry:
        url = by_entity.get((entity.kind, entity.name))
        for alias in entity.aliases if url else ():
            links.setdefault((entity.kind, alias.casefold()), url)
    return links


def site_data(articles, settings) -> SiteData:
    """Everything the digest's pages show, computed once per build."""
    slug_of = slug_function(settings)
    content = str(settings.get("PATH", "content"))
    topic_file = os.path.join(content, get(settings, "BRIEFING_TOPICS_FILE"))
    registry_file = os.path.join(content, get(settings, "BRIEFING_REGISTRY_FILE"))
    topics, problems = grouping.topics_from_data(read_toml(topic_file), slug_of)
    for problem in problems:
        logger.warning("Briefing: %s: %s", topic_file, problem, extra=from_inputs())
    registry, problems = grouping.registry_from_data(read_toml(registry_file))
    for problem in problems:
        logger.warning("Briefing: %s: %s", registry_file, problem, extra=from_inputs())
    items = grouping.newest_first(item_of(a) for a in articles)
    groups = grouping.group_by_topic(items, topics, slug_of, in_order=True)
    min_mentions = int(get(settings, "BRIEFING_ENTITY_MIN_MENTIONS"))
    entities = grouping.entity_pages(items, registry, min_mentions, slug_of, in_order=True)
    cov = grouping.coverage(items, groups)
    return SiteData(
        items=items,
        topics=groups,
        entities=entities,
        coverage=cov,
        chart=Markup(coverage_svg(cov, "coverage", "Coverage over time, per topic")),
        outlets=grouping.outlets(items),
        links=Links(
            grouping.topic_lookup(topics, slug_of), entity_links(entities, registry), slug_of
        ),
    )


def install_template_helpers(generator) -> None:
    """`generator_init` signal: escape everything by default (pasted text is data, never markup)
    and add the date filters. Touches the generator's own Jinja environment, not the settings.
    Compiled templates are kept in the cache folder (see TemplateCache)."""
    env = generator.env
    env.autoescape = True
    # A build reads each template once: Jinja would stat the file of every template a page
    # extends or imports again at each page (three an article page, ~40,000 at 10,000
    # articles), and the page keys hashed the source as first read (writer.template_inputs),
    # so a theme edited while a build runs must not reach that build's later pages.
    env.auto_reload = False
    env.filters["humandate"] = grouping.format_date
    env.filters["month_label"] = grouping.month_label
    env.filters["web_url"] = web_url
    env.filters["without_dateline"] = grouping.without_dateline
    env.globals["once"] = Once()  # this environment's, so this build's
    if env.bytecode_cache is None:
        folder = os.path.join(get(generator.settings, "BRIEFING_CACHE_DIR"), "templates")
        try:
            used = templates_used(generator.context, folder)
            version = cache.version_of(generator.settings)
            env.bytecode_cache = TemplateCache(folder, used, version)
        except OSError as err:  # only costs time: the templates are compiled as usual
            logger.info("Briefing: no cache of compiled templates in %s: %s", folder, err)


USED = "briefing_templates_used"  # the context's TemplatesUsed (no template names it)


def templates_used(context: dict, folder: str) -> TemplatesUsed:
    """The build's record of the compiled templates it uses: one for all its generators (the
    context is the build's, shared by them), pruning the folder when the build is done."""
    used = context.get(USED)
    if not isinstance(used, TemplatesUsed) or used.folder != folder:
        used = context[USED] = TemplatesUsed(folder)
        signals.finalized.connect(used.prune)  # weak: goes with the build's context
    return used


class TemplatesUsed:
    """The files of compiled templates a build read or wrote. When the build is done the others
    are deleted: each change of the plugin's code or of a template leaves a new set behind.
    A file changed since the build started is kept (another build sharing the folder made it),
    and deleting one another build still wants costs that build a compile, never its output."""

    PATTERN = "__jinja2_%s.cache"  # Jinja's FileSystemBytecodeCache default

    def __init__(self, folder: str) -> None:
        self.folder = folder
        self.names: set[str] = set()
        self.since = time.time()

    def prune(self, _pelican=None) -> None:
        try:
            names = os.listdir(self.folder)
        except OSError:
            return
        wanted = fnmatch.filter(names, self.PATTERN % "*")
        for name in set(wanted) - self.names:
            path = os.path.join(self.folder, name)
            try:
                if os.stat(path).st_mtime < self.since:
                    os.unlink(path)
            except OSError:
                continue  # gone already, or not ours to delete: it only takes room


class TemplateCache(FileSystemBytecodeCache):
    """Jinja's compiled templates, kept between builds: compiling the theme's templates is about
    half a second of a one-article rebuild (each generator's environment compiles base.html and
    the macros again). Jinja reuses code only for the same template source; the key adds what
    else shapes the code (compile_settings, taken when the first template is compiled: after
    every plugin had its say at `generator_init`), which Jinja's own key leaves out."""

    def __init__(
        self, directory: str, used: TemplatesUsed | None = None, version: str | None = None
    ) -> None:
        os.makedirs(directory, exist_ok=True)
        super().__init__(directory, TemplatesUsed.PATTERN)
        self.salt: str | None = None
        self.used = used
        self.version = version  # the plugin's code (cache.version_of), else hashed when needed

    def get_bucket(self, environment, name, filename, source):
        if self.salt is None:
            self.salt = compile_settings(environment, self.version)
        return super().get_bucket(environment, name, filename, source)

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        return hashlib.sha256(f"{self.salt}\0{name}\0{filename}".encode()).hexdigest()

    # A cache that cannot be read or written (gone, read-only, disk full) or a torn file (Jinja
    # renames it in place without syncing it) costs compiling, not the build.
    def load_bytecode(self, bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception as err:  # noqa: BLE001  (Jinja unpickles the file: any error is possible)
            logger.debug("Briefing: compiled template not read: %s", err)
            bucket.reset()
        if bucket.code is not None:
            self._used(bucket)

    def dump_bytecode(self, bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError as err:
            logger.debug("Briefing: compiled template not kept: %s", err)
        else:
            self._used(bucket)

    def _used(self, bucket) -> None:
        if self.used is not None:
            self.used.names.add(os.path.basename(self._get_cache_filename(bucket)))


def compile_settings(env, version: str | None = None) -> str:
    """Everything besides a template's source that its compiled code depends on: the versions of
    Jinja, Pelican and the plugin (filters applied to constants run at compile time), the
    syntax, whitespace and escaping options, and the names of the filters, tests and extensions
    (an unknown one is a compile error); the code of filters and tests from elsewhere (a site's
    JINJA_FILTERS), since Jinja runs a filter on constant arguments while compiling."""
    options = [
        jinja2.__version__,
        pelican.__version__,
        version or cache.code_version(),
        [getattr(env, name) for name in SYNTAX],
        repr(env.autoescape) if isinstance(env.autoescape, bool) else _name(env.autoescape),
        _code(env.finalize) if env.finalize else None,
        sorted((name, _code(f)) for name, f in env.filters.items()),
        sorted((name, _code(f)) for name, f in env.tests.items()),
        sorted(env.extensions),
        env.is_async,
    ]
    return hashlib.sha256(json.dumps(options).encode()).hexdigest()


SYNTAX = (*LEXER_SETTINGS, "optimized")  # the lexer's settings, and the optimizer's


def _name(function) -> str:
    """Module and qualified name; a callable object (Pelican's strftime filter) by its class:
    its repr names its address, which differs in every process, and so would the key."""
    named = function if hasattr(function, "__qualname__") else type(function)
    return f"{getattr(named, '__module__', '')}.{getattr(named, '__qualname__', '')}"


KNOWN_CODE = ("jinja2.", "markupsafe.", "pelican.", "briefing.")  # their versions are in the key


def _code(function) -> str:
    """A function's name, and for one from elsewhere a digest of its code, defaults and closure
    (a closure's repr may differ between runs: then the cache only misses). A partial (Pelican's
    plugin_enabled test) is its function and its arguments; an object from elsewhere, its
    class's __call__ and its attributes."""
    if isinstance(function, partial):
        bound = repr((function.args, function.keywords)).encode()
        return f"partial({_code(function.func)}, {hashlib.sha256(bound).hexdigest()})"
    name = _name(function)
    if name.startswith(KNOWN_CODE):
        return name
    if hasattr(function, "__code__"):
        cells = tuple(cell.cell_contents for cell in function.__closure__ or ())
        parts = marshal.dumps(function.__code__) + repr((function.__defaults__, cells)).encode()
        owner = getattr(function, "__self__", None)  # a bound method: its object's state too
        if owner is not None:
            parts += repr((getattr(owner, "__dict__", None), _slot_values(owner))).encode()
        return f"{name}:{hashlib.sha256(parts).hexdigest()}"
    call = type(function).__call__ if callable(function) else None  # an object: its class's
    if hasattr(call, "__code__"):
        state = repr((getattr(function, "__dict__", None), _slot_values(function))).encode()
        return f"{name}:{_code(call)}:{hashlib.sha256(state).hexdigest()}"
    # Made in C (operator.itemgetter): its repr shows its arguments; a repr that shows an
    # address instead differs in every process, and the cache then only misses.
    return f"{name}:{hashlib.sha256(repr(function).encode()).hexdigest()}"


def _slot_values(thing) -> tuple:
    """The values of an object's __slots__ (it may have no __dict__ to hold its state)."""
    names = []
    for klass in type(thing).__mro__:
        slots = klass.__dict__.get("__slots__", ())
        names += [slots] if isinstance(slots, str) else list(slots)
    return tuple(getattr(thing, name, None) for name in names)


class Once:
    """`once(macro, value, *given)` in a template: what `macro(value)` printed the first time,
    for a macro whose output depends on nothing but `value` and the `given` context values (so
    SITEURL, which is relative to each page with RELATIVE_URLS). A list row is rendered once a
    build, however many year pages list its article.

    A macro is known by its compiled code: a template imported `with context` makes its macros
    anew for each page, from the same code; two macros of one name in two templates are two."""

    def __init__(self) -> None:
        self._made: dict[tuple, tuple[object, object, Markup]] = {}  # -> (value, code, output)
        self._by_value: dict[tuple, tuple] = {}  # (id(code), *given) -> (code, {value: output})

    def __call__(self, macro, value, *given) -> Markup:
        code = getattr(getattr(macro, "_func", None), "__code__", None)  # jinja2.runtime.Macro
        if code is None:  # not a Jinja macro as we know it: nothing to go by
            return macro(value)
        key = (id(code), id(value), *given)
        found = self._made.get(key)
        if found is not None and found[0] is value and found[1] is code:
            return found[2]
        made = macro(value)
        self._made[key] = (value, code, made)  # both kept alive: their ids stay theirs
        return made

    def join(self, macro, values, *given) -> Markup:
        """`once(macro, value, *given)` of each value, one after the other."""
        return Markup("".join([self(macro, value, *given) for value in values]))

    def join_equal(self, macro, values, *given) -> Markup:
        """`join` for values made anew for each page that print the same whenever they are
        equal (tuples of strings: an article page's (name, url) chips), so known by value, not
        by identity: a person named by a thousand articles has one chip rendered a build."""
        code = getattr(getattr(macro, "_func", None), "__code__", None)
        if code is None:
            return Markup("".join([macro(value) for value in values]))
        # By the code object's id (equal code objects of two templates are two macros), the
        # code kept alive beside its outputs so that the id stays its own.
        _code, made = self._by_value.setdefault((id(code), *given), (code, {}))
        return Markup("".join([_equal_once(made, macro, v) for v in values]))


def _equal_once(made: dict, macro, value) -> Markup:
    """macro(value), made once for equal tuples of plain strings (or None). Equal values of
    other types may print differently (a Markup and a str of the same text; True and 1)."""
    if type(value) is not tuple or not all(type(x) is str or x is None for x in value):
        return macro(value)
    found = made.get(value)
    if found is None:
        found = made[value] = macro(value)
    return found


def web_url(url: str) -> str:
    """The URL when it is an http(s) address, else '': an editor's URL: line is never a script."""
    url = (url or "").strip()
    return url if url.lower().startswith(("http://", "https://")) else ""


# ---- the generator ------------------------------------------------------------------------------


class BriefingPagesGenerator(Generator):
    """Writes topic, timeline, archive-year, entity, subscribe, search and 404 pages, and
    sitemap.xml.

    A list that would name every article (a timeline, the archives, a busy person's mentions) is
    one page a year under a short index: a reader finds a year, and adding an article renders its
    year's page again, not a page of the whole digest. Each page is given only what it shows, so
    the incremental writer reuses the years that did not change.
    """

    def generate_context(self) -> None:
        site = site_data(self.context.get("articles", []), self.settings)
        self.site = site
        self.event_words: dict = {}  # an event sentence's words, for all timelines of the build
        self.context["briefing_site"] = site  # the home page's; others take less (page keys)
        self.context["briefing_links"] = site.links
        # The archives' index (Pelican's archives page) and its year pages, newest first.
        self.archive = site.archive
        self.context["briefing_archive"] = grouping.year_links(self.archive, ARCHIVES)

    def generate_output(self, writer) -> None:
        self.written: list[tuple[str, str]] = []  # (url, lastmod) for the sitemap
        self.latest = int(get(self.settings, "BRIEFING_PER_PAGE"))
        self.write_topics(writer)
        self.write_timeline(writer, "timeline/", None, self.site.items)
        archive = self.context["briefing_archive"]
        self.write_years(writer, ARCHIVES, "archive_year", self.archive, archive)
        self.write_entities(writer)
        topics = tuple(group.topic for group in self.site.topics)
        self.write(
            writer, "subscribe/index.html", "subscribe", page_url="subscribe/", topics=topics
        )
        found = tuple(group.topic for group in self.site.topics if group.items)
        outlets = self.site.outlets
        self.write(
            writer, "search/index.html", "search", page_url="search/", topics=found, outlets=outlets
        )
        self.write(writer, "404.html", "404", page_url="404.html", in_sitemap=False)
        self.write_sitemap()

    def write(self, writer, save_as, template, page_url, in_sitemap=True, lastmod="", **kw):
        writer.write_file(
            save_as,
            self.get_template(template),
            self.context,
            relative_urls=self.settings.get("RELATIVE_URLS", False),
            page_url=page_url,
            **kw,
        )
        if in_sitemap:
            self.written.append((page_url, lastmod))

    def write_topics(self, writer) -> None:
        """A topic's page shows its latest articles and chart; every article is on the pages
        of the topic's timeline, one a year."""
        for group in self.site.topics:
            base = f"topics/{group.topic.slug}/"
            years = self.write_timeline(writer, f"{base}timeline/", group.topic, group.items)
            chart, cov = self.topic_chart(group)
            self.write(
                writer,
                base + "index.html",
                "topic",
                page_url=base,
                lastmod=group.latest,
                topic=group.topic,
                count=len(group.items),
                latest_date=group.latest,
                items=group.items[: self.latest],
                years=years,
                chart=chart,
                coverage=cov,
            )

    def topic_chart(self, group) -> tuple[Markup, grouping.Coverage]:
        """The topic's own coverage chart, and its numbers for the table under it."""
        cov = self.site.coverage
        mine = dict(cov.per_topic).get(group.topic, ())
        one = (
            grouping.Coverage(cov.months, mine, ()) if any(mine) else grouping.Coverage((), (), ())
        )
        title = f"Coverage of {group.topic.name} over time"
        chart_id = f"coverage-{group.topic.slug}"
        svg = coverage_svg(one, chart_id, title, with_topics=False, name=group.topic.name)
        return Markup(svg), one

    def write_timeline(self, writer, url, topic, items) -> tuple[grouping.YearLink, ...]:
        """The timeline's index of years and one page a year (articles by month, events)."""
        events = grouping.events_timeline(items, self.event_words)
        years, dated = grouping.timeline_years(items, events)
        links = grouping.year_links(years, url, dated)
        self.write(
            writer,
            url + "index.html",
            "timeline",
            page_url=url,
            topic=topic,
            years=links,
            article_count=len(items),
            event_count=len(events),
        )
        self.write_years(writer, url, "timeline_year", years, links, topic=topic, dated=dated)
        return links

    def write_years(self, writer, url, template, years, links, dated=None, **kw) -> None:
        """One page per year under `url` (`links`: the years' index entries). A page names its
        neighbours by year and address only: another year's new article leaves it as it was."""
        way = [(link.label, link.url) for link in links]
        for n, (year, link) in enumerate(zip(years, links, strict=True)):
            self.write(
                writer,
                link.url + "index.html",
                template,
                page_url=link.url,
                year=year,
                events=(dated or {}).get(year.year, ()),
                index_url=url,
                prev_link=way[n - 1] if n else None,
                next_link=way[n + 1] if n + 1 < len(way) else None,
                **kw,
            )

    def write_entities(self, writer) -> None:
        """An entity's page shows its latest articles; a busy one has a page a year for all."""
        for page in self.site.entities:
            # Only a page that shows its latest articles, not all, links its years (entity.html).
            busy = len(page.items) > self.latest
            years = grouping.by_month(page.items, newest=True, in_order=True) if busy else ()
            links = grouping.year_links(years, page.url)
            self.write(
                writer,
                page.url + "index.html",
                "entity",
                page_url=page.url,
                lastmod=page.items[0].meta.date if page.items else "",
                entity=page.entity,
                count=len(page.items),
                items=page.items[: self.latest],
                years=links,
                companions=page.companions,
            )
            if busy:
                self.write_years(writer, page.url, "entity_year", years, links, entity=page.entity)

    def write_sitemap(self) -> None:
        siteurl = self.settings.get("SITEURL", "").rstrip("/")
        entries = [("", self.site.latest_date), ("archives/", "")]
        entries += [(i.url, i.meta.date) for i in self.site.items] + self.written
        lines = [
            '<?xml version="1.0" encoding="UTF-8"?>',
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
        ]
        for url, lastmod in sorted(set(entries)):
            mod = f"<lastmod>{lastmod}</lastmod>" if len(lastmod) == 10 else ""
            lines.append(f"<url><loc>{escape(f'{siteurl}/{url}')}</loc>{mod}</url>")
        lines.append("</urlset>\n")
        path = os.path.join(self.output_path, "sitemap.xml")
        with open(path, "w", encoding="utf-8", newline="\n") as fh:
            fh.write("\n".join(lines))


def get_generators(_pelican) -> type:
    """`get_generators` signal: our pages are written by one more generator."""
    return BriefingPagesGenerator
