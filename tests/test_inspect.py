"""`briefing inspect` through the real console command, as an editor runs it."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BRIEFING = ROOT / ".venv" / "bin" / "briefing"
PASTE = """Home
World
Log In

Envoys agree to meet again in Doha next month

By Sara Malik
March 3, 2020

DOHA: Envoys from four countries agreed on Tuesday to meet again next month, after a day of talks
that officials described as slow but useful.

Advertisement

The meeting was the first since the agreement was signed last week, and diplomats said the agenda
was dominated by the exchange of prisoners.

Related Stories
Border crossing reopens after two weeks
"""
FIELDS = {
    "title",
    "title_source",
    "deck",
    "author",
    "source",
    "url",
    "dateline",
    "date",
    "date_source",
    "summary",
    "people",
    "organizations",
    "places",
    "topics",
    "events",
    "body",
    "removed",
    "warnings",
}


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(BRIEFING), "inspect", *args], capture_output=True, text=True, timeout=120, check=False
    )


def test_inspect_json_shows_fields_body_and_removed(tmp_path):
    paste = tmp_path / "envoys.txt"
    paste.write_text(PASTE, encoding="utf-8")
    done = run(str(paste), "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert FIELDS <= set(data)
    assert data["title"] == "Envoys agree to meet again in Doha next month"
    assert data["body"].startswith("DOHA: Envoys from four countries")
    assert "Advertisement" not in data["body"] and "Related Stories" not in data["body"]
    removed = {r["text"]: r["reason"] for r in data["removed"]}
    assert removed["Advertisement"] == "advertisement"
    assert removed["Log In"] == "login"


def test_inspect_text_view_for_editors(tmp_path):
    paste = tmp_path / "envoys.txt"
    paste.write_text(PASTE, encoding="utf-8")
    done = run(str(paste))
    assert done.returncode == 0, done.stderr
    assert "## Body" in done.stdout and "## Removed" in done.stdout
    assert "- [advertisement] Advertisement" in done.stdout


def test_inspect_folder_writes_json_and_body_per_file(tmp_path):
    content, out = tmp_path / "content", tmp_path / "out"
    content.mkdir()
    (content / "envoys.txt").write_text(PASTE, encoding="utf-8")
    (content / "chrome only.txt").write_text("Home\nMenu\nLog In\n", encoding="utf-8")
    done = run(str(content), "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in out.iterdir()) == [
        "chrome only.json",
        "chrome only.txt",
        "envoys.json",
        "envoys.txt",
    ]
    body = (out / "envoys.txt").read_text(encoding="utf-8")
    assert body == json.loads((out / "envoys.json").read_text(encoding="utf-8"))["body"] + "\n"
    assert "Envoys agree to meet again" not in body  # the headline is metadata, not body
    skipped = json.loads((out / "chrome only.json").read_text(encoding="utf-8"))
    assert skipped["status"] == "skipped" and skipped["reason"]


def test_inspect_missing_path_is_a_clear_error(tmp_path):
    done = run(str(tmp_path / "nope.txt"))
    assert done.returncode == 2
    assert "nope.txt" in done.stderr
