"""Author and headline as the paste prints them, found around the story (in-house text)."""

from __future__ import annotations

import re

from briefing.metadata import byline, extract
from briefing.metadata.byline import author_name_line, clean_author, name_beside_date
from briefing.metadata.knowledge import build_knowledge
from briefing.model import CleanedArticle, Removed
from briefing.settings import Options
from hypothesis import example, given
from hypothesis import strategies as st

KNOWLEDGE = build_knowledge({}, {}, Options())
LEAD = (
    "Envoys from Kabul and Doha agreed on Monday on a timetable for the release of "
    "prisoners, the first step of the peace plan that both sides signed in the spring."
)
SHARE = ["Facebook", "Twitter", "WhatsApp", "Email", "Print", "Comments", "Copy link", "Save"]


def test_the_byline_under_our_headline_when_the_cleaner_took_a_caption_for_it():
    caption = "A convoy waits at the border crossing (photo archive)"
    lines = ["World", "", "Prisoner release timetable agreed in Doha", ""]
    lines += ["von Ayesha Khan", "", *SHARE, "", caption, "", LEAD]
    cleaned = CleanedArticle(body=LEAD, title=caption)
    meta = extract(cleaned, {}, KNOWLEDGE, "2021-01-01", "\n".join(lines))
    assert meta.title == "Prisoner release timetable agreed in Doha"
    assert meta.author == "Ayesha Khan"


def test_a_question_is_no_name():
    assert clean_author("von wem?") == ""
    assert clean_author("von Ayesha Khan") == "Ayesha Khan"


def test_a_signature_the_cleaner_set_aside_names_the_author():
    for signature in ("Text: Ana Lopez", "Text und Fotos: Ana Lopez", "par Ana Lopez"):
        cleaned = CleanedArticle(body=LEAD, title="Talks", removed=(Removed(signature, "byline"),))
        assert extract(cleaned, {}, KNOWLEDGE, "2021-01-01").author == "Ana Lopez"
    # a teaser that opens with the same word names no one
    cleaned = CleanedArticle(
        body=LEAD, title="Talks", removed=(Removed("von Kabul bis Doha", "byline"),)
    )
    assert extract(cleaned, {}, KNOWLEDGE, "2021-01-01").author == ""


def test_a_desk_the_byline_credits_is_the_author():
    # the page's byline names a desk, not a person: readers still learn who stands behind it
    assert clean_author("By Web Desk") == "Web Desk"
    assert clean_author("Autor: Redaktion") == "Redaktion"
    assert clean_author("By Staff and wire reports") == "Staff and wire reports"
    assert name_beside_date("Kabul, Frontier Ledger Bureau | Updated: 19 Nov 2019") == (
        "Frontier Ledger Bureau"
    )
    # a known outlet alone is the source (shown as such), not an author
    assert clean_author("By Pacific Wire") == ""
    # without "By" or a date beside it, a desk word is page chrome
    assert clean_author("Our Correspondent") == ""
    assert clean_author("Posted by") == ""


def test_the_headline_over_the_story_when_the_cleaner_kept_a_site_blurb_as_its_lead():
    blurb = (
        "Regional Weekly is an independent magazine about diplomacy in South and Central Asia, "
        "written by a small team of editors who have followed the region for many years."
    )
    story = [LEAD, LEAD.replace("Monday", "Tuesday"), LEAD.replace("Doha", "Geneva")]
    menu = ["Home", "Politics", "Economy", "Region", "Opinion", "Podcasts", "About us"]
    headline = "Prisoner release timetable agreed in Doha"
    lines = [blurb, "", *menu, "", headline, "", "Ana Lopez", "Nov 19, 2019", "", *story]
    body = "\n\n".join([blurb, *story])
    meta = extract(CleanedArticle(body=body), {}, KNOWLEDGE, "2021-01-01", "\n".join(lines))
    assert meta.title == headline
    assert meta.author == "Ana Lopez"  # the name under it, over the story
    # a standfirst between the headline and the story does not join it to the blurb
    deck = (
        "The first step of the plan signed in the spring, it frees two hundred prisoners a "
        "week from the end of the month, officials from both delegations said."
    )
    lines = [blurb, "", *menu, "", headline, "", deck, "", *SHARE, "", *story]
    meta = extract(CleanedArticle(body=body), {}, KNOWLEDGE, "2021-01-01", "\n".join(lines))
    assert meta.title == headline


def test_a_byline_loses_a_glued_by_a_handle_and_a_last_updated_stamp():
    assert clean_author("By Ana Lopez@AnaLopezKabul") == "Ana Lopez"
    assert clean_author("By Ana Lopez Last updated Nov 8, 2023 Share") == "Ana Lopez"
    lines = ("Council answers its critics", "ByAna Lopez", "Nov 19, 2019", LEAD)
    assert author_name_line(lines, 3, 0) == "Ana Lopez"


# _OUTLET and _COPYRIGHT open with a class of their first characters, checked behind them, so
# that re skips to those characters: they must find what their plain spellings find.
_PLAIN_OUTLET = re.compile(
    r"(?<![\w])(?:"
    + "|".join(re.escape(o) for o in sorted(byline.KNOWN_OUTLETS, key=len, reverse=True))
    + r")(?![\w])"
)
_PLAIN_COPYRIGHT = re.compile(
    r"(?:©|\(c\)|copyright)" + byline._COPYRIGHT.pattern.split("opyright)", 1)[1], re.I
)
_OUTLET_PIECES = [*byline.KNOWN_OUTLETS, "x", "BBCs", " ", "/", "-", "(", "c)", "(C)", "©", "2019"]
_CREDIT_PIECES = ["copyright", "Copyright", "COPYRIGHT", "xcopyright", " ", "All rights", "."]


@given(st.lists(st.sampled_from(_OUTLET_PIECES + _CREDIT_PIECES), max_size=8).map("".join))
@example("xBBC News BBC")
@example("(c) 2020 Valley Ledger. All rights reserved")
def test_outlet_and_copyright_patterns_find_what_their_plain_spellings_find(text):
    def found(pattern, how):
        m = getattr(pattern, how)(text)
        return m and (m.span(), m.groupdict())

    for how in ("search", "fullmatch"):
        assert found(byline._OUTLET, how) == found(_PLAIN_OUTLET, how)
    assert found(byline._COPYRIGHT, "search") == found(_PLAIN_COPYRIGHT, "search")
