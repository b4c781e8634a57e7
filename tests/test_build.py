"""A real Pelican build of the sample digest: every article gets its page."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from briefing.pipeline import process_file
from briefing.settings import Options
from conftest import CONTENT
from hypothesis import given
from hypothesis import strategies as st


def sample_raw_files() -> list[Path]:
    return sorted(p for p in CONTENT.iterdir() if p.suffix in (".txt", ".html", ".md"))


def test_sample_digest_is_big_enough():
    files = sample_raw_files()
    assert len([p for p in files if p.suffix == ".txt"]) >= 20
    assert len([p for p in files if p.suffix == ".html"]) >= 2
    assert len([p for p in files if p.suffix == ".md"]) >= 2


def test_every_sample_article_has_its_page(sample_site):
    pages = {p.parent.name for p in (sample_site / "articles").glob("*/index.html")}
    options = Options(content_dir=str(CONTENT))
    for path in sample_raw_files():
        if path.suffix == ".md":
            continue
        record = process_file(str(path), options)
        assert record.status == "published", (path.name, record.reason)
    assert len(pages) == len(sample_raw_files())
    assert (sample_site / "index.html").exists()


# Pieces of text that nh3 may rewrite, and the entities html.escape writes.
PIECES = [*"ab &;<>\"'\n\t\r\x00\x0c\xa0\u200b\ufeff", "amp", "lt", "gt", "&amp;", "&lt;", "&gt;"]
TRICKY = st.lists(st.sampled_from(PIECES)).map("".join)


@given(st.one_of(TRICKY, TRICKY.map(lambda t: html.escape(t, quote=False)), st.text()))
def test_text_the_guard_leaves_uncleaned_is_what_cleaning_gives_back(text):
    """guard.make_safe does not clean a title or summary that nh3 would give back as it is (our
    readers' escaped plain text): cleaning any such text must give it back unchanged."""
    from briefing.guard import _text_only, cleaned
    from briefing.sanitize import clean_html

    for clean in (_text_only, clean_html):
        assert cleaned(text, clean) == clean(text)


def test_text_with_a_lone_surrogate_goes_to_the_cleaner_as_before():
    # nh3 refuses a lone surrogate: the guard must not let one through as if it were clean
    from briefing.guard import _text_only, cleaned

    with pytest.raises(UnicodeEncodeError):
        cleaned("a\ud800b", _text_only)
