"""The eval's ceiling: what a paste prints of a gold title or date, found by code."""

from __future__ import annotations

import sys
from datetime import date

import pytest
from conftest import DEVDATA, ROOT

sys.path.insert(0, str(ROOT / "tools"))

from meta_ceiling import (  # noqa: E402
    date_reach,
    evening_next_days,
    load_scorer,
    printed_days,
    title_candidates,
    title_reach,
    utc_days,
)

PASTE = """Skip to main menu
Garden Notes | Growing tomatoes on a cold balcony | The Potting Shed
Posted by Jo Pike, April 3, 2022, 9:15 pm EDT
Last spring I tried three varieties in pots."""


def test_a_headline_is_found_between_the_separators_of_its_line():
    candidates = title_candidates(PASTE)
    assert candidates["Growing tomatoes on a cold balcony"] == "part"
    assert candidates["Garden Notes | Growing tomatoes on a cold balcony"] == "part"
    assert candidates["Skip to main menu"] == "line"
    assert title_candidates("3. Ferry fares rise again")["Ferry fares rise again"] == "part"


def test_a_headline_wrapped_over_two_lines_is_found_joined():
    candidates = title_candidates("Why the canal froze\nin the first week of March\nBy Ann")
    assert candidates["Why the canal froze in the first week of March"] == "two lines"


def test_printed_days_read_both_orders_and_short_years():
    assert printed_days("Club quiz, Friday 3/6/20, upstairs") == {
        date(2020, 3, 6),
        date(2020, 6, 3),
    }
    assert date(2021, 11, 14) in printed_days("Filed 14. November 2021 in Graz")
    assert printed_days("Scores: 3/4 of votes, 2/3 quorum") == set()


def test_a_zoned_evening_time_gives_the_next_day_in_utc():
    assert utc_days(PASTE) == {date(2022, 4, 4)}
    assert utc_days("Filed 12 May 2021 10:00 GMT") == set()  # same day in UTC: nothing new


def test_an_evening_time_without_a_zone_gives_the_day_after():
    assert evening_next_days("May 2, 2021 at 8:40 pm") == {date(2021, 5, 3)}
    assert evening_next_days("May 2, 2021 at 8:40 am") == set()
    assert evening_next_days("May 2, 2021 at 8:40 pm PDT") == set()  # zoned: utc_days's


@pytest.mark.skipif(not (DEVDATA / "score_meta.py").exists(), reason="no dev data")
def test_reach_uses_the_scorers_comparison():
    scorer = load_scorer(DEVDATA)
    candidates = title_candidates(PASTE)
    reach = title_reach(scorer, "GROWING tomatoes on a cold balcony", candidates)
    assert reach.exact  # the scorer folds case
    # a site suffix the paste never prints: lenient only, through the printed headline
    reach = title_reach(scorer, "Growing tomatoes on a cold balcony - Allotment Weekly", candidates)
    assert not reach.exact and reach.lenient == "Growing tomatoes on a cold balcony"
    # a printed label that is a small part of the gold title is no lenient hit
    gold = "Garden notes from a wet April weekend on the allotment"
    assert scorer.compare("title", gold, "Garden Notes")[1]
    assert not title_reach(scorer, gold, candidates).lenient
    assert date_reach(scorer, "2022-04-03", PASTE).printed
    unprinted = date_reach(scorer, "2022-04-04T01:15:00Z", PASTE)
    assert not unprinted.printed and unprinted.utc
