"""Where things sit in the paste: its lines, the first story paragraph (the lead) and the
headline. Bylines, date lines and datelines are looked for around these two anchors."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import CleanedArticle
from .calendar import find_dates

# A sentence's end: the line's last mark, a stop followed by more text, or a CJK stop. One
# class opens all three (lookbehinds tell them apart), so that re skips to such a character
# rather than trying three alternatives at every position of a paragraph.
_SENTENCE_END = re.compile(r"[.!?…:;\"”’)»。！？](?:\s*$|(?<=[.!?])\s+\S|(?<=[。！？]))")
_PROSE_WORDS = 20
_APART = 6  # short lines (a menu, a headline block) between a blurb and the story
_NON_WORD = re.compile(r"\W+")
_WIDE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")  # CJK: no spaces


@dataclass(frozen=True)
class Layout:
    lines: tuple[str, ...]
    lead: int | None  # index of the first story paragraph in `lines`
    headline: int | None  # index of the headline line, when it can be placed
    story: int | None = None  # first line of the largest run of prose (the lead may be above)


def wide_chars(line: str) -> int:
    """Characters of scripts written without spaces (Chinese, Japanese, Korean)."""
    return 0 if line.isascii() else len(_WIDE.findall(line))


def words_in(line: str) -> int:
    """Words of a line; text without spaces counts one word per two characters."""
    return max(len(line.split()), wide_chars(line) // 2)


def is_prose(line: str, min_words: int = _PROSE_WORDS) -> bool:
    """A story paragraph: many words and at least one sentence end."""
    # words_in counts at most one word per two characters: most lines of a paste (menus,
    # labels) are too short to be counted at all
    if len(line) < 2 * min_words - 1:
        return False
    return words_in(line) >= min_words and bool(_SENTENCE_END.search(line))


def _normal(text: str) -> str:
    return _NON_WORD.sub(" ", text).strip().lower()


_HEAD = 120  # characters of a line normalised to compare its opening (see _opening)


def _opening(line: str) -> str:
    """_normal(line), or a longer-than-40-character opening of it: all find_line compares.
    Normalising a head of the line gives an opening of the whole line's normal form (a run of
    non-word characters cut at the end still becomes one space), unless lower() reads a
    capital sigma by what follows it."""
    head = line[:_HEAD]
    if len(head) == len(line) or "Σ" in head:
        return _normal(line)
    opening = _normal(head)
    return opening if len(opening) > 40 else _normal(line)


def _may_open(line: str, key: str) -> bool:
    """Whether the word `key` of the normal form may be in the line's: a word of it is the
    lower case of a run of the line's word characters, so it is in the line's lower case,
    unless lower() reads a capital sigma by what follows it."""
    return key in line.lower() or "Σ" in line


def find_line(lines: tuple[str, ...], text: str, start: int = 0) -> int | None:
    """Index of the first line at or after `start` where `text` begins (the cleaner may have
    joined or re-wrapped lines, so only the first 40 characters are compared)."""
    probe = _normal(text)[:40]
    if len(probe) < 8:
        return None
    key = probe[:20].split(" ")[0]  # a piece of every matching line's opening
    for index in range(start, len(lines)):
        if not _may_open(lines[index], key):
            continue  # most lines (and every blank one): not worth normalising
        # a story's paragraphs are long lines: their openings are enough, and far cheaper
        line = _opening(lines[index])
        if line.startswith(probe) or (len(line) >= 20 and probe.startswith(line)):
            return index
    return None


def _story_start(lines: tuple[str, ...]) -> int | None:
    """First line of the largest run of prose (short lines between paragraphs allowed), so a
    cookie notice or a site blurb above the story is not taken for its lead."""
    best_start, best_words = None, 0
    start, words, gap = None, 0, 0
    for index, line in enumerate(lines):
        if is_prose(line):
            if start is None:
                start, words = index, 0
            words += len(line.split())
            gap = 0
            if words > best_words:
                best_start, best_words = start, words
        elif start is not None and line:
            gap += 1
            if gap > 4:
                start, words, gap = None, 0, 0
    return best_start


def _over_a_date(lines: tuple[str, ...], index: int, paragraph: str) -> bool:
    """A short one-line paragraph right over a date line ("Headline!" then "May 3, 2019 / by
    admin"): the headline the cleaner kept in the body, not the story's first paragraph."""
    if "\n" in paragraph.strip() or is_prose(paragraph):
        return False
    below = next((x for x in lines[index + 1 : index + 3] if x), "")
    return len(below.split()) <= 14 and bool(find_dates(below, foreign_budget=0))


def _lead_index(lines: tuple[str, ...], cleaned: CleanedArticle, own: int | None) -> int | None:
    paragraphs = [p for p in cleaned.body.split("\n\n") if p.strip()]
    for paragraph in paragraphs[:3]:
        if is_prose(paragraph, 8):
            first = paragraph.strip().split("\n")[0]
            found = find_line(lines, first.lstrip("#>*- "))
            if found is not None and _over_a_date(lines, found, paragraph):
                continue
            if found is not None:
                return found  # the cleaner's choice of story beats our cruder one
            break
    return own


def build_layout(raw: str, cleaned: CleanedArticle, title: str = "") -> Layout:
    """Anchor lines of a paste; `title` (a known headline) is placed when it can be found."""
    lines = tuple(line.strip() for line in raw.split("\n"))
    own = _story_start(lines)
    lead = _lead_index(lines, cleaned, own)
    return Layout(lines, lead, headline_index(lines, lead, title), own)


def headline_index(lines: tuple[str, ...], lead: int | None, title: str) -> int | None:
    """Where the headline `title` sits: its last place above the lead, else its last place."""
    if not title:
        return None
    wanted, size = _normal(title), len(title)
    # only lines of about the title's length are normalised: most lines are far off
    hits = [
        i
        for i, line in enumerate(lines)
        if abs(len(line) - size) <= size // 3 + 8 and _normal(line) == wanted
    ]
    before = [i for i in hits if lead is None or i <= lead]
    return (before or hits or [None])[-1]


def story_lead(layout: Layout) -> int | None:
    """The lead, or the start of the story's largest run of prose when the lead stands apart
    above it (a site blurb or a cookie notice the cleaner kept): a menu between, with at most
    one paragraph (the standfirst)."""
    lead, lines, own = layout.lead, layout.lines, layout.story
    if lead is None or own is None or own <= lead:
        return lead
    between = [x for x in lines[lead + 1 : own] if x]
    prose = sum(is_prose(x) for x in between)
    if prose <= 1 and len(between) - prose > _APART:
        return own
    return lead
