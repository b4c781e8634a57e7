"""The build report: every file under content/ with its outcome, totals, a summary at the end
of the build log, the same bytes for the same content, and strict mode from the command line."""

from __future__ import annotations

import json
import subprocess
import tracemalloc
from pathlib import Path

from briefing import pipeline
from briefing.report import NO_TOPIC, summary_lines, totals
from briefing.settings import Options
from conftest import build_command, build_site
from hostile_corpus import write_huge

GOOD = """Title: Envoy meets army chief
Date: 2020-03-02
Author: Staff reporter
Source: The Frontier Ledger
URL: https://example.org/envoy

RAWALPINDI: The envoy met the army chief on Monday to discuss the next steps after the
agreement signed in Doha at the weekend, officials said.

Both sides agreed that the talks should begin without delay.
"""


def small_site(folder: Path) -> Path:
    folder.mkdir()
    (folder / "envoy.txt").write_text(GOOD, "utf-8")
    (folder / "second drop of envoy.txt").write_text(GOOD, "utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "notes.odt").write_bytes(b"PK\x03\x04" + bytes(50))
    (folder / "draft.md").write_text("Title: A draft\nDate: 2020-01-01\nStatus: draft\n\nText.\n")
    return folder


def read_report(output: Path) -> dict:
    return json.loads((output / "build-report.json").read_text("utf-8"))


def test_report_lists_each_outcome_and_prints_a_summary(tmp_path, capsys):
    content = small_site(tmp_path / "content")
    output = build_site(content, tmp_path / "output", BRIEFING_SEARCH=False)
    files = {e["path"]: e for e in read_report(output)["files"]}
    assert sorted(files) == sorted(p.name for p in content.iterdir())
    assert files["envoy.txt"]["outcome"] == "published"
    assert (output / files["envoy.txt"]["url"] / "index.html").is_file()
    dropped = files["second drop of envoy.txt"]
    assert (dropped["outcome"], dropped["into"]) == ("merged", "envoy.txt")
    assert dropped["reason"] == "same article as envoy.txt; merged into it"
    assert files["empty.txt"]["outcome"] == "skipped" and "empty" in files["empty.txt"]["reason"]
    assert files["notes.odt"]["outcome"] == "ignored" and ".odt" in files["notes.odt"]["reason"]
    assert files["draft.md"]["outcome"] == "draft"
    log = capsys.readouterr().err
    assert "Build report: 5 files: 1 published, 1 merged, 1 skipped" in log
    assert "empty.txt: empty file" in log and "second drop of envoy.txt: same article" in log


def test_same_content_gives_the_same_report_bytes(tmp_path):
    content = small_site(tmp_path / "content")
    one = build_site(content, tmp_path / "one", BRIEFING_SEARCH=False)
    two = build_site(
        content,
        tmp_path / "two",
        BRIEFING_SEARCH=False,
        BRIEFING_CACHE_DIR=str(tmp_path / "other-cache"),
    )
    assert (one / "build-report.json").read_bytes() == (two / "build-report.json").read_bytes()


def test_totals_count_every_problem_once():
    files = [
        {"path": "a", "outcome": "published", "warnings": ["date: inferred"], "candidates": ["X"]},
        {"path": "b", "outcome": "merged", "into": "a", "reason": "same"},
        {"path": "c", "outcome": "skipped", "reason": "empty"},
        {"path": "d", "outcome": "ignored", "reason": "no reader", "warning": True},
        {"path": "e", "outcome": "ignored", "reason": "temporary file"},
        {"path": "f", "outcome": "config", "reason": "topics"},
    ]
    t = totals(files)
    assert (t["files"], t["published"], t["ignored"], t["warnings"], t["candidates"]) == (
        6,
        1,
        2,
        4,
        1,
    )
    lines = summary_lines({"files": files, "totals": t})
    assert len(lines) == 1 + 4  # totals, then merged, skipped, ignored-with-warning, warning


def run_cli(tmp_path: Path, content: Path, *args: str, env: dict | None = None):
    cmd, full_env = build_command(content, tmp_path / "output", *args)
    full_env.update(env or {})
    return subprocess.run(
        cmd, cwd=tmp_path, env=full_env, capture_output=True, text=True, timeout=600
    )


def test_strict_from_the_command_line_and_the_environment(tmp_path):
    content = small_site(tmp_path / "content")
    lenient = run_cli(tmp_path, content)
    assert lenient.returncode == 0, lenient.stderr
    before = (tmp_path / "output" / "build-report.json").read_bytes()
    for args, env in ((("--strict",), None), ((), {"BRIEFING_STRICT": "1"})):
        strict = run_cli(tmp_path, content, *args, env=env)
        assert strict.returncode == 1
        assert "strict mode" in strict.stderr and "left as it was" in strict.stderr
        assert (tmp_path / "output" / "build-report.json").read_bytes() == before


def test_huge_paste_is_skipped_within_a_bounded_memory(tmp_path):
    huge = tmp_path / "huge.txt"
    write_huge(huge, 50)
    tracemalloc.start()
    try:
        record = pipeline.process_file(str(huge), Options(content_dir=str(tmp_path)))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert record.status == "skipped" and "too large" in record.reason
    assert peak < pipeline.MAX_BYTES  # never read: far below even the size limit


def test_size_limit_is_exact(tmp_path):
    options = Options(content_dir=str(tmp_path))
    over = tmp_path / "over.txt"
    over.write_bytes((b"Doha talks. " * (pipeline.MAX_BYTES // 12 + 1))[: pipeline.MAX_BYTES + 1])
    assert over.stat().st_size == pipeline.MAX_BYTES + 1
    assert "too large" in pipeline.process_file(str(over), options).reason
    line = tmp_path / "line.txt"
    line.write_bytes(b"Title: One line\n\n" + b"Talks resumed in Doha. " * 45_000)
    assert line.stat().st_size > 1_000_000
    assert "too large" not in pipeline.process_file(str(line), options).reason


TOPICS = """[[topic]]
slug = "doha"
name = "Doha"
description = "What follows the agreement signed in Doha."
any = ["Doha", "agreement"]
min_hits = 2
"""


def test_an_article_in_no_topic_is_listed_for_the_editor(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    (content / "topics.toml").write_text(TOPICS, "utf-8")
    (content / "envoy.txt").write_text(GOOD, "utf-8")
    (content / "other.txt").write_text(GOOD.replace("Doha", "Tashkent").replace("Envoy", "Aide"))
    output = build_site(content, tmp_path / "output", BRIEFING_SEARCH=False)
    files = {e["path"]: e for e in read_report(output)["files"]}
    assert NO_TOPIC not in files["envoy.txt"]["warnings"]
    assert NO_TOPIC in files["other.txt"]["warnings"]
    # A digest without a topic file has no topics to miss: no warning per article.
    (content / "topics.toml").unlink()
    output = build_site(content, tmp_path / "again", BRIEFING_SEARCH=False)
    files = {e["path"]: e for e in read_report(output)["files"]}
    assert NO_TOPIC not in files["other.txt"]["warnings"]


def test_strict_build_passes_when_nothing_needs_confirming(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    (content / "topics.toml").write_text(TOPICS, "utf-8")
    (content / "envoy.txt").write_text(GOOD, "utf-8")
    output = build_site(content, tmp_path / "output", BRIEFING_SEARCH=False, BRIEFING_STRICT=True)
    assert read_report(output)["totals"]["warnings"] == 0


OPENING = (
    "Title: Envoys meet in Doha\nDate: 2020-09-14\n\n"
    + "Envoys of the government and the Taliban met in Doha on Monday to agree on the rules "
    "of the talks, the order of the agenda and the names of the delegates who will sit at the "
    "table when the formal sessions open. Both sides said the first meeting was calm and that "
    "the hosts had offered to keep the venue for as long as the talks last. A ceasefire was "
    "not on the agenda of the first day, officials said, although several delegates raised "
    "it in the corridors. The next meeting is set for Wednesday.\n\n"
)


def test_a_duplicate_with_other_words_later_is_flagged_and_an_exact_copy_is_not(tmp_path):
    """Duplicates share the opening (stable id); whether the rest differs is read from the
    article's HTML (Articles carry no Markdown body)."""
    content = tmp_path / "content"
    content.mkdir()
    (content / "a.txt").write_text(OPENING + "Talks resume on Wednesday.\n", encoding="utf-8")
    (content / "b.txt").write_text(OPENING + "Talks resume on Wednesday.\n", encoding="utf-8")
    (content / "c.txt").write_text(OPENING + "Talks were put off to Friday.\n", encoding="utf-8")
    out = build_site(content, tmp_path / "out", BRIEFING_SEARCH=False)
    report = json.loads((out / "build-report.json").read_text(encoding="utf-8"))
    files = {f["path"]: f for f in report["files"]}
    assert files["b.txt"]["outcome"] == files["c.txt"]["outcome"] == "merged"
    assert "not the same text" not in files["b.txt"]["reason"]
    assert "not the same text" in files["c.txt"]["reason"]


def test_skipped_files_share_one_cache_context_and_one_registry_load(tmp_path, monkeypatch):
    """The report looks up why each unpublished file was skipped: the code version, the topic
    and registry files are read once for all of them, not once per file."""
    from briefing import cache, metadata
    from briefing.report import build_report

    content = tmp_path / "content"
    content.mkdir()
    for n in range(3):
        (content / f"blank-{n}.txt").write_text(" \n" * (n + 1), "utf-8")
    calls = {"context": 0, "knowledge": 0}
    context_key, load_knowledge = cache.context_key, metadata.load_knowledge

    def counted_context(options, version=None):
        calls["context"] += 1
        return context_key(options, version)

    def counted_knowledge(options):
        calls["knowledge"] += 1
        return load_knowledge(options)

    monkeypatch.setattr(cache, "context_key", counted_context)
    monkeypatch.setattr(metadata, "load_knowledge", counted_knowledge)
    monkeypatch.setattr("briefing.readahead.load_knowledge", counted_knowledge)
    settings = {"PATH": str(content), "IGNORE_FILES": [], "BRIEFING_CACHE_DIR": str(tmp_path / "c")}
    for _cold_then_cached in range(2):
        calls.update(context=0, knowledge=0)
        report = build_report([], settings)
        assert [f["outcome"] for f in report["files"]] == ["skipped"] * 3
        assert calls["context"] == 1 and calls["knowledge"] <= 1


def test_the_report_is_written_as_the_json_module_indents_it():
    from briefing.report import pretty_json

    report = {
        "files": [
            {"path": "a/été.txt", "outcome": "published", "warnings": [], "candidates": ["X"]},
            {"path": 'q"uote\\\u2028.txt', "outcome": "ignored", "warning": True, "n": 2.5},
        ],
        "totals": {"files": 2, "none": None, "empty": {}, "nested": [[], [[1]]]},
    }
    assert pretty_json(report) == json.dumps(report, ensure_ascii=False, indent=2)


def test_content_files_are_listed_as_a_walk_would_list_them(tmp_path):
    from briefing.report import content_files

    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "one.txt").write_text("x")
    (tmp_path / "two.txt").write_text("y")
    (tmp_path / "folder-link").symlink_to(tmp_path / "sub")  # a folder: not followed
    (tmp_path / "file-link.txt").symlink_to(tmp_path / "two.txt")  # a file: listed
    (tmp_path / "broken.txt").symlink_to(tmp_path / "missing")  # nothing: left out
    assert content_files(str(tmp_path)) == ["file-link.txt", "sub/one.txt", "two.txt"]
