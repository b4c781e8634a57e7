"""Pelican glue, before topics and pages are grouped: the same paste dropped twice becomes one
article, and two articles that want the same slug both get a page.

Choices are deterministic: the article whose source path sorts first keeps its slug and absorbs
its duplicates; the others' slugs get a suffix from their own text (stable_id), so a page's URL
does not change when an unrelated file is added.
"""

from __future__ import annotations

import hashlib
import logging
import os
from dataclasses import replace

from pelican.contents import Content

from .paths import relative
from .settings import from_inputs

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


def merge_duplicates(articles: list, rels: dict) -> list:
    """The articles without repeats; each kept article lists the files merged into it in
    `merged_from` (relative paths) and, in `merged_differs`, those whose text is not identical
    (same opening, other words later: an editor should keep the right one). `rels`: {id of an
    article: its rel_source}."""
    kept: dict[str, object] = {}
    for article in sorted(articles, key=lambda a: rels[id(a)]):
        first = kept.setdefault(identity(article), article)
        if first is article:
            article.merged_from = article.merged_differs = ()
            continue
        path = rels[id(article)]
        first.merged_from = (*first.merged_from, path)
        if body_of(article) != body_of(first):
            first.merged_differs = (*first.merged_differs, path)
        logger.warning(
            "%s: same article as %s; merged into it", path, rels[id(first)], extra=from_inputs()
        )
    survivors = {id(a) for a in kept.values()}
    return [a for a in articles if id(a) in survivors]


def unique_slugs(articles: list, rels: dict) -> None:
    """Give every article its own slug; the later ones (in source order, by `rels` as in
    merge_duplicates) get a suffix."""
    taken: dict[str, str] = {}
    for article in sorted(articles, key=lambda a: rels[id(a)]):
        slug, path = article.slug, rels[id(article)]
        if slug not in taken:
            taken[slug] = path
            continue
        new = _free_slug(slug, article, taken)
        logger.warning(
            "%s: slug %r is already used by %s; published as %r",
            *(path, slug, taken[slug], new),
            extra=from_inputs(),
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
    rels = {id(a): _kept_rel(a) or rel_source(a, content_dir) for a in generator.articles}
    generator.articles = merge_duplicates(generator.articles, rels)
    unique_slugs(generator.articles, rels)
    for article in generator.articles:
        article.translations = []
    freeze_urls(generator.articles, rels)


def _kept_rel(article) -> str | None:
    """The rel_source a snapshot's RelativePath already holds (made with this content folder)."""
    kept = vars(article).get("get_relative_source_path")
    return kept.rel if type(kept) is RelativePath else None


class RelativePath:
    """An article's get_relative_source_path with its answer for its own file kept: Pelican
    works it out again (a relpath of two abspaths, about 10 us) for each URL and save_as it
    formats, three times or more per article and build. The file and the content folder of
    an article do not change once it is made."""

    __slots__ = ("article", "path", "rel")

    def __init__(self, article, rel: str | None = None) -> None:
        """`rel`: rel_source(article), which is Pelican's answer for an absolute source path
        (relpath makes both of its paths absolute itself)."""
        self.article, self.rel = article, rel
        absolute = rel is not None and os.path.isabs(article.source_path or "")
        self.path = rel if absolute else Content.get_relative_source_path(article)

    def __call__(self, source_path: str | None = None) -> str | None:
        if source_path:
            return Content.get_relative_source_path(self.article, source_path)
        return self.path


def freeze_urls(articles: list, rels: dict) -> None:
    """Slugs are final from here on, so each article's URL is worked out once: Pelican formats
    it again on every access (three times per article and build, more in our lists), and
    returns an `override_url` first. Not `override_save_as`: Pelican then forces the write.
    The save_as that Pelican and the search index still format use the kept relative path."""
    for article in articles:
        if type(vars(article).get("get_relative_source_path")) is not RelativePath:
            rel = rels.get(id(article))
            article.get_relative_source_path = RelativePath(article, rel)
        article.override_url = article.url
