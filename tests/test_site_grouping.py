"""Grouping on small plain objects: order, topics, months, events, entities, coverage."""

from __future__ import annotations

import re

from briefing import grouping
from briefing.grouping import Entity, Item, Topic
from briefing.model import Event, Metadata


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def item(title, date="", source="", topics=(), people=(), orgs=(), places=(), events=()):
    meta = Metadata(
        title=title,
        date=date,
        source=source,
        topics=tuple(topics),
        people=tuple(people),
        organizations=tuple(orgs),
        places=tuple(places),
        events=tuple(Event(d, t) for d, t in events),
    )
    return Item(url=f"articles/{slug(title)}/", meta=meta)


def titles(items) -> list[str]:
    return [i.meta.title for i in items]


def test_newest_first_breaks_ties_by_title_and_puts_undated_last():
    items = [item("b", "2020-01-02"), item("Undated"), item("a", "2020-01-02"), item("c", "2021")]
    assert titles(grouping.newest_first(items)) == ["c", "a", "b", "Undated"]
    assert titles(grouping.oldest_first(items)) == ["a", "b", "c", "Undated"]


def test_order_does_not_depend_on_input_order():
    items = [item(f"t{n}", f"2020-0{n % 3 + 1}-01") for n in range(7)]
    assert grouping.newest_first(items) == grouping.newest_first(list(reversed(items)))


def test_topics_read_from_data_with_problems_named():
    data = {
        "topic": [
            {"slug": "doha", "name": "Doha talks", "description": "d"},
            {"slug": "../../etc", "name": "Escape attempt"},
            {"slug": "doha", "name": "Again"},
            {"description": "no name"},
        ]
    }
    topics, problems = grouping.topics_from_data(data, slug)
    assert [t.slug for t in topics] == ["doha", "escape-attempt"]
    assert len(problems) == 3
    assert any("../../etc" in p for p in problems)


def test_articles_join_topics_by_slug_or_name_newest_first():
    topics = (Topic("doha", "Doha talks"), Topic("border", "The border"), Topic("empty", "None"))
    items = [
        item("old", "2019-05-01", topics=["doha"]),
        item("new", "2020-05-01", topics=["Doha talks", "the border"]),
        item("stray", "2020-06-01", topics=["unknown topic"]),
    ]
    groups = grouping.group_by_topic(items, topics, slug)
    assert [g.topic.slug for g in groups] == ["doha", "border", "empty"]
    assert titles(groups[0].items) == ["new", "old"]
    assert titles(groups[1].items) == ["new"]
    assert groups[0].latest == "2020-05-01"
    assert groups[2].items == () and groups[2].latest == ""


def test_by_month_is_chronological_and_complete():
    items = [
        item("a", "2020-02-29"),
        item("b", "2019-12-07"),
        item("c", "2020-02-01"),
        item("d"),
        item("e", "2020-09-12"),
    ]
    years = grouping.by_month(items)
    assert [y.year for y in years] == ["2019", "2020", ""]
    assert [m.label for m in years[1].months] == ["February 2020", "September 2020"]
    assert titles(years[1].months[0].items) == ["c", "a"]
    assert titles(years[2].months[0].items) == ["d"]
    newest = grouping.by_month(items, newest=True)
    assert [y.year for y in newest] == ["2020", "2019", ""]
    assert titles(newest[0].months[0].items) == ["e"]
    assert sum(y.count for y in years) == len(items)


def test_timeline_years_take_in_years_of_events_only_and_put_undated_last():
    items = [
        item("a", "2020-02-29", events=[("2018-05-01", "A treaty was first proposed")]),
        item("b", "2020-03-02"),
        item("c"),
    ]
    events = grouping.events_timeline(items)
    years, dated = grouping.timeline_years(items, events)
    assert [y.year for y in years] == ["2018", "2020", ""]
    assert years[0].months == () and [e.text for e in dated["2018"]] == [
        "A treaty was first proposed"
    ]
    links = grouping.year_links(years, "timeline/", dated)
    assert [(y.url, y.count, y.events) for y in links] == [
        ("timeline/2018/", 0, 1),
        ("timeline/2020/", 2, 0),
        ("timeline/undated/", 1, 0),
    ]
    assert links[1].months == (("2020-02", "February 2020", 1), ("2020-03", "March 2020", 1))
    assert links[2].label == "Date unknown"


def test_dates_are_written_for_people():
    assert grouping.format_date("2020-02-29") == "29 February 2020"
    assert grouping.format_date("2020-09") == "September 2020"
    assert grouping.format_date("2020") == "2020"
    assert grouping.format_date("") == ""


def test_same_event_told_by_two_articles_is_one_entry_with_both_sources():
    a = item(
        "Deal signed",
        "2020-02-29",
        events=[("2020-02-29", "The United States and the Taliban signed an agreement in Doha.")],
    )
    b = item(
        "Reactions",
        "2020-03-01",
        events=[
            (
                "2020-02-29",
                "Khalilzad and Baradar signed the agreement between the Taliban "
                "and the United States in Doha.",
            ),
            ("2020-02-29", "A bomb killed three people in Kunduz province."),
        ],
    )
    c = item("Later", "2020-09-12", events=[("2020-09-12", "Intra-Afghan talks opened in Doha.")])
    entries = grouping.events_timeline([c, b, a])
    assert [e.date for e in entries] == ["2020-02-29", "2020-02-29", "2020-09-12"]
    signing = next(e for e in entries if "signed" in e.text)
    assert titles(signing.sources) == ["Deal signed", "Reactions"]
    assert len(signing.tellings) == 2
    bomb = next(e for e in entries if "bomb" in e.text)
    assert titles(bomb.sources) == ["Reactions"]


def test_different_events_on_one_day_stay_apart():
    assert not grouping.same_event(
        "The Taliban attacked a checkpoint in Kunduz, Afghanistan.",
        "Pakistan's foreign minister met the Taliban in Islamabad about Afghanistan.",
    )
    assert grouping.same_event(
        "Zalmay Khalilzad arrived in Islamabad for talks with Pakistani officials.",
        "US envoy Khalilzad arrives in Islamabad to hold talks with officials.",
    )


def test_datelines_do_not_make_events_alike_and_are_not_shown():
    a = item("A", "2020-02-29", events=[("2020-02-29", "DOHA: Talks on prisoners stalled again.")])
    b = item(
        "B",
        "2020-02-29",
        events=[
            (
                "2020-02-29",
                "ISLAMABAD: Pakistan welcomed the agreement signed in Doha between "
                "the United States and the Taliban, calling it a step towards peace.",
            ),
            (
                "2020-02-29",
                "DOHA: The United States and the Taliban signed an agreement that "
                "sets out a timetable for the withdrawal of foreign troops.",
            ),
        ],
    )
    entries = grouping.events_timeline([a, b])
    assert [e.text[:8] for e in entries] == ["Talks on", "The Unit"]
    assert len(entries[1].tellings) == 2  # the welcome and the signing: one event


def test_an_event_repeated_in_one_article_is_listed_once():
    a = item(
        "A", "2020-01-01", events=[("2020-01-01", "Talks opened."), ("2020-01-01", "Talks opened.")]
    )
    entries = grouping.events_timeline([a])
    assert len(entries) == 1 and titles(entries[0].sources) == ["A"]


def test_timelines_of_one_build_share_sentence_words_but_not_common_ones():
    # In the whole digest "Kabul" is common and tells nothing; in a topic of two articles it is
    # a word like any other. The words remembered between timelines are the sentence's own.
    x = item("X", "2021-05-01", events=[("2021-05-01", "Kabul council opened bridge.")])
    y = item("Y", "2021-05-01", events=[("2021-05-01", "Kabul council met.")])
    many = [
        item(f"K{n}", f"2020-01-{n + 1:02d}", events=[(f"2020-01-{n + 1:02d}", f"Kabul {w}.")])
        for n, w in enumerate(("rain fell", "roads shut", "prices rose", "schools reopened") * 6)
    ]
    known: dict = {}
    digest = grouping.events_timeline([x, y, *many], known)
    assert len([e for e in digest if e.date == "2021-05-01"]) == 2  # "Kabul" left out: apart
    topic = grouping.events_timeline([x, y], known)
    assert topic == grouping.events_timeline([x, y]) and len(topic) == 1  # "Kabul" counts


REGISTRY = (
    Entity("person", "Zalmay Khalilzad", ("Khalilzad",)),
    Entity("person", "Abdul Ghani Baradar", ("Mullah Baradar",)),
    Entity("place", "Doha"),
    Entity("organization", "Taliban"),
)


def test_entity_pages_need_enough_articles_and_resolve_aliases():
    items = [
        item("1", "2020-01-01", people=["Khalilzad", "Mullah Baradar"], places=["Doha"]),
        item("2", "2020-02-01", people=["Zalmay Khalilzad"], places=["Doha"], orgs=["Taliban"]),
        item("3", "2020-03-01", people=["Zalmay Khalilzad", "Abdul Ghani Baradar"]),
        item("4", "2020-04-01", people=["Unknown Person"]),
    ]
    pages = grouping.entity_pages(items, REGISTRY, 2, slug)
    names = [(p.entity.kind, p.entity.name) for p in pages]
    assert names == [
        ("person", "Abdul Ghani Baradar"),
        ("person", "Zalmay Khalilzad"),
        ("place", "Doha"),
    ]
    khalilzad = pages[1]
    assert khalilzad.url == "people/zalmay-khalilzad/"
    assert titles(khalilzad.items) == ["3", "2", "1"]
    assert khalilzad.entity.aliases == ("Khalilzad",)
    companions = [(e.name, n) for e, n in khalilzad.companions]
    assert companions == [("Abdul Ghani Baradar", 2), ("Doha", 2), ("Taliban", 1)]
    assert pages[2].url == "places/doha/"


def test_entity_threshold_follows_the_setting():
    items = [item("1", "2020-01-01", orgs=["Taliban"])]
    assert grouping.entity_pages(items, REGISTRY, 2, slug) == ()
    assert [p.entity.name for p in grouping.entity_pages(items, REGISTRY, 1, slug)] == ["Taliban"]


def test_entity_slugs_never_collide():
    registry = (Entity("person", "A. B."), Entity("person", "A B"))
    items = [item(str(n), "2020-01-01", people=["A. B.", "A B"]) for n in range(2)]
    urls = [p.url for p in grouping.entity_pages(items, registry, 2, slug)]
    assert len(set(urls)) == 2


def test_coverage_counts_every_month_including_empty_ones():
    topics = (Topic("doha", "Doha"), Topic("border", "Border"))
    items = [
        item("a", "2019-11-30", topics=["doha"]),
        item("b", "2020-02-01", topics=["doha", "border"]),
        item("c", "2020-02-15", topics=["border"]),
        item("undated"),
    ]
    groups = grouping.group_by_topic(items, topics, slug)
    cov = grouping.coverage(items, groups)
    assert cov.months == ("2019-11", "2019-12", "2020-01", "2020-02")
    assert cov.total == (1, 0, 0, 2)
    assert [counts for _, counts in cov.per_topic] == [(1, 0, 0, 1), (0, 0, 0, 2)]


def test_outlets_sorted_and_unique():
    items = [item("a", source="Dawn"), item("b", source="Ariana News"), item("c", source="Dawn")]
    assert grouping.outlets(items) == ("Ariana News", "Dawn")


def test_coverage_leaves_out_articles_dated_only_by_their_file():
    from dataclasses import replace

    dated = item("a", "2020-02-01")
    filed = item("b", "2026-11-23")
    filed = Item(filed.url, replace(filed.meta, provenance={"date": "file"}))
    cov = grouping.coverage([dated, filed], ())
    assert cov.months == ("2020-02",) and cov.total == (1,)


def test_by_month_of_items_already_in_order_is_the_same_grouping():
    items = grouping.newest_first(
        [item("a", "2020-02-29"), item("b", "2019-12-07"), item("c", "2020-02-01"), item("d")]
    )
    assert grouping.by_month(items, newest=True, in_order=True) == grouping.by_month(
        list(reversed(items)), newest=True
    )


def test_by_month_keeps_a_month_whole_when_its_articles_are_not_together():
    """`in_order` is trusted for the order within a month, never for the grouping."""
    items = [item("a", "2020-02-03"), item("b", "2020-01-05"), item("c", "2020-02-01")]
    (year,) = grouping.by_month(items, in_order=True)
    assert [(m.key, titles(m.items)) for m in year.months] == [
        ("2020-01", ["b"]),
        ("2020-02", ["a", "c"]),
    ]


def test_each_spelling_of_an_entity_resolves_as_the_registry_says():
    """A name the registry knows joins its entity however it is cased; one it does not know is
    its own entity for each spelling, even after a known one was resolved."""
    items = [
        item("1", "2020-01-01", people=["khalilzad", "Ahmad Noor", " Zalmay Khalilzad "]),
        item("2", "2020-01-02", people=["Zalmay Khalilzad", "AHMAD NOOR", "Ahmad Noor"]),
        item("3", "2020-01-03", people=["KHALILZAD", "ahmad noor"]),
    ]
    pages = grouping.entity_pages(items, REGISTRY, 1, slug)
    found = {p.entity.name: titles(p.items) for p in pages}
    assert found == {
        "AHMAD NOOR": ["2"],
        "Ahmad Noor": ["2", "1"],
        "Zalmay Khalilzad": ["3", "2", "1"],
        "ahmad noor": ["3"],
    }
    khalilzad = next(p for p in pages if p.entity.name == "Zalmay Khalilzad")
    assert [(e.name, n) for e, n in khalilzad.companions] == [
        ("Ahmad Noor", 2),
        ("AHMAD NOOR", 1),
        ("ahmad noor", 1),
    ]


def test_companions_counted_per_pair_of_entities_as_per_article():
    """Both ways of counting co-mentions give the same counts in the same order."""
    import random

    pick = random.Random(8)
    people = [f"Person {n}" for n in range(30)]
    items = [
        item(f"t{n}", f"2020-01-{n % 28 + 1:02d}", people=pick.sample(people, pick.randint(0, 6)))
        for n in range(300)
    ]
    numbers: dict = {}
    named: list = []
    where: list = []
    for place, it in enumerate(grouping.newest_first(items)):
        found = list(dict.fromkeys(numbers.setdefault(p, len(numbers)) for p in it.meta.people))
        named.extend([] for _ in range(len(numbers) - len(named)))
        where.extend([] for _ in range(len(numbers) - len(where)))
        for n in found:
            named[n].append(found)
            where[n].append(place)
    chosen = [n for n in range(len(named)) if len(named[n]) >= 2]
    by_bits = grouping._together(chosen, named, where, by_bits=True)
    assert by_bits == grouping._together(chosen, named, where, by_bits=False)
    assert by_bits == grouping._together(chosen, named, where)


def test_groups_of_items_already_newest_first_are_the_same():
    """site_data passes its sorted items with in_order=True: the groups must not change."""
    topics = (Topic("talks", "Talks"), Topic("trade", "Trade"))
    items = [
        item("b", "2020-01-02", topics=["talks"], people=["Ana Ruiz", "Bo Lind"]),
        item("a", "2020-01-02", topics=["talks", "trade"], people=["Bo Lind"]),
        item("c", "2021-03-01", topics=["Trade"], people=["Ana Ruiz", "Bo Lind"]),
        item("d", topics=["talks"], people=["Ana Ruiz"]),
    ]
    ordered = grouping.newest_first(items)
    assert grouping.group_by_topic(ordered, topics, slug, in_order=True) == (
        grouping.group_by_topic(items, topics, slug)
    )
    assert grouping.entity_pages(ordered, (), 1, slug, in_order=True) == (
        grouping.entity_pages(items, (), 1, slug)
    )
