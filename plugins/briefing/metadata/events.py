"""Dated events told in the body: explicit dates, month and day taking the article's year, and
weekdays resolved against the article's date by the tense of their sentence."""

from __future__ import annotations

import re
from datetime import date, timedelta

from ..model import Event
from .calendar import find_dates, find_month_days

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = re.compile(
    r"\b(?P<rel>last|next|this|coming)?\s*(?P<day>Monday|Tuesday|Wednesday|Thursday|Friday|"
    r"Saturday|Sunday)\b(?!,?\s+(?:\w+\s+)?\d)"  # "Tuesday, March 3" is a full date instead
)
_RELATIVE_DAY = re.compile(r"\b(?P<word>yesterday|tomorrow)\b", re.I)
# Future markers: an auxiliary or a phrase that puts the sentence's action ahead of the article.
_FUTURE = re.compile(
    r"\b(will|shall|'ll|is|are)\s+(?:\w+\s+){0,2}(?:be\s+)?(?:expected|scheduled|due|set|"
    r"slated|going|planned|to\s+be\s+held)\b|\bwill\b|\bshall\b|\bplans?\s+to\b|\bis\s+to\b|"
    r"\bare\s+to\b|\bupcoming\b|\bnext\b",
    re.I,
)
_SENTENCES = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])")
_TENSE_BREAK = re.compile(r",|;|\s(?:and|but|while|after|before|when)\s")
_CLAUSE_BREAK = re.compile(r";|\s[—–]\s|,\s+(?:where|which|while|but|and|after|as|who)\s")
# What every dated event needs, one of: a digit (dates), a weekday or "yesterday" (both hold
# "day"), "tomorrow". Most sentences of a story have none and are not looked at further.
_DIGIT = re.compile(r"\d")


def _hinted(text: str) -> bool:
    """One of the three, in any case (a regex of them, tried at every position of the text,
    costs three times more)."""
    if _DIGIT.search(text):
        return True
    low = text.lower()
    return "day" in low or "tomorrow" in low


# What joins the two ends of a range of days ("April 24 to May 4, 2021", "3-5 March 2020").
_RANGE_JOIN = re.compile(r"\s*(?:to|and|through|until|till|[-–—])\s*", re.I)


def sentence_is_future(sentence: str) -> bool:
    """Our tense rule: a future marker (will, shall, is expected/scheduled/due to, next...)
    makes a sentence future; anything else in news prose tells what happened (past)."""
    return bool(_FUTURE.search(sentence))


def tense_window(sentence: str, start: int, end: int) -> str:
    """The part of the sentence whose verb governs a weekday: from the clause break before it
    to the one after ("met X on Tuesday and said talks would resume on Friday": two tenses)."""
    lo = max([0] + [m.end() for m in _TENSE_BREAK.finditer(sentence, 0, start)])
    after = _TENSE_BREAK.search(sentence, end)
    return sentence[lo : after.start() if after else len(sentence)]


def resolve_weekday(weekday: int, article: date, future: bool) -> date:
    """Past: the last such weekday on or before the article's date. Future: the next one after."""
    if future:
        return article + timedelta(days=(weekday - article.weekday() - 1) % 7 + 1)
    return article - timedelta(days=(article.weekday() - weekday) % 7)


def clause_around(sentence: str, start: int, end: int) -> str:
    """The clause of `sentence` that holds the span; the whole sentence when the clause is
    too short to tell anything."""
    cuts = [0] + [m.start() for m in _CLAUSE_BREAK.finditer(sentence)] + [len(sentence)]
    lo = max(c for c in cuts if c <= start)
    hi = min(c for c in cuts if c >= end)
    clause = sentence[lo:hi].strip(" ,;—–")
    clause = re.sub(r"^(?:where|which|while|but|and|after|as|who)\s+", "", clause)
    return clause if len(clause.split()) >= 6 else sentence.strip()


def _weekday_events(sentence: str, article: date) -> list[tuple[date, int, int]]:
    low = sentence.lower()
    if "day" not in low and "tomorrow" not in low:
        return []  # a digit let the sentence in (_hinted): neither pattern can match
    out = []
    for m in _WEEKDAY.finditer(sentence):
        rel = (m["rel"] or "").lower()
        window = tense_window(sentence, m.start(), m.end())
        future = rel in ("next", "coming") or (rel != "last" and sentence_is_future(window))
        day = resolve_weekday(WEEKDAYS.index(m["day"].lower()), article, future)
        if rel == "next" and not future:
            day += timedelta(days=7)
        out.append((day, m.start(), m.end()))
    for m in _RELATIVE_DAY.finditer(sentence):
        step = -1 if m["word"].lower() == "yesterday" else 1
        out.append((article + timedelta(days=step), m.start(), m.end()))
    return out


def _range_year(sentence: str, end: int, explicit: list[tuple[date, int, int]]) -> int | None:
    """The year of the full date that closes a range opened by a day without a year ending at
    `end` ("April 24 to May 4, 2021": 2021), or None."""
    for day, start, _ in explicit:
        if start >= end and _RANGE_JOIN.fullmatch(sentence, end, start):
            return day.year
    return None


def _month_days(sentence: str, article: date | None, explicit: list) -> list:
    """Days written without a year: the year of the range they open, else the one year of the
    sentence's full dates ("announced on April 14, 2021 ... the May 1 deadline"), else the
    article's."""
    taken = [(s, e) for _, s, e in explicit]
    years = {day.year for day, _, _ in explicit}
    told = years.pop() if len(years) == 1 else (article.year if article else None)
    out = []
    for f in find_month_days(sentence, 2000):  # a leap year: every day of the calendar exists
        if any(s < f.end and f.start < e for s, e in taken):
            continue
        year = _range_year(sentence, f.end, explicit) or told
        try:
            out.append((f.day.replace(year=year), f.start, f.end))
        except (TypeError, ValueError):  # no year to give it, or 29 February of a common year
            continue
    return out


def sentence_events(sentence: str, article: date | None) -> list[Event]:
    """The sentence's dated events; `article` (the article's stated date, or None when it has
    none) gives days without a year their year and weekdays their week."""
    spans: list[tuple[date, int, int]] = [
        (f.day, f.start, f.end) for f in find_dates(sentence, foreign_budget=0)
    ]
    spans += _month_days(sentence, article, list(spans))
    if article is not None:
        spans += _weekday_events(sentence, article)
    events = []
    for day, start, end in sorted(spans, key=lambda s: s[1]):
        event = Event(day.isoformat(), clause_around(sentence, start, end))
        if event not in events:
            events.append(event)
    return events


def find_events(body: str, article_date: str) -> tuple[Event, ...]:
    """Every dated event in the body, in order of appearance, one per date and clause.
    `article_date` is '' when the article states no date: a file's time says nothing of the
    week or year the story's "on Tuesday" or "May 1" belongs to."""
    try:
        article = date.fromisoformat(article_date) if article_date else None
    except ValueError:
        article = None
    events: list[Event] = []
    for paragraph in body.split("\n\n"):
        if not _hinted(paragraph):
            continue
        for sentence in _SENTENCES.split(" ".join(paragraph.split())):
            if not _hinted(sentence):
                continue
            for event in sentence_events(sentence, article):
                if event not in events:
                    events.append(event)
    return tuple(events)
