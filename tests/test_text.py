"""Decoding, repair and the safe-text helpers, on the byte patterns editors' tools produce."""

from __future__ import annotations

import codecs
import re

import ftfy
import pytest
from briefing import text
from briefing.model import Metadata
from briefing.sanitize import (
    MarkdownRenderer,
    plain,
    plain_paragraphs,
    render_markdown,
    safe_metadata,
    safe_slug,
    safe_url,
)
from ftfy.badness import MOJIBAKE_CATEGORIES, is_bad
from hypothesis import given
from hypothesis import strategies as st

SHORT = [
    # (bytes, expected text): short texts are where detectors guess wrong
    (
        "Pakistan’s army chief said “peace” — now.".encode("cp1252"),
        "Pakistan’s army chief said “peace” — now.",
    ),
    ("The envoy’s visit".encode("cp1252"), "The envoy’s visit"),
    ("Café in Zürich, naïve résumé".encode("latin-1"), "Café in Zürich, naïve résumé"),
    ("café".encode("latin-1"), "café"),
    ("Peace talks in Doha resumed.".encode("utf-16-le"), "Peace talks in Doha resumed."),
    ("Peace talks in Doha resumed.".encode("utf-16-be"), "Peace talks in Doha resumed."),
    ("Peace talks".encode("utf-16"), "Peace talks"),
    ("پاکستان کی فوج کے سربراہ نے کہا".encode("utf-16-le"), "پاکستان کی فوج کے سربراہ نے کہا"),
    ("巴基斯坦陆军参谋长表示和平".encode("utf-16-le"), "巴基斯坦陆军参谋长表示和平"),
    ("قال قائد الجيش الباكستاني".encode("cp1256"), "قال قائد الجيش الباكستاني"),
    ("Мирные переговоры в Дохе".encode("cp1251"), "Мирные переговоры в Дохе"),
    (codecs.BOM_UTF8 + "Doha – talks".encode(), "Doha – talks"),
    ("PakistanÃ¢â‚¬â„¢s army".encode(), "Pakistan’s army"),
    (
        "Latin-1 byte \x81 undefined in cp1252: é".encode("latin-1"),
        "Latin-1 byte  undefined in cp1252: é",
    ),
]


@pytest.mark.parametrize("data,expected", SHORT)
def test_short_texts_decode_right(data, expected):
    assert text.read_text(data)[0] == expected


def test_latin1_file_with_cp1252_punctuation_keeps_both():
    # A Latin-1 file holds none of 0x80-0x9F; one that does is cp1252, even with a stray byte
    # that cp1252 leaves undefined (dropped, never a replacement character).
    assert text.read_text(b"It\x92s caf\xe9 \x81end") == ("It’s café end", "cp1252")
    assert text.read_text("It\u00e2\u0080\u0099s".encode()) == ("It’s", "utf-8")


@pytest.mark.parametrize(
    "raw,expected",
    [
        ("a\r\nb\rc\n", "a\nb\nc\n"),
        # A C1 control is cp1252 misread as Latin-1: ftfy restores it (0x85 is "…").
        ("NUL\x00 bell\x07 esc\x1b ff\x0c c1\x85 end", "NUL bell esc ff c1… end"),
        ("Khal\u200bil\u200dzad\u2060 \ufeffsoft\u00adhyphen", "Khalilzad softhyphen"),
        ("nbsp\u00a0thin\u2009ideo\u3000", "nbsp thin ideo "),
        ("non-characters \ufffe\uffff gone", "non-characters  gone"),
    ],
)
def test_normalise_removes_what_breaks_matching_and_xml(raw, expected):
    assert text.normalise(raw) == expected


# Lines ftfy may change (mojibake, entities, a "<" that turns entity repair off) mixed with
# plain ASCII lines, which the fast path skips.
LINE_PARTS = st.sampled_from(
    ["Talks resumed", "&amp;", "&lt;b&gt;", "<p>", "Ã¢â‚¬â„¢", "’", "ﬁ", "ＡＢ", "\u2028", "é", " "]
    + ["“", "”", "–", "«", "»", "R&D", "&eacute;", "Â ", "Ã", "Ã©", "â€™", "×²", "€", "°", "É"]
    + ["e\u0301", "\x85", "\u00a0", "ü", "ß", "в", "Ђ", "à²", "\ufeff", "\u206a", "s"]
)
# Not "Œ": ftfy judges a line with its line break, and takes "ÉŒ\n" for mojibake ("Œ" and a
# character other than a letter), where repair judges "ÉŒ" alone and keeps it (as it did).


@given(st.lists(st.lists(LINE_PARTS, max_size=5).map("".join), max_size=8).map("\n".join))
def test_repair_equals_ftfy_on_the_whole_text(raw):
    expected = ftfy.fix_text(raw, text.fixer_config())
    assert text.repair(raw) == expected


def test_prose_with_quotes_accents_and_ampersands_skips_ftfy(monkeypatch):
    def refuse(line, config=None):
        raise AssertionError(f"ftfy ran on {line!r}")

    monkeypatch.setattr(ftfy, "fix_text", refuse)
    prose = "The minister’s “final” offer – café talks in Zürich, R&D © 2021"
    assert text.repair(prose + "\nPlain words.") == prose + "\nPlain words."


def mojibake_alphabet() -> str:
    """ASCII and a few characters of each class ftfy's mojibake test is made of."""
    chars = set("aZ .,!?09 \t")
    for body in MOJIBAKE_CATEGORIES.values():
        members = re.compile(f"[{body}]")
        found = [chr(c) for c in range(0x80, 0x3100) if members.match(chr(c))]
        chars.update(found[:: max(1, len(found) // 6)])
    return "".join(sorted(chars | set("ŒœÂÃÎÐ×²ØÙàµ√±≈‚Äâó€™вЂВГРСўβΆΒΓΞΟā°")))


@given(st.text(alphabet=mojibake_alphabet(), max_size=40))
def test_looking_for_mojibake_around_non_ascii_finds_what_ftfy_finds(line):
    assert text.looks_bad(line) == is_bad(line)


# Mojibake whose tell-tale pattern starts two characters before the first one that is not
# ASCII, or ends two after the last one
@pytest.mark.parametrize("line", ["The deal was a Ã  done", "so ГўВЂВ.a", "Zé”s", "the Â “x"])
def test_mojibake_at_the_edges_of_a_run_is_found(line):
    assert is_bad(line) and text.looks_bad(line)


def test_chinese_and_japanese_keep_their_full_width_punctuation():
    raw = "喀布尔和平会谈（第二轮）今日举行，双方表示：继续对话。"
    assert text.normalise(raw) == raw


@pytest.mark.parametrize(
    "data,kind",
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(100), "PNG"),
        (b"%PDF-1.7\n" + bytes(100), "PDF"),
        (b"PK\x03\x04" + bytes(100), "zip"),
        (bytes(range(256)) * 8, "binary"),
    ],
)
def test_binary_files_are_named(data, kind):
    assert kind in text.binary_kind(data)


@pytest.mark.parametrize(
    "data",
    [
        b"A paste with one stray NUL\x00 in it and otherwise plain words." * 20,
        "Peace talks in Doha".encode("utf-16-le"),
        "Peace talks".encode("utf-16"),
        b"ordinary text",
        b"",
    ],
)
def test_text_is_not_binary(data):
    assert text.binary_kind(data) == ""


def test_safe_slug_is_never_a_path():
    assert safe_slug("../../etc/passwd") == "etc-passwd"
    assert safe_slug("Café .. x/y") == "cafe-x-y"
    assert safe_slug("پاکستان") == ""
    assert safe_slug("a" * 200) == "a" * 80


@pytest.mark.parametrize(
    "url,kept",
    [
        ("https://example.org/a?b=1", True),
        ("http://example.org", True),
        ("javascript:alert(1)", False),
        ("JaVaScRiPt:alert(1)", False),
        ("data:text/html,<script>", False),
        ('https://example.org/"onmouseover=x', False),
        ("//example.org", False),
    ],
)
def test_safe_url_keeps_only_http(url, kept):
    assert (safe_url(url) == url) is kept


def test_plain_removes_markup_but_keeps_text():
    assert plain('<script>alert("x")</script>Talks <b onclick="x">today</b>') == "Talks today"
    assert plain("AT&T says a < b") == "AT&T says a < b"
    assert plain("bell\x07 and \ufffe") == "bell and "


def test_safe_metadata_repairs_and_warns():
    meta = safe_metadata(
        Metadata(
            title="<i>Title</i>",
            slug="../../etc",
            url="javascript:x",
            topics=("<script>t</script>", "doha"),
        )
    )
    assert (meta.title, meta.slug, meta.url, meta.topics) == ("Title", "etc", "", ("doha",))
    assert {w.split(":")[0] for w in meta.warnings} == {"title", "topics", "slug", "url"}
    assert safe_metadata(Metadata(title="Clean", slug="clean")).warnings == ()
    assert safe_metadata(Metadata(title="<script>x</script>")).title == "Untitled article"
    assert safe_metadata(Metadata(title=" ")).title == "Untitled article"


@pytest.mark.parametrize(
    "body,absent,present",
    [
        ("<script>alert(1)</script>", "<script", "&lt;script&gt;"),
        ('<img src=x onerror="alert(1)">', "<img", "onerror"),
        ("[x](javascript:alert(1))", "javascript:", ">x</a>"),
        ("[x](data:text/html,abc)", "data:", ">x</a>"),
        ("{{ SITENAME }} {% if x %}", "Afghan Peace", "{{ SITENAME }} {% if x %}"),
        ("> quoted\n> words", "&gt;", "<blockquote>"),
    ],
)
def test_render_markdown_is_inert(body, absent, present):
    html = render_markdown(body)
    assert absent not in html.replace("&lt;script&gt;", "") and present in html


RENDERED = [
    "Plain words in one paragraph.\n\nA second one, with no markup at all.",
    "## A heading\n\n- one item\n- another item\n\n> a quote over\n> two lines",
    "Some *stressed* and __strong__ words, a `code` span and a [link](https://example.org).",
    "Fish & chips < 5 > 3, an escaped \\*star\\* and snake_case_words.",
    "A line ending in two spaces  \nthen the next line.",
    "A line ending in a tab\t\nthen the next line.",
    "Windows line ends\r\nin a paragraph\r\n\r\nand a second one.",
    "A control \x02 \nbefore the line end.",
]


def test_one_renderer_for_many_bodies_renders_each_as_a_fresh_converter_does():
    renderer = MarkdownRenderer()
    for _ in range(2):  # and again, so that no state carries over from one body to the next
        for body in RENDERED:
            assert render_markdown(body, renderer) == render_markdown(body)


@given(st.text(alphabet="ab *_`[]()<>&\\\t\r\n#->!1.:\x02", max_size=60))
def test_renderer_matches_a_fresh_converter_on_any_markup(body):
    assert render_markdown(body, MarkdownRenderer()) == render_markdown(body)


def test_plain_paragraphs_skip_the_converter_for_the_usual_body_only():
    assert plain_paragraphs("One paragraph.\n\nAnother, longer one.") == (
        "<p>One paragraph.</p>\n<p>Another, longer one.</p>"
    )
    for body in ("# A top heading\n\nText.", "Two lines\nof one paragraph.", "1. An item", "A >"):
        assert plain_paragraphs(body) is None


# Paragraphs that open with a letter, with what could make them something else after it
@given(
    st.lists(
        st.text(
            alphabet="aé ß.,;:'\"“’-#=*1>\u00a0\u2028\x0b\n\u0301\U0001f600\u200b", max_size=20
        ).map("W".__add__),
        min_size=1,
        max_size=4,
    ),
    st.sampled_from(["\n\n", "\n", "\n\n\n"]),
)
def test_renderer_matches_a_fresh_converter_on_paragraphs(paragraphs, gap):
    body = gap.join(paragraphs)
    assert render_markdown(body, MarkdownRenderer()) == render_markdown(body)


def test_lower_and_casefold_keep_a_turkish_capital_dotted_i_one_letter():
    assert text.lower("İzmir") == "izmir" and text.casefold("İZMİR") == "izmir"
    assert text.lower("Straße") == "straße" and text.casefold("Straße") == "strasse"


@given(
    st.text(
        alphabet="ab \n\u200b\u00ad\ufeff\x07\x85\x9f\u00a0\u2003\u3000\u202f\ud800é", max_size=40
    )
)
def test_invisible_controls_and_odd_spaces_go_in_one_pass_as_in_three(raw):
    import re

    one = text._STRAY.sub(text._stray, raw)
    three = re.sub(
        "[\u00a0\u2000-\u200a\u202f\u205f\u3000]",
        " ",
        text._CONTROLS.sub("", text._INVISIBLE.sub("", raw)),
    )
    assert one == three


def test_another_ftfy_release_judges_every_line_that_is_not_ascii(monkeypatch):
    # the skip knows one release's fixers; a newer ftfy may fix what that one left alone
    seen = []
    fix_text = text.ftfy.fix_text
    monkeypatch.setattr(
        text.ftfy, "fix_text", lambda line, config: seen.append(line) or fix_text(line, config)
    )
    prose = "\u201cWe will talk again,\u201d the envoy said \u2014 calmly."
    assert text.repair(prose) == prose and seen == []
    monkeypatch.setattr(text.ftfy, "__version__", "99.0")
    assert text.repair(prose + "\nPlain words.") == prose + "\nPlain words."
    assert seen == [prose]  # the ASCII line is still skipped: no release changes those
