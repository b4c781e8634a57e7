"""The benchmark's memory figure sums the whole process tree: a grandchild's memory counts."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import measure  # noqa: E402

# The child starts a grandchild that holds 80 MB for a moment, then both end.
GRANDCHILD = "b = bytearray(80 * 2**20); import time; time.sleep(0.5)"
CHILD = f"import subprocess, sys; subprocess.run([sys.executable, '-c', {GRANDCHILD!r}])"


def test_tree_peak_counts_a_grandchild(tmp_path):
    run = measure.run_command([sys.executable, "-c", CHILD], cwd=tmp_path)
    assert 80 <= run.tree_peak_mb < 400  # resident pages, not the address space
    assert run.max_process_mb < run.tree_peak_mb  # no single process held it all


def test_a_failing_command_raises_with_its_output(tmp_path):
    try:
        measure.run_command([sys.executable, "-c", "print('boom'); raise SystemExit(3)"], tmp_path)
    except RuntimeError as err:
        assert "boom" in str(err) and "(3)" in str(err)
    else:
        raise AssertionError("a failing command must raise")
