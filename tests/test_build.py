"""A real Pelican build of the sample digest: every article gets its page."""

from __future__ import annotations

from pathlib import Path

from briefing.pipeline import process_file
from briefing.settings import Options
from conftest import CONTENT


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
