"""Saved .html pages: a real HTML extractor (trafilatura) finds the article, as plain text that
then goes through the same cleaner as a paste: headline, "By <author> <date>" line, paragraphs."""

from __future__ import annotations


def byline_of(meta) -> str:
    """A byline the metadata stage reads like a pasted one: "By <author> <date>"."""
    if meta is None:
        return ""
    author = f"By {meta.author}" if meta.author else ""
    return " ".join(x for x in (author, meta.date or "") if x)


def html_to_text(html: str) -> str:
    """The page's main text with its headline and byline first; the page's whole text when
    the extractor finds no article, so the cleaner still gets its chance."""
    import trafilatura  # imported late: costs ~0.2 s of every build's start, and .html is rare

    text = trafilatura.extract(
        html, include_comments=False, include_tables=True, favor_recall=True, with_metadata=False
    )
    if not text:
        text = trafilatura.html2txt(html) or ""
    meta = trafilatura.extract_metadata(html)
    title = meta.title if meta and meta.title else ""
    # One paragraph per line from the extractor; blank lines keep short ones from being joined.
    body = "\n\n".join(line for line in text.split("\n") if line.strip())
    return "\n\n".join(x for x in (title, byline_of(meta), body) if x)
