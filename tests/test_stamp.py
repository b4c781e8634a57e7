"""A build whose inputs did not change keeps the output as it is (stamp.py); any change of a
setting, the topic file, a template, the code version or a content file builds again."""

from __future__ import annotations

import os
import shutil

import pytest
from briefing import build as build_module
from briefing import cache, stamp
from conftest import ROOT, build_site

KEPT = "nothing changed since the last build"


@pytest.fixture
def site(tmp_path, monkeypatch) -> dict:
    """A copy of the sample digest and its theme; files just copied count as settled, and the
    code version is pinned (others may be saving plugin files in this checkout meanwhile)."""
    monkeypatch.setattr(stamp, "RACY_NS", 0)
    version = cache.code_version()
    monkeypatch.setattr(cache, "code_version", lambda root=None: version)
    content, theme = tmp_path / "content", tmp_path / "theme"
    shutil.copytree(ROOT / "content", content)
    shutil.copytree(ROOT / "theme", theme)
    return {"content": content, "theme": theme, "out": tmp_path / "out", "cache": tmp_path / "c"}


def build(site: dict, capsys, **extra) -> bool:
    """Build; True when the output was kept as it was."""
    capsys.readouterr()
    build_site(
        site["content"],
        site["out"],
        BRIEFING_SEARCH=False,
        BRIEFING_CACHE_DIR=str(site["cache"]),
        THEME=str(site["theme"]),
        **extra,
    )
    return KEPT in capsys.readouterr().err


def test_no_change_keeps_the_output_and_its_report(site, capsys):
    assert not build(site, capsys)
    folder = os.stat(site["out"]).st_ino
    assert build(site, capsys)
    assert os.stat(site["out"]).st_ino == folder
    assert (site["out"] / "build-report.json").is_file()


def test_every_kind_of_input_change_builds_again(site, capsys, monkeypatch):
    assert not build(site, capsys)
    assert not build(site, capsys, BRIEFING_PER_PAGE=7)  # a setting
    assert build(site, capsys, BRIEFING_PER_PAGE=7)
    topics = site["content"] / "topics.toml"
    topics.write_text(topics.read_text("utf-8") + "\n", "utf-8")
    assert not build(site, capsys, BRIEFING_PER_PAGE=7)  # the topic file
    base = site["theme"] / "templates" / "base.html"
    base.write_text(base.read_text("utf-8") + "\n", "utf-8")
    assert not build(site, capsys, BRIEFING_PER_PAGE=7)  # a template
    version = cache.code_version()
    monkeypatch.setattr(cache, "code_version", lambda root=None: version + "-next")
    assert not build(site, capsys, BRIEFING_PER_PAGE=7)  # the code
    assert build(site, capsys, BRIEFING_PER_PAGE=7)


def test_a_topic_file_outside_the_content_folder_is_an_input_too(site, capsys):
    """The topic file is named relative to the content folder, and may lie beside it."""
    shared = site["content"].parent / "shared-topics.toml"
    shutil.move(site["content"] / "topics.toml", shared)
    outside = {"BRIEFING_TOPICS_FILE": "../shared-topics.toml"}
    assert not build(site, capsys, **outside)
    assert build(site, capsys, **outside)
    renamed = shared.read_text("utf-8").replace('"The Doha agreement"', '"The Doha accord"')
    shared.write_text(renamed, "utf-8")
    assert not build(site, capsys, **outside)
    pages = site["out"].rglob("*.html")
    assert any("The Doha accord" in page.read_text("utf-8") for page in pages)


def test_an_edit_that_keeps_size_and_mtime_still_builds_again(site, capsys):
    """Restoring a file's mtime by hand hides an edit from the mtime, not from the ctime."""
    assert not build(site, capsys)
    paste = sorted(site["content"].glob("*.txt"))[0]
    before = os.stat(paste)
    text = paste.read_bytes()
    paste.write_bytes(text.replace(b"a", b"e", 1))
    os.utime(paste, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert os.stat(paste).st_size == before.st_size
    assert not build(site, capsys)


def test_a_page_changed_in_the_output_builds_again(site, capsys):
    assert not build(site, capsys)
    page = next((site["out"] / "articles").glob("*/index.html"))
    page.unlink()
    page.write_text("changed by hand", encoding="utf-8")
    assert not build(site, capsys)
    assert page.read_text(encoding="utf-8") != "changed by hand"


def test_a_file_changed_close_to_the_stamp_is_known_by_its_bytes(site, capsys, monkeypatch):
    """An edit in the same clock tick as the stamp can leave a file's size and times as they
    were: files changed that close to a stamp are compared by their bytes. (Times are hidden
    from the stamp here, as such an edit would leave them.)"""
    monkeypatch.setattr(stamp, "RACY_NS", 10**30)  # every file counts as changed close to it
    files = stamp._files

    def same_times(root):
        return [[rel, size, ino, 0, 0] for rel, size, ino, *_ in files(root)]

    monkeypatch.setattr(stamp, "_files", same_times)
    assert not build(site, capsys)
    assert build(site, capsys)  # same bytes: kept
    paste = sorted(site["content"].glob("*.txt"))[0]
    text = paste.read_bytes()
    paste.write_bytes(text.replace(b"a", b"e", 1))
    assert not build(site, capsys)


def test_a_build_that_logged_a_warning_is_not_kept(site, capsys):
    """A warning may stand for a step that failed this time (the search index, say): the next
    build builds again rather than keep that output."""
    (site["content"] / "topics.toml").write_text("[[topic]\nname = ", "utf-8")
    assert not build(site, capsys)
    assert not build(site, capsys)


def test_a_warning_the_same_inputs_give_again_keeps_the_output(site, capsys):
    """A second paste of an article (merged) and a clashing slug are the content's own: the
    next build of the same content would say them again, so it keeps the output, and its
    summary still names them."""
    first = sorted(site["content"].glob("*.txt"))[0]
    shutil.copy2(first, site["content"] / "pasted-twice.txt")
    assert not build(site, capsys)
    extra = {"BRIEFING_CACHE_DIR": str(site["cache"]), "THEME": str(site["theme"])}
    build_site(site["content"], site["out"], BRIEFING_SEARCH=False, **extra)
    said = capsys.readouterr().err
    assert KEPT in said and "pasted-twice.txt" in said


def test_strict_builds_always_build(site, capsys):
    """Strict mode judges what the build logs, which a kept output does not say again: the
    sample's warnings fail it even right after a build that was kept."""
    assert not build(site, capsys)
    assert build(site, capsys)
    with pytest.raises(build_module.BuildFailed, match="strict mode"):
        build(site, capsys, BRIEFING_STRICT=True)


def test_after_a_failed_build_the_changed_content_is_built(site, capsys, monkeypatch):
    assert not build(site, capsys)
    paste = sorted(site["content"].glob("*.txt"))[0]
    paste.write_text(paste.read_text("utf-8") + "\nOne more line.\n", "utf-8")

    def broken(*_args, **_kwargs):
        raise RuntimeError("stopped")

    with monkeypatch.context() as patch:
        patch.setattr(build_module, "run_pelican", broken)
        with pytest.raises(build_module.BuildFailed):
            build(site, capsys)
    assert not build(site, capsys)
    assert build(site, capsys)
