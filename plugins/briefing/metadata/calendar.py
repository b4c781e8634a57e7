"""Finding and reading dates written in text: regex candidates first, dateparser only for the
rare month word we do not know, so a 1,000-word article stays within a few milliseconds."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .knowledge import word_alternation

# Month words (and common abbreviations) in the languages editors paste most; facts, not code.
_MONTHS: dict[str, tuple[str, ...]] = {
    "en": ("january february march april may june july august september october november december"),
    "en3": "jan feb mar apr may jun jul aug sep oct nov dec",
    "en4": "- - - - - - - - sept - - -",
    "de": ("januar februar märz april mai juni juli august september oktober november dezember"),
    "de3": "jän - mrz - - - - - - okt - dez",
    "de_at": "jänner - - - - - - - - - - -",
    "fr": ("janvier février mars avril mai juin juillet août septembre octobre novembre décembre"),
    "fr3": "janv févr - avr - - juil - - - - déc",
    "fr_plain": "- fevrier - - - - - aout - - - decembre",
    "es": (
        "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre"
    ),
    "es3": "ene - - abr - - - ago set - - dic",
    "it": (
        "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre "
        "novembre dicembre"
    ),
    "it3": "gen - - - mag giu lug - - ott - -",
    "pt": (
        "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro"
    ),
    "pt3": "- fev - - mai - - - - out - dez",
    "nl": (
        "januari februari maart april mei juni juli augustus september oktober november december"
    ),
    "nl3": "- - mrt - - - - - - - - -",
    "id": "- - maret - - - - agustus - - - desember",
}


def month_table() -> dict[str, int]:
    """Month word (lower case, no trailing dot) -> month number."""
    table: dict[str, int] = {}
    for words in _MONTHS.values():
        for number, word in enumerate(words.split(), start=1):
            if word != "-":
                table.setdefault(word, number)
    return table


MONTHS = month_table()
# a trie of the month words: re tries a plain list one by one, which ignoring case makes slow
_MONTH_ALT = word_alternation(MONTHS)
_MONTH_FIRST = "".join(sorted({word[0] for word in MONTHS}))
_M = rf"(?P<mon>(?:{_MONTH_ALT})\.?)"
_WEEKDAY = r"(?:[A-Za-zäéèíóúñ]{2,12}\.?,?\s+)?"

# A year may be glued to what follows it when a page's markup had no space there: a second date
# ("21. März 202121. März 2021": published and updated), a time or a comment count.
_YEAR = r"(?P<year>(?:19|20)\d\d)(?:(?!\d)|(?=\d{1,2}[.:/\s]|\d$))"

# Each pattern names day/mon/year groups; `mon` is a word or a number. Each opens with a
# lookahead of its first character, a digit or a month's first letter: re then skips to such a
# character rather than trying the lookbehind and the groups at every position (three times
# slower on a long paste).
PATTERNS: tuple[tuple[str, re.Pattern], ...] = tuple(
    (name, re.compile(rx, re.I))
    for name, rx in (
        (
            "iso",
            r"(?=\d)(?<![\d/.])(?P<year>(?:19|20)\d\d)-(?P<mon>[01]?\d)-(?P<day>[0-3]?\d)(?![\d])",
        ),
        (
            "ymd",
            r"(?=\d)(?<![\d/.])(?P<year>(?:19|20)\d\d)\s?[/.年년]\s?(?P<mon>[01]?\d)\s?[/.月월]\s?"
            r"(?P<day>[0-3]?\d)(?!\d)",
        ),
        (
            "dmy_dot",
            # "14.10.1909:27" is a two-digit year glued to a time, not the year 1909
            r"(?=\d)(?<![\d.])(?P<day>[0-3]?\d)\.\s?(?P<mon>[0-3]?\d)\.\s?"
            r"(?P<year>\d\d(?=\d{1,2}:\d\d)|(?:19|20)\d\d(?=\d{1,2}[.:/\s]|\d$)|"
            r"(?:(?:19|20)\d\d|\d\d)(?!\d))",
        ),
        ("slash", rf"(?=\d)(?<![\d/])(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/{_YEAR}"),
        # "02-11-2023": day first in most of the world, read like a slash date
        (
            "dash",
            r"(?=\d)(?<![\d-])(?P<a>[0-3]?\d)-(?P<b>[0-3]?\d)-(?P<year>(?:19|20)\d\d)(?![\d-])",
        ),
        # "11/21/19 07:42 AM": a two-digit year only with a time, where it cannot be a ratio
        (
            "slash_yy",
            r"(?=\d)(?<![\d/])(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/(?P<year>\d\d)(?=,?\s+\d{1,2}:\d\d)",
        ),
        (
            "dmy_word",
            # a day may follow letters with no space ("Brunner22. Februar 2020"): lost markup
            rf"(?=\d)(?<!\d)(?P<day>[0-3]?\d)(?:st|nd|rd|th|er|º)?\.?\s*(?:de\s+)?{_M}"
            rf"(?:\s+de)?,?\s+{_YEAR}",
        ),
        (
            "mdy_word",
            rf"(?=[{_MONTH_FIRST}])(?<![\w]){_M}\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?,?\s+{_YEAR}",
        ),
        (
            "other_word",
            r"(?=\d)(?<![\w])(?P<day>[0-3]?\d)\.?\s+(?P<word>[^\W\d_]{3,11})\.?,?\s+"
            r"(?P<year>(?:19|20)\d\d)(?!\d)",
        ),
    )
)


# What every pattern above needs: a four-digit year, or day, month and a two-digit year between
# dots or slashes. A figure such as "3.5" or "1-0" has none, and skips the seven patterns.
# Written to open with one digit (the lookbehinds then check it): a pattern that opens with a
# character class lets re skip to such a character, not try the alternatives at every position
# (a quarter of the cost over a paste's lines, most of which hold no digit).
_YEARISH = re.compile(r"\d(?:(?<=1)9\d\d|(?<=2)0\d\d|\.\s?\d{1,2}\.\s?\d\d|/\d{1,2}/\d\d)")


@dataclass(frozen=True)
class Found:
    """A date written in the text: the day it names, where, and how it was written."""

    day: date
    start: int
    end: int
    kind: str
    ambiguous: bool = False


def _make(year: int, month: int, day: int) -> date | None:
    if year < 100:
        year += 2000 if year < 70 else 1900
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month_number(word: str) -> int | None:
    word = word.lower().rstrip(".")
    if word.isdigit():
        return int(word)
    return MONTHS.get(word)


def _from_match(kind: str, m: re.Match, prefer_dmy: bool) -> tuple[date | None, bool]:
    if kind in ("slash", "slash_yy", "dash"):
        a, b, year = int(m["a"]), int(m["b"]), int(m["year"])
        if a > 12:
            return _make(year, b, a), False
        if b > 12:
            return _make(year, a, b), False
        first = _make(year, b, a) if prefer_dmy else _make(year, a, b)
        return first, a != b
    month = _month_number(m["mon"])
    if month is None:
        return None, False
    day = int(m["day"])
    if kind == "dmy_dot" and month > 12 >= day and len(m["year"]) == 4:
        month, day = day, month  # "11.14.2019": US order written with dots
    return _make(int(m["year"]), month, day), False


def _parse_foreign(text: str) -> date | None:
    """A candidate with a month word we do not know: ask dateparser (slow, so only here)."""
    import dateparser  # imported late: costs ~0.3 s and is rarely needed

    settings = {"REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DAY_OF_MONTH": "first"}
    parsed = dateparser.parse(text, settings=settings)
    return parsed.date() if parsed else None


def find_dates(text: str, prefer_dmy: bool = False, foreign_budget: int = 3) -> list[Found]:
    """Every explicit full date (day, month and year) in `text`, in order of appearance."""
    if not _YEARISH.search(text):
        return []  # most lines have no year at all: skip the seven patterns
    found: list[Found] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in PATTERNS:
        for m in pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            if kind == "other_word":
                if m["word"].lower() in MONTHS or foreign_budget <= 0:
                    continue
                foreign_budget -= 1
                day, ambiguous = _parse_foreign(m.group(0)), False
            else:
                day, ambiguous = _from_match(kind, m, prefer_dmy)
            if day is not None:
                found.append(Found(day, m.start(), m.end(), kind, ambiguous))
                taken.append((m.start(), m.end()))
    return sorted(found, key=lambda f: f.start)


_MONTH_DAY = re.compile(
    rf"(?=[\d{_MONTH_FIRST}])(?<![\w])(?:{_M}\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
    r"|(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?"
    rf"(?:\s+of)?\s+(?P<mon2>(?:{_MONTH_ALT})\.?))(?![\w])(?!,?\s+(?:19|20)\d\d)",
    re.I,
)


# What _MONTH_DAY needs around its day, a number of one or two digits: a month word and spaces
# before it, or spaces (maybe "of") and a month word after it. Written as tries: re tries the
# alternatives of a plain list one by one, which ignoring case makes slow.
_NUMBER = re.compile(r"\d(?<!\d\d)\d?(?!\d)")  # at most two digits, no more around them
_MONTH_AFTER = re.compile(rf"(?:st|nd|rd|th)?(?:\s+of)?\s+{_MONTH_ALT}", re.I)
# matched on the reversed text before the number: the month there ends where the spaces start
_MONTH_BEFORE = re.compile(rf"\.?{word_alternation(w[::-1] for w in MONTHS)}", re.I)
_MONTH_CHARS = max(map(len, MONTHS)) + 1  # the longest month word and its dot
_SPACES = 40  # spaces between a month and its day that are looked through


def _month_next_to(text: str, start: int, end: int) -> bool:
    """Whether a month word stands right before or after the number at text[start:end]."""
    if _MONTH_AFTER.match(text, end):
        return True
    head = text[max(0, start - _SPACES - _MONTH_CHARS) : start]
    word = head.rstrip()
    spaces = len(head) - len(word)
    if not spaces:
        return False  # no space between: no month before
    # past _SPACES spaces the window may cut the month word: say yes, the full pattern decides
    return spaces > _SPACES or bool(_MONTH_BEFORE.match(word[: -_MONTH_CHARS - 1 : -1]))


def _may_name_month_days(text: str) -> bool:
    """A quick test at each number of the text (most lines hold few or none) that fails only
    where _MONTH_DAY finds nothing: the pattern itself, tried at every position, costs more."""
    return any(_month_next_to(text, m.start(), m.end()) for m in _NUMBER.finditer(text))


def find_month_days(text: str, year: int) -> list[Found]:
    """Dates written without a year ("March 18", "18 March"): the year is the caller's."""
    if not _may_name_month_days(text):
        return []
    out = []
    for m in _MONTH_DAY.finditer(text):
        word, day = (m["mon"], m["day"]) if m["mon"] else (m["mon2"], m["day2"])
        month = _month_number(word)
        made = _make(year, month, int(day)) if month else None
        if made:
            out.append(Found(made, m.start(), m.end(), "month_day"))
    return out


def _worded_days(text: str) -> set:
    patterns = dict(PATTERNS)
    return {
        _from_match(kind, m, True)[0]
        for kind in ("dmy_word", "mdy_word")
        for m in patterns[kind].finditer(text)
    }


# A 12-hour clock right after a numeric date, outside British time: the American habit, which
# writes the month first ("11/09/23 4:27pm"); British pages that use it say GMT or BST.
_US_CLOCK = re.compile(r",?\s*(?:-\s*)?\d{1,2}:\d\d\s?[ap]\.?m\b\.?(?!\s*\(?(?:GMT|BST|UTC))", re.I)


def day_first(text: str) -> bool:
    """Whether the page writes the day before the month, judged from its unambiguous numeric
    dates (13/05/2020 or 05/13/2020), from an ambiguous one whose day the page also writes
    with a month word (06/01/2020 next to "June 1, 2020") and from American 12-hour clocks
    after them on English pages; day first when it cannot tell."""
    if "/" not in text:
        return True  # no numeric date to read: nothing to decide
    votes, worded = 0, None
    patterns = [p for kind, p in PATTERNS if kind in ("slash", "slash_yy")]
    # the 12-hour clock is American only on English pages: Latin America writes 10/05 5:22 pm
    english = text.count(" the ") >= 5
    for m in (m for pattern in patterns for m in pattern.finditer(text)):
        a, b, year = int(m["a"]), int(m["b"]), int(m["year"])
        if a > 12 >= b or b > 12 >= a:
            votes += 2 if a > 12 else -2
        elif a != b:
            worded = _worded_days(text) if worded is None else worded  # slow: only when needed
            votes += 3 * ((_make(year, b, a) in worded) - (_make(year, a, b) in worded))
            votes -= english and bool(_US_CLOCK.match(text, m.end()))
    return votes >= 0
