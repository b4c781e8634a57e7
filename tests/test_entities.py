"""Entities: registry aliases resolve to one canonical name; unknown names become candidates."""

from __future__ import annotations

import tomllib

from briefing.metadata.entities import find_entities
from briefing.metadata.knowledge import build_knowledge
from briefing.settings import Options

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
