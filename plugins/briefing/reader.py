"""Pelican readers for raw pastes (.txt) and saved pages (.html): record -> (html, metadata)."""

from __future__ import annotations

import hashlib
import logging
import os
from dataclasses import replace
from datetime import datetime
from html import escape

from pelican.readers import BaseReader
from pelican.utils import slugify

from . import cache, pipeline
from .model import ArticleRecord
from .sanitize import render_markdown, safe_slug
from .settings import Options, get

logger = logging.getLogger(__name__)


def cached_record(path: str, settings) -> ArticleRecord:
    """The record for a file, from the cache when the bytes, code and settings are unchanged."""
    options = Options.from_settings(settings)
    try:
        with open(path, "rb") as fh:
            digest = hashlib.sha256(fh.read(pipeline.MAX_BYTES + 1)).hexdigest()
    except OSError:
        return pipeline.process_file(path, options)
    rel = os.path.relpath(path, options.content_dir)
    key = cache.entry_key(cache.context_key(options), digest, rel, pipeline.file_date(path))
    cache_dir = get(settings, "BRIEFING_CACHE_DIR")
    record = cache.load(cache_dir, key)
    if record is None:
        record = pipeline.process_file(path, options)
        record = replace(record, path=rel)
        cache.store(cache_dir, key, record)
    return record


def pelican_metadata(record: ArticleRecord, settings) -> dict:
    meta = record.meta
    if record.status != "published":
        return {"status": "skip", "title": os.path.basename(record.path)}
    slug = meta.slug or slugify(meta.title, regex_subs=settings.get("SLUG_REGEX_SUBSTITUTIONS", []))
    # Pelican treats title and summary as HTML: the paste's text must show, never run.
    return {
        "title": escape(meta.title, quote=False),
        "date": datetime.strptime(meta.date, "%Y-%m-%d"),
        "slug": safe_slug(slug) or meta.stable_id,
        "summary": escape(meta.summary, quote=False),
        "status": "published",
        "briefing": record,
    }


class RawTextReader(BaseReader):
    """Reads a pasted article (.txt): cleaning and metadata, then safe HTML."""

    enabled = True
    file_extensions = ["txt"]

    def read(self, source_path):
        try:
            record = cached_record(source_path, self.settings)
            html = render_markdown(record.body) if record.status == "published" else ""
            return html, pelican_metadata(record, self.settings)
        except Exception as err:  # a bug met by one file must not hide the other articles
            logger.error("%s: skipped, the plugin failed on it: %s: %s", source_path,
                         type(err).__name__, err)
            return "", {"status": "skip", "title": os.path.basename(source_path)}


class SavedPageReader(RawTextReader):
    """Reads a saved web page (.html, .htm) through the HTML extractor, then the same clean-up."""

    file_extensions = ["html", "htm"]
