"""Saved .html pages: a real HTML extractor (trafilatura) finds the article, as plain text."""

from __future__ import annotations

import trafilatura


def html_to_text(html: str) -> str:
    """The page's main text with its headline first; the whole text when extraction fails."""
    text = trafilatura.extract(
        html, include_comments=False, include_tables=True, favor_recall=True, with_metadata=False
    )
    meta = trafilatura.extract_metadata(html)
    title = meta.title if meta and meta.title else ""
    byline = " ".join(x for x in (meta.author, meta.date) if x) if meta else ""
    head = "\n\n".join(x for x in (title, byline) if x)
    return f"{head}\n\n{text}" if text else head
