"""The headline: as the cleaner found it, else from a page title or breadcrumb with the site's
name stripped, else a short title generated from the lead (flagged for the editor)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..model import CleanedArticle
from .byline import _DATELINE, _bare_name, has_credit_word, known_outlet
from .calendar import find_dates
from .layout import wide_chars

_SUFFIX = re.compile(r"^(?P<head>.{12,}?)\s+(?:\||[-–—:•·»]|::)\s+(?P<site>[^|]{2,60})$")
_SEPARATOR = re.compile(r"[|\-–—:•·»]")  # _SUFFIX needs one of them
_DOMAIN = re.compile(r"^[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}$", re.I)  # "Valleynews.ca"
_CRUMB = re.compile(r"\s+(?:>|»|›|/)\s+")
GENERATED_WORDS = 10
GENERATED_CHARS = 80


def strip_site(title: str, source: str = "", names: frozenset[str] | None = None) -> str:
    """ "Headline | Site" or "Headline - Site" -> "Headline" when the tail names the site.
    `names` (short lines of the paste, case-folded) lets a tail count as the site's name only
    when the page prints it on its own too: "Headline - Second clause" keeps its clause."""
    if not _SEPARATOR.search(title):
        return title.strip()  # nothing for _SUFFIX to find (most lines: a cheaper search)
    m = _SUFFIX.match(title.strip())
    if not m:
        return title.strip()
    site = m["site"].strip()
    by_name = source and site.casefold() == source.casefold()
    shaped = (
        len(site.split()) <= 4
        and len(m["head"].split()) >= 4
        and not re.search(r"[.!?]$", site)
        and site[:1].isupper()
    )
    looks_like_site = (
        known_outlet(site) == site
        or bool(_DOMAIN.search(site))
        or (shaped and (names is None or site.casefold() in names))
    )
    return m["head"].strip() if by_name or looks_like_site else title.strip()


def from_breadcrumb(crumb: str) -> str:
    """The last step of "Home > World > Asia > Headline" when it is a headline, not a section."""
    steps = _CRUMB.split(crumb.strip())
    last = steps[-1].strip() if len(steps) >= 2 else ""
    return last if len(last.split()) >= 4 else ""


def stated_title(cleaned: CleanedArticle, source: str) -> str:
    """The headline the paste states, or "" when it has none."""
    if cleaned.title.strip():
        return strip_site(cleaned.title, source)
    for removed in cleaned.removed:
        if removed.reason == "page title":
            return strip_site(removed.text, source)
    for removed in cleaned.removed:
        if removed.reason == "breadcrumb" and from_breadcrumb(removed.text):
            return from_breadcrumb(removed.text)
    return ""


def generated_title(body: str) -> str:
    """A short title from the lead's first clause: at most ~10 words, never a paragraph."""
    for paragraph in body.split("\n\n"):
        text = " ".join(paragraph.replace("*", "").split())
        if len(text.split()) < 6 or text.startswith(("#", "!", "[")):
            continue
        m = _DATELINE.match(text)
        if m and m["city"].strip() == m["city"].strip().upper():
            text = text[m.end() :].strip()
        clause = re.split(
            r"(?<=[.!?;:])\s|,\s+(?:which|who|where|after|as|while)\s|\s[—–]\s", text
        )[0].rstrip(".!?;:, ")
        words = clause.split()
        cut = _clause_cut(words)
        if cut:
            return " ".join(words[:cut]).rstrip(",;:")
        short = " ".join(words[:GENERATED_WORDS])
        if len(short) > GENERATED_CHARS:
            short = short[:GENERATED_CHARS].rsplit(" ", 1)[0]
        return short + ("…" if len(short) < len(clause) else "")
    return ""


# Words a clause or a phrase starts with: a long lead is cut before one of them, so the title
# ends where a thought does ("Officials agreed on Tuesday", not "Officials agreed on Tuesday to…").
_CLAUSE_WORDS = frozenset(
    "and but while as after before because when since although though that which who where "
    "amid despite following during until unless whereas said says "
    "to in on at for with from over into against by about".split()
)


def _clause_cut(words: list[str]) -> int:
    """Number of words to keep to end at a clause boundary within the limits (0: none)."""
    if len(words) <= GENERATED_WORDS and len(" ".join(words)) <= GENERATED_CHARS:
        return len(words)
    for keep in range(min(GENERATED_WORDS, len(words) - 1), 4, -1):
        if len(" ".join(words[:keep])) > GENERATED_CHARS:
            continue
        if words[keep - 1].endswith((",", ";", ":")) or words[keep].lower() in _CLAUSE_WORDS:
            return keep
    return 0


# the lookahead of the first characters past the start: as in dates._PUBLISHED
_NOT_HEADLINE = re.compile(
    r"(?:^|(?=[@©|/bcefghlmnpqstw]))"
    r"(?:^(?:by|von|par|por|updated|published|posted|share|follow|photo|image|advertisement|"
    # "published" and "updated" in the languages pastes arrive in: a credit line, not a title
    r"veröffentlicht|aktualisiert|publiziert|erstellt am|publié|mis à jour|publicado|"
    r"actualizado|pubblicato|aggiornato|gepubliceerd|"
    r"sign (?:in|up)|subscribe|skip to|log ?in|read more)\b|cookie|\bsigned (?:in|out)\b|"
    r"https?://|@\w|\bcomments?\b|\bmin(?:ute)?s? read\b|^[^\w‘“„«»‚'\"\[(¿¡]|copyright|©|"
    r"\|\s*$|\bshar(?:e|ing)\b|\be-?mail\b|\bterms\b|\bprivacy\b|\bclick\b|newsletter|"
    r"\bshop\b|sign ?(?:in|out|up)\b|\bprofile\b|\bbrowse\b|\bwatch\b|\blisten\b|"
    # photo credits and captions ("Alex Wong | Getty Images", "... / Reuters file"), contact links
    r"\bgetty\b|\bphotograph:|/\s*(?:reuters|ap|afp|epa)\b|\bfile photo\b|^contact\b|"
    # credits, sources and search boxes in the languages pastes arrive in
    r"\b(?:foto|fotos|bild|quelle|source|credit|photo)s?\s*:|\bsearch box\b|"
    r"^(?:sie sind hier|you are here|du bist hier)\b)",
    re.I,
)
# Reasons the cleaner gave for dropping a line that a headline never has (teasers and menus
# may hold the headline: a page lists its own story among the latest).
_NEVER_HEADLINE = frozenset(
    "share labels|separator|comment widget|newsletter|login|advertisement|photo caption|tags|"
    "photo credit|cookie notice|note|also read|reading time|author bio|date|affiliate note|"
    "footer".split("|")
)
_CREDIT_START = re.compile(
    r"(?:by|von|par|por|updated|posted|published|veröffentlicht|aktualisiert|publiziert|"
    r"publié|publicado|pubblicato)\b",
    re.I,
)
# Buttons of a share bar, in the languages pastes arrive in
_SHARE_WORDS = re.compile(
    r"(?=[cdeflmptwx])\b"
    r"(?:whatsapp|facebook|twitter|twittern|tweeten|tweet|teilen|pinnen|pinterest|linkedin|"
    r"xing|telegram|messenger|e-?mail|drucken|print|partager|compartir|condividi)\b",
    re.I,
)
# Menu words that open a short line ("Home", "Search this site"); a headline may open with one
_MENU_START = re.compile(r"^(?:menu|home|search|related)\b", re.I)
_LABEL = re.compile(r"^[\w ]{2,24}:$")  # "Author:", "Publish date:": the next line is a value
# "Search for:": a search box's label, whose value (the box) the paste leaves empty
_SEARCH_LABEL = re.compile(r"^(?:search|suche|suchen|recherche|rechercher|buscar|cerca)\b", re.I)
_CELL_GAP = " " * 5
_TWO_SENTENCES = re.compile(r"\w{3}[.!?] [A-Z][a-z]")
_INNER_STOP = re.compile(r"\w{2}[.!?]\s+\S")  # "... last week. AFP": a caption's credit too
_NUMBERED = re.compile(r"\d{1,2}\.\s")
_FULL_STOP = re.compile(r"[^\W\d_]{4}\.\s+\S")  # "Lernen. Tipps": not "Dr. Ann" or "Nov. 3"
_SLUG_WORDS = re.compile(r"[a-z0-9]+")
_LONG_WORD = re.compile(r"\w{4,}")
_CLOCK = re.compile(r"\b\d{1,2}:\d{2}\b")
_LABEL_WORD = re.compile(r"[^\W\d_a-z]{4,}\s+\S*[a-z]")  # "COMMENT Vote in ...": a label first


def _url_words(lines: tuple[str, ...]) -> set[str]:
    words: set[str] = set()
    for line in lines:
        if "http" not in line:
            continue  # most lines: no need to search them
        for url in re.findall(r"https?://\S+", line):
            # the slug is the last step of the path, or the one before a trailing "/" or an id
            steps = url.lower().split("?")[0].rstrip("/").rsplit("/", 2)[-2:]
            slug = max(steps, key=lambda step: step.count("-") + step.count("_"))
            words |= {w for w in _SLUG_WORDS.findall(slug) if len(w) > 2}
    return words


def _headline_words(line: str) -> list[str]:
    words = line.split()
    wide = wide_chars(line) if len(words) == 1 else 0
    return [line] * (wide // 2) if wide >= 6 else words  # CJK writes no spaces


def _never_headline(line: str, words: list[str]) -> bool:
    """Whatever its place: too short or long, chrome, a link, a share bar, a date."""
    one = len(words) == 1 and len(line) >= 5 and line[:1].isalpha()  # weighed by the caller
    if not (one or 2 <= len(words) <= 30) or len(line) > 220 or _NOT_HEADLINE.search(line):
        return True
    if len(words) <= 3 and _MENU_START.match(line):
        return True
    if _link_arrow(line) or len(_SHARE_WORDS.findall(line)) >= 2:
        return True  # "WhatsApp Teilen Twittern": a share bar
    return bool(find_dates_in(line) or line.endswith((".", ":", ",")) and len(words) > 18)


@dataclass(frozen=True)
class _Line:
    """What a line's headline score needs of the line alone: the same from every lead."""

    never: bool  # never a headline (_never_headline)
    words: int
    outlet: bool  # an outlet's name on its own
    slug_words: frozenset[str]  # its words as a URL's slug writes them (when the paste has URLs)
    stems: frozenset[str]  # for the echo of the story's opening


def _line_facts(line: str, url_words: set[str]) -> _Line:
    words = _headline_words(line)
    if _never_headline(line, words):
        return _Line(True, len(words), False, frozenset(), frozenset())
    mine = (w for w in _SLUG_WORDS.findall(line.lower()) if len(w) > 2) if url_words else ()
    outlet = known_outlet(line) == line.strip()
    return _Line(False, len(words), outlet, frozenset(mine), frozenset(_stems(line)))


def headline_score(
    facts: _Line, index: int, lead: int, repeated: bool, url_words: set[str]
) -> float:
    """How much a line looks like the story's headline (higher is more)."""
    if facts.never:
        return -9.0
    words = facts.words
    distance = abs(lead - index)
    score = 1.0 - 0.04 * min(distance, 30) - 0.01 * max(0, distance - 30)
    if repeated:
        score += 2.0 if words >= 4 else 1.0  # a short line comes back as a section name
    mine = facts.slug_words
    if url_words and mine and len(mine & url_words) >= 0.6 * len(mine):
        score += 2.0
    score += 0.1 * min(words, 12) - (1.0 if words < 4 else 0.0)
    if facts.outlet:
        score -= 3.0
    return score


def _link_arrow(line: str) -> bool:
    """ "« Previous post", "All deals »", "Next post →": a link to another page. A French
    quote ("« Une phrase »") opens and closes its guillemets; an arrow never quotes."""
    if line.startswith(("← ", "‹ ", "< ")) or line.endswith((" →", " ›", " >")):
        return True
    return (line.startswith("« ") and "»" not in line) or (line.endswith(" »") and "«" not in line)


ECHO = 3.0  # a line whose words all come back in the story's opening: about the story
_STEM = 5  # letters compared: "Verhandlungen" and "Verhandlung" are one word
_STORY_WORDS = 300


def _stems(text: str) -> set[str]:
    if wide_chars(text):  # no spaces to find words by
        return set()
    return {w[:_STEM] for w in _LONG_WORD.findall(text.casefold()) if not w.isdigit()}


def _story_words(lines: tuple[str, ...], lead: int) -> set[str]:
    """Stems of the story's opening words (the headline's words come back in its lead)."""
    out: list[str] = []
    words = 0
    for line in lines[lead:]:
        out.append(line)
        words += line.count(" ") + 1
        if words > _STORY_WORDS:
            break
    return _stems(" ".join(out))


def _echo(line: str, story: set[str]) -> float:
    """Share of the line's words that the story's opening repeats."""
    return _share(_stems(line), story)


def _share(stems: set[str] | frozenset[str], story: set[str]) -> float:
    """_echo of a line whose stems are known."""
    return len(stems & story) / len(stems) if stems else 0.0


def _crumb_trail(line: str) -> bool:
    """ "Home » News » Headline": three steps or more."""
    return any(c in line for c in "»›>/") and len(_CRUMB.split(line)) >= 3


def _list_item(lines: tuple[str, ...], index: int) -> bool:
    """ "3. Presse" after "2. Start": an item of a numbered menu or breadcrumb."""
    if not _NUMBERED.match(lines[index]):
        return False
    near = [lines[i] for i in (index - 2, index - 1, index + 1, index + 2) if 0 <= i < len(lines)]
    return any(_NUMBERED.match(x) for x in near)


def _printed(lines: tuple[str, ...], index: int, step: int) -> int | None:
    """Index of the printed line above (step -1) or below (step 1), one blank line between at
    most."""
    for i in (index + step, index + 2 * step):
        if 0 <= i < len(lines) and lines[i]:
            return i
    return None


def _nearest(lines: tuple[str, ...], index: int, step: int) -> str:
    """The text of _printed's line ("" when there is none)."""
    at = _printed(lines, index, step)
    return lines[at] if at is not None else ""


def _dated_head(lines: tuple[str, ...], index: int | None, story: set[str]) -> bool:
    """ "Wednesday 3 May 2023 / Headline / Ann Lee": a headline between its date line and the
    author's bare name (which the story does not repeat, as it would a subject's); a sentence
    there is a standfirst."""
    if index is None:
        return False
    line, above, under = lines[index], _nearest(lines, index, -1), _nearest(lines, index, 1)
    if len(line.split()) < 4 or line.endswith(".") or _TWO_SENTENCES.search(line):
        return False
    if not above or len(above.split()) > 8 or not under or not _bare_name(under):
        return False
    dated = find_dates_in(above) and not _is_credit_line(line)
    return bool(dated and _echo(under, story) < 0.5)


def _in_a_run(lines: tuple[str, ...], index: int) -> bool:
    """Between two lines of its own shape (a menu, a gallery's captions): one of many."""
    size = len(lines[index].split())
    around = (_nearest(lines, index, -1), _nearest(lines, index, 1))
    return all(
        x and abs(len(x.split()) - size) <= 1 and not _is_credit_line(x) and x[-1:].isalnum()
        for x in around
    )


def _teaser(lines: tuple[str, ...], index: int, gap: int, credits: frozenset[int]) -> bool:
    """One of a list of other stories, each over its own date or byline: a line above holds a
    headline that sits as far over a credit line as this one does."""
    if gap > 4:
        return False
    for j in range(max(0, index - 12), index - gap):
        if j + gap in credits and j not in credits and len(lines[j].split()) >= 3:
            return True
    return False


WINDOW = 40  # printed lines above the story where the headline is looked for


def _window_start(lines: tuple[str, ...], lead: int) -> int:
    """Where the headline search starts: WINDOW printed lines above the story (blank lines
    don't count, so a list of teasers between the headline and the story still fits)."""
    seen = 0
    for index in range(lead - 1, -1, -1):
        seen += bool(lines[index])
        if seen >= WINDOW:
            return index
    return 0


def _lone_word_head(lines: tuple[str, ...], index: int, lead: int, echo: float) -> bool:
    """A one-word headline ("Batteriespeicher") sits right over the story, or over its date,
    and the story names it; a lone word anywhere else is a label or a kicker."""
    between = [x for x in lines[index + 1 : lead] if x]
    return echo == 1.0 and all(_is_credit_line(x) for x in between)


def _list_of_tags(line: str) -> bool:
    """ "retro, cats, disks, Katzen" or "World | Sport | Culture | Video": a run of keywords or
    a menu, not a headline."""
    parts = _TAG_SEPARATOR.split(line)
    return len(parts) >= 4 and all(len(p.split()) <= 3 for p in parts)


_TAG_SEPARATOR = re.compile(r",|\s[|\u2022\u00b7]\s")


def _is_credit_line(line: str) -> bool:
    """A byline or a date line: short, and "By ..." or holding a date."""
    return len(line.split()) <= 14 and (bool(_CREDIT_START.match(line)) or find_dates_in(line))


def _capitalised(line: str) -> float:
    """Share of the longer words that start with a capital (Title Case headlines score high)."""
    words = [w for w in line.split() if len(w) > 3 and w[:1].isalpha()]
    return sum(w[:1].isupper() for w in words) / len(words) if words else 0.0


def is_deck(line: str, above: str) -> bool:
    """`line` reads as the standfirst under the headline `above`: a sentence, or plainer and
    longer than the Title Case line over it."""
    if len(above.split()) < 5 or above[:1].islower() or _NOT_HEADLINE.search(above):
        return False  # a section label ("in Politics") over the headline is no headline
    if find_dates_in(above):
        return False
    if line.endswith(".") and not above.endswith("."):
        return True
    words, over = len(line.split()), len(above.split())
    if words >= 12 and over <= 14 and words >= 1.3 * over:
        return True  # a long line under a shorter one: the headline's standfirst
    return words >= over and _capitalised(line) < _capitalised(above) - 0.4


def _repeated(counts: dict[str, int], page: _Page, index: int) -> bool:
    """The line comes twice (page title and heading), but not inside a block that comes twice
    (a menu printed at the top and again in the footer)."""
    lines = page.lines

    def seen(i: int) -> int:
        return counts.get(page.keys[i], 0) if 0 <= i < len(lines) else 0

    if seen(index) < 2:
        return False  # most lines: no need to look at the lines around them
    near = [i for i in (index - 2, index - 1, index + 1, index + 2) if 0 <= i < len(lines)]
    # the same headline twice in a row (heading and link) is one line, not a menu
    near = [i for i in near if lines[i] and lines[i] != lines[index]]
    return not any(seen(i) >= 2 for i in near)


def _deck_head(deck: str) -> str:
    """The first line of the cleaner's standfirst past a section label ("1. Entertainment")."""
    return next((x.strip() for x in deck.split("\n") if len(x.split()) >= 4), "")


def _leads_deck(line: str, deck: str) -> bool:
    """The cleaner's standfirst opens with this Title Case line: the headline it took for one."""
    return _deck_head(deck) == line.strip() and len(line.split()) >= 4 and _capitalised(line) >= 0.8


def _stray_title(lines: tuple[str, ...], lo: int, lead: int, head: str, title: str) -> bool:
    """The cleaner took a widget for the headline and the headline for the standfirst: only a
    label sits over the standfirst's first line ("2. Politics", "World"), and the cleaner's
    title is far from it or no headline at all ("Sign out")."""
    if len(head.split()) < 4:
        return False
    at = next((i for i in range(lead - 1, lo - 1, -1) if lines[i] == head), None)
    over = _nearest(lines, at, -1) if at is not None else ""
    label = len(over.split()) < 2 or _NUMBERED.match(over) or _NOT_HEADLINE.search(over)
    if at is None or not label or _is_credit_line(over):
        return False
    above = [x for x in lines[max(0, at - 6) : at] if x][-3:]
    return title.strip() not in above or bool(_NOT_HEADLINE.search(title))


def _title_above_deck(
    lines: tuple[str, ...], lo: int, lead: int, title: str, story: set[str]
) -> str:
    """The line the cleaner's title hangs under when the title reads as its standfirst (the
    cleaner took the standfirst for the headline: the headline is one line up), else the
    cleaner's title. That line must be a headline whose words the story repeats: a label, a
    menu or a trail of sections over the headline shares few of them, or is split by
    separators, numbered, dated or lower-case."""
    title = title.strip()
    at = (
        next((i for i in range(lead - 1, lo - 1, -1) if lines[i] == title), None) if title else None
    )
    above = _nearest(lines, at, -1) if at is not None else ""
    if not above or _CRUMB.search(above) or " | " in above or _echo(above, story) < 0.5:
        return title
    if is_deck(title, above):
        return above
    # a standfirst is longer than its headline, in sentence case as well as in Title Case
    headline = not (
        above[:1].islower()
        or above.endswith(":")
        or _NUMBERED.match(above)
        or _LABEL_WORD.match(above)
        or _NOT_HEADLINE.search(above)
        or find_dates_in(above)
        or _CLOCK.search(above)
        or above.split()[0] == title.split()[0]
    )
    return above if headline and len(title.split()) > len(above.split()) >= 4 else title


# A label over links to other stories ("More on:", "See also"), in the languages pastes come in
_LINKS_LABEL = re.compile(
    r"(?:(?:see also|more on|related(?: stories| articles| posts| coverage)?|read also|"
    r"also read|siehe auch|mehr zum thema|lesen sie auch|voir aussi|(?:à )?lire aussi|"
    r"véase también|lea también|vedi anche|leggi anche)\s*:?|read more\s*:)$",
    re.I,
)
_LINKS_UNDER_LABEL = 4


def _linked(lines: tuple[str, ...], lo: int, lead: int) -> set[int]:
    """The lines listed under a related-links label that stands apart (a blank line over or
    under it, not an item of a menu): links to other stories."""
    out: set[int] = set()
    for index in range(max(lo, 1), lead - 1):
        line = lines[index]
        apart = not lines[index - 1] or not lines[index + 1]
        if line and len(line) < 30 and apart and _LINKS_LABEL.match(line):
            below = [i for i in range(index + 1, lead) if lines[i]][:_LINKS_UNDER_LABEL]
            out.update(below)
    return out


def find_dates_in(line: str) -> bool:
    return bool(find_dates(line, foreign_budget=0))


_PARTS = re.compile(r"\s+(?:\||[-–—])\s+")


def without_kicker(headline: str, lines: tuple[str, ...]) -> str:
    """ "Ahead of the talks Envoys meet in Doha" -> "Envoys meet in Doha" when the page prints
    the headline without the kicker glued before it too (page title, breadcrumb, teaser)."""
    words = headline.split()
    if len(words) < 5:
        return headline
    size, last = len(headline), words[-1]
    printed = set()
    for line in lines:
        if last in line and len(line) < size + 80 and line != headline:
            for part in _PARTS.split(_NUMBERED.sub("", line, count=1)):
                printed.add(part.strip().casefold())
    for cut in range(1, min(7, len(words) - 2)):
        # only where nothing marks a break: "Kicker: Headline" and "Title – Subtitle" are whole
        kicker = words[:cut]
        if not kicker[-1][-1:].isalnum() or not words[cut][:1].isupper() or ":" in headline:
            continue
        tail = " ".join(words[cut:])
        if tail.casefold() in printed:
            return tail
    return headline


HEADING_WORDS = 20  # a longer opening line is the story's first paragraph, not its heading


def _under_heading(lines: tuple[str, ...], lead: int | None) -> int | None:
    """The story's first paragraph when the line taken for it is a heading over it (the cleaner
    kept the headline in the body: "Why rents rise" over a long paragraph), else None."""
    if lead is None or not lines[lead]:
        return None
    line = lines[lead]
    below = _printed(lines, lead, 1)
    if below is None or _INNER_STOP.search(line) or line.endswith((".", ",", ";", ":")):
        return None
    size, story = len(line.split()), lines[below]
    if not 2 <= size <= HEADING_WORDS or len(story.split()) < max(2 * size, 20):
        return None
    if story.startswith(line):
        return None  # the paragraph's own opening words set apart (a lead-in), not a heading
    return below


@dataclass(frozen=True)
class _Page:
    """The paste as the search from every lead reads it, worked out once: the lines (a pasted
    table row cut to its first cell), its short lines case-folded (the names a site's tail
    must match), what the cleaner dropped and why, each line with the site's name stripped and
    case-folded, the words of its URLs. `memo` keeps what single lines gave, for the next lead."""

    lines: tuple[str, ...]
    source: str
    names: frozenset[str]
    dropped: dict[str, str]
    stripped: tuple[str, ...]
    keys: tuple[str, ...]
    url_words: set[str]
    memo: dict = field(default_factory=dict)


def _page(lines: tuple[str, ...], source: str, removed: tuple) -> _Page:
    # a run of spaces splits a pasted table row or a glued widget: the first cell is the line
    lines = tuple(x.split(_CELL_GAP, 1)[0].rstrip() if _CELL_GAP in x else x for x in lines)
    names = frozenset(line.casefold() for line in lines if line and len(line) <= 40)
    stripped = tuple(strip_site(line, source, names) for line in lines)
    keys = tuple(x.casefold() for x in stripped)
    dropped = {r.text: r.reason for r in removed}
    return _Page(lines, source, names, dropped, stripped, keys, _url_words(lines))


def _facts(page: _Page, line: str) -> _Line:
    found = page.memo.get(line)
    if found is None:
        found = page.memo[line] = _line_facts(line, page.url_words)
    return found


def _credit(page: _Page, index: int) -> bool:
    key = ("credit", index)
    if key not in page.memo:
        page.memo[key] = _is_credit_line(page.lines[index])
    return page.memo[key]


def best_headline(
    lines: tuple[str, ...],
    leads: tuple[int | None, ...],
    source: str = "",
    cleaner_title: str = "",
    deck: str = "",
    removed: tuple = (),
) -> str:
    """The best-scoring headline over any of the places the story may start."""
    best, best_score = "", 0.0
    leads = (*leads, *(_under_heading(lines, lead) for lead in leads))
    page = _page(lines, source, removed)
    for lead in dict.fromkeys(x for x in leads if x is not None):
        for line, score in headline_candidates(page, lead, cleaner_title, deck):
            if score > best_score:
                best, best_score = line, score
    return without_kicker(best, lines)


@dataclass(frozen=True)
class _Around:
    """What the search from one lead knows of the lines above it (see headline_candidates)."""

    lead: int
    lo: int  # where the window of lines looked at starts
    linked: set[int]
    counts: dict[str, int]
    story: set[str]
    crumbs: set[int]
    crumb_ends: set[str]
    credits: frozenset[int]
    credit: list[int]
    glued: set[str]


def _around(page: _Page, lead: int) -> _Around:
    lines = page.lines
    lo = _window_start(lines, lead)
    linked = _linked(lines, lo, lead)
    counts: dict[str, int] = {}
    for index, key in enumerate(page.keys):
        if key and index not in linked:  # a link to a story does not repeat a headline
            counts[key] = counts.get(key, 0) + 1
    crumbs = {i for i in range(lo, lead) if _crumb_trail(lines[i])}
    # "Home » News » Headline" repeats the headline printed under it
    crumb_ends = {_CRUMB.split(lines[i])[-1].strip().casefold() for i in crumbs}
    credits = frozenset(i for i in range(max(0, lo - 12), lead) if _credit(page, i))
    # "Lokales Kiel So lief der Markt": a kicker or crumbs glued to the headline below
    heads = [x for x in lines[lo:lead] if len(x.split()) >= 4]
    glued = {x for x in heads for y in heads if len(x) > len(y) and x.endswith(" " + y)}
    story = _story_words(lines, lead)
    credit = sorted(i for i in credits if i >= lo)
    return _Around(lead, lo, linked, counts, story, crumbs, crumb_ends, credits, credit, glued)


def headline_candidates(
    page: _Page, lead: int, cleaner_title: str = "", deck: str = ""
) -> Iterator[tuple[str, float]]:
    """(headline with the site's name stripped, score) of each line that may be the headline,
    top to bottom."""
    lines, source = page.lines, page.source
    at = _around(page, lead)
    head = _deck_head(deck)
    leads = bool(deck) and (
        _leads_deck(head, deck) or _stray_title(lines, at.lo, lead, head, cleaner_title)
    )
    # where the cleaner's structural choice of headline points
    chosen = _title_above_deck(lines, at.lo, lead, cleaner_title, at.story)
    title_above = False  # the cleaner's headline was passed
    for index in range(at.lo, lead):
        line = lines[index]
        if source and line.strip().casefold() == source.casefold():
            continue  # the outlet's name on its own: the masthead
        title_above = title_above or bool(cleaner_title) and line == cleaner_title.strip()
        repeated = _repeated(at.counts, page, index) or (
            index not in at.crumbs and line.casefold() in at.crumb_ends
        )
        facts = _facts(page, line)
        score = headline_score(facts, index, lead, repeated, page.url_words)
        if score <= -9.0:
            continue
        echo = _share(facts.stems, at.story)
        if len(line.split()) == 1 and not wide_chars(line):
            # a subheading or a kicker under the headline the cleaner found is no headline
            if not _lone_word_head(lines, index, lead, echo) or title_above:
                continue
        score += ECHO * echo
        score -= _out_of_place(page, at, index)
        if deck and line.strip() in deck and not (leads and line.strip() == head):
            continue  # the standfirst under the headline
        score -= _sentence_penalty(line, _nearest(lines, index, -1))
        if leads:
            if line.strip() == head:
                score += 2.0  # the cleaner's title and standfirst are one line too high
        elif chosen and line.strip() == chosen:
            score += 2.0  # the cleaner saw the page's structure around it
        over = lines[index - 1] if index else ""
        if _LABEL.match(over) and not _SEARCH_LABEL.match(over):
            continue  # the value of a label line ("Author:" then a name)
        score += _credit_place(lines, at, index)
        yield page.stripped[index], score


def _out_of_place(page: _Page, at: _Around, index: int) -> float:
    """3.0 for a line that chrome, a menu, a trail of crumbs, a list or a run of lines of one
    shape holds, or that links to another story; else 0.0."""
    line, lines = page.lines[index], page.lines
    if (
        page.dropped.get(" ".join(line.split())) in _NEVER_HEADLINE
        or _list_of_tags(line)
        or index in at.crumbs
        or _list_item(lines, index)
        or line in at.glued
        or _in_a_run(lines, index)
        or index in at.linked
    ):
        return 3.0
    return 0.0


def _sentence_penalty(line: str, above: str) -> float:
    """How much the line reads as a standfirst or a caption rather than a headline."""
    if is_deck(line, above):
        return 3.0
    if _FULL_STOP.search(line):
        return 3.0  # "... the crisis. It is up to them ...": a standfirst, a caption
    if _TWO_SENTENCES.search(line):
        return 1.5
    return 0.0


def _credit_place(lines: tuple[str, ...], at: _Around, index: int) -> float:
    """The score a line's place over (or under) the credit lines of the window adds."""
    line = lines[index]
    below = [i - index for i in at.credit if index < i <= index + 12]
    under = lines[index + below[0]] if below else ""
    if below and below[0] <= 2 and not has_credit_word(under) and _bare_name(line):
        return -1.0  # "Ann Lee" over the date: the byline, not the headline
    if below and _teaser(lines, index, below[0], at.credits):
        return -3.0
    if (
        below
        and below[0] <= 2
        and _dated_head(lines, _printed(lines, index + below[0], 1), at.story)
    ):
        return 0.0  # the date heads the headline under it, not this line
    if below:
        # headlines sit right above the byline or the date line (chrome may come between)
        return 2.0 if below[0] <= 2 else 1.5 if below[0] <= 6 else 0.8
    if _dated_head(lines, index, at.story):
        return 2.0
    if any(index - 6 <= i < index and has_credit_word(lines[i]) for i in at.credit):
        return -1.5  # under a "By" line with none of its own: a caption, a deck, a video
    return 0.0
