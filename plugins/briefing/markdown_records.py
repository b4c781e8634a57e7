"""Pelican glue: Markdown articles (Pelican's own reader) get `article.briefing` too, so topics,
entities and events work for them. Their Pelican metadata act as the editor's header lines."""

from __future__ import annotations

import hashlib
import html
import os
import re

from .metadata import extract, load_knowledge
from .model import ArticleRecord, CleanedArticle
from .sanitize import safe_metadata
from .settings import Options

_BLOCK_END = re.compile(r"</(?:p|h[1-6]|li|blockquote|div|pre|tr)>|<br\s*/?>", re.I)
_TAG = re.compile(r"<[^>]+>")


def html_to_paragraphs(fragment: str) -> str:
    """Rendered article HTML as plain paragraphs separated by blank lines."""
    text = _TAG.sub("", _BLOCK_END.sub("\n\n", fragment or ""))
    paragraphs = (" ".join(html.unescape(p).split()) for p in text.split("\n\n"))
    return "\n\n".join(p for p in paragraphs if p)


def editor_headers(article) -> dict[str, str]:
    """The Pelican metadata an editor wrote, in the shape of our header lines."""
    meta = article.metadata
    headers = {"title": str(getattr(article, "title", "") or "")}
    if getattr(article, "date", None):
        headers["date"] = article.date.strftime("%Y-%m-%d")
    authors = meta.get("authors") or ([meta["author"]] if meta.get("author") else [])
    if authors:
        headers["author"] = ", ".join(str(a) for a in authors)
    for name in ("source", "url", "topics", "summary"):
        if meta.get(name):
            headers[name] = (
                html_to_paragraphs(str(meta[name])) if name == "summary" else str(meta[name])
            )
    if meta.get("slug"):
        headers["slug"] = str(meta["slug"])
    return headers


def record_for(article, knowledge, content_dir: str) -> ArticleRecord:
    body = html_to_paragraphs(article._content)
    headers = editor_headers(article)
    cleaned = CleanedArticle(body=body, title=headers["title"])
    # Made safe here, as the pipeline makes the records of raw files safe: nothing else does.
    meta = safe_metadata(extract(cleaned, headers, knowledge, headers.get("date", "")))
    source = getattr(article, "source_path", "") or ""
    rel = os.path.relpath(source, content_dir) if source else ""
    digest = hashlib.sha256(body.encode()).hexdigest()
    return ArticleRecord(rel, "published", "", meta, body, (), digest)


def add_records(generator) -> None:
    """article_generator_pretaxonomy receiver: a record for every article that has none yet;
    the topic file and registry are read once for the whole batch."""
    articles = [
        a
        for a in (*generator.articles, *getattr(generator, "drafts", ()))
        if getattr(a, "briefing", None) is None
    ]
    if not articles:
        return
    options = Options.from_settings(generator.settings)
    knowledge = load_knowledge(options)
    for article in articles:
        article.briefing = record_for(article, knowledge, options.content_dir)
