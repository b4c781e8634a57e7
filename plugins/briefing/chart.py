"""Pure: the coverage chart (articles per month, in total and per topic) as static SVG.

Drawn at build time, no script. Colours come from CSS classes (`series-N`), so the page's light
and dark schemes apply; the SVG is an image to assistive technology (role="img", <title>,
<desc>) and the page carries the same numbers as a table.
"""

from __future__ import annotations

from html import escape

from .grouping import Coverage, month_label

WIDE = (760, 170)  # viewBox width and room for topic names on the left
NARROW = (420, 4)  # one series, no names: stays legible when a phone scales it down
TOTAL_H = 90
ROW_H = 34
AXIS_H = 26
SERIES = 8  # colours in the theme; topics beyond cycle


def _axis(months: tuple[str, ...], top: float, frame: tuple[int, int]) -> list[str]:
    """A baseline with the year written under each January (and under the first month)."""
    width, left = frame
    step = (width - left) / max(1, len(months))
    out = [f'<line class="axis" x1="{left}" y1="{top}" x2="{width}" y2="{top}"/>']
    last_label = -1e9
    for i, month in enumerate(months):
        if i == 0 or month.endswith("-01"):
            x = left + i * step
            if x - last_label < 34:  # too close to the previous year's label to read
                continue
            last_label = x
            out.append(f'<line class="tick" x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{top + 5}"/>')
            out.append(
                f'<text x="{x + 2:.1f}" y="{top + 17}" class="tick-label">{month[:4]}</text>'
            )
    return out


def coverage_svg(
    cov: Coverage, chart_id: str, title: str, with_topics: bool = True, name: str = "All articles"
) -> str:
    """The chart as an inline <svg> element; '' when there is nothing dated to draw.
    With topics: the total on top and one row per topic; without: the total alone, narrow."""
    if not cov.months:
        return ""
    rows = list(cov.per_topic) if with_topics else []
    frame = WIDE if with_topics else NARROW
    width, left = frame
    height = TOTAL_H + AXIS_H + len(rows) * ROW_H + 8
    first, last = month_label(cov.months[0]), month_label(cov.months[-1])
    desc = (
        f"Articles per month from {first} to {last}: {sum(cov.total)} in all, "
        f"at most {max(cov.total)} in one month."
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart{"" if with_topics else " narrow"}" '
        f'id="{chart_id}" role="img" viewBox="0 0 {width} {height}" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>',
    ]
    if with_topics:
        parts.append(f'<text x="0" y="{TOTAL_H - 4}" class="row-label">{escape(name)}</text>')
    parts += _bars(cov, cov.total, 6, TOTAL_H - 10, "bar total", name, frame)
    parts += _axis(cov.months, TOTAL_H, frame)
    top = TOTAL_H + AXIS_H
    for n, (topic, counts) in enumerate(rows):
        label = topic.name if len(topic.name) <= 24 else topic.name[:23] + "…"
        parts.append(f'<text x="0" y="{top + ROW_H - 10}" class="row-label">{escape(label)}</text>')
        parts.append(
            f'<line class="baseline" x1="{left}" y1="{top + ROW_H - 6}" '
            f'x2="{width}" y2="{top + ROW_H - 6}"/>'
        )
        css = f"bar series-{n % SERIES + 1}"
        parts += _bars(cov, counts, top + 4, ROW_H - 10, css, topic.name, frame)
        top += ROW_H
    parts.append("</svg>")
    return "\n".join(parts)


def _bars(cov: Coverage, counts, top, height, css, name, frame) -> list[str]:
    """One bar per month with articles, to scale, each with a tooltip."""
    width, left = frame
    peak = max(counts, default=0) or 1
    step = (width - left) / max(1, len(counts))
    gap = min(2.0, step * 0.2)
    out = []
    for i, n in enumerate(counts):
        if not n:
            continue
        h = max(1.5, height * n / peak)
        x = left + i * step + gap / 2
        out.append(
            f'<rect class="{css}" x="{x:.1f}" y="{top + height - h:.1f}" '
            f'width="{step - gap:.1f}" height="{h:.1f}"><title>{escape(name)}: '
            f"{n} in {month_label(cov.months[i])}</title></rect>"
        )
    return out
