"""The coverage chart: a well-formed, labelled SVG with one bar per month that has articles."""

from __future__ import annotations

from briefing.chart import coverage_svg
from briefing.grouping import Coverage, Topic
from lxml import etree

SVG = "{http://www.w3.org/2000/svg}"


def sample() -> Coverage:
    return Coverage(
        months=("2019-12", "2020-01", "2020-02"),
        total=(1, 0, 3),
        per_topic=((Topic("doha", "Doha <talks>"), (1, 0, 2)), (Topic("b", "Border"), (0, 0, 1))),
    )


def test_chart_is_an_accessible_image():
    svg = etree.fromstring(coverage_svg(sample(), "c1", "Coverage & more"))
    assert svg.get("role") == "img"
    title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
    assert title.text == "Coverage & more"
    assert "December 2019 to February 2020" in desc.text and "4 in all" in desc.text
    assert svg.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"


def test_one_bar_per_month_with_articles_in_each_row():
    svg = etree.fromstring(coverage_svg(sample(), "c1", "t"))
    bars = svg.findall(f"{SVG}rect")
    assert len(bars) == 2 + 2 + 1
    labels = [b.find(f"{SVG}title").text for b in bars]
    assert "Doha <talks>: 2 in February 2020" in labels
    total = [b for b in bars if "total" in b.get("class")]
    heights = [float(b.get("height")) for b in total]
    assert abs(heights[1] - 3 * heights[0]) < 0.5  # bars are to scale


def test_topic_rows_can_be_left_out_and_nothing_is_drawn_without_dates():
    svg = etree.fromstring(coverage_svg(sample(), "c2", "t", with_topics=False))
    assert len(svg.findall(f"{SVG}rect")) == 2
    assert coverage_svg(Coverage((), (), ()), "c3", "t") == ""


def test_no_inline_style_so_the_csp_holds():
    assert "style=" not in coverage_svg(sample(), "c1", "t")
