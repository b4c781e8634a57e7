"""The stable id of an article: from its own words, so a rename of the file, a fix of its title
or of its date, or a change of the site chrome around it keeps the same id (feeds use it as
GUID)."""

from __future__ import annotations

import hashlib
import re


def stable_id(body: str) -> str:
    """Hash of the first 80 words of the body, case-folded, punctuation and markup ignored."""
    return hashlib.sha256(" ".join(first_words(body, 80)).encode()).hexdigest()[:16]


def first_words(text: str, count: int, head: int = 2048) -> list[str]:
    """The first `count` words of the text, case-folded. Read from a growing head of the text:
    case folding goes character by character and a word that ends before the head does is
    whole, so only the last word found may be cut, and one more than `count` is looked for."""
    size = head
    while True:
        words = re.findall(r"\w+", text[:size].casefold())
        if len(words) > count or size >= len(text):
            return words[:count]
        size *= 4
