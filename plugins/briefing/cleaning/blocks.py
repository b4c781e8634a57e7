"""Where the article is: every line gets a weight (prose counts for, chrome against), and the
article is the run of lines with the greatest total weight, the densest stretch of real prose."""

from __future__ import annotations

import re

from .lines import Line, continues

# Chrome that sits inside articles too: it must not cut the article in two.
INLINE_CHROME = frozenset(
    {
        "advertisement",
        "photo credit",
        "photo caption",
        "also read",
        "share labels",
        "separator",
        "reading time",
    }
)
# Chrome that closes an article: what follows is comments, other stories or the footer.
BOUNDARY = frozenset({"comment widget", "related stories", "footer", "newsletter", "author bio"})
ISLAND_MIN = 25.0  # weight of prose above the article that may belong to it
ISLAND_GAP = 0.05  # how much the lines between count against such an island
# A last paragraph cut off from the article by chrome worth TAIL_GAP or less, and weighing
# under TAIL_ISLAND of the article above it, is the page's (author note, site blurb, sign-up).
TAIL_ISLAND = 0.2
TAIL_ISLAND_LINES = 1
TAIL_GAP = -8.0
RECORDS = 3  # dated lines under a closing line that make it a list of posts
RECORD_EVERY = 8  # ... when one comes at least every so many lines
LABEL_WORDS = 6  # words of a heading that may stand over such a list
RESUME = 2  # lines under a closing line searched for the article's prose
RESUME_WORDS = 50  # words of a paragraph that carries the article on
TAIL_SHARE = 1.0  # past a closing line, no more prose than came before it is tail
# Prose without a closing full stop: short, it is a teaser blurb and counts for nothing; long,
# it is a paragraph whose end the copy lost (a link, an emoji) and counts for a little.
LONG_UNFINISHED = 40
UNFINISHED = 0.25  # weight per word of such a long paragraph
SHORT = -7.0  # a short line that is neither sentence nor known chrome: menu item or headline
CLOSING = -15.0  # a closing line (comments, related, footer): the article is over
TEASER = -3.0  # a line trailing off into "...": a teaser of another post
BULLET_ITEM = -1.5  # a short bulleted line: more likely a list in the article than a menu


SOURCE_LABELS = ("quelle", "source", "fuente")


def is_caption(lines: list[Line], i: int) -> bool:
    """True when lines[i] is a picture's caption: a line of a caption's length right above a
    credit line for a picture. A "Source:" line names where a paragraph's facts come from as
    often as a picture's maker: it is no such credit."""
    if i + 1 >= len(lines) or not 3 < lines[i].words <= 50:
        return False
    credit = lines[i + 1]
    return credit.chrome == "photo credit" and not credit.text.lower().startswith(SOURCE_LABELS)


def is_prose(line: Line) -> bool:
    """A line that reads like running text rather than a label, menu item or headline."""
    if line.words >= 12:
        return line.stop >= 0.12 or line.sentence
    return line.words >= 6 and line.sentence and line.stop >= 0.1


def weight(line: Line) -> float:
    """How much a line argues for being inside the article (negative: against)."""
    if line.text.startswith("#"):
        return 0.0  # a Markdown subheading: our own output, neutral
    if line.chrome:
        if line.chrome in INLINE_CHROME:
            return -1.0
        return CLOSING if line.chrome in BOUNDARY else -4.0 - min(line.words, 40) * 0.5
    if line.date or line.byline:
        return -2.0
    if line.teaser:
        return TEASER
    if is_prose(line):
        unfinished = UNFINISHED if line.words >= LONG_UNFINISHED else 0.0
        return line.words * (1.0 if line.sentence else unfinished) * (0.4 if line.repeated else 1.0)
    if line.sentence and line.words >= 2:
        return 1.0
    if line.repeated:
        return -6.0
    return BULLET_ITEM if line.bullet or list_item(line.text) else SHORT


# An item of a list inside an article: a quantity ("125 g Mehl", "1/2 cup sugar") or a note
# starting lower case; menus are made of capitalised labels.
LIST_ITEM = re.compile(r"\A(\d+([.,/]\d+)?|[½¼¾⅓⅔])\s?[^\W\d_]|\A[a-zäöüß][\w-]*\s+\w+\s+\w", re.U)


def list_item(text: str) -> bool:
    return bool(LIST_ITEM.match(text))


def densest_span(weights: list[float]) -> tuple[int, int]:
    """Indices [start, end) of the run with the greatest total weight (empty when all negative)."""
    best, best_span = 0.0, (0, 0)
    total, start = 0.0, 0
    for i, w in enumerate(weights):
        if total <= 0:
            total, start = 0.0, i
        total += w
        if total > best:
            best, best_span = total, (start, i + 1)
    return best_span


def article_span(lines: list[Line]) -> tuple[int, int]:
    """The article's lines, widened to take in the Markdown subheadings at its edges."""
    weights = [weight(x) for x in lines]
    for i in range(len(lines) - 1):
        if is_caption(lines, i):
            weights[i] = -1.0  # a caption: the credit under it gives it away
    for i in range(len(lines) - 1):
        nxt = lines[i + 1]
        if (
            weights[i] == 0.0
            and is_prose(lines[i])
            and weights[i + 1] > 0
            and continues(lines[i].text, nxt.text)
        ):
            weights[i] = float(lines[i].words)  # a paragraph the copy cut in two
    start, end = densest_span(weights)
    if start == end:
        return start, end
    end = cut_tail(lines, start, end)
    shorter = drop_tail_island(weights, start, end)
    while shorter < end:
        end, shorter = shorter, drop_tail_island(weights, start, shorter)
    wider = island_before(weights, start)
    while wider < start:  # an introduction may come in more than one stretch
        start, wider = wider, island_before(weights, wider)
    while start > 0 and (weights[start - 1] == 0.0 or opening(lines[start - 1])):
        start -= 1
    while end < len(lines) and weights[end] == 0.0:
        end += 1
    return start, end


def cut_tail(lines: list[Line], start: int, end: int) -> int:
    """End the article at a closing line (comments, related, footer...) when little prose
    follows it, or when what follows is a list of dated posts (however long the comments
    run): what comes after such a line is the page's, not the article's."""
    prose = [x.words if is_prose(x) else 0 for x in lines[start:end]]
    stamps = [stamp(x) for x in lines[start:end]]
    total, before, dated = sum(prose), 0, sum(stamps)
    for i in range(start, end):
        if (
            lines[i].chrome in BOUNDARY
            and before
            and (total - before <= TAIL_SHARE * before or records(dated, end - i))
            and not resumes(lines, i + 1, end)
        ):
            return i
        if (
            label(lines[i])
            and before
            and total - before <= TAIL_SHARE * before
            and records(dated, end - i)
            and list_follows(lines[i + 1 : min(end, i + 1 + RECORD_EVERY // 2)])
        ):
            return i  # a heading over a list of dated posts: "Latest", "Aktuell"
        before += prose[i - start]
        dated -= stamps[i - start]
    return end


def stamp(line: Line) -> bool:
    """A date or name-and-date line that is not itself a paragraph: one post of a list."""
    return bool(line.date or line.byline) and not is_prose(line)


def list_follows(below: list[Line]) -> bool:
    """True when a dated line comes among the few lines under a heading, with no paragraph of
    running text before it: the heading of a list, not of a section."""
    for line in below:
        if stamp(line):
            return True
        if is_prose(line):
            return False
    return False


def label(line: Line) -> bool:
    """A short line that is neither sentence nor known chrome: a heading or a menu item."""
    return (
        not line.chrome
        and line.words <= LABEL_WORDS
        and not line.sentence
        and not (line.date or line.byline)
    )


def records(dated: int, size: int) -> bool:
    """True when the lines below a closing line are a list of dated posts (comments, other
    stories): a date or name-and-date line recurs every few lines."""
    return dated >= RECORDS and dated * RECORD_EVERY >= size


def resumes(lines: list[Line], i: int, end: int) -> bool:
    """True when the article's prose carries on right under a closing line (a box of related
    links inside the text): a long paragraph within the next RESUME lines."""
    return any(
        x.words >= RESUME_WORDS and x.sentence and is_prose(x) and not x.chrome
        for x in lines[i : min(end, i + RESUME)]
    )


def drop_tail_island(weights: list[float], start: int, end: int) -> int:
    """End the article before a last short stretch of prose cut off from it by chrome: an
    author's note, a call to subscribe or a site blurb under the article, not its end."""
    i = end
    while i > start and weights[i - 1] >= 0:
        i -= 1
    island = sum(weights[i:end])
    j = i
    while j > start and weights[j - 1] < 0:
        j -= 1
    gap = sum(weights[j:i])
    if j == start or end - i > TAIL_ISLAND_LINES or gap > TAIL_GAP:
        return end
    return j if island < TAIL_ISLAND * sum(w for w in weights[start:j] if w > 0) else end


def island_before(weights: list[float], start: int) -> int:
    """Start of the article widened to a dense stretch of prose above it (an introduction cut
    off by a table of contents or a picture gallery), when that stretch outweighs the gap."""
    if start == 0:
        return start
    a, b = densest_span(weights[:start])
    if a == b:
        return start
    island, gap = sum(weights[a:b]), sum(weights[b:start])
    least = min(ISLAND_MIN, 0.5 * sum(w for w in weights[start:] if w > 0))
    return a if island >= least and island + ISLAND_GAP * gap > 0 else start


def opening(line: Line) -> bool:
    """A paragraph of running text right above the article (a lead trailing off into "...",
    a lead without a full stop): it opens the article rather than the page."""
    return line.words >= 12 and line.stop >= 0.12 and not (line.chrome or line.date or line.byline)
