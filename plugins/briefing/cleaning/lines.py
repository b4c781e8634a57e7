"""Lines of a paste with the features the cleaner decides on (length, sentence shape, stopwords,
dates, bylines), after hard-wrapped lines are joined back into paragraphs."""

from __future__ import annotations

import re
from collections import Counter
from typing import NamedTuple

from ..text import lower
from .rules import CAPTION_TAIL, GLUED, TEASER_TAIL, chrome_reason, folded, social_only

_I = re.I | re.U

WORD = re.compile(r"\w+", re.U)
# Function words of the languages pastes arrive in: prose is dense with them, menus are not.
STOPWORDS = frozenset(
    "the a an and or but of to in on at for with by from as is are was were be been has have had "
    "it its this that these those he she they we you i his her their our not no will would can "
    "could should said says which who what when where after before than then also about into over "
    "more there if so do does did up out all one two new just about because while"
    " der die das und oder aber ein eine einen einem einer des dem den zu im in am an auf für mit "
    "von vom zum zur ist sind war waren wird werden hat haben nicht auch sich es er sie wir ich "
    "als wie bei nach aus noch nur so dass daß wenn man kann mehr schon um über bis diese dieser"
    " le la les un une des et ou de du au aux en dans pour par sur est sont a été que qui ne pas "
    "il elle ils nous vous ce cette avec plus se el los las y o del al en por para con es son fue "
    "que se no lo su sus como más pero"
    " il lo gli di della delle dei nel nella alla che per non con su da è sono anche più ma ha"
    " questo questa o os um uma do da dos das em no na para com não mais foi ao"
    " het een van op te dat die voor met zijn niet aan er ook bij door om naar maar wordt"
    " i w z na do się nie to że jest od po jak za co ale dla jego tak".split()
)
SENTENCE_END = re.compile(r"[.!?;:。！？۔؟।\"”’»)\]…]\s*\Z")
MIDDLE_END = re.compile(r"[\w,\-–(]\Z")  # ends mid-sentence
JOINERS = frozenset(
    "the a an and or but of to in on at for with by from as that which who than "
    "der die das und oder aber zu im mit von für dass als den dem des ein eine".split()
)
# End-anchored patterns are searched in a line's last characters only: searching a whole line
# for a pattern that must end it costs time in proportion to the line's length.
TAIL = 32
CAPTION_SPAN = 240
BULLET = re.compile(r"\A\s*([•·▪●◦‣∙*+\-–—]|\d{1,2}[.)])\s+(?=\S)")

_MONTH = (
    r"(jan(uary|uar|vier)?|feb(ruary|ruar)?|f[ée]v(rier)?|mar(ch)?|m[äa]rz|mars|apr(il)?|avril"
    r"|may|mai|june?|juni|juin|july?|juli|juillet|aug(ust)?|ao[uû]t|sep(t|tember)?|oct(ober)?"
    r"|okt(ober)?|nov(ember)?|dec(ember)?|dez(ember)?|d[ée]c(embre)?|enero|febrero|marzo|abril"
    r"|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre"
    r"|gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre"
    r"|janeiro|fevereiro|março|maio|junho|julho|setembro|outubro|dezembro"
    r"|januari|februari|maart|mei|augustus"
    r"|stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|września|października"
    r"|listopada|grudnia)\.?"
)
DATE = re.compile(
    rf"(\b\d{{1,2}}(st|nd|rd|th)?\.?\s+{_MONTH}(,?\s+\d{{4}})?|\b{_MONTH}\s+\d{{1,2}}(st|nd|rd|th)?"
    rf"(,?\s+\d{{4}})?|\b{_MONTH}\s+\d{{4}}|\b\d{{4}}-\d\d-\d\d(t[\d:.+z-]*)?"
    r"|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}|\b\d{1,2}:\d\d(:\d\d)?\s*(a\.?m\.?|p\.?m\.?|uhr|h)?"
    r"|\b\d+\s*(seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago"
    r"|\bvor\s+\d+\s*(sekunden|minuten|stunden|tagen|wochen|monaten)|\byesterday|\btoday"
    r"|\bgestern|\bheute)\b",
    _I,
)
# DATE without ignoring case, searched in the lower-cased line: the same answer at a third of
# the cost (ignoring case, the engine folds each character it compares). Ignoring case, 's'
# and 'i' also match 'ſ' and 'ı', which lower() keeps: a line holding them is searched as is
# (folded).
DATE_LOWER = re.compile(DATE.pattern, re.U)
CAPTION_TAIL_LOWER = re.compile(CAPTION_TAIL.pattern, re.U)  # the same for CAPTION_TAIL
DIGIT = re.compile(r"\d")
DAY_WORDS = ("yesterday", "today", "gestern", "heute")
DATE_WORDS = frozenset(
    "published updated posted last modified on at am um uhr et est edt pt pst pdt ct cst cdt gmt "
    "utc bst cet cest ist pkt ast wib jst hkt aest veröffentlicht aktualisiert stand zuletzt "
    "publié mis à jour publicado actualizado le el de der den des of the first originally "
    "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thurs fri sat "
    "sun montag dienstag mittwoch donnerstag freitag samstag sonntag lundi mardi mercredi jeudi "
    "vendredi samedi dimanche lunes martes miércoles jueves viernes sábado domingo date time "
    "datum min read minute minutes lesezeit and".split()
)
BYLINE = re.compile(
    r"\A(by|von|par|por|di|door|written by|posted by|geschrieben von|text:|autor(in)?:|author:"
    r"|story by|words by|reporting by|ein (beitrag|artikel) von)(\s+\S.*)?\Z",
    _I,
)


class Line(NamedTuple):
    """One paragraph-sized line of the paste and what it looks like. A named tuple, not a
    frozen dataclass: one is made for every line of every paste, and a frozen dataclass sets
    each of its twelve fields through object.__setattr__ (3 us a line, 10% of the cleaning)."""

    text: str
    raw: tuple[str, ...]  # the input lines it was joined from
    words: int
    stop: float  # share of words that are function words
    sentence: bool  # ends like a sentence
    chrome: str  # reason from the chrome rules, or ""
    date: bool  # nothing but a date or time (with labels)
    byline: bool  # "By X", or a name with a date
    repeated: bool  # the same text occurs elsewhere in the paste
    teaser: bool  # trails off into an ellipsis
    bullet: bool
    gap: bool  # a blank line came before it


def date_leftover(text: str, low: str) -> list[str] | None:
    """Words left once dates, times and date labels are taken out; None when there is no date.
    `low` is the text in lower case."""
    if not (DIGIT.search(text) or holds_any(low, DAY_WORDS)):
        return None  # every date pattern needs a digit or one of a few words: a cheap gate
    if not (DATE.search(text) if folded(low) else DATE_LOWER.search(low)):
        return None
    rest = DATE.sub(" ", text)
    return [w for w in WORD.findall(rest) if w.lower() not in DATE_WORDS and not w.isdigit()]


def holds_any(low: str, words: tuple[str, ...]) -> bool:
    """True when one of `words` is in `low` (a loop, not any() over a generator: this runs on
    most lines, and the generator costs more than the few substring tests)."""
    for word in words:
        if word in low:
            return True
    return False


def byline_shape(text: str, words: list[str], left: list[str] | None) -> bool:
    """'By X', or a few capitalised words beside a date (`left`: what date_leftover left)."""
    if len(words) <= 14 and BYLINE.match(text):
        return True
    return bool(left) and len(left) <= 7 and sum(w[:1].isupper() for w in left) >= len(left) - 1


def features(text: str, raw: tuple[str, ...], gap: bool, repeated: bool) -> Line:
    low = lower(text)
    words = WORD.findall(low)  # lower case: only their number and spelling are used
    n = len(words)
    stop = sum(map(STOPWORDS.__contains__, words)) / n if n else 0.0
    left = date_leftover(text, low) if n <= 16 else None
    is_date = left is not None and not left
    chrome = chrome_reason(text, low) if n <= 40 else ""
    if not chrome:
        chrome = shape_reason(text, words, low)
    tail = text[-TAIL:]
    # In the order of Line's fields: passed by keyword, they cost a tenth of the cleaning's
    # time in making Lines
    return Line(
        text,
        raw,
        n,
        stop,
        bool(SENTENCE_END.search(tail)),
        chrome,
        is_date,
        not is_date and byline_shape(text, words, left),
        repeated,
        n >= 4 and teaser_tail(tail),
        bool(BULLET.match(text)),
        gap,
    )


def teaser_tail(tail: str) -> bool:
    """TEASER_TAIL searched in a line's tail, which it only finds where an ellipsis is."""
    return ("…" in tail or "..." in tail) and bool(TEASER_TAIL.search(tail))


# Marks a caption carries (a credit, a bracket, a slash): looked for before CAPTION_TAIL,
# which costs more. Plain substring tests on the lower-cased line are the cheapest gate.
CAPTION_HINTS = ("(", "/", "…", "©", "credit", "foto", "photo", "bild", "...")


def shape_reason(text: str, words: list[str], low: str) -> str:
    """Chrome known by its shape rather than its words: share bars, glued menus, captions."""
    if social_only(words):
        return "share labels"
    if len(words) <= 12 and len(GLUED.findall(text)) >= 2 and not SENTENCE_END.search(text[-TAIL:]):
        return "navigation"
    if text[:1] in "[(" and text[-1:] in "])" and len(words) <= 40:
        return "also read" if words and words[0].lower() in ("related", "also", "read") else "note"
    if len(words) <= 60 and holds_any(low, CAPTION_HINTS) and caption_tail(text, low):
        return "photo caption"
    return ""


def caption_tail(text: str, low: str) -> bool:
    """True when the line ends with a photo credit (CAPTION_TAIL)."""
    if folded(low):
        return bool(CAPTION_TAIL.search(text[-CAPTION_SPAN:]))
    return bool(CAPTION_TAIL_LOWER.search(low[-CAPTION_SPAN:]))


def wrapped(block: list[str]) -> bool:
    """True when a block's lines look hard-wrapped at a fixed width (an email-style paste)."""
    if len(block) < 2:
        return False
    if len(block) == 2 and not continues(block[0], block[1]):
        return False  # two lines could be anything: join only a sentence cut in two
    width = max(len(x) for x in block)
    body = block[:-1]
    return (
        40 <= width <= 110
        and all(len(x) >= 0.55 * width for x in body)
        and any(not SENTENCE_END.search(x[-TAIL:]) for x in body)
        and not any(BULLET.match(x) for x in block[1:])
    )


def join_wrapped(block: list[str]) -> list[tuple[str, tuple[str, ...]]]:
    """Paragraphs of a hard-wrapped block: a short line ending a sentence closes a paragraph."""
    width = max(len(x) for x in block)
    out: list[tuple[str, tuple[str, ...]]] = []
    parts: list[str] = []
    for line in block:
        parts.append(line)
        if len(line) < 0.55 * width and SENTENCE_END.search(line[-TAIL:]):
            out.append((join_parts(parts), tuple(parts)))
            parts = []
    if parts:
        out.append((join_parts(parts), tuple(parts)))
    return out


def join_parts(parts: list[str]) -> str:
    text = parts[0]
    for part in parts[1:]:
        text = text + part if text.endswith("-") and part[:1].islower() else f"{text} {part}"
    return text


def split_lines(text: str, memo: dict | None = None) -> list[Line]:
    """The paste as Lines: blank lines dropped (remembered as gaps), wrapped blocks joined.
    `memo` (one per clean() call) lets a line met again, or in a second pass, be read once."""
    units: list[tuple[str, tuple[str, ...], bool]] = []
    block: list[str] = []
    for raw in [*text.split("\n"), ""]:
        # Most lines are tidy already: a printable line holds no whitespace but ' ', so one
        # without two spaces in a row or one at either end is what split and join would give
        # (a tenth of their cost on a paragraph, which they cut into words and glue again).
        if raw.isprintable() and "  " not in raw and raw[:1] != " " and raw[-1:] != " ":
            line = raw
        else:
            line = " ".join(raw.split())
        if line:
            block.append(line)
            continue
        if len(block) == 1:  # the usual paragraph: no wrapped lines to join
            units.append((block[0], (block[0],), True))
            block = []
        elif block:
            pieces = join_wrapped(block) if wrapped(block) else [(x, (x,)) for x in block]
            units += [(t, r, i == 0) for i, (t, r) in enumerate(pieces)]
            block = []
    counts = Counter(t for t, _, _ in units)
    memo = {} if memo is None else memo
    texts = memo.setdefault(TEXTS, {})
    out = []
    for t, r, gap in units:
        key = (t, r, gap, counts[t] > 1)
        line = memo.get(key)
        if line is None:
            line = memo[key] = read_line(key, texts)
        out.append(line)
    return out


# The memo's entry for its Lines by text alone, {text: Line}; every other key is a Line's
# features() arguments.
TEXTS = "texts"


def read_line(key: tuple[str, tuple[str, ...], bool, bool], texts: dict[str, Line]) -> Line:
    """features(*key), from a Line of the same text when `texts` holds one: what features
    reads of a line is its text, and the same text comes back with other flags (in a second
    pass, a paragraph that stood in a block stands alone). The Line holds the objects of
    `key` (text and raw) as features would."""
    text, raw, gap, repeated = key
    seen = texts.get(text)
    if seen is None:
        line = texts[text] = features(*key)
        return line
    return seen._replace(text=text, raw=raw, gap=gap, repeated=repeated)


def continues(prev: str, nxt: str) -> bool:
    """True when a paragraph was cut mid-sentence and the next one carries on with it."""
    if prev.startswith(("#", ">", "- ")) or nxt.startswith(("#", ">", "- ")) or not nxt:
        return False
    if not MIDDLE_END.search(prev[-TAIL:]) or len(prev.split()) < 6:
        return False
    last = prev.rsplit(None, 1)[-1].lower()
    return nxt[0].islower() or last in JOINERS or prev.endswith(",")
