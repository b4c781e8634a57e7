"""The benchmark's memory figure sums the whole process tree: a grandchild's memory counts."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import measure  # noqa: E402

# The child starts a grandchild that fills 80 MB and maps 1 GB it never touches (so the figure
# must be resident memory, not address space), holds both a moment, then both end. The mapping
# is private and read-only: it takes address space without being charged as memory (a shared
# one, mmap's default, is charged), so the test also runs where the kernel never overcommits.
GRANDCHILD = (
    "import mmap, time; b = bytearray(80 * 2**20); "
    "m = mmap.mmap(-1, 2**30, mmap.MAP_PRIVATE, mmap.PROT_READ); time.sleep(1.5)"
)
CHILD = f"import subprocess, sys; subprocess.run([sys.executable, '-c', {GRANDCHILD!r}])"


def test_tree_peak_counts_a_grandchild(tmp_path):
    run = measure.run_command([sys.executable, "-c", CHILD], cwd=tmp_path)
    assert 80 <= run.tree_peak_mb < 400  # resident pages, not the address space
    assert run.max_process_mb < run.tree_peak_mb  # no single process held it all


def test_a_failing_command_raises_with_its_output(tmp_path):
    with pytest.raises(RuntimeError) as failed:
        measure.run_command([sys.executable, "-c", "print('boom'); raise SystemExit(3)"], tmp_path)
    assert "boom" in str(failed.value) and "(3)" in str(failed.value)


def test_a_child_not_yet_running_its_program_is_not_counted_twice(monkeypatch):
    # A started child still in its parent's memory (flags, address space and resident pages its
    # parent's) holds nothing of its own; one that has diverged, or has its own program, counts.
    unborn, parent = (measure.PF_FORKNOEXEC, 800, 600_000), (0, 800, 600_000)
    worker = (measure.PF_FORKNOEXEC, 800, 650_000)
    table = {1: [2, 3, 4]}, {1: parent, 2: unborn, 3: worker, 4: (0, 30, 40_000)}
    monkeypatch.setattr(measure, "_proc_table", lambda: table)
    assert measure.tree_rss_kb(1) == 600_000 + 650_000 + 40_000
