"""The sample digest's own feeds (content/): they parse, validate, pass our lint, carry every
article that has a record, and come out byte-identical from two builds."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import feedparser
from briefing.feed_lint import lint_rss
from briefing.pipeline import process_file
from briefing.settings import Options
from conftest import CONTENT, ROOT, build_site
from lxml import etree

SCHEMA = ROOT / "plugins" / "briefing" / "atom.rng"


def setting(name: str):
    from pelican.settings import read_settings

    return read_settings(str(ROOT / "pelican.conf.py"))[name]


def site_url() -> str:
    return setting("SITEURL").rstrip("/")


def feed_files(out: Path) -> list[Path]:
    data = tomllib.loads((CONTENT / "topics.toml").read_text(encoding="utf-8"))
    stems = ["feeds/all"] + [f"feeds/topics/{t['slug']}" for t in data.get("topic", [])]
    return [out / f"{stem}{ext}" for stem in stems for ext in (".rss.xml", ".atom.xml")]


def recorded_guids() -> set[str]:
    """The guid of every pasted article (.txt, .html), from the pipeline itself."""
    guids = set()
    for path in sorted(CONTENT.iterdir()):
        if path.suffix in (".txt", ".html"):
            record = process_file(str(path), Options(content_dir=str(CONTENT)))
            if record.status == "published":
                guids.add(f"urn:briefing:{record.meta.stable_id}")
    return guids


def test_sample_feeds_parse_validate_and_pass_the_lint(sample_site):
    schema = etree.RelaxNG(etree.parse(str(SCHEMA)))
    base = site_url()
    for path in feed_files(sample_site):
        assert path.exists(), path
        result = feedparser.parse(path.read_bytes())
        assert not result.bozo, (path.name, result.get("bozo_exception"))
        if path.name.endswith(".atom.xml"):
            assert schema.validate(etree.parse(str(path))), (path.name, schema.error_log)
        else:
            own_url = f"{base}/{path.relative_to(sample_site).as_posix()}"
            assert lint_rss(path.read_bytes(), own_url) == [], path.name


def test_sample_main_feed_has_every_article(sample_site):
    entries = feedparser.parse((sample_site / "feeds" / "all.atom.xml").read_bytes()).entries
    ids = [e.id for e in entries]
    assert len(ids) == len(set(ids))
    assert recorded_guids() <= set(ids) or len(ids) == setting("BRIEFING_FEED_ITEMS")
    linked = {e.link.removeprefix(site_url() + "/") for e in entries}
    pages = {p.parent.relative_to(sample_site).as_posix() + "/" for p in article_pages(sample_site)}
    assert linked <= pages
    assert len(linked) == min(len(pages), setting("BRIEFING_FEED_ITEMS")), pages - linked


def article_pages(out: Path) -> list[Path]:
    return sorted((out / "articles").glob("*/index.html"))


def topic_page_articles(out: Path, slug: str) -> set[str]:
    """The article slugs a topic's HTML pages (all of its pages) link to."""
    found: set[str] = set()
    for page in [
        out / "topics" / slug / "index.html",
        *(out / "topics" / slug).glob("page/*/index.html"),
    ]:
        found |= set(re.findall(r'href="[^"]*/articles/([^/"]+)/"', page.read_text("utf-8")))
    return found


def test_sample_topic_feeds_hold_what_the_topic_pages_list(sample_site):
    data = tomllib.loads((CONTENT / "topics.toml").read_text(encoding="utf-8"))
    for topic in data.get("topic", []):
        feed = feedparser.parse(sample_site / "feeds" / "topics" / f"{topic['slug']}.atom.xml")
        in_feed = {e.link.rstrip("/").rsplit("/", 1)[1] for e in feed.entries}
        listed = topic_page_articles(sample_site, topic["slug"])
        if len(listed) <= setting("BRIEFING_FEED_ITEMS"):
            assert in_feed == listed, topic["slug"]
        assert in_feed <= listed, topic["slug"]


def test_sample_topic_feeds_only_hold_their_topic(sample_site):
    data = tomllib.loads((CONTENT / "topics.toml").read_text(encoding="utf-8"))
    main = {e.id for e in feedparser.parse(sample_site / "feeds" / "all.atom.xml").entries}
    for topic in data.get("topic", []):
        path = sample_site / "feeds" / "topics" / f"{topic['slug']}.atom.xml"
        for entry in feedparser.parse(path.read_bytes()).entries:
            assert topic["slug"] in {t.term for t in entry.tags}, (topic["slug"], entry.title)
            assert entry.id in main


def test_sample_feeds_are_identical_from_a_second_build(sample_site, tmp_path):
    again = build_site(CONTENT, tmp_path / "again", BRIEFING_SEARCH=False)
    for path in feed_files(sample_site):
        assert (again / path.relative_to(sample_site)).read_bytes() == path.read_bytes(), path
