"""Headline, byline and date found around the story in a paste (small pastes written by us)."""

from __future__ import annotations

import re
from datetime import date

from briefing.metadata import layout
from briefing.metadata.byline import author_name_line, clean_author, wire_of_dateline
from briefing.metadata.calendar import day_first, find_dates
from briefing.metadata.layout import _PROSE_WORDS, build_layout, is_prose
from briefing.metadata.title import best_headline, is_deck
from briefing.model import CleanedArticle
from hypothesis import example, given
from hypothesis import strategies as st

LEAD = (
    "Officials in the capital said on Tuesday that the new road would open next spring, "
    "after two years of delays and a dispute over who would pay for the bridge."
)


def _pick(lines: list[str], cleaner_title: str = "") -> str:
    lines = [*lines, LEAD]
    return best_headline(tuple(lines), (len(lines) - 1,), "", cleaner_title)


def test_standfirst_under_the_headline_is_not_the_headline():
    assert is_deck(
        "The defendant admitted the theft and the panel needed only ten minutes",
        "Jury Convicts Man In Bridge Case",
    )
    assert is_deck("The road will open in spring.", "City road opens after two years of delays")
    assert not is_deck("City road opens after delays", "Politics")
    lines = [
        "City Road Opens After Two Years Of Delays",
        "",
        "The new road was promised for years and the bridge dispute is still not settled",
        "",
        "By Ana Lopez",
    ]
    assert _pick(lines, cleaner_title=lines[2]) == lines[0]


def test_photo_credit_and_label_values_are_not_headlines():
    lines = [
        "City road opens after two years of delays",
        "Updated Nov 19, 9:41 AM",
        "Alex Wong | Getty Images",
        "The bridge over the river, seen from the north.Jane Doe / Reuters file",
        "Author:",
        "The Morning Desk Team",
    ]
    assert _pick(lines) == lines[0]


def test_a_menu_printed_twice_does_not_make_a_headline():
    menu = ["Local News Today", "Weather And Traffic", "Sports Scores Live"]
    lines = [*menu, "", "City road opens after two years of delays", "", "By Ana Lopez", *menu]
    assert _pick(lines) == "City road opens after two years of delays"


def test_author_printed_as_a_bare_name_next_to_the_headline_or_date():
    lines = (
        "Markets",
        "Oil slips as supply worries weigh on prices",
        "",
        "Nadia Korvel@NadiaKorvel",
        "Nov 19, 2019 4:26 pm",
        LEAD,
    )
    assert author_name_line(lines, 5, 1) == "Nadia Korvel"
    lines = ("Oil slips as supply worries weigh on prices", "Ramon Castell", "5 Min Read", LEAD)
    assert author_name_line(lines, 3, 0) == "Ramon Castell"
    lines = (
        "Oil slips as supply worries weigh on prices",
        "",
        "",
        "Key Points",
        "Top Stories",
        LEAD,
    )
    assert author_name_line(lines, 5, 0) == ""


def test_roles_and_outlets_glued_to_the_name_are_cut():
    assert clean_author("By Meg JamesStaff Writer") == "Meg James"
    assert clean_author("By Jonathan GarberFOXBusiness") == "Jonathan Garber"
    assert clean_author("By Tim Childers - Live Science Contributor") == "Tim Childers"
    assert clean_author("By Bryan DeArdo") == "Bryan DeArdo"


def test_news_agency_credited_is_the_author():
    assert clean_author("By Reuters") == "Reuters"
    assert clean_author("Reuters November 18, 2019 11:03 PM") == "Reuters"
    assert wire_of_dateline("WASHINGTON (Reuters) - Scientists on Monday said") == "Reuters"
    assert wire_of_dateline("Washington was quiet (Reuters) - on Monday") == ""


def test_us_order_with_dots_is_read_when_the_month_cannot_be_first():
    assert [f.day for f in find_dates("11.14.2019 09:00 AM")] == [date(2019, 11, 14)]
    assert [f.day for f in find_dates("05.06.2019")] == [date(2019, 6, 5)]


def test_numeric_dates_follow_the_pages_own_order():
    assert day_first("Posted 25/12/2020. Updated 05/06/2020")
    assert not day_first("Posted 12/25/2020. Updated 05/06/2020")
    assert not day_first("June 1, 2020\nPosted by Desk, 06/01/2020")
    assert day_first("1 June 2020\nPosted by Desk, 01/06/2020")
    assert day_first("Posted 05/06/2020")  # cannot tell: day first, as most pastes write it


def test_a_year_glued_to_the_time_is_still_read():
    assert [f.day for f in find_dates("Published Wed, Nov 20 20194:29 AM EST")] == [
        date(2019, 11, 20)
    ]


def test_cleaner_title_one_line_too_high_is_corrected_by_its_standfirst():
    lines = [
        "News, Analysis and Perspective for Solution Providers",
        "",
        "Tim Cook On Apple Being Pulled Into The Enterprise",
        "",
        "The two chief executives talked about mobile work and remembered an old keynote",
        "",
        "By Joseph Tsidulko November 19, 2019",
    ]
    lines.append(LEAD)
    deck = f"{lines[2]}\n{lines[4]}"
    assert best_headline(tuple(lines), (len(lines) - 1,), "", lines[0], deck) == lines[2]
    plain_deck = lines[4]
    assert best_headline(tuple(lines), (len(lines) - 1,), "", lines[2], plain_deck) == lines[2]


def test_german_stand_line_dates_the_article():
    from briefing.metadata import extract
    from briefing.metadata.knowledge import build_knowledge
    from briefing.model import CleanedArticle
    from briefing.settings import Options

    raw = f"Road opens after two years of delays\n\nStand: 07.11.2023, 07:30 Uhr\n\n{LEAD}\n"
    cleaned = CleanedArticle(body=LEAD, title="Road opens after two years of delays")
    knowledge = build_knowledge({}, {}, Options())
    assert extract(cleaned, {}, knowledge, "", raw).date == "2023-11-07"


def test_a_headline_the_cleaner_left_in_the_body_over_its_date_is_not_the_lead():
    headline = "Volunteers plant four hundred trees along the canal!"
    raw = f"Garden Club\n\nOur News\n\n{headline}\n\nMarch 3, 2021 / by admin\n\n{LEAD}\n"
    cleaned = CleanedArticle(body=f"{headline}\n\nMarch 3, 2021 / by admin\n\n{LEAD}")
    layout = build_layout(raw, cleaned)
    assert layout.lines[layout.lead] == LEAD
    assert best_headline(layout.lines, (layout.lead,), "", "Our News") == headline
    # a story whose first paragraph is short but has no date line under it keeps it as its lead
    short = "Volunteers planted four hundred trees along the canal on Saturday morning."
    raw = f"{headline}\n\n{short}\n\n{LEAD}\n"
    layout = build_layout(raw, CleanedArticle(body=f"{short}\n\n{LEAD}"))
    assert layout.lines[layout.lead] == short


# Words, runs of spaces and punctuation, and the letters whose lower case is not one letter of
# their own (a capital sigma's depends on what follows it; a dotted capital I's is two).
_PIECES = st.sampled_from(
    ["word", "Wörter", "ΟΔΟΣ", "Σ", "İstanbul", " ", "  ", "--", "’", ".", "\u0301", "ʰ"]
)


@given(st.lists(_PIECES, max_size=80).map("".join))
@example("ΑΣ" + "ʰ" * 130 + "b")  # modifier letters: words to re, nothing to lower()
@example("İ" * 130)
@example("-" * 130 + " word" * 12)  # a head with no word: the whole line decides
def test_a_long_lines_opening_compares_as_the_whole_line_would(line):
    # find_line normalises only the head of a long line: what it compares (the first 40
    # characters, and whether there are more than 40) must be what the whole line gives.
    opening, whole = layout._opening(line), layout._normal(line)
    assert opening == whole or (len(opening) > 40 and whole.startswith(opening[:41]))


def _find_line_slowly(lines: tuple[str, ...], text: str, start: int = 0) -> int | None:
    """find_line as first written: every line normalised whole."""
    probe = layout._normal(text)[:40]
    if len(probe) < 8:
        return None
    for index in range(start, len(lines)):
        line = layout._normal(lines[index])
        if line.startswith(probe) or (len(line) >= 20 and probe.startswith(line)):
            return index
    return None


_OPENINGS = st.lists(st.sampled_from(["Ab", "ab", "ΟΔΟΣ", "İl", "ʰ", " ", "-", "’", ".", "x" * 9]))


@given(st.lists(_OPENINGS.map("".join), max_size=6), _OPENINGS.map("".join))
@example(["", "  -- Ab ab, Ab ab ab ab ab ab", "ab ab ab ab ab ab ab ab ab ab"], "Ab ab ab ab!")
@example(["ΑΣ.b xxxxxxxxx"], "ΑΣ b xxxxxxxxx")  # the sigma is final in the normal form only
def test_find_line_finds_the_line_that_normalising_every_line_whole_finds(lines, text):
    lines = tuple(lines)
    assert layout.find_line(lines, text) == _find_line_slowly(lines, text)
    assert layout.find_line(lines, text, 1) == _find_line_slowly(lines, text, 1)


_ENDS = st.sampled_from(
    ["word", " ", "  ", "\n", ".", "!", "?", "…", ":", '"', "”", ")", "»", "。", "A"]
)


@given(st.lists(_ENDS, max_size=12).map("".join))
def test_sentence_end_opening_with_one_class_finds_what_three_alternatives_find(line):
    plain = re.compile(r"[.!?…:;\"”’)»。！？]\s*$|[.!?]\s+\S|[。！？]")
    assert bool(layout._SENTENCE_END.search(line)) == bool(plain.search(line))


def test_prose_needs_its_words_and_no_more_characters_than_they_take():
    # is_prose skips counting words on a line shorter than its words could be: twenty words
    # of one character and single spaces take 39 characters, and that line is prose
    line = " ".join(["a"] * (_PROSE_WORDS - 1) + ["."])
    assert len(line) == 2 * _PROSE_WORDS - 1 and is_prose(line)
    assert not is_prose(line[2:])  # nineteen words
