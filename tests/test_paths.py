"""paths.relative is os.path.relpath, cut short only where that gives the same answer."""

from __future__ import annotations

import os

from briefing.paths import relative


def test_relative_agrees_with_relpath(tmp_path):
    root = str(tmp_path / "content")
    cases = [
        f"{root}/a.txt",
        f"{root}/sub/b.txt",
        f"{root}/sub/../c.txt",
        f"{root}//d.txt",
        f"{root}-other/e.txt",
        f"{root}/./f.txt",
        str(tmp_path / "g.txt"),
        "relative/h.txt",
    ]
    for path in cases:
        assert relative(path, root) == os.path.relpath(path, root), path
    assert relative(f"{root}/a.txt", root + "/") == "a.txt"
