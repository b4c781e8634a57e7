"""Pure: CleanedArticle + editor headers + Knowledge -> Metadata, each field with its provenance.

One small extractor per field (the modules of this package); the precedence is written once,
here: editor header > stated in the text > inferred from the text > settings default > file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

from ..model import CleanedArticle, Metadata
from . import byline as by
from .calendar import day_first, find_dates, find_month_days
from .dates import byline_date, posted_this_year, publication_date
from .entities import find_entities
from .events import find_events
from .ident import stable_id
from .knowledge import Knowledge, load_knowledge
from .language import detect_language
from .layout import Layout, build_layout, headline_index, story_lead
from .summary import lead_summary, reading_time, word_count
from .title import best_headline, generated_title, stated_title
from .topics import header_topics, match_topics

__all__ = ["Knowledge", "extract", "load_knowledge", "stable_id"]

# Where a value came from, strongest first. "generated" sits with "inferred": both are ours.
PRECEDENCE = ("header", "text", "inferred", "generated", "default", "file")
_DATE_BLOCKS = ("date", "byline", "dateline")


Option = tuple[str | Callable[[], str], str]  # (value, or a function giving it; provenance)


def choose(*options: Option) -> tuple[str, str]:
    """(value, provenance) of the first non-empty option in PRECEDENCE order. A value may be a
    function, called only when every stronger option is empty: most articles state their
    author, date and outlet, and the weaker guesses are the costly ones."""
    for provenance in PRECEDENCE:
        for value, origin in options:
            if origin == provenance:
                value = value() if callable(value) else value
                if value:
                    return value, origin
    return "", ""


def _first_date(texts: list[str], prefer_dmy: bool) -> str:
    for text in texts:
        for found in find_dates(text, prefer_dmy):
            return found.day.isoformat()
    return ""


def header_date(value: str) -> str:
    """An editor's Date: line in any usual format, as YYYY-MM-DD ("" when unreadable)."""
    try:
        return date.fromisoformat(value.strip()[:10]).isoformat()
    except ValueError:
        return _first_date([value], prefer_dmy=True)


def _inferred_date(texts: list[str], body: str) -> str:
    """A month and day stated without a year, completed by the only year the story names."""
    # 2000 is a leap year, so any month and day that some year makes is made: the check only
    # saves the scan of the whole body when no text states a month and day at all.
    if not any(find_month_days(text, 2000) for text in texts):
        return ""
    # Paragraph by paragraph, so the quick year test skips most of the story. A date may be
    # wrapped over two lines of a paragraph, never split by a blank line.
    paragraphs = body.split("\n\n")
    years = {f.day.year for text in paragraphs for f in find_dates(text, foreign_budget=0)}
    if len(years) != 1:
        return ""
    year = years.pop()
    for text in texts:
        for found in find_month_days(text, year):
            return found.day.isoformat()
    return ""


def _date_blocks(cleaned: CleanedArticle) -> list[str]:
    return [r.text for r in cleaned.removed if r.reason in _DATE_BLOCKS]


def _date(
    cleaned: CleanedArticle, headers: dict, raw: str, placed: Layout | None, file_date: str
) -> tuple[str, str]:
    given = header_date(headers.get("date", ""))
    if given:
        return given, "header"  # the editor's date wins: nothing below could change it
    # 05/06/2020 is read the way the page writes its unambiguous dates (day first if unsure)
    prefer_dmy = day_first(raw or cleaned.body)
    # The byline and dateline the cleaner kept are the article's own; date blocks it removed may
    # be a masthead's "today" or a teaser's, so those are weighed by position in the paste.
    near = [line for line in cleaned.byline.split("\n") if "(@" not in line]
    near += [cleaned.dateline, by.dateline_prefix(cleaned.body)]
    stated = byline_date(near, prefer_dmy)
    if not stated and not raw:
        stated = _first_date(_date_blocks(cleaned), prefer_dmy)
    if not stated and raw:
        latest = date.fromisoformat(file_date) if file_date else None
        layout = placed or build_layout(raw, cleaned)
        found = publication_date(layout, prefer_dmy, latest, cleaned.body)
        stated = found.day.isoformat() if found else ""
    return choose(
        (stated, "text"),
        (lambda: _inferred_date(near + _date_blocks(cleaned), cleaned.body), "inferred"),
        (lambda: posted_this_year(raw) if raw else "", "inferred"),
        (file_date, "file"),
    )


def _source(
    cleaned: CleanedArticle, headers: dict, url: str, knowledge: Knowledge, raw: str
) -> tuple[str, str]:
    credits = [cleaned.byline] + [r.text for r in cleaned.removed if r.reason == "byline"]
    chrome = [r.text for r in cleaned.removed]
    return choose(
        (headers.get("source", ""), "header"),
        (lambda: _first_outlet(credits), "text"),
        (lambda: _first_outlet(chrome), "text"),
        (lambda: by.known_outlet("\n".join(raw.split("\n")[:12])) if raw else "", "text"),
        (lambda: by.outlet_from_copyright(chrome), "inferred"),
        (lambda: by.outlet_from_url(url) if url else "", "inferred"),
        (knowledge.default_source, "default"),
    )


def _first_outlet(texts: list[str]) -> str:
    return next(filter(None, map(by.known_outlet, texts)), "")


def _title(
    cleaned: CleanedArticle, headers: dict, source: str, layout: Layout | None
) -> tuple[str, str]:

    def found() -> str:
        if not layout:
            return ""
        # over the cleaner's lead, or over the story's prose when a blurb stands above it
        leads = (layout.lead, story_lead(layout))
        args = (source, cleaned.title, cleaned.deck, cleaned.removed)
        return best_headline(layout.lines, leads, *args)

    return choose(
        (headers.get("title", ""), "header"),
        (found, "text"),
        (lambda: stated_title(cleaned, source), "text"),
        (lambda: generated_title(cleaned.body), "generated"),
    )


def _placed(layout: Layout | None, title: str, placed: str) -> Layout | None:
    """The paste's layout with the chosen headline placed (it may differ from the cleaner's,
    `placed`, which the layout already placed)."""
    if layout is None or title == placed:
        return layout
    return replace(layout, headline=headline_index(layout.lines, layout.lead, title))


def _over_the_story(placed: Layout | None) -> tuple | None:
    """(lines, lead, headline) where the byline is looked for: under the chosen headline,
    over the story's prose when that headline stands below the cleaner's lead."""
    if placed is None:
        return None
    lead = placed.lead
    if placed.headline is not None and lead is not None and placed.headline > lead:
        lead = story_lead(placed)
    return placed.lines, lead, placed.headline


def _warnings(prov: dict[str, str], source: str) -> tuple[str, ...]:
    out = []
    if prov.get("title") == "generated":
        out.append("title generated from the lead: confirm it (add a Title: line)")
    if prov.get("date") == "inferred":
        out.append("date inferred, not stated: confirm it (add a Date: line)")
    if prov.get("date") == "file":
        out.append("no date stated: the file's date is used, confirm it (add a Date: line)")
    if not source:
        out.append("unknown source: add a Source: line")
    return tuple(out)


def extract(
    cleaned: CleanedArticle,
    headers: dict[str, str],
    knowledge: Knowledge,
    file_date: str,
    raw: str = "",
) -> Metadata:
    """All metadata of one article. `raw` is the paste (after header lines) the cleaner read;
    it lets the date and outlet be looked for around the headline when the cleaner kept none."""
    prov: dict[str, str] = {}
    language = detect_language(cleaned.body)
    url, prov["url"] = choose((headers.get("url", ""), "header"), (by.url_in(raw), "text"))
    source, prov["source"] = _source(cleaned, headers, url, knowledge, raw)
    layout = build_layout(raw, cleaned, cleaned.title) if raw.strip() else None
    title, prov["title"] = _title(cleaned, headers, source, layout)
    placed = _placed(layout, title, cleaned.title)
    byline_at = _over_the_story(placed)
    # under the cleaner's headline, when that is somewhere else than under the chosen one
    at_cleaners = (layout.lines, layout.lead, layout.headline) if layout else None
    author, prov["author"] = choose(
        (headers.get("author", ""), "header"),
        (lambda: by.author_from_byline(cleaned.byline), "text"),
        (
            lambda: by.author_from_byline(
                "\n".join(
                    r.text
                    for r in cleaned.removed
                    if r.reason == "byline" and "(@" not in r.text and by.signed(r.text)
                )
            ),
            "text",
        ),
        (lambda: by.author_near_lead(*byline_at) if byline_at else "", "text"),
        (
            lambda: by.author_near_lead(*at_cleaners) if at_cleaners != byline_at else "",
            "text",
        ),
        (lambda: by.author_name_line(*byline_at) if byline_at else "", "text"),
        (lambda: by.wire_of_dateline(cleaned.body), "text"),
    )
    day, prov["date"] = _date(cleaned, headers, raw, placed, file_date)
    dateline, prov["dateline"] = choose(
        (by.normal_place(cleaned.dateline), "text"),
        (lambda: by.dateline_of(cleaned.body), "text"),
        (
            lambda: next(
                (
                    by.dateline_of(r.text)
                    for r in cleaned.removed
                    if len(r.text) < 40 and by.dateline_of(r.text)
                ),
                "",
            ),
            "text",
        ),
    )
    deck = " ".join(cleaned.deck.replace("•", " ").split()) if cleaned.deck else ""
    prov["deck"] = "text" if deck else ""
    summary, prov["summary"] = choose(
        (headers.get("summary", ""), "header"),
        (deck[:400], "text"),
        (lambda: lead_summary(cleaned.body), "inferred"),
    )
    text = "\n\n".join(part for part in (title, deck, cleaned.body) if part)
    warnings: list[str] = []
    if headers.get("topics"):
        topics, bad = header_topics(headers["topics"], knowledge)
        warnings += bad
        prov["topics"] = "header"
    else:
        topics = match_topics(text, knowledge)
        prov["topics"] = "text" if topics else ""
    entities = find_entities(text, knowledge)
    words = word_count(cleaned.body)
    return Metadata(
        title=title,
        deck=deck,
        author=author,
        source=source,
        url=url,
        dateline=dateline,
        date=day,
        summary=summary,
        people=entities.people,
        organizations=entities.organizations,
        places=entities.places,
        topics=topics,
        events=find_events(cleaned.body, day if prov["date"] != "file" else ""),
        candidates=entities.candidates,
        language=language or "en",
        word_count=words,
        reading_time=reading_time(words, knowledge.words_per_minute),
        slug=headers.get("slug", ""),
        stable_id=stable_id(cleaned.body),
        provenance={k: v for k, v in prov.items() if v},
        warnings=_warnings(prov, source) + tuple(warnings),
    )
