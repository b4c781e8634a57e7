"""Pelican readers for raw pastes (.txt) and saved pages (.html): record -> (html, metadata)."""

from __future__ import annotations

import logging
import os
from datetime import datetime
from html import escape

from pelican.readers import BaseReader
from pelican.utils import slugify

from . import readahead
from .model import ArticleRecord
from .sanitize import safe_slug

logger = logging.getLogger(__name__)


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
        # Without the body and what the cleaner removed (readahead.make_entry makes every
        # record this reader gets): an Article is half as heavy to snapshot and load.
        "briefing": record,
    }


class RawTextReader(BaseReader):
    """Reads a pasted article (.txt): cleaning and metadata, then safe HTML."""

    enabled = True
    file_extensions = ["txt"]

    prepared: dict | None = None  # {path: (record, html)}, filled by readahead before reading

    def read(self, source_path):
        try:
            found = (self.prepared or {}).get(source_path)
            record, html = found or readahead.cached_entry(source_path, self.settings)
            return html, pelican_metadata(record, self.settings)
        except Exception as err:  # a bug met by one file must not hide the other articles
            logger.error(
                "%s: skipped, the plugin failed on it: %s: %s", source_path, type(err).__name__, err
            )
            return "", {"status": "skip", "title": os.path.basename(source_path)}


class SavedPageReader(RawTextReader):
    """Reads a saved web page (.html, .htm) through the HTML extractor, then the same clean-up."""

    file_extensions = ["html", "htm"]
