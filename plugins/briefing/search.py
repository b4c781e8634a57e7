"""The static search index: Pagefind, run over the built article pages.

The binary comes inside the PyPI package `pagefind-bin`; nothing is downloaded at run time. Only
article pages are indexed (their <article data-pagefind-body>), with filters by topic and outlet
set by the theme's data-pagefind-filter attributes. The index is split into shards
(search_shards.py): one Pagefind run per shard, and a shard whose pages did not change is taken
from the previous output instead. A shard with a page written anew is indexed as soon as the
writer is done with its pages, while Pelican writes the others; the rest once every article page
is in place; one shard at a time while Pelican writes, two at a time once it is done (SearchStep).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import os
import shutil
import subprocess
import threading
import weakref
from functools import partial
from pathlib import Path

from pelican import signals

from .cache import read_json_object
from .search_shards import (
    PAGES_PER_SHARD,
    STAGED,
    Shard,
    article_pages,
    data_files,
    file_stamp,
    hash_inputs,
    is_article_page,
    place,
    plan,
    previous_shards,
    runtime_files,
    save_digests,
    stage,
    write_manifest,
)
from .writer import Linker

logger = logging.getLogger(__name__)
# The code that makes a shard's index besides Pagefind: this module (its command line, the filters'
# order) and search_shards (how a page is cut down for it). A previous shard made by other code is
# indexed again, as a cold build would index it, even when its pages are the same.
MAKER = hashlib.sha256(
    b"".join(Path(__file__).with_name(n).read_bytes() for n in ("search.py", "search_shards.py"))
).hexdigest()[:16]

TIMEOUT = 600  # seconds per shard; a shard indexes in about a second
WORK = ".pagefind-work"  # inside the site being built, removed when indexing ends


def pagefind_binary() -> Path | None:
    """The Pagefind executable shipped by the `pagefind-bin` wheel, or None if not installed."""
    try:
        import pagefind_bin
    except ImportError:
        return None
    try:
        return Path(pagefind_bin.get_executable())
    except (FileNotFoundError, OSError):
        return None


def pagefind_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("pagefind_bin")
    except PackageNotFoundError:
        return "unknown"


def build_index(
    site: Path,
    previous: Path | None = None,
    per_shard: int = PAGES_PER_SHARD,
    staging: Path | None = None,
) -> str:
    """Index `site` into `site/pagefind/`, reusing the unchanged shards of `previous` (an older
    output, or None). `staging` keeps each shard's pages between builds (None: a folder of this
    run). Returns '' on success, else what went wrong."""
    job = Indexing(site, previous, per_shard, staging)
    job.start()
    return job.finish()


class Indexing:
    """One index of a site, started early and finished late: `start` indexes shards in a thread,
    one Pagefind run at a time, while Pelican still writes the other pages on the other core;
    `finish` joins in as a second worker, then puts the bundle together. `wanted` says whether
    the build still wants the index (a failed build's thread stops at the next shard).

    Given the article `pages` before they are written, the shards are planned at once, and the
    thread takes a shard once the writer has `decided` all its pages and `written` one of them
    (a shard whose pages are all linked from the previous output is most likely reused: it waits
    for `all_written`, as every shard does without `pages`). A page not yet linked is read from
    `previous`, the very file the writer will link; `all_written` checks that it was."""

    def __init__(
        self,
        site,
        previous=None,
        per_shard=PAGES_PER_SHARD,
        staging=None,
        wanted=None,
        pages: list[str] | None = None,
    ):
        self.site, self.per_shard = Path(site), per_shard
        self.previous = Path(previous) if previous else None
        self.staging = Path(staging).absolute() if staging else None  # Pagefind runs elsewhere
        self.wanted = wanted or (lambda: True)
        self.problems: list[str] = []
        self.ready = threading.Event()
        self.lock = threading.Lock()
        self.thread = threading.Thread(target=self._background, name="search-index", daemon=True)
        self.binary = pagefind_binary()
        self.version = pagefind_version()
        self.salt = f"{self.version}\0{MAKER}"  # what a shard's inputs hold besides its pages
        self.work = self.site / WORK
        self.pages: list[str] = []
        self.shards: list[Shard] = []
        self.staging_root = self.work.absolute() / "staging"  # or the kept staging folder
        self.todo: list[Shard] = []
        self.reused: list[tuple[Shard, Shard, list[str]]] = []  # (shard, previous, its files)
        self.old: Path | None = None
        self.known: dict = {}
        self.digests: dict | None = None
        self.pending: list[Shard] = []
        self.hashing = 0  # shards taken whose pages are being hashed
        self.handled = 0  # shards indexed or reused
        self.held = None  # the staging folder's lock file, while this index uses it
        self.linker: Linker | None = None  # links reused shards into the bundle (see _link)
        self.linked = False
        self.link_lock = threading.Lock()
        self.changed = threading.Condition(self.lock)  # a shard became ready, or the end came
        self.expected = pages
        self.stopped = False
        self.everything = pages is None  # every shard may be taken
        self.undecided: dict[str, set[str]] = {}  # shard name: its pages not written nor linked
        self.fresh: set[str] = set()  # shards with a page written (not linked) by this build
        self.shard_of: dict[str, str] = {}
        self.prefix = os.path.join(os.path.abspath(self.site), "")
        if pages is not None:
            self.pages, self.shards = pages, plan(pages, per_shard)
            for shard in self.shards:
                self.undecided[shard.name] = set(shard.pages)
                self.shard_of.update(dict.fromkeys(shard.pages, shard.name))

    def start(self) -> None:
        self.thread.start()

    def written(self, path: str) -> None:
        """Pelican wrote this file (`content_written`): its shard has changed."""
        if not path.startswith(self.prefix):
            return
        name = self.shard_of.get(path[len(self.prefix) :].replace(os.sep, "/"))
        if name is not None and name not in self.fresh:
            with self.lock:
                self.fresh.add(name)
                if not self.undecided[name]:
                    self.changed.notify_all()

    def decided(self, page: str) -> None:
        """The writer is done with this article page (`page`, relative to the site): written,
        or handed to its linker. A changed shard whose pages are all decided may be taken."""
        name = self.shard_of.get(page)
        if name is None:
            return
        with self.lock:
            waiting = self.undecided[name]
            waiting.discard(page)
            if not waiting and name in self.fresh:
                self.changed.notify_all()

    def all_written(self) -> bool:
        """Every article page is in place (written or linked): each shard may be taken now.
        False when the pages are not those planned, or a page of a shard already hashed is no
        longer the file it hashed: this index must then be abandoned."""
        if self.expected is not None and article_pages(self.site) != self.expected:
            return False
        with self.lock:
            while self.hashing and self.thread.is_alive():  # a shard taken is checked too
                self.changed.wait(0.5)
            done = self.todo + [shard for shard, _prior, _files in self.reused]
            self.everything = True
            self.changed.notify_all()
        return all(self._unchanged(page) for shard in done for page in shard.pages)

    def _unchanged(self, page: str) -> bool:
        found = (self.digests or {}).get(page)
        try:
            return bool(found) and found[0] == file_stamp(self.site / page)
        except OSError:
            return False

    def abandon(self) -> None:
        """Stop this index (its plan no longer holds) and drop its work; another one follows."""
        with self.lock:
            self.stopped = True
            self.changed.notify_all()
        if self.thread.is_alive():
            self.thread.join()
        self._release()
        self._drop_links()
        shutil.rmtree(self.work, ignore_errors=True)

    def finish(self) -> str:
        """Wait for the index (helping with it); '' on success, else what went wrong."""
        self.ready.wait()
        with self.lock:
            self.everything = True
            self.changed.notify_all()
        early = self.handled
        problem = ""
        try:
            self._work()
            self.thread.join()
            self._wait_for_links()
            if self.problems:
                problem = "; ".join(self.problems)
            elif self.handled < len(self.shards):
                problem = "the build stopped before every shard was indexed"
            else:
                logger.info("Briefing search: %d shards were done before the other pages", early)
                problem = self._assemble()
        except OSError as err:
            problem = f"cannot write the search index: {err}"
        finally:
            self._release()
            if problem:
                self._drop_links()
            shutil.rmtree(self.work, ignore_errors=True)
        return problem

    def _background(self) -> None:
        try:
            self._prepare()
        except OSError as err:
            self.problems.append(f"cannot write the search index: {err}")
        except Exception as err:  # noqa: BLE001 (reported by the build, not lost in this thread)
            self.problems.append(f"cannot plan the search index: {_named(err)}")
        finally:
            self.ready.set()
        try:
            self._work()
        finally:
            if not self.wanted():  # the build failed: nobody will finish this index
                self._release()
                self._drop_links()

    def _prepare(self) -> None:
        if self.binary is None:
            self.problems.append(
                "Pagefind is not installed (pip install 'pagefind[bin]'): search is disabled"
            )
            return
        pages = article_pages(self.site) if self.expected is None else self.expected
        if not pages:
            self.problems.append("no article pages to index: search is empty")
            return
        shutil.rmtree(self.work, ignore_errors=True)
        self.work.mkdir()
        self.old = _set_aside(self.site / "pagefind", self.work) or (
            self.previous and self.previous / "pagefind"
        )
        self.known = previous_shards(self.old) if self.old else {}
        if self.expected is None:
            self.pages, self.shards = pages, plan(pages, self.per_shard)
        if self.staging:
            self.held = _hold(self.staging)
            self.digests = read_json_object(Path(f"{self.staging}.pages.json"))
            self.staging_root = _prune(self.staging, self.shards)
        with self.lock:
            self.pending = list(self.shards)

    def _work(self) -> None:
        """Take shards until none is left (or the build no longer wants the index). A shard to
        index runs in Pagefind's process while this worker goes on with the next shards (most
        of a rebuild's are only hashed and linked); it waits for that run before it starts
        another, and at the end."""
        running: list[tuple[Shard, subprocess.Popen]] = []  # this worker's Pagefind run
        while not self.problems and self.wanted():
            shard = self._next()
            if shard is None:
                break
            self._step(shard, partial(self._one, shard, running))
        for shard, process in running:
            if self.stopped or self.problems or not self.wanted():
                process.kill()  # its index will not be used, nor what its end says
                process.communicate()
                self._step(shard, str)
            else:
                self._step(shard, partial(self._ended, shard, _wait_one(process)))

    def _step(self, shard: Shard, step) -> None:
        """Run one step on a shard; count the shard as handled unless the step left it running
        (None)."""
        try:
            problem = step()
        except OSError as err:  # a page gone: the build is failing, or the disk is
            problem = f"cannot index search shard {shard.name}: {err}"
        except Exception as err:  # noqa: BLE001 (in the thread, it would end it unreported)
            problem = f"cannot index search shard {shard.name}: {_named(err)}"
        if problem is None:
            return
        if problem:
            self.problems.append(problem)
        with self.lock:
            self.handled += 1

    def _next(self) -> Shard | None:
        """The first shard that may be taken, waiting for one while pages are being written."""
        with self.lock:
            while not self.stopped and self.pending:
                for i, shard in enumerate(self.pending):
                    if self.everything or (
                        shard.name in self.fresh and not self.undecided[shard.name]
                    ):
                        self.hashing += 1
                        return self.pending.pop(i)
                self.changed.wait(0.5)  # and look again: the build may have failed meanwhile
                if not self.wanted():
                    return None
            return None

    def _one(self, shard: Shard, running: list) -> str | None:
        """Start indexing one shard (None: it runs, added to `running`, after the worker's run
        before it is over), or note that the previous one can be taken. Nothing is written into
        the site here: a failed build's site may be moved away meanwhile (see _index_one)."""
        try:
            shard.inputs = hash_inputs(self.site, shard, self.salt, self.digests, self.previous)
            prior = self.known.get(shard.name)
            files = _reusable(shard, prior, self.old)
        finally:
            with self.lock:
                self.hashing -= 1
                self.changed.notify_all()
        with self.lock:
            if files is not None:
                self.reused.append((shard, prior, files))
            else:
                self.todo.append(shard)
        if files is not None:
            self._link(shard, prior, files)
            return ""
        # One Pagefind run at a time per worker, back to back: this shard is staged while the
        # worker's run before it goes on, and that run's filters are put in order once this
        # one has started (in the main process, both wait for the GIL while Pelican writes).
        problem = _stage_one(shard, self.staging_root, self._stage)
        ended = [(earlier, _wait_one(process)) for earlier, process in running]
        running.clear()
        try:
            if self.problems or any(waited for _earlier, waited in ended):
                return ""  # the index is lost already: no run that would only be waited for
            started = problem or _run_pagefind(self.binary, self.work, shard, self.staging_root)
        finally:
            for earlier, waited in ended:
                self._step(earlier, partial(self._ended, earlier, waited))
        if isinstance(started, str):
            return started
        running.append((shard, started))
        return None

    def _ended(self, shard: Shard, waited: str) -> str:
        return waited or _order_filters(self.work / shard.name / "bundle")

    def _link(self, shard: Shard, prior: Shard, files: list[str]) -> None:
        """Have a second process link a reused shard's files into the bundle now, while Pelican
        writes the other pages (at 10,000 articles, 10,000 links this process made at the end of
        the build). Like the writer's, that process makes no folder above the site's: a failed
        build's site moved away is not brought back."""
        source = os.path.abspath(self.old / prior.path)
        target = os.path.join(self.prefix + "pagefind", shard.path)
        with self.link_lock:
            if self.linker is None:
                self.linker, self.linked = Linker(self.prefix), True
            for rel in files:
                self.linker.add(os.path.join(source, rel), os.path.join(target, rel))

    def _wait_for_links(self) -> None:
        """Every reused shard is in the bundle; raises OSError naming files that are not."""
        with self.link_lock:
            linker, self.linker = self.linker, None
        if linker is not None:
            linker.wait()

    def _drop_links(self) -> None:
        """No bundle is left half made: what was linked into it goes (the bundle of a build
        in place was set aside first: anything there was linked by this index)."""
        try:
            self._wait_for_links()
        except OSError:
            pass
        if self.linked:
            shutil.rmtree(self.site / "pagefind", ignore_errors=True)

    def _index(self, shard: Shard) -> str:
        return _index_one(self.binary, self.work, shard, self.staging_root, self._stage)

    def _stage(self, shard: Shard, folder: Path) -> None:
        stage(self.site, shard, folder, self.digests, self.previous)

    def _assemble(self) -> str:
        """Every shard is indexed or reused: place them, the runtime and the manifest."""
        if not self.shards:
            return ""
        bundle, old = self.site / "pagefind", self.old
        for shard, _prior, files in self.reused:  # linked already (see _link)
            shard.files = len(files)
        todo = sorted(self.todo, key=lambda s: s.name)
        runtime = runtime_files(old) if old and not todo else []
        if not todo and "pagefind.js" not in runtime:
            todo = [self.shards[0]]  # nothing to index, yet no runtime to take: index one shard
            for shard, _prior, files in self.reused:
                if shard is todo[0]:  # its linked files make way for the new ones
                    for rel in files:
                        (bundle / shard.path / rel).unlink(missing_ok=True)
            problem = self._index(todo[0])
            if problem:
                return problem
        for shard in todo:
            built = self.work / shard.name / "bundle"
            files = data_files(built)
            place(built, bundle / shard.path, files, move=True)
            shard.files = len(files)
        if todo:
            built = self.work / todo[0].name / "bundle"
            place(built, bundle, runtime_files(built), move=True)
        else:
            place(old, bundle, runtime, move=False)
        write_manifest(bundle, self.shards, self.version)
        if self.digests is not None:
            save_digests(Path(f"{self.staging}.pages.json"), self.digests, self.pages)
        reused = len(self.shards) - len(todo)
        logger.info(
            "Briefing search: %d shards, %d indexed, %d reused", len(self.shards), len(todo), reused
        )
        return ""

    def _release(self) -> None:
        with self.lock:
            held, self.held = self.held, None
        if held is not None:
            held.close()  # closing the file drops its lock


def _named(err: Exception) -> str:
    return f"{type(err).__name__}: {err}"


def _hold(staging: Path):
    """Lock the staging folder for this index: a failed build's thread, still finishing its
    shard, and the next build must not stage the same folders at once."""
    staging.parent.mkdir(parents=True, exist_ok=True)
    held = open(f"{staging}.lock", "a+b")  # noqa: SIM115 (kept open while the lock is held)
    try:
        import fcntl
    except ImportError:  # not a POSIX system: no lock
        return held
    fcntl.flock(held, fcntl.LOCK_EX)
    return held


def _set_aside(bundle: Path, work: Path) -> Path | None:
    """A bundle already in the site (a build in place): moved away, to be reused from."""
    if not bundle.is_dir():
        return None
    os.rename(bundle, work / "old")
    return work / "old"


def _prune(staging: Path, shards: list[Shard]) -> Path:
    """Drop the staging folders (and their records) of shards that no longer exist (the shard
    count changed)."""
    names = {shard.name for shard in shards}
    if staging.is_dir():
        for entry in staging.iterdir():
            if entry.name in names:
                continue
            if entry.is_dir():
                shutil.rmtree(entry, ignore_errors=True)
            elif entry.name.removesuffix(STAGED) not in names:
                entry.unlink(missing_ok=True)
    return staging


def _reusable(shard: Shard, prior: Shard | None, old: Path | None) -> list[str] | None:
    """The data files of the previous build's shard, when its pages are this one's and none of
    its files went missing (it is then linked, not indexed again); else None."""
    if old is None or prior is None or prior.inputs != shard.inputs:
        return None
    files = data_files(old / prior.path)
    return files if len(files) == prior.files else None


def _index_one(binary: Path, work: Path, shard: Shard, staging: Path, stage_in) -> str:
    """Run Pagefind over one shard's pages, staged into staging/<name> by `stage_in`, into
    work/<name>/bundle; '' or what went wrong. Pagefind runs in `work` and writes to a path
    relative to it: should the site be moved away meanwhile (a failed build is discarded), it
    never makes a new folder where the site was."""
    started = _stage_one(shard, staging, stage_in) or _run_pagefind(binary, work, shard, staging)
    if isinstance(started, str):
        return started
    return _wait_one(started) or _order_filters(work / shard.name / "bundle")


def _stage_one(shard: Shard, staging: Path, stage_in) -> str:
    """Stage the shard's pages into staging/<name>; '' or what went wrong."""
    try:
        stage_in(shard, staging / shard.name)
    except OSError as err:
        return f"cannot stage the pages of search shard {shard.name}: {err}"
    return ""


def _run_pagefind(binary: Path, work: Path, shard: Shard, staging: Path):
    """Start Pagefind on the staged shard (see _index_one): its process, or what failed."""
    output = os.path.join(shard.name, "bundle")
    cmd = [str(binary), "--site", str(staging / shard.name), "--output-path", output, "--silent"]
    try:
        return subprocess.Popen(
            cmd, cwd=work, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
    except OSError as err:
        return f"Pagefind failed to run: {err}"


def _wait_one(process: subprocess.Popen) -> str:
    """Wait for a Pagefind run; '' or what went wrong."""
    try:
        out, err = process.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired as timeout:
        process.kill()
        process.communicate()
        return f"Pagefind failed to run: {timeout}"
    if process.returncode != 0:
        return f"Pagefind failed ({process.returncode}): {(err or out).strip()[-500:]}"
    return ""


def _order_filters(built: Path) -> str:
    try:
        canonical_filters(built)
    except (OSError, ValueError, KeyError, IndexError) as err:
        return f"cannot put the search filters in a stable order: {err}"
    return ""


# ---- stable output ------------------------------------------------------------------------------
# Pagefind writes the values of each filter in hash-map order, which changes from run to run, and
# names files by their content. To keep two builds byte-identical we sort those values and rename
# the filter chunks, the metadata file that lists them and the entry that points at it.

MAGIC = b"pagefind_dcd"


def _head(data: bytes, i: int) -> tuple[int, int, int]:
    major, info = data[i] >> 5, data[i] & 31
    if info < 24:
        return major, info, i + 1
    size = {24: 1, 25: 2, 26: 4, 27: 8}[info]
    return major, int.from_bytes(data[i + 1 : i + 1 + size], "big"), i + 1 + size


def cbor_decode(data: bytes, i: int = 0):
    """The small CBOR subset Pagefind writes: ints, strings, bytes, arrays, maps, simple values."""
    major, value, i = _head(data, i)
    if major == 0:
        return value, i
    if major == 1:
        return -1 - value, i
    if major in (2, 3):
        raw = data[i : i + value]
        return (raw.decode() if major == 3 else raw), i + value
    if major in (4, 5):
        items = []
        for _ in range(value * (2 if major == 5 else 1)):
            item, i = cbor_decode(data, i)
            items.append(item)
        return (items if major == 4 else dict(zip(items[::2], items[1::2], strict=True))), i
    if major == 7 and value in (20, 21, 22):
        return {20: False, 21: True, 22: None}[value], i
    raise ValueError(f"unexpected CBOR item (major type {major})")


def _encode_head(major: int, value: int) -> bytes:
    if value < 24:
        return bytes([major << 5 | value])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if value < 256**size:
            return bytes([major << 5 | info]) + value.to_bytes(size, "big")
    raise ValueError("integer too large")


def cbor_encode(value) -> bytes:
    if value is None or isinstance(value, bool):
        return bytes([0xF6 if value is None else (0xF5 if value else 0xF4)])
    if isinstance(value, int):
        return _encode_head(0, value) if value >= 0 else _encode_head(1, -1 - value)
    if isinstance(value, str):
        raw = value.encode()
        return _encode_head(3, len(raw)) + raw
    if isinstance(value, bytes):
        return _encode_head(2, len(value)) + value
    if isinstance(value, list):
        return _encode_head(4, len(value)) + b"".join(cbor_encode(v) for v in value)
    if isinstance(value, dict):
        body = b"".join(cbor_encode(k) + cbor_encode(v) for k, v in value.items())
        return _encode_head(5, len(value)) + body
    raise ValueError(f"cannot encode {type(value).__name__}")


def _read(path: Path):
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(MAGIC):
        raise ValueError(f"{path.name} is not a Pagefind file")
    value, end = cbor_decode(data, len(MAGIC))
    if end != len(data):
        raise ValueError(f"{path.name} has trailing bytes")
    return value


def _write(path_for, value, digits: int) -> str:
    """Write value as a Pagefind file named by its content; return that name's hash part."""
    data = MAGIC + cbor_encode(value)
    digest = hashlib.sha256(data).hexdigest()[:digits]
    path = path_for(digest)
    path.write_bytes(gzip.compress(data, mtime=0))
    return digest


def canonical_filters(bundle: Path) -> None:
    """Sort every filter's values and rename the files that depend on them."""
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for lang, info in entry["languages"].items():
        meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
        meta = _read(meta_path)
        filters = meta[3]  # [[filter name, chunk hash], ...]
        for pair in filters:
            old = bundle / "filter" / f"{pair[1]}.pf_filter"
            chunk = _read(old)
            chunk[1] = sorted(chunk[1], key=lambda v: v[0])
            old.unlink()
            digest = _write(
                lambda d, lang=lang: bundle / "filter" / f"{lang}_{d}.pf_filter", chunk, 7
            )
            pair[1] = f"{lang}_{digest}"
        meta[3] = sorted(filters)
        meta_path.unlink()
        digest = _write(lambda d, lang=lang: bundle / f"pagefind.{lang}_{d}.pf_meta", meta, 10)
        info["hash"] = f"{lang}_{digest}"
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), "utf-8")


def on_initialized(pelican) -> None:
    """`initialized` signal: when BRIEFING_SEARCH is on, this build gets its SearchStep (kept on
    the Pelican object, so it listens for as long as the build lives, and no longer)."""
    from .settings import get

    if get(pelican.settings, "BRIEFING_SEARCH"):
        pelican.briefing_search = SearchStep(pelican)


class SearchStep:
    """Plans the index once the articles are known (`article_generator_finalized`), has Pelican
    write the article pages shard after shard, and indexes a shard with a page written anew as
    soon as the writer is done with its pages: Pelican writes on one core, Pagefind takes the
    other (the pages of a shard are spread over the whole digest: in Pelican's order, by date, no
    shard would be complete before the last page). Once every article page is in place
    (`article_writer_finalized`) every shard may be taken (most are then found unchanged); the
    index is finished at `finalized`, before the build swaps the output in."""

    def __init__(self, pelican) -> None:
        self.pelican = weakref.ref(pelican)
        self.settings = pelican.settings
        self.site = Path(pelican.output_path)
        self.job: Indexing | None = None
        self.confirmed = False  # the planned pages are those written
        signals.article_generator_finalized.connect(self.on_articles_planned)
        signals.content_written.connect(self.on_written)
        signals.article_writer_finalized.connect(self.on_articles_written)
        signals.finalized.connect(self.on_finalized)

    def _ours(self, generator) -> bool:
        return os.path.realpath(generator.output_path) == os.path.realpath(self.site)

    def on_articles_planned(self, generator) -> None:
        if self.job is not None or not self._ours(generator):
            return
        saved = destinations(generator)
        pages = planned_pages(saved)
        if pages:
            self.job = self.make_job(pages)
            self.job.start()
            write_in_shard_order(generator, self.job.shards, saved, self.job.decided)

    def on_written(self, path, **_context) -> None:
        job = self.job
        if job is not None and not self.confirmed:
            job.written(str(path))

    def on_articles_written(self, generator, writer=None) -> None:
        if not self._ours(generator) or self.confirmed:
            return
        # Reused pages are linked by the writer's second process: all in place first.
        getattr(writer, "wait_for_links", lambda: None)()
        self._confirm()

    def _confirm(self) -> None:
        """Every article page is in place: the planned index goes on, or a new one starts."""
        self.confirmed = True
        if self.job is not None and self.job.all_written():
            return
        if self.job is not None:
            logger.info("Briefing search: the article pages are not those planned: indexing anew")
            self.job.abandon()
        self.job = self.make_job()
        self.job.start()

    def on_finalized(self, pelican) -> None:
        if pelican is not self.pelican():
            return
        if not self.confirmed:  # no article generator told us the pages are written
            self._confirm()
        problem = self.job.finish()
        if problem:
            logger.warning("Briefing search: %s", problem)

    def make_job(self, pages: list[str] | None = None) -> Indexing:
        from .settings import get
        from .writer import previous_output

        site, settings = self.site, self.settings
        previous = previous_output(str(site), settings)
        if previous is not None and previous.resolve() == site.resolve():
            previous = None  # built in place: the bundle already in the site is the previous one
        per_shard = int(get(settings, "BRIEFING_SEARCH_SHARD_PAGES"))
        tag = hashlib.sha256(str((previous or site).resolve()).encode()).hexdigest()[:16]
        staging = Path(get(settings, "BRIEFING_CACHE_DIR"), f"search-staging-{tag}")
        alive = self.pelican  # a weak reference: the job must not keep the build alive

        def wanted() -> bool:
            return alive() is not None and site.is_dir()

        return Indexing(site, previous, per_shard, staging, wanted, pages)


def destinations(generator) -> dict[int, str]:
    """Where the generator will write each of its articles: save_as by id of the article, worked
    out once (Pelican formats the URL pattern again on every read of save_as)."""
    names = ("translations", "articles", "hidden_translations", "hidden_articles")
    return {id(a): a.save_as for name in names for a in getattr(generator, name, ())}


def planned_pages(saved: dict[int, str]) -> list[str]:
    """The article pages among `saved` (see article_pages), sorted."""
    return sorted(page for page in set(saved.values()) if is_article_page(page))


def write_in_shard_order(
    generator, shards: list[Shard], saved: dict[int, str], decided=None
) -> None:
    """Have the generator write its articles shard after shard (the order of the writes changes
    no page; only `generate_articles` sees the reordered list), telling `decided` each page the
    writer is done with. `saved`: see destinations."""
    rank = {page: i for i, shard in enumerate(shards) for page in shard.pages}
    original = generator.generate_articles

    def generate_articles(write) -> None:
        def write_and_tell(name, *args, **kwargs):
            done = write(name, *args, **kwargs)
            decided(name)
            return done

        articles = generator.articles
        generator.articles = sorted(articles, key=lambda a: rank.get(saved.get(id(a)), -1))
        try:
            original(write if decided is None else write_and_tell)
        finally:
            generator.articles = articles

    generator.generate_articles = generate_articles
