"""Pure: raw pasted text -> CleanedArticle (body as Markdown, removed blocks with reasons).

The stages, one module each: `lines` (paste -> lines with features), `rules` (known chrome),
`blocks` (where the article is), `head` (headline, deck, byline), `markdown` (the body).
"""

from __future__ import annotations

from dataclasses import replace

from ..model import CleanedArticle, Removed
from .blocks import article_span
from .head import above_reason, dateline_of, read_head
from .lines import TEXTS, Line, split_lines
from .markdown import join_blocks, render_body

MAX_PASSES = 3  # cleaning the body again settles in one pass nearly always
MEMO_LINES = 10_000  # a shared memo of line features is emptied past this many lines


def tail_reason(line: Line, after_related: bool, title: str) -> str:
    """Why a line below the article is dropped."""
    if line.chrome:
        return line.chrome
    if line.date:
        return "date"
    if title and title in line.text:
        return "page title"
    if line.teaser:
        return "teaser of another post"
    if line.words >= 4:
        return "related stories" if after_related else "teaser of another post"
    return "navigation"


def removed_around(lines: list[Line], head, end: int, title: str) -> list[tuple[int, Removed]]:
    """Every line outside the body and the head fields, with its reason."""
    keep = {head.title, *head.deck, *head.byline}
    out = []
    for i in range(head.body_start):
        if i not in keep:
            out.append((i, Removed(lines[i].text, above_reason(lines[i], title))))
    related = False
    for i in range(end, len(lines)):
        related = related or lines[i].chrome == "related stories"
        out.append((i, Removed(lines[i].text, tail_reason(lines[i], related, title))))
    return out


def clean(text: str, memo: dict | None = None) -> CleanedArticle:
    """The article in a paste, as Markdown, with every other line accounted for.

    The body is cleaned again until nothing changes, so that cleaning is idempotent: what a
    second look still takes out (a line that only its dropped neighbours kept in) is removed.
    `memo` holds line features (a pure function of the line's text) for the passes; a
    caller cleaning many pastes may pass one for all: the chrome lines of a site come back in
    each of its pastes."""
    if memo is None:
        memo = {}
    elif len(memo) - (TEXTS in memo) > MEMO_LINES:
        memo.clear()
    result = clean_once(text, memo)
    for _ in range(MAX_PASSES):
        again = clean_once(result.body, memo)
        if again.body == result.body:
            break
        later = [*again.removed, *head_lines(again)]
        result = replace(result, body=again.body, removed=result.removed + tuple(later))
    return result


def head_lines(result: CleanedArticle) -> list[Removed]:
    """Lines a later pass took for head fields: the first pass's head stands, so they go."""
    fields = (("title", result.title), ("deck", result.deck), ("byline", result.byline))
    return [Removed(line, name) for name, text in fields for line in text.split("\n") if line]


def clean_once(text: str, memo: dict | None = None) -> CleanedArticle:
    """One pass of the cleaner over a paste."""
    lines = split_lines(text, memo)
    start, end = article_span(lines)
    if start == end:
        removed = [Removed(x.text, x.chrome or "navigation") for x in lines]
        return CleanedArticle(body="", removed=tuple(removed))
    head = read_head(lines, start, end)
    title = lines[head.title].text if head.title is not None else ""
    taken = frozenset(x for x in (head.title, *head.deck, *head.byline) if x is not None)
    paragraphs, inside = render_body(lines, head.body_start, end, taken)
    dropped = sorted(removed_around(lines, head, end, title) + inside, key=lambda x: x[0])
    return CleanedArticle(
        body=join_blocks(paragraphs),
        removed=tuple(r for _, r in dropped),
        title=title,
        deck="\n".join(lines[i].text for i in head.deck),
        byline="\n".join("\n".join(lines[i].raw) for i in head.byline),
        dateline=dateline_of(paragraphs[0]) if paragraphs else "",
    )
