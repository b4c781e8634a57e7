"""One content file from bytes to ArticleRecord: read, clean, extract. Pure but for the cache."""

from __future__ import annotations

import hashlib
import os
from datetime import UTC, datetime

from . import cleaning, metadata, text
from .headers import split_headers
from .html_input import html_to_text
from .model import ArticleRecord, CleanedArticle, Metadata
from .sanitize import safe_metadata
from .settings import Options

# A long article is under 200 kB; a file over this is a paste gone wrong (a whole site, a log).
# It is skipped with a message without being read, so memory stays bounded by this size, and
# time too: cleaning and metadata take about 5 s per MB. A line of a million characters fits.
MAX_BYTES = 1024 * 1024


def file_date(path: str) -> str:
    """The file's modification day: the last resort for an article's date."""
    try:
        return datetime.fromtimestamp(os.path.getmtime(path), UTC).strftime("%Y-%m-%d")
    except OSError:
        return ""


def skipped(path: str, reason: str, digest: str = "") -> ArticleRecord:
    return ArticleRecord(path, "skipped", reason, Metadata(), "", (), digest)


def process_bytes(
    path: str,
    data: bytes,
    options: Options,
    fallback_date: str,
    knowledge: metadata.Knowledge | None = None,
    memo: dict | None = None,
) -> ArticleRecord:
    """Turn one raw file into a record; never raises for any input. Pass `knowledge` (topic
    rules and registry, loaded once per build) and a `memo` of line features (cleaning.clean)
    when processing many files."""
    digest = hashlib.sha256(data).hexdigest()
    if not data.strip():
        return skipped(path, "empty file: paste an article into it or delete it", digest)
    kind = text.binary_kind(data)
    if kind:
        return skipped(path, f"not a text file ({kind}): save the article as plain text", digest)
    raw, _encoding = text.read_text(data)
    headers, raw = split_headers(raw)
    if path.lower().endswith((".html", ".htm")):
        raw = html_to_text(raw)
    cleaned = cleaning.clean(raw, memo)
    if not cleaned.body.strip():
        return _no_article(path, digest, cleaned)
    knowledge = knowledge or metadata.load_knowledge(options)
    meta = safe_metadata(metadata.extract(cleaned, headers, knowledge, fallback_date, raw))
    return ArticleRecord(path, "published", "", meta, cleaned.body, cleaned.removed, digest)


def _no_article(path: str, digest: str, cleaned: CleanedArticle) -> ArticleRecord:
    reason = "no article text found (only page chrome): paste the article's paragraphs"
    if not cleaned.removed:
        reason = "no readable text (only spaces, invisible or control characters)"
    return ArticleRecord(path, "skipped", reason, Metadata(), "", cleaned.removed, digest)


def process_file(
    path: str,
    options: Options,
    knowledge: metadata.Knowledge | None = None,
    memo: dict | None = None,
) -> ArticleRecord:
    """Read a file from disk (bounded in size) and process it."""
    try:
        size = os.path.getsize(path)
        if size > MAX_BYTES:
            return skipped(
                path,
                f"file too large ({size / 2**20:.1f} MB, limit "
                f"{MAX_BYTES / 2**20:g} MB): "
                "an article is far smaller; trim the paste to the article",
            )
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as err:
        return skipped(path, f"cannot read file: {err.strerror}")
    return process_bytes(path, data, options, file_date(path), knowledge, memo)
