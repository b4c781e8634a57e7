"""Shared fixtures: paths of the project and a real Pelican build into a temporary folder."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests check what holds, not how fast: no per-example deadline, which a loaded
# machine (CI, or a build beside the tests) would turn into failures that say nothing.
settings.register_profile("briefing", deadline=None)
settings.load_profile("briefing")

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
DEVDATA = ROOT.parent / "shared" / "devdata"


def build_site(content: Path, output: Path, **extra) -> Path:
    """A real build (Pelican, our plugin, the theme) of `content` into `output`."""
    from briefing.build import build

    extra.setdefault("BRIEFING_CACHE_DIR", str(output.parent / "cache"))
    build(str(ROOT / "pelican.conf.py"), str(content), str(output), extra)
    return output


def build_command(content: Path, output: Path, *args: str) -> tuple[list[str], dict]:
    """The command line and environment of a real `briefing build`, as a subprocess runs it."""
    cmd = [
        sys.executable,
        "-m",
        "briefing.cli",
        "build",
        "--settings",
        str(ROOT / "pelican.conf.py"),
        "--content",
        str(content),
        "--output",
        str(output),
        *args,
    ]
    return cmd, dict(os.environ, PYTHONPATH=str(ROOT / "plugins"))


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Path:
    """The sample digest of content/, built once for the session."""
    out = tmp_path_factory.mktemp("sample") / "output"
    return build_site(CONTENT, out, BRIEFING_SEARCH=False)


@pytest.fixture
def content_copy(tmp_path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    return target
