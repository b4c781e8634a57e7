"""Publication dates read from pastes: glued markup, numeric day order, date stamps under the
story, labels that name other dates (small pastes written by us)."""

from __future__ import annotations

import re
from datetime import date
from itertools import product

from briefing.metadata import calendar, dates, extract
from briefing.metadata.calendar import day_first, find_dates, find_month_days
from briefing.metadata.dates import byline_date, posted_this_year
from briefing.metadata.knowledge import build_knowledge
from briefing.metadata.layout import Layout
from briefing.model import CleanedArticle
from briefing.settings import Options
from hypothesis import example, given
from hypothesis import strategies as st

PARAGRAPHS = (
    "Officials in the capital said on Tuesday that the new road would open next spring, "
    "after two years of delays and a dispute over who would pay for the bridge.",
    "The council voted to share the cost with the region, and work on the last section "
    "will start as soon as the ground has thawed, the mayor told reporters.",
    "Residents who live along the old route said they hoped the traffic would finally "
    "move away from their streets, which were never built for lorries.",
)
TITLE = "Road opens after two years of delays"
# A long site menu: a date stamp above it is far from the story.
MENU = "\n".join(f"Menu item {i}" for i in range(120))


def _date_of(raw: str) -> str:
    cleaned = CleanedArticle(body="\n\n".join(PARAGRAPHS), title=TITLE)
    meta = extract(cleaned, {}, build_knowledge({}, {}, Options()), "", raw)
    return meta.date if meta.source_of("date") == "text" else ""


def _days(text: str, prefer_dmy: bool = True) -> list[date]:
    return [f.day for f in find_dates(text, prefer_dmy)]


def test_year_glued_to_what_follows_is_read():
    # published and updated dates, a time or a comment count glued on by lost markup
    assert _days("21. März 202121. März 2021 von Ana")[0] == date(2021, 3, 21)
    assert _days("17/11/201917/11/2019 ~ Ana")[0] == date(2019, 11, 17)
    assert _days("14 luglio 202109:12 News") == [date(2021, 7, 14)]
    assert _days("09/14/20212 Kommentare") == [date(2021, 9, 14)]
    assert _days("Ana Lopez22. Februar 2020") == [date(2020, 2, 22)]
    # a two-digit year glued to a time is not a year of the 1910s
    assert _days("ana14.10.1909:27") == [date(2019, 10, 14)]
    assert _days("am 5. Januar 2020123 Besucher") == []  # no date and no time follows


def test_two_digit_year_only_with_a_time():
    assert _days("By Ana Lopez - 11/21/19 07:42 AM EST", False) == [date(2019, 11, 21)]
    assert _days("a ratio of 1/2/20 was agreed") == []


def test_indonesian_month_words():
    assert _days("Posted on Maret 12, 2016 by Admin") == [date(2016, 3, 12)]


def test_american_clock_reads_month_first_on_english_pages():
    story = " ".join(PARAGRAPHS)
    assert not day_first(f"Updated 11/8/2023 10:46 PM\n{story}")
    assert not day_first(f"By Ana Lopez • 11/09/23 4:27pm\n{story}")
    assert day_first(f"02/11/2023 02:00pm GMT\n{story}")  # British, with a 12-hour clock
    assert day_first(f"05/12/2020 - 15:10\n{story}")
    assert day_first("10/05/2022 05:22 pm\nEl senador dijo que la reforma no pasará.")


def test_byline_date_labelled_as_another_kind_is_skipped():
    assert byline_date(["Termin: 14.03.2021, 19:00 Uhr"], True) == ""
    assert byline_date(["Version 2, 14 June 2009"], True) == ""
    assert byline_date(["Von Ana Lopez, 24. Januar 2022"], True) == "2022-01-24"


def test_date_stamp_right_under_the_story():
    raw = "\n\n".join(("Menu", TITLE, *PARAGRAPHS, "Datum: 19.11.2021", "Mehr zum Thema"))
    assert _date_of(raw) == "2021-11-19"


def test_first_date_of_a_published_and_updated_stamp():
    stamp = "11.01.2022, 08:20 Uhr / Aktualisiert am 21.01.2022, 10:05 Uhr"
    raw = "\n\n".join((stamp, MENU, TITLE, *PARAGRAPHS))
    assert _date_of(raw) == "2022-01-11"


def test_date_in_a_story_phrase_is_not_the_publication_date():
    raw = "\n\n".join((MENU, TITLE, *PARAGRAPHS, "Anlässlich des 9. November 1989"))
    assert _date_of(raw) == ""


def test_blog_footer_sentence_dates_the_page():
    footer = (
        "Dieser Beitrag wurde am Samstag, 3. Dezember 2011 um 10:15 Uhr veröffentlicht und "
        "unter Politik, Verkehr, Stadt, Region, Bau, Brücken, Straßen, Gemeinderat, Bürger, "
        "Nachrichten gespeichert. Sie können Kommentare zu diesem Beitrag schreiben."
    )
    raw = "\n\n".join((TITLE, *PARAGRAPHS, footer))
    assert _date_of(raw) == "2011-12-03"


def test_month_first_dots_and_day_first_dashes():
    assert _days("01.21.2020 08:15 AM") == [date(2020, 1, 21)]  # no 21st month: US order
    assert _days("Dzisiaj, 02-11-2023 08:05") == [date(2023, 11, 2)]
    assert _days("ISBN 978-3-12-2020-1") == []


def test_paragraph_opened_by_its_date_is_a_dateline():
    opened = "Vienna, 14 December 2021 – " + PARAGRAPHS[0] + " " + PARAGRAPHS[1]
    raw = "\n\n".join((TITLE, opened, *PARAGRAPHS[1:]))
    cleaned = CleanedArticle(body="\n\n".join((opened, *PARAGRAPHS[1:])), title=TITLE)
    meta = extract(cleaned, {}, build_knowledge({}, {}, Options()), "", raw)
    assert meta.date == "2021-12-14"
    # a date further into a paragraph is an event of the story, not its date
    told = PARAGRAPHS[0] + " The contract was signed on 14 December 2021 in Vienna."
    raw = "\n\n".join((TITLE, told, *PARAGRAPHS[1:]))
    assert _date_of(raw) == ""


def test_date_range_is_no_publication_date():
    raw = "\n\n".join((MENU, TITLE, *PARAGRAPHS, "Sperrung vom 04.11.23 – 30.08.24"))
    assert _date_of(raw) == ""


def test_posted_month_and_day_take_the_copyright_year():
    assert posted_this_year("Updated Mar 4, 9:10 AM | Posted Mar 4, 9:02 AM\n© 2019 Site") == (
        "2019-03-04"
    )
    assert posted_this_year("Posted Mar 4, 9:02 AM\n© 2018-2019 Site") == "2019-03-04"
    assert posted_this_year("Posted Mar 4, 9:02 AM") == ""  # no year to complete it with
    assert posted_this_year("Posted Mar 4\nUpdated Mar 5\n© 2019") == ""  # two days


_NOTICE_PIECES = ["©", "copyright", "Copyright", "COPYRIGHT", "x", "c", "©c", " ", "2019", "-"]


@given(st.lists(st.sampled_from(_NOTICE_PIECES), max_size=12).map("".join))
@example("(c) xcopyright 2019 Copyright 2018 - 2019 ©2017")
def test_notice_year_opening_with_a_class_reads_what_the_plain_pattern_reads(text):
    # _NOTICE_YEAR opens with a class matched with case so that re skips to it: it must find
    # the years the plain spelling finds.
    plain = re.compile(r"(?:©|\bcopyright\b)\s*(?:(?:19|20)\d\d\s*[-–]\s*)?((?:19|20)\d\d)", re.I)
    assert dates._NOTICE_YEAR.findall(text) == plain.findall(text)


def test_only_a_capital_c_matches_c_ignoring_case():
    # what _NOTICE_YEAR's opening class, matched with case, relies on
    everything = "".join(map(chr, range(0xD800))) + "".join(map(chr, range(0xE000, 0x110000)))
    assert re.findall("[c©]", everything, re.I) == ["C", "c", "©"]


def test_source_named_before_the_date_makes_it_the_sources():
    cited = "\n\n".join((MENU, TITLE, *PARAGRAPHS, "Quelle: Wirtschaftsblatt, 24.3.2020"))
    assert _date_of(cited) == ""
    credited = "\n\n".join((TITLE, "28.04.2021 - 08:41 | Quelle: nordpress", *PARAGRAPHS))
    assert _date_of(credited) == "2021-04-28"


def test_last_teaser_of_a_list_above_the_lead_is_not_the_date():
    # "more stories" between the headline and the lead, one entry every few lines: the entry
    # nearest the lead closes the list, it does not date the article
    teasers = [
        f"Envoys meet again in Doha\n\nDIPLOMACY\n\n{day} March 20{year}"
        for day, year in (("4", "17"), ("9", "15"), ("21", "12"), ("2", "16"))
    ]
    raw = "\n\n".join((TITLE, "14 April 2021", "More stories", *teasers))
    raw += "\n" + "\n\n".join(PARAGRAPHS)
    assert _date_of(raw) == "2021-04-14"


def test_citation_of_the_page_is_not_its_date():
    # "cite this page" and a reference's look-up day name the day it was cited, not published
    cite = '"Talks in Doha." Kabul Letter. 3 May 2021. <https://example.org/talks>'
    assert _date_of("\n\n".join((MENU, TITLE, *PARAGRAPHS, cite))) == ""
    assert byline_date(["Retrieved 3 May 2021"], True) == ""


def test_dated_list_above_the_headline_does_not_hide_the_date_below_it():
    # a calendar of meetings in the sidebar right above the headline: its days are not the
    # neighbours of the article's own date under the headline
    meetings = "\n".join(f"{day:02d}.02.2021 19:00 Council meeting" for day in (4, 11, 18, 25))
    raw = "\n\n".join((meetings, TITLE, "21. September 2020", *PARAGRAPHS))
    assert _date_of(raw) == "2020-09-21"


def test_wiki_footer_dates_the_version_shown():
    footer = "This page was last edited on 3 May 2021, at 10:15."
    assert _date_of("\n\n".join((TITLE, *PARAGRAPHS, MENU, footer))) == "2021-05-03"
    footer = "Diese Seite wurde zuletzt am 3. Mai 2021 um 10:15 Uhr geändert."
    assert _date_of("\n\n".join((TITLE, *PARAGRAPHS, MENU, footer))) == "2021-05-03"


def test_date_in_a_sentence_of_the_story_is_an_event():
    # a short paragraph of the story that names a past day (and "on"): an event, even when it
    # sits closer to the lead than the article's own stamp under the headline
    told = (
        "Talks between the two delegations first broke down on Sunday November 3, 2013, "
        "after a long dispute over the agenda and the release of prisoners."
    )
    widgets = "\n".join(f"Share widget {i}" for i in range(30))
    raw = "\n\n".join((TITLE, "09:15, 14 APR 2021", widgets, PARAGRAPHS[0], told, *PARAGRAPHS[1:]))
    assert _date_of(raw) == "2021-04-14"
    # a stamp glued to the end of a paragraph by lost markup is still a stamp
    glued = (
        "Residents were pleased. They hoped the traffic would finally leave their streets, "
        "which were never built for lorries.Wednesday, 14 April 2021"
    )
    assert _date_of("\n\n".join((MENU, TITLE, PARAGRAPHS[0], glued, *PARAGRAPHS[1:]))) == (
        "2021-04-14"
    )


def test_dateline_paragraph_may_say_until_further_on():
    # "until" in the story names another date only when it labels the date itself
    opened = (
        "Vienna, 14 December 2021 – " + PARAGRAPHS[0] + " The talks will go on until the "
        "envoys agree on a ceasefire, a spokesman said after the second round of meetings."
    )
    assert _date_of("\n\n".join((TITLE, opened, *PARAGRAPHS[1:]))) == "2021-12-14"
    span = "Vienna, 14 December 2021 until 20 December 2021 – " + PARAGRAPHS[0] + PARAGRAPHS[1]
    assert _date_of("\n\n".join((TITLE, span, *PARAGRAPHS[1:]))) == ""  # a span's first day


def test_stamp_label_with_an_article_is_no_story_phrase():
    # "el", "am", "le" before the date belong to the label, not to a sentence of the story
    raw = "\n\n".join((TITLE, "Actualizado el 08/05/2021 02:14", *PARAGRAPHS))
    assert _date_of(raw) == "2021-05-08"


def test_date_field_of_a_data_sheet_is_the_described_things():
    # the details of a photo taken on the trip: its date is the picture's, not the report's
    sheet = "\n".join(
        (
            "Camera: borrowed reflex",
            "Lens: 50 mm",
            "Exposure: 30 x 2 minutes",
            "Date: 31/08/2021",
            "Place: hills above Bamyan",
            "Weather: clear",
        )
    )
    assert _date_of("\n\n".join((TITLE, sheet, *PARAGRAPHS))) == ""
    # a byline block of author, date and section is no data sheet
    block = "Author: Ana Lopez\nDate: 31/08/2021\nSection: Region"
    assert _date_of("\n\n".join((TITLE, block, *PARAGRAPHS))) == "2021-08-31"


def test_list_of_related_articles_above_a_low_lead_is_not_the_date():
    # the article's date right under the headline, then tags and a "related" list whose
    # entries are eight lines apart, all above the story's first paragraph
    related = [
        f"{day}.04.2021\n\nEnvoys meet again in Doha\n\nA short summary of the talks.\n\nread more"
        for day in ("13", "12", "09")
    ]
    tags = "\n".join(f"Tag {i}" for i in range(12))
    raw = "\n\n".join((TITLE, "14.04.2021", tags, "Related", *related, *PARAGRAPHS))
    assert _date_of(raw) == "2021-04-14"


def test_three_dated_entries_on_two_days_are_a_list():
    # "more from this author" above the headline: three entries a few lines apart, two of them
    # on the same day. An article's head shows at most a published and an updated stamp, so
    # three dated entries are other articles, even with a day repeated; the story states none
    entries = [
        f"Envoys meet again in Doha\n\nAna Lopez\n\n{stamp}"
        for stamp in ("04/14/21 11:00AM", "04/14/21 9:00AM", "04/13/21 4:40PM")
    ]
    raw = "\n\n".join(("More from Ana Lopez", *entries, TITLE, "Tuesday 6:15PM", *PARAGRAPHS))
    assert _date_of(raw) == ""
    # a published and an updated stamp on two lines of the head still date the article
    head = "Published 04/13/21 4:40PM\n\nUpdated 04/14/21 9:00AM"
    assert _date_of("\n\n".join((TITLE, head, *PARAGRAPHS))) == "2021-04-13"


def test_teasers_of_one_day_are_a_list_too():
    # far below the story, a "featured" block whose three entries all carry the same day: the
    # only day the page shows, but a list's, so no date is stated
    featured = "\n\n".join(f"Envoys meet again in Doha, part {n}\n2 March 2021" for n in (1, 2, 3))
    raw = "\n\n".join((TITLE, *PARAGRAPHS, MENU, "Featured", featured))
    assert _date_of(raw) == ""
    # the same day once, as the page's one stamp, still dates it
    assert _date_of("\n\n".join((TITLE, *PARAGRAPHS, MENU, "2 March 2021"))) == "2021-03-02"


def _inferred(byline: str, body: str) -> tuple[str, str]:
    cleaned = CleanedArticle(body=body, title=TITLE, byline=byline)
    meta = extract(cleaned, {}, build_knowledge({}, {}, Options()), "", "")
    return meta.date, meta.source_of("date")


def test_month_and_day_of_the_byline_take_the_one_year_the_story_names():
    story = PARAGRAPHS[0] + "\n\n" + "The bridge was first promised on 4 May 2019, at 3.5 million."
    assert _inferred("By Ana Lopez, March 18", story) == ("2019-03-18", "inferred")
    two_years = story + "\n\nIt was promised again on 2 June 2020."
    assert _inferred("By Ana Lopez, March 18", two_years)[1] != "inferred"
    assert _inferred("By Ana Lopez", story)[1] != "inferred"  # no month and day to complete
    wrapped = PARAGRAPHS[0] + "\n\n" + "The bridge was first promised on 4 May\n2019."
    assert _inferred("By Ana Lopez, March 18", wrapped) == ("2019-03-18", "inferred")


def test_cheap_year_test_lets_every_written_date_through(monkeypatch):
    # find_dates skips a text its quick year test rejects: that test must never reject a text
    # the full patterns read a date from, whatever the date's form.
    texts = [
        "2019-03-18",
        "2019/3/18",
        "2019年3月18日",
        "18.03.2019",
        "18. 3. 2019",
        "18.03.19 09:15",
        "ana14.10.1909:27",
        "5. 6. 20",
        "18/03/2019",
        "03/18/19, 7:42 PM",
        "18-03-2019",
        "18th March 2019",
        "March 18, 2019",
        "18 de marzo de 2019",
        "12 Maret 2016",
        "a rise of 3.5 percent",
        "won 2-1",
        "in 1/2/20 parts",
        "about 12. 5 of them",
    ]
    with_test = [_days(text) for text in texts]
    monkeypatch.setattr("briefing.metadata.calendar._YEARISH", re.compile(""))
    assert with_test == [_days(text) for text in texts]
    assert sum(map(bool, with_test)) >= 14  # the list does hold dates of every form


def test_year_test_written_to_open_with_a_digit_finds_what_the_plain_one_finds():
    # _YEARISH opens with a digit and checks it behind, so that re skips to digits: it must
    # find a year or a numeric date wherever the plain spelling of the same test does.
    plain = re.compile(r"(?:19|20)\d\d|\d\.\s?\d{1,2}\.\s?\d\d|\d/\d{1,2}/\d\d")
    quick = calendar._YEARISH
    alphabet = "019./ \u0662"  # an Arabic-Indic two is a digit to re too
    texts = ["".join(chars) for size in range(1, 7) for chars in product(alphabet, repeat=size)]
    texts += ["20" + t for t in texts if len(t) == 2]
    # the dotted dates with their spaces ("1. 1. 19") need seven or eight characters
    texts += ["".join(chars) for size in (7, 8) for chars in product("19. ", repeat=size)]
    assert [bool(quick.search(t)) for t in texts] == [bool(plain.search(t)) for t in texts]
    assert sum(bool(plain.search(t)) for t in texts) > 100  # the texts do hold years and dates


def test_cheap_month_day_test_lets_every_month_day_through(monkeypatch):
    # find_month_days runs its full pattern only where a number stands next to a month word:
    # that test must never reject a text the full pattern reads a day from.
    texts = [
        "The vote is set for March 18.",
        "on 18 March, they said",
        "the 3rd of May",
        "from Sept. 9 onwards",
        "until 21ST JUNE",
        "by 12 décembre",
        "am 5 März",
        "Jan.\t7 was the day",
        "May" + " " * 45 + "4",
        "May" + " " * 60 + "4",  # past the window the quick test looks in
        "1 ago 2 set 3 out",
        "a rise of 3.5 percent in March",
        "March 2019 and 18 of them",
        "May 123",
    ]
    days = [[f.day for f in find_month_days(text, 2000)] for text in texts]
    monkeypatch.setattr("briefing.metadata.calendar._may_name_month_days", lambda _text: True)
    assert days == [[f.day for f in find_month_days(text, 2000)] for text in texts]
    assert sum(map(bool, days)) >= 8  # the list does hold days of every form


def test_a_month_day_is_found_whatever_letters_its_month_is_written_in():
    # A month with a letter outside ASCII is a month like any other, with no other word of the
    # text needed to let it be read.
    texts = ["Les pourparlers reprennent le 12 décembre.", "Le retrait finit le 3 août."]
    assert [[f.day for f in find_month_days(text, 2021)] for text in texts] == [
        [date(2021, 12, 12)],
        [date(2021, 8, 3)],
    ]


def _words(label: str, total: int) -> str:
    """A line of `total` words: the label, then one-letter words, the last ending a sentence."""
    return " ".join([label, *["a"] * (total - len(label.split()) - 1), "a."])


def test_the_length_gates_before_word_counts_keep_each_word_threshold():
    # _announced, _stamped and posted_this_year first test a line's length, then count its
    # words: n words take at least 2n - 1 characters, so each threshold stays where it was
    def layout(line: str) -> Layout:
        return Layout((line,), None, None)

    announced = [_words("Published on 12 March 2019", n) for n in (45, 46)]
    assert [bool(dates._announced(layout(x), True, None)) for x in announced] == [True, False]
    stamped = [_words("Updated: 12 March 2019", n) for n in (30, 31)]
    assert [bool(dates._stamped(layout(x), True, None)) for x in stamped] == [True, False]
    posted = [_words("Posted Mar 4", n) + "\n© 2019 Site" for n in (15, 16)]
    assert [posted_this_year(x) for x in posted] == ["2019-03-04", ""]
