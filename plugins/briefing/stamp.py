"""The whole build's inputs as one stamp: when nothing that feeds the build changed since the
build that made `output/`, that output is kept as it is (build.py) instead of being rebuilt.

The stamp covers the plugin's code and libraries (cache.code_version), every setting, Pelican's
version and the date locale (snapshot.settings_key), the theme's bytes, Pagefind's version, the
topic file's and the registry's bytes (wherever they lie), and every file under the content
folder by path, size, inode and change times. A file's ctime cannot
be set back by hand (unlike its mtime), so an edit in place that keeps the size and restores
the mtime still changes the stamp; a file changed in the two seconds before a stamp is also
known by its bytes (a later edit in the same clock tick could leave its times as they were).
The output must still hold every page as the last build wrote it (its page manifest,
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
from .cache import RACY_NS, file_digest, file_id, output_file, read_json_object, write_json
from .report import REPORT_NAME
from .settings import get

logger = logging.getLogger(__name__)

# Versions of what turns the same inputs into other bytes, besides the plugin's own libraries.
WHOLE = -1  # file_digest's limit for the whole file
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
    """Every file under `root`: relative path, size, inode, mtime and ctime (ns); a folder's
    files by name, then its subfolders by name (as os.walk without following links). The
    relative paths are joined as the walk goes: os.path.relpath per file was 0.15 s of a
    rebuild at 10,000 articles."""
    return _walk(root, "")


def _walk(root: str, rel: str) -> list[list]:
    try:
        with os.scandir(os.path.join(root, rel)) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError:
        return []
    found, folders = [], []
    for entry in entries:
        try:
            is_folder = entry.is_dir()
            walk_into = is_folder and not entry.is_symlink()
        except OSError:
            continue
        path = rel + entry.name
        if is_folder:
            if walk_into:
                folders.append(path + os.sep)
            continue
        try:
            st = os.stat(entry.path)
        except OSError:
            continue
        found.append([path, st.st_size, st.st_ino, st.st_mtime_ns, st.st_ctime_ns])
    for folder in folders:
        found += _walk(root, folder)
    return found


def _theme(settings) -> list[list[str]]:
    folders = [settings["THEME"], *settings.get("THEME_TEMPLATES_OVERRIDES", [])]
    found = []
    for folder in folders:
        for rel, *_ in _files(folder):
            found.append([folder, rel, file_digest(os.path.join(folder, rel), WHOLE)])
    return found


def _knowledge(settings) -> list[str]:
    """The bytes' digests of the topic file and the registry: named relative to the content
    folder, they may still lie outside it ('../shared/topics.toml'), unseen by its walk."""
    found = []
    for name in ("BRIEFING_TOPICS_FILE", "BRIEFING_REGISTRY_FILE"):
        try:
            found.append(file_digest(os.path.join(settings["PATH"], get(settings, name)), WHOLE))
        except OSError:
            found.append("-")
    return found


def _versions() -> list[str]:
    found = []
    for name in TOOLS:
        try:
            found.append(f"{name}={dist_metadata.version(name)}")
        except dist_metadata.PackageNotFoundError:
            found.append(f"{name}=-")
    return found


def take(settings, output: Path) -> dict | None:
    """This build's inputs, as the digest the last build's stamp is checked against and the
    digest to keep for the next build; None when they cannot be stamped."""
    if not eligible(settings):
        return None
    whole = snapshot.settings_key(settings)
    if whole is None:
        return None
    saved = _saved(settings, output)
    since = time.time_ns() - RACY_NS  # a file changed this close may change unseen
    try:
        content = _files(settings["PATH"])
        base = [whole, _versions(), _theme(settings), _knowledge(settings)]
        # Bytes now, before the build reads them, of every file changed close to either stamp.
        earliest = min(since, saved.get("since", since))
        hashes = {
            rel: file_digest(os.path.join(settings["PATH"], rel), WHOLE)
            for rel, *_, ct in content
            if ct >= earliest
        }
    except OSError:
        return None
    check = _digest(base, content, hashes, saved["since"]) if "since" in saved else None
    return {
        "saved": saved.get("inputs"),
        "check": check,
        "inputs": _digest(base, content, hashes, since),
        "since": since,
    }


def _digest(base: list, content: list, hashes: dict, since: int) -> str:
    """The inputs; a file changed after `since` is also known by its bytes: an edit in the
    same clock tick as the stamp can leave its size and times as they were."""
    racy = sorted((rel, hashes[rel]) for rel, *_, ct in content if ct >= since)
    data = json.dumps([base, content, racy], separators=(",", ":"))
    return hashlib.sha256(data.encode()).hexdigest()


def stamp_file(settings, output: Path) -> Path:
    return output_file(settings, output, "build")


def _saved(settings, output: Path) -> dict:
    saved = read_json_object(stamp_file(settings, output))
    ok = isinstance(saved.get("since"), int)
    return saved if ok and isinstance(saved.get("inputs"), str) else {}


def save(settings, output: Path, stamp: dict | None) -> None:
    """After `output` was swapped in: remember what it was built from (or forget it)."""
    path = stamp_file(settings, output)
    try:
        if stamp is None:
            path.unlink(missing_ok=True)
            return
        write_json(path, {"inputs": stamp["inputs"], "since": stamp["since"]})
    except OSError as err:
        logger.warning("could not save the build stamp %s: %s", path, err)


def unchanged(settings, output: Path, stamp: dict | None) -> bool:
    """True when `output` was built from these very inputs and still holds what was written."""
    if stamp is None or stamp["check"] is None or stamp["check"] != stamp["saved"]:
        return False
    return output.is_dir() and _pages_intact(settings, output)


def _pages_intact(settings, output: Path) -> bool:
    from .writer import manifest_file  # writer imports Pelican's writer: import late

    pages = read_json_object(manifest_file(settings, output))
    if not pages:
        return False
    for name, entry in pages.items():
        try:
            if file_id(output / name) != entry[1:]:
                return False
        except OSError:
            return False
    return (output / REPORT_NAME).is_file()
