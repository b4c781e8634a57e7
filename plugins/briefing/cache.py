"""Content-hash cache of ArticleRecords and their rendered HTML, in one SQLite file; the same
file holds the snapshots of Pelican's Article objects (snapshot.py, table `snapshot`).

The key covers the plugin's code (every file of the package), the versions of the libraries that
shape the result, the options, the topic and registry files and the raw bytes, so a hit is never
stale. Each build writes its new entries in one transaction (atomic); an unreadable entry or file
is a miss, never an error. Entries are pickles: the cache folder is trusted like the project
itself (its settings file runs as code).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import pickle
import sqlite3
import tempfile
import time
from collections.abc import Iterable
from dataclasses import asdict
from importlib import metadata as dist_metadata
from pathlib import Path

from .model import ArticleRecord
from .settings import Options, get

logger = logging.getLogger(__name__)

CACHE_FILE = "records.sqlite3"
# The settings entry that keeps a build's code version once it is worked out (version_of).
VERSION_KEY = "_briefing_code_version"
# Libraries whose version can change a record, its HTML or a page (Pelican, Jinja and MarkupSafe
# render every page: a page kept from a build by another release would mix two renderers).
LIBRARIES = (
    *("ftfy", "markdown", "nh3", "trafilatura", "dateparser", "charset-normalizer", "lxml"),
    *("pelican", "jinja2", "markupsafe"),
)


def code_version(root: Path | None = None) -> str:
    """Hash of every file of the plugin package (or `root`) and of the libraries' versions."""
    digest = hashlib.sha256()
    root = root or Path(__file__).parent
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(root).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    for name in LIBRARIES:
        try:
            digest.update(f"{name}={dist_metadata.version(name)}".encode())
        except dist_metadata.PackageNotFoundError:
            digest.update(f"{name}=-".encode())
    return digest.hexdigest()[:16]


def version_of(settings) -> str:
    """code_version() for the build that `settings` belong to: the plugin's files are hashed
    once per build (about 7.5 ms), then every asker with the same settings gets it from them."""
    version = settings.get(VERSION_KEY)
    if version is None:
        version = settings[VERSION_KEY] = code_version()
    return version


def context_key(options: Options, version: str | None = None) -> str:
    """Code version (`version`, from version_of, else hashed now) + options + the topic and
    registry files' bytes."""
    digest = hashlib.sha256((version or code_version()).encode())
    digest.update(json.dumps(asdict(options), sort_keys=True).encode())
    for name in (options.topics_file, options.registry_file):
        try:
            digest.update(Path(options.content_dir, name).read_bytes())
        except OSError:
            digest.update(b"-")
    return digest.hexdigest()[:16]


def entry_key(context: str, data_hash: str, path: str, fallback_date: str) -> str:
    # The path and file date matter only for skipped files and fallback dates; keep them in.
    return hashlib.sha256(f"{context}|{data_hash}|{path}|{fallback_date}".encode()).hexdigest()


class RecordCache:
    """The cache file of one cache folder: records and HTML by key, read and written in bulk."""

    def __init__(self, cache_dir: str) -> None:
        self.path = Path(cache_dir, CACHE_FILE)
        self._db: sqlite3.Connection | None = None

    def _connect(self) -> sqlite3.Connection | None:
        if self._db is not None:
            return self._db
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self.path, timeout=30)
            db.execute("CREATE TABLE IF NOT EXISTS entry (key TEXT PRIMARY KEY, value BLOB)")
            db.execute("CREATE TABLE IF NOT EXISTS snapshot (key TEXT PRIMARY KEY, value BLOB)")
        except (OSError, sqlite3.Error) as err:
            self._drop_corrupt(err)
            return None
        self._db = db
        return db

    def _drop_corrupt(self, err: Exception) -> None:
        """A damaged cache file is removed (it only costs time); the next build starts clean."""
        logger.warning("cache %s unusable (%s): ignored, rebuilt from scratch", self.path, err)
        self.close()
        if isinstance(err, sqlite3.DatabaseError):
            self.path.unlink(missing_ok=True)

    def get_many(self, keys: Iterable[str]) -> dict[str, tuple[ArticleRecord, str]]:
        """The cached (record, html) of every key present and readable."""
        found: dict[str, tuple[ArticleRecord, str]] = {}
        for key, value in self._select("entry", keys):
            entry = decode_entry(value)
            if entry is not None:
                found[key] = entry
        return found

    def get_snapshots(self, keys: Iterable[str]) -> dict[str, bytes]:
        """The stored Article snapshots (snapshot.py) of the keys present, still pickled."""
        return dict(self._select("snapshot", keys))

    def _select(self, table: str, keys: Iterable[str]) -> list[tuple[str, bytes]]:
        db = self._connect()
        wanted = list(keys)
        rows: list[tuple[str, bytes]] = []
        if db is None:
            return rows
        try:
            for start in range(0, len(wanted), 500):
                chunk = wanted[start : start + 500]
                marks = ",".join("?" * len(chunk))
                rows += db.execute(f"SELECT key, value FROM {table} WHERE key IN ({marks})", chunk)
        except sqlite3.Error as err:
            self._drop_corrupt(err)
            return []
        return rows

    def put_many(self, entries: dict[str, tuple[ArticleRecord, str]]) -> None:
        """Store entries in one transaction: all of them or, on failure, none."""
        rows = [(key, encode_entry(record, html)) for key, (record, html) in entries.items()]
        self._insert("entry", rows)

    def put_encoded(self, entries: dict[str, bytes]) -> None:
        """put_many for entries already encoded (encode_entry), in one transaction."""
        self._insert("entry", list(entries.items()))

    def put_snapshots(self, snapshots: dict[str, bytes]) -> None:
        self._insert("snapshot", list(snapshots.items()))

    def _insert(self, table: str, rows: list[tuple[str, bytes]]) -> None:
        db = self._connect()
        if db is None or not rows:
            return
        try:
            with db:
                db.executemany(f"INSERT OR REPLACE INTO {table} VALUES (?, ?)", rows)
        except sqlite3.Error as err:
            self._drop_corrupt(err)

    def keep_only(self, keys: Iterable[str], table: str = "entry") -> None:
        """Forget entries no build uses any more (older versions of edited files). The stored
        keys are read and the stale ones deleted by key: filling a temporary table with ten
        thousand live keys to delete the rest cost 0.03 s CPU and 0.08 s wall per table."""
        db = self._connect()
        if db is None:
            return
        live = set(keys)
        try:
            stale = [(k,) for (k,) in db.execute(f"SELECT key FROM {table}") if k not in live]
            if stale:
                with db:
                    db.executemany(f"DELETE FROM {table} WHERE key = ?", stale)
        except sqlite3.Error as err:
            self._drop_corrupt(err)

    def close(self) -> None:
        if self._db is not None:
            try:
                self._db.close()
            except sqlite3.Error:
                pass
            self._db = None


def encode_entry(record: ArticleRecord, html: str) -> bytes:
    # pickle keeps any field the model gains; the key's code version covers class changes.
    return pickle.dumps((record, html), protocol=pickle.HIGHEST_PROTOCOL)


def decode_entry(value: bytes) -> tuple[ArticleRecord, str] | None:
    try:
        record, html = pickle.loads(value)
    except Exception:  # any damage to an entry makes it a miss  # noqa: BLE001
        return None
    if not isinstance(record, ArticleRecord) or not isinstance(html, str):
        return None
    return record, html


def output_file(settings, output: Path, kind: str) -> Path:
    """The cache folder's `<kind>-<tag>.json` about the output folder `output` (the page
    manifest, the build stamp): the tag is a hash of its path."""
    tag = hashlib.sha256(str(output).encode()).hexdigest()[:16]
    return Path(get(settings, "BRIEFING_CACHE_DIR"), f"{kind}-{tag}.json")


def file_id(path) -> list[int]:
    """[size, mtime_ns, inode]: what tells a file of the output is still the very file a build
    wrote (the page and feed manifests keep it beside each file's key). Raises OSError."""
    st = os.stat(path)
    return [st.st_size, st.st_mtime_ns, st.st_ino]


def read_json_object(path: Path | None) -> dict:
    """The JSON object a file holds; {} when there is no path, no file, no JSON or no object
    (a record kept between builds that cannot be read is one that was never kept)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8")) if path else {}
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def write_json(path: Path, data, separators: tuple[str, str] | None = None) -> None:
    """Write `data` as JSON to `path` atomically (write_atomic). Raises OSError."""
    write_atomic(path, json.dumps(data, separators=separators).encode())


def write_atomic(path: Path, data: bytes) -> None:
    """Readers see the old file or the new one, never a half-written one; a failed write leaves
    neither behind (a file made next to it, then renamed). Raises OSError. No fsync: no page of
    the site is synced either (3 ms a file here, 18 files a build), and `briefing build` swaps
    the whole output in at once."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def file_digest(path: str, limit: int) -> str:
    """sha256 of the file's first `limit` bytes; raises OSError when it cannot be read."""
    with open(path, "rb") as fh:
        return hashlib.sha256(fh.read(limit)).hexdigest()


DIGESTS_FILE = "digests.json"
RACY_NS = 2_000_000_000  # a file changed this close to its hashing may change again unseen


class Digests:
    """sha256 of the raw files' first `limit` bytes, by their stat: a file with the size, inode,
    mtime and ctime it had when it was hashed is not read again (reading and hashing ten
    thousand pastes is about 0.5 s of every rebuild). A file changed within RACY_NS of being
    hashed is hashed again next time: an edit in the same clock tick can keep all four."""

    def __init__(self, cache_dir: str, limit: int) -> None:
        self.path = Path(cache_dir, DIGESTS_FILE)
        self.limit = limit
        self.since = time.time_ns() - RACY_NS
        self.old = self._load()
        self.new: dict[str, list] = {}

    def _load(self) -> dict:
        data = read_json_object(self.path)
        ok = data.get("limit") == self.limit
        return data.get("files", {}) if ok and isinstance(data.get("files"), dict) else {}

    def digest(self, path: str) -> str:
        """Raises OSError when the file cannot be read."""
        st = os.stat(path)  # before reading: a later change shows in the next build's stat
        seen = [st.st_size, st.st_ino, st.st_mtime_ns, st.st_ctime_ns]
        old = self.old.get(path)
        if isinstance(old, list) and len(old) == 5 and old[:4] == seen:
            self.new[path] = old
            return old[4]
        digest = file_digest(path, self.limit)
        if st.st_ctime_ns < self.since and st.st_mtime_ns < self.since:
            self.new[path] = [*seen, digest]
        return digest

    def save(self) -> None:
        """Write the digests of this build, unless the file already holds just these (most
        rebuilds: 1.6 MB of JSON at 10,000 files)."""
        if self.new == self.old:
            return
        try:
            write_json(self.path, {"limit": self.limit, "files": self.new}, (",", ":"))
        except OSError as err:
            logger.warning("could not save the file digests %s: %s", self.path, err)
