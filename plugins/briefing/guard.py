"""Pelican glue: every content object, whichever reader made it (.txt, .html, .md), is made safe
before anything is written: allow-listed HTML, a slug that is never a path, no path overrides."""

from __future__ import annotations

import logging
import re

import nh3
from pelican.contents import Article, Page
from pelican.urlwrappers import Category

from .model import ArticleRecord
from .sanitize import clean_html, safe_slug
from .settings import from_inputs

logger = logging.getLogger(__name__)

# Pelican lets a file's `Save_as:`/`URL:` headers override where it is written; for us `URL:` is
# the original article's address, and neither may steer a path. `Template:` may not pick one.
_OVERRIDES = ("override_save_as", "override_url")
# What nh3 may change in text: a tag, a raw '>', a character reference other than the three
# html.escape writes, the characters its parser or serialiser rewrites (NUL, CR, no-break
# space, a leading byte-order mark), and a lone surrogate, which it refuses. Text without any
# comes back as it is, so it is not cleaned: our readers' titles and summaries are escaped
# plain text, and cleaning them was ~25 us an article.
_MAY_CHANGE = re.compile(r"[<>\x00\r\xa0\ufeff\ud800-\udfff]|&(?!(?:amp|lt|gt);)")


def cleaned(value: str, clean) -> str:
    """clean(value), without calling it where it would give `value` back."""
    return clean(value) if type(value) is not str or _MAY_CHANGE.search(value) else value


def _text_only(value: str) -> str:
    return nh3.clean(value, tags=set())


def make_safe(content) -> None:
    """content_object_init receiver: sanitise the HTML, the title, the summary and the slug."""
    if not isinstance(content, Article | Page):
        return
    source = getattr(content, "source_path", "") or "?"
    if type(getattr(content, "briefing", None)) is not ArticleRecord:
        # Our readers' HTML was cleaned by the same allow-list where it was rendered (the
        # read-ahead's workers), and cleaning it again gives it back unchanged (a property the
        # tests check): about 0.1 ms an article. Any other reader's HTML is cleaned here.
        content._content = clean_html(content._content or "")
    for name in _OVERRIDES:
        if name in content.__dict__:
            del content.__dict__[name]
    if "template" in content.metadata:
        logger.warning("%s: ignored the Template header", source, extra=from_inputs())
        content.template = content.default_template
    if "summary" in content.metadata:
        content.metadata["summary"] = cleaned(content.metadata["summary"], clean_html)
        content._summary = content.metadata["summary"]
    # Titles are HTML to Pelican: keep the text, never markup.
    if hasattr(content, "title"):  # a missing title must stay missing: Pelican rejects it
        content.title = cleaned(str(content.title), _text_only)
    if isinstance(content, Article) and not hasattr(content, "category"):
        # With category pages off, Pelican gives no default category, yet writing a draft
        # needs one: without this an editor's `Status: draft` file stops the whole build.
        name = content.settings.get("DEFAULT_CATEGORY") or "misc"
        content.category = Category(name, content.settings)
    slug = getattr(content, "slug", None)
    if slug is not None:
        safe = safe_slug(str(slug)) or safe_slug(str(getattr(content, "title", ""))) or "untitled"
        if safe != slug:
            logger.warning(
                "%s: slug %r is not a safe URL part; using %r",
                source,
                slug,
                safe,
                extra=from_inputs(),
            )
            content.slug = safe
