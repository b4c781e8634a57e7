"""The Nu HTML Checker (npm `vnu-jar`, run with the machine's Java) over the whole built sample
digest and the fixture site: no errors."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, build_site

pytestmark = pytest.mark.validator

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def vnu_errors(site: Path) -> list[str]:
    java = shutil.which("java")
    if java is None:
        pytest.skip("java not found (apt-get install default-jre-headless)")
    if not VNU.exists():
        pytest.skip("vnu-jar not installed: run `npm ci`")
    pages = sorted(str(p) for p in site.rglob("*.html"))
    assert pages, "nothing to validate"
    cmd = [java, "-jar", str(VNU), "--errors-only", "--format", "json", *pages]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=600, check=False)
    messages = json.loads(done.stderr or done.stdout or '{"messages": []}')["messages"]
    return [
        f"{m.get('url', '').removeprefix(site.as_uri())}:{m.get('lastLine')}: {m.get('message')}"
        for m in messages
        if m.get("type") == "error" or m.get("subType") == "fatal"
    ]


def test_the_checker_reports_errors(tmp_path):
    (tmp_path / "bad.html").write_text(
        "<!DOCTYPE html><html lang=en><title>x</title><p><div></span>"
    )
    assert vnu_errors(tmp_path)


def test_sample_digest_is_valid_html(sample_site):
    assert vnu_errors(sample_site) == []


def test_fixture_site_is_valid_html(tmp_path):
    site = build_site(
        ROOT / "tests" / "fixtures" / "site", tmp_path / "output", BRIEFING_PER_PAGE=2
    )
    assert vnu_errors(site) == []
