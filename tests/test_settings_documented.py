"""Every BRIEFING_* setting is documented in the README with its default (Datasette's habit)."""

from __future__ import annotations

from briefing.settings import SETTINGS
from conftest import ROOT


def test_every_setting_has_a_row_in_the_readme():
    readme = (ROOT / "README.md").read_text("utf-8")
    rows = {
        line.split("|")[1].strip(" `")
        for line in readme.splitlines()
        if line.startswith("| `BRIEFING_")
    }
    assert rows == {name for name, _default, _help in SETTINGS}


def test_every_setting_has_a_help_line():
    for name, _default, help_line in SETTINGS:
        assert name.startswith("BRIEFING_") and len(help_line) > 10, name
