"""What any extractor could reach from a paste alone: for each gold title and date, whether the
paste prints it at all. The comparison is the dev data's own scorer's (score_meta.compare), so a
record counts as reachable exactly when some text of the paste would score as that record's gold.

- title, exact: a line, a part of a line between separators ("Headline | Site", "Kicker:
  Headline") or two adjacent lines joined (a headline wrapped over two lines) scores exact.
- title, lenient: such a candidate contains the gold title, or is contained in it and covers at
  least half of it (the scorer's containment test alone would count a lone word such as "News"
  as a hit, which no headline finder would output).
- date: the gold day is among the full dates (day, month, year) the paste prints, in any order
  of day and month. The unprinted ones are sorted by why: the day in UTC of a printed date with
  a clock time and a zone ("Nov 19, 2019, 10:31 pm EST" is Nov 20 in UTC), the day after a
  printed evening time with no zone (UTC if the page is American), a day printed without its
  year, no full date printed at all, or only other days printed.
"""

from __future__ import annotations

import importlib.util
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from briefing.metadata.calendar import Found, find_dates, find_month_days

# Separators between a headline and a site name, a section label or a kicker.
_SEPARATOR = re.compile(r"\s+(?:\||[-–—•·»›/]|::)\s+|:\s+")
# A list's number before a line ("5. Headline", "2) Headline"): a teaser's or a menu's rank.
_NUMBERED = re.compile(r"^\d{1,2}[.)]\s+")
_LENIENT_SHARE = 0.5
_MAX_LINE = 400  # longer lines are paragraphs: their parts are not headlines

# A clock time and a zone after a printed date: "10:31 pm EST", "22:31 GMT", "10:31 a.m. ET".
_CLOCK = re.compile(
    r"^\D{0,12}?(?P<h>[01]?\d|2[0-3])[:.](?P<m>[0-5]\d)\s*(?P<ap>[ap]\.?\s?m\b\.?)?\s*\(?"
    r"(?P<zone>[ECMP][SD]?T|GMT|UTC|BST|CES?T|IST)\b",
    re.I,
)
_US_ZONES = {"E": "America/New_York", "C": "America/Chicago", "M": "America/Denver"}
_FIXED = {"GMT": 0, "UTC": 0, "BST": 1, "CET": 1, "CEST": 2, "IST": 5.5}
_CLOCK_REACH = 40  # characters before or after a date where its time may be printed
# The same before the date: "Updated 1:47 PM ET, Tue November 19, 2019".
_CLOCK_BEFORE = re.compile(
    r"(?P<h>[01]?\d|2[0-3])[:.](?P<m>[0-5]\d)\s*(?P<ap>[ap]\.?\s?m\b\.?)?\s*\(?"
    r"(?P<zone>[ECMP][SD]?T|GMT|UTC|BST|CES?T|IST)\b\W{0,3}(?:[A-Za-z]{3,9}\.?,?\s*)?$",
    re.I,
)


def load_scorer(devdata: Path):
    """The dev data's score_meta.py as a module, for its compare() and norm_text()."""
    spec = importlib.util.spec_from_file_location("score_meta", devdata / "score_meta.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def title_candidates(text: str) -> dict[str, str]:
    """Every text a headline finder could output, each with how it is printed ("line", "part",
    "two lines")."""
    lines = [" ".join(x.split()) for x in text.splitlines()]
    lines = [x for x in lines if x and len(x) <= _MAX_LINE]
    found: dict[str, str] = {}
    for line in lines:
        found.setdefault(line, "line")
        line = _NUMBERED.sub("", line)
        cuts = [(m.start(), m.end()) for m in _SEPARATOR.finditer(line)]
        starts = [0] + [end for _, end in cuts]
        ends = [start for start, _ in cuts] + [len(line)]
        for i, start in enumerate(starts):
            for end in ends[i:]:
                found.setdefault(line[start:end].strip(), "part")
    for above, below in zip(lines, lines[1:], strict=False):
        found.setdefault(f"{above} {below}", "two lines")
    found.pop("", None)
    return found


@dataclass(frozen=True)
class TitleReach:
    exact: str  # the printed text that scores exact, or ""
    lenient: str  # the printed text that scores lenient (and is more than a word of it), or ""


def title_reach(scorer, gold: str, candidates: dict[str, str]) -> TitleReach:
    exact = lenient = ""
    wanted = scorer.norm_text(gold)
    for text in candidates:
        is_exact, is_lenient = scorer.compare("title", gold, text)
        if is_exact:
            return TitleReach(text, text)
        got = scorer.norm_text(text)
        if (
            is_lenient
            and not lenient
            and (wanted in got or len(got) >= _LENIENT_SHARE * len(wanted))
        ):
            lenient = text
    return TitleReach(exact, lenient)


# A two-digit year after a slash with no time after it ("Wednesday, 11/20/19"): find_dates
# leaves it out (it may be a ratio), but it is printed.
_SHORT_YEAR = re.compile(r"(?<![\d/])([01]?\d|[23]\d)/([01]?\d|[23]\d)/(\d\d)(?![\d/])")


def _short_year_days(line: str) -> set[date]:
    days = set()
    for m in _SHORT_YEAR.finditer(line):
        a, b, year = int(m[1]), int(m[2]), 2000 + int(m[3])
        for month, day in ((a, b), (b, a)):
            try:
                days.add(date(year, month, day))
            except ValueError:
                pass
    return days


def printed_days(text: str) -> set[date]:
    """Every full date the paste prints, with both readings of an ambiguous 03/04/2021."""
    days = set()
    for line in text.splitlines():  # line by line: find_dates is made for short texts
        for prefer_dmy in (False, True):
            days.update(f.day for f in find_dates(line, prefer_dmy, foreign_budget=0))
        days |= _short_year_days(line) if "/" in line else set()
    return days


def foreign_days(text: str) -> set[date]:
    """The full dates whose month word only dateparser knows (slow): what printed_days leaves
    out. find_dates tries that pattern last, on what the others left, so this pass's other dates
    are printed_days's and are not kept twice."""
    return {
        f.day
        for line in text.splitlines()
        for f in find_dates(line, True, foreign_budget=50)
        if f.kind == "other_word"
    }


def both_orders(text: str) -> list[Found]:
    """find_dates over the whole text, reading day and month in both orders: what utc_days and
    evening_next_days look after (a paste's dates are found once for both)."""
    return [f for dmy in (False, True) for f in find_dates(text, dmy, foreign_budget=0)]


def _offset(zone: str, day: date, hour: int, minute: int) -> timedelta:
    zone = zone.upper()
    if zone in _FIXED:
        return timedelta(hours=_FIXED[zone])
    if zone[0] in _US_ZONES or zone[0] == "P":
        name = _US_ZONES.get(zone[0], "America/Los_Angeles")
        if len(zone) == 3:  # "EST" and "EDT" say which; "ET" leaves it to the calendar
            hours = {"E": -5, "C": -6, "M": -7, "P": -8}[zone[0]] + (zone[1] == "D")
            return timedelta(hours=hours)
        local = datetime(day.year, day.month, day.day, hour, minute, tzinfo=ZoneInfo(name))
        return local.utcoffset()
    return timedelta(0)


def utc_days(text: str, dates: list[Found] | None = None) -> set[date]:
    """The UTC day of every printed date followed by a clock time and a zone, where it differs
    from the printed day. `dates`: both_orders(text), when the caller has it."""
    out = set()
    for found in both_orders(text) if dates is None else dates:
        m = _CLOCK.match(text[found.end : found.end + _CLOCK_REACH]) or _CLOCK_BEFORE.search(
            text[max(0, found.start - _CLOCK_REACH) : found.start]
        )
        if not m:
            continue
        hour, minute = int(m["h"]), int(m["m"])
        if m["ap"]:
            hour = hour % 12 + (12 if m["ap"][0].lower() == "p" else 0)
        local = datetime(found.day.year, found.day.month, found.day.day, hour, minute)
        offset = _offset(m["zone"], found.day, hour, minute)
        utc = (local - offset).date()
        if utc != found.day:
            out.add(utc)
    return out


# A 12-hour evening time with no zone after a printed date ("Mar 4, 2021 at 9:12 pm"): on an
# American page that is already the next day in UTC, which markup often states.
_EVENING = re.compile(
    r"^\D{0,12}?(?P<h>[4-9]|1[01])[:.][0-5]\d\s*p\.?\s?m\b(?!\.?\s*\(?[A-Z]{2,4}\b)", re.I
)


def evening_next_days(text: str, dates: list[Found] | None = None) -> set[date]:
    """The day after every printed date followed by an evening time without a zone. `dates`:
    both_orders(text), when the caller has it."""
    return {
        found.day + timedelta(days=1)
        for found in (both_orders(text) if dates is None else dates)
        if _EVENING.match(text[found.end : found.end + _CLOCK_REACH])
    }


@dataclass(frozen=True)
class DateReach:
    printed: bool  # the gold day is printed
    utc: bool  # the gold day is the UTC day of a printed zoned time
    any_printed: bool  # the paste prints some full date at all
    yearless: bool  # the gold day is printed without its year ("Mar 4, 7:40 AM")
    evening: bool  # the gold day follows a printed date with an evening time and no zone


def date_reach(scorer, gold: str, text: str) -> DateReach:
    wanted = scorer.norm_date(gold)
    days = {d.isoformat() for d in printed_days(text)}
    if wanted in days:
        return DateReach(True, False, True, False, False)
    days |= {d.isoformat() for d in foreign_days(text)}
    year = int(wanted[:4]) if wanted else 0
    yearless = (
        any(f.day.isoformat() == wanted for f in find_month_days(text, year)) if year else False
    )
    dates = both_orders(text)
    return DateReach(
        wanted in days,
        wanted in {d.isoformat() for d in utc_days(text, dates)},
        bool(days),
        yearless and wanted not in days,
        wanted in {d.isoformat() for d in evening_next_days(text, dates)},
    )


def printed_line(scorer, gold: str, text: str) -> str:
    """The first line that prints the gold day, with its year if any line does, or ""."""
    wanted = scorer.norm_date(gold)
    lines = text.splitlines()
    for line in lines:
        days = printed_days(line) if any(c.isdigit() for c in line) else set()
        if any(day.isoformat() == wanted for day in days):
            return " ".join(line.split())[:200]
    year = int(wanted[:4]) if wanted else 0
    for line in lines:
        if any(f.day.isoformat() == wanted for f in find_month_days(line, year)):
            return " ".join(line.split())[:200]
    return ""
