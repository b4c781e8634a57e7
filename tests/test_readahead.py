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
