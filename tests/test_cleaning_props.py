"""Properties of the cleaner on any input: it never raises, it is idempotent on its own output,
and it loses no line: each one ends up in the body, a head field, or `removed` with a reason."""

from __future__ import annotations

import re
from re import _constants as sre
from re import _parser as sre_parse

from briefing import text
from briefing.cleaning import clean
from briefing.cleaning.lines import (
    CAPTION_SPAN,
    DATE,
    DAY_WORDS,
    DIGIT,
    TAIL,
    caption_tail,
    date_leftover,
    holds_any,
    teaser_tail,
)
from briefing.cleaning.rules import (
    CAPTION_TAIL,
    CHROME,
    CHROME_BY_FIRST,
    FAST,
    TEASER_TAIL,
    chrome_reason,
    first_class,
    on_lower,
)
from hypothesis import example, given, settings
from hypothesis import strategies as st

WORDS = re.compile(r"\w+")

# Lines of the kinds pastes are made of, to mix with arbitrary text.
SAMPLES = [
    "Skip to content",
    "Advertisement",
    "Share this article",
    "By Sara Malik",
    "Published: Nov 19, 2019 10:31 pm",
    "Updated 2 hours ago",
    "Related Stories",
    "12 Comments",
    "Sign up for our newsletter",
    "We use cookies to improve your experience on our site.",
    "© 2020 The Gulf Ledger. All rights reserved.",
    "Envoys agree to meet again in Doha next month",
    "• Envoys of four countries meet in Doha",
    "ISLAMABAD: Officials said on Monday that the talks would resume after the holiday.",
    "The meeting was the first since the agreement was signed last week, and diplomats said "
    "the agenda was dominated by the exchange of prisoners.",
    "He said the government would publish a detailed plan before the end of the",
    "month, and that parliament would debate it in the spring.",
    "Die Verhandlungen sollen nach Angaben der Vereinten Nationen mindestens zwei Wochen dauern.",
    "Exporters hope new corridor will bring down freight costs for fruit sent...",
    "## The exchange of prisoners",
    "> Our first duty is to our neighbours.",
    "- applications can be made online",
    "Photo: Amina Rahimi/Pacific Wire",
    "",
]
LINE = st.one_of(st.sampled_from(SAMPLES), st.text(max_size=80).map(lambda s: s.replace("\n", " ")))
PASTE = st.lists(LINE, max_size=40).map("\n".join)


def tokens(text: str) -> str:
    return " ".join(WORDS.findall(text))


@settings(max_examples=300)
@given(st.text())
def test_never_raises_on_any_text(text):
    result = clean(text)
    assert isinstance(result.body, str)


@settings(max_examples=300)
@given(PASTE)
def test_idempotent_on_its_own_output(paste):
    body = clean(paste).body
    assert clean(body).body == body


@settings(max_examples=300)
@given(PASTE)
def test_every_line_is_accounted_for(paste):
    result = clean(paste)
    parts = [result.body, result.title, result.deck, result.byline, result.dateline]
    parts += [r.text for r in result.removed]
    assert all(r.reason for r in result.removed)
    found = " | ".join(tokens(p) for p in parts)
    for line in paste.split("\n"):
        if tokens(line):
            assert tokens(line) in found, line


# Pieces of chrome lines (our words), so that the generated lines meet the rules' patterns
CHROME_PIECES = [
    *SAMPLES[:12],
    *"photo credit image getty images AP/ AP Photo/ afp reuters dpa epa".split(),
    *"agency agentur fot.".split(),
    *"cookie cookies accept ok got it we use about is was a reporter comment community".split(),
    *"subscribe sign up inbox unsubscribe commission affiliate click buy".split(),
    *"spende like journalism".split(),
    *"all rights reserved alle rechte vorbehalten newsletter next story »".split(),
    *"rightſ newſletter".split(),
    # openings of anchored alternatives, which their gates test by the line's start
    *"if you no spam get did you enjoy this story? texte auf dieser seite".split(),
    *": | / ( ) © . … by the our site story at any time ? ! News Wire Jane Doe".split(),
]


@given(st.lists(st.sampled_from(CHROME_PIECES), min_size=1, max_size=8).map(" ".join))
@example("AP/ Jane Doe")
@example("We use cookies")
@example("Jane Doe / agency")  # credits that only their gate's rarer words let through
@example("Maria Lopez | Agentur")
@example("fot. Jan Kowal")
@example("Bild: Jane Doe")
@example("Quelle: dpa")
@example("2024 Daily Wire all rightſ reserved")  # a long s: its gate must let it through
@example("Our weekly Newſletter")
@example("Courteſy of Jane Doe")  # gates that predate the long-s words
@example("Affıliate links")
@example("Read the next story »")
@example("Got it!")  # gates that look for an anchored alternative's start only
@example("If you buy a kettle through our links, we earn a fee")
@example("No spam, only the weekly digest")
@example("Get the harbour digest in your inbox")
@example("Did you enjoy this story? Tell a friend")
@example("Advertising disclosure: the site is paid for by readers")
@example("About the author")
@example("(Harbour Museum)")
@example("AP/Jane Doe")
@example("The quay at dawn, seen from the ferry. Getty Images ).")  # ends the line
@example("Boats in the harbour iStockphoto")
@settings(max_examples=300)
def test_a_rule_skipped_for_want_of_its_gate_words_could_not_have_matched(line):
    """The word gates only save time: trying every pattern that the line is short enough for,
    in order, gives the same reason."""
    low = text.lower(line)
    expected = next(
        (
            reason
            for reason, pattern, longest, _ in CHROME
            if len(line) <= longest and pattern.match(line)
        ),
        "",
    )
    assert chrome_reason(line, low) == expected


# First characters: ASCII ones (looked up in CHROME_BY_FIRST) and ones that match an ASCII letter
# when case is ignored (Kelvin sign, long s, dotless i, dotted capital I), which meet every rule.
FIRST_CHARS = [*"aAcCfFkKsSiIpPrRtTwW019 ([“©.-_", "\u212a", "\u017f", "\u0131", "\u0130"]


@given(
    st.sampled_from(FIRST_CHARS),
    st.lists(st.sampled_from(CHROME_PIECES), max_size=6).map(" ".join),
)
@example("\u017f", "ign up for the letter")  # a long s: "sign up" when case is ignored
@example("\u212a", "eine Kommentare")  # a Kelvin sign: "keine"
@example("1", "2 Comments")
@settings(max_examples=300)
def test_a_rule_left_out_for_a_lines_first_character_could_not_have_matched(first, rest):
    """CHROME_BY_FIRST only saves time: trying every rule gives the same reason."""
    line = first + rest
    expected = next(
        (
            reason
            for reason, pattern, longest, _ in CHROME
            if len(line) <= longest and pattern.match(line)
        ),
        "",
    )
    assert chrome_reason(line, text.lower(line)) == expected


def every_rule(line: str) -> str:
    """The reason trying every rule the line is short enough for, in order, on the line itself
    ignoring case, gives."""
    return next(
        (
            reason
            for reason, pattern, longest, _ in CHROME
            if len(line) <= longest and pattern.match(line)
        ),
        "",
    )


# Lines in other cases and with capitals beyond ASCII, for the rules matched on the lower-cased
# line
CASED_PIECES = [
    *CHROME_PIECES,
    *"ÜBER DEN AUTOR Über MÄRZ PUBLICITÉ Édition ẞ \u212aommentare".split(),
]
CASES = [str, str.upper, str.title, str.swapcase, str.capitalize]


@given(
    st.lists(st.sampled_from(CASED_PIECES), min_size=1, max_size=8).map(" ".join),
    st.sampled_from(CASES),
)
@example("ÜBER DIE AUTORIN", str)
@example("NEWSLETTER", str)
@example("ALL RIGHTS RESERVED", str)
@example("\u212aommentare", str)  # a Kelvin sign: lower() makes it a 'k'
@example("Jane Doe is a reporter at the Harbour Post", str)  # rules where case matters
@example("(Harbour Museum)", str)
@example("Courtesy of Jane Doe", str)
@example("Recommended: Ferry fares rise again", str)
@settings(max_examples=300)
def test_a_rule_matched_on_the_lower_cased_line_matches_the_lines_it_matched(line, case):
    line = case(line)
    assert chrome_reason(line, text.lower(line)) == every_rule(line)


def test_the_letters_a_lower_cased_rule_names_match_ignoring_case_what_lower_makes_of():
    """What on_lower rests on, for every character: ignoring case, a letter of the rules
    matches just the characters lower() turns into it ('ſ' and 'ı' aside: chrome_reason
    meets their lines with the rules as they are); lower() keeps each character one
    character and keeps it a word, space or digit character or not."""
    named = {c for rule in CHROME if FAST[id(rule)][2] for c in characters(rule[1])}
    assert set("abcxyzäöüéß") <= named
    cased = [
        chr(c) for c in range(0x110000) if chr(c).lower() != chr(c) or chr(c).upper() != chr(c)
    ]
    for char in sorted(named):
        letter = re.compile(re.escape(char), re.I)
        for other in cased + [char]:
            if other in "ſı":
                continue
            assert bool(letter.fullmatch(other)) == (text.lower(other) == char), (char, other)
    classes = [re.compile(c) for c in (r"\w", r"\s", r"\d")]
    for other in cased:
        low = text.lower(other)
        assert len(low) == 1
        assert [bool(c.match(other)) for c in classes] == [bool(c.match(low)) for c in classes]


def characters(pattern: re.Pattern) -> set[str]:
    """Every character a pattern names (literals, class members and ranges)."""
    found, todo = set(), [sre_parse.parse(pattern.pattern, pattern.flags)]
    while todo:
        for op, av in todo.pop():
            if op in (sre.LITERAL, sre.NOT_LITERAL):
                found.add(chr(av))
            elif op is sre.IN:
                todo.append(av)
            elif op is sre.RANGE:
                found.update(map(chr, range(av[0], av[1] + 1)))
            elif op is sre.BRANCH:
                todo.extend(av[1])
            elif op is sre.SUBPATTERN:
                todo.append(av[3])
            elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
                todo.append(av[2])
    return found


def test_on_lower_keeps_only_patterns_that_name_lower_case_letters():
    assert on_lower(re.compile(r"ab\w+[^.!?]{0,9}[a-zäß]\Z", re.I)).flags & re.I == 0
    assert on_lower(re.compile(r"ab(?-i:C)", re.I)) is None  # case matters in part
    assert on_lower(re.compile(r"a(?-i:b)", re.I)) is None  # even with lower-case letters in it
    assert on_lower(re.compile(r"[A-Z]b", re.I)) is None
    assert on_lower(re.compile(r"Über", re.I)) is None
    lowered = [r for r in CHROME if FAST[id(r)][2]]
    assert len(lowered) > len(CHROME) / 2  # most rules are written in lower case


def test_first_class_holds_what_a_match_can_start_with():
    found = first_class(re.compile(r"(\bab|\dc)?(?-i:[X-Z])y", re.I))
    assert all(found.match(c) for c in "aA5xXzZ")  # ignoring case: a superset is safe
    assert not any(found.match(c) for c in "bcw ")
    assert first_class(re.compile(r".{0,3}y")) is None  # any character
    assert first_class(re.compile(r"(a|)")) is None  # may match nothing


def test_rules_for_a_first_character_keep_their_order():
    positions = {id(rule): i for i, rule in enumerate(CHROME)}
    for rules in CHROME_BY_FIRST.values():
        order = [positions[id(rule)] for rule in rules]
        assert order == sorted(order)
    assert CHROME[0] in CHROME_BY_FIRST["x"]  # the separator may start with anything


# Pieces of dates and times in our words and several cases, with letters that ignoring case
# folds in ways lower() does not ('ſ', 'ı', the Kelvin sign, the dotted capital I)
DATE_PIECES = [
    *"3 12 2024 31st 2nd March MÄRZ Dez. déc. SEPT sept. Mayo 10:30 PM a.m. Uhr h".split(),
    *"vor 3 Tagen 2 HOURS ago Yesterday GESTERN heute 2021-05-06T10:00Z 5/6/21 on at".split(),
    *"ſept \u0131st Augu\u017ft \u212aw \u0130stanbul Dear".split(),
]


@given(st.lists(st.sampled_from(DATE_PIECES), min_size=1, max_size=6).map(" ".join))
@example("Publié le 3 DÉC. 2021")
@example("5 ſeptember 2020")  # ignoring case, 'ſ' is an 's'
@settings(max_examples=300)
def test_a_line_holds_a_date_as_the_date_pattern_finds_one_ignoring_case(line):
    """date_leftover searches the lower-cased line without ignoring case: the same lines
    have a date as when the pattern looks at the line itself ignoring case."""
    low = text.lower(line)
    gate = DIGIT.search(line) or holds_any(low, DAY_WORDS)
    found = date_leftover(line, low) is not None
    assert found == bool(gate and DATE.search(line))


# Pieces of captions that end with a credit, in several cases and with folding letters
CAPTION_PIECES = [
    *"The ferry at the quay CREDIT: Jane Doe / AP Photo by Reuters (AFP) Getty Images".split(),
    *"© Hafenamt FOTO: Bild: Quelle: (Symbolbild) (Archivfoto) credit... Credit… . ) (".split(),
    *"ſymbolbild Credıt Photoſ KUVA: İmages:".split(),
]


@given(st.lists(st.sampled_from(CAPTION_PIECES), min_size=1, max_size=7).map(" ".join))
@example("The quay at dawn (ſymbolbild)")  # ignoring case, 'ſ' is an 's'
@settings(max_examples=300)
def test_a_caption_tail_is_found_in_the_lower_cased_line_as_the_pattern_finds_it(line):
    low = text.lower(line)
    assert caption_tail(line, low) == bool(CAPTION_TAIL.search(line[-CAPTION_SPAN:]))


TEASER_PIECES = [
    *"... … […] [...] .. . read more Weiterlesen MORE » › > ferry quay".split(),
    " ",
    "",
]


@given(st.lists(st.sampled_from(TEASER_PIECES), max_size=8).map("".join), st.booleans())
@example("The ferry left at noon and...", False)
@example("The ferry left … Read more »", False)
@settings(max_examples=300)
def test_a_teaser_tail_is_found_where_the_pattern_finds_it(line, spaced):
    line = line.replace("e", "e ") if spaced else line
    tail = line[-TAIL:]
    assert teaser_tail(tail) == bool(TEASER_TAIL.search(tail))
