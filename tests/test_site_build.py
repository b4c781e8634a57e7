"""A real Pelican build of the small fixture site (tests/fixtures/site): every page exists, shows
the right articles in the right order, links resolve, and two builds give identical bytes.

Expectations come from the fixture's editor header lines (through the real pipeline), never from
what the extractors happen to find, so they hold while the extractors improve.
"""

from __future__ import annotations

import filecmp
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from briefing import grouping
from briefing.pipeline import process_file
from briefing.settings import Options
from conftest import ROOT, build_site
from lxml import etree, html

FIXTURE = ROOT / "tests" / "fixtures" / "site"
SITEURL = "http://127.0.0.1:8000"  # pelican.conf.py's default
PER_PAGE = 2


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site") / "output"
    return build_site(FIXTURE, out, BRIEFING_PER_PAGE=PER_PAGE, SITEURL=SITEURL)


@pytest.fixture(scope="module")
def records():
    options = Options(content_dir=str(FIXTURE))
    return [process_file(str(p), options) for p in sorted(FIXTURE.glob("*.txt"))]


@pytest.fixture(scope="module")
def topics():
    import tomllib

    data = tomllib.loads((FIXTURE / "topics.toml").read_text())
    return [(t["slug"], t["name"]) for t in data["topic"]]


def page(site: Path, url: str) -> html.HtmlElement:
    path = site / url / "index.html" if not url.endswith(".html") else site / url
    assert path.exists(), f"missing page {url}"
    return html.fromstring(path.read_bytes())


def texts(doc, xpath: str) -> list[str]:
    return [" ".join(e.text_content().split()) for e in doc.xpath(xpath)]


def newest_first(records) -> list[str]:
    """Titles by date, newest first, same day by title; articles without a stated date last."""
    ordered = sorted(records, key=lambda r: r.meta.title.casefold())
    dated = [r for r in ordered if r.meta.source_of("date") == "header"]
    undated = [r.meta.title for r in ordered if r not in dated]
    return [r.meta.title for r in sorted(dated, key=lambda r: r.meta.date, reverse=True)] + undated


def in_topic(record, slug: str, name: str) -> bool:
    return any(t in (slug, name) for t in record.meta.topics)


def test_fixture_is_read_from_header_lines(records):
    assert len(records) == 6
    assert all(r.status == "published" for r in records)
    assert {r.meta.source for r in records} == {"Dawn", "The Express Tribune", "Pajhwok"}


def test_every_page_exists(site, topics):
    for url in ("", "archives/", "timeline/", "subscribe/", "search/"):
        page(site, url)
    page(site, "404.html")
    assert (site / "sitemap.xml").exists()
    assert (site / "theme" / "favicon.svg").exists()
    assert (site / "theme" / "css" / "site.css").exists()
    for slug, _ in topics:
        page(site, f"topics/{slug}/")
        page(site, f"topics/{slug}/timeline/")


def test_home_lists_latest_articles_newest_first_with_outlet_date_summary(site, records):
    doc = page(site, "")
    latest = texts(doc, "//section[@class='latest']//h3[@class='article-title']")
    assert latest == newest_first(records)[: len(latest)]
    first = doc.xpath("//section[@class='latest']//li")[0]
    record = next(r for r in records if r.meta.title == latest[0])
    assert record.meta.source in first.text_content()
    summaries = texts(doc, "//section[@class='latest']//p[@class='summary']")
    assert any("timetable for foreign troops" in s for s in summaries)
    assert doc.xpath("//a[@href=$u]", u=f"{SITEURL}/timeline/")


def test_home_lists_topics_with_counts_and_the_chart(site, records, topics):
    doc = page(site, "")
    items = doc.xpath("//ul[@class='topic-list']/li")
    assert [i.xpath("string(a)") for i in items] == [name for _, name in topics]
    for (slug, name), li in zip(topics, items, strict=True):
        count = sum(in_topic(r, slug, name) for r in records)
        assert f"{count} article" in li.text_content()
    svg = doc.xpath("//*[local-name()='svg'][@role='img']")
    assert svg and svg[0].xpath("./*[local-name()='title']")
    assert doc.xpath("//details[@class='chart-data']//table")


def year_pages(site: Path, url: str) -> list[html.HtmlElement]:
    """The pages a year index links to (timeline, archives, a topic or an entity), in its order."""
    links = page(site, url).xpath("//main//a[@class='year-link']/@href")
    return [page(site, href.removeprefix(SITEURL + "/")) for href in links]


def listed(docs, xpath: str = "//main//ul[@class='compact-list']/li/a") -> list[str]:
    return [title for doc in docs for title in texts(doc, xpath)]


def test_topic_page_shows_the_latest_and_links_every_article_by_year(site, records, topics):
    for slug, name in topics:
        expected = newest_first([r for r in records if in_topic(r, slug, name)])
        doc = page(site, f"topics/{slug}/")
        assert texts(doc, "//ol[@class='article-list']//h3") == expected[:PER_PAGE]
        assert f"{len(expected)} article" in doc.xpath("string(//main//header)")
        if len(expected) > PER_PAGE:  # the rest: the topic's timeline, one page a year
            years = year_pages(site, f"topics/{slug}/")
            assert sorted(listed(years)) == sorted(expected), slug
        assert doc.xpath("//a[@href=$u]", u=f"{SITEURL}/topics/{slug}/timeline/")
        assert doc.xpath(
            "//link[@rel='alternate'][@href=$u]", u=f"{SITEURL}/feeds/topics/{slug}.atom.xml"
        )


def test_archives_are_one_page_a_year_newest_first(site, records):
    years = year_pages(site, "archives/")
    assert listed(years) == newest_first(records)
    assert [texts(doc, "//h1")[0] for doc in years] == ["2020", "2019", "Date unknown"]


def test_timeline_is_by_year_and_month_oldest_first(site, records):
    years = year_pages(site, "timeline/")
    months = [m.split(" (")[0] for m in listed(years, "//section[@id='by-month']//h3")]
    dated = [r for r in records if r.meta.source_of("date") == "header"]
    undated = [r.meta.title for r in records if r not in dated]
    keys = sorted({r.meta.date[:7] for r in dated})
    assert months == [grouping.month_label(k) for k in keys] + ["Date unknown"]
    ordered = sorted(dated, key=lambda r: r.meta.title.casefold())
    assert listed(years) == [r.meta.title for r in sorted(ordered, key=lambda r: r.meta.date)] + (
        undated
    )
    assert texts(years[-1], "//h1") == ["Date unknown"]
    # An undated article's file date is never passed off as its date in a list.
    for entry in years[-1].xpath("//main//ul[@class='compact-list']/li"):
        assert "date unknown" in entry.text_content()
    # Each year page leads to the next and back to the index.
    assert years[0].xpath("//a[@rel='next']/@href") == [f"{SITEURL}/timeline/2020/"]
    assert years[1].xpath("//a[@href=$u]", u=f"{SITEURL}/timeline/")


def test_topic_timeline_has_only_its_articles(site, records, topics):
    slug, name = topics[1]
    shown = listed(year_pages(site, f"topics/{slug}/timeline/"))
    assert sorted(shown) == sorted(r.meta.title for r in records if in_topic(r, slug, name))


def test_events_timeline_matches_the_records(site, records):
    items = [grouping.Item(r.meta.title, r.meta) for r in records]
    entries = grouping.events_timeline(items)
    shown = [
        li for doc in year_pages(site, "timeline/") for li in doc.xpath("//ol[@class='events']/li")
    ]
    assert len(shown) == len(entries)
    for li, entry in zip(shown, entries, strict=True):
        assert texts(li, ".//a") == [s.meta.title for s in entry.sources]
    counts = texts(page(site, "timeline/"), "//section[@id='events']//li")
    assert sum(int(c.split("(")[1].rstrip(")")) for c in counts) == len(entries)


def test_one_event_told_by_two_articles_is_listed_once(site, records):
    told = [r for r in records if any(e.date == "2020-02-29" for e in r.meta.events)]
    if len(told) < 2:
        pytest.skip("the metadata extractor found no event on 2020-02-29 in both fixture articles")
    doc = page(site, "timeline/2020/")
    entries = doc.xpath("//ol[@class='events']/li[.//time[@datetime='2020-02-29']]")
    assert len(entries) == 1
    assert sorted(texts(entries[0], ".//a")) == sorted(r.meta.title for r in told)


def test_article_page_has_its_metadata_panel(site, records):
    record = next(r for r in records if len(r.meta.topics) == 2 and r.meta.date)
    doc = page(site, article_url(site, record.meta.title))
    panel = doc.xpath("//aside[@class='meta-panel']")[0]
    assert record.meta.source in panel.text_content()
    assert grouping.format_date(record.meta.date) in panel.text_content()
    topic_links = panel.xpath(".//a[@data-pagefind-filter='topic']/@href")
    assert len(topic_links) == 2 and all("/topics/" in h for h in topic_links)
    assert doc.xpath("//span[@data-pagefind-filter='outlet']/text()") == [record.meta.source]
    assert doc.xpath("//article[@data-pagefind-body]")
    assert doc.xpath("//meta[@property='og:type']/@content") == ["article"]
    canonical = doc.xpath("//link[@rel='canonical']/@href")
    assert canonical == [f"{SITEURL}/{article_url(site, record.meta.title)}"]


def test_article_links_its_original_when_known(site, records):
    record = next(r for r in records if r.meta.url)
    doc = page(site, article_url(site, record.meta.title))
    assert doc.xpath("//aside//a[@class='original']/@href") == [record.meta.url]


def test_article_without_a_date_says_so(site, records):
    record = next(r for r in records if r.meta.source_of("date") != "header")
    doc = page(site, article_url(site, record.meta.title))
    assert "date unknown" in doc.xpath("string(//aside[@class='meta-panel'])")


def test_entity_pages_match_the_records(site, records):
    import tomllib

    registry, _ = grouping.registry_from_data(
        tomllib.loads((FIXTURE / "entities.toml").read_text())
    )
    items = [grouping.Item(r.meta.title, r.meta) for r in records]
    expected = grouping.entity_pages(items, registry, 2, _slug)
    built = sorted(
        str(p.parent.relative_to(site)) + "/"
        for d in ("people", "organizations", "places")
        for p in (site / d).glob("*/index.html")
    )
    assert built == sorted(p.url for p in expected)
    for entity_page in expected:
        doc = page(site, entity_page.url)
        assert doc.xpath("string(//h1)") == entity_page.entity.name
        titles = [i.meta.title for i in entity_page.items]
        assert texts(doc, "//ol[@class='article-list']//h3") == titles[:PER_PAGE]
        if len(titles) > PER_PAGE:  # every mention, on the entity's pages by year
            assert listed(year_pages(site, entity_page.url)) == titles


def test_subscribe_lists_every_feed(site, topics):
    doc = page(site, "subscribe/")
    urls = set(texts(doc, "//code[@class='feed-url']"))
    wanted = {f"{SITEURL}/feeds/all.{k}.xml" for k in ("rss", "atom")}
    wanted |= {f"{SITEURL}/feeds/topics/{s}.{k}.xml" for s, _ in topics for k in ("rss", "atom")}
    assert urls == wanted


def test_search_page_offers_topic_and_outlet_filters(site, records):
    doc = page(site, "search/")
    outlets = doc.xpath("//input[@name='outlet']/@value")
    assert outlets == sorted({r.meta.source for r in records})
    assert doc.xpath("//input[@name='topic']/@value")
    csp = doc.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")[0]
    assert "'wasm-unsafe-eval'" in csp and "'unsafe-inline'" not in csp


def html_files(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "pagefind" not in p.parts)


def test_strict_csp_and_nothing_inline(site):
    for path in html_files(site):
        doc = html.fromstring(path.read_bytes())
        csp = doc.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")
        assert csp, path
        assert "default-src 'none'" in csp[0] and "unsafe-inline" not in csp[0]
        assert not doc.xpath("//script[not(@src)] | //style | //*[@style]"), path
        assert not [a for a in doc.xpath("//@*") if a.attrname.startswith("on")], path
        if path.name != "index.html" or path.parent.name != "search":
            assert "script-src 'none'" in csp[0], path


def test_every_internal_link_resolves(site):
    for path in html_files(site):
        doc = html.fromstring(path.read_bytes())
        for href in doc.xpath("//a/@href | //link/@href | //script/@src | //form/@action"):
            if not href.startswith(SITEURL):
                continue
            target = urlsplit(href).path.lstrip("/")
            file = (
                site / target / "index.html"
                if target.endswith("/") or not target
                else site / target
            )
            assert file.exists(), f"{path.relative_to(site)} links to missing {href}"


def test_sitemap_lists_every_page_but_404(site):
    tree = etree.parse(str(site / "sitemap.xml"))
    locs = tree.xpath(
        "//s:loc/text()", namespaces={"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    )
    pages = {
        f"{SITEURL}/{p.parent.relative_to(site)}/".replace("/./", "/")
        for p in html_files(site)
        if p.name == "index.html"
    }
    assert set(locs) == pages
    assert len(locs) == len(set(locs))


def test_pasted_markup_in_titles_is_inert(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    (content / "hostile.txt").write_text(
        "Title: Talks <script>alert(1)</script> & <b>more</b>\nDate: 2021-01-05\n"
        "Topics: doha-agreement\nSource: <img src=x onerror=alert(2)>\nURL: javascript:alert(3)\n\n"
        "Body text of a hostile paste about the Doha talks, long enough to be an article.\n",
        encoding="utf-8",
    )
    site = build_site(content, tmp_path / "output", SITEURL=SITEURL)
    for path in html_files(site):
        doc = html.fromstring(path.read_bytes())
        assert not doc.xpath("//script[not(@src)] | //img | //*[@onerror]"), path
        assert not [h for h in doc.xpath("//@href") if "javascript" in h.lower()], path
    home = (site / "index.html").read_text()
    assert "<script>alert" not in home and "&amp; more" in home  # text, escaped


def test_two_builds_are_byte_identical(site, tmp_path):
    again = build_site(FIXTURE, tmp_path / "output", BRIEFING_PER_PAGE=PER_PAGE, SITEURL=SITEURL)
    ignore = {"build-report.json"}  # it names the output folder it was written into
    first = sorted(p.relative_to(site) for p in site.rglob("*") if p.is_file())
    second = sorted(p.relative_to(again) for p in again.rglob("*") if p.is_file())
    assert first == second
    differ = [
        str(p)
        for p in first
        if p.name not in ignore and not filecmp.cmp(site / p, again / p, shallow=False)
    ]
    assert differ == []


def _slug(text: str) -> str:
    from pelican.settings import DEFAULT_CONFIG
    from pelican.utils import slugify

    return slugify(text, regex_subs=DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"])


def article_url(site: Path, title: str) -> str:
    """The page of the article with this title, as the archives link it."""
    links = [
        href
        for doc in year_pages(site, "archives/")
        for href in doc.xpath("//main//a[normalize-space()=$t]/@href", t=title)
    ]
    assert len(links) == 1, title
    return links[0].removeprefix(SITEURL + "/")


def test_an_added_article_renders_its_years_pages_and_leaves_the_others(tmp_path):
    """What a rebuild costs: a new article of 2020 leaves every page of another year (timeline,
    topic timeline, archives, an entity's mentions) as the very file of the previous build."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    out, cache = tmp_path / "output", str(tmp_path / "cache")
    options = {"BRIEFING_PER_PAGE": PER_PAGE, "SITEURL": SITEURL, "BRIEFING_CACHE_DIR": cache}
    build_site(content, out, BRIEFING_SEARCH=False, **options)
    years = ("timeline/{}/", "archives/{}/", "topics/doha-agreement/timeline/{}/")
    years += ("people/zalmay-khalilzad/{}/",)
    pages = [y.format(year) + "index.html" for y in years for year in ("2019", "2020")]
    before = {p: (out / p).stat().st_ino for p in pages}
    (content / "envoy-returns.txt").write_text(
        "Title: Envoy returns to the Qatari capital\nDate: 2020-10-03\nTopics: doha-agreement\n"
        "Source: Dawn\n\nDOHA: Zalmay Khalilzad came back to Doha on Saturday for a week of "
        "meetings with both delegations, his office said.\n\nThe envoy met Zalmay Khalilzad's "
        "team and the hosts before the first session.\n",
        encoding="utf-8",
    )
    build_site(content, out, BRIEFING_SEARCH=False, **options)
    after = {p: (out / p).stat().st_ino for p in pages}
    assert [p for p in pages if after[p] == before[p]] == [p for p in pages if "2019" in p]
    assert "Envoy returns" in (out / "timeline/2020/index.html").read_text(encoding="utf-8")


def test_an_edited_template_is_compiled_again(tmp_path):
    """Compiled templates are kept between builds (pages.TemplateCache): an edit of the theme
    shows on the next build that uses the same cache."""
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    options = {"THEME": str(theme), "BRIEFING_CACHE_DIR": str(tmp_path / "cache")}
    first = build_site(FIXTURE, tmp_path / "one", BRIEFING_SEARCH=False, **options)
    base = theme / "templates" / "base.html"
    base.write_text(base.read_text().replace("Skip to content", "Jump to the text"))
    second = build_site(FIXTURE, tmp_path / "two", BRIEFING_SEARCH=False, **options)
    assert "Skip to content" in (first / "index.html").read_text()
    assert "Jump to the text" in (second / "index.html").read_text()
    assert list((tmp_path / "cache" / "templates").iterdir())  # the cache was used


def test_a_build_renders_a_template_as_it_first_read_it(tmp_path):
    """A theme file edited while a build runs does not reach that build's later pages (their
    keys hashed the source as first read); the next build reads it anew."""
    import os
    from types import SimpleNamespace

    from briefing.pages import install_template_helpers
    from jinja2 import Environment, FileSystemLoader

    page = tmp_path / "page.html"
    page.write_text("first {{ word }}", encoding="utf-8")

    def generator():
        env = Environment(loader=FileSystemLoader(str(tmp_path)))
        made = SimpleNamespace(env=env, context={}, settings={})
        made.settings["BRIEFING_CACHE_DIR"] = str(tmp_path / "cache")
        install_template_helpers(made)
        return env

    env = generator()
    assert env.get_template("page.html").render(word="draft") == "first draft"
    page.write_text("second {{ word }}", encoding="utf-8")
    later = os.stat(page).st_mtime + 10
    os.utime(page, (later, later))
    assert env.get_template("page.html").render(word="draft") == "first draft"
    assert generator().get_template("page.html").render(word="draft") == "second draft"


def test_compiled_templates_are_not_shared_between_compile_settings(tmp_path):
    """The same source compiled with other escaping or whitespace options is other code: an
    environment must not run what another one compiled."""
    from briefing.pages import TemplateCache
    from jinja2 import DictLoader, Environment

    def render(**options) -> str:
        env = Environment(
            loader=DictLoader({"t.html": "{% if x %}\n{{ x }}{% endif %}"}), **options
        )
        env.bytecode_cache = TemplateCache(str(tmp_path))
        return env.get_template("t.html").render(x="<b>")

    assert render(autoescape=True) == "\n&lt;b&gt;"
    assert render(autoescape=False) == "\n<b>"
    assert render(autoescape=False, trim_blocks=True) == "<b>"
    assert render(autoescape=True) == "\n&lt;b&gt;"


def test_a_changed_filter_is_not_served_from_compiled_templates(tmp_path):
    """Jinja runs a filter on constants while compiling: a site filter of the same name with
    other code must give other compiled templates."""
    from briefing.pages import TemplateCache
    from jinja2 import DictLoader, Environment

    def render(shout) -> str:
        env = Environment(loader=DictLoader({"t.html": '{{ "abc"|shout }}'}))
        env.filters["shout"] = shout
        env.bytecode_cache = TemplateCache(str(tmp_path))
        return env.get_template("t.html").render()

    assert render(lambda text: text.upper()) == "ABC"
    assert render(lambda text: text.lower()) == "abc"
    assert render(lambda text: text.upper()) == "ABC"


def test_a_second_build_compiles_no_template(tmp_path, monkeypatch):
    """Each build makes Pelican's strftime filter (an object) and plugin_enabled test (a
    partial) anew: their addresses must not enter the key, or every build compiles the theme."""
    from jinja2 import Environment

    options = {"BRIEFING_SEARCH": False, "BRIEFING_CACHE_DIR": str(tmp_path / "cache")}
    build_site(FIXTURE, tmp_path / "one", **options)
    compiled = []
    original = Environment._compile
    monkeypatch.setattr(
        Environment, "_compile", lambda env, *a: compiled.append(a) or original(env, *a)
    )
    build_site(FIXTURE, tmp_path / "two", **options)
    assert compiled == []


def test_compiled_templates_the_build_did_not_use_are_deleted(tmp_path):
    """Each code or template change leaves a new set of compiled templates: a build keeps the
    ones it used, and files it has no say over (another build's newer ones, other names)."""
    import os
    import time

    folder = tmp_path / "cache" / "templates"
    options = {"BRIEFING_SEARCH": False, "BRIEFING_CACHE_DIR": str(tmp_path / "cache")}
    build_site(FIXTURE, tmp_path / "one", **options)
    used = sorted(p.name for p in folder.iterdir())
    assert used
    stale, newer = folder / f"__jinja2_{'a' * 64}.cache", folder / f"__jinja2_{'b' * 64}.cache"
    other = folder / "notes.txt"
    for path in (stale, newer, other):
        path.write_bytes(b"x")
    an_hour_ago = time.time() - 3600
    for path in (stale, other, *folder.glob("__jinja2_*")):
        if path != newer:
            os.utime(path, (an_hour_ago, an_hour_ago))
    os.utime(newer, (time.time() + 3600,) * 2)  # as if written while the build ran
    build_site(FIXTURE, tmp_path / "two", **options)
    assert sorted(p.name for p in folder.iterdir()) == sorted([*used, newer.name, other.name])


def test_compile_settings_know_filter_objects_by_what_they_run():
    """A callable object or partial is keyed by its code and state, never by its address."""
    from functools import partial

    from briefing.pages import compile_settings
    from jinja2 import Environment
    from pelican.plugins._utils import plugin_enabled
    from pelican.utils import DateFormatter

    class Suffix:
        def __init__(self, end: str) -> None:
            self.end = end

        def __call__(self, text: str) -> str:
            return text + self.end

    def key(plugins, end) -> str:
        env = Environment()
        env.filters["strftime"] = DateFormatter()
        env.filters["suffix"] = Suffix(end)
        env.tests["plugin_enabled"] = partial(plugin_enabled, plugin_list=plugins)
        return compile_settings(env)

    assert key(["briefing"], "!") == key(["briefing"], "!")
    assert key(["briefing"], "!") != key(["another"], "!")  # a constant test folds differently
    assert key(["briefing"], "!") != key(["briefing"], "?")  # so does a constant filter


def test_compile_settings_know_c_and_slotted_filter_objects_by_their_arguments():
    from operator import itemgetter, methodcaller

    from briefing.pages import compile_settings
    from jinja2 import Environment

    class Pick:
        __slots__ = ("index",)

        def __init__(self, index: int) -> None:
            self.index = index

        def __call__(self, text: str) -> str:
            return text[self.index]

    def key(pick) -> str:
        env = Environment()
        env.filters["pick"] = pick
        return compile_settings(env)

    assert key(itemgetter(0)) == key(itemgetter(0))
    assert key(itemgetter(0)) != key(itemgetter(2))  # "{{ 'abc'|pick }}" folds to a or c
    assert key(methodcaller("upper")) != key(methodcaller("lower"))
    assert key(Pick(0)) == key(Pick(0)) and key(Pick(0)) != key(Pick(2))

    class Picker:
        def __init__(self, index: int) -> None:
            self.index = index

        def pick(self, text: str) -> str:
            return text[self.index]

    assert key(Picker(0).pick) == key(Picker(0).pick)
    assert key(Picker(0).pick) != key(Picker(2).pick)  # a bound method: its object's state


def test_a_torn_compiled_template_is_compiled_again(tmp_path):
    from briefing.pages import TemplateCache
    from jinja2 import DictLoader, Environment

    def render() -> str:
        env = Environment(loader=DictLoader({"t.html": "{{ x }}!"}))
        env.bytecode_cache = TemplateCache(str(tmp_path))
        return env.get_template("t.html").render(x="ok")

    assert render() == "ok!"
    (kept,) = [p for p in tmp_path.iterdir() if p.is_file()]
    for size in (3, 15, 40):  # cut inside the magic bytes, the checksum, the code
        kept.write_bytes(kept.read_bytes()[:size] if size < kept.stat().st_size else b"")
        assert render() == "ok!"


def test_list_rows_rendered_once_still_link_from_every_depth(tmp_path):
    """With relative URLs each page has its own SITEURL ('..' per folder): a list row rendered
    once (pages.Once) must not carry one page's path to a deeper or shallower one."""
    site = build_site(FIXTURE, tmp_path / "output", BRIEFING_PER_PAGE=PER_PAGE, RELATIVE_URLS=True)
    checked = 0
    for path in html_files(site):
        doc = html.fromstring(path.read_bytes())
        for href in doc.xpath("//ul[@class='compact-list']/li/a/@href"):
            target = (path.parent / href).resolve()
            assert (target / "index.html").exists(), f"{path.relative_to(site)}: {href}"
            checked += 1
    assert checked > 20


def test_once_tells_apart_macros_of_the_same_name():
    """Two templates may each define a macro `row`: once() must not print one for the other."""
    from briefing.pages import Once
    from jinja2 import DictLoader, Environment

    row = "{%% macro row(x) %%}%s {{ x }}{%% endmacro %%}{{ once(row, item) }}"
    env = Environment(loader=DictLoader({"a.html": row % "first", "b.html": row % "second"}))
    env.globals["once"] = Once()
    item = ["one"]
    assert env.get_template("a.html").render(item=item) == "first ['one']"
    assert env.get_template("b.html").render(item=item) == "second ['one']"
    assert env.get_template("a.html").render(item=item) == "first ['one']"


def test_once_join_equal_renders_each_equal_value_once_per_macro_and_given():
    """An article page's chips are new tuples on every page: once.join_equal knows them by value,
    so an equal one comes from the first rendering, while another SITEURL renders anew."""
    from briefing.pages import Once
    from jinja2 import DictLoader, Environment

    row = "{% macro chip(c) %}{{ seen(c) }}[{{ base }}/{{ c[1] }}:{{ c[0] }}]{% endmacro %}"
    env = Environment(loader=DictLoader({"a.html": row + "{{ once.join_equal(chip, cs, base) }}"}))
    calls = []
    env.globals.update(once=Once(), seen=lambda chip: calls.append(chip) or "")
    page = env.get_template("a.html")
    assert page.render(cs=[("Ana", "a/"), ("Bo", None)], base="x") == "[x/a/:Ana][x/None:Bo]"
    assert page.render(cs=[("Ana", "a/")], base="x") == "[x/a/:Ana]"
    assert page.render(cs=[("Ana", "a/")], base="..") == "[../a/:Ana]"
    assert calls == [("Ana", "a/"), ("Bo", None), ("Ana", "a/")]


def test_once_join_equal_knows_by_value_only_tuples_of_plain_strings():
    # A Markup equals the str of its text yet prints unescaped: whichever came first must not
    # stand for the other. Two templates with the same macro are two macros.
    from briefing.pages import Once
    from jinja2 import DictLoader, Environment
    from markupsafe import Markup

    row = "{% macro chip(c) %}[{{ c[0] }}]{% endmacro %}{{ once.join_equal(chip, cs) }}"
    env = Environment(loader=DictLoader({"a.html": row, "b.html": row}), autoescape=True)
    env.globals.update(once=Once())
    page = env.get_template("a.html")
    assert page.render(cs=[(Markup("A&amp;B"), None)]) == "[A&amp;B]"
    assert page.render(cs=[("A&amp;B", None)]) == "[A&amp;amp;B]"
    assert page.render(cs=[("A&amp;B", None)]) == "[A&amp;amp;B]"


def test_once_join_equal_keeps_the_macros_of_two_templates_apart():
    # the two macros compile to equal code objects, yet each reads its own template's x
    from briefing.pages import Once
    from jinja2 import DictLoader, Environment

    row = "{% macro chip(c) %}[{{ x }}{{ c[0] }}]{% endmacro %}{{ once.join_equal(chip, cs) }}"
    pages = {name: "{% set x = '" + x + "' %}" + row for name, x in (("a", "A"), ("b", "B"))}
    env = Environment(loader=DictLoader(pages))
    env.globals.update(once=Once())
    assert env.get_template("a").render(cs=[("n", None)]) == "[An]"
    assert env.get_template("b").render(cs=[("n", None)]) == "[Bn]"


def test_a_template_cache_that_cannot_be_read_or_written_only_costs_compiling(tmp_path):
    from briefing.pages import TemplateCache
    from jinja2 import DictLoader, Environment

    folder = tmp_path / "templates"
    cache = TemplateCache(str(folder))
    folder.rmdir()
    folder.write_text("")  # a file where the folder was: nothing can be read or kept there
    env = Environment(loader=DictLoader({"t.html": "{{ x }}!"}), bytecode_cache=cache)
    assert env.get_template("t.html").render(x="ok") == "ok!"


def test_article_chips_link_each_name_as_entity_url_does():
    from briefing.pages import Links

    links = Links(entities={("person", "ana ruiz"): "people/ana-ruiz/"})
    names = ("Ana Ruiz", " ana ruiz ", "Bo Lind")
    assert links.entity_urls("person", names) == [
        (name, links.entity_url("person", name)) for name in names
    ]
    assert [url for _, url in links.entity_urls("place", names)] == [None, None, None]
