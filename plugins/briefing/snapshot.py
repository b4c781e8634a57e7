"""Snapshots of Pelican's Article objects: a file whose article was made by a previous build with
the same inputs is not turned into an Article again (Pelican's reading, its URL and date handling,
our content_object_init sanitiser: about 1 ms per article, 10 s at 10,000 articles).

An article is snapshotted the moment Pelican has made it (its generator's `cache_data` hook),
before any pretaxonomy receiver (duplicates, slug suffixes, frozen URLs) changes it: those run
again on every build, over every article. Its key is the record cache's key of the file (raw
bytes, path, file date, plugin code, options, topic and registry files) plus every Pelican setting,
Pelican's version and the date locale, so a hit is the very object a fresh read would make.

Pelican's own generator cache (CACHE_CONTENT / LOAD_CONTENT_CACHE) is not used: it keys by file
name and mtime or hash only (not our code, topic file or settings), and pickles the articles at
the end of the generator, after our pretaxonomy receivers have changed them.

Settings that make an article depend on anything else (the clock with WITH_FUTURE_DATES off, the
file's time with DEFAULT_DATE = "fs") turn snapshots off.
"""

from __future__ import annotations

import hashlib
import io
import locale
import logging
import pickle
from datetime import date, datetime
from itertools import compress
from zoneinfo import ZoneInfo

import pelican
from pelican.contents import Article

from . import cache
from .dedupe import RelativePath, rel_source
from .model import ArticleRecord
from .settings import FROM_INPUTS, from_inputs, get

logger = logging.getLogger(__name__)

FLUSH_EVERY = 500  # snapshots held in memory before they are written
# Context entries for the page keys (writer.Hasher), see Shelf._known:
# {id(record or metadata): (it, its form)} and {id(article): (it, key, names, values,
# {dict attribute: a shallow copy of its items})}, `names` and `values` (tuples) the attributes
# that held an IMMUTABLE value when the key made the article, and those values.
FORMS = "briefing_record_forms"
ARTICLES = "briefing_article_forms"
# Values that cannot change in place: an attribute still holding the very one the snapshot
# made is known by the snapshot's key (a list or a dict might have been changed since).
IMMUTABLE = (str, int, float, bool, type(None), datetime, date, ZoneInfo, ArticleRecord)
# An article's attributes holding the build's settings and context: kept out of its snapshot
# (SHARED), never part of what its key made.
SHARED_ATTRIBUTES = frozenset(("settings", "_context"))


def usable(settings) -> bool:
    """False when an article depends on more than its file and the settings."""
    return bool(settings.get("WITH_FUTURE_DATES", True)) and settings.get("DEFAULT_DATE") != "fs"


def settings_key(settings) -> str | None:
    """What every article of this build depends on besides its file; None when the settings
    have no stable form (then nothing is snapshotted)."""
    from .writer import Unstable, base_key  # writer imports Pelican's writer: import late

    try:
        base = base_key(settings)
    except Unstable:
        return None
    try:
        where = locale.setlocale(locale.LC_TIME)
    except locale.Error:
        where = "?"
    return hashlib.sha256(f"{base}|{pelican.__version__}|{where}".encode()).hexdigest()


def snapshot_key(entry_key: str, settings_digest: str) -> str:
    return hashlib.sha256(f"article|{entry_key}|{settings_digest}".encode()).hexdigest()


# The build's settings and context are shared by every article: kept out of its snapshot and
# given back on loading. They stand at the first places of the pickler's memo, so the snapshot
# refers to them as to any object pickled before, with no Python call for each object pickled
# (a persistent_id method was called ~225 times an article: 0.2 -> 0.1 s at 3,000 articles).
SHARED = ("settings", "context")
# Read by the unpickler first: puts the shared objects (its persistent_load gives them by name)
# at those places of its memo, in that order.
SHARED_MEMO = b"".join(
    [pickle.PROTO, b"\x04"]
    + [pickle.PERSID + name.encode() + b"\n" + pickle.MEMOIZE + pickle.POP for name in SHARED]
    + [pickle.NONE, pickle.STOP]
)


def _dump(value, shared: dict[str, object]) -> bytes:
    objects = [shared[name] for name in SHARED]
    if len({id(obj) for obj in objects}) != len(objects):
        # One object at two places would leave the pickler's numbering one behind the
        # unpickler's: every later reference would load as another object.
        raise ValueError("the shared objects are not distinct: no snapshot")
    out = io.BytesIO()
    pickler = pickle.Pickler(out, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.memo = {id(obj): (i, obj) for i, obj in enumerate(objects)}
    pickler.dump(value)
    return out.getvalue()


class _Logged(logging.Handler):
    """The warnings logged while Pelican makes one article: kept with its snapshot and logged
    again when it is reused, so the log (and strict mode, build.py) sees what a fresh read says:
    a warning that follows from the inputs alone is told again as one (settings.FROM_INPUTS), or
    the stamp would be dropped by every build that reuses the article."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.seen: list[tuple[str, int, str, bool]] = []

    def emit(self, record: logging.LogRecord) -> None:
        try:
            message = record.getMessage()
        except Exception:  # a badly formatted log call  # noqa: BLE001
            message = str(record.msg)
        tagged = bool(getattr(record, FROM_INPUTS, False))
        self.seen.append((record.name, record.levelno, message, tagged))


class Shelf:
    """The snapshots of one ArticlesGenerator's build: `get` and `put` take the place of the
    generator's `get_cached_data` and `cache_data` (Pelican's hooks for a content cache)."""

    def __init__(self, generator, keys: dict[str, str], found: dict[str, bytes]) -> None:
        self.generator = generator
        self.keys = keys  # path relative to the content folder -> snapshot key
        self.found = found  # snapshot key -> bytes, from the previous build
        self.made: dict[str, bytes] = {}
        self.reused = 0
        self.cache_dir = get(generator.settings, "BRIEFING_CACHE_DIR")
        self._logged: _Logged | None = None
        self._shapes: dict[tuple, tuple] = {}  # see _shape

    def _listen(self) -> None:
        self._stop()
        self._logged = _Logged()
        logging.getLogger().addHandler(self._logged)

    def _stop(self) -> list[tuple[str, int, str, bool]]:
        if self._logged is None:
            return []
        logging.getLogger().removeHandler(self._logged)
        seen, self._logged = self._logged.seen, None
        return seen

    def _known(self, article, key: str) -> None:
        """The article as `key` made it: its record (and metadata) are known by the key instead
        of being serialised, and so are its attributes as long as they hold the same values."""
        context = self.generator.context
        attrs = vars(article)
        values = tuple(attrs.values())
        names, immutable, dicts = self._shape(tuple(attrs), tuple(map(type, values)))
        # Dicts (the metadata) may be changed in place later: their items as the key made them.
        items = {k: dict(attrs[k]) for k in dicts}
        made = (article, key, names, tuple(compress(values, immutable)), items)
        context.setdefault(ARTICLES, {})[id(article)] = made
        record = getattr(article, "briefing", None)
        if type(record) is not ArticleRecord:
            return
        forms = context.setdefault(FORMS, {})
        forms[id(record)] = (record, ["ArticleRecord", f"snapshot:{key}"])
        forms[id(record.meta)] = (record.meta, ["Metadata", f"snapshot:{key}"])

    def _shape(self, names: tuple, types: tuple) -> tuple:
        """(names of the IMMUTABLE values, which values those are, names of the dicts) of an
        article with attributes `names` holding values of `types`: worked out once per build
        for each shape (the articles of a build share a few), not for each article."""
        found = self._shapes.get((names, types))
        if found is None:
            immutable = tuple(issubclass(t, IMMUTABLE) for t in types)
            pairs = zip(names, types, strict=True)
            dicts = tuple(k for k, t in pairs if t is dict and k not in SHARED_ATTRIBUTES)
            found = (tuple(compress(names, immutable)), immutable, dicts)
            self._shapes[(names, types)] = found
        return found

    def _shared(self) -> dict[str, object]:
        """By the names of SHARED."""
        return {"settings": self.generator.settings, "context": self.generator.context}

    def get(self, path: str, default=None):
        """The article of `path` from its snapshot, or `default`: Pelican then reads the file
        (and we listen to what it logs meanwhile, for `put`)."""
        self._stop()
        data = self.found.pop(self.keys.get(path, ""), None)
        found = self._load(data) if data is not None else None
        if found is None:
            if path in self.keys:
                self._listen()
            return default
        article, logged = found
        for name, level, message, tagged in logged:
            logging.getLogger(name).log(
                level, "%s", message, extra=from_inputs() if tagged else None
            )
        self.reused += 1
        self._known(article, self.keys[path])
        # Pelican asks for the article's relative path right away (add_source_path), again
        # for its URL and save_as: worked out once (dedupe.RelativePath).
        rel = rel_source(article, self.generator.path) if article.source_path else None
        article.get_relative_source_path = RelativePath(article, rel)
        return article

    def _load(self, data: bytes):
        unpickler = pickle.Unpickler(io.BytesIO(SHARED_MEMO + data))
        # The shared objects by their name, looked up in C: no Python subclass to call into.
        unpickler.persistent_load = self._shared().__getitem__
        try:
            unpickler.load()  # SHARED_MEMO
            article, logged = unpickler.load()
        except Exception:  # a damaged snapshot is a miss  # noqa: BLE001
            return None
        return (article, logged) if type(article) is Article else None

    def put(self, path: str, article) -> None:
        """Pelican made the article of `path` (and found it valid): snapshot it as it is now."""
        logged = self._stop()
        key = self.keys.get(path)
        if key is None or type(article) is not Article:
            return
        try:
            self.made[key] = _dump((article, logged), self._shared())
        except Exception as err:  # noqa: BLE001  (an attribute pickle cannot carry: no snapshot)
            logger.debug("%s: no snapshot (%s)", path, err)
            return
        self._known(article, key)
        if len(self.made) >= FLUSH_EVERY:
            self.flush()

    def flush(self) -> None:
        if not self.made:
            return
        store = cache.RecordCache(self.cache_dir)
        try:
            store.put_snapshots(self.made)
        finally:
            store.close()
        self.made = {}

    def save(self) -> None:
        """At the end of the generator: write what is left, drop what was not used."""
        self._stop()
        self.flush()
        self.found = {}
        logger.info("briefing: %d articles from snapshots", self.reused)


def install(generator, keys: dict[str, str], store: cache.RecordCache) -> set[str]:
    """Hook the snapshots of `keys` ({relative path: snapshot key}) into the generator; returns
    the relative paths that have one (their records need not be read)."""
    found = store.get_snapshots(keys.values())
    shelf = Shelf(generator, keys, found)
    generator.get_cached_data = shelf.get
    generator.cache_data = shelf.put
    save = generator.save_cache

    def save_cache() -> None:
        shelf.save()
        save()

    generator.save_cache = save_cache
    return {path for path, key in keys.items() if key in found}
