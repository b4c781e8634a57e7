"""Who wrote it and where it ran: the author from the byline (without "By"), the outlet from the
byline, a list of known outlets, the paste's masthead or copyright line, or a URL; the dateline."""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import urlsplit

from .calendar import find_dates

# Outlets editors of this digest paste from (our sample outlets included); matched as written.
KNOWN_OUTLETS = (
    "Reuters",
    "Associated Press",
    "AP",
    "AFP",
    "Agence France-Presse",
    "APP",
    "Associated Press of Pakistan",
    "Dawn",
    "The News",
    "The Express Tribune",
    "Express Tribune",
    "Geo News",
    "The Nation",
    "Daily Times",
    "Pakistan Today",
    "Business Recorder",
    "BBC",
    "BBC News",
    "Al Jazeera",
    "The New York Times",
    "The Washington Post",
    "The Guardian",
    "Wall Street Journal",
    "The Wall Street Journal",
    "Bloomberg",
    "CNN",
    "NPR",
    "Voice of America",
    "VOA",
    "TOLOnews",
    "Pajhwok Afghan News",
    "Khaama Press",
    "Anadolu Agency",
    "Xinhua",
    "TASS",
    "RT",
    "Sputnik",
    "Arab News",
    "Gulf News",
    "Hindustan Times",
    "The Hindu",
    "Times of India",
    "The Times of India",
    "Radio Free Europe",
    "RFE/RL",
    "Deutsche Welle",
    "DW",
    "The Frontier Ledger",
    "Capital Post",
    "Pacific Wire",
    "Northern Wire",
    "Regional Weekly",
    "Gulf & Asia Review",
    "Anatolia & Asia Digest",
)


def _by_first_letter(names: list[str]) -> str:
    """The names as alternatives grouped by their first letter, which each group checks behind
    it (the caller's class took it), in the names' order: an alternative opening with a check
    is entered to be tried, so one per letter rather than one per name."""
    groups: dict[str, list[str]] = {}
    for name in names:
        groups.setdefault(name[0], []).append(re.escape(name[1:]))
    return "|".join(f"(?<={re.escape(c)})(?:{'|'.join(rest)})" for c, rest in groups.items())


# Opens with a class of the names' first characters, so that re skips to such a character
# rather than trying a lookahead at every position (40% less over a paste's lines).
_OUTLET = re.compile(
    "[" + "".join(sorted({re.escape(o[0]) for o in KNOWN_OUTLETS})) + "]"
    r"(?<![\w][\s\S])(?:"
    + _by_first_letter(sorted(KNOWN_OUTLETS, key=len, reverse=True))
    + r")(?![\w])"
)
# News agencies: credited in a byline or a dateline ("KABUL (Reuters) -"), they are the author.
WIRES = (
    "Reuters",
    "Associated Press",
    "AP",
    "AFP",
    "Agence France-Presse",
    "Xinhua",
    "APP",
    "Anadolu Agency",
    "TASS",
    "PTI",
    "IANS",
    "ANI",
    "UPI",
    "dpa",
    "EFE",
    "Kyodo",
)
_WIRE = re.compile("|".join(re.escape(w) for w in WIRES))
_DATELINE_WIRE = re.compile(
    r"^[A-Z][A-Z .,'/-]{2,40}\((?P<wire>" + "|".join(re.escape(w) for w in WIRES) + r")\)\s*[-–—:]"
)
# Words that follow "By" on a line without naming any author ("Posted by" a date)
_NO_CREDIT_WORDS = "updated|published|posted|author"
_GENERIC_AUTHORS = re.compile(
    r"^(?:our\s+(?:correspondent|staff|reporter)|staff\s+(?:reporter|writer|correspondent)|"
    r"(?:web|news|monitoring|city|sports)\s+desk|correspondent|agencies|editorial|"
    rf"reporter|staff|news\s+service|{_NO_CREDIT_WORDS})\b",
    re.I,
)
_NO_CREDIT = re.compile(rf"^(?:{_NO_CREDIT_WORDS})\b", re.I)
# A desk, a team or the outlet credited instead of a person
_DESK = re.compile(
    r"\b(?:correspondents?|staff|desk|newsdesk|bureau|editorial|agencies|reporters?|"
    r"news\s+service|redaktion|newsroom|team)\b",
    re.I,
)
_TEXT_CREDIT = r"text(?:\s*(?:&|und|and)\s*fotos?)?"  # "Text:", "Text und Fotos:"
_BY_INSIDE = re.compile(
    rf"(?:^|\s|\|)(?:by|von|par|por|auteur|autor|author|{_TEXT_CREDIT})"
    r"\s*:\s*(?P<rest>\S.*)$|"
    r"\s(?:by|von)\s+(?P<rest2>[A-Z].*)$",
    re.I,
)
_LONE_BY = re.compile(r"^(?:by|von|par|por|author|autor|auteur|written by)\s*:?$", re.I)
_ROLE = re.compile(
    r",\s*[^,]*\b(?:staff|writer|correspondent|reporter|editor|contributor)\b.*$", re.I
)
_BY = re.compile(r"^\s*(?:written\s+|reporting\s+|text\s+)?(?:by|von|par|por|di|door)\s+", re.I)
_CUT = re.compile(
    r"\s*(?:\||•|·|—|–|/|\s-\s|,?\s+(?:last\s+)?(?:published|updated|posted|on|am|um|le|el|il|"
    r"stand|erstellt|veröffentlicht|aktualisiert|publicado|actualizado)\b|\s{4,}|"
    r"\s+(?:in|im|unter|under)\s+(?=\w)|"
    r"\s+\d{1,2}(?:\s|:|/|\.)|"
    r"\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d).*$",
    re.I,
)
# "©", "(c)" or "copyright", opening with a class matched with case (only "C" matches "c"
# ignoring case) and checked behind: re skips to those characters (as _OUTLET)
_COPYRIGHT = re.compile(
    r"(?-i:[©(cC])(?:(?<=©)|(?<=\()c\)|(?<=c)opyright)\s*(?:\d{4}\s*(?:[-–]\s*\d{4})?)?\s*"
    r"(?P<name>[A-Z][\w&.'’ -]{2,60}?)[.,|]?\s*(?:all rights|$)",
    re.I,
)
_URL = re.compile(r"https?://[^\s<>\"')]+")
_DATELINE = re.compile(
    r"^(?P<city>[A-Z][A-Z .'-]{2,30}?)(?:/[A-Z][A-Z .'-]{2,30}?)*"
    r"(?:\s*,\s*[A-Z][a-z]+\.?\s+\d{1,2})?"
    r"(?:\s*\([^)]{1,40}\))?\s*(?::|[-–—](?:\s|$))"
)


def has_credit_word(line: str) -> bool:
    """The line says who wrote it: "By X", "von X", "Author: X", "... posted by X"."""
    return bool(_BY.match(line) or _BY_INSIDE.search(line))


def looks_like_name(text: str) -> bool:
    """Two to four capitalised words: a person's name, not a label ("Kategorie")."""
    words = text.split()
    return 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words)


# A role or an outlet glued to the name by the paste: "Meg JamesStaff Writer", "Ann LeeFOXBusiness"
_GLUED = re.compile(
    r"(?<=[a-z])(?:(?:Senior |Staff |Contributing |Special )?(?:Writer|Reporter|Correspondent|"
    r"Editor|Contributor)\b|[A-Z]{2,}[a-z]).*$"
)


_LABEL_WORDS = frozenset("datum date foto photo bild kommentar kommentare".split())
_CREDIT_LABEL = re.compile(
    rf"(?:by|von|par|por|autor|autorin|author|auteur|{_TEXT_CREDIT})\s*:", re.I
)
_HANDLE_NAME = re.compile(r"[\w.-]{2,30}(?: [\w.-]{2,30})?")
_GLUED_BY = re.compile(r"^By(?=[A-Z][a-z])")  # "ByAlex Morandi"


def clean_author(line: str) -> str:
    """The person's name(s) in a byline line: no "By", no date or outlet after it. A desk
    credited with "By" or "Author:" ("By Web Desk") is the byline too; without a credit word a
    generic credit ("Our Correspondent") is "" and only a name-like line counts."""
    line = _GLUED_BY.sub("By ", line.strip())
    inner = _BY_INSIDE.search(line)
    text = (inner["rest"] or inner["rest2"]) if inner else _BY.sub("", line.strip())
    text = _ROLE.sub("", text)
    for found in find_dates(text, foreign_budget=0):
        text = text[: found.start]
        break
    text = _GLUED.sub("", _CUT.sub("", _HANDLE.sub("", text))).strip(" ,;:|-–—")
    if re.search(r"\w{3}\.$", text):
        text = text[:-1]  # "Tamsin Hale." (but "J.R." keeps its dot)
    if not text or len(text.split()) > 8 or text[-1] == "?" or _NO_CREDIT.match(text):
        return ""
    credited = bool(_BY.match(line) or (inner and inner["rest"]))
    # "By Web Desk", "Autor: Redaktion": the page credits a desk, not a person. A known
    # outlet alone ("By Pacific Wire") is the source, already reported as such.
    if credited and len(text.split()) <= 5 and _DESK.search(text):
        return text
    if _GENERIC_AUTHORS.match(text):
        return ""
    words = text.split()
    cut = next((i for i, w in enumerate(words) if w.lower().strip(",.:") in _CHROME_WORDS), None)
    if cut is not None:
        # "Ann Lee, Datum" or "Ann Lee Foto: ...": a label after the name is cut off;
        # any other chrome word ("Cookie Information", "Donnerstag") means it is no name
        if not cut or words[cut].lower().strip(",.:") not in _LABEL_WORDS:
            return ""
        kept = words[:cut]
        if cut > 1 and (kept[-1].isdigit() or kept[-1].lower() in ("ein", "one", "no", "keine")):
            kept = kept[:-1]  # "Ann Lee 1 Kommentar", "Ann Lee Ein Kommentar"
        text = " ".join(kept).strip(" ,;:|-–—")
    if _WIRE.fullmatch(text):
        return text  # "By Reuters", "Reuters November 18, 2019": the agency wrote it
    if _OUTLET.fullmatch(text) or re.search(r"\b(?:staff|desk|wire)\b", text, re.I):
        return ""
    if inner and inner["rest2"]:
        if looks_like_name(text):
            return text  # "... by Joe Rossignol" mid-line
        # "26/12/2019 von stadtrad-Team", "May 3, 2019 by jdoe": a dated post's user name
        dated = find_dates(line, foreign_budget=0)
        return text if dated and _HANDLE_NAME.fullmatch(text) else ""
    if has_credit_word(line) or looks_like_name(text):
        return text
    # "LinkNaija October 06, 2018": a one-word credit right before the date
    dated = find_dates(line, foreign_budget=0)
    return text if dated and len(text.split()) == 1 and text[:1].isupper() else ""


def credited_name(line: str) -> str:
    """The line under a lone "By" / "von": the page says it names the author, so a site's
    team ("city-news.org Redaktion") counts as well as a person's name."""
    return clean_author(line if _BY.match(line) else f"By {line}")


def _credit_at(lines: Sequence[str], index: int) -> str:
    """The author a credit line names; "By" or "Author:" alone names the next line."""
    if _LONE_BY.match(lines[index]) and index + 1 < len(lines):
        return credited_name(lines[index + 1])
    return clean_author(lines[index])


def signed(line: str) -> bool:
    """ "By Ann Lee", "Text: Ann Lee", "par Ann Lee": a line that signs the article ("von Kopf
    bis Fuß" opens a teaser with the same word)."""
    if line.lower().startswith("by ") or _CREDIT_LABEL.match(line):
        return True
    name = clean_author(line) if _BY.match(line) else ""
    return looks_like_name(name) and "," not in name


def author_from_byline(byline: str) -> str:
    lines = [line.strip() for line in byline.split("\n") if line.strip()]
    for index, line in enumerate(lines):
        if "(@" in line:
            continue  # an embedded tweet's credit
        author = _credit_at(lines, index)
        if author:
            return author
    return ""


def known_outlet(text: str) -> str:
    """The first known outlet named in `text`."""
    m = _OUTLET.search(text)
    return m.group(0) if m else ""


def outlet_from_copyright(lines: list[str]) -> str:
    for line in lines:
        m = _COPYRIGHT.search(line) if len(line) < 120 else None
        if m:
            return m["name"].strip(" .")
    return ""


def url_in(text: str) -> str:
    m = _URL.search(text)
    return m.group(0).rstrip(".,;") if m else ""


def outlet_from_url(url: str) -> str:
    """The site's domain without "www.", as a last resort for the outlet."""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:  # a mangled URL in a paste names no site
        return ""
    return host.removeprefix("www.")


def normal_place(city: str) -> str:
    """ "RAWALPINDI" -> "Rawalpindi", "NEW YORK" -> "New York"."""
    return " ".join(w.capitalize() if w.isupper() else w for w in city.strip().split())


def dateline_of(first_paragraph: str) -> str:
    """The city of a dateline that opens the story ("ISLAMABAD:", "KABUL, March 3 (AFP) -")."""
    m = _DATELINE.match(first_paragraph.strip().lstrip("*_"))
    if not m or m["city"].strip() != m["city"].strip().upper():
        return ""
    return normal_place(m["city"])


_LEAD_PREFIX = re.compile(r"^[A-Z][\w .,/'-]{2,60}?(?:\([^)]{1,40}\))?\s*(?::|[-–—]\s)")


def dateline_prefix(body: str) -> str:
    """The dateline that opens a story ("KABUL, March 3, 2021 (AFP) -"), or "": only there does
    a date in the lead state the article's date rather than an event's."""
    m = _LEAD_PREFIX.match(body.lstrip("*_ "))
    return m.group(0) if m else ""


_HANDLE = re.compile(r"\s*@\w+.*$")  # "Nadia Korvel@NadiaKorvel", "Ann Lee @annlee / 2 days"
_NAME_WORD = re.compile(r"^(?:[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)?|[A-Z]\.|[A-Z][a-z]?[A-Z][a-z]+)$")
_CHROME_WORDS = frozenset(
    "share article read more news top stories key points print email comments video gallery "
    "back next previous home menu search sign subscribe follow related latest popular most "
    "advertisement sponsored live watch listen ideas opinion editorial photo image cookie "
    "information recent posts course login logout kommentar kommentare kommentieren anmelden "
    "nachrichten bild foto video teilen suche startseite mehr artikel "
    "monday tuesday wednesday thursday friday saturday sunday montag dienstag mittwoch "
    "donnerstag freitag samstag sonntag veröffentlicht erscheinungsdatum datum".split()
)


_CAMEL_GLUE = re.compile(r"(?<=[a-z]{3})[A-Z].*$")  # "Marco De SilvaView More Articles"
_NAME_COMMA = re.compile(r"^(?P<name>[^,]{5,40}),\s*(?P<rest>[^,]{2,40})$")


def _bare_name(line: str) -> str:
    """ "Ramon Castell", "Nadia Korvel@NadiaKorvel" or "Tom Brandt, Wire Auto Writer" ->
    the name; "" for anything else."""
    text = _CAMEL_GLUE.sub("", _HANDLE.sub("", _GLUED_BY.sub("", line.strip()))).strip()
    comma = _NAME_COMMA.match(text)
    if comma and len(comma["rest"].split()) <= 4:
        # "Name, role or outlet": the name may be set in capitals ("VIKTOR HALLAND, FUTUREWIRE")
        text = comma["name"].strip()
        if text.isupper():
            text = text.title()
    words = text.split()
    if not 2 <= len(words) <= 3 or not all(_NAME_WORD.match(w) for w in words):
        return ""
    return "" if any(w.lower() in _CHROME_WORDS for w in words) else text


_WIRE_FIRST = re.compile(r"^(?P<wire>" + _WIRE.pattern + r"),\s*[A-Z][\w .'-]{2,30},?$")


def name_beside_date(line: str) -> str:
    """ "Ann Lee | 06.11.23", "28. Jan. 2022 Ann Lee", "Ann Lee, 01.12.2021": the name."""
    if len(line) > 80:
        return ""
    found = find_dates(line, foreign_budget=0)
    if len(found) != 1:
        return ""
    rest = f"{line[: found[0].start]} {line[found[0].end :]}"
    rest = re.sub(r"\b\d{1,2}[:.]\d{2}\b|\b(?:uhr|am|pm)\b", " ", rest, flags=re.I)
    words = rest.replace("|", " ").replace(",", " ").split()
    name = _bare_name(" ".join(words)) if len(set(words)) == len(words) else ""
    return name or _desk_beside_date(rest)


_DESK_PART = re.compile(r"^(?:[A-Z][\w.&'-]*\s+){0,3}[A-Z][\w.&'-]*$")


def _desk_beside_date(rest: str) -> str:
    """ "Kabul, Frontier Ledger Bureau | Updated: 19 Nov 2019": the desk the page credits."""
    for part in re.split(r"\s*[|,/]\s*", rest.strip()):
        if _DESK_PART.match(part) and _DESK.search(part):
            return part
    return ""


def wire_line(line: str) -> str:
    """ "Reuters, Washington,": a wire credited with the place it filed from."""
    m = _WIRE_FIRST.match(line)
    return m["wire"] if m else ""


def wire_of_dateline(body: str) -> str:
    """The agency of a wire story's dateline: "WASHINGTON (Reuters) - ..." -> "Reuters"."""
    m = _DATELINE_WIRE.match(body.lstrip("*_ "))
    return m["wire"] if m else ""


def author_name_line(lines: tuple[str, ...], lead: int | None, headline: int | None) -> str:
    """A line holding only a person's name next to the headline or the date line (many sites
    print the author without "By"): the first such line under the headline, else above it.
    A standfirst may be taken for the lead, so a few lines past it count when dated."""
    if lead is None or headline is None or headline >= lead:
        return ""
    end = min(len(lines), lead + 5)
    dated = [i for i in range(max(0, headline - 6), end) if find_dates(lines[i], foreign_budget=0)]
    for index in [*range(headline + 1, end), *range(max(0, headline - 4), headline)]:
        name = _bare_name(lines[index]) or wire_line(lines[index]) or name_beside_date(lines[index])
        near_date = any(abs(index - i) <= 3 for i in dated)
        handle = "@" in lines[index] and index < lead
        if name and (near_date or handle or 0 < index - headline <= 2):
            return name
    return _name_under_repeat(lines, headline)


def _name_under_repeat(lines: tuple[str, ...], headline: int) -> str:
    """The headline printed earlier too (a gallery repeats it near the story): a name under
    that earlier place, with a date next to it. A standfirst and a place name may sit between
    the headline and the name."""
    wanted = lines[headline]
    for place in range(headline - 1, max(-1, headline - 60), -1):
        if lines[place] != wanted:
            continue
        for index in range(place + 1, min(place + 5, headline)):
            name = _bare_name(lines[index])
            window = lines[index + 1 : index + 4]
            if name and any(find_dates(x, foreign_budget=0) for x in window):
                return name
    return ""


def author_near_lead(lines: tuple[str, ...], lead: int | None, headline: int | None) -> str:
    """A "By ..." line between the headline and the story (when the cleaner kept no byline)."""
    if lead is None:
        return ""
    start = headline if headline is not None and headline < lead else max(0, lead - 15)
    # an "Author:" label with the name under it may follow a standfirst taken for the lead;
    # some pages print the byline over the headline (there it opens with "By" or is dated)
    below = range(start, min(len(lines) - 1, lead + 6))
    above = range(max(0, start - 8), start) if start == headline else range(0)
    for index in [*below, *above]:
        line = lines[index]
        if index >= lead and not _LONE_BY.match(line):
            continue
        opens = _BY.match(line) or _CREDIT_LABEL.match(line)
        if index < start and not (opens or find_dates(line, foreign_budget=0)):
            continue
        if len(line.split()) <= 14 and (has_credit_word(line) or _LONE_BY.match(line)):
            author = _credit_at(lines, index)
            if author:
                return author
    return ""
