"""Headline, byline and date found around the story in a paste (small pastes written by us)."""

from __future__ import annotations

from briefing.metadata.title import headline_from_layout, is_deck

LEAD = (
    "Officials in the capital said on Tuesday that the new road would open next spring, "
    "after two years of delays and a dispute over who would pay for the bridge."
)


def _pick(lines: list[str], cleaner_title: str = "") -> str:
    lines = [*lines, LEAD]
    return headline_from_layout(tuple(lines), len(lines) - 1, "", cleaner_title)


def test_standfirst_under_the_headline_is_not_the_headline():
    assert is_deck(
        "The suspect confessed and the jury took just fifteen minutes",
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
