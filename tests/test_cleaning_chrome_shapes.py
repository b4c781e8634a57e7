"""Chrome shapes that real pages print inside or under an article: a picture's "courtesy"
credit, a "Recommended:" teaser, a numbered box of the most read stories. Each goes, and the
article's own sentences and numbered lists that look like them stay."""

from __future__ import annotations

from briefing.cleaning import clean

LEAD = (
    "The harbour board voted on Tuesday to rebuild the old ferry pier before the winter "
    "storms, ending a dispute that had kept the crossing closed for most of the year."
)
MIDDLE = (
    "Engineers told the board that the wooden piles had rotted far faster than expected, and "
    "that a concrete deck would last at least forty years with modest upkeep."
)
CLOSE = (
    "Work is due to begin next month, and the board expects the first boats to call again "
    "at the pier by late spring, weather permitting."
)


def page(*middle: str) -> str:
    """A paste: a small header, the article with `middle` lines between its paragraphs, a footer."""
    parts = ["Home | Local | Sport | Weather", "Ferry pier to be rebuilt", "By Dana Reyes"]
    parts += [LEAD, *middle, MIDDLE, CLOSE, "Contact us", "\u00a9 2024 The Coast Courier"]
    return "\n\n".join(parts) + "\n"


def removed_reasons(result) -> dict[str, str]:
    return {r.text: r.reason for r in result.removed}


def test_courtesy_credit_under_a_picture_goes_with_its_caption():
    caption = "The ferry pier seen from the harbour wall in early March."
    result = clean(page(caption, "Photo courtesy of Marta Lindqvist"))
    assert "courtesy" not in result.body
    assert caption not in result.body
    assert removed_reasons(result)["Photo courtesy of Marta Lindqvist"] == "photo credit"
    assert MIDDLE in result.body and CLOSE in result.body


def test_bare_courtesy_credit_goes():
    result = clean(page("Courtesy of the Harbour Museum"))
    assert "Courtesy" not in result.body
    assert MIDDLE in result.body


def test_courtesy_in_a_sentence_of_the_story_stays():
    said = (
        "Courtesy of a grant from the county, the board will also repaint the waiting room "
        "and fit new lights along the quay."
    )
    short = "The plans were shown courtesy of the county."
    result = clean(page(said, short))
    assert said in result.body
    assert short in result.body


def test_recommended_teaser_inside_the_article_goes():
    teaser = "Recommended: Why the island bus service keeps running late"
    result = clean(page(teaser))
    assert "Recommended" not in result.body
    assert removed_reasons(result)[teaser] == "also read"
    assert MIDDLE in result.body


def test_recommended_sentence_of_the_story_stays():
    advice = "Recommended: arrive early, as parking near the quay is scarce."
    result = clean(page(advice))
    assert advice in result.body
    tip = "Recommended: warm boots and a flask of tea"  # advice needs no full stop
    assert tip in clean(page(tip)).body


def test_numbered_most_read_box_under_the_article_goes():
    box = (
        "Most read\n\n1. Council delays vote on the new school\n\n"
        "2. Storm warning for the north coast\n\n3. Local bakery wins a national prize\n\n"
        "4. Road closures for the marathon this weekend"
    )
    text = page().replace("Contact us", box + "\n\nContact us")
    result = clean(text)
    assert "Council delays" not in result.body and "marathon" not in result.body
    assert CLOSE in result.body


def test_numbered_list_of_the_story_stays_as_one_list():
    items = (
        "The board listed its conditions:\n"
        "1. The pier must carry an ambulance at full load\n"
        "2. Fishing boats keep their moorings during the work\n"
        "3. The old lamp posts are restored, not replaced"
    )
    result = clean(page(items))
    assert (
        "1. The pier must carry an ambulance at full load\n"
        "2. Fishing boats keep their moorings during the work\n"
        "3. The old lamp posts are restored, not replaced"
    ) in result.body


def test_numbers_out_of_order_are_not_joined_into_one_list():
    text = page("3. The pier must carry an ambulance at full load", "1. Fishing boats stay put")
    result = clean(text)
    assert "at full load\n1." not in result.body


def test_numbered_most_read_box_inside_the_article_goes():
    box = (
        "Most read\n\n1. Council delays vote on the new school\n\n"
        "2. Storm warning for the north coast\n\n3. Local bakery wins a national prize"
    )
    result = clean(page(box))
    assert "Council delays" not in result.body and "bakery" not in result.body
    assert MIDDLE in result.body and CLOSE in result.body


def test_numbered_list_under_a_longer_heading_of_the_story_stays():
    items = (
        "Most read books of the year\n\n"
        "1. A history of the coast guard\n\n2. Knots for small boats\n\n3. Tides and charts"
    )
    result = clean(page(items))
    assert "2. Knots for small boats" in result.body and "3. Tides and charts" in result.body


def test_star_bullets_of_the_story_become_one_list():
    items = (
        "The board listed its worries:\n* Rising costs of steel\n* A shortage of divers\n"
        "* Late delivery of the new gangway"
    )
    result = clean(page(items))
    assert (
        "- Rising costs of steel\n- A shortage of divers\n- Late delivery of the new gangway"
    ) in result.body


def test_bracketed_name_under_a_picture_is_a_credit():
    caption = "Divers inspect the piles under the pier at low tide last week."
    result = clean(page(caption, "(Coast Courier Archive)"))
    assert "Archive" not in result.body and caption not in result.body
    assert MIDDLE in result.body


def test_a_one_word_mark_in_brackets_leaves_the_sentence_above_it():
    # a wire story's end mark, a note that the story changed: neither is a picture's credit
    for mark in ("(END)", "(Updated)"):
        result = clean(page(mark))
        assert LEAD in result.body and MIDDLE in result.body


def test_a_name_in_brackets_inside_a_sentence_stays():
    said = (
        "The new deck will be paid for by the port authority (Coast Ports Limited) and by "
        "a loan from the regional bank, the board said."
    )
    result = clean(page(said))
    assert said in result.body


def test_subheading_under_a_teaser_that_carries_its_headline_stays():
    teaser = "See also: Island bus timetable changes from May"
    result = clean(
        page(teaser, "Costs and Timing", MIDDLE).replace(MIDDLE + "\n\n" + MIDDLE, MIDDLE)
    )
    assert "## Costs and Timing" in result.body
    assert teaser not in result.body


def test_headline_under_a_bare_label_still_goes():
    result = clean(page("See also:", "Island bus timetable changes from May"))
    assert "timetable" not in result.body


def test_a_longer_label_over_a_numbered_list_keeps_every_item():
    # a label of more than three words may head the article's own list: no item of it goes
    items = "1. A quiet winter by the sea\n\n2. The keeper of the tide\n\n3. Salt and iron"
    result = clean(page("Most read novels of the decade\n\n" + items))
    assert "1. A quiet winter by the sea\n2. The keeper of the tide\n3. Salt and iron" in (
        result.body
    )
