"""Summary, word count and reading time: plain text measures of the body."""

from __future__ import annotations

import math
import re
from itertools import islice

_LINE_MARK = r"^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+|\d+\.\s+)"  # heading, quote, list item
_LEADING = re.compile(_LINE_MARK)
_MARKUP = re.compile(_LINE_MARK + r"|[*_`]+|!?\[([^\]]*)\]\([^)]*\)")
_DATELINE = re.compile(
    r"^[A-Z][A-Z .'-]{2,30}(?:,[^:(]{1,30})?(?:\([^)]{1,40}\))?\s*(?::|[-–—])\s+"
)
_SENTENCE = re.compile(r"(?<=[.!?…])[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])")


def plain(markdown: str) -> str:
    """Markdown body as plain text (links keep their words)."""
    if any(mark in markdown for mark in "*_`["):
        lines = (_MARKUP.sub(lambda m: m.group(1) or "", line) for line in markdown.split("\n"))
        return "\n".join(lines)
    # No emphasis, code or link anywhere (most bodies): only a line's own mark can go, and it
    # starts the line, so the line need not be searched.
    return "\n".join(map(_unmarked, markdown.split("\n")))


def _unmarked(line: str) -> str:
    found = _LEADING.match(line)
    return line[found.end() :] if found else line


def lead_summary(body: str, limit: int = 300) -> str:
    """Whole lead sentences up to about `limit` characters (at least one sentence, cut at a
    word when that sentence alone is too long)."""
    parts = plain(body).split("\n\n")
    # the first three of eight words or more: the rest of the story need not be counted
    paragraphs = list(islice((p.strip() for p in parts if len(p.split()) >= 8), 3))
    if not paragraphs:
        paragraphs = [p.strip() for p in parts if p.strip()]
    text = _DATELINE.sub("", " ".join(" ".join(paragraphs[:3]).split()), count=1)
    out = ""
    for sentence in _SENTENCE.split(text):
        if out and len(out) + len(sentence) + 1 > limit:
            break
        out = f"{out} {sentence}".strip()
    if len(out) > limit + 60:
        out = out[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return out


def word_count(body: str) -> int:
    return len(re.findall(r"\w+(?:['’-]\w+)*", plain(body)))


def reading_time(words: int, per_minute: int) -> int:
    """Minutes, rounded up, never 0 for a non-empty article."""
    return max(1, math.ceil(words / max(1, per_minute))) if words else 0
