"""The hostile corpus built as a real site: the build succeeds, every file is accounted for,
nothing from content runs in a page or a feed, every good article is published."""

from __future__ import annotations

import json
import re
from pathlib import Path

import lxml.etree
import lxml.html
import pytest
from conftest import build_site
from hostile_corpus import encoded_files, make_corpus

GOOD = [
    "good-one.txt",
    "good two (copy) final.txt",
    "Café.Kabul.v2.final.txt",
    "script-paste.txt",
    "slug-escape.txt",
    "same-title-a.txt",
    "same-title-b.txt",
    "dup-a-original.txt",
    "arabic.txt",
    "chinese.txt",
    "saved-page.html",
    "hostile-markdown.md",
    "single-line.txt",
    "urdu.txt",
    *encoded_files(),
]
SKIPPED = {
    "empty.txt": "empty",
    "whitespace-only.txt": "empty",
    "only-chrome.txt": "no article text",
    "binary-png.txt": "PNG image",
    "binary-random.txt": "not a text file",
    "huge-paste.txt": "too large",
}
IGNORED = ["notes.docx", ".DS_Store", "notes.rtf~"]
# Strings that exist only inside the hostile payloads.
PAYLOAD = re.compile(r"XSS-|evil\.example")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("hostile")
    content = make_corpus(root / "content")
    output = build_site(content, root / "output", BRIEFING_SEARCH=False)
    return root, output


def report_of(output: Path) -> dict:
    return json.loads((output / "build-report.json").read_text("utf-8"))


def entries(output: Path) -> dict[str, dict]:
    return {e["path"]: e for e in report_of(output)["files"]}


def page_of(output: Path, entry: dict) -> Path:
    return output / entry["url"] / "index.html"


def test_report_accounts_for_every_file(hostile_site):
    root, output = hostile_site
    on_disk = sorted(
        p.relative_to(root / "content").as_posix()
        for p in (root / "content").rglob("*")
        if p.is_file()
    )
    report = report_of(output)
    assert [e["path"] for e in report["files"]] == on_disk
    for entry in report["files"]:
        assert entry["outcome"] in (
            "published",
            "merged",
            "skipped",
            "failed",
            "config",
            "ignored",
        ), entry
        assert entry.get("url") or entry.get("reason"), entry
    totals = report["totals"]
    assert totals["files"] == len(on_disk)
    assert sum(
        totals[k]
        for k in ("published", "merged", "skipped", "failed", "draft", "config", "ignored")
    ) == len(on_disk)


def test_every_good_article_is_published(hostile_site):
    _, output = hostile_site
    found = entries(output)
    for name in GOOD:
        assert found[name]["outcome"] == "published", found[name]
        assert page_of(output, found[name]).is_file(), name


def test_million_character_line_is_published(hostile_site):
    _, output = hostile_site
    entry = entries(output)["long-line.txt"]
    assert entry["outcome"] == "published", entry
    assert len(page_of(output, entry).read_text("utf-8")) > 1_000_000


def test_broken_files_are_skipped_with_a_reason(hostile_site):
    _, output = hostile_site
    found = entries(output)
    for name, words in SKIPPED.items():
        assert found[name]["outcome"] == "skipped", found[name]
        assert words in found[name]["reason"], found[name]
    for name in IGNORED:
        assert found[name]["outcome"] == "ignored" and found[name]["reason"]
    assert "docx" in found["notes.docx"]["reason"]
    assert found["bad-date.md"]["outcome"] == "failed"
    assert "the day after the talks" in found["bad-date.md"]["reason"]
    assert found["no-title.md"]["outcome"] == "failed"
    assert "Title:" in found["no-title.md"]["reason"]
    assert found["topics.toml"]["outcome"] == found["entities.toml"]["outcome"] == "config"


def test_same_paste_twice_is_one_article(hostile_site):
    _, output = hostile_site
    found = entries(output)
    assert found["dup-b-copy.txt"]["outcome"] == "merged"
    assert found["dup-b-copy.txt"]["into"] == "dup-a-original.txt"
    assert found["dup-c-longer.txt"]["into"] == "dup-a-original.txt"
    assert "not the same text" in found["dup-c-longer.txt"]["reason"]
    assert "not the same text" not in found["dup-b-copy.txt"]["reason"]
    pages = [
        p
        for p in (output / "articles").glob("*/index.html")
        if "Taliban delegation arrives" in p.read_text("utf-8")
    ]
    assert len(pages) == 1


def test_same_title_gives_two_pages(hostile_site):
    _, output = hostile_site
    found = entries(output)
    a, b = found["same-title-a.txt"], found["same-title-b.txt"]
    assert a["url"] != b["url"]
    assert "Torkham" in page_of(output, a).read_text("utf-8")
    assert "power in Kabul" in page_of(output, b).read_text("utf-8")
    assert any("slug" in w for w in b["warnings"])


def test_no_path_is_written_outside_output(hostile_site):
    root, output = hostile_site
    outside = {p.name for p in root.iterdir()} - {"content", "output", "cache"}
    assert outside == set()
    assert not (root.parent / "etc").exists() and not (root.parent / "outside-md.html").exists()
    found = entries(output)
    for name in ("slug-escape.txt", "hostile-markdown.md"):
        assert re.fullmatch(r"articles/[a-z0-9-]+/", found[name]["url"]), found[name]


@pytest.mark.parametrize("name", ["slug-escape.txt", "hostile-markdown.md"])
def test_unsafe_url_header_is_dropped_with_a_warning(hostile_site, name):
    _, output = hostile_site
    entry = entries(output)[name]
    assert any(w.startswith("url:") for w in entry["warnings"]), entry
    assert "javascript:" not in page_of(output, entry).read_text("utf-8")


def unsafe_html(html: str) -> list[str]:
    """Script, frames, event handlers and script URLs that came from content."""
    if not html.strip():
        return []
    doc = lxml.html.fromstring(html)
    found = []
    for el in doc.iter():
        if not isinstance(el.tag, str):
            continue
        text = " ".join(filter(None, [el.text] + [str(v) for v in el.attrib.values()]))
        if el.tag in ("script", "iframe", "object", "embed") and PAYLOAD.search(text):
            found.append(f"<{el.tag}> {text[:60]}")
        for name, value in el.attrib.items():
            if name.lower().startswith("on"):
                found.append(f"{el.tag} {name}={value[:40]}")
            if re.match(r"\s*(javascript|data|vbscript):", value, re.I):
                found.append(f"{el.tag} {name}={value[:40]}")
    return found


def output_files(output: Path, *suffixes: str) -> list[Path]:
    return sorted(p for p in output.rglob("*") if p.suffix in suffixes)


def test_nothing_from_content_runs_in_any_page(hostile_site):
    _, output = hostile_site
    pages = output_files(output, ".html")
    assert len(pages) > len(GOOD)
    problems = {p.relative_to(output).as_posix(): unsafe_html(p.read_text("utf-8")) for p in pages}
    assert {k: v for k, v in problems.items() if v} == {}


def test_nothing_from_content_runs_in_any_feed(hostile_site):
    """Feed text is HTML to a feed reader once the XML is parsed: check it as HTML too."""
    _, output = hostile_site
    problems = {}
    for feed in output_files(output, ".xml"):
        tree = lxml.etree.parse(str(feed))
        for el in tree.iter():
            for text in (el.text, *el.attrib.values()):
                if text and ("<" in text or ":" in text):
                    found = unsafe_html(f"<div>{text}</div>") if "<" in text else []
                    if re.match(r"\s*(javascript|data):", text, re.I):
                        found.append(text[:40])
                    if found:
                        problems.setdefault(feed.name, []).extend(found)
    assert problems == {}


def test_hostile_text_shows_as_text(hostile_site):
    _, output = hostile_site
    page = page_of(output, entries(output)["script-paste.txt"]).read_text("utf-8")
    assert "&lt;script&gt;" in page  # the paste's tag is shown, escaped
    assert "{{ SITENAME }}" in page and "{% for x in articles %}" in page
    assert "click me" in page and "data link" in page  # link text kept, the link dropped


def test_encodings_are_decoded_and_repaired(hostile_site):
    _, output = hostile_site
    found = entries(output)

    def text(name: str) -> str:
        return page_of(output, found[name]).read_text("utf-8")

    assert "Pakistan’s army chief said the “peace” process" in text("enc-cp1252.txt")
    assert "café meeting" in text("enc-latin1.txt") and "naïve résumé" in text("enc-latin1.txt")
    assert "Pakistan’s foreign office" in text("enc-mojibake.txt")
    assert "talks on refugees" in text("enc-utf16-le-bom.txt")
    assert "talks on refugees" in text("enc-utf16-be-nobom.txt")
    assert "talks on trade" in text("enc-utf8-bom.txt")
    assert "Khalilzad" in text("ctl-zero-width.txt")
    assert "water rights" in text("ctl-nul.txt")
    for name in ("eol-crlf.txt", "eol-cr.txt"):
        assert "Second paragraph." in text(name) and "\r" not in text(name)
    assert "多哈" in text("chinese.txt") and "الدوحة" in text("arabic.txt")
    assert "افغان امن عمل" in text("urdu.txt")


def test_every_output_file_is_valid_utf8_without_forbidden_characters(hostile_site):
    _, output = hostile_site
    forbidden = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
    for path in output_files(output, ".html", ".xml", ".json"):
        text = path.read_bytes().decode("utf-8")  # raises on invalid UTF-8
        assert not forbidden.search(text), path


HOSTILE_TOPICS = """[[topic]]
slug = "../../../escape"
name = "<script>alert('XSS-topic-name')</script>Escape"
description = "<img src=x onerror=alert('XSS-topic-description')>"
any = ["envoy"]
min_hits = 1
"""
HOSTILE_REGISTRY = """[[person]]
name = "../../Army <b onclick='XSS-person'>Chief</b>"
aliases = ["army chief"]
"""


def test_hostile_topic_and_registry_files_stay_inside_and_inert(tmp_path):
    """The editors' TOML files are input too: their names and slugs become paths and text."""
    root = tmp_path / "a" / "b"
    content = root / "content"
    content.mkdir(parents=True)
    (content / "good-one.txt").write_bytes(
        (Path(__file__).parent / "fixtures" / "hostile" / "good-one.txt").read_bytes()
    )
    (content / "topics.toml").write_text(HOSTILE_TOPICS, "utf-8")
    (content / "entities.toml").write_text(HOSTILE_REGISTRY, "utf-8")
    output = build_site(content, root / "output", BRIEFING_SEARCH=False)
    assert (
        sorted(
            p.name
            for p in tmp_path.rglob("*")
            if "escape" in p.name.lower() and output not in p.parents
        )
        == []
    )
    assert {p.name for p in root.iterdir()} <= {"content", "output", "cache"}
    bad = {
        p.relative_to(output).as_posix(): unsafe_html(p.read_text("utf-8"))
        for p in output_files(output, ".html")
    }
    assert {k: v for k, v in bad.items() if v} == {}
    assert entries(output)["good-one.txt"]["outcome"] == "published"
