"""A rebuild's changed shard is indexed while Pelican still writes: its unchanged pages are read
from the previous output before the writer links them, and their staged copies are taken from
the kept staging folder when its record vouches for them. Neither may let an old page in."""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest
from briefing.search import Indexing, build_index, pagefind_binary
from briefing.search_shards import STAGED, article_pages, plan
from briefing.writer import BATCH, IncrementalWriter
from conftest import ROOT, build_site
from test_search import cold_index, fragment_texts, fragment_urls, make_site, manifest, tree

needs_pagefind = pytest.mark.skipif(pagefind_binary() is None, reason="pagefind-bin not installed")


def linked_copy(old: Path, new: Path) -> Path:
    """The next build's site before its pages change: the previous pages, hard-linked (what the
    writer does with unchanged pages)."""
    shutil.copytree(old / "articles", new / "articles", copy_function=os.link)
    return new


def rewrite(site: Path, slug: str, old: str, new: str) -> None:
    """A page written again: a new file (never through the link to the previous output)."""
    page = site / "articles" / slug / "index.html"
    text = page.read_text(encoding="utf-8")
    assert old in text
    page.unlink()
    page.write_text(text.replace(old, new), encoding="utf-8")


def all_texts(site: Path) -> str:
    return "\n".join(fragment_texts(site / "pagefind" / s["path"]) for s in manifest(site).values())


def neighbour(site: Path, slug: str, per_shard: int) -> str:
    """Another page of the shard of `slug`'s page."""
    page = f"articles/{slug}/index.html"
    shard = next(s for s in plan(article_pages(site), per_shard) if page in s.pages)
    return next(p for p in shard.pages if p != page).split("/")[1]


# ---- through the build -------------------------------------------------------------------------


def fixture_site_built(tmp_path, monkeypatch) -> tuple:
    """The fixture site built once with search, two pages a shard: (content, output, settings)."""
    content = tmp_path / "content"
    shutil.copytree(ROOT / "tests" / "fixtures" / "site", content)
    monkeypatch.chdir(tmp_path)
    settings = {"BRIEFING_CACHE_DIR": "c", "BRIEFING_SEARCH_SHARD_PAGES": 2}
    return (
        content,
        build_site(content, tmp_path / "output", BRIEFING_SEARCH=True, **settings),
        settings,
    )


@needs_pagefind
def test_a_changed_shard_is_indexed_before_the_unchanged_pages_are_linked(tmp_path, monkeypatch):
    from briefing import search

    content, out, settings = fixture_site_built(tmp_path, monkeypatch)
    assert len(article_pages(out)) < BATCH  # so the writer links nothing before wait_for_links
    story = content / "talks-resume-in-doha.txt"
    text = story.read_text(encoding="utf-8").replace("weeks", "weeks at the zanzibar hall")
    story.write_text(text, encoding="utf-8")

    events: list[tuple] = []
    one, all_written = search.Indexing._one, search.Indexing.all_written
    took = threading.Event()

    def taken(job, shard, *rest):
        missing = [p for p in shard.pages if not (job.site / p).is_file()]
        events.append(("taken", shard.name, len(missing)))
        took.set()
        return one(job, shard, *rest)

    def confirmed(job):
        events.append(("all written",))
        return all_written(job)

    def links_held(writer):  # the thread may take a ready shard late on a busy machine: the
        took.wait(10)  # reused pages stay unlinked till then (the fixture's are under a BATCH)
        return wait_for_links(writer)

    wait_for_links = IncrementalWriter.wait_for_links
    monkeypatch.setattr(search.Indexing, "_one", taken)
    monkeypatch.setattr(search.Indexing, "all_written", confirmed)
    monkeypatch.setattr(IncrementalWriter, "wait_for_links", links_held)
    build_site(content, out, BRIEFING_SEARCH=True, **settings)

    early = events[: events.index(("all written",))]
    edited = next(p for p in article_pages(out) if "zanzibar" in (out / p).read_text("utf-8"))
    shard = next(s for s in plan(article_pages(out), 2) if edited in s.pages)
    assert early == [("taken", shard.name, len(shard.pages) - 1)]
    assert len(shard.pages) > 1  # its other pages were read from the previous output
    assert "zanzibar" in all_texts(out)
    urls = set()
    for info in manifest(out).values():
        urls |= fragment_urls(out / "pagefind" / info["path"])
    assert urls == {f"/articles/{p.split('/')[1]}/" for p in article_pages(out)}
    # The same index as a cold one of the same pages, byte for byte.
    assert tree(out / "pagefind") == cold_index(out, tmp_path / "cold", 2)


@needs_pagefind
def test_a_renamed_article_is_found_under_its_new_address_only(tmp_path, monkeypatch):
    content, out, settings = fixture_site_built(tmp_path, monkeypatch)
    before = set(article_pages(out))
    story = content / "talks-resume-in-doha.txt"
    text = story.read_text(encoding="utf-8")
    story.write_text(text.replace("after a short pause", "after a long pause"), encoding="utf-8")
    build_site(content, out, BRIEFING_SEARCH=True, **settings)
    after = set(article_pages(out))
    assert len(before - after) == len(after - before) == 1
    urls = set()
    for info in manifest(out).values():
        urls |= fragment_urls(out / "pagefind" / info["path"])
    assert urls == {f"/articles/{p.split('/')[1]}/" for p in after}
    assert tree(out / "pagefind") == cold_index(out, tmp_path / "cold", 2)


# ---- an index of pages not all in place yet ----------------------------------------------------


def early_job(old: Path, site: Path, staging: Path) -> tuple[Indexing, list[str]]:
    """An index of `site` planned from `old`'s pages, whose first shard has one page written
    anew and the others decided (to be linked), none of them linked yet; returns once that
    shard is indexed."""
    pages = article_pages(old)
    job = Indexing(site, old, 4, staging, pages=pages)
    shard = job.shards[0]
    assert len(shard.pages) > 1
    first = shard.pages[0]
    (site / first).parent.mkdir(parents=True)
    (site / first).write_text((old / first).read_text("utf-8").replace("ceasefire", "truce"))
    job.start()
    job.written(str(site / first))
    for page in shard.pages:
        job.decided(page)
    done = threading.Event()
    for _ in range(600):
        with job.lock:
            if job.todo and not job.hashing:
                done.set()
                break
        done.wait(0.05)
    assert done.is_set() and not job.problems
    return job, [p for p in pages if p != first]


@needs_pagefind
def test_pages_read_from_the_previous_output_must_be_those_linked(tmp_path):
    """The early shard read its unlinked pages from the previous output: linked, the index is
    used as it is; should one of them be another file in the end, it is not."""
    staging = tmp_path / "staging"
    old = make_site(tmp_path / "old", 8)
    assert build_index(old, None, 4, staging) == ""

    job, rest = early_job(old, tmp_path / "linked", staging)
    for page in rest:
        (job.site / page).parent.mkdir(parents=True)
        os.link(old / page, job.site / page)
    assert job.all_written()
    assert job.finish() == ""
    assert "truce" in all_texts(job.site)
    assert tree(job.site / "pagefind") == cold_index(job.site, tmp_path / "cold", 4)

    job, rest = early_job(old, tmp_path / "rewritten", staging)
    for page in rest:
        (job.site / page).parent.mkdir(parents=True)
        shutil.copy(old / page, job.site / page)  # written again, not linked
    assert not job.all_written()
    job.abandon()


@needs_pagefind
def test_a_shard_still_being_hashed_is_checked_too(tmp_path, monkeypatch):
    """`all_written` waits for a shard taken but not hashed yet, and checks its pages as well."""
    from briefing import search

    staging = tmp_path / "staging"
    old = make_site(tmp_path / "old", 8)
    assert build_index(old, None, 4, staging) == ""
    hashed, gate, reusable = threading.Event(), threading.Event(), search._reusable

    def slow(*args):  # the shard's pages are hashed: hold it there
        hashed.set()
        gate.wait(30)
        return reusable(*args)

    monkeypatch.setattr(search, "_reusable", slow)
    site, pages = tmp_path / "new", article_pages(old)
    job = Indexing(site, old, 4, staging, pages=pages)
    shard = job.shards[0]
    (site / shard.pages[0]).parent.mkdir(parents=True)
    (site / shard.pages[0]).write_text((old / shard.pages[0]).read_text("utf-8") + " ")
    job.start()
    job.written(str(site / shard.pages[0]))
    for page in shard.pages:
        job.decided(page)
    assert hashed.wait(30)
    for page in pages:  # in place, one of the hashed pages written again (a copy)
        if page == shard.pages[0]:
            continue
        (site / page).parent.mkdir(parents=True)
        link = shutil.copy if page == shard.pages[1] else os.link
        link(old / page, site / page)
    release = threading.Timer(0.2, gate.set)
    release.start()
    assert not job.all_written()
    release.join()
    job.abandon()


@needs_pagefind
def test_a_failed_index_leaves_no_half_bundle(tmp_path, monkeypatch):
    """The reused shards are linked into the bundle while the others are indexed: should one of
    those fail, what was linked goes too (no bundle rather than one without its runtime)."""
    from briefing import search

    old = make_site(tmp_path / "old", 12)
    assert build_index(old, None, 4) == ""
    new = linked_copy(old, tmp_path / "new")
    rewrite(new, "article-003", "ceasefire", "armistice")
    monkeypatch.setattr(search, "_run_pagefind", lambda *args: "Pagefind failed (9): no room")
    assert build_index(new, old, 4) == "Pagefind failed (9): no room"
    assert not (new / "pagefind").exists()


@needs_pagefind
def test_a_worker_goes_on_with_the_next_shards_while_pagefind_runs(tmp_path, monkeypatch):
    """Pagefind indexes a changed shard in its own process while the worker hashes and links
    the shards after it (most of a rebuild's): their links do not wait for that run."""
    from briefing import search

    old = make_site(tmp_path / "old", 12)
    assert build_index(old, None, 4) == ""
    new = linked_copy(old, tmp_path / "new")
    first = plan(article_pages(new), 4)[0]
    rewrite(new, first.pages[0].split("/")[1], "ceasefire", "armistice")
    events: list[str] = []
    wait_one, link = search._wait_one, search.Indexing._link

    def ended(process):
        events.append(f"end {Path(process.args[process.args.index('--output-path') + 1]).parent}")
        return wait_one(process)

    def linked(job, shard, *rest):
        events.append(f"link {shard.name}")
        return link(job, shard, *rest)

    monkeypatch.setattr(search, "_wait_one", ended)
    monkeypatch.setattr(search.Indexing, "_link", linked)
    job = Indexing(new, old, 4)
    job.start()
    job.thread.join(60)  # the thread alone: every shard, before anyone finishes the index
    assert job.handled == len(job.shards) > 2
    assert events == [*(f"link {s.name}" for s in job.shards[1:]), f"end {first.name}"]
    assert job.finish() == ""
    assert "armistice" in all_texts(new)


@needs_pagefind
def test_a_worker_stages_its_next_shard_while_pagefind_runs_the_one_before(tmp_path, monkeypatch):
    """A worker's Pagefind runs follow each other with no staging between them: the next shard
    is staged while the run before it goes on, not once that run is over."""
    import subprocess

    from briefing import search

    site = make_site(tmp_path / "site", 12)
    events: list[str] = []
    stage, communicate = search.stage, subprocess.Popen.communicate

    def staging(site, shard, *rest):
        events.append(f"stage {shard.name}")
        return stage(site, shard, *rest)

    def waiting(process, *args, **kwargs):
        events.append(f"wait {Path(process.args[process.args.index('--site') + 1]).name}")
        return communicate(process, *args, **kwargs)

    monkeypatch.setattr(search, "stage", staging)
    monkeypatch.setattr(subprocess.Popen, "communicate", waiting)
    job = Indexing(site, None, 4)
    job.start()
    job.thread.join(60)  # the thread alone: every shard, one run at a time
    names = [shard.name for shard in job.shards]
    overlapped = [e for one, next_ in zip(names, names[1:], strict=False) for e in (next_, one)]
    assert len(names) > 2
    assert events == [
        f"stage {names[0]}",
        *(f"{'wait' if k % 2 else 'stage'} {name}" for k, name in enumerate(overlapped)),
        f"wait {names[-1]}",
    ]
    assert job.finish() == ""
    urls = set().union(
        *(fragment_urls(site / "pagefind" / s["path"]) for s in manifest(site).values())
    )
    assert urls == {f"/articles/article-{n:03d}/" for n in range(12)}


# ---- the kept staging folder --------------------------------------------------------------------


@needs_pagefind
def test_a_rebuild_reads_only_the_changed_pages_of_a_changed_shard(tmp_path, monkeypatch):
    staging = tmp_path / "staging"
    old = make_site(tmp_path / "old", 12)
    assert build_index(old, None, 4, staging) == ""
    new = linked_copy(old, tmp_path / "new")
    rewrite(new, "article-003", "ceasefire", "armistice")
    read: list[Path] = []
    read_bytes = Path.read_bytes

    def reading(path):
        read.append(path)
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", reading)
    assert build_index(new, old, 4, staging) == ""
    assert {p for p in read if p.name == "index.html" and new in p.parents} == {
        new / "articles/article-003/index.html"
    }
    assert "armistice" in all_texts(new)


@needs_pagefind
def test_a_damaged_staged_copy_is_staged_again(tmp_path):
    staging = tmp_path / "staging"
    old = make_site(tmp_path / "old", 12)
    assert build_index(old, None, 4, staging) == ""
    new = linked_copy(old, tmp_path / "new")
    rewrite(new, "article-003", "ceasefire", "armistice")
    other = neighbour(new, "article-003", 4)
    (copy,) = staging.glob(f"*/articles/{other}/index.html")
    with open(copy, "r+b") as torn:
        torn.truncate(copy.stat().st_size // 2)
    assert build_index(new, old, 4, staging) == ""
    assert tree(new / "pagefind") == cold_index(new, tmp_path / "cold", 4)


@needs_pagefind
def test_what_a_failed_index_staged_does_not_leak_into_the_next(tmp_path, monkeypatch):
    """A failed index staged an edit that never reached the site: the next index, of the page
    as it was, stages it again from the page."""
    from briefing import search

    staging = tmp_path / "staging"
    old = make_site(tmp_path / "old", 12)
    assert build_index(old, None, 4, staging) == ""
    edited = linked_copy(old, tmp_path / "edited")
    rewrite(edited, "article-003", "ceasefire", "armistice")

    def failing(bundle):
        raise ValueError("no filters today")

    with monkeypatch.context() as patch:
        patch.setattr(search, "canonical_filters", failing)
        assert "no filters today" in build_index(edited, old, 4, staging)
    assert "armistice" in next(staging.glob("*/articles/article-003/index.html")).read_text()

    again = linked_copy(old, tmp_path / "again")  # the edit undone; a neighbour edited
    other = neighbour(again, "article-003", 4)
    rewrite(again, other, "ceasefire", "truce")
    assert build_index(again, old, 4, staging) == ""
    assert "armistice" not in all_texts(again) and "truce" in all_texts(again)
    assert tree(again / "pagefind") == cold_index(again, tmp_path / "cold", 4)


@needs_pagefind
def test_staged_copies_made_by_other_code_are_made_again(tmp_path, monkeypatch):
    """The record names the code that staged the pages: another `reduced` stages them anew."""
    from briefing import search_shards

    staging = tmp_path / "staging"
    old = make_site(tmp_path / "old", 12)
    assert build_index(old, None, 4, staging) == ""
    new = linked_copy(old, tmp_path / "new")
    rewrite(new, "article-003", "ceasefire", "armistice")
    monkeypatch.setattr(search_shards, "_MAKER", "other code")
    monkeypatch.setattr(search_shards, "reduced", lambda html: None)  # pages staged whole
    assert build_index(new, old, 4, staging) == ""
    (folder,) = {p.parents[2] for p in staging.glob("*/articles/article-003/index.html")}
    copies = list(folder.glob("articles/*/index.html"))
    assert len(copies) > 1 and all(b"<nav>" in p.read_bytes() for p in copies)
    assert (staging / f"{folder.name}{STAGED}").is_file()


@needs_pagefind
def test_no_pagefind_run_starts_once_a_run_has_failed(tmp_path, monkeypatch):
    """The index is lost once a shard's run fails: the worker starts no other run that would
    only be waited for, and the failure is what the index reports."""
    import subprocess
    import sys

    from briefing import search

    site = make_site(tmp_path / "site", 12)
    started: list[str] = []

    def failing(binary, work, shard, staging):
        started.append(shard.name)
        cmd = [sys.executable, "-c", "raise SystemExit('no index today')"]
        return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    monkeypatch.setattr(search, "_run_pagefind", failing)
    job = Indexing(site, None, 4)
    job.start()
    job.thread.join(60)  # one worker alone: the build has not joined in yet
    assert len(job.shards) > 2
    assert started == [job.shards[0].name]
    assert "no index today" in job.finish()


@needs_pagefind
def test_a_run_killed_because_the_index_is_lost_adds_no_failure_of_its_own(tmp_path, monkeypatch):
    """When another worker's run has failed, a worker kills the run it still holds: the report
    names the failure that happened, not the kill."""
    import subprocess
    import sys

    from briefing import search

    site = make_site(tmp_path / "site", 12)
    slow = [sys.executable, "-c", "import time; time.sleep(30)"]
    monkeypatch.setattr(
        search,
        "_run_pagefind",
        lambda *args: subprocess.Popen(slow, stdout=subprocess.PIPE, stderr=subprocess.PIPE),
    )
    job = Indexing(site, None, 4)
    job._prepare()
    taken: list[int] = []

    def next_shard():
        taken.append(1)
        if len(taken) == 1:
            with job.lock:
                job.hashing += 1
            return job.pending.pop(0)
        job.problems.append("the other worker's run failed")
        return None

    monkeypatch.setattr(job, "_next", next_shard)
    job._work()
    assert job.problems == ["the other worker's run failed"]
