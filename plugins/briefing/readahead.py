"""Reading ahead: before Pelican reads articles one by one, look every raw file up in the cache,
process the ones that miss over all cores, and hand the results to our readers.

Pelican then only wraps ready (record, html) pairs into Articles, so a rebuild reads no paste
twice and a cold build cleans and extracts in parallel.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import weakref
from collections.abc import Iterable
from dataclasses import dataclass, replace

from . import cache, pipeline, snapshot
from .metadata import load_knowledge
from .model import ArticleRecord
from .paths import relative
from .sanitize import MarkdownRenderer, render_markdown
from .settings import Options, get

logger = logging.getLogger(__name__)

Entry = tuple[ArticleRecord, str]  # the record and the article body as safe HTML
USUAL_THRESHOLDS = (700, 10, 10)  # CPython's defaults
SERIAL_BELOW = 16  # fewer misses than this are not worth starting processes for


@dataclass(frozen=True)
class Job:
    """One raw file to look up: where it is, its path in content/, and its cache key."""

    path: str
    rel: str
    key: str


def file_key(
    path: str,
    options: Options,
    context: str,
    digests: cache.Digests | None = None,
    rel: str | None = None,
) -> str | None:
    """The cache key of a file's current bytes, or None when it cannot be read. `rel`: its
    path relative to the content folder, when the caller has it."""
    try:
        if digests is not None:
            digest = digests.digest(path)
        else:
            digest = cache.file_digest(path, pipeline.MAX_BYTES + 1)
    except OSError:
        return None
    rel = rel or relative(path, options.content_dir)
    return cache.entry_key(context, digest, rel, pipeline.file_date(path))


def make_entry(
    path: str,
    rel: str,
    options: Options,
    knowledge=None,
    renderer: MarkdownRenderer | None = None,
    memo: dict | None = None,
) -> Entry:
    """Read, clean, extract and render one file (what a cache miss costs). The record keeps
    neither the body (its HTML is the entry's) nor what the cleaner removed: they are for
    `briefing inspect`, which reads the file itself, and no build reads them. Without them an
    entry is half the bytes, and decoding one in the build's process (on a cold build, while
    the workers wait for a core) makes a few objects instead of fifty: 0.29 -> 0.05 s at
    3,000 articles."""
    record = pipeline.process_file(path, options, knowledge, memo)
    html = render_markdown(record.body, renderer) if record.status == "published" else ""
    return replace(record, path=rel, body="", removed=()), html


def _work(
    job: Job,
    options: Options,
    knowledge=None,
    renderer: MarkdownRenderer | None = None,
    memo: dict | None = None,
) -> tuple[str, Entry | None]:
    try:
        return job.key, make_entry(job.path, job.rel, options, knowledge, renderer, memo)
    except Exception:  # the reader meets the file again and reports it by name  # noqa: BLE001
        return job.key, None


def _work_star(args: tuple) -> tuple[str, Entry | None]:
    return _work(*args)


def _work_encoded(args: tuple) -> tuple[str, bytes | None]:
    """_work for the pool: the entry as the cache stores it (cache.encode_entry). The pool
    pickles what a worker returns anyway; as bytes, the build keeps them for the cache instead
    of pickling every entry again once the reading is done (about 0.6 s at 10,000 articles,
    when only this process works)."""
    key, entry = _work(*args)
    return key, None if entry is None else cache.encode_entry(*entry)


def jobs_for(
    paths: Iterable[str], options: Options, context: str, digests: cache.Digests | None = None
) -> list[Job]:
    jobs = []
    for path in paths:
        rel = relative(path, options.content_dir)
        key = file_key(path, options, context, digests, rel)
        if key is not None:
            jobs.append(Job(path, rel, key))
    return jobs


def worker_count(settings) -> int:
    wanted = int(get(settings, "BRIEFING_JOBS") or 0)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, min(wanted or cores or 1, cores or 1))


def work_arguments(jobs: list[Job], options: Options):
    """_work's arguments for each job: the topic rules and registry read once per build, one
    Markdown renderer and one memo of line features (cleaning.clean). A pool pickles them with
    each chunk of jobs, so each chunk rebuilds the renderer once and starts an empty memo."""
    knowledge = load_knowledge(options)
    renderer, memo = MarkdownRenderer(), {}
    return ((job, options, knowledge, renderer, memo) for job in jobs)


def process_all(jobs: list[Job], options: Options) -> dict[str, Entry]:
    """Entries for `jobs`, in this process (too few to be worth starting processes for)."""
    results = map(_work_star, work_arguments(jobs, options))
    return {key: entry for key, entry in results if entry is not None}


def worker_pool(workers: int):
    """Processes for the misses, with the cycle collector's usual thresholds: the build puts off
    its full runs in this process (build.collector_paused), and a worker holds little."""
    return multiprocessing.get_context("fork").Pool(workers, initializer=usual_collector)


def usual_collector() -> None:
    gc.set_threshold(*USUAL_THRESHOLDS)


def prepare_jobs(
    needed: list[Job], store: cache.RecordCache, settings, live: list[Job]
) -> dict[str, Entry] | Stream:
    """{absolute path: entry} for the `needed` jobs, or a Stream of them when enough miss the
    cache to start processes; the cache keeps the entries of `live`."""
    options = Options.from_settings(settings)
    found = store.get_many(job.key for job in needed)
    missing = [job for job in needed if job.key not in found]
    logger.info(
        "briefing: %d files read ahead, %d from the cache",
        len(needed),
        len(needed) - len(missing),
    )
    ready = {job.path: found[job.key] for job in needed if job.key in found}
    workers = worker_count(settings)
    if workers > 1 and len(missing) >= SERIAL_BELOW:
        live_keys = [job.key for job in live]
        return Stream(
            ready, missing, options, workers, get(settings, "BRIEFING_CACHE_DIR"), live_keys
        )
    if missing:
        made = process_all(missing, options)
        store.put_many(made)
        ready.update((job.path, made[job.key]) for job in missing if job.key in made)
    store.keep_only(job.key for job in live)
    return ready


class Stream:
    """The entries of files that missed the cache, made by a pool of processes in the order
    Pelican reads the files, and handed over as they come: Pelican wraps each into an Article
    while the workers make the next ones, instead of waiting for all (on a cold build that
    wrapping is a one-core stretch of about 5 s at 10,000 articles). `close` stores what was
    made in the cache and ends the pool; it runs once Pelican has read every article."""

    def __init__(self, ready, jobs: list[Job], options: Options, workers: int, cache_dir, live):
        self.ready = ready  # {path: entry}: from the cache, or made and not yet asked for
        self.waiting = {job.path for job in jobs}  # not handed over by the pool yet
        self.made: dict[str, bytes] = {}  # {cache key: entry encoded}, stored by close
        self.live = live
        self.cache_dir = cache_dir
        self.pool = worker_pool(workers)
        # A build that fails before `close` must not leave the workers going through the rest.
        self.ended = weakref.finalize(self, self.pool.terminate)
        chunk = max(1, min(64, len(jobs) // (workers * 8)))
        args = work_arguments(jobs, options)
        self.results = self.pool.imap(_work_encoded, args, chunksize=chunk)
        self.paths = {job.key: job.path for job in jobs}

    def get(self, path: str, default=None):
        while path in self.waiting and path not in self.ready:
            self._take_one()
        return self.ready.get(path, default)

    def _take_one(self) -> None:
        key, data = next(self.results)
        path = self.paths[key]
        self.waiting.discard(path)
        entry = cache.decode_entry(data) if data is not None else None
        if entry is not None:  # else the reader meets the file again and reports it by name
            self.ready[path], self.made[key] = entry, data

    def close(self) -> None:
        """Finish the pool's work, store it, end the pool (idempotent)."""
        if self.pool is None:
            return
        try:
            while self.waiting:
                self._take_one()
        finally:
            self.ended()
            self.pool.join()
            self.pool = None
        store = cache.RecordCache(self.cache_dir)
        try:
            store.put_encoded(self.made)
            store.keep_only(self.live)
        finally:
            store.close()
        self.made = {}


def on_articles_read(generator) -> None:
    """Signal handler (article_generator_pretaxonomy): every article is read, so the stream
    of entries, if any, is finished and stored."""
    for reader in generator.readers.readers.values():
        if isinstance(getattr(reader, "prepared", None), Stream):
            reader.prepared.close()


def list_once(generator, paths, excluded) -> set[str]:
    """The generator's files (get_files, as its generate_context lists them). That listing also
    answers the generator's later get_files calls with the same folders in this build (Pelican
    4.12 makes two, moments later: generate_context's, then check_disabled_readers' for other
    extensions), until forget_listings at the end of the generators: listing and filtering ten
    thousand names is about 0.1 s each time. Calls about other folders list them."""
    listing = generator.get_files(paths, exclude=excluded, extensions=False)
    lister = generator.get_files

    def get_files(wanted, exclude=None, extensions=None):
        if wanted != paths or exclude != excluded:
            return lister(wanted, exclude=exclude, extensions=extensions)
        return with_extensions(listing, generator, extensions)

    get_files.kept_listing = True
    generator.get_files = get_files
    return with_extensions(listing, generator, None)


def forget_listings(generators) -> None:
    """Signal handler (all_generators_finalized): a generator lists its folders again."""
    for generator in generators:
        if getattr(vars(generator).get("get_files"), "kept_listing", False):
            del generator.get_files


def with_extensions(listing: set[str], generator, extensions) -> set[str]:
    """The files of an unfiltered get_files listing that get_files would give for `extensions`
    (the test of Pelican's Generator._include_path: None for the readers' own, False for all)."""
    if extensions is False:
        return set(listing)
    if extensions is None:
        extensions = tuple(generator.readers.extensions)
    return {p for p in listing if os.path.splitext(os.path.basename(p))[1][1:] in extensions}


def on_article_generator_init(generator) -> None:
    """Signal handler: fill our readers' `prepared` table before Pelican reads the articles;
    files whose Article a previous build made from the same inputs come from a snapshot."""
    ours = [r for r in generator.readers.readers.values() if hasattr(r, "prepared")]
    if not ours:
        return
    extensions = {ext for r in ours for ext in r.file_extensions}
    settings = generator.settings
    listing = list_once(generator, settings["ARTICLE_PATHS"], settings["ARTICLE_EXCLUDES"])
    rel_paths = [p for p in listing if os.path.splitext(p)[1][1:] in extensions]
    rel_of = {os.path.abspath(os.path.join(generator.path, p)): p for p in rel_paths}
    options = Options.from_settings(settings)
    digests = cache.Digests(get(settings, "BRIEFING_CACHE_DIR"), pipeline.MAX_BYTES + 1)
    # in the order Pelican will read them (its listing is this very set): see Stream
    context = cache.context_key(options, cache.version_of(settings))
    jobs = jobs_for(list(rel_of), options, context, digests)
    digests.save()
    store = cache.RecordCache(get(settings, "BRIEFING_CACHE_DIR"))
    try:
        whole = snapshot.settings_key(settings) if snapshot.usable(settings) else None
        keys = {rel_of[j.path]: snapshot.snapshot_key(j.key, whole) for j in jobs} if whole else {}
        have = snapshot.install(generator, keys, store) if whole else set()
        needed = [job for job in jobs if rel_of[job.path] not in have]
        prepared = prepare_jobs(needed, store, settings, jobs)
        store.keep_only(keys.values(), table="snapshot")
    finally:
        store.close()
    for reader in ours:
        reader.prepared = prepared


class Entries:
    """Files' entries through the cache, one file at a time (the files the read-ahead did not
    cover): one cache key context (code version, topic and registry files), one cache
    connection and one load of the topic rules and registry for every file asked, each made
    when first needed. `close` ends the connection."""

    def __init__(self, settings) -> None:
        self.options = Options.from_settings(settings)
        self.settings = settings  # the build's code version is kept in them (cache.version_of)
        self.cache_dir = get(settings, "BRIEFING_CACHE_DIR")
        self._context: str | None = None
        self._store: cache.RecordCache | None = None
        self._knowledge = None

    def entry(self, path: str) -> Entry:
        if self._context is None:
            self._context = cache.context_key(self.options, cache.version_of(self.settings))
        key = file_key(path, self.options, self._context)
        if key is None:  # unreadable: the pipeline says why
            return pipeline.process_file(path, self.options, self._known()), ""
        if self._store is None:
            self._store = cache.RecordCache(self.cache_dir)
        found = self._store.get_many([key]).get(key)
        if found is None:
            rel = relative(path, self.options.content_dir)
            found = make_entry(path, rel, self.options, self._known())
            self._store.put_many({key: found})
        return found

    def _known(self):
        if self._knowledge is None:
            self._knowledge = load_knowledge(self.options)
        return self._knowledge

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None


def cached_entry(path: str, settings) -> Entry:
    """One file's entry through the cache."""
    entries = Entries(settings)
    try:
        return entries.entry(path)
    finally:
        entries.close()
