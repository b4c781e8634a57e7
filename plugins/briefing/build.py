"""A whole build: Pelican into a temporary folder, which replaces the output only on success.

Layout next to `output/`: `output.tmp-<pid>-*` is a build in progress (or one killed: it is
removed by the next build once its process is gone); `output.old` exists only for an instant
during the swap, and a build that finds it with no `output/` puts it back first. The replaced
site becomes `output.trash-*`, deleted by a detached process: removing ten thousand folders
takes tens of seconds on a disk with synchronous discard, and nobody needs to wait for it.
`output.trash-<pid>` is being deleted by process <pid>; one whose process is gone (a reboot, a
kill) is handed to a new deleter by the next build.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

from . import cache, stamp
from .report import REPORT_NAME, summary_lines
from .settings import FROM_INPUTS

logger = logging.getLogger(__name__)
NEVER = 1 << 30  # a collection-count threshold that is never reached

_RENAME_EXCHANGE = 2  # renameat2 flag (Linux): swap two paths in one atomic step
_AT_FDCWD = -100
# Run by the detached deleter: claim the folder under its own pid, then remove it.
_DELETER = (
    "import os, shutil, sys\n"
    "old, mine = sys.argv[1], sys.argv[2] + str(os.getpid())\n"
    "try:\n    os.rename(old, mine)\nexcept OSError:\n    sys.exit(0)\n"
    "shutil.rmtree(mine, ignore_errors=True)\n"
)


class BuildFailed(Exception):
    """The build did not complete; the previous output is untouched."""


class WarningCounter(logging.Handler):
    """Keeps the warnings and errors logged during a build, for strict mode; `unsettled` counts
    those that do not follow from the inputs alone (settings.FROM_INPUTS)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []
        self.unsettled = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.unsettled += not getattr(record, FROM_INPUTS, False)
        try:
            self.messages.append(record.getMessage())
        except Exception:  # a badly formatted log call must not break the build
            self.messages.append(str(record.msg))


def _with_version(extra: dict | None, known: dict | None) -> dict:
    """The overrides of the build's run, with the code version the stamp hashed: the plugin's
    files are hashed once a build (cache.version_of), not once per reading of the settings."""
    run = dict(extra or {})
    if known is not None:
        run[cache.VERSION_KEY] = cache.version_of(known)
    return run


def read(settings_file: str, content: str | None, output: str, extra: dict) -> dict:
    from pelican.settings import read_settings

    override = dict(extra, OUTPUT_PATH=output)
    if content:
        override["PATH"] = os.path.abspath(content)
    return read_settings(settings_file, override=override)


def run_pelican(settings_file: str, content: str | None, output: str, extra: dict) -> dict:
    from pelican import Pelican

    settings = read(settings_file, content, output, extra)
    Pelican(settings).run()
    return settings


@contextmanager
def collector_paused():
    """No full runs of Python's cycle collector during a build. A full run walks every
    object of the digest (10,000 articles' snapshots, records and page data): about 1.4 s of
    a 7.5 s one-article rebuild at 10,000 articles, and 0.25 s more when reading the build
    report after Pelican (its thousands of dicts start one while the digest is still in
    memory). The young generations are still collected, which is where the build's cyclic
    garbage (template rendering) dies. The read-ahead's workers get the usual thresholds back."""
    was = gc.get_threshold()
    gc.set_threshold(was[0], was[1], NEVER)
    try:
        yield
    finally:
        gc.set_threshold(*was)


def _pid_of(tmp: Path) -> int:
    try:
        return int(tmp.name.rsplit(".tmp-", 1)[1].split("-", 1)[0])
    except (IndexError, ValueError):
        return 0


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def recover(output: Path) -> None:
    """Undo what a killed build left behind: put back a site caught mid-swap, remove the
    temporary folders of builds whose process is gone."""
    old = output.with_name(output.name + ".old")
    if old.is_dir() and not output.exists():
        logger.warning("%s: restoring the site a killed build left half-swapped", output)
        os.rename(old, output)
    elif old.exists():
        discard(old, output)
    for tmp in output.parent.glob(output.name + ".tmp-*"):
        if tmp.is_dir() and not _alive(_pid_of(tmp)):
            discard(tmp, output)
    for trash in output.parent.glob(output.name + ".trash-*"):
        if not _alive(_trash_pid(trash)):
            discard(trash, output)


def _trash_pid(trash: Path) -> int:
    tail = trash.name.rsplit(".trash-", 1)[1]
    return int(tail) if tail.isdigit() else 0


def discard(folder: Path, output: Path) -> None:
    """Delete `folder` in a detached process; the caller does not wait. Where no process can be
    started, delete it here."""
    trash = output.with_name(f"{output.name}.trash-new-{os.getpid()}-{folder.name}")
    try:
        os.rename(folder, trash)
        subprocess.Popen(
            [sys.executable, "-c", _DELETER, str(trash), f"{output}.trash-"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # survives the build, and a Ctrl-C sent to it
            close_fds=True,
        )
    except OSError:
        shutil.rmtree(trash if trash.exists() else folder, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two folders (Linux renameat2); False where the system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_uint,
    ]
    done = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return done == 0


def swap_in(built: Path, output: Path) -> None:
    """Replace `output` by `built`. Where possible one atomic exchange; else two renames, and
    `recover()` repairs a crash between them. The old site is deleted only once the new is in,
    in the background (see `discard`)."""
    if output.is_dir() and _exchange(built, output):
        discard(built, output)  # `built` now holds the old site
        return
    old = output.with_name(output.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if output.exists():
        os.rename(output, old)
    os.rename(built, output)
    if old.exists():
        discard(old, output)


def read_report(folder: Path) -> dict | None:
    try:
        return json.loads((folder / REPORT_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def strict_failures(report: dict | None, logged: list[str]) -> list[str]:
    """Why a strict build fails: logged warnings and the report's warnings, or []."""
    if report is None:
        return ["no build report was written"]
    found = [f"log: {m.splitlines()[0] if m else m}" for m in logged]
    if report["totals"]["warnings"]:
        found.append(f"report: {report['totals']['warnings']} warnings (see the summary)")
    return found


def build(settings_file: str, content: str | None, output: str, extra: dict | None = None) -> None:
    """Build the site; raise BuildFailed (leaving `output` as it was) on any error. When
    nothing that feeds the build changed since the build that made `output`, keep it."""
    with collector_paused():
        _build(settings_file, content, output, extra)


def print_summary(folder: Path) -> dict | None:
    """Print the build report's summary of the site in `folder`; returns the report."""
    report = read_report(folder)
    for line in summary_lines(report) if report else ["Build report: missing"]:
        print(line, file=sys.stderr)
    return report


def _build(settings_file: str, content: str | None, output: str, extra: dict | None) -> None:
    out = Path(output).resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    recover(out)
    try:
        known = read(settings_file, content, str(out), dict(extra or {}))
        inputs = stamp.take(known, out)
    except Exception as err:  # the build itself reports a broken settings file  # noqa: BLE001
        logger.debug("no build stamp: %s", err)
        known, inputs = None, None
    if known is not None and stamp.unchanged(known, out, inputs):
        print_summary(out)
        print(f"briefing: nothing changed since the last build; {out} kept", file=sys.stderr)
        return
    tmp = Path(tempfile.mkdtemp(prefix=f"{out.name}.tmp-{os.getpid()}-", dir=out.parent))
    tmp.chmod(0o755)  # mkdtemp's 0700 would hide the site from a web server's user
    counter = WarningCounter()
    logging.getLogger().addHandler(counter)
    try:
        settings = run_pelican(settings_file, content, str(tmp), _with_version(extra, known))
        report = print_summary(tmp)
        if settings.get("BRIEFING_STRICT"):
            failures = strict_failures(report, counter.messages)
            if failures:
                raise BuildFailed("strict mode: " + "; ".join(failures[:20]))
    except BaseException as err:
        discard(tmp, out)
        if isinstance(err, KeyboardInterrupt | BuildFailed):
            raise
        raise BuildFailed(str(err)) from err
    finally:
        logging.getLogger().removeHandler(counter)
    swap_in(tmp, out)
    if known is not None:
        # A build that logged a warning (a search index that failed, say) is not kept as is;
        # one the same inputs would give again (a slug clash) is no reason to build anew.
        stamp.save(known, out, None if counter.unsettled else inputs)
