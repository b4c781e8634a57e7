"""The cleaner on our own golden pastes, on the sample digest's must / must-not phrases, and on
the head fields and removal reasons that the metadata stage relies on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from briefing.cleaning import clean
from briefing.cleaning.lines import features, split_lines
from briefing.pipeline import process_file
from briefing.settings import Options
from briefing.text import read_text

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden" / "cleaning"
META_GOLD = ROOT / "tests" / "fixtures" / "meta_gold"
CASES = sorted(p.stem for p in GOLDEN.glob("*.txt"))


def cleaned(case: str):
    text, _ = read_text((GOLDEN / f"{case}.txt").read_bytes())
    return clean(text)


def reasons(result) -> dict[str, str]:
    return {r.text: r.reason for r in result.removed}


def squeeze(text: str) -> str:
    return " ".join(text.split())


def test_there_are_enough_golden_cases():
    assert len(CASES) >= 30


@pytest.mark.parametrize("case", CASES)
def test_golden_body(case):
    expected = (GOLDEN / f"{case}.md").read_text(encoding="utf-8")
    assert cleaned(case).body + "\n" == expected, "regenerate with `make golden` if intended"


def gold_labels() -> list[dict]:
    labels = []
    for path in sorted(META_GOLD.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("must") or data.get("must_not"):
            labels.append(data)
    return labels


@pytest.mark.parametrize("label", gold_labels(), ids=lambda d: d["file"])
def test_sample_article_phrases(label):
    record = process_file(str(ROOT / "content" / label["file"]), Options(content_dir="content"))
    body = squeeze(record.body)
    for phrase in label.get("must", []):
        assert squeeze(phrase) in body, f"lost article text: {phrase!r}"
    for phrase in label.get("must_not", []):
        assert squeeze(phrase) not in body, f"chrome left in the body: {phrase!r}"


def test_headline_breadcrumb_and_page_title_are_told_apart():
    result = cleaned("breadcrumb_repeats_headline")
    assert result.title == "Kabul hosts regional security conference"
    why = reasons(result)
    assert why["Home › World › Asia › Kabul hosts regional security conference"] == "breadcrumb"
    assert why["Kabul hosts regional security conference | The Frontier Ledger"] == "page title"
    assert why["Published: Nov 19, 2019 10:31 pm"] == "date"
    assert result.dateline == "KABUL"
    assert result.body.startswith("KABUL: Security officials")


def test_bullet_deck_and_byline_leave_the_body():
    result = cleaned("bullet_deck")
    assert result.deck.splitlines() == [
        "• Envoys of four countries meet in Doha",
        "• Joint statement urges talks to resume quickly",
    ]
    assert result.byline == "By Our Correspondent"
    assert result.dateline == "DOHA"
    assert "Envoys of four countries meet in Doha" not in result.body


def test_date_lines_are_removed_as_dates():
    why = reasons(cleaned("date_lines"))
    assert why["Published: Nov 19, 2019 10:31 pm"] == "date"
    assert why["Updated 2 hours ago"] == "date"


def test_byline_with_date_is_kept_raw():
    result = cleaned("byline_with_date")
    assert result.byline == "Chris Davies - Nov 19, 2019, 10:31 pm CST"
    assert "Chris Davies" not in result.body


def test_agency_dateline_stays_in_the_first_paragraph():
    result = cleaned("dateline_agency")
    assert result.dateline == "ISLAMABAD"
    assert result.body.startswith("ISLAMABAD (Pacific Wire) — Envoys")


@pytest.mark.parametrize(
    ("case", "line", "reason"),
    [
        ("advertisement_markers", "Advertisement", "advertisement"),
        ("also_read_inline", "Also read: Opposition walks out of budget session", "also read"),
        ("photo_caption_credit", "Photo: Amina Rahimi/Pacific Wire", "photo credit"),
        (
            "caption_credit_tail",
            "Trump asked voters in Louisiana for a big win. He didn't get "
            "it.Credit...Doug Mills/The Daily Record",
            "photo caption",
        ),
        (
            "caption_copyright_tail",
            "Die Fähre im Hafen von Nordstrand am ersten Betriebstag. © Hafenamt / Jana Beispiel",
            "photo caption",
        ),
        (
            "caption_copyright_tail",
            "Fahrgäste begrüßen die Kapitänin beim Anlegen (Bildquelle: Reederei Musterland)",
            "photo caption",
        ),
        ("comment_widget", "Leave a Reply", "comment widget"),
        ("newsletter_box", "Sign up for our morning newsletter", "newsletter"),
        ("cookie_notice", "Accept", "cookie notice"),
        ("footer", "Copyright 2021 Pacific Wire. All rights reserved.", "footer"),
        ("share_login_labels", "Log In", "login"),
        ("share_login_labels", "Facebook Twitter LinkedIn", "share labels"),
        ("related_stories_tail", "Related Stories", "related stories"),
        (
            "author_bio_tail",
            "Hina Yousafzai is a senior analyst at the Gulf Review covering regional diplomacy.",
            "author bio",
        ),
        ("chrome_before_after", "Skip to content", "navigation"),
    ],
)
def test_removed_blocks_carry_their_reason(case, line, reason):
    result = cleaned(case)
    assert reasons(result).get(line) == reason
    assert line not in result.body


def test_teasers_after_the_article_are_named_as_such():
    why = reasons(cleaned("teaser_list_ellipsis"))
    teasers = [t for t, r in why.items() if r == "teaser of another post"]
    assert len(teasers) == 3 and all(t.endswith("...") for t in teasers)


def test_split_and_wrapped_paragraphs_are_joined():
    split = cleaned("split_paragraph").body.split("\n\n")
    assert split[0].endswith(
        "said in a statement on Sunday, adding that he would be "
        "accompanied by the foreign and commerce ministers."
    )
    wrapped = cleaned("hard_wrapped").body.split("\n\n")
    assert len(wrapped) == 2 and "\n" not in wrapped[0]


def test_long_paragraph_without_closing_stop_stays_in_the_article():
    body = cleaned("long_paragraph_lost_end").body
    assert body.endswith("according to the published schedule #harbour")
    assert "Festival dates" not in body


def test_short_blurb_cut_off_below_the_article_by_chrome_is_dropped():
    result = cleaned("site_blurb_tail")
    assert result.body.endswith("Im nächsten Jahr will sie den Titel verteidigen.")
    assert "kleines Team" not in result.body
    assert reasons(result)["Facebook Twitter E-Mail"] == "share labels"


def test_article_resumes_under_a_related_box_inside_it():
    result = cleaned("related_box_inside")
    assert result.body.endswith("what a single drive can hold in a data centre.")
    assert reasons(result)["Why tape still stores most of the world's archives"] == (
        "related stories"
    )
    assert "Chip makers report" not in result.body


def test_other_scripts_pass_through_whole():
    text, _ = read_text((GOLDEN / "urdu_text.txt").read_bytes())
    result = clean(text)
    paragraphs = [p for p in text.split("\n") if p.strip()][1:]
    assert result.body.split("\n\n") == paragraphs


def test_nothing_but_chrome_gives_an_empty_body():
    result = clean("Home\nMenu\nSearch\nLog In\nSubscribe\n© 2020 The Gulf Ledger")
    assert result.body == ""
    assert len(result.removed) == 6


def test_french_also_read_link_and_a_trailing_off_related_label_are_chrome():
    paste = "\n\n".join(
        [
            "Les pourparlers de Doha reprennent",
            "Les délégations afghanes se sont retrouvées mardi à Doha pour une nouvelle série de "
            "discussions, après trois semaines de pause, a indiqué un porte-parole qatari.",
            "À lire aussi » Kaboul : ce que prévoit le calendrier du retrait",
            "Les deux parties doivent encore s'accorder sur l'ordre du jour, qui divise depuis "
            "l'ouverture des négociations en septembre, selon plusieurs diplomates présents.",
            "Das könnte dich auch interessieren …",
            "Neue Gesprächsrunde in Taschkent angekündigt",
            "Grenzübergang Torkham wieder geöffnet",
        ]
    )
    result = clean(paste)
    why = reasons(result)
    assert why["À lire aussi » Kaboul : ce que prévoit le calendrier du retrait"] == "also read"
    assert why["Das könnte dich auch interessieren …"] == "related stories"
    assert "À lire aussi" not in result.body and "interessieren" not in result.body
    assert result.body.endswith("selon plusieurs diplomates présents.")


def test_a_bare_may_interest_you_label_heads_related_stories_not_an_inline_link():
    paste = "\n\n".join(
        [
            "Nueva ronda de conversaciones en Doha",
            "Las delegaciones afganas volvieron a reunirse el martes en Doha tras tres semanas "
            "de pausa, según informó un portavoz de la mediación catarí.",
            "Le puede interesar: Kabul prepara el calendario de la retirada",
            "Ambas partes deben acordar todavía la agenda, que las divide desde el inicio de las "
            "negociaciones en septiembre, según varios diplomáticos presentes.",
            "Te puede interesar:",
            "Reabren el paso fronterizo de Torkham",
            "Anuncian una nueva reunión regional en Taskent",
        ]
    )
    why = reasons(clean(paste))
    assert why["Le puede interesar: Kabul prepara el calendario de la retirada"] == "also read"
    assert why["Te puede interesar:"] == "related stories"


def test_a_turkish_capital_dotted_i_does_not_split_a_word():
    line = features("İzmir İstanbul Ankara", ("İzmir İstanbul Ankara",), False, False)
    assert (line.words, line.stop) == (3, 0.0)


def test_one_memo_for_many_pastes_cleans_each_as_it_would_alone(monkeypatch):
    from briefing import cleaning

    texts = [read_text((GOLDEN / f"{case}.txt").read_bytes())[0] for case in CASES]
    alone = [clean(text) for text in texts]
    memo: dict = {}
    # twice over, so that the second round meets every line again
    assert [clean(text, memo) for text in texts * 2] == alone * 2
    assert memo  # the memo was filled, and used by the second round
    monkeypatch.setattr(cleaning, "MEMO_LINES", 10)
    for text in texts:
        clean(text, memo)
        assert len(memo) <= 10 + 2 * len(text.split("\n"))  # emptied once past the limit


def test_a_line_met_again_in_another_place_gets_the_flags_of_that_place():
    """The memo is keyed by a line's text: a line read before, alone after a blank line and
    once in its paste, keeps its features but takes its place's flags when it comes back
    inside a block and twice over."""
    alone = "Ferry times\n\nThe quay reopened on Monday after a month of repairs."
    twice = "Ferry times\nFerry times\n\nThe quay reopened on Monday after a month of repairs."
    memo: dict = {}
    for paste in (alone, twice, alone):
        assert split_lines(paste, memo) == split_lines(paste)
    second = split_lines(twice, memo)[1]
    assert (second.gap, second.repeated) == (False, True)


def test_a_paragraph_met_wrapped_then_on_one_line_keeps_the_raw_lines_of_its_place():
    """The byline and the removed head lines are made of a line's raw lines: a paragraph read
    first hard-wrapped over three lines, then whole on one, has one raw line the second time."""
    wrapped = (
        "The harbour board sat for three hours on a wet Tuesday evening\n"
        "and agreed, after a long and weary debate, that the ferry would\n"
        "keep its winter timetable until the end of the next month.\n"
    )
    one = " ".join(wrapped.split())
    memo: dict = {}
    assert len(split_lines(wrapped, memo)[0].raw) == 3
    assert split_lines(one, memo) == split_lines(one)
    assert split_lines(one, memo)[0].raw == (one,)


def test_lines_come_out_with_single_spaces_whatever_the_paste_held():
    """Tabs, runs of spaces, no-break and other odd spaces, spaces at either end: each line
    comes out with single spaces (most lines are taken as they are, so this guards the test
    that tells them apart)."""
    paste = (
        "  The ferry\tleft at noon,  the harbour master said.\u00a0 \n"
        "A second line \n"
        "\n"
        "\u2003Indented third line.\u3000End\n"
        "Two  spaces inside\n"
        " One leading space"
    )
    texts = [x.text for x in split_lines(paste)]
    assert texts == [
        "The ferry left at noon, the harbour master said.",
        "A second line",
        "Indented third line. End",
        "Two spaces inside",
        "One leading space",
    ]
