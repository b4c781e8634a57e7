"""The publication date: the date stated next to the headline and byline, never a date from the
story or from a teaser; no date rather than a doubtful one (the caller then falls back).

The date is the calendar day the page prints, in the page's own zone: "Mar 4, 2021, 11:20 pm
PST" is March 4, not March 5 in UTC (the site's TIMEZONE). That is the day a reader sees on the
source and cites, and the day the story's own "on Wednesday" counts from (events.py). Measured
on the dev sets: the day in UTC would win 4 and lose 1 of the zoned times on news-aeb-dev, whose
labels are the publishers' markup (often UTC), and lose all 4 on dates/, whose labels are
human; web-segments has none where the day differs."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .calendar import Found, find_dates, find_month_days
from .layout import Layout, find_line, is_prose, words_in

# Words that announce the publication date on the same line, in several languages. This
# pattern and the next few open with a lookahead of their words' first characters: most
# positions fail there at once, before the list of words, which re tries one by one when it
# ignores case (half to a third of the cost over a paste's lines).
_PUBLISHED = re.compile(
    r"(?:^|(?=[defgopv]))(?:\b(published|posted|first published|publication|veröffentlicht|"
    r"publiziert|erschienen|publié|publicado|publicada|pubblicato|gepubliceerd|datum|date|on)\b"
    r"|^\s*(by|von|par|por|di)\b)",
    re.I,
)
_UPDATED = re.compile(
    r"(?=[almsu])\b(updated|last updated|modified|aktualisiert|stand|mis à jour|actualizado|"
    r"aggiornato)\b",
    re.I,
)
# Words that name another kind of date: an appointment, a version, a deadline, a birth, a span,
# the day a reference was looked up ("Retrieved 3 May 2021").
_OTHER_KIND = (
    r"termin|version|deadline|expires?|valid|gültig|geboren|born|bis|until|seit|since|"
    r"retrieved|accessed|abgerufen"
)
_NOT_PUBLICATION = re.compile(
    # no copyright sign here: a notice names a year, not a day; a full date next to © is an
    # agency credit or the site's name under the byline ("07.11.2023 08:03 | © dpa-AFX")
    rf"(?=[\d<(abcdefgiprstuvz])(?:\b(?:{_OTHER_KIND})\b|"
    # a citation of the page itself ("Title." Site. 3 May 2021. <https://...>): the day cited
    r"<\s?https?://|\bdoi\b|\bvol\.|\bpp\.|\breply\b|\bantworten\b|\bantwort\b|\brépondre\b|\bevent\b|"
    r"\(@\w+\)|\bphoto\b|\bfoto\b|\bgetty\b|\bimages?:|\bcredit:|\bcaption\b|\bzum\b|\bab\b|"
    r"\d\.\s*[-–]\s*\d|\d\s*[-–]\s*\d{1,2}\.\d{1,2}\.\d)",  # ranges: "3.10.22 – 15.07.23"
    re.I,
)
# The same words right before a date label it ("Termin: 14.03.2021", "Version 2, 14 June 2009").
_OTHER_DATE = re.compile(rf"\b(?:version\s*[\d.]*|{_OTHER_KIND})\W*$", re.I)
# A wiki's "last edited" is a version, not a publication: not among these labels.
_STAMP = re.compile(
    r"(?=[admpsu])(?:stand|datum|date|aktualisier|updated|mis à jour|modifié|publication)", re.I
)
_STAMP_BEFORE = re.compile(
    r"\b(stand|datum|date|letzte aktualisierung|aktualisiert( am)?|(last )?updated( on)?|"
    r"actualizado( el)?|mis à jour le|modifié le|erscheinungsdatum|publication date|"
    r"date de publication)\W*$",
    re.I,
)
# A date inside a phrase ("anlässlich des 11. September 2001", "since May 3, 2019") is a
# story's, not the page's: a short lower-case word right before it gives that away.
_IN_PHRASE = re.compile(r"(?<![^\W\d_])[^\W\d_A-Z]{1,5}\s+$")
_SHORT = 15
# A wiki page has no publication; its footer dates the version shown ("This page was last
# edited on 3 May 2021", "Diese Seite wurde zuletzt am 3. Mai 2021 um 10:15 Uhr geändert").
# The lookahead of the words' first letters lets most positions fail at once, before the \b
# and the list of words ignoring case: half the cost on a paste's lines.
_ANNOUNCED = re.compile(
    r"(?=[cdegptv])\b(this page was last edited on|diese seite wurde zuletzt am|published|"
    r"posted on|veröffentlicht|publiziert|publié le|publicado|pubblicato|gepubliceerd|"
    r"erschienen am|geschrieben|gepostet|verfasst|gespeichert von|publicat|"
    r"date de publication|created on|erstellt am)\b",
    re.I,
)
_THRESHOLD = 0.0
_LABEL_REACH = 30  # characters after a dateline's date where a label would still name it
_BEFORE_LEAD = 90
_AFTER_LEAD = 40
_AFTER_END = 15  # a date stamp under the story ("Datum: ...", "Stand ...") sits right below it
_BELOW_END = 0.6
_LIST_GAP = 10


@dataclass(frozen=True)
class Stated:
    """A publication date read from the text, and the line it came from."""

    day: date
    line: str
    how: str  # "byline", "date line", "dateline"


# A source named before the date: the date is the source's ("Quelle: Wirtschaftsblatt, 24.3.2020");
# named after it, it credits the article's agency ("28.04.2021 - 08:41 | Quelle: nordpress").
_CITED = re.compile(r"\bquelle\b|\bsource:", re.I)

# What may stand before a dateline's date: nothing, a bracket, or a place and a comma
_DATELINE_HEAD = re.compile(r"\W{0,2}|[A-ZÄÖÜ][\w.'-]*(?: [A-ZÄÖÜ][\w.'-]*){0,2},\s*")


def _opens(line: str, found: Found) -> bool:
    """Whether the date opens the paragraph as a dateline ("Vienna, 14 December 2021 -")."""
    return bool(_DATELINE_HEAD.fullmatch(line[: found.start]))


def _line_score(line: str, found: Found, distance: int) -> float:
    """Higher is more likely the publication date. `distance` counts lines to the lead."""
    words = words_in(line)
    if words > 30:
        # Inside a story paragraph only a dateline's date ("Vienna, 14 December 2021 -") counts;
        # any other is an event. The story after its dateline may say "until" or "since": only
        # a label next to the date makes it another kind of date.
        near = line[: found.end + _LABEL_REACH]
        if not _opens(line, found) or _NOT_PUBLICATION.search(near):
            return -1.0
        return 1.2 - 0.02 * abs(distance)
    if _NOT_PUBLICATION.search(line) or _CITED.search(line[: found.start]):
        return -1.0
    score = 1.0
    if _PUBLISHED.search(line):
        score += 1.0
    if _UPDATED.search(line) and not _PUBLISHED.search(line):
        score -= 0.3
    if words <= 12:
        score += 0.5
    elif line.rstrip().endswith(".") and found.start > 0:
        score -= 0.8  # a sentence that mentions a date: a caption or a teaser, not a date line
    if found.ambiguous:
        score -= 0.6
    before = line[: found.start]
    labelled = _ANNOUNCED.search(line) or _STAMP_BEFORE.search(before)
    if _IN_PHRASE.search(before) and len(before.split()) > 1 and not labelled:
        # "was last seen on November 3, 2013": a story's date ("am 20.09.2020" is not, nor is
        # a stamp's "Aktualisiert am" or "Actualizado el")
        score -= 1.0
    score -= 0.02 * abs(distance)
    return score


def _among_others(dated: list[tuple[int, Found]], position: int, head: int) -> bool:
    """True when the date has two other days within a few lines below the headline: between
    the headline and the lead only this counts, as teasers may follow right below the
    article's own date (dates above the headline belong to the blocks before it)."""
    index, found = dated[position]
    near = {f.day for i, f in dated if abs(i - index) <= 8 and i >= head and f.day != found.day}
    return len(near) >= 2


def _ends_list(dated: list[tuple[int, Found]], listed: set[int], position: int) -> bool:
    """True when the date closes a list whose earlier entries name two other days, at the
    list's own step: the last teaser above the lead (a headline placed on a teaser puts it
    "under the headline"). The article's own date opens such a run when teasers follow it,
    or stands apart from a list above it by a wider gap than the list's entries."""
    if position not in listed or position == 0:
        return False
    step = dated[position][0] - dated[position - 1][0]
    earlier, widest = set(), 0
    for back in range(position - 1, 0, -1):
        gap = dated[back][0] - dated[back - 1][0]
        if back - 1 not in listed or gap > _LIST_GAP:
            break
        earlier.add(dated[back - 1][1].day)
        widest = max(widest, gap)
    earlier.add(dated[position - 1][1].day)
    earlier.discard(dated[position][1].day)
    return len(earlier) >= 2 and step <= widest


def _opens_later_list(
    dated: list[tuple[int, Found]], listed: set[int], pos: int, head: int
) -> bool:
    """True when the date opens a list (of three or more days) while another date sits between
    the headline and it: the article's own date is the first under the headline, and a list
    that starts further down, still above a lead placed low, lists other articles."""
    if pos not in listed or (pos > 0 and dated[pos][0] - dated[pos - 1][0] <= _LIST_GAP):
        return False
    return any(head <= index for index, _ in dated[:pos])


def _listed(dated: list[tuple[int, Found]]) -> set[int]:
    """Positions of dates in lists: runs of three or more dated lines a few lines apart, or of
    lines that name three or more days (an article's head shows at most a published and an
    updated stamp): teasers, archives, comments, whose dates are not the article's, even when
    they all name one day (a page of the day's news). A run is followed to its end, so the
    first and last teaser count too."""
    listed: set[int] = set()
    start = 0
    for position in range(1, len(dated) + 1):
        if position < len(dated) and dated[position][0] - dated[position - 1][0] <= _LIST_GAP:
            continue
        run = dated[start:position]
        if len({f.day for _, f in run}) >= 3 or len({i for i, _ in run}) >= 3:
            listed.update(range(start, position))
        start = position
    return listed


def _dated_lines(lines: tuple[str, ...], lo: int, hi: int, prefer_dmy: bool) -> list:
    """(line index, date) of the dates on short lines: those in story paragraphs are events."""
    out = []
    for i in range(lo, hi):
        found = find_dates(lines[i], prefer_dmy)
        if found and words_in(lines[i]) > 30:
            # a story paragraph opened by its date ("01.02.2022 – Der Arbeitsmarkt ..."): a
            # dateline; any other date in a paragraph is an event
            found = [f for f in found[:1] if _opens(lines[i], f)]
        if found:
            out += [(i, f) for f in found]
    return out


def _announced(layout: Layout, prefer_dmy: bool, latest: date | None) -> Stated | None:
    """A date on a line that says it is the publication date, anywhere in the paste (a blog's
    footer sentence "Dieser Beitrag wurde am ... veröffentlicht und unter ... abgelegt" is long)."""
    for index, line in enumerate(layout.lines):
        # a story paragraph is too long to be searched (more than 45 words take over 90 characters)
        if len(line) > 90 and words_in(line) > 45:
            continue
        if not _ANNOUNCED.search(line) or _NOT_PUBLICATION.search(line):
            continue
        if _in_data_sheet(layout.lines, index):
            continue
        for found in find_dates(line, prefer_dmy):
            # in a long line the word must sit by the date, not in the story that follows it
            near = line[max(0, found.start - 40) : found.end + 60] if words_in(line) > 30 else line
            # an ambiguous 04/02/2020 is read in the page's own order: the label vouches for it
            cited = _CITED.search(line[: found.start])
            if (latest is None or found.day <= latest) and _ANNOUNCED.search(near) and not cited:
                return Stated(found.day, line, "announced")
    return None


def _stamped(layout: Layout, prefer_dmy: bool, latest: date | None) -> Stated | None:
    """A date right after a label that dates the page ("Stand:", "Last updated", "This page
    was last edited on"), anywhere in the paste: pages without a byline date put it there."""
    for index, line in enumerate(layout.lines):
        # a line of 31 words has 61 characters: a shorter one need not be split to tell
        if (len(line) > 60 and len(line.split()) > 30) or not _STAMP.search(line):
            continue
        if _in_data_sheet(layout.lines, index):
            continue
        dates = find_dates(line, prefer_dmy)
        for found in dates:
            before = line[max(0, found.start - 40) : found.start]
            if _STAMP_BEFORE.search(before) and (latest is None or found.day <= latest):
                # "11.01.2022, 09:50 / Aktualisiert am 21.01.2022": the first is the published
                return Stated(dates[0].day, line, "date stamp")
    return None


def _sole_date(layout: Layout, prefer_dmy: bool, latest: date | None) -> Stated | None:
    """The date of the page's short lines when, lists of teasers and comments set aside, they
    all name the same day: a page that shows one date of its own shows its own."""
    dated: list[tuple[int, Found]] = []
    for index, line in enumerate(layout.lines):
        found_here = find_dates(line, prefer_dmy, foreign_budget=1)  # cheap gate first
        if not found_here or words_in(line) > _SHORT or _NOT_PUBLICATION.search(line):
            continue
        if _in_data_sheet(layout.lines, index):
            continue
        for found in found_here:
            if _IN_PHRASE.search(line[: found.start]):
                return None
            if _CITED.search(line[: found.start]):
                continue
            if latest is None or found.day <= latest:
                dated.append((index, found))
    listed = _listed(dated)
    own = {(f.day, layout.lines[i]) for p, (i, f) in enumerate(dated) if p not in listed}
    if len({day for day, _ in own}) != 1:
        return None
    day, line = min(own)
    return Stated(day, line, "sole date")


def byline_date(texts: list[str], prefer_dmy: bool) -> str:
    """The first date of the byline and dateline the cleaner kept, unless a label right before
    it names another kind of date (an event's "Termin:", a licence "Version")."""
    for text in texts:
        for found in find_dates(text, prefer_dmy):
            if not _OTHER_DATE.search(text[max(0, found.start - 30) : found.start]):
                return found.day.isoformat()
    return ""


def article_end(lines: tuple[str, ...], body: str, lead: int | None) -> int | None:
    """Index of the line where the story's last paragraph starts, when it can be placed."""
    if lead is None or not body:
        return None
    paragraphs = [p.strip() for p in body.split("\n\n") if len(p.strip()) >= 20]
    for paragraph in reversed(paragraphs[-3:]):
        found = find_line(lines, paragraph.split("\n")[0].lstrip("#>*- "), lead)
        if found is not None:
            return found
    return None


_FIELD = re.compile(r"[^\W\d_][\w .()/-]{1,30}:\s*\S")
_SHEET = 5


def _in_data_sheet(lines: tuple[str, ...], index: int) -> bool:
    """Whether the line is a field of a data sheet: five or more "Label: value" lines in a row
    (a photo's exposure, a book's publisher and price). Its date ("Datum: ...", "Release: ...")
    is the described thing's; a byline block of author, date and section is shorter."""
    if not _FIELD.match(lines[index]):
        return False
    run = 1
    for step in (-1, 1):
        at = index + step
        while 0 <= at < len(lines) and _FIELD.match(lines[at]):
            run, at = run + 1, at + step
    return run >= _SHEET


def _in_story(layout: Layout, end: int | None, index: int) -> bool:
    """Whether the line is a sentence of the story: below the lead, above its end, prose."""
    below = layout.lead is not None and layout.lead < index
    return below and (end is None or index <= end) and is_prose(layout.lines[index])


def _stamp_of(line: str, found: Found) -> bool:
    """A date that opens the paragraph (a dateline) or ends it with nothing after it (a stamp
    glued on by lost markup: "... its recovery?Monday, 6 January 2020")."""
    return _opens(line, found) or not line[found.end :].strip()


def _distance(index: int, lead: int, end: int | None) -> int:
    """Lines from the story: above the lead, below its end, or inside it."""
    if end is not None and index > end:
        return min(index - end, index - lead)
    return index - lead


def publication_date(
    layout: Layout, prefer_dmy: bool, latest: date | None = None, body: str = ""
) -> Stated | None:
    """The date stated for the article, or None when the text does not state one clearly.
    `body` (the cleaned story) places the story's end, under which a date stamp may sit."""
    announced = _announced(layout, prefer_dmy, latest)
    if announced:
        return announced
    if layout.lead is None:
        return _stamped(layout, prefer_dmy, latest) or _sole_date(layout, prefer_dmy, latest)
    end = article_end(layout.lines, body, layout.lead)
    lo = max(0, layout.lead - _BEFORE_LEAD)
    hi = min(len(layout.lines), max(layout.lead + _AFTER_LEAD, (end or 0) + _AFTER_END))
    if layout.headline is not None:
        lo = max(0, min(lo, layout.headline - 4))
    dated = _dated_lines(layout.lines, lo, hi, prefer_dmy)
    best: tuple[float, Found, str] | None = None
    listed = _listed(dated)
    head = layout.headline if layout.headline is not None else layout.lead
    for position, (index, found) in enumerate(dated):
        in_head = head <= index <= layout.lead + 2
        in_list = (
            _among_others(dated, position, head)
            or _ends_list(dated, listed, position)
            or _opens_later_list(dated, listed, position, head)
            if in_head
            else position in listed
        )
        if (latest and found.day > latest) or in_list:
            continue
        line = layout.lines[index]
        if _in_story(layout, end, index) and not _stamp_of(line, found):
            continue  # a sentence of the story: its dates are events, as in long paragraphs
        if _in_data_sheet(layout.lines, index):
            continue
        score = _line_score(line, found, _distance(index, layout.lead, end))
        if end is not None and index > end:
            score -= _BELOW_END  # the head of the story states its date more often than the foot
        elif layout.headline is not None and index >= layout.headline:
            score += 0.4
        if score > _THRESHOLD and (best is None or score > best[0]):
            best = (score, found, line)
    if best is None:
        return _stamped(layout, prefer_dmy, latest) or _sole_date(layout, prefer_dmy, latest)
    return Stated(best[1].day, best[2].strip(), "date line")


_POSTED = re.compile(r"\b(posted|published|updated|veröffentlicht|aktualisiert|publié)\b", re.I)
# "©" or "copyright", written to open with a class matched with case (the lookbehinds then
# check the character it took): re skips to such a character, rather than trying the two at
# every position of the paste (a sixth of the cost). Only "C" matches "c" ignoring case.
_NOTICE_YEAR = re.compile(
    r"(?-i:[©cC])(?:(?<=©)|(?<=\bc)opyright\b)\s*(?:(?:19|20)\d\d\s*[-–]\s*)?((?:19|20)\d\d)",
    re.I,
)


def posted_this_year(raw: str) -> str:
    """ "Posted Mar 4, 9:02 AM" with no year: sites leave out the year of this year's posts,
    and the page's copyright notice names the year it was served. Only when the notice names
    one year and the labelled lines one day; the caller marks the result inferred."""
    years = {m.group(1) for m in _NOTICE_YEAR.finditer(raw)}
    if len(years) != 1:
        return ""
    year = int(years.pop())
    days = {
        found.day
        for line in raw.split("\n")
        if (len(line) < 2 * _SHORT or len(line.split()) <= _SHORT)  # as in _stamped
        and _POSTED.search(line)
        and not find_dates(line)
        for found in find_month_days(line, year)[:1]
    }
    return days.pop().isoformat() if len(days) == 1 else ""
