"""Incremental builds: unchanged article pages are reused from the previous output, and the site
after adding or editing an article is byte for byte the site a fresh build makes."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, build_site

EDITED = "doha-agreement-signed.txt"
ADDED = "moscow-extended-troika.txt"


@pytest.fixture(autouse=True)
def no_whole_build_shortcut(monkeypatch):
    """These tests watch pages being reused inside a build: the shortcut that keeps a whole
    unchanged output (stamp.py, tested in test_stamp.py) would skip what they look at."""
    from briefing import stamp

    monkeypatch.setattr(stamp, "take", lambda settings, output: None)


def content_without_added(tmp_path: Path) -> Path:
    """The sample digest minus one article, which the test adds later."""
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    (content / ADDED).unlink()
    return content


def build(content: Path, output: Path, cache_dir: Path) -> Path:
    return build_site(content, output, BRIEFING_SEARCH=False, BRIEFING_CACHE_DIR=str(cache_dir))


def site_files(output: Path) -> dict[str, bytes]:
    """Every page and feed of a site (the search index is left to its own tests)."""
    return {
        p.relative_to(output).as_posix(): p.read_bytes()
        for p in output.rglob("*")
        if p.is_file() and p.suffix in (".html", ".xml", ".json")
    }


def page_with(output: Path, needle: str) -> Path:
    pages = (output / "articles").glob("*/index.html")
    found = [p for p in pages if needle in p.read_text("utf-8")]
    assert len(found) == 1, (needle, found)
    return found[0]


def inode(path: Path) -> int:
    return os.stat(path).st_ino


def inodes(output: Path) -> dict[str, int]:
    return {p.parent.name: inode(p) for p in (output / "articles").glob("*/index.html")}


def test_add_and_edit_give_the_site_of_a_fresh_build(tmp_path):
    content, cache_dir, out = content_without_added(tmp_path), tmp_path / "cache", tmp_path / "out"
    build(content, out, cache_dir)
    edited_slug = page_with(out, "Speaking to reporters").parent.name
    first = inodes(out)

    shutil.copy2(ROOT / "content" / ADDED, content / ADDED)
    build(content, out, cache_dir)
    second = inodes(out)
    assert len(second) == len(first) + 1
    reused = [slug for slug in first if second.get(slug) == first[slug]]
    assert len(reused) >= len(first) // 2  # pages of untouched articles are linked, not rendered

    edited = content / EDITED
    text = edited.read_text(encoding="utf-8")
    edited.write_text(
        text.replace("Speaking to reporters", "Speaking to reporters today"), encoding="utf-8"
    )
    build(content, out, cache_dir)
    third = inodes(out)
    assert (
        "Speaking to reporters today" in (out / "articles" / edited_slug / "index.html").read_text()
    )
    assert third[edited_slug] != second[edited_slug]
    assert sum(third[s] == second[s] for s in second) >= len(second) // 2

    fresh = build(content, tmp_path / "fresh", tmp_path / "fresh-cache")
    assert site_files(out) == site_files(fresh)


def test_a_page_changed_by_hand_in_the_output_is_not_trusted(tmp_path):
    content, cache_dir, out = content_without_added(tmp_path), tmp_path / "cache", tmp_path / "out"
    build(content, out, cache_dir)
    page = page_with(out, "Speaking to reporters")
    name = page.relative_to(out)
    page.unlink()
    page.write_text("tampered", encoding="utf-8")
    build(content, out, cache_dir)
    assert "Speaking to reporters" in (out / name).read_text(encoding="utf-8")


def all_inodes(output: Path) -> dict[str, int]:
    return {p.relative_to(output).as_posix(): inode(p) for p in output.rglob("*.html")}


def test_a_rebuild_with_no_change_reuses_every_page(tmp_path):
    """Right after a cold build (records fresh from the pipeline) and again from the cache:
    topic, entity and timeline pages are reused too, not only article pages."""
    content, cache_dir, out = content_without_added(tmp_path), tmp_path / "cache", tmp_path / "out"
    build(content, out, cache_dir)
    first = all_inodes(out)
    build(content, out, cache_dir)
    second = all_inodes(out)
    assert first.keys() == second.keys()
    rendered = sorted(name for name in first if first[name] != second[name])
    assert rendered == ["archives/index.html", "index.html"]  # Pelican's own lists: always rendered


def test_page_keys_follow_values_not_shared_objects():
    """Two equal records, one sharing its strings and one holding copies, hash alike; a
    different value does not."""
    from briefing.model import Metadata
    from briefing.writer import Hasher

    name = "".join(["Doha ", "talks"])
    shared = Metadata(title=name, author=name, source=name)
    copies = Metadata(title="".join(["Doha ", "talks"]), author="".join(["Doha ", "talks"]))
    copies = Metadata(title=copies.title, author=copies.author, source="".join(["Doha ", "talks"]))
    assert shared.author is shared.source and copies.author is not copies.source
    assert Hasher().form(shared) == Hasher().form(copies)
    assert Hasher().form(shared) != Hasher().form(Metadata(title=name, author=name))


def test_memoised_forms_give_the_digest_a_fresh_hasher_gives():
    """A list page's items are known by their memoised forms (writer._Pickler's shortcut): the
    group hashes as it does when nothing was memoised first, and a changed item changes it."""
    from briefing.grouping import Item, Topic, TopicGroup
    from briefing.model import Metadata
    from briefing.writer import Hasher

    items = tuple(Item(f"articles/a{n}/", Metadata(title=f"Talks, day {n}")) for n in range(3))
    group = TopicGroup(Topic("talks", "Talks"), items)
    warm = Hasher()
    for item in items:
        warm.form(item)
    assert warm.form(group) == Hasher().form(group)
    other = TopicGroup(group.topic, (*items[:2], Item("articles/a2/", Metadata(title="Changed"))))
    assert warm.form(other) != warm.form(group)


def test_an_item_is_hashed_without_json_and_follows_its_url_and_metadata(monkeypatch):
    """An item whose metadata has a plain form (a snapshot's key, a digest) is hashed from its
    URL and that form joined by NULs (writer._item_bytes), not their JSON; a new title or URL
    still changes it."""
    from briefing import writer
    from briefing.grouping import Item
    from briefing.model import Metadata
    from briefing.writer import Hasher

    def no_json(*_args, **_kwargs):
        raise AssertionError("JSON used for an item")

    monkeypatch.setattr(writer.json, "dumps", no_json)
    first = Item("articles/ferry/", Metadata(title="Ferry timetable changes"))
    form = Hasher().form(first)
    assert form[0] == "Item" and isinstance(form[1], str)
    retitled = Item(first.url, Metadata(title="Ferry timetable stays"))
    moved = Item("articles/ferry-2/", first.meta)
    assert len({Hasher().form(i)[1] for i in (first, retitled, moved)}) == 3


def test_dict_keys_of_other_types_do_not_collide():
    from briefing.writer import Hasher

    forms = [Hasher().form(d) for d in ({"1": 0}, {1: 0}, {'"1"': 0}, {(1,): 0}, {"[1]": 0})]
    assert len({repr(f) for f in forms}) == len(forms)


def test_linker_makes_folders_below_its_root_and_links(tmp_path):
    from briefing.writer import Linker

    old, new = tmp_path / "old", tmp_path / "new"
    (old / "articles" / "a").mkdir(parents=True)
    (old / "articles" / "a" / "index.html").write_text("page", encoding="utf-8")
    new.mkdir()
    linker = Linker(str(new))
    linker.add(old / "articles" / "a" / "index.html", str(new / "articles" / "a" / "index.html"))
    linker.wait()
    assert inode(new / "articles" / "a" / "index.html") == inode(old / "articles/a/index.html")


def test_linker_never_brings_back_a_discarded_build_folder(tmp_path):
    """A failed build's folder is renamed away while the linker may still be linking into it:
    it reports the pages it could not place and does not make the folder again."""
    from briefing.writer import Linker

    source = tmp_path / "page.html"
    source.write_text("page", encoding="utf-8")
    new = tmp_path / "new"
    new.mkdir()
    linker = Linker(str(new))
    new.rename(tmp_path / "trash")
    linker.add(source, str(new / "articles" / "a" / "index.html"))
    with pytest.raises(OSError, match="not linked"):
        linker.wait()
    assert not new.exists()


def test_every_reused_article_page_is_in_place_when_the_build_is_finalized(tmp_path):
    """The search index reads the article pages at `finalized`: the links the linker makes are
    all done by then."""
    from pelican import signals

    content, cache_dir, out = content_without_added(tmp_path), tmp_path / "cache", tmp_path / "out"
    build(content, out, cache_dir)
    expected = sorted(inodes(out))
    seen: list[list[str]] = []

    def count(pelican) -> None:
        pages = Path(pelican.output_path).glob("articles/*/index.html")
        seen.append(sorted(p.parent.name for p in pages))

    def count_early(generator, writer) -> None:
        """Another receiver of the same signal (the search index): run in no fixed order, it
        asks the writer to finish linking first."""
        writer.wait_for_links()
        count(generator)

    signals.article_writer_finalized.connect(count_early)
    signals.finalized.connect(count)
    try:
        build(content, out, cache_dir)
    finally:
        signals.finalized.disconnect(count)
        signals.article_writer_finalized.disconnect(count_early)
    assert seen == [expected, expected]


def test_templates_parsed_once_give_each_page_template_its_own_inputs():
    """The writer parses each template file once per build (the base and the macros serve
    every page template): each page template still gets its own sources and names."""
    from briefing.writer import template_inputs
    from jinja2 import DictLoader, Environment

    env = Environment(
        loader=DictLoader(
            {
                "base.html": "{{ sitename }}{% block body %}{% endblock %}",
                "topic.html": "{% extends 'base.html' %}{% block body %}{{ items }}{% endblock %}",
                "entity.html": "{% extends 'base.html' %}{% block body %}{{ page }}{% endblock %}",
            }
        )
    )
    shared: dict = {}
    for name in ("topic.html", "entity.html", "topic.html"):
        template = env.get_template(name)
        assert template_inputs(template, shared) == template_inputs(template)
    topic, entity = (
        template_inputs(env.get_template(n), shared) for n in ("topic.html", "entity.html")
    )
    assert topic[1] == {"sitename", "items"} and entity[1] == {"sitename", "page"}
    assert topic[0] != entity[0]


def test_a_snapshot_article_changed_in_place_changes_its_form():
    """Attributes still holding what the snapshot made are known by its key; the metadata dict
    is compared item by item with what the snapshot made, so any item replaced, added or
    changed in place after loading shows in the page key."""
    from briefing.writer import Hasher

    class Page:
        pass

    article = Page()
    article.title = "Envoy visits the capital"
    article.tags = ["talks"]
    article.metadata = {"title": article.title, "tags": article.tags, "reader": "rawtext"}

    def form() -> str:
        hasher = Hasher()
        made = {"metadata": {"title": "Envoy visits the capital", "tags": article.tags}}
        made["metadata"]["reader"] = "rawtext"
        hasher.know({}, {id(article): (article, "k1", ("title",), (article.title,), made)})
        return repr(hasher.article(article))

    first = form()
    assert first == form()
    article.metadata["title"] = "Envoy leaves the capital"
    changed = form()
    assert changed != first
    article.tags.append("visits")  # a list the snapshot made, changed in place
    assert form() != changed
    article.metadata["summary"] = "One line."
    assert "One line." in form()


def test_a_reused_page_lands_where_pelican_would_write_it(tmp_path):
    """The writer's quick join of the output folder and a page name gives Pelican's
    sanitised_join path (the form its clash check compares), for plain and odd names alike."""
    from briefing.writer import IncrementalWriter
    from pelican.settings import DEFAULT_CONFIG
    from pelican.utils import sanitised_join

    out = tmp_path / "site.tmp-1-x"
    settings = dict(DEFAULT_CONFIG, BRIEFING_CACHE_DIR=str(tmp_path / "cache"))
    names = ["index.html", "articles/kabul-talks/index.html", "a//b.html", "./c.html", "d/../e"]
    for folder in (str(out), str(out) + "/", str(out / "." / "sub" / "..")):
        writer = IncrementalWriter(folder, settings=settings)
        for name in names:
            assert writer._target(name) == sanitised_join(folder, name)
        with pytest.raises(RuntimeError):
            writer._target("../elsewhere.html")


def test_entity_links_remembered_for_one_links_object_only(tmp_path):
    """An article page's key holds the URL of each entity it names; the writer remembers the
    answers of the build's Links, and another Links (other entity pages) is asked again."""
    from types import SimpleNamespace

    from briefing.model import ArticleRecord, Metadata
    from briefing.pages import Links
    from briefing.writer import IncrementalWriter
    from pelican.settings import DEFAULT_CONFIG

    meta = Metadata(title="Envoys meet", people=("Mina Sarwar",))
    article = SimpleNamespace(briefing=ArticleRecord("a.txt", "published", "", meta, ""))
    writer = IncrementalWriter(str(tmp_path / "out"), settings=dict(DEFAULT_CONFIG))

    def part(urls: dict) -> list:
        links = Links(entities={("person", k): v for k, v in urls.items()}, slug_of=str)
        return writer._context_part("briefing_links", links, article)

    first = part({"mina sarwar": "people/mina-sarwar/"})
    assert "people/mina-sarwar/" in str(first)
    assert "people/mina-sarwar/" not in str(part({}))  # her page is gone: not remembered


def test_parses_kept_between_builds_follow_the_source_and_the_delimiters(tmp_path):
    """What parsing found is kept by the template's source and the lexer's settings: the same
    text read with other delimiters reads other names, and an edited template is parsed again."""
    from briefing.writer import Parses, template_inputs
    from jinja2 import DictLoader, Environment

    def names(parses: Parses, source: str, globals=(), **lexer) -> set[str]:
        env = Environment(loader=DictLoader({"page.html": source}), **lexer)
        env.globals.update(dict.fromkeys(globals, "x"))
        return template_inputs(env.get_template("page.html"), {}, parses)[1]

    kept = tmp_path / "parses.json"
    first = Parses(kept)
    assert names(first, "{{ sitename }} [[ items ]]") == {"sitename"}
    first.save()
    again = Parses(kept)
    assert again.old  # the next build finds it
    assert names(again, "{{ sitename }} [[ items ]]") == {"sitename"}
    square = {"variable_start_string": "[[", "variable_end_string": "]]"}
    assert names(again, "{{ sitename }} [[ items ]]", **square) == {"items"}
    assert names(again, "{{ sitename }} {{ page }}") == {"sitename", "page"}
    assert names(again, "{{ sitename }} [[ items ]]", globals=["sitename"]) == set()
    # a name that was a global of the build that kept the parse is read from the context now
    one = Parses(kept)
    assert names(one, "{{ notice }}", globals=["notice"]) == set()
    assert names(one, "{{ notice }}") == {"notice"}
