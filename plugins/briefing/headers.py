"""Editor header lines (`Title:`, `Date:`, ...) at the top of a raw file: they win over all."""

from __future__ import annotations

import re

FIELDS = ("title", "date", "author", "source", "url", "topics", "summary", "slug")
_LINE = re.compile(r"^(?P<key>[A-Za-z]+):[ \t]*(?P<value>.*?)\s*$")


def split_headers(text: str) -> tuple[dict[str, str], str]:
    """Return ({field: value}, rest of text). Headers are the leading `Key: value` lines of
    known keys, ended by a blank line or the first other line."""
    headers: dict[str, str] = {}
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        m = _LINE.match(lines[i])
        if not m or m["key"].lower() not in FIELDS:
            break
        if m["value"]:
            headers[m["key"].lower()] = m["value"]
        i += 1
    if not headers:
        return {}, text
    while i < len(lines) and not lines[i].strip():
        i += 1
    return headers, "\n".join(lines[i:])
