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
# the cost of a conversion.
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
_INLINE_MARK = re.compile(
    "|".join(
        re.escape(mark)
        for mark in sorted({"\t", "\r", "\x02", "\x03"}.union(*_INLINE_NEEDS.values()))
    )
)


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
        # a Markdown release with an inline pattern we do not know gets no shortcut
        self.plain = plain if not len(plain.inlinePatterns) else None

    def __reduce__(self) -> tuple:
        return type(self), ()  # a worker process builds its own converters

    def convert(self, text: str) -> str:
        plain = self._plain(text)
        return self._converted(text, plain, plain_paragraphs(text) if plain else None)

    def safe_html(self, text: str) -> str:
        """The text converted and cleaned by the allow-list."""
        plain = self._plain(text)
        html = plain_paragraphs(text) if plain else None
        if html is not None and html.replace("\n", "").isprintable():
            # <p> elements around printable text with no '<', '>' or '&': no markup, and
            # nothing the cleaner would write otherwise (it costs as much as the conversion)
            return html
        return self.cleaner.clean(self._converted(text, plain, html))

    def _plain(self, text: str) -> bool:
        """Whether the converter without inline patterns gives the same HTML for `text`."""
        return self.plain is not None and not _INLINE_MARK.search(text)

    def _converted(self, text: str, plain: bool, paragraphs: str | None) -> str:
        if paragraphs is not None:
            return paragraphs
        return (self.plain if plain else self.full).reset().convert(text)


def plain_paragraphs(text: str) -> str | None:
    """Markdown's HTML of text that has nothing inline to convert (see _INLINE_MARK), no '>'
    and only one-line paragraphs opening with a letter, as most bodies are: nothing else (heading,
    list, quote, code, rule, reference) can start with a letter on a line of its own, so each
    is a <p>; None for any other text. A tenth of the cost of the converter."""
    if ">" in text:
        return None  # the converter writes it as an entity
    paragraphs = text.split("\n\n")
    for paragraph in paragraphs:
        if not paragraph[:1].isalpha() or paragraph[-1].isspace() or "\n" in paragraph:
            return None
    return "\n".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)


def render_markdown(body: str, renderer: MarkdownRenderer | None = None) -> str:
    """The cleaned body (Markdown) as sanitised HTML. Block quotes '>' survive escaping. Pass a
    renderer when rendering many bodies."""
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
