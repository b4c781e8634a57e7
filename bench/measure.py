"""Timing and memory helpers for the benchmark: run a command, return wall time and the peak
resident memory of its whole process tree (sampled from /proc) and of its largest process."""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024
PF_FORKNOEXEC = 0x40  # a process's flag (kernel): forked, and has not called exec since


@dataclass(frozen=True)
class Run:
    seconds: float
    tree_peak_mb: float  # sum of RSS over the process tree, sampled every 20 ms
    max_process_mb: float  # ru_maxrss of the largest process (kernel figure, exact)


def _proc_table() -> tuple[dict[int, list[int]], dict[int, tuple[int, int, int]]]:
    """Children of every process, and its (flags, address space, resident kB), from one read of
    each /proc/PID/stat (the sampler runs beside the build on the same cores, so it must stay
    cheap: ~0.5 ms a pass)."""
    kids: dict[int, list[int]] = {}
    memory: dict[int, tuple[int, int, int]] = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            fields = _read_stat(name).rsplit(b")", 1)[1].split()
        except (OSError, IndexError):
            continue
        pid = int(name)
        kids.setdefault(int(fields[1]), []).append(pid)
        memory[pid] = (int(fields[6]), int(fields[20]), int(fields[21]) * PAGE_KB)
    return kids, memory


def _read_stat(pid: str) -> bytes:
    fd = os.open(f"/proc/{pid}/stat", os.O_RDONLY)
    try:
        return os.read(fd, 1024)
    finally:
        os.close(fd)


def tree_rss_kb(root: int) -> int:
    kids, memory = _proc_table()
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        if pid not in memory:  # ended meanwhile
            continue
        total += memory[pid][2]
        todo.extend(kid for kid in kids.get(pid, ()) if not _unborn(memory.get(kid), memory[pid]))
    return total


def _unborn(child: tuple[int, int, int] | None, parent: tuple[int, int, int]) -> bool:
    """A child started (forked or vforked) and not yet running a program of its own, whose
    address space and resident memory are still its parent's: the same pages, not counted twice
    (each Pagefind run is such a child for an instant; caught there, it read as a second copy of
    the build's main process)."""
    return child is not None and child[0] & PF_FORKNOEXEC != 0 and child[1:] == parent[1:]


def run_command(cmd: list[str], cwd: Path, env: dict | None = None) -> Run:
    """Run `cmd`; raise with its output when it fails."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], tree_rss_kb(proc.pid))
            done.wait(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output = proc.stdout.read() if proc.stdout else b""
    _pid, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        tail = output.decode(errors="replace")[-3000:]
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}):\n{tail}")
    return Run(seconds, peak[0] / 1024, usage.ru_maxrss / 1024)


def median_run(runs: list[Run]) -> dict:
    return {
        "seconds": round(statistics.median(r.seconds for r in runs), 3),
        "all_seconds": [round(r.seconds, 3) for r in runs],
        "tree_peak_mb": round(max(r.tree_peak_mb for r in runs), 1),
        "max_process_mb": round(max(r.max_process_mb for r in runs), 1),
    }


def per_call_ms(fn, repeat: int) -> float:
    """Median CPU milliseconds of `fn()` over `repeat` calls, after one warm-up call. CPU time,
    not wall time: on a shared machine the wall time of the same call swings threefold with
    the other jobs, while its CPU time moves little."""
    fn()
    times = []
    for _ in range(repeat):
        start = time.process_time()
        fn()
        times.append((time.process_time() - start) * 1000)
    return statistics.median(times)


def self_peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
