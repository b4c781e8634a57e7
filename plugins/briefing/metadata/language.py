"""The article's language from its commonest short words: cheap, and enough to tell the
languages editors paste apart; "" when too little text to say."""

from __future__ import annotations

import re
from collections import Counter
from itertools import repeat

from ..text import casefold

_STOPWORDS = {
    "en": "the and of to in is that for on with was said has are by from it as at",
    "de": "der die und das ist nicht mit den von zu auf ein eine sich dem des für im",
    "fr": "le la les et des est une dans du pour que sur pas qui au par avec",
    "es": "el la los las y de que en del por una con para es se al",
    "it": "il la che di e per una sono del della con non gli le si",
    "pt": "o a os as e de que do da em um uma para com não por",
    "nl": "de het een en van is dat op te zijn niet met voor",
    "tr": "ve bir bu da de ile için olarak çok daha ama gibi",
}


_LETTERS = re.compile(r"[^\W\d_]+")
_ASCII_LETTERS = re.compile(r"[A-Za-z]+")
_FOREIGN_WORD_CHAR = re.compile(r"[^\x00-\x7f](?<=\w)")  # re skips to the non-ASCII characters
_LISTS = tuple((lang, tuple(words.split())) for lang, words in _STOPWORDS.items())


def letter_runs(text: str) -> list[str]:
    """The runs of letters of the text. When all its word characters are ASCII (most English
    texts: curly quotes and dashes are no word characters), spelt as ranges, which re tests at
    once where it looks each character up for \\w."""
    if _FOREIGN_WORD_CHAR.search(text):
        return _LETTERS.findall(text)
    return _ASCII_LETTERS.findall(text)


def detect_language(text: str) -> str:
    words = letter_runs(casefold(text[:5000]))
    if len(words) < 10:
        return ""
    seen = Counter(words)
    # dict.get: Counter's own lookup of a missing word is a Python call
    counts = {lang: sum(map(seen.get, stop, repeat(0))) for lang, stop in _LISTS}
    best = max(counts, key=counts.get)
    return best if counts[best] >= max(2, len(words) // 40) else ""
