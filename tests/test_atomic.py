"""Atomic output: a failed, strict or killed build leaves the previous site in place, leftovers
of killed builds are cleaned, a corrupt cache is rebuilt."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from briefing.build import BuildFailed, recover, swap_in
from conftest import build_command, build_site


def article(i: int, extra: str = "") -> str:
    return (
        f"Title: Talks round {i} in Doha{extra}\nDate: 2020-{1 + i % 12:02d}-{1 + i % 28:02d}\n"
        "Source: The Frontier Ledger\n\n"
        f"DOHA: Round {i} of the talks opened on Saturday with both delegations present and "
        f"the envoy in the room for item {i} of the agenda.\n\n"
        f"Officials said the round numbered {i} would last a week before a pause.\n"
    )


def make_content(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        (folder / f"round-{i:04d}.txt").write_text(article(i), "utf-8")
    return folder


def snapshot(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def leftovers(output: Path, timeout: float = 60) -> list[str]:
    """What lies next to `output`, once the detached deleters of replaced sites are done."""
    deadline = time.monotonic() + timeout
    while True:
        found = sorted(
            p.name for p in output.parent.iterdir() if p.name.startswith(output.name + ".")
        )
        if not any(".trash-" in name for name in found) or time.monotonic() > deadline:
            return found
        time.sleep(0.05)


def test_failed_build_keeps_the_previous_site(tmp_path):
    content = make_content(tmp_path / "content", 3)
    output = build_site(content, tmp_path / "output", BRIEFING_SEARCH=False)
    before = snapshot(output)
    (content / "round-0099.txt").write_text(article(99), "utf-8")
    with pytest.raises(BuildFailed):
        build_site(content, output, BRIEFING_SEARCH=False, THEME=str(tmp_path / "no-theme"))
    assert snapshot(output) == before
    assert leftovers(output) == []


def test_strict_build_fails_on_a_warning_and_keeps_the_site(tmp_path):
    content = make_content(tmp_path / "content", 3)
    output = build_site(content, tmp_path / "output", BRIEFING_SEARCH=False)
    before = snapshot(output)
    (content / "empty.txt").write_bytes(b"")
    build_site(content, tmp_path / "lenient", BRIEFING_SEARCH=False)  # not strict: builds
    with pytest.raises(BuildFailed, match="strict"):
        build_site(content, output, BRIEFING_SEARCH=False, BRIEFING_STRICT=True)
    assert snapshot(output) == before
    assert leftovers(output) == []


def test_recover_puts_back_a_site_caught_mid_swap(tmp_path):
    output = tmp_path / "output"
    old = tmp_path / "output.old"
    old.mkdir()
    (old / "index.html").write_text("previous", "utf-8")
    recover(output)
    assert (output / "index.html").read_text("utf-8") == "previous"
    assert not old.exists()


def test_recover_removes_only_dead_builds_temp_folders(tmp_path):
    output = tmp_path / "output"
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    stale = tmp_path / f"output.tmp-{dead}-abc"
    live = tmp_path / f"output.tmp-{os.getpid()}-def"
    for folder in (stale, live):
        folder.mkdir()
        (folder / "index.html").write_text("x", "utf-8")
    recover(output)
    assert not stale.exists() and live.exists()


def test_recover_hands_an_abandoned_trash_folder_to_a_new_deleter(tmp_path):
    output = tmp_path / "output"
    output.mkdir()
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    for name in (f"output.trash-{dead.pid}", "output.trash-new-1-output.tmp-1-x"):
        (tmp_path / name / "articles").mkdir(parents=True)
        (tmp_path / name / "articles" / "index.html").write_text("x", "utf-8")
    recover(output)
    assert leftovers(output) == []
    assert output.is_dir()


def test_swap_in_replaces_the_site_and_leaves_nothing_behind(tmp_path):
    output, built = tmp_path / "output", tmp_path / "output.tmp-1-x"
    for folder, text in ((output, "old"), (built, "new")):
        folder.mkdir()
        (folder / "index.html").write_text(text, "utf-8")
    swap_in(built, output)
    assert (output / "index.html").read_text("utf-8") == "new"
    assert leftovers(output) == []


def test_corrupt_cache_is_ignored_and_rebuilt(tmp_path):
    content = make_content(tmp_path / "content", 4)
    cache = tmp_path / "cache"
    first = build_site(
        content, tmp_path / "first", BRIEFING_SEARCH=False, BRIEFING_CACHE_DIR=str(cache)
    )
    entries = [p for p in cache.rglob("*") if p.is_file()]
    assert entries
    for i, path in enumerate(entries):  # truncated, garbage, empty
        data = path.read_bytes()
        path.write_bytes([data[: len(data) // 2], b"\x00garbage\xff" * 50, b""][i % 3])
    second = build_site(
        content, tmp_path / "second", BRIEFING_SEARCH=False, BRIEFING_CACHE_DIR=str(cache)
    )
    pages = {k: v for k, v in snapshot(first).items() if k.startswith("articles/")}
    assert len(pages) == 4
    assert pages == {k: v for k, v in snapshot(second).items() if k.startswith("articles/")}


def briefing_build(content: Path, output: Path, cwd: Path) -> subprocess.Popen:
    """Start a build; its log goes to a file (a pipe nobody reads would fill up and block it)."""
    cmd, env = build_command(content, output)
    log = open(cwd / "build.log", "wb")  # the child keeps its own copy of the descriptor
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=log)
    log.close()
    return proc


def build_log(cwd: Path) -> str:
    return (cwd / "build.log").read_text("utf-8", errors="replace")


def wait_for_pages_in_temp(output: Path, proc: subprocess.Popen, timeout: float = 300) -> bool:
    """True once the build is writing pages into its temporary folder."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        for tmp in output.parent.glob(output.name + ".tmp-*"):
            articles = tmp / "articles"
            if articles.is_dir() and any(articles.iterdir()):
                return True
        time.sleep(0.005)
    return False


def test_killed_build_leaves_the_previous_site_intact(tmp_path):
    """SIGKILL while Pelican writes the pages of a large site: output/ is untouched, the next
    build cleans up after the killed one and succeeds."""
    content = make_content(tmp_path / "content", 800)
    output = tmp_path / "output"
    first = briefing_build(content, output, tmp_path)
    assert first.wait(timeout=600) == 0, build_log(tmp_path)
    before = snapshot(output)
    (content / "round-0001.txt").write_text(article(1, " (updated)"), "utf-8")
    proc = briefing_build(content, output, tmp_path)
    writing = wait_for_pages_in_temp(output, proc)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)
    assert writing, "the build ended before it could be killed while writing"
    assert snapshot(output) == before
    assert any(name.startswith("output.tmp-") for name in leftovers(output))
    again = briefing_build(content, output, tmp_path)
    assert again.wait(timeout=600) == 0, build_log(tmp_path)
    assert leftovers(output) == []
    assert "(updated)" in (output / "index.html").read_text("utf-8") or any(
        "(updated)" in p.read_text("utf-8") for p in (output / "articles").glob("*/index.html")
    )


def test_full_collections_are_put_off_during_the_build_and_back_after_it_even_on_failure():
    import gc

    from briefing.build import NEVER, collector_paused

    before = gc.get_threshold()
    with pytest.raises(RuntimeError), collector_paused():
        assert gc.get_threshold() == (*before[:2], NEVER)
        raise RuntimeError("a build that fails")
    assert gc.get_threshold() == before


def test_read_ahead_workers_collect_with_the_usual_thresholds_while_the_build_puts_it_off():
    import gc

    from briefing.build import collector_paused
    from briefing.readahead import USUAL_THRESHOLDS, worker_pool

    with collector_paused(), worker_pool(2) as pool:
        assert gc.get_threshold() != USUAL_THRESHOLDS
        assert [pool.apply(gc.get_threshold) for _ in range(4)] == [USUAL_THRESHOLDS] * 4
