"""The read-ahead's stream: entries made by a pool while Pelican reads, handed over in any
order asked, all stored in the cache when it closes, and no process left behind."""

from __future__ import annotations

import gc
import multiprocessing
from pathlib import Path

from briefing import cache, readahead
from briefing.settings import Options
from conftest import ROOT
from pelican.settings import read_settings


def sample_jobs(cache_dir: Path) -> tuple[list[readahead.Job], Options]:
    settings = read_settings(
        str(ROOT / "pelican.conf.py"),
        override={"PATH": str(ROOT / "content"), "BRIEFING_CACHE_DIR": str(cache_dir)},
    )
    options = Options.from_settings(settings)
    paths = sorted(str(p) for p in (ROOT / "content").glob("*.txt"))
    assert len(paths) >= readahead.SERIAL_BELOW  # enough for a pool
    return readahead.jobs_for(paths, options, cache.context_key(options)), options


def stored(cache_dir: Path, keys: list[str]) -> dict:
    store = cache.RecordCache(str(cache_dir))
    try:
        return store.get_many(keys)
    finally:
        store.close()


def test_a_stream_hands_over_what_one_process_makes_in_any_order_and_stores_it(tmp_path):
    jobs, options = sample_jobs(tmp_path / "cache")
    keys = [job.key for job in jobs]
    stream = readahead.Stream({}, jobs, options, 2, str(tmp_path / "cache"), keys)
    try:
        got = {job.path: stream.get(job.path) for job in reversed(jobs)}  # last made first
        assert stream.get(str(tmp_path / "not-a-job.txt"), "none") == "none"
    finally:
        stream.close()
    made = readahead.process_all(jobs, options)
    assert got == {job.path: made[job.key] for job in jobs}
    assert stored(tmp_path / "cache", keys) == made
    assert not multiprocessing.active_children()


def test_a_stream_stores_the_bytes_its_workers_encoded(tmp_path, monkeypatch):
    """The workers hand each entry over as the cache stores it: this process keeps those bytes
    and encodes no entry itself, and what it stores reads back as what a single process makes."""
    jobs, options = sample_jobs(tmp_path / "cache")
    keys = [job.key for job in jobs]
    stream = readahead.Stream({}, jobs, options, 2, str(tmp_path / "cache"), keys)

    def not_here(record, html):
        raise AssertionError("an entry encoded again by the build's process")

    monkeypatch.setattr(cache, "encode_entry", not_here)  # the workers were forked before
    try:
        got = {job.path: stream.get(job.path) for job in jobs}
    finally:
        stream.close()
    made = readahead.process_all(jobs, options)
    assert got == {job.path: made[job.key] for job in jobs}
    assert stored(tmp_path / "cache", keys) == made


def test_closing_a_stream_nobody_read_still_stores_everything(tmp_path):
    jobs, options = sample_jobs(tmp_path / "cache")
    keep = [job.key for job in jobs[: len(jobs) // 2]]
    stream = readahead.Stream({}, jobs, options, 2, str(tmp_path / "cache"), keep)
    stream.close()
    stream.close()  # twice is harmless
    assert sorted(stored(tmp_path / "cache", [job.key for job in jobs])) == sorted(keep)
    assert not multiprocessing.active_children()


def test_a_stream_dropped_without_closing_ends_its_workers(tmp_path):
    """A build that fails while Pelican reads never closes its stream: the workers must not go on
    through the remaining files once the stream is gone."""
    jobs, options = sample_jobs(tmp_path / "cache")
    stream = readahead.Stream({}, jobs, options, 2, str(tmp_path / "cache"), [])
    stream.get(jobs[0].path)
    assert multiprocessing.active_children()
    del stream
    gc.collect()
    assert not multiprocessing.active_children()


def test_entries_one_at_a_time_share_one_connection_context_and_registry(tmp_path, monkeypatch):
    """A file the read-ahead did not cover is read through the cache: made and stored once,
    then found there; files asked of one Entries share its connection, cache context and
    topic rules, and one cached_entry opens one connection."""
    from briefing import metadata, pipeline

    (jobs, _options), cache_dir = sample_jobs(tmp_path / "c"), tmp_path / "c"
    settings = read_settings(
        str(ROOT / "pelican.conf.py"),
        override={"PATH": str(ROOT / "content"), "BRIEFING_CACHE_DIR": str(cache_dir)},
    )
    calls = {"connect": 0, "context": 0, "knowledge": 0, "made": 0}

    def counting(name, real):
        def counted(*args, **kwargs):
            calls[name] += 1
            return real(*args, **kwargs)

        return counted

    monkeypatch.setattr(cache, "RecordCache", counting("connect", cache.RecordCache))
    monkeypatch.setattr(cache, "context_key", counting("context", cache.context_key))
    monkeypatch.setattr(readahead, "load_knowledge", counting("knowledge", metadata.load_knowledge))
    monkeypatch.setattr(pipeline, "process_file", counting("made", pipeline.process_file))
    paths = [job.path for job in jobs[:3]]
    entries = readahead.Entries(settings)
    try:
        made = [entries.entry(path) for path in paths]
    finally:
        entries.close()
    assert calls == {"connect": 1, "context": 1, "knowledge": 1, "made": 3}
    assert stored(cache_dir, [job.key for job in jobs[:3]]) == dict(
        zip([job.key for job in jobs[:3]], made, strict=True)
    )
    for path, entry in zip(paths, made, strict=True):
        calls.update(connect=0, made=0)
        assert readahead.cached_entry(path, settings) == entry
        assert calls["connect"] == 1 and calls["made"] == 0  # from the cache, one connection


def test_an_entry_keeps_the_record_without_body_or_removed_blocks(tmp_path):
    """The build never reads a record's body (its HTML is the entry's) nor what the cleaner
    removed: an entry leaves them out, and keeps every other field as the pipeline made it."""
    from dataclasses import replace

    from briefing import pipeline
    from briefing.sanitize import render_markdown

    jobs, options = sample_jobs(tmp_path / "cache")
    for job in jobs[:4]:
        full = pipeline.process_file(job.path, options)
        assert full.body and full.removed  # the sample pastes have both
        record, html = readahead.make_entry(job.path, job.rel, options)
        assert record == replace(full, path=job.rel, body="", removed=())
        assert html == render_markdown(full.body)
