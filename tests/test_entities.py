"""Entities: registry aliases resolve to one canonical name; unknown names become candidates."""

from __future__ import annotations

import re
import tomllib

from briefing.metadata import entities, knowledge
from briefing.metadata.entities import find_entities
from briefing.metadata.knowledge import build_knowledge
from briefing.settings import Options
from hypothesis import example, given
from hypothesis import strategies as st

REGISTRY = tomllib.loads("""
[[person]]
name = "Qamar Javed Bajwa"
aliases = ["COAS", "Army Chief", "General Bajwa", "Gen. Qamar", "Bajwa"]
[[person]]
name = "Shah Mahmood Qureshi"
aliases = ["Qureshi"]
[[place]]
name = "United States"
aliases = ["US", "U.S.", "United States of America"]
[[organization]]
name = "Taliban"
aliases = ["the Taliban"]
""")
KNOWLEDGE = build_knowledge({}, REGISTRY, Options())


def test_aliases_resolve_to_one_canonical_name():
    text = (
        "The COAS met U.S. officials. Army Chief General Bajwa said the US and the United "
        "States of America agree. Gen. Qamar left; Qamar Javed Bajwa returned."
    )
    found = find_entities(text, KNOWLEDGE)
    assert found.people == ("Qamar Javed Bajwa",)
    assert found.places == ("United States",)


def test_capitalised_aliases_match_only_as_written():
    found = find_entities("Let us talk to us about the coas.", KNOWLEDGE)
    assert found.places == () and found.people == ()


def test_titles_are_not_part_of_names():
    found = find_entities("Foreign Minister Shah Mahmood Qureshi met the Taliban.", KNOWLEDGE)
    assert found.people == ("Shah Mahmood Qureshi",)
    assert found.organizations == ("Taliban",)


def test_unknown_names_with_titles_become_candidates():
    text = (
        "Special Envoy Mohammad Sadiq arrived. Ambassador Mohammad Sadiq met Qureshi. "
        "The Monday meeting was short."
    )
    found = find_entities(text, KNOWLEDGE)
    assert "Mohammad Sadiq" in found.candidates
    assert "Shah Mahmood Qureshi" not in found.candidates and found.people == (
        "Shah Mahmood Qureshi",
    )


def test_conflicting_alias_is_reported_not_silently_merged():
    bad = tomllib.loads(
        '[[person]]\nname = "A One"\naliases = ["AO"]\n'
        '[[organization]]\nname = "Another Org"\naliases = ["AO"]\n'
    )
    knowledge = build_knowledge({}, bad, Options())
    assert any("'AO'" in p for p in knowledge.problems)


def test_a_turkish_capital_dotted_i_matches_the_registry_both_ways():
    registry = tomllib.loads('[[place]]\nname = "İzmir"\naliases = ["Izmir Bay"]\n')
    knowledge = build_knowledge({}, registry, Options())
    for text in ("Ferries left İzmir at dawn.", "Ferries left izmir at dawn.", "İZMİR BAY"):
        assert find_entities(text, knowledge).places == ("İzmir",), text


_TITLE_PIECES = ["President", "Minister", "Prime", "Dr.", "Ann", "Lee", "Foreign", "al", "x", "of"]


@given(st.lists(st.sampled_from([*_TITLE_PIECES, " ", "  ", ", "]), max_size=12).map("".join))
@example("President Minister Ann Lee met Dr. Lee")
def test_titled_names_are_what_a_search_for_title_and_name_finds(text):
    # _TITLED takes only the capital, reading the title and name ahead of it, so that re skips
    # to capitals; _titled drops a match the plain search would have passed over.
    plain = re.compile(rf"(?=[A-Z])(?<![\w]){entities._TITLES}\s+{entities._NAME}")
    expected = [(m["name"], m.span("name")) for m in plain.finditer(text)]
    assert [(m["name"], m.span("name")) for m in entities._titled(text)] == expected


def test_a_letter_as_a_class_holds_what_re_matches_to_it_ignoring_case():
    everything = "".join(map(chr, range(0xD800))) + "".join(map(chr, range(0xE000, 0x110000)))
    for letter in "abcdefghijklmnopqrstuvwxyz":
        head = re.compile(knowledge._head(letter, True))
        assert head.findall(everything) == re.findall(letter, everything, re.I)


_ALIAS_PIECES = [
    "Stan",
    "stone",
    "STONE",
    "ſtone",
    "Kim",
    "\u212aim",
    "İsa",
    "isa",
    "ısa",
    " ",
    "-",
]


@given(st.lists(st.sampled_from([*_ALIAS_PIECES, "x", "Ω"]), max_size=10).map("".join))
@example("Stone Kim, ſtone \u212aim and İsa")
def test_phrases_found_ignoring_case_with_letters_as_classes_are_the_plain_tries(text):
    phrases = ["stone", "stan lee", "kim", "isa", "ısa bey", "sta"]
    fast = knowledge.phrase_pattern(phrases)
    trie = knowledge._trie(phrases)
    first = "".join(sorted(re.escape(c) for c in trie))
    plain = rf"(?<![\w])(?=[{first}])(?:{knowledge._trie_regex(trie)})(?![\w])"
    expected = [m.span() for m in re.finditer(plain, text, re.I)]
    assert [m.span() for m in fast.finditer(text)] == expected


def test_phrases_found_ignoring_ascii_case_only_are_the_plain_tries():
    # under re.ASCII only the ASCII letters pair up: a Kelvin sign or a long s is no k or s
    phrases, text = ["aki", "asi"], "a\u212ai, a\u017fi, AKI and aSi"
    fast = knowledge.phrase_pattern(phrases, re.I | re.A)
    trie = knowledge._trie(phrases)
    plain = rf"(?<![\w])(?:{knowledge._trie_regex(trie)})(?![\w])"
    assert [m.span() for m in fast.finditer(text)] == [
        m.span() for m in re.finditer(plain, text, re.I | re.A)
    ]
    assert [m.group(0) for m in fast.finditer(text)] == ["AKI", "aSi"]
