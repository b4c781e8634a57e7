"""Markdown to safe HTML: pasted text is inert, generated HTML passes an allow-list (nh3)."""

from __future__ import annotations

import markdown
import nh3

_TAGS = {
    "p", "br", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "li", "em", "strong",
    "a", "code", "pre", "hr", "table", "thead", "tbody", "tr", "th", "td", "figure",
    "figcaption", "sup", "sub", "abbr",
}
_ATTRS = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}}


def escape_raw_html(text: str) -> str:
    """Make angle brackets literal so a paste's <script> shows as text, never runs."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def clean_html(html: str) -> str:
    """Allow-list sanitising for any HTML that reaches a page or a feed."""
    return nh3.clean(
        html,
        tags=_TAGS,
        attributes=_ATTRS,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )


def render_markdown(body: str) -> str:
    """The cleaned body (Markdown) as sanitised HTML. Block quotes '>' survive escaping."""
    lines = []
    for line in body.split("\n"):
        quote = ""
        while line.startswith(">"):
            quote += ">"
            line = line[1:]
        lines.append(quote + escape_raw_html(line))
    html = markdown.markdown("\n".join(lines), output_format="html")
    return clean_html(html)
