"""Markdown articles (Pelican's own reader) carry `article.briefing`: topics, entities, events."""

from __future__ import annotations

from pathlib import Path

from conftest import build_site

TOPICS = """
[[topic]]
slug = "doha-agreement"
name = "The Doha agreement"
any = ["Doha agreement", "Khalilzad", "Baradar"]
min_hits = 2
"""
ENTITIES = """
[[person]]
name = "Zalmay Khalilzad"
aliases = ["Khalilzad"]
"""
ARTICLE = """Title: Envoy back in Doha
Date: 2020-11-20
Author: Desk Editor

Ambassador Khalilzad returned to Doha on Wednesday to meet Mullah Baradar. The Doha
agreement was signed on February 29.
"""


def test_markdown_article_joins_topic_and_entity_pages(tmp_path: Path):
    content = tmp_path / "content"
    content.mkdir()
    (content / "topics.toml").write_text(TOPICS, encoding="utf-8")
    (content / "entities.toml").write_text(ENTITIES, encoding="utf-8")
    (content / "envoy.md").write_text(ARTICLE, encoding="utf-8")
    out = build_site(
        content, tmp_path / "output", BRIEFING_SEARCH=False, BRIEFING_ENTITY_MIN_MENTIONS=1
    )
    topic_page = out / "topics" / "doha-agreement" / "index.html"
    assert topic_page.exists() and "Envoy back in Doha" in topic_page.read_text(encoding="utf-8")
    person = out / "people" / "zalmay-khalilzad" / "index.html"
    assert person.exists() and "Envoy back in Doha" in person.read_text(encoding="utf-8")


def test_record_for_markdown_reads_pelican_metadata():
    import tomllib

    from briefing.markdown_records import record_for
    from briefing.metadata.knowledge import build_knowledge
    from briefing.settings import Options
    from pelican.contents import Article
    from pelican.settings import DEFAULT_CONFIG

    knowledge = build_knowledge(tomllib.loads(TOPICS), tomllib.loads(ENTITIES), Options())
    from datetime import datetime

    article = Article(
        "<p>Ambassador Khalilzad returned to Doha on Wednesday to meet Mullah Baradar.</p>"
        "<p>The Doha agreement was signed on February 29.</p>",
        metadata={"title": "Envoy back in Doha", "date": datetime(2020, 11, 20)},
        settings=dict(DEFAULT_CONFIG),
    )
    record = record_for(article, knowledge, "content")
    meta = record.meta
    assert (meta.title, meta.date, meta.source_of("date")) == (
        "Envoy back in Doha",
        "2020-11-20",
        "header",
    )
    assert meta.topics == ("doha-agreement",) and meta.people == ("Zalmay Khalilzad",)
    assert [e.date for e in meta.events] == ["2020-11-18", "2020-02-29"]
