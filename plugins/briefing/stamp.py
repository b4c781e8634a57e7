"""The whole build's inputs as one stamp: when nothing that feeds the build changed since the
build that made `output/`, that output is kept as it is (build.py) instead of being rebuilt.

The stamp covers the plugin's code and libraries (cache.code_version), every setting, Pelican's
version and the date locale (snapshot.settings_key), the theme's bytes, Pagefind's version, and
every file under the content folder by path, size, inode and change times. A file's ctime cannot
be set back by hand (unlike its mtime), so an edit in place that keeps the size and restores
the mtime still changes the stamp; a stamp is not kept when a content file changed in the two
seconds before it was taken (a later edit in the same clock tick could leave the times as
they were). The output must still hold every page as the last build wrote it (its page manifest,
writer.py), else it is rebuilt.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import time
from importlib import metadata as dist_metadata
from pathlib import Path

from . import snapshot
from .settings import get

logger = logging.getLogger(__name__)

RACY_NS = 2_000_000_000  # a file changed this close to the stamp may change again unseen
# Versions of what turns the same inputs into other bytes, besides the plugin's own libraries.
TOOLS = ("pelican", "jinja2", "markupsafe", "feedgen", "pagefind_bin")


def eligible(settings) -> bool:
    """Only a build that depends on nothing else (no clock, no other plugin) and that is not
    strict (strict mode fails on what the build logs, which a kept output does not replay)."""
    plugins = [getattr(p, "__name__", p) for p in settings.get("PLUGINS") or ()]
    return (
        snapshot.usable(settings)
        and not get(settings, "BRIEFING_STRICT")
        and all(p in ("briefing", "briefing.__init__") for p in plugins)
    )


def _files(root: str) -> list[list]:
    """Every file under `root`: relative path, size, inode, mtime and ctime (ns)."""
    found = []
    for folder, dirs, names in os.walk(root):
        dirs.sort()
        for name in sorted(names):
            path = os.path.join(folder, name)
            try:
                st = os.stat(path)
            except OSError:
                continue
            rel = os.path.relpath(path, root)
            found.append([rel, st.st_size, st.st_ino, st.st_mtime_ns, st.st_ctime_ns])
    return found


def _theme(settings) -> list[list[str]]:
    folders = [settings["THEME"], *settings.get("THEME_TEMPLATES_OVERRIDES", [])]
    found = []
    for folder in folders:
        for rel, *_ in _files(folder):
            data = Path(folder, rel).read_bytes()
            found.append([folder, rel, hashlib.sha256(data).hexdigest()])
    return found


def _versions() -> list[str]:
    found = []
    for name in TOOLS:
        try:
            found.append(f"{name}={dist_metadata.version(name)}")
        except dist_metadata.PackageNotFoundError:
            found.append(f"{name}=-")
    return found


def take(settings) -> dict | None:
    """The stamp of this build's inputs, or None when they cannot be stamped."""
    if not eligible(settings):
        return None
    whole = snapshot.settings_key(settings)
    if whole is None:
        return None
    started = time.time_ns()
    try:
        content = _files(settings["PATH"])
        theme = _theme(settings)
    except OSError:
        return None
    newest = max((f[4] for f in content), default=0)
    inputs = json.dumps([whole, _versions(), theme, content], separators=(",", ":"))
    return {
        "inputs": hashlib.sha256(inputs.encode()).hexdigest(),
        "racy": newest >= started - RACY_NS,
    }


def stamp_file(settings, output: Path) -> Path:
    tag = hashlib.sha256(str(output).encode()).hexdigest()[:16]
    return Path(get(settings, "BRIEFING_CACHE_DIR"), f"build-{tag}.json")


def save(settings, output: Path, stamp: dict | None) -> None:
    """After `output` was swapped in: remember what it was built from (or forget it)."""
    path = stamp_file(settings, output)
    try:
        if stamp is None or stamp["racy"]:
            path.unlink(missing_ok=True)
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps({"inputs": stamp["inputs"]}), encoding="utf-8")
        os.replace(tmp, path)
    except OSError as err:
        logger.warning("could not save the build stamp %s: %s", path, err)


def unchanged(settings, output: Path, stamp: dict | None) -> bool:
    """True when `output` was built from these very inputs and still holds what was written."""
    if stamp is None or stamp["racy"] or not output.is_dir():
        return False
    try:
        saved = json.loads(stamp_file(settings, output).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return saved.get("inputs") == stamp["inputs"] and _pages_intact(settings, output)


def _pages_intact(settings, output: Path) -> bool:
    from .writer import manifest_file  # writer imports Pelican's writer: import late

    try:
        pages = json.loads(manifest_file(settings, output).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if not isinstance(pages, dict) or not pages:
        return False
    for name, entry in pages.items():
        try:
            st = os.stat(output / name)
        except OSError:
            return False
        if [st.st_size, st.st_mtime_ns, st.st_ino] != entry[1:]:
            return False
    return (output / "build-report.json").is_file()
