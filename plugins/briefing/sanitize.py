"""Markdown to safe HTML: pasted text is inert, generated HTML passes an allow-list (nh3)."""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import fields, replace

import markdown
import nh3

from .model import Metadata

_TAGS = {
    "p",
    "br",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "ul",
    "ol",
    "li",
    "em",
    "strong",
    "a",
    "code",
    "pre",
    "hr",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "figure",
    "figcaption",
    "sup",
    "sub",
    "abbr",
}
_ATTRS = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}}


def escape_raw_html(text: str) -> str:
    """Make angle brackets literal so a paste's <script> shows as text, never runs."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _allowed() -> dict:
    return {
        "tags": _TAGS,
        "attributes": _ATTRS,
        "url_schemes": {"http", "https", "mailto"},
        "link_rel": "noopener noreferrer nofollow",
    }


def clean_html(html: str) -> str:
    """Allow-list sanitising for any HTML that reaches a page or a feed."""
    return nh3.clean(html, **_allowed())


# What each of Python-Markdown's inline patterns needs in the text to match, one of. Text with
# none of them (nor a tab, CR, STX or ETX, which its preprocessor turns into spaces or drops, so
# that two spaces may end a line) comes out of the inline pass as it went in; that pass is half
# the cost of a conversion. An '&' that render_markdown's escaping wrote (&amp; &lt; &gt;) is an
# entity both ways: the entity pattern keeps it as it is, and so does the serialiser without it.
_INLINE_NEEDS: dict[str, tuple[str, ...]] = {
    "backtick": ("`",),
    "escape": ("\\",),
    "reference": ("[",),
    "link": ("[",),
    "image_link": ("[",),
    "image_reference": ("[",),
    "short_reference": ("[",),
    "short_image_ref": ("[",),
    "autolink": ("<",),
    "automail": ("<",),
    "linebreak": ("  \n",),
    "html": ("<",),
    "entity": ("&",),
    "em_strong": ("*", "_"),
}
_CONTROLS = ("\t", "\r", "\x02", "\x03")
_INLINE_MARK = re.compile(
    "|".join(
        re.escape(mark) for mark in sorted(set(_CONTROLS).union(*_INLINE_NEEDS.values()) - {"&"})
    )
)
_BARE_AMP = re.compile("&(?!amp;|lt;|gt;)")  # an '&' that is not one of the escaping's entities
# Marks that a one-line paragraph may hold without the inline pass changing it: a lone '*' or
# '_' (emphasis takes two), '_' inside words, '[' with no '](' (a link; a reference needs a
# definition, which only a paragraph opening with '[' makes, and none is let through).
_PARAGRAPH_MARK = re.compile(
    "|".join(
        re.escape(mark)
        for mark in sorted(set(_CONTROLS).union(*_INLINE_NEEDS.values()) - {"&", "*", "_", "["})
    )
)
# The block processors of Python-Markdown's core, and the characters that open their blocks on
# a line with no indent: a heading '#', a quote '>', a list item or a rule '*' '+' '-' '_', a
# reference '['; a number and a full stop open a numbered list. Any other line is a paragraph.
_BLOCKS = (
    "empty",
    "indent",
    "code",
    "hashheader",
    "setextheader",
    "hr",
    "olist",
    "ulist",
    "quote",
    "reference",
    "paragraph",
)
_OPENERS = frozenset("#>*+-_[")
# Markdown's own test for an item of a numbered list: up to three spaces, digits, '.', a space
# or a tab
_NUMBERED = re.compile(r"^( {0,3}(\d+))\.(?=[ \t])", re.M)
# An '_' after a letter or digit opens no emphasis (those open after a space or a mark); only
# an '_' of another kind counts towards the two that emphasis takes.
_OPENING_UNDERSCORE = re.compile(r"(?<![^\W_])_")
_HEADING = re.compile(r"(#{2,6}) (\S.*)")  # h1 is not on the allow-list: the cleaner drops it


class MarkdownRenderer:
    """Converts many bodies with two Markdown converters built once (building one costs about
    as much as converting an article): the usual one, and one without inline patterns for text
    that has nothing they could match; and cleans the HTML with an allow-list built once too
    (nh3 would build it again on each call). Not for use by two threads at once."""

    def __init__(self) -> None:
        self.cleaner = nh3.Cleaner(**_allowed())
        self.full = markdown.Markdown(output_format="html")
        plain = markdown.Markdown(output_format="html")
        for name in _INLINE_NEEDS:
            plain.inlinePatterns.deregister(name, strict=False)
        # a Markdown release with an inline pattern or a block we do not know gets no shortcut
        known = not len(plain.inlinePatterns) and _block_names(plain) == _BLOCKS
        self.plain = plain if known else None

    def __reduce__(self) -> tuple:
        return type(self), ()  # a worker process builds its own converters

    def convert(self, text: str) -> str:
        html = self._paragraphs(text)
        return html if html is not None else self._converted(text)

    def safe_html(self, text: str) -> str:
        """The text converted and cleaned by the allow-list."""
        html = self._paragraphs(text)
        if html is not None and html.replace("\n", "").isprintable():
            # paragraphs and headings around printable text whose only '&' are the escaping's
            # entities: nothing the cleaner would write otherwise (it costs as much as the
            # conversion)
            return html
        return self.cleaner.clean(html if html is not None else self._converted(text))

    def _paragraphs(self, text: str) -> str | None:
        return plain_paragraphs(text) if self.plain is not None else None

    def _converted(self, text: str) -> str:
        """The converter without inline patterns when it gives the same HTML for `text`."""
        bare = self.plain is None or _INLINE_MARK.search(text) or _BARE_AMP.search(text)
        return (self.full if bare else self.plain).reset().convert(text)


def _block_names(converter: markdown.Markdown) -> tuple[str, ...]:
    return tuple(item.name for item in converter.parser.blockprocessors._priority)


def plain_paragraphs(text: str) -> str | None:
    """Markdown's HTML of text made of one-line paragraphs and '##' headings with nothing the
    inline pass would change (see _PARAGRAPH_MARK), as most bodies are; None for any other text.
    A tenth of the cost of the converter."""
    if ">" in text or _PARAGRAPH_MARK.search(text) or ("&" in text and _BARE_AMP.search(text)):
        return None
    blocks = []
    for paragraph in text.split("\n\n"):
        block = _plain_block(paragraph)
        if block is None:
            return None
        blocks.append(block)
    return "\n".join(blocks)


def _plain_block(paragraph: str) -> str | None:
    """A one-line paragraph's HTML when the converter would write it as <p> or <hN> text."""
    first = paragraph[:1]
    if not first or first.isspace() or paragraph[-1].isspace() or "\n" in paragraph:
        return None  # indented code, blank or lazy lines: the converter's business
    if paragraph.count("*") > 1 or "](" in paragraph:
        return None
    if paragraph.count("_") > 1 and _OPENING_UNDERSCORE.search(paragraph):
        return None
    if first in _OPENERS:
        heading = _HEADING.fullmatch(paragraph)
        if heading is None or paragraph[-1] == "#":  # the converter drops closing '#'
            return None
        level = len(heading[1])
        return f"<h{level}>{heading[2]}</h{level}>"
    if first.isdigit() and _NUMBERED.match(paragraph):
        return None
    return f"<p>{paragraph}</p>"


def numbers_as_written(body: str) -> str:
    """The body with the '.' escaped after a number that opens a line but no list from 1: a
    German date ("19. November 2019 ...") or an item cut from its list. Markdown numbers every
    list from 1 whatever the text says, so the reader would see "1." for "19."."""
    if not _NUMBERED.search(body):
        return body
    lines = body.split("\n")
    last = 0  # the number of the list item above; 0 when no list is open
    for i, line in enumerate(lines):
        after_blank = i == 0 or not lines[i - 1].strip()
        opened = _NUMBERED.match(line)
        if opened is None:
            if line.strip() and not line[:1].isspace() and (after_blank or line[0] == "#"):
                # a paragraph or heading between two items ends the list; a line right
                # under an item goes on with that item, as Markdown reads it
                last = 0
        elif int(opened[2]) in (1, last + 1):
            last = int(opened[2])  # a list starts at 1 or goes on
        else:
            lines[i] = opened[1] + "\\" + line[opened.end(1) :]
            last = 0
    return "\n".join(lines)


def render_markdown(body: str, renderer: MarkdownRenderer | None = None) -> str:
    """The cleaned body (Markdown) as sanitised HTML. Block quotes '>' survive escaping, and the
    numbers that open lines as written (numbers_as_written). Pass a renderer when rendering many
    bodies."""
    body = numbers_as_written(body)
    if ">" in body:
        lines = []
        for line in body.split("\n"):
            quote = ""
            while line.startswith(">"):
                quote += ">"
                line = line[1:]
            lines.append(quote + escape_raw_html(line))
        text = "\n".join(lines)
    else:
        text = escape_raw_html(body)  # no quote mark to keep: the lines escape as one text
    if renderer is None:
        return clean_html(markdown.markdown(text, output_format="html"))
    return renderer.safe_html(text)


_SLUG_DROP = re.compile(r"[^a-z0-9]+")
_SAFE_URL = re.compile(r"^https?://[^\s<>\"'`]+$", re.I)
# Characters XML 1.0 forbids (feeds break on them) plus C1 controls; text.normalise drops them
# from pastes already, this guards metadata that reached the record by any other route.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def safe_slug(value: str, limit: int = 80) -> str:
    """ASCII letters, digits and single hyphens only: never a path, never `..` or `/`."""
    ascii_text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    return _SLUG_DROP.sub("-", ascii_text.lower())[:limit].strip("-")


def safe_url(value: str) -> str:
    """The URL when it is a plain http(s) link, else "" (no javascript:, data:, or markup)."""
    value = value.strip()
    return value if _SAFE_URL.match(value) else ""


def plain(value: str) -> str:
    """A metadata string as plain text: no XML-forbidden characters, and no markup, since a
    title or summary is shown as text in pages but may be read as HTML by some feed readers."""
    value = _FORBIDDEN.sub("", value)
    if "<" in value:
        value = html.unescape(nh3.clean(value, tags=set())).strip()
    return value


def safe_metadata(meta: Metadata) -> Metadata:
    """Metadata that cannot break a page, a feed or a path, whoever extracted it.

    Strings lose XML-forbidden characters, the slug is reduced to [a-z0-9-], a URL that is not
    http(s) is dropped with a warning for the editor.
    """
    changes: dict = {}
    for f in fields(meta):
        value = getattr(meta, f.name)
        if isinstance(value, str):
            changes[f.name] = plain(value)
        elif isinstance(value, tuple) and all(isinstance(v, str) for v in value):
            changes[f.name] = tuple(filter(None, (plain(v) for v in value)))
    warnings = list(changes.get("warnings", meta.warnings))
    for name in ("title", "summary", "author", "source", "deck", "dateline", "topics"):
        if changes[name] != getattr(meta, name):
            warnings.append(f"{name}: markup or control characters removed")
    slug = safe_slug(changes["slug"])
    if changes["slug"] and slug != changes["slug"]:
        warnings.append(f"slug: {changes['slug']!r} is not a safe URL part; using {slug!r}")
    url = safe_url(changes["url"])
    if changes["url"] and not url:
        warnings.append(f"url: {changes['url']!r} is not an http(s) link; left out")
    if not changes["title"].strip():
        # Pelican refuses an article without a title: never let one through empty.
        changes["title"] = "Untitled article"
        warnings.append("title: none found in the text; give it a Title: line")
    changes.update(slug=slug, url=url, warnings=tuple(warnings))
    return replace(meta, **changes)
