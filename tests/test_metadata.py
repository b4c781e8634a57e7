"""Metadata extractors on small cases: precedence, provenance, dates, titles, events."""

from __future__ import annotations

import re
from datetime import date

from briefing.metadata import choose, extract, header_date
from briefing.metadata.byline import author_from_byline, dateline_of
from briefing.metadata.calendar import find_dates
from briefing.metadata.events import (
    _RELATIVE_DAY,
    _WEEKDAY,
    _hinted,
    _weekday_events,
    find_events,
    resolve_weekday,
    sentence_is_future,
)
from briefing.metadata.ident import first_words, stable_id
from briefing.metadata.knowledge import build_knowledge
from briefing.metadata.language import letter_runs
from briefing.metadata.summary import plain
from briefing.metadata.title import GENERATED_CHARS, generated_title, strip_site
from briefing.model import CleanedArticle, Removed
from briefing.settings import Options
from hypothesis import given
from hypothesis import strategies as st

KNOWLEDGE = build_knowledge({}, {}, Options(default_source="Desk"))
BODY = (
    "ISLAMABAD: Foreign Minister Shah Mahmood Qureshi met the Taliban delegation on Tuesday "
    "and said talks will resume on Friday, according to officials who attended the meeting.\n\n"
    "The delegation arrived in the capital after a round of meetings in Doha."
)


def test_precedence_header_beats_text_beats_file():
    assert choose(("b", "text"), ("a", "header"), ("c", "file")) == ("a", "header")
    assert choose(("", "header"), ("b", "text"), ("c", "file")) == ("b", "text")
    assert choose(("", "header"), ("", "text"), ("c", "file")) == ("c", "file")


def test_choose_calls_a_weaker_option_only_when_the_stronger_ones_are_empty():
    called = []

    def guess(value: str):
        return lambda: called.append(value) or value

    assert choose((guess("b"), "text"), (guess("a"), "header"), (guess("c"), "file")) == (
        "a",
        "header",
    )
    assert called == ["a"]
    assert choose((guess(""), "text"), ("", "header"), (guess("c"), "file")) == ("c", "file")
    assert called == ["a", "", "c"]


def test_header_lines_win_and_are_marked_header():
    cleaned = CleanedArticle(body=BODY, title="Headline from text", byline="By Ayesha Khan")
    headers = {"title": "Editor title", "date": "2020-10-06", "author": "Editor Name"}
    meta = extract(cleaned, headers, KNOWLEDGE, "2021-01-01")
    assert (meta.title, meta.date, meta.author) == ("Editor title", "2020-10-06", "Editor Name")
    assert {meta.source_of(f) for f in ("title", "date", "author")} == {"header"}


def test_stated_date_in_byline_is_text():
    cleaned = CleanedArticle(body=BODY, title="Talks", byline="By Ayesha Khan | 18 Mar 2021")
    meta = extract(cleaned, {}, KNOWLEDGE, "2022-05-05")
    assert (meta.date, meta.source_of("date")) == ("2021-03-18", "text")
    assert meta.author == "Ayesha Khan"
    assert not any("date" in w for w in meta.warnings)


def test_no_date_falls_back_to_file_with_a_warning():
    meta = extract(CleanedArticle(body=BODY, title="Talks"), {}, KNOWLEDGE, "2022-05-05")
    assert (meta.date, meta.source_of("date")) == ("2022-05-05", "file")
    assert any("file's date" in w for w in meta.warnings)


def test_date_block_removed_by_cleaner_is_used():
    cleaned = CleanedArticle(
        body=BODY, title="Talks", removed=(Removed("Nov 19, 2019, 10:31 pm CST", "date"),)
    )
    assert extract(cleaned, {}, KNOWLEDGE, "2022-05-05").date == "2019-11-19"


def test_usual_date_formats():
    for text in (
        "March 10, 2021",
        "10 March 2021",
        "2021-03-10",
        "10.03.2021",
        "10. März 2021",
        "Mar 10, 2021, 10:31 pm CST",
        "10 mars 2021",
    ):
        assert [f.day for f in find_dates(text)] == [date(2021, 3, 10)], text
    assert header_date("10 March 2021") == "2021-03-10"


def test_weekday_tense_rule():
    tuesday = date(2020, 10, 6)
    assert sentence_is_future("Talks will resume on Friday")
    assert not sentence_is_future("He met the envoy on Friday")
    assert resolve_weekday(4, tuesday, future=False) == date(2020, 10, 2)  # last Friday
    assert resolve_weekday(4, tuesday, future=True) == date(2020, 10, 9)  # next Friday
    assert resolve_weekday(1, tuesday, future=False) == tuesday  # same day counts as past


def test_events_take_the_article_year_and_the_tense():
    events = find_events(BODY + "\n\nThe agreement was signed on February 29.", "2020-10-06")
    by_day = {e.date: e.text for e in events}
    assert "met the Taliban delegation" in by_day["2020-10-06"]
    assert "resume" in by_day["2020-10-09"]
    assert "agreement was signed" in by_day["2020-02-29"]


def test_events_of_relative_days_in_any_case_are_found_in_sentences_without_digits():
    body = (
        "The convoy left the border town YESTERDAY after a long wait.\n\n"
        "A second group of envoys is expected tomorrow, officials said. Nothing else moved."
    )
    events = find_events(body, "2021-03-10")
    assert [e.date for e in events] == ["2021-03-09", "2021-03-11"]


def test_a_day_without_a_year_takes_the_year_of_its_range_or_sentence_before_the_articles():
    body = "The summit was pushed back to run from June 28 to July 2, 2021, its hosts said."
    assert [e.date for e in find_events(body, "2022-01-05")] == ["2021-06-28", "2021-07-02"]
    alone = "The summit opens on June 28 in the capital."
    assert [e.date for e in find_events(alone, "2022-01-05")] == ["2022-06-28"]
    told = "The envoy said on April 14, 2021 that the May 1 deadline would slip."
    assert [e.date for e in find_events(told, "2022-01-05")] == ["2021-04-14", "2021-05-01"]


def test_an_article_dated_only_by_its_file_dates_no_weekday_or_yearless_event():
    body = (
        "The envoy met the delegation on Tuesday, aides said.\n\n"
        "Talks are due by the March 3 deadline.\n\nThe accord was signed on February 29, 2020."
    )
    meta = extract(CleanedArticle(body=body, title="Talks"), {}, KNOWLEDGE, "2026-11-23")
    assert meta.provenance["date"] == "file"
    assert [e.date for e in meta.events] == ["2020-02-29"]
    dated = extract(CleanedArticle(body=body, title="Talks"), {"date": "2020-03-01"}, KNOWLEDGE, "")
    assert [e.date for e in dated.events] == ["2020-02-25", "2020-03-03", "2020-02-29"]


def test_title_site_suffix_is_stripped():
    assert strip_site("Taliban free hostages | Pacific Wire") == "Taliban free hostages"
    assert strip_site("Taliban free American hostages - The Frontier Ledger") == (
        "Taliban free American hostages"
    )
    assert strip_site("Peace talks: a long road") == "Peace talks: a long road"


def test_page_title_repeats_headline_with_site_name():
    cleaned = CleanedArticle(
        body=BODY, removed=(Removed("Talks resume in Doha | Capital Post", "page title"),)
    )
    meta = extract(cleaned, {}, KNOWLEDGE, "2022-05-05")
    assert (meta.title, meta.source_of("title")) == ("Talks resume in Doha", "text")


def test_generated_title_is_short_and_flagged():
    meta = extract(CleanedArticle(body=BODY), {}, KNOWLEDGE, "2022-05-05")
    assert meta.source_of("title") == "generated"
    assert len(meta.title) <= GENERATED_CHARS + 1 and len(meta.title.split()) <= 11
    assert not meta.title.startswith("ISLAMABAD")
    assert any("title generated" in w for w in meta.warnings)
    assert generated_title("") == ""


def test_byline_and_dateline():
    assert author_from_byline("By Farhan Siddiqui | Published: 29 Sep 2020") == "Farhan Siddiqui"
    assert author_from_byline("Our Correspondent October 6, 2020") == ""
    assert dateline_of("RAWALPINDI: The army chief said") == "Rawalpindi"
    assert dateline_of("KABUL, March 3 (AFP) - Officials said") == "Kabul"
    assert dateline_of("The army chief said") == ""


def test_unknown_source_is_a_warning_and_default_applies():
    meta = extract(CleanedArticle(body=BODY, title="T"), {}, KNOWLEDGE, "2022-05-05")
    assert (meta.source, meta.source_of("source")) == ("Desk", "default")
    bare = build_knowledge({}, {}, Options())
    assert any(
        "unknown source" in w for w in extract(CleanedArticle(body=BODY), {}, bare, "").warnings
    )


def test_stable_id_survives_title_date_and_markup_changes():
    a = extract(CleanedArticle(body=BODY, title="One"), {"date": "2020-01-01"}, KNOWLEDGE, "")
    b = extract(
        CleanedArticle(body=BODY.replace("Doha", "*Doha*"), title="Two"),
        {"date": "2021-01-01"},
        KNOWLEDGE,
        "",
    )
    assert a.stable_id == b.stable_id == stable_id(BODY)
    long = BODY + " Officials spoke at length." * 20
    assert stable_id(long + " A late correction.") == stable_id(long)  # opening words only
    assert stable_id("A different story entirely.") != a.stable_id


def test_summary_word_count_reading_time_language():
    meta = extract(CleanedArticle(body=BODY, title="T"), {}, KNOWLEDGE, "")
    assert meta.summary.startswith("Foreign Minister") and len(meta.summary) <= 360
    assert meta.word_count == len(BODY.split())
    assert meta.reading_time == 1 and meta.language == "en"
    deck = extract(CleanedArticle(body=BODY, title="T", deck="A deck line."), {}, KNOWLEDGE, "")
    assert (deck.summary, deck.source_of("summary")) == ("A deck line.", "text")


def test_plain_drops_line_marks_and_inline_markup():
    body = "## Talks resume\n> a quoted line\n- first point\n12. next step\nSome *real* [words](x)"
    assert plain(body) == "Talks resume\na quoted line\nfirst point\nnext step\nSome real words"


@given(st.text(alphabet="ab #>-+1.*\t\n", max_size=40))
def test_plain_reads_a_body_without_inline_markup_as_a_body_with_some(body):
    # a trailing line of "*" makes plain() take its general path over the same lines
    assert plain(body.replace("*", "")) + "\n" == plain(body.replace("*", "") + "\n*")


# Letters whose case folding or lower case is longer or odd: "ß", "İ", "ﬁ", the Kelvin sign
ODD_TEXT = st.text(alphabet="aB1 ,.-\nßİﬁ\u212aΣς٣_’", max_size=80)


@given(ODD_TEXT, st.integers(min_value=0, max_value=12), st.integers(min_value=1, max_value=9))
def test_first_words_from_a_growing_head_are_the_first_words_of_the_whole_text(text, count, head):
    assert first_words(text, count, head) == re.findall(r"\w+", text.casefold())[:count]


@given(st.text(alphabet="dayDAYtomorwTOMORW1٣İK .\n", max_size=30))
def test_event_hint_is_a_digit_day_or_tomorrow_in_any_case(text):
    assert _hinted(text) == bool(re.search(r"\d|day|tomorrow", text, re.I))


def test_no_other_character_matches_a_letter_of_day_or_tomorrow_ignoring_case():
    # _hinted and _weekday_events look for "day" and "tomorrow" in the lower-cased text, where
    # the patterns ignore case: only characters whose lower case is the letter may match it.
    everything = "".join(map(chr, range(0xD800))) + "".join(map(chr, range(0xE000, 0x110000)))
    for letter in set("daytomorrow"):
        assert {c.lower() for c in re.findall(letter, everything, re.I)} == {letter}


@given(st.lists(st.sampled_from(["Monday", "day", "YESTERDAY", "tomorrow", "3", "next", " "])))
def test_weekday_events_pass_over_a_sentence_without_day_or_tomorrow(words):
    sentence = "".join(words)
    found = _WEEKDAY.search(sentence) or _RELATIVE_DAY.search(sentence)
    assert bool(_weekday_events(sentence, date(2024, 5, 8))) == bool(found)


@given(st.text(alphabet="aZ9_ ’“—-.\néßİ\u212a٣ʰ\u0301中", max_size=40))
def test_letter_runs_are_the_runs_of_letters_by_either_pattern(text):
    # ASCII ranges stand for the letters when no word character is foreign (a quick test)
    assert letter_runs(text) == re.findall(r"[^\W\d_]+", text)
