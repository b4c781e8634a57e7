"""Word lists searched over every line open with a lookahead of their first characters, typed
by hand so that re skips to them. A word added with a new first letter must join that class,
or the word silently never matches: each class must hold every character its list can start
with (ignoring case, as the lists are searched)."""

import re

try:  # Python 3.11 names the parser's modules without the leading underscore
    import re._constants as sre
    import re._parser as sre_parse
except ImportError:  # pragma: no cover
    import sre_constants as sre
    import sre_parse

import pytest
from briefing.cleaning import rules
from briefing.metadata import dates, title

# (?=[...]) or (?:^|(?=[...])) at the start of the pattern, then the lists.
_LOOKAHEAD = re.compile(r"^(?:\(\?:\^\|)?\(\?=(\[(?:\\.|[^\]])*\])\)\)?")

_AT_START = [(sre.AT, sre.AT_BEGINNING), (sre.AT, sre.AT_BEGINNING_STRING)]
_BOUNDARIES = [(sre.AT, sre.AT_BOUNDARY)]

PATTERNS = [
    dates._PUBLISHED,
    dates._UPDATED,
    dates._NOT_PUBLICATION,
    dates._STAMP,
    dates._ANNOUNCED,
    title._NOT_HEADLINE,
    title._SHARE_WORDS,
]


def _split(pattern: re.Pattern) -> tuple[re.Pattern, re.Pattern]:
    """The lookahead's class, and a class of what the rest can start with away from the text's
    start (an alternative anchored by ^ is let through by the (?:^|...) branch)."""
    found = _LOOKAHEAD.match(pattern.pattern)
    assert found, f"{pattern.pattern[:40]!r} no longer opens with a lookahead"
    body = sre_parse.parse(pattern.pattern[found.end() :], pattern.flags)
    parts = []
    for branch in _alternatives(list(body)):
        if branch and branch[0] in _AT_START:
            continue
        got, nullable = rules._first(branch)
        assert got is not None and not nullable  # the lists start with known characters
        parts += got
    starts = re.compile("[" + "".join(parts) + "]", pattern.flags | re.I)
    return re.compile(found.group(1), pattern.flags), starts


def _alternatives(seq: list) -> list[list]:
    """The alternatives a parsed pattern's match starts in, through word boundaries and the
    groups it opens with (each alternative must match something: checked by the caller)."""
    while seq and seq[0] in _BOUNDARIES:
        seq = seq[1:]
    if seq and seq[0][0] is sre.SUBPATTERN:
        return _alternatives(list(seq[0][1][-1]))
    if seq and seq[0][0] is sre.BRANCH:
        return [alt for branch in seq[0][1][1] for alt in _alternatives(list(branch))]
    return [seq]


def _missing(ahead: re.Pattern, starts: re.Pattern) -> list[str]:
    return [chr(c) for c in range(0x110000) if starts.match(chr(c)) and not ahead.match(chr(c))]


@pytest.mark.parametrize("pattern", PATTERNS, ids=lambda p: p.pattern[:30])
def test_a_lookahead_holds_every_first_character_of_its_list(pattern):
    assert _missing(*_split(pattern)) == []


def test_the_check_sees_a_word_whose_first_letter_the_class_lacks():
    wrong = re.compile(r"(?:^|(?=[ab]))(?:^\s*by|\balpha|\bbeta|\bkappa)\b", re.I)
    assert _missing(*_split(wrong)) == ["K", "k", "\u212a"]  # and the Kelvin sign
