"""The headline: as the cleaner found it, else from a page title or breadcrumb with the site's
name stripped, else a short title generated from the lead (flagged for the editor)."""

from __future__ import annotations

import re

from ..model import CleanedArticle
from .byline import _DATELINE, known_outlet

_SUFFIX = re.compile(r"^(?P<head>.{12,}?)\s+(?:\||[-–—:•·»]|::)\s+(?P<site>[^|]{2,60})$")
_CRUMB = re.compile(r"\s+(?:>|»|›|/)\s+")
GENERATED_WORDS = 10
GENERATED_CHARS = 80


def strip_site(title: str, source: str = "") -> str:
    """"Headline | Site" or "Headline - Site" -> "Headline" when the tail names the site."""
    m = _SUFFIX.match(title.strip())
    if not m:
        return title.strip()
    site = m["site"].strip()
    by_name = source and site.casefold() == source.casefold()
    looks_like_site = known_outlet(site) == site or (
        len(site.split()) <= 4 and len(m["head"].split()) >= 4
        and not re.search(r"[.!?]$", site) and site[:1].isupper()
    )
    return m["head"].strip() if by_name or looks_like_site else title.strip()


def from_breadcrumb(crumb: str) -> str:
    """The last step of "Home > World > Asia > Headline" when it is a headline, not a section."""
    steps = _CRUMB.split(crumb.strip())
    last = steps[-1].strip() if len(steps) >= 2 else ""
    return last if len(last.split()) >= 4 else ""


def stated_title(cleaned: CleanedArticle, source: str) -> str:
    """The headline the paste states, or "" when it has none."""
    if cleaned.title.strip():
        return strip_site(cleaned.title, source)
    for removed in cleaned.removed:
        if removed.reason == "page title":
            return strip_site(removed.text, source)
    for removed in cleaned.removed:
        if removed.reason == "breadcrumb" and from_breadcrumb(removed.text):
            return from_breadcrumb(removed.text)
    return ""


def generated_title(body: str) -> str:
    """A short title from the lead's first clause: at most ~10 words, never a paragraph."""
    for paragraph in body.split("\n\n"):
        text = " ".join(paragraph.replace("*", "").split())
        if len(text.split()) < 6 or text.startswith(("#", "!", "[")):
            continue
        m = _DATELINE.match(text)
        if m and m["city"].strip() == m["city"].strip().upper():
            text = text[m.end():].strip()
        clause = re.split(r"(?<=[.!?;:])\s|,\s+(?:which|who|where|after|as|while)\s|\s[—–]\s",
                         text)[0].rstrip(".!?;:, ")
        words = clause.split()
        short = " ".join(words[:GENERATED_WORDS])
        if len(short) > GENERATED_CHARS:
            short = short[:GENERATED_CHARS].rsplit(" ", 1)[0]
        return short + ("…" if len(short) < len(clause) else "")
    return ""
