"""The top of an article: headline, deck (standfirst or bullet deck), byline, dateline; and the
reason each line before the article is dropped (page title, breadcrumb, navigation...)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .blocks import is_prose, opening, weight
from .lines import Line, continues

DATELINE = re.compile(
    r"\A((?:[A-ZÄÖÜ][A-ZÄÖÜ.'’\-]{2,})(?:[ ,]+[A-Z][A-Za-z.'’\-]+){0,3})\s*"
    r"(?:\([^)]{1,40}\))?\s*(?:[—–]+|--?|:)\s+\S",
)
BYLINE_REACH = 8  # lines above a headline-less article searched for its byline
LOOKBACK = 25  # lines above the article searched for its headline
HEADLINE_MAX = 25  # words: a longer line is a paragraph, not a headline
HEAD_PROSE = 80  # words of prose after which a "byline" is part of the article, not its top
DECK_MAX = 30  # words: a longer paragraph above the byline is the article's lead


@dataclass(frozen=True)
class Head:
    """What the top of the page holds, as indices into the list of lines."""

    body_start: int
    title: int | None
    deck: tuple[int, ...]
    byline: tuple[int, ...]


def body_start(lines: list[Line], start: int, end: int) -> int:
    """First line of the article body: after a byline or date that opens the dense span."""
    found, prose = start, 0
    for i in range(start, min(end, start + 12)):
        line = lines[i]
        if line.date or line.byline or line.chrome == "reading time":
            found = i + 1
        elif is_prose(line):
            prose += line.words
            if prose > HEAD_PROSE:
                break
    return found


def headline_like(line: Line) -> bool:
    return (
        2 <= line.words <= HEADLINE_MAX
        and not line.chrome
        and not line.date
        and not line.byline
        and not line.bullet
        and not line.text.rstrip().endswith((".", ",", ";", ":", "…"))
        and not line.text.startswith(("@", "#"))
    )


def title_score(lines: list[Line], i: int, stop: int, texts: str) -> float:
    line = lines[i]
    score = min(line.words, 14) - 0.5 * (stop - i)
    after = lines[i + 1 : min(stop, i + 4)]
    if any(x.byline or x.date or (is_prose(x) and x.sentence) for x in after) or i + 1 == stop:
        score += 6
    if texts.count(line.text) > 1:
        score += 4
    return score if line.words >= 3 else score - 5


def find_title(lines: list[Line], stop: int) -> int | None:
    """Index of the headline among the lines above the body, or None."""
    texts = "\n".join(x.text for x in lines[max(0, stop - 200) : stop])
    best, best_score = None, 0.0
    for i in range(stop - 1, max(-1, stop - LOOKBACK), -1):
        if headline_like(lines[i]):
            score = title_score(lines, i, stop, texts)
            if score > best_score:
                best, best_score = i, score
    return best


def byline_lines(lines: list[Line], first: int, stop: int) -> tuple[int, ...]:
    """Byline lines between headline and body, with the short lines that continue them."""
    out: list[int] = []
    for i in range(first, stop):
        line = lines[i]
        follows = bool(out) and out[-1] == i - 1
        if line.byline or (follows and line.words <= 5 and not line.sentence and not line.date):
            out.append(i)
    return tuple(out)


def deck_lines(
    lines: list[Line], first: int, stop: int, byline: tuple[int, ...]
) -> tuple[int, ...]:
    out = []
    for i in range(first, stop):
        line = lines[i]
        if i in byline or line.chrome or line.date:
            continue
        if line.bullet or (is_prose(line) and line.sentence):
            out.append(i)
    return tuple(out)


def lead_start(lines: list[Line], start: int, begin: int) -> int:
    """Where the body starts when a long lead paragraph stands above the byline: a standfirst
    is one short sentence, a paragraph that long is the article's own opening."""
    for i in range(start, begin):
        line = lines[i]
        if is_prose(line) and line.words > DECK_MAX and not line.chrome:
            return i
    return begin


def byline_above(lines: list[Line], title: int | None) -> tuple[int, ...]:
    """A byline printed just above the headline (some pages and extractors put it there)."""
    if title is None:
        return ()
    near = range(max(0, title - 2), title)
    return tuple(i for i in near if lines[i].byline and not lines[i].date)


def standfirst(lines: list[Line], i: int, end: int) -> bool:
    """A subtitle right under the headline: a long unfinished line with the article below."""
    line = lines[i]
    return (
        i + 1 < end
        and line.words >= 6
        and not line.sentence
        and not line.chrome
        and is_prose(lines[i + 1])
        and lines[i + 1].sentence
        and not continues(line.text, lines[i + 1].text)
    )


def read_head(lines: list[Line], start: int, end: int) -> Head:
    begin = body_start(lines, start, end)
    title = find_title(lines, begin)
    first = title + 1 if title is not None else start
    near = first if title is not None else max(0, start - BYLINE_REACH)
    byline = byline_lines(lines, near, begin) or byline_above(lines, title)
    lead = lead_start(lines, max(start, first), begin)
    deck = deck_lines(lines, first, lead, byline) if title is not None else ()
    if deck and not any(lines[i].byline or lines[i].date for i in range(deck[-1], begin)):
        # a standfirst is known by the byline or date under it; without one, it opens the text
        lead, deck = min(lead, deck[0]), ()
    if title is not None and lead == title + 1 and standfirst(lines, lead, end):
        deck, lead = (lead,), lead + 1
    while (
        lead < end and weight(lines[lead]) < 0 and lead not in byline and not opening(lines[lead])
    ):
        lead += 1  # nothing that argues against the article can open it
    return Head(lead, title, deck, byline)


def dateline_of(paragraph: str) -> str:
    """The dateline city as written ("ISLAMABAD") when the first paragraph opens with one."""
    match = DATELINE.match(paragraph)
    if not match:
        return ""
    return match.group(1).rstrip(",").strip()


def above_reason(line: Line, title: str) -> str:
    """Why a line above the article (or around its headline) is dropped."""
    if title and line.text != title and title in line.text:
        crumbs = (
            any(sep in line.text for sep in ("›", "»", ">", " / ", "|"))
            and line.text.index(title) > 0
        )
        return "breadcrumb" if crumbs else "page title"
    if title and line.text == title:
        return "page title"
    if line.date:
        return "date"
    if line.byline:
        return "byline"
    return line.chrome or "navigation"
