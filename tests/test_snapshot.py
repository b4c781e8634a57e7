"""Article snapshots (snapshot.py): a rebuild takes unchanged articles from them, the site stays
the site of a fresh build, and a setting that changes the Article objects is never missed."""

from __future__ import annotations

import io
import logging
import pickle
import shutil
from datetime import datetime
from pathlib import Path

import pytest
from briefing import snapshot
from briefing.cache import RecordCache
from briefing.settings import FROM_INPUTS, from_inputs
from conftest import ROOT, build_site
from pelican.contents import Article
from pelican.settings import DEFAULT_CONFIG

ARTICLES = ("doha-agreement-signed.txt", "intra-afghan-talks-open.txt")


def small_content(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    content.mkdir()
    for name in (*ARTICLES, "topics.toml", "entities.toml"):
        shutil.copy2(ROOT / "content" / name, content / name)
    return content


def build(content: Path, output: Path, cache_dir: Path, **extra) -> Path:
    return build_site(
        content, output, BRIEFING_SEARCH=False, BRIEFING_CACHE_DIR=str(cache_dir), **extra
    )


def files(output: Path) -> dict[str, bytes]:
    return {
        p.relative_to(output).as_posix(): p.read_bytes()
        for p in output.rglob("*")
        if p.is_file() and p.suffix in (".html", ".xml", ".json")
    }


def reused(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if "from snapshots" in r.getMessage()]


def test_a_rebuild_takes_every_article_from_its_snapshot_and_equals_a_fresh_build(
    tmp_path, caplog, monkeypatch
):
    from briefing import stamp

    monkeypatch.setattr(stamp, "take", lambda settings, output: None)  # build even unchanged
    content, cache_dir, out = small_content(tmp_path), tmp_path / "cache", tmp_path / "out"
    caplog.set_level(logging.INFO, logger="briefing.snapshot")
    build(content, out, cache_dir)
    assert reused(caplog) == ["briefing: 0 articles from snapshots"]
    caplog.clear()
    build(content, out, cache_dir)
    assert reused(caplog) == [f"briefing: {len(ARTICLES)} articles from snapshots"]
    fresh = build(content, tmp_path / "fresh", tmp_path / "fresh-cache")
    assert files(out) == files(fresh)


def test_a_setting_that_changes_the_articles_reaches_the_output(tmp_path):
    """TIMEZONE is not an option of the record cache, but it is in every Article's date (and
    so in the feeds): the snapshots of the old zone must not be used."""
    content, cache_dir, out = small_content(tmp_path), tmp_path / "cache", tmp_path / "out"
    build(content, out, cache_dir)
    utc = (out / "feeds" / "all.atom.xml").read_bytes()
    build(content, out, cache_dir, TIMEZONE="Asia/Kabul")
    kabul = (out / "feeds" / "all.atom.xml").read_bytes()
    fresh = build(content, tmp_path / "fresh", tmp_path / "fresh-cache", TIMEZONE="Asia/Kabul")
    assert kabul != utc
    assert kabul == (fresh / "feeds" / "all.atom.xml").read_bytes()


def test_settings_that_tie_articles_to_the_clock_or_the_file_turn_snapshots_off():
    assert snapshot.usable({})
    assert not snapshot.usable({"WITH_FUTURE_DATES": False})
    assert not snapshot.usable({"DEFAULT_DATE": "fs"})
    settings = dict(DEFAULT_CONFIG)
    assert snapshot.settings_key(settings) != snapshot.settings_key(
        dict(settings, DEFAULT_CATEGORY="other")
    )


class FakeGenerator:
    def __init__(self, cache_dir: Path) -> None:
        self.settings = dict(DEFAULT_CONFIG, BRIEFING_CACHE_DIR=str(cache_dir))
        self.context: dict = {}

    def save_cache(self) -> None:
        pass


def made_by(generator: FakeGenerator) -> Article:
    """An article as Pelican makes it for `generator`'s build."""
    return Article(
        "<p>Talks resumed in Doha.</p>",
        {"title": "Talks resume", "date": datetime(2020, 9, 12)},
        settings=generator.settings,
        context=generator.context,
    )


def test_what_was_logged_while_an_article_was_made_is_logged_again_on_reuse(tmp_path, caplog):
    """Strict mode fails a build on any warning: a snapshot must not hide one."""
    keys = {"a.txt": "key-a"}
    first = FakeGenerator(tmp_path)
    store = RecordCache(str(tmp_path))
    assert snapshot.install(first, keys, store) == set()
    assert first.get_cached_data("a.txt", None) is None  # a miss: Pelican reads the file
    # An error: Pelican drops a warning it has logged once in this process (a build is one).
    logging.getLogger("briefing.guard").error("a.txt: ignored the Template header")
    article = made_by(first)
    first.cache_data("a.txt", article)
    first.save_cache()

    again = FakeGenerator(tmp_path)
    assert snapshot.install(again, keys, store) == {"a.txt"}
    store.close()
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        loaded = again.get_cached_data("a.txt", None)
    assert loaded.title == "Talks resume" and loaded.content == article.content
    assert loaded.settings is again.settings and loaded._context is again.context
    assert [r.getMessage() for r in caplog.records] == ["a.txt: ignored the Template header"]


def test_members_answer_in_by_identity_and_stay_the_same_list():
    from briefing.membership import Members

    one, two, other = object(), object(), object()
    members = Members([two, one])
    assert one in members and two in members and other not in members
    assert list(members) == [two, one]


def test_an_article_attribute_changed_after_its_snapshot_changes_its_page_key(tmp_path):
    from briefing.writer import Hasher

    generator = FakeGenerator(tmp_path)
    store = RecordCache(str(tmp_path))
    snapshot.install(generator, {"a.txt": "key-a"}, store)
    store.close()
    generator.get_cached_data("a.txt", None)
    article = made_by(generator)
    generator.cache_data("a.txt", article)

    def form() -> list:
        hasher = Hasher()
        hasher.know({}, generator.context[snapshot.ARTICLES])
        return hasher.form(hasher.article(article))

    made = form()
    assert form() == made
    article.slug = "talks-resume-2"
    renamed = form()
    assert renamed != made
    article.metadata["slug"] = "talks-resume-2"  # changed in place: a dict is always hashed
    assert form() not in (made, renamed)


def test_an_attribute_replaced_on_one_article_shows_though_its_twin_was_hashed_first(tmp_path):
    """The page keys work out which attributes still hold what the snapshot made once per
    shape of article; an article of the same shape with one attribute replaced since (another
    title) must not get its untouched twin's form."""
    from briefing.writer import Hasher

    generator = FakeGenerator(tmp_path)
    store = RecordCache(str(tmp_path))
    snapshot.install(generator, {"a.txt": "key-a", "b.txt": "key-b"}, store)
    store.close()
    twins = {}
    for path in ("a.txt", "b.txt"):
        generator.get_cached_data(path, None)
        twins[path] = made_by(generator)
        generator.cache_data(path, twins[path])
    hasher = Hasher()
    hasher.know({}, generator.context[snapshot.ARTICLES])
    untouched = hasher.article(twins["a.txt"])
    twins["b.txt"].title = "Talks resume in Doha"
    retitled = hasher.article(twins["b.txt"])
    assert ("title", "Talks resume in Doha") in retitled[-1]
    assert ("title", "Talks resume") not in untouched[-1]
    assert retitled[2] != untouched[2]  # the names of the attributes as made differ too


def test_a_list_changed_in_place_shows_though_its_twin_held_a_string_there(tmp_path):
    """Which attributes cannot change in place is worked out once per shape of article: an
    article whose attribute holds a list where its twin's holds a string (same names, other
    types) has that list hashed, so a change made to it after loading shows."""
    from briefing.writer import Hasher

    generator = FakeGenerator(tmp_path)
    store = RecordCache(str(tmp_path))
    snapshot.install(generator, {"a.txt": "key-a", "b.txt": "key-b"}, store)
    store.close()
    twins = {}
    for path, desk in (("a.txt", "foreign desk"), ("b.txt", ["foreign desk"])):
        generator.get_cached_data(path, None)
        twins[path] = made_by(generator)
        twins[path].desk = desk
        generator.cache_data(path, twins[path])

    def form() -> list:
        hasher = Hasher()
        hasher.know({}, generator.context[snapshot.ARTICLES])
        hasher.article(twins["a.txt"])
        return hasher.form(hasher.article(twins["b.txt"]))

    before = form()
    twins["b.txt"].desk.append("regional desk")
    assert form() != before


def test_the_read_ahead_listing_serves_the_generator_until_its_generators_end(tmp_path):
    """Pelican's own listings after the read-ahead's (generate_context's, then
    check_disabled_readers' for other extensions: however many) are the read-ahead's, filtered
    as get_files filters; one of other folders, and any after the generators are finalized,
    sees the folder as it is then."""
    from types import SimpleNamespace

    from briefing.readahead import forget_listings, list_once

    class Lister:
        calls = 0
        readers = SimpleNamespace(extensions=["txt", "html"])

        def get_files(self, paths, exclude=None, extensions=None):
            self.calls += 1
            assert extensions is False
            return {p.name for p in tmp_path.iterdir()}

    for name in ("kabul.txt", "notes.md", "page.html"):
        (tmp_path / name).write_text("x", "utf-8")
    generator = Lister()
    assert list_once(generator, ["."], []) == {"kabul.txt", "page.html"}
    (tmp_path / "doha.txt").write_text("x", "utf-8")
    for _call in range(3):
        assert generator.get_files(["."], exclude=[]) == {"kabul.txt", "page.html"}
    assert generator.get_files(["."], exclude=[], extensions=["md"]) == {"notes.md"}
    assert generator.calls == 1
    everything = {"kabul.txt", "notes.md", "page.html", "doha.txt"}
    assert generator.get_files(["other"], exclude=[], extensions=False) == everything
    forget_listings([generator, Lister()])
    assert generator.get_files(["."], exclude=[], extensions=False) == everything
    assert generator.calls == 3


def test_the_kept_relative_path_is_pelicans_answer(tmp_path):
    """dedupe.RelativePath answers as Pelican's get_relative_source_path would, for the file
    (absolute, in a subfolder, or given relative to the content folder) and for a path asked
    about; the URL and save_as formatted with it are Pelican's."""
    from briefing.dedupe import RelativePath
    from briefing.paths import relative

    content = tmp_path / "content"
    settings = dict(DEFAULT_CONFIG, PATH=str(content), ARTICLE_SAVE_AS="{path}/{slug}.html")
    meta = {"title": "Talks in Doha", "date": datetime(2020, 2, 29), "slug": "talks"}
    for source in (str(content / "a.txt"), str(content / "2020" / "b.txt"), "2020/c.txt"):
        article = Article("<p>x</p>", metadata=dict(meta), settings=settings, source_path=source)
        fresh = (article.get_relative_source_path(), article.save_as, article.url)
        rel = relative(source, str(content)) if source.startswith("/") else "wrong/on/purpose"
        article.get_relative_source_path = RelativePath(article, rel)
        assert (article.get_relative_source_path(), article.save_as, article.url) == fresh
        other = str(content / "x" / "y.txt")
        assert article.get_relative_source_path(other) == Article.get_relative_source_path(
            article, other
        )


def test_a_warning_that_follows_from_the_inputs_is_told_again_as_one(tmp_path, caplog):
    """The stamp (build.py) is kept despite such warnings: a reused article must not turn one
    into a warning that makes every later build run in full."""
    keys = {"a.txt": "key-a", "b.txt": "key-b"}
    first = FakeGenerator(tmp_path)
    store = RecordCache(str(tmp_path))
    snapshot.install(first, keys, store)
    guard = logging.getLogger("briefing.guard")
    for name, extra in (("a.txt", from_inputs()), ("b.txt", None)):
        assert first.get_cached_data(name, None) is None
        guard.error("%s: a warning about this file", name, extra=extra)
        first.cache_data(name, made_by(first))
    first.save_cache()

    again = FakeGenerator(tmp_path)
    snapshot.install(again, keys, store)
    store.close()
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        again.get_cached_data("a.txt", None)
        again.get_cached_data("b.txt", None)
    told = {r.getMessage(): getattr(r, FROM_INPUTS, False) for r in caplog.records}
    assert told == {
        "a.txt: a warning about this file": True,
        "b.txt: a warning about this file": False,
    }


def test_no_snapshot_is_made_when_the_shared_objects_are_one():
    # settings and context take one place each in the pickler's memo: one object in both
    # places would shift every later reference by one, so such a snapshot is refused
    settings, item = {"a": 1}, [1]
    shared = {"settings": settings, "context": {"b": 2}}
    data = snapshot._dump([item, item, settings], shared)
    unpickler = pickle.Unpickler(io.BytesIO(snapshot.SHARED_MEMO + data))
    unpickler.persistent_load = shared.__getitem__
    unpickler.load()
    first, second, again = unpickler.load()
    assert first is second and first == [1] and again is settings
    with pytest.raises(ValueError):
        snapshot._dump([item, item], {"settings": settings, "context": settings})
