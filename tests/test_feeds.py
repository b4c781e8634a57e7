"""Feeds of a small fixture site, built for real: contents, escaping, determinism, the feedgen
traps, feedparser, the Atom RELAX NG schema and our RSS lint."""

from __future__ import annotations

import html
import shutil
import subprocess
import sys
import tomllib
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path

import feedparser
import lxml.html
import pytest
from briefing import feeds
from briefing.feed_lint import lint_rss
from briefing.headers import split_headers
from briefing.pipeline import process_file
from briefing.settings import Options, defaults
from conftest import ROOT, build_site
from feedgen.feed import FeedGenerator
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

FIXTURE = ROOT / "tests" / "fixtures" / "feeds"
SITEURL = "https://briefing.example/digest"
ATOM_NS = {"a": "http://www.w3.org/2005/Atom"}
SCHEMA = ROOT / "plugins" / "briefing" / "atom.rng"
MOSCOW_TITLE = 'Moscow format: "talks" resume & envoys say ceasefire < settlement'


def topic_slugs() -> list[str]:
    data = tomllib.loads((FIXTURE / "topics.toml").read_text(encoding="utf-8"))
    return [t["slug"] for t in data["topic"]]


def feed_paths(out: Path) -> list[Path]:
    stems = ["feeds/all"] + [f"feeds/topics/{s}" for s in topic_slugs()]
    return [out / f"{stem}{ext}" for stem in stems for ext in (".rss.xml", ".atom.xml")]


def expected_articles() -> dict[str, dict]:
    """What the pipeline (not the feed code) says of each fixture article, by guid; the date is
    the editor's Date: header, which wins over everything."""
    found = {}
    for path in sorted(FIXTURE.glob("*.txt")):
        record = process_file(str(path), Options(content_dir=str(FIXTURE)))
        headers, _ = split_headers(path.read_text(encoding="utf-8"))
        found[f"urn:briefing:{record.meta.stable_id}"] = {
            "title": record.meta.title,
            "date": datetime.strptime(headers["date"], "%Y-%m-%d").replace(tzinfo=UTC),
            "topics": list(record.meta.topics),
            "author": record.meta.author,
            "source": record.meta.source,
            "summary": record.meta.summary,
        }
    return found


def in_topic(article: dict, slug: str, name: str) -> bool:
    return any(t.casefold() in (slug, name.casefold()) for t in article["topics"])


def build(content: Path, out: Path, **settings) -> Path:
    settings.setdefault("SITEURL", SITEURL)
    return build_site(content, out, BRIEFING_SEARCH=False, **settings)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build(FIXTURE, tmp_path_factory.mktemp("feeds") / "output")


@pytest.fixture(scope="module")
def schema() -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(str(SCHEMA)))


def parsed(path: Path):
    result = feedparser.parse(path.read_bytes())
    assert not result.bozo, (path, result.get("bozo_exception"))
    return result


# --- every feed exists and parses ---------------------------------------------------------


def test_every_feed_parses_without_bozo(site):
    for path in feed_paths(site):
        assert path.exists(), path
        result = parsed(path)
        assert result.version in ("rss20", "atom10"), (path, result.version)


def test_main_feed_carries_every_article_with_its_fields(site):
    expected = expected_articles()
    for name in ("all.rss.xml", "all.atom.xml"):
        entries = parsed(site / "feeds" / name).entries
        assert {e.id for e in entries} == set(expected)
        for entry in entries:
            want = expected[entry.id]
            assert entry.title == want["title"]
            assert datetime(*entry.published_parsed[:6], tzinfo=UTC) == want["date"]
            assert entry.link.startswith(SITEURL + "/articles/")
            page = site / entry.link.removeprefix(SITEURL + "/") / "index.html"
            assert page.exists(), f"{entry.link} has no page"
            assert entry.summary and entry.content[0].value.startswith("<p>")
            creator = ", ".join(x for x in (want["author"], want["source"]) if x)
            assert entry.get("author", "") == creator


def test_topic_feeds_hold_exactly_their_topics_articles(site):
    expected = expected_articles()
    data = tomllib.loads((FIXTURE / "topics.toml").read_text(encoding="utf-8"))
    for topic in data["topic"]:
        want = {g for g, a in expected.items() if in_topic(a, topic["slug"], topic["name"])}
        for ext in (".rss.xml", ".atom.xml"):
            result = parsed(site / "feeds" / "topics" / f"{topic['slug']}{ext}")
            assert {e.id for e in result.entries} == want, (topic["slug"], ext)
            assert topic["name"] in result.feed.title
            for entry in result.entries:
                labels = {t.get("label") or t.term for t in entry.tags}
                assert topic["name"] in labels or topic["slug"] in labels


def test_quiet_topic_feed_is_empty_but_valid_and_dated_by_the_site(site):
    newest = max(a["date"] for a in expected_articles().values())
    result = parsed(site / "feeds" / "topics" / "quiet-topic.rss.xml")
    assert result.entries == []
    assert parsedate_to_datetime(result.feed.updated) == newest


# --- identity and order -----------------------------------------------------------------------


def test_guid_is_the_stable_id_and_not_a_permalink(site):
    rss = etree.parse(str(site / "feeds" / "all.rss.xml"))
    guids = rss.findall(".//item/guid")
    assert guids and all(g.get("isPermaLink") == "false" for g in guids)
    assert {g.text for g in guids} == set(expected_articles())
    atom = etree.parse(str(site / "feeds" / "all.atom.xml"))
    assert {i.text for i in atom.findall("a:entry/a:id", ATOM_NS)} == set(expected_articles())


def test_items_are_newest_first_despite_feedgen_prepending(site):
    # feedgen's add_entry() prepends: without order="append" this list comes out reversed.
    for name in ("all.rss.xml", "all.atom.xml"):
        entries = parsed(site / "feeds" / name).entries
        dates = [datetime(*e.published_parsed[:6]) for e in entries]
        assert dates == sorted(dates, reverse=True)
        assert len(set(dates)) < len(dates), "fixture should have a same-day pair"


def test_same_day_items_keep_one_order_whatever_the_file_names(site, tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    for path in content.glob("*.txt"):  # reverse the alphabetical order of the files
        path.rename(path.with_name("z-" + "".join(reversed(path.stem)) + ".txt"))
    again = build(content, tmp_path / "out")
    first = [e.id for e in parsed(site / "feeds" / "all.rss.xml").entries]
    assert [e.id for e in parsed(again / "feeds" / "all.rss.xml").entries] == first


def test_item_count_is_the_setting_and_keeps_the_newest(tmp_path):
    out = build(FIXTURE, tmp_path / "out", BRIEFING_FEED_ITEMS=2)
    newest = sorted(expected_articles().items(), key=lambda kv: kv[1]["date"], reverse=True)
    cutoff = newest[1][1]["date"]
    for path in feed_paths(out):
        entries = parsed(path).entries
        assert len(entries) <= 2
        if path.name.startswith("all."):
            assert len(entries) == 2
            assert all(datetime(*e.published_parsed[:6], tzinfo=UTC) >= cutoff for e in entries)


def test_fixing_title_date_and_file_name_keeps_the_guid(site, tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    src = content / "envoy-returns-to-doha.txt"
    text = src.read_text(encoding="utf-8")
    text = text.replace("Title: Envoy returns to Doha for a new round", "Title: Envoy back in Doha")
    text = text.replace("Date: 2019-08-03", "Date: 2019-08-04")
    (content / "renamed.txt").write_text(text, encoding="utf-8")
    src.unlink()
    out = build(content, tmp_path / "out")
    before = {e.id: e.title for e in parsed(site / "feeds" / "all.rss.xml").entries}
    after = {e.id: e.title for e in parsed(out / "feeds" / "all.rss.xml").entries}
    assert set(after) == set(before)
    assert sorted(set(after.values()) - set(before.values())) == ["Envoy back in Doha"]


def test_the_same_article_pasted_twice_is_one_item(tmp_path, caplog):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    again = "Slug: agreement-pasted-again\n" + (content / "agreement-signed.txt").read_text("utf-8")
    (content / "agreement-signed-again.txt").write_text(again, encoding="utf-8")
    out = build(content, tmp_path / "out")
    rss = (out / "feeds" / "all.rss.xml").read_bytes()
    assert lint_rss(rss, f"{SITEURL}/feeds/all.rss.xml") == []
    assert len(parsed(out / "feeds" / "all.rss.xml").entries) == len(expected_articles())
    assert any("agreement-signed" in r.getMessage() for r in caplog.records)


# --- feed-level fields --------------------------------------------------------------------------


def test_rss_link_is_the_site_and_self_link_is_the_feed(site):
    # feedgen uses the last link added as RSS <link>: adding "self" last would point it at the feed.
    for path in feed_paths(site):
        if not path.name.endswith(".rss.xml"):
            continue
        channel = etree.parse(str(path)).find("channel")
        own_url = f"{SITEURL}/{path.relative_to(site).as_posix()}"
        selves = channel.findall("{http://www.w3.org/2005/Atom}link[@rel='self']")
        assert [s.get("href") for s in selves] == [own_url]
        assert channel.findtext("link").startswith(SITEURL + "/")
        assert channel.findtext("link") != own_url
        assert channel.findtext("language") == "en"


def test_atom_self_link_is_the_feed(site):
    for path in feed_paths(site):
        if path.name.endswith(".atom.xml"):
            root = etree.parse(str(path)).getroot()
            own_url = f"{SITEURL}/{path.relative_to(site).as_posix()}"
            selves = root.findall("a:link[@rel='self']", ATOM_NS)
            assert [s.get("href") for s in selves] == [own_url]
            assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"


def test_build_date_is_the_newest_item_not_now(site):
    # feedgen sets lastBuildDate/updated to now() unless told otherwise.
    for path in feed_paths(site):
        result = parsed(path)
        if not result.entries:
            continue
        newest = max(datetime(*e.published_parsed[:6]) for e in result.entries)
        assert datetime(*result.feed.updated_parsed[:6]) == newest, path


def test_two_builds_give_identical_bytes(site, tmp_path):
    again = build(FIXTURE, tmp_path / "again")
    for path in feed_paths(site):
        twin = again / path.relative_to(site)
        assert twin.read_bytes() == path.read_bytes(), path.name


# --- escaping and characters XML forbids ----------------------------------------------------------


def test_editor_text_is_escaped_and_stays_text(site):
    item = next(
        i
        for i in etree.parse(str(site / "feeds" / "all.rss.xml")).iter("item")
        if "Moscow" in i.findtext("title")
    )
    assert item.findtext("title") == MOSCOW_TITLE
    summary = next(a["summary"] for a in expected_articles().values() if "Moscow" in a["title"])
    # <description> and content:encoded are HTML: pasted text must show as text, never run.
    description = lxml.html.fragment_fromstring(item.findtext("description"), create_parent="div")
    assert description.text_content() == summary and "&" in summary
    content = lxml.html.fragment_fromstring(item.findtext("{*}encoded"), create_parent="div")
    assert content.find(".//script") is None
    assert "<script>alert(1)</script>" in content.text_content()


def test_control_characters_never_reach_a_feed(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    path = content / "moscow-format-meeting.txt"
    text = path.read_text(encoding="utf-8")
    text = text.replace("envoys say", "envoys\x07 say\x1b")
    text = text.replace("The tests add stray", "The tests\x0c add\x01 stray\x08")
    path.write_text(text, encoding="utf-8")
    out = build(content, tmp_path / "out")
    bad = [chr(c) for c in range(32) if chr(c) not in "\t\n\r"]
    for feed in feed_paths(out):
        data = feed.read_bytes().decode("utf-8")
        assert not [c for c in bad if c in data], feed.name
        etree.fromstring(feed.read_bytes())  # strict parser: would raise on a forbidden char
    titles = [e.title for e in parsed(out / "feeds" / "all.atom.xml").entries]
    assert MOSCOW_TITLE in titles


def test_xml_safe_keeps_text_and_drops_forbidden_characters():
    assert feeds.xml_safe("a\x00b\x1fc\ufffed\t\n\r é ✓") == "abcd\t\n\r é ✓"


# --- Atom schema ---------------------------------------------------------------------------------


def test_every_atom_feed_validates_against_the_rfc4287_schema(site, schema):
    for path in feed_paths(site):
        if path.name.endswith(".atom.xml"):
            assert schema.validate(etree.parse(str(path))), (path, schema.error_log)


def test_atom_content_is_typed_html_never_cdata(site):
    root = etree.parse(str(site / "feeds" / "all.atom.xml"))
    types = {c.get("type") for c in root.findall(".//a:content", ATOM_NS)}
    assert types == {"html"}
    assert b"CDATA" not in (site / "feeds" / "all.atom.xml").read_bytes()


def test_schema_rejects_feedgen_cdata_content(schema):
    fg = FeedGenerator()
    fg.id("urn:x")
    fg.title("t")
    fg.updated(datetime(2020, 1, 1, tzinfo=UTC))
    entry = fg.add_entry()
    entry.id("urn:x:1")
    entry.title("one")
    entry.updated(datetime(2020, 1, 1, tzinfo=UTC))
    entry.content("<p>x</p>", type="CDATA")
    assert not schema.validate(etree.fromstring(fg.atom_str()))
    entry.content("<p>x</p>", type="html")
    assert schema.validate(etree.fromstring(fg.atom_str())), schema.error_log


@pytest.mark.parametrize(
    "breakage",
    ["drop entry id", "two titles", "date without zone", "link without href", "atom element"],
)
def test_schema_rejects_a_broken_atom_document(site, schema, breakage):
    doc = etree.parse(str(site / "feeds" / "all.atom.xml"))
    entry = doc.find("a:entry", ATOM_NS)
    if breakage == "drop entry id":
        entry.remove(entry.find("a:id", ATOM_NS))
    elif breakage == "two titles":
        entry.append(etree.fromstring('<title xmlns="http://www.w3.org/2005/Atom">x</title>'))
    elif breakage == "date without zone":
        entry.find("a:updated", ATOM_NS).text = "2021-03-18T00:00:00"
    elif breakage == "link without href":
        del entry.find("a:link", ATOM_NS).attrib["href"]
    else:
        entry.append(etree.fromstring('<colour xmlns="http://www.w3.org/2005/Atom">red</colour>'))
    assert schema.validate(etree.parse(str(site / "feeds" / "all.atom.xml")))
    assert not schema.validate(doc)


# --- our RSS lint ---------------------------------------------------------------------------------


def test_lint_passes_every_rss_feed(site):
    for path in feed_paths(site):
        if path.name.endswith(".rss.xml"):
            url = f"{SITEURL}/{path.relative_to(site).as_posix()}"
            assert lint_rss(path.read_bytes(), url) == [], path.name


@pytest.mark.parametrize(
    ("old", "new", "complaint"),
    [
        ("urn:briefing:", "urn:briefing:x", None),  # control: still passes
        ('isPermaLink="false"', 'isPermaLink="true"', "isPermaLink"),
        ("+0000</pubDate>", "</pubDate>", "RFC 822"),
        ("<link>https://briefing.example/digest/articles/", "<link>/articles/", "absolute"),
        ("/feeds/all.rss.xml", "/feeds/other.rss.xml", "rel='self'"),
        ("<language>en</language>", "", "language"),
    ],
)
def test_lint_flags_a_broken_feed(site, old, new, complaint):
    data = (site / "feeds" / "all.rss.xml").read_bytes().decode("utf-8")
    assert old in data
    problems = lint_rss(data.replace(old, new, 1).encode(), f"{SITEURL}/feeds/all.rss.xml")
    if complaint is None:
        assert problems == []
    else:
        assert problems and all(complaint in p for p in problems), problems


def test_lint_flags_duplicate_guids_and_wrong_order(site):
    channel = etree.parse(str(site / "feeds" / "all.rss.xml")).getroot().find("channel")
    items = channel.findall("item")
    channel.append(etree.fromstring(etree.tostring(items[0])))
    problems = lint_rss(etree.tostring(channel.getparent()))
    assert any("repeats item 1" in p for p in problems)
    assert any("newest first" in p for p in problems)


def test_lint_flags_a_wrong_weekday_and_a_truncated_file(site):
    data = (site / "feeds" / "all.rss.xml").read_bytes()
    assert any("weekday" in p for p in lint_rss(data.replace(b"Thu, 18 Mar", b"Fri, 18 Mar", 1)))
    assert lint_rss(data[: len(data) // 2])[0].startswith("not well-formed XML")


# --- never half-written ---------------------------------------------------------------------------


def test_a_reader_of_the_old_feed_never_sees_a_mix(tmp_path):
    target = tmp_path / "feeds" / "all.rss.xml"
    feeds.write_atomic(target, b"<old/>" * 1000)
    with target.open("rb") as reading:  # a server halfway through sending the old file
        head = reading.read(10)
        feeds.write_atomic(target, b"<new/>" * 10)
        assert head + reading.read() == b"<old/>" * 1000
    assert target.read_bytes() == b"<new/>" * 10
    assert [p.name for p in target.parent.iterdir()] == ["all.rss.xml"]


def test_a_failed_write_leaves_the_old_file_and_no_temp_file(tmp_path):
    target = tmp_path / "feeds" / "all.rss.xml"
    target.mkdir(parents=True)  # os.replace cannot put a file over a folder
    with pytest.raises(OSError):
        feeds.write_atomic(target, b"<new/>")
    assert target.is_dir()
    assert [p.name for p in target.parent.iterdir()] == ["all.rss.xml"]


def test_broken_topics_file_is_named_and_the_main_feed_still_written(tmp_path, caplog):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    (content / "topics.toml").write_text("[[topic]\nslug = ", encoding="utf-8")
    out = build(content, tmp_path / "out")
    assert len(parsed(out / "feeds" / "all.rss.xml").entries) == len(expected_articles())
    assert not (out / "feeds" / "topics").exists()
    assert any("topics.toml" in r.getMessage() for r in caplog.records)


def test_unsafe_or_repeated_topic_slugs_never_steer_a_path(tmp_path, caplog):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    with (content / "topics.toml").open("a", encoding="utf-8") as fh:
        fh.write('\n[[topic]]\nslug = "../../escape"\nname = "Escape"\nany = ["Doha"]\n')
        fh.write('\n[[topic]]\nslug = "doha-talks"\nname = "Doha again"\nany = ["Doha"]\n')
    out = build(content, tmp_path / "out")
    # As on the topic pages, the bad slug is replaced by one made from the name.
    assert [p.relative_to(out) for p in tmp_path.rglob("escape*.xml")] == [
        Path("feeds/topics/escape.atom.xml"),
        Path("feeds/topics/escape.rss.xml"),
    ]
    assert "Doha talks" in parsed(out / "feeds" / "topics" / "doha-talks.rss.xml").feed.title
    messages = " ".join(r.getMessage() for r in caplog.records)
    assert "'../../escape'" in messages and "used twice" in messages


# --- any editor text gives a valid feed --------------------------------------------------------

editor_text = st.text(st.characters(codec="utf-8"), max_size=60)


@settings(max_examples=60)
@given(title=editor_text, summary=editor_text, author=editor_text, body=editor_text)
def test_any_editor_text_gives_valid_feeds(title, summary, author, body):
    schema = etree.RelaxNG(etree.parse(str(SCHEMA)))
    topics = feeds.Topics((feeds.Topic("t", "T"),))
    site = feeds.Site(SITEURL, "Site", "About", "en", "Editors", 10)
    item = feeds.new_item(
        stable_id="0123abcd",
        title=title,
        link=f"{SITEURL}/articles/x/",
        summary=summary,
        content_html=f"<p>{html.escape(body)}</p>",
        date=datetime(2020, 2, 29, tzinfo=UTC),
        author=author,
        source="Outlet",
        topic_labels=["t", title],
        topics=topics,
    )
    files = feeds.render_feeds([item], site, topics)
    want_title = feeds.xml_safe(title).strip() or "(untitled)"
    for rel, data in files.items():
        root = etree.fromstring(data)  # strict: fails on any forbidden character
        assert not feedparser.parse(data).bozo, rel
        if rel.endswith(".atom.xml"):
            assert schema.validate(root), (rel, schema.error_log)
            assert root.find("a:entry/a:title", ATOM_NS).text == want_title
        else:
            assert lint_rss(data, f"{SITEURL}/{rel}") == [], rel
            assert root.find("channel/item/title").text == want_title


def test_relative_links_in_article_html_become_absolute():
    base = f"{SITEURL}/articles/one/"
    html_in = (
        '<p>See <a href="../two/">two</a> &amp; <a href="https://other.example/">this</a>.</p>'
    )
    out = feeds.absolute_links(html_in, base)
    tree = lxml.html.fragment_fromstring(out, create_parent="div")
    hrefs = [a.get("href") for a in tree.iter("a")]
    assert hrefs == [f"{SITEURL}/articles/two/", "https://other.example/"]
    assert tree.text_content() == "See two & this."


def test_lint_command_exit_codes(site, tmp_path):
    good = site / "feeds" / "all.rss.xml"
    bad = tmp_path / "bad.rss.xml"
    bad.write_bytes(good.read_bytes().replace(b'isPermaLink="false"', b"", 1))
    url = f"{SITEURL}/feeds/all.rss.xml"
    cmd = [sys.executable, "-m", "briefing.feed_lint"]
    assert subprocess.run([*cmd, str(good), url], capture_output=True).returncode == 0
    done = subprocess.run([*cmd, str(bad)], capture_output=True, text=True)
    assert done.returncode == 1 and "isPermaLink" in done.stdout


@pytest.mark.parametrize("value", ["ten", 0, -3, True])
def test_a_wrong_item_count_is_named_and_the_default_used(value, caplog):
    default = defaults()["BRIEFING_FEED_ITEMS"]
    assert feeds.feed_items({"BRIEFING_FEED_ITEMS": value}) == default
    assert any("BRIEFING_FEED_ITEMS" in r.getMessage() for r in caplog.records)
    assert feeds.feed_items({"BRIEFING_FEED_ITEMS": 7}) == 7


def test_label_sets_are_looked_up_once_per_topic_file():
    """Topics.of keeps each label set's answer (thousands of articles share a few): the kept
    answer is the one a fresh lookup gives, and another topic file keeps its own."""
    talks = feeds.Topics((feeds.Topic("talks", "Peace talks"),))
    other = feeds.Topics((feeds.Topic("trade", "Trade"),))
    labels = ("Peace talks", "weather")
    first = talks.of(iter(labels))
    assert first == talks.of(labels) == feeds.Topics(talks.all).of(labels)
    assert [t.slug for t in first] == ["talks"]
    assert other.of(labels) == ()
    assert talks.of(("Peace\x00 talks\x0b",)) == first  # labels are made XML-safe first


def test_a_feed_whose_items_did_not_change_is_linked_from_the_previous_output(tmp_path):
    """A rebuild renders only the feeds whose shown items changed; the others are the very
    files of the previous output, and every file is what a fresh build writes."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    out = tmp_path / "out"

    def story(name: str, date: str, title: str) -> None:
        (content / name).write_text(
            f"Title: {title}\nDate: {date}\nTopics: doha-talks\nSource: The Test Wire\n\n"
            f"{title}: a short note written for this test, long enough to be a body.\n",
            encoding="utf-8",
        )

    def inodes() -> dict[str, int]:
        return {p.name: p.stat().st_ino for p in feed_paths(out)}

    def same_as_fresh(name: str) -> None:
        fresh = build(content, tmp_path / name / "out", BRIEFING_FEED_ITEMS=1)
        assert [p.read_bytes() for p in feed_paths(out)] == [
            p.read_bytes() for p in feed_paths(fresh)
        ]

    build(content, out, BRIEFING_FEED_ITEMS=1)
    first = inodes()
    story("old-note.txt", "2015-05-05", "An old note filed late")  # newest of no feed
    build(content, out, BRIEFING_FEED_ITEMS=1)
    assert inodes() == first
    same_as_fresh("fresh-one")
    story("new-note.txt", "2030-01-02", "A note from the future")  # newest of the site, its topic
    build(content, out, BRIEFING_FEED_ITEMS=1)
    changed = sorted(name for name, ino in inodes().items() if ino != first[name])
    redone = ("all", "doha-talks", "quiet-topic")  # an empty feed is dated by the newest item
    assert changed == sorted(f"{s}.{x}.xml" for s in redone for x in ("rss", "atom"))
    assert "A note from the future" in (out / "feeds" / "all.atom.xml").read_text(encoding="utf-8")
    same_as_fresh("fresh-two")
