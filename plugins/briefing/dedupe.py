"""Pelican glue, before topics and pages are grouped: the same paste dropped twice becomes one
article, and two articles that want the same slug both get a page.

Choices are deterministic: the article whose source path sorts first keeps its slug and absorbs
its duplicates; the others' slugs get a suffix from their own text (stable_id), so a page's URL
does not change when an unrelated file is added.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import replace

from .paths import relative

logger = logging.getLogger(__name__)


def rel_source(article, content_dir: str) -> str:
    return relative(article.source_path, content_dir)


def identity(article) -> str:
    """What makes two files the same article: the body's stable id, else the rendered HTML."""
    record = getattr(article, "briefing", None)
    if record is not None and record.meta.stable_id:
        return "id:" + record.meta.stable_id
    return "html:" + hashlib.sha256((article._content or "").encode()).hexdigest()


def body_of(article) -> str:
    """The article's text as its page shows it (the HTML is made from the record's body, which
    Articles do not carry: reader.pelican_metadata)."""
    return article._content or ""


def merge_duplicates(articles: list, content_dir: str) -> list:
    """The articles without repeats; each kept article lists the files merged into it in
    `merged_from` (relative paths) and, in `merged_differs`, those whose text is not identical
    (same opening, other words later: an editor should keep the right one)."""
    kept: dict[str, object] = {}
    for article in sorted(articles, key=lambda a: rel_source(a, content_dir)):
        first = kept.setdefault(identity(article), article)
        if first is article:
            article.merged_from = article.merged_differs = ()
            continue
        path = rel_source(article, content_dir)
        first.merged_from = (*first.merged_from, path)
        if body_of(article) != body_of(first):
            first.merged_differs = (*first.merged_differs, path)
        logger.warning(
            "%s: same article as %s; merged into it", path, rel_source(first, content_dir)
        )
    survivors = {id(a) for a in kept.values()}
    return [a for a in articles if id(a) in survivors]


def unique_slugs(articles: list, content_dir: str) -> None:
    """Give every article its own slug; the later ones (in source order) get a suffix."""
    taken: dict[str, str] = {}
    for article in sorted(articles, key=lambda a: rel_source(a, content_dir)):
        slug, path = article.slug, rel_source(article, content_dir)
        if slug not in taken:
            taken[slug] = path
            continue
        new = _free_slug(slug, article, taken)
        logger.warning(
            "%s: slug %r is already used by %s; published as %r", path, slug, taken[slug], new
        )
        taken[new] = path
        article.slug = new
        record = getattr(article, "briefing", None)
        if record is not None:
            note = f"slug: {slug!r} is taken by {taken[slug]}; published as {new!r}"
            meta = replace(record.meta, slug=new, warnings=(*record.meta.warnings, note))
            article.briefing = replace(record, meta=meta)


def _free_slug(slug: str, article, taken: dict) -> str:
    record = getattr(article, "briefing", None)
    seed = record.meta.stable_id if record is not None and record.meta.stable_id else ""
    for n in range(2, 10_000):
        candidate = f"{slug}-{seed[:6]}" if seed and n == 2 else f"{slug}-{n}"
        if candidate not in taken:
            return candidate
    raise RuntimeError(f"no free slug for {slug!r}")  # unreachable with under 10,000 articles


def on_pretaxonomy(generator) -> None:
    """article_generator_pretaxonomy receiver (after the Markdown records are added)."""
    content_dir = generator.path
    generator.articles = merge_duplicates(generator.articles, content_dir)
    unique_slugs(generator.articles, content_dir)
    for article in generator.articles:
        article.translations = []
    freeze_urls(generator.articles)


def freeze_urls(articles: list) -> None:
    """Slugs are final from here on, so each article's URL is worked out once: Pelican formats
    it again on every access (three times per article and build, more in our lists), and
    returns an `override_url` first. Not `override_save_as`: Pelican then forces the write."""
    for article in articles:
        article.override_url = article.url
