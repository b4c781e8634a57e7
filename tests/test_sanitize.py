"""The renderer's shortcut for plain bodies (sanitize.plain_paragraphs): it serves the shapes real
pastes have (quotes, numbers, '&', subheadings, a lone '*') and writes exactly what the Markdown
converter and the allow-list would."""

from __future__ import annotations

import markdown
import pytest
from briefing.sanitize import MarkdownRenderer, clean_html, plain_paragraphs, render_markdown
from hypothesis import given
from hypothesis import strategies as st

# Bodies in the shapes the cleaner writes, in our own words.
USUAL = [
    "\u201cWe will meet again in spring,\u201d the envoy told the delegates.",
    '"Nothing is settled," a spokesman said on Tuesday.',
    "'Slow going', one aide called it.",
    "\u201eEs bleibt offen\u201c, sagte die Sprecherin.",
    "\u00abRien n'est d\u00e9cid\u00e9\u00bb, a dit le ministre.",
    "(Corrected on Friday.) The figures below were revised.",
    "14 ministers signed, and 3 sent deputies.",
    "2021 was the year the office moved to the coast.",
    "Salt & Pepper Holdings, R&D, and Q&A sessions were named.",
    "The fee is 5 < 7 and 9 > 2 in the rules.",
    "## What the talks decided",
    "#### A smaller heading with 2 numbers",
    "A footnote mark* follows the quote.",
    "The old_name of the office was kept, as was the file new_list_final.",
    "Growth was 2.5 percent, and 2019.",
    "The note [in brackets] is the editor's.",
]


def body_of(*paragraphs: str) -> str:
    return "\n\n".join(paragraphs)


@pytest.mark.parametrize("paragraph", USUAL)
def test_usual_shapes_take_the_shortcut_and_match_the_converter(paragraph):
    body = body_of("The talks resumed on Monday.", paragraph, "Officials gave no date.")
    renderer = MarkdownRenderer()

    def refuse(text):
        raise AssertionError("the converter ran on a plain body")

    renderer.full.convert = renderer.plain.convert = refuse
    renderer.cleaner = type("Refuse", (), {"clean": staticmethod(refuse)})()
    assert render_markdown(body, renderer) == render_markdown(body)


@pytest.mark.parametrize(
    "paragraph",
    [
        "1. A numbered item",
        "2019. A year, a full stop and a space open a numbered list",
        "# A top heading (not on the allow-list)",
        "## A heading with closing marks ##",
        "- A list item",
        "* A list item",
        "+ A list item",
        "---",
        "___",
        "[note]: https://example.org",
        "[Link] at the start",
        "A [link](https://example.org) inside",
        "Two *stressed* words",
        "Some _stressed_ words and a __strong__ one",
        "A lone _ and another_ one",
        " An indented line",
        "    code",
        "Two lines\nin one paragraph",
    ],
)
def test_other_blocks_go_through_the_converter(paragraph):
    text = body_of("Text first.", paragraph)
    assert plain_paragraphs(text) is None
    assert render_markdown(text, MarkdownRenderer()) == render_markdown(text)


PARTS = st.sampled_from(
    list("aZ\u00e91 9.,#*_[]()!&<>\"'\u201c\u201d\u201e\u00ab\u00bb-+=:;`\\\u00a0\t")
    + ["amp;", "lt;", "## ", "### ", "####### ", "1. ", "2.5", "](", "[x]", "  ", "\u2028"]
    + ["a_b", "_a", "a_", "__", "1.", "x*", "copy;", "#38;", "nbsp;"]
)
PARAGRAPH = st.lists(PARTS, min_size=0, max_size=12).map("".join)
GAP = st.sampled_from(["\n\n", "\n\n", "\n", "\n\n\n", " \n\n"])


@given(st.lists(st.tuples(PARAGRAPH, GAP), min_size=1, max_size=5))
def test_renderer_writes_what_the_converter_and_the_cleaner_write(parts):
    body = "".join(p + gap for p, gap in parts).rstrip("\n")
    renderer = MarkdownRenderer()
    assert render_markdown(body, renderer) == render_markdown(body)
    # and convert, on text that was not escaped (raw '&', '<', '>'), as the converter does
    assert renderer.convert(body) == markdown.markdown(body, output_format="html")
    assert renderer.safe_html(body) == clean_html(markdown.markdown(body, output_format="html"))


@pytest.mark.parametrize(
    "text", ["Rights &copy; the desk", "Salt &#38; pepper", "A&nbsp;gap", "R&D"]
)
def test_an_entity_the_escaping_did_not_write_goes_through_the_cleaner(text):
    # the cleaner writes '&copy;' as the character, '&nbsp;' stays, a bare '&' becomes '&amp;'
    renderer = MarkdownRenderer()
    assert plain_paragraphs(text) is None
    assert renderer.safe_html(text) == clean_html(markdown.markdown(text, output_format="html"))


def test_a_number_opening_a_line_keeps_its_value():
    # a German date, and list items whose first one the paste lost: Markdown would make each an
    # ordered list and print "1." for "19." and "3."
    body = "19. November 2019 \u2013 the talks went on.\n\nThe second day.\n\n3. Oktober was last."
    html = render_markdown(body, MarkdownRenderer())
    assert "<ol>" not in html
    assert "19. November 2019" in html and "3. Oktober" in html
    assert html == render_markdown(body)  # with and without a shared renderer


def test_a_list_from_one_stays_a_list_and_one_cut_off_does_not():
    html = render_markdown("1. Hostels\n2. Hotels\n3. Camping\n\nThen a paragraph.\n\n4. Boats")
    assert html.count("<li>") == 3 and "<p>4. Boats</p>" in html
    spaced = render_markdown("1. Hostels\n\n2. Hotels")
    assert spaced.count("<li>") == 2  # items apart by a blank line are one list


def test_an_item_wrapped_over_two_lines_keeps_the_list_going():
    # Markdown carries an item on over an unindented line right under it (no blank line)
    body = "1. Close the east pier\nto all boats\n2. Paint the sheds\n3. Open again in June"
    html = render_markdown(body)
    assert html.count("<li>") == 3 and "2." not in html and "3." not in html
    headed = render_markdown("1. Close the east pier\n## Later\n2. Paint the sheds")
    assert "<p>2. Paint the sheds</p>" in headed  # a heading ends the list: the 2 is kept
