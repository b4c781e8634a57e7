"""People, organizations and places named in an article: registry aliases resolved to canonical
names, and names the registry lacks found from the text's own evidence (a title before a name,
repeated capitalised sequences), listed as candidates for the registry."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from .knowledge import Knowledge, alias_key

# Titles that announce a person's name; not part of the name ("Foreign Minister X" is X).
_TITLES = (
    r"(?:(?:Prime|Foreign|Interior|Defen[cs]e|Finance|Information|Deputy|Chief|State|Federal)"
    r"\s+Minister|Minister(?:\s+(?:of|for)(?:\s+[A-Z][a-z]+)+)?|President|Vice[- ]President|"
    r"Secretary(?:\s+of\s+State|\s+General)?|Special\s+(?:Representative|Envoy)|Envoy|"
    r"Ambassador|Senator|Spokes(?:man|woman|person)|Chairman|Chairperson|Commander|"
    r"General|Gen\.?|Lt\.?\s+Gen\.?|Lieutenant\s+General|Maj\.?\s+Gen\.?|Major\s+General|"
    r"Admiral|Mullah|Mulla|Maulvi|Sheikh|Shaikh|Crown\s+Prince|Prince|King|Emir|Amir|"
    r"Dr\.?|Mr\.?|Mrs\.?|Ms\.?|Director(?:[- ]General)?|Chief|Governor|Justice|Judge)"
)
_NAME = r"(?P<name>[A-Z][\w'’-]+(?:\s+(?:bin|al|ul|de|van|von|[A-Z][\w'’-]+)){0,3})"
# Both start at a capital with no word character before it (what "\b" is there). Written so,
# the capital is looked for first, which re does quickly, rather than a word boundary at every
# position: half the cost of these two searches.
# _TITLED goes further: it takes the capital, so that re skips to capitals (a class it tests at
# once), and reads the title and name ahead of it inside a check of that capital. Its match is
# that capital alone: see _titled for where the next one may start.
_TITLED = re.compile(rf"[A-Z](?<![\w][A-Z])(?<=(?={_TITLES}\s+{_NAME})[A-Z])")
_CAPITALISED = re.compile(
    r"[A-Z](?<![\w][A-Z])[a-z’'-]+(?:\s+(?:of\s+|al-|the\s+)?[A-Z][a-z’'-]+){1,3}\b"
)
_NOT_NAMES = frozenset(
    "The This That These Those There When While After Before During Since According However "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April "
    "May June July August September October November December Photo Read More Share".split()
)


@dataclass(frozen=True)
class Found:
    people: tuple[str, ...]
    organizations: tuple[str, ...]
    places: tuple[str, ...]
    candidates: tuple[str, ...]


def _registry_spans(text: str, knowledge: Knowledge) -> list[tuple[int, int, str]]:
    """(start, end, canonical name key) of every alias match, overlaps resolved longest-first."""
    spans = []
    for pattern, exact in ((knowledge.exact_aliases, True), (knowledge.folded_aliases, False)):
        if pattern is None:
            continue
        for m in pattern.finditer(text):
            key = alias_key(m.group(0), exact)
            if key in knowledge.alias_index:
                spans.append((m.start(), m.end(), key))
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    kept: list[tuple[int, int, str]] = []
    for span in spans:
        if kept and span[0] < kept[-1][1]:
            continue
        kept.append(span)
    return kept


def _titled(text: str) -> Iterator[re.Match]:
    """The matches of _TITLED a search for the whole title and name would give: one starting
    inside the name before it is not (the search would have gone on after that name)."""
    end = 0
    for m in _TITLED.finditer(text):
        if m.start() >= end:
            end = m.end("name")
            yield m


def _candidates(text: str, covered: list[tuple[int, int, str]], knowledge: Knowledge) -> list:
    """Names from the text's evidence that the registry does not know."""
    starts = [s for s, _, _ in covered]

    def known(start: int, end: int) -> bool:
        # spans are sorted and disjoint: only the one starting last before `end` can overlap
        at = bisect_left(starts, end) - 1
        return at >= 0 and covered[at][1] > start

    found: Counter[str] = Counter()
    for m in _titled(text):
        name = m["name"]
        if not known(m.start("name"), m.end("name")) and name.split()[0] not in _NOT_NAMES:
            found[name] += 2  # a title is strong evidence of a person
    for m in _CAPITALISED.finditer(text):
        words = m.group(0).split()
        if words[0] in _NOT_NAMES or known(m.start(), m.end()):
            continue
        found[m.group(0)] += 1
    keep = [name for name, weight in found.items() if weight >= 2]
    return sorted(n for n in keep if alias_key(n, False) not in knowledge.alias_index)


def find_entities(text: str, knowledge: Knowledge) -> Found:
    """Canonical registry names by kind, in order of first mention, plus candidates."""
    spans = _registry_spans(text, knowledge)
    by_kind: dict[str, list[str]] = {"person": [], "organization": [], "place": []}
    for _start, _end, key in spans:
        entity = knowledge.alias_index[key]
        if entity.name not in by_kind[entity.kind]:
            by_kind[entity.kind].append(entity.name)
    return Found(
        people=tuple(by_kind["person"]),
        organizations=tuple(by_kind["organization"]),
        places=tuple(by_kind["place"]),
        candidates=tuple(_candidates(text, spans, knowledge)),
    )
