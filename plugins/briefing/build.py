"""A whole build: Pelican into a temporary folder, which replaces the output only on success."""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from pathlib import Path

logger = logging.getLogger(__name__)


class BuildFailed(Exception):
    """The build did not complete; the previous output is untouched."""


def run_pelican(settings_file: str, content: str | None, output: str, extra: dict) -> None:
    from pelican import Pelican
    from pelican.settings import read_settings

    override = dict(extra, OUTPUT_PATH=output)
    if content:
        override["PATH"] = os.path.abspath(content)
    settings = read_settings(settings_file, override=override)
    Pelican(settings).run()


def swap_in(built: Path, output: Path) -> None:
    """Replace `output` by `built` with two renames; the old site lives until the new is in."""
    old = output.with_name(output.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if output.exists():
        os.rename(output, old)
    os.rename(built, output)
    if old.exists():
        shutil.rmtree(old, ignore_errors=True)


def build(settings_file: str, content: str | None, output: str, extra: dict | None = None) -> None:
    """Build the site; raise BuildFailed (leaving `output` as it was) on any error."""
    out = Path(output).resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=out.name + ".tmp-", dir=out.parent))
    try:
        run_pelican(settings_file, content, str(tmp), dict(extra or {}))
    except BaseException as err:
        shutil.rmtree(tmp, ignore_errors=True)
        if isinstance(err, KeyboardInterrupt):
            raise
        raise BuildFailed(str(err)) from err
    swap_in(tmp, out)
