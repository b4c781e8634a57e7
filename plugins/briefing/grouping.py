"""Pure: published articles -> topics, timelines, events, entities and coverage counts.

Plain data in (Item: an article's URL and Metadata), plain data out; every order is total, so
two builds of the same content list things identically.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import chain, groupby
from operator import attrgetter

from .model import Metadata

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
KINDS = ("person", "organization", "place")
KIND_DIRS = {"person": "people", "organization": "organizations", "place": "places"}
KIND_FIELDS = {"person": "people", "organization": "organizations", "place": "places"}
_SAFE_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")


@dataclass(frozen=True)
class Item:
    """One published article as grouping sees it: its page URL and its metadata."""

    url: str
    meta: Metadata = field(compare=False)  # an article is its page: equal and hashed by URL
    # Sort keys, worked out once: the lists sort the same articles a dozen times a build.
    tiebreak: tuple[str, str] = field(init=False, compare=False, repr=False)
    known: str = field(init=False, compare=False, repr=False)  # known_date(meta)
    month: str = field(init=False, compare=False, repr=False)  # "2020-02", "" when undated

    def __post_init__(self) -> None:
        object.__setattr__(self, "tiebreak", (self.meta.title.casefold(), self.url))
        known = known_date(self.meta)
        object.__setattr__(self, "known", known)
        object.__setattr__(self, "month", known[:7])


@dataclass(frozen=True)
class Topic:
    slug: str
    name: str
    description: str = ""


@dataclass(frozen=True)
class Entity:
    kind: str  # "person", "organization" or "place"
    name: str
    aliases: tuple[str, ...] = ()
    description: str = ""


# ---- reading the editors' files (already parsed from TOML) -------------------------------------


def topics_from_data(
    data: Mapping, slug_of: Callable[[str], str]
) -> tuple[tuple[Topic, ...], list]:
    """Topics from parsed topics.toml, and a list of problems (entries skipped, and why)."""
    topics: list[Topic] = []
    problems: list[str] = []
    seen: set[str] = set()
    for n, entry in enumerate(data.get("topic", []) or [], start=1):
        if not isinstance(entry, Mapping):
            problems.append(f"topic #{n} is not a table")
            continue
        name = str(entry.get("name") or entry.get("slug") or "").strip()
        slug = str(entry.get("slug") or "").strip()
        if slug and not _SAFE_SLUG.match(slug):
            problems.append(f"topic #{n}: slug {slug!r} is not lowercase letters, digits and -")
            slug = ""
        slug = slug or slug_of(name)
        if not name or not slug:
            problems.append(f"topic #{n} has neither a name nor a slug")
            continue
        if slug in seen:
            problems.append(f"topic #{n}: slug {slug!r} is used twice; the second is ignored")
            continue
        seen.add(slug)
        topics.append(Topic(slug, name, str(entry.get("description") or "").strip()))
    return tuple(topics), problems


def registry_from_data(data: Mapping) -> tuple[tuple[Entity, ...], list]:
    """Entities from parsed entities.toml ([[person]], [[organization]], [[place]])."""
    entities: list[Entity] = []
    problems: list[str] = []
    for kind in KINDS:
        for n, entry in enumerate(data.get(kind, []) or [], start=1):
            name = str(entry.get("name") or "").strip() if isinstance(entry, Mapping) else ""
            if not name:
                problems.append(f"{kind} #{n} has no name")
                continue
            aliases = tuple(
                str(a).strip() for a in entry.get("aliases", []) or [] if str(a).strip()
            )
            description = str(entry.get("description") or "").strip()
            entities.append(Entity(kind, name, aliases, description))
    return tuple(entities), problems


UNKNOWN_DATE = ("file", "default", "generated")  # provenances that mean "we do not know"


def known_date(meta: Metadata) -> str:
    """The article's date when the article itself gives it, else '' (a file's date is not)."""
    return "" if meta.source_of("date") in UNKNOWN_DATE else meta.date


# ---- ordering ----------------------------------------------------------------------------------


_TIEBREAK = attrgetter("tiebreak")
_KNOWN = attrgetter("known")
_MONTH = attrgetter("month")


def newest_first(items: Iterable[Item]) -> tuple[Item, ...]:
    """Latest date first; same day by title, then URL. Articles of unknown date last."""
    ordered = sorted(items, key=_TIEBREAK)
    dated = sorted((i for i in ordered if i.known), key=_KNOWN, reverse=True)
    return tuple(dated) + tuple(i for i in ordered if not i.known)


def oldest_first(items: Iterable[Item]) -> tuple[Item, ...]:
    ordered = sorted(items, key=_TIEBREAK)
    dated = sorted((i for i in ordered if i.known), key=_KNOWN)
    return tuple(dated) + tuple(i for i in ordered if not i.known)


# ---- topics ------------------------------------------------------------------------------------


def _topic_keys(topic: Topic, slug_of: Callable[[str], str]) -> set[str]:
    return {topic.slug, topic.name.casefold(), slug_of(topic.name)}


def topic_lookup(topics: Iterable[Topic], slug_of: Callable[[str], str]) -> dict[str, Topic]:
    """Map every way an article may name a topic (slug, name, slugified name) to the topic."""
    lookup: dict[str, Topic] = {}
    for topic in topics:
        for key in sorted(_topic_keys(topic, slug_of)):
            lookup.setdefault(key, topic)
    return lookup


def topics_of(meta: Metadata, lookup: Mapping[str, Topic], slug_of) -> tuple[Topic, ...]:
    """The known topics an article names, in the order it names them, each once."""
    found: list[Topic] = []
    for label in meta.topics:
        topic = lookup.get(label.strip().casefold()) or lookup.get(slug_of(label))
        if topic and topic not in found:
            found.append(topic)
    return tuple(found)


@dataclass(frozen=True)
class TopicGroup:
    topic: Topic
    items: tuple[Item, ...]  # newest first

    @property
    def latest(self) -> str:
        return self.items[0].known if self.items else ""


def group_by_topic(
    items: Iterable[Item],
    topics: Sequence[Topic],
    slug_of: Callable[[str], str],
    in_order: bool = False,
) -> tuple[TopicGroup, ...]:
    """One group per topic of the topic file (empty ones too), in the file's order.
    `in_order`: the items are newest first already (the site's are), and so is each group."""
    lookup = topic_lookup(topics, slug_of)
    members: dict[str, list[Item]] = defaultdict(list)
    for item in items:
        for topic in topics_of(item.meta, lookup, slug_of):
            members[topic.slug].append(item)
    order = tuple if in_order else newest_first
    return tuple(TopicGroup(t, order(members[t.slug])) for t in topics)


# ---- timeline by month -------------------------------------------------------------------------


@dataclass(frozen=True)
class MonthGroup:
    key: str  # "2020-02"
    label: str  # "February 2020"
    items: tuple[Item, ...]


@dataclass(frozen=True)
class YearGroup:
    year: str  # "" for articles without a date
    months: tuple[MonthGroup, ...]

    @property
    def count(self) -> int:
        return sum(len(m.items) for m in self.months)


def month_label(key: str) -> str:
    """'2020-02' -> 'February 2020'."""
    year, _, month = key.partition("-")
    if month.isdigit() and 1 <= int(month) <= 12:
        return f"{MONTHS[int(month) - 1]} {year}"
    return year or "Date unknown"


def format_date(iso: str) -> str:
    """'2020-02-29' -> '29 February 2020'; partial dates as far as they go; '' stays ''."""
    parts = iso.split("-")
    if len(parts) == 3 and parts[2].isdigit():
        return f"{int(parts[2])} {month_label(iso[:7])}"
    return month_label(iso) if iso else ""


def by_month(
    items: Iterable[Item], newest: bool = False, in_order: bool = False
) -> tuple[YearGroup, ...]:
    """Articles by year and month: oldest first (the briefing read as a story), or newest first
    (the archives). Undated articles come last either way. `in_order`: the items are already
    in that order (a group's items are), so they are not sorted again."""
    months: dict[str, list[Item]] = {}
    ordered = items if in_order else (newest_first if newest else oldest_first)(items)
    # Sorted by date, a month's articles come one after the other: taken a run at a time.
    for key, run in groupby(ordered, _MONTH):
        found = months.get(key)
        if found is None:
            months[key] = list(run)
        else:
            found.extend(run)
    years: dict[str, list[MonthGroup]] = defaultdict(list)
    for key in sorted((k for k in months if k), reverse=newest):
        years[key[:4]].append(MonthGroup(key, month_label(key), tuple(months[key])))
    groups = [YearGroup(y, tuple(years[y])) for y in sorted(years, reverse=newest)]
    if months.get(""):
        groups.append(YearGroup("", (MonthGroup("", "Date unknown", tuple(months[""])),)))
    return tuple(groups)


def year_slug(year: str) -> str:
    """The folder of a year's page: '2020', or 'undated'."""
    return year or "undated"


@dataclass(frozen=True)
class YearLink:
    """A year as an index page shows it: where its page is and how much it holds."""

    year: str  # "" for articles without a date
    url: str  # "timeline/2020/"
    count: int  # articles
    months: tuple[tuple[str, str, int], ...]  # (key, label, articles), in the page's order
    events: int = 0

    @property
    def label(self) -> str:
        return self.year or "Date unknown"


def year_links(
    years: Sequence[YearGroup], base: str, events: Mapping[str, Sequence] | None = None
) -> tuple[YearLink, ...]:
    """The index of a list split into one page per year (`base` + year slug)."""
    events = events or {}
    return tuple(
        YearLink(
            y.year,
            f"{base}{year_slug(y.year)}/",
            y.count,
            tuple((m.key, m.label, len(m.items)) for m in y.months),
            len(events.get(y.year, ())),
        )
        for y in years
    )


def timeline_years(
    items: Iterable[Item], events: Sequence[EventEntry]
) -> tuple[tuple[YearGroup, ...], dict[str, tuple[EventEntry, ...]]]:
    """The timeline's years, oldest first, undated articles last, and the events of each year
    (a year with events but no article has its page too)."""
    groups = {g.year: g for g in by_month(items)}
    dated: dict[str, list[EventEntry]] = defaultdict(list)
    for entry in events:
        dated[entry.date[:4]].append(entry)
    years = sorted((set(groups) | set(dated)) - {""})
    ordered = [groups.get(y, YearGroup(y, ())) for y in years]
    if "" in groups:
        ordered.append(groups[""])
    return tuple(ordered), {y: tuple(e) for y, e in dated.items()}


# ---- events ------------------------------------------------------------------------------------

_STOP = frozenset(
    """the and for with that this from was were are has have had its his her their they them
    not but into over after before about than then when who whom which what where while also said
    says would could will shall been being between during under upon on in of to at by as an a
    is it be or if so no yes new one two three year years month day days week weeks today
    yesterday tomorrow monday tuesday wednesday thursday friday saturday sunday january february
    march april may june july august september october november december""".split()
)


def _stem(word: str) -> str:
    for ending in ("ing", "ed", "es", "s"):
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


_DATELINE = re.compile(r"^[A-Z][A-Z .,'’-]{1,40}:\s+")


def without_dateline(text: str) -> str:
    """'DOHA: The talks...' -> 'The talks...': the place is not part of what happened."""
    return _DATELINE.sub("", text.strip(), count=1)


def event_words(text: str) -> frozenset[str]:
    """The content words of an event sentence, lowercased and lightly stemmed."""
    words = re.findall(r"[^\W\d_]+", without_dateline(text).casefold())
    return frozenset(_stem(w) for w in words if len(w) > 2 and w not in _STOP)


def same_event(a: str, b: str, common: frozenset[str] = frozenset()) -> bool:
    """Two sentences dated the same day tell one event when they share enough content words:
    four and 30% of the shorter sentence's, three and 40%, or two and 60%. `common` words
    (found in much of the digest, like the country's name) do not count."""
    return _alike(a, b, event_words(a) - common, event_words(b) - common)


def _alike(a: str, b: str, wa: frozenset[str], wb: frozenset[str]) -> bool:
    """same_event, given each sentence's content words less the common ones."""
    if not wa or not wb:
        return a.strip().casefold() == b.strip().casefold()
    shared = len(wa & wb)
    ratio = shared / min(len(wa), len(wb)) if shared >= 2 else 0.0
    return (shared >= 4 and ratio >= 0.3) or (shared >= 3 and ratio >= 0.4) or ratio >= 0.6


def common_words(
    texts: Sequence[str], share: float = 0.1, minimum: int = 20, known: dict | None = None
) -> frozenset[str]:
    """Words in more than `share` of the texts; none when there are too few texts to tell.
    `known` keeps each text's event_words for the next caller (see events_timeline)."""
    if len(texts) < minimum:
        return frozenset()
    found = _words_of(known if known is not None else {})
    counts = Counter(chain.from_iterable(map(found, texts)))  # counted in C, word by word
    return frozenset(w for w, n in counts.items() if n > share * len(texts))


@dataclass(frozen=True)
class EventEntry:
    """One event on the timeline: its date, the sentence that tells it, every article telling it."""

    date: str
    text: str
    sources: tuple[Item, ...]  # oldest first
    tellings: tuple[str, ...]  # every distinct sentence, the first being `text`


def _words_of(known: dict) -> Callable[[str], frozenset[str]]:
    """event_words, remembered in `known` (text -> words)."""

    def words_of(text: str) -> frozenset[str]:
        found = known.get(text)
        if found is None:
            found = known[text] = event_words(text)
        return found

    return words_of


def events_timeline(items: Iterable[Item], known: dict | None = None) -> tuple[EventEntry, ...]:
    """Every dated event in date order; one event told by several articles is one entry.
    `known` (text -> event_words) may be shared by the timelines of one build: each topic's
    timeline reads the same sentences again."""
    known = known if known is not None else {}
    items = oldest_first(i for i in items if i.meta.events)  # the others add nothing: no sort
    common = common_words([e.text for i in items for e in i.meta.events], known=known)
    clusters: dict[str, list[list[tuple[Item, str]]]] = defaultdict(list)
    words: dict[str, frozenset[str]] = {}  # a sentence's, less the common ones: found once
    words_of = _words_of(known)

    def content(text: str) -> frozenset[str]:
        found = words.get(text)
        if found is None:
            found = words[text] = words_of(text) - common
        return found

    for item in items:
        for event in sorted(set(item.meta.events), key=lambda e: (e.date, e.text)):
            text = without_dateline(event.text)
            if not event.date or not text:
                continue
            day = clusters[event.date]
            mine = content(text)
            home = next(
                (c for c in day if any(_alike(t, text, content(t), mine) for _, t in c)), None
            )
            if home is None:
                day.append([(item, text)])
            else:
                home.append((item, text))
    entries = []
    for date in sorted(clusters):
        for cluster in clusters[date]:
            sources = tuple(dict.fromkeys(item for item, _ in cluster))
            tellings = tuple(dict.fromkeys(text for _, text in cluster))
            entries.append(EventEntry(date, tellings[0], sources, tellings))
    return tuple(entries)


# ---- entities ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class EntityPage:
    entity: Entity
    slug: str
    items: tuple[Item, ...]  # newest first
    companions: tuple[tuple[Entity, int], ...]  # appears with most, by count of articles

    @property
    def url(self) -> str:
        return f"{KIND_DIRS[self.entity.kind]}/{self.slug}/"


def _resolver(registry: Iterable[Entity]) -> dict[tuple[str, str], Entity]:
    names: dict[tuple[str, str], Entity] = {}
    for entity in registry:
        names.setdefault((entity.kind, entity.name.casefold()), entity)
    for entity in registry:  # canonical names win over aliases
        for alias in entity.aliases:
            names.setdefault((entity.kind, alias.casefold()), entity)
    return names


def entity_pages(
    items: Iterable[Item],
    registry: Iterable[Entity],
    min_mentions: int,
    slug_of: Callable[[str], str],
    companions: int = 8,
    in_order: bool = False,
) -> tuple[EntityPage, ...]:
    """A page for every entity mentioned by at least `min_mentions` articles, by kind and name.
    `in_order`: the items are newest first already (the site's are)."""
    resolve = _resolver(registry)
    # Entities are counted by number, and each spelling is resolved once: hashing a dataclass is
    # a Python call, and ten thousand articles name about 170,000 entities.
    number: dict[Entity, int] = {}
    spelled: dict[tuple[str, str], tuple[tuple[str, str], int]] = {}  # -> (kind, name), number
    mentions: list[list[Item]] = []  # each newest first: `items` is sorted once, here
    named: list[list[list[int]]] = []  # per entity, the numbers each of its articles names
    where: list[list[int]] = []  # per entity, the places of its articles in that order
    for place, item in enumerate(items if in_order else newest_first(items)):
        found = _numbers_named(item.meta, resolve, spelled, number, mentions, named)
        where.extend([] for _ in range(len(mentions) - len(where)))
        for n in found:
            mentions[n].append(item)
            named[n].append(found)
            where[n].append(place)
    entities = list(number)
    chosen = sorted(
        (n for n, its in enumerate(mentions) if len(its) >= max(1, min_mentions)),
        key=lambda n: (
            KINDS.index(entities[n].kind),
            entities[n].name.casefold(),
            entities[n].name,
        ),
    )
    pages, taken = [], set()
    counted = _together(chosen, named, where)
    for n in chosen:
        entity = entities[n]
        slug = _free_slug(slug_of(entity.name) or "entity", entity.kind, taken)
        # Ties of the same name keep the order in which the others first came with this one.
        shared = ((entities[m], count) for m, count in counted[n] if m != n)
        ranked = sorted(shared, key=lambda p: (-p[1], KINDS.index(p[0].kind), p[0].name))
        pages.append(EntityPage(entity, slug, tuple(mentions[n]), tuple(ranked[:companions])))
    return tuple(pages)


def _together(
    chosen: Sequence[int],
    named: Sequence[Sequence[Sequence[int]]],
    where: Sequence[Sequence[int]],
    by_bits: bool | None = None,
) -> dict[int, list[tuple[int, int]]]:
    """For each chosen entity, (entity, articles naming both) for every entity named with it,
    in the order they first came with it (newest article first). `named`: per entity, the
    numbers each of its articles names; `where`: per entity, the places of its articles.

    Counted per article (a Counter of every name of every article of each chosen entity: 2.8
    million at 10,000 articles, 0.09 s) or, when that is dearer, per pair of entities: an
    entity's articles as the bits of an int, a pair's count the bits of their AND (0.02 s
    there); a digest naming thousands of entities once or twice keeps the Counter."""
    if by_bits is None:
        names = sum(sum(map(len, named[n])) for n in chosen)
        pair = max((p[-1] for p in where if p), default=0) // 512 + 2  # an AND and a bit_count
        by_bits = 3 * sum(map(len, where)) + len(chosen) * len(where) * pair < names
    if not by_bits:
        return {n: list(Counter(chain.from_iterable(named[n])).items()) for n in chosen}
    bits = [_bits(places) for places in where]
    counted = {}
    for n in chosen:
        mine, places, lists = bits[n], where[n], named[n]
        firsts = []  # (first article naming both, place of m in its names, m, count)
        for m, other in enumerate(bits):
            both = mine & other
            if both:
                first = (both & -both).bit_length() - 1
                names = lists[bisect_left(places, first)]
                firsts.append((first, names.index(m), m, both.bit_count()))
        counted[n] = [(m, count) for _, _, m, count in sorted(firsts)]
    return counted


_BIT = tuple(1 << k for k in range(8))


def _bits(places: Sequence[int]) -> int:
    """An int with the bits at `places` set (built as bytes: an int is rebuilt at each |=)."""
    out = bytearray((places[-1] >> 3) + 1 if places else 0)
    for place in places:
        out[place >> 3] |= _BIT[place & 7]
    return int.from_bytes(out, "little")


def _numbers_named(meta, resolve, spelled, number, mentions, named) -> list[int]:
    """The numbers of the entities an article mentions: canonical where the registry knows them,
    each once, in the order of its kinds and names; a spelling seen before is not resolved again."""
    found: dict[tuple[str, str], int] = {}
    for kind in KINDS:
        for name in getattr(meta, KIND_FIELDS[kind]):
            name = name.strip()
            if not name:
                continue
            known = spelled.get((kind, name))
            if known is None:
                entity = resolve.get((kind, name.casefold())) or Entity(kind, name)
                n = number.get(entity)
                if n is None:  # first sight, in the order articles name them
                    n = number[entity] = len(mentions)
                    mentions.append([])
                    named.append([])
                known = spelled[(kind, name)] = ((kind, entity.name), n)
            found.setdefault(known[0], known[1])
    return list(found.values())


def _free_slug(slug: str, kind: str, taken: set) -> str:
    candidate, n = slug, 2
    while (kind, candidate) in taken:
        candidate, n = f"{slug}-{n}", n + 1
    taken.add((kind, candidate))
    return candidate


# ---- coverage ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Coverage:
    """Articles per month, every month from the first to the last, in total and per topic."""

    months: tuple[str, ...]  # "2019-02", ...
    total: tuple[int, ...]
    per_topic: tuple[tuple[Topic, tuple[int, ...]], ...]


def month_range(first: str, last: str) -> tuple[str, ...]:
    """Every 'YYYY-MM' from first to last, inclusive."""
    year, month = int(first[:4]), int(first[5:7])
    out = []
    while f"{year:04d}-{month:02d}" <= last:
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return tuple(out)


def _is_month(key: str) -> bool:
    return bool(re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", key))


def coverage(items: Sequence[Item], groups: Sequence[TopicGroup]) -> Coverage:
    """Counts by known date only: a file's date would put undated articles in today's month."""

    def counts(its: Iterable[Item]) -> Counter:
        # Counted by Item.month in C, then the hundred or so distinct keys checked, not each item.
        found = Counter(map(_MONTH, its))
        return Counter({m: n for m, n in found.items() if _is_month(m)})

    total = counts(items)
    if not total:
        return Coverage((), (), tuple((g.topic, ()) for g in groups))
    months = month_range(min(total), max(total))
    per_topic = []
    for group in groups:
        mine = counts(group.items)
        per_topic.append((group.topic, tuple(mine[m] for m in months)))
    return Coverage(months, tuple(total[m] for m in months), tuple(per_topic))


def outlets(items: Iterable[Item]) -> tuple[str, ...]:
    """Every outlet named by an article, sorted."""
    return tuple(sorted({i.meta.source.strip() for i in items if i.meta.source.strip()}))
