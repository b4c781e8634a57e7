"""The cache is never stale: a change of setting, topic file, template or code changes the output;
a damaged cache file is ignored."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from briefing import cache
from briefing.settings import Options
from conftest import ROOT, build_site

ARTICLE = "doha-agreement-signed.txt"
NEEDLE = "Qatari capital"  # only in ARTICLE


def article_page(output: Path, needle: str) -> str:
    """The text of the one article page that contains `needle`."""
    pages = [p.read_text(encoding="utf-8") for p in (output / "articles").glob("*/index.html")]
    found = [p for p in pages if needle in p]
    assert len(found) == 1, f"{needle!r} is on {len(found)} article pages"
    return found[0]


def small_content(tmp_path: Path) -> Path:
    """Two sample articles with the topic file and the registry."""
    content = tmp_path / "content"
    content.mkdir()
    for name in (ARTICLE, "intra-afghan-talks-open.txt", "topics.toml", "entities.toml"):
        shutil.copy2(ROOT / "content" / name, content / name)
    return content


def build(content: Path, output: Path, cache_dir: Path, **extra) -> Path:
    return build_site(
        content, output, BRIEFING_SEARCH=False, BRIEFING_CACHE_DIR=str(cache_dir), **extra
    )


def test_setting_change_reaches_the_page(tmp_path):
    content, cache_dir = small_content(tmp_path), tmp_path / "cache"
    out = tmp_path / "out"
    before = article_page(build(content, out, cache_dir), NEEDLE)
    after = article_page(build(content, out, cache_dir, BRIEFING_WORDS_PER_MINUTE=5), NEEDLE)
    assert "min read" in before
    assert before != after


def test_topic_file_change_reaches_the_page(tmp_path):
    content, cache_dir = small_content(tmp_path), tmp_path / "cache"
    out = tmp_path / "out"
    before = article_page(build(content, out, cache_dir), NEEDLE)
    topics = content / "topics.toml"
    topics.write_text(
        topics.read_text(encoding="utf-8").replace(
            'name = "The Doha agreement"', 'name = "The Doha accord of 2020"'
        ),
        encoding="utf-8",
    )
    after = article_page(build(content, out, cache_dir), NEEDLE)
    assert "The Doha agreement" in before
    assert "The Doha accord of 2020" in after and "The Doha agreement" not in after


def test_template_change_reaches_the_page(tmp_path):
    content, cache_dir = small_content(tmp_path), tmp_path / "cache"
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    out = tmp_path / "out"
    before = article_page(build(content, out, cache_dir, THEME=str(theme)), NEEDLE)
    template = theme / "templates" / "article.html"
    text = template.read_text(encoding="utf-8")
    template.write_text(text.replace("About this article", "Facts of this article"), "utf-8")
    after = article_page(build(content, out, cache_dir, THEME=str(theme)), NEEDLE)
    assert "About this article" in before
    assert "Facts of this article" in after


def test_code_change_changes_every_key(tmp_path):
    package = tmp_path / "briefing"
    shutil.copytree(
        Path(cache.__file__).parent, package, ignore=shutil.ignore_patterns("__pycache__")
    )
    first = cache.code_version(package)
    assert cache.code_version(package) == first
    sanitize = package / "sanitize.py"
    sanitize.write_text(sanitize.read_text(encoding="utf-8") + "\n# changed\n", "utf-8")
    assert cache.code_version(package) != first


def test_a_new_release_of_the_renderer_changes_every_key(monkeypatch):
    # Pelican, Jinja and MarkupSafe render every page: after an upgrade no page is kept
    first = cache.code_version()
    real = cache.dist_metadata.version
    for name in ("pelican", "jinja2", "markupsafe", "markdown"):
        monkeypatch.setattr(
            cache.dist_metadata, "version", lambda n, name=name: "99.0" if n == name else real(n)
        )
        assert cache.code_version() != first, name


def test_a_build_hashes_the_code_once_and_every_key_follows_it(monkeypatch):
    """The code version is kept in the build's settings once worked out: the settings' key
    is the same before and after, and a build with other code (new settings) asks again."""
    from briefing.writer import base_key

    asked = []

    def version(root=None) -> str:
        asked.append(root)
        return f"code-{len(asked)}"

    monkeypatch.setattr(cache, "code_version", version)
    settings = {"SITENAME": "Regional digest"}
    first = base_key(settings)
    assert base_key(settings) == first and cache.version_of(settings) == "code-1"
    assert len(asked) == 1
    assert base_key({"SITENAME": "Regional digest"}) != first  # code-2: other code, other key


def test_a_whole_build_hashes_the_plugin_code_once(tmp_path, monkeypatch):
    # every key of a build (records, snapshots, pages, feeds, templates) takes the one version
    calls = []
    real = cache.code_version
    monkeypatch.setattr(cache, "code_version", lambda root=None: calls.append(root) or real(root))
    content = small_content(tmp_path)
    build(content, tmp_path / "out", tmp_path / "cache")
    assert len(calls) == 1


def test_topic_file_bytes_are_in_the_key(tmp_path):
    content = small_content(tmp_path)
    options = Options(content_dir=str(content))
    before = cache.context_key(options)
    (content / "topics.toml").write_text("# no topics\n", encoding="utf-8")
    assert cache.context_key(options) != before


def test_entries_round_trip_and_damaged_entries_are_misses(tmp_path):
    from briefing.pipeline import process_file

    options = Options(content_dir=str(ROOT / "content"))
    record = process_file(str(ROOT / "content" / ARTICLE), options)
    store = cache.RecordCache(str(tmp_path))
    store.put_many({"good": (record, "<p>x</p>")})
    store._connect().execute("INSERT INTO entry VALUES ('bad', x'00ff10')")
    store._connect().commit()
    found = store.get_many(["good", "bad", "absent"])
    store.close()
    assert found == {"good": (record, "<p>x</p>")}


def test_damaged_cache_file_is_ignored(tmp_path):
    content, cache_dir = small_content(tmp_path), tmp_path / "cache"
    clean = article_page(build(content, tmp_path / "a", tmp_path / "fresh"), NEEDLE)
    cache_dir.mkdir()
    (cache_dir / cache.CACHE_FILE).write_bytes(b"this is not a database" * 100)
    damaged = article_page(build(content, tmp_path / "b", cache_dir), NEEDLE)
    assert damaged == clean
    again = article_page(build(content, tmp_path / "b", cache_dir), NEEDLE)
    assert again == clean


def test_file_digests_are_kept_by_stat_and_never_stale(tmp_path, monkeypatch):
    """A file not changed since it was hashed is not read again; an edited one is; a file
    changed close to its hashing is read again next time; another byte limit starts over."""
    import hashlib

    paste = tmp_path / "paste.txt"
    paste.write_text("The envoys met on Monday.", encoding="utf-8")
    folder = str(tmp_path / "c")

    def fresh(limit: int = 100) -> str:
        return hashlib.sha256(paste.read_bytes()[:limit]).hexdigest()

    first = cache.Digests(folder, 100)  # just written: too close to keep
    assert first.digest(str(paste)) == fresh()
    first.save()
    assert cache.Digests(folder, 100).old == {}

    monkeypatch.setattr(cache, "RACY_NS", -(10**18))  # every file counts as settled
    settled = cache.Digests(folder, 100)
    settled.digest(str(paste))
    settled.save()

    def no_read(*_args, **_kwargs):
        raise AssertionError("read again")

    saved = Path(folder, cache.DIGESTS_FILE)
    before = saved.stat()
    with monkeypatch.context() as patch:
        patch.setattr(cache, "open", no_read, raising=False)
        again = cache.Digests(folder, 100)
        assert again.digest(str(paste)) == fresh()
        again.save()
    after = saved.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)  # same: kept
    cache.Digests(folder, 100).save()  # a build that met no file: its entry is forgotten
    assert cache.Digests(folder, 100).old == {}
    paste.write_text("The envoys met on Tuesday.", encoding="utf-8")
    assert cache.Digests(folder, 100).digest(str(paste)) == fresh()
    assert cache.Digests(folder, 5).old == {}  # digests of another byte limit are not used


def test_keep_only_forgets_exactly_the_entries_and_snapshots_not_named(tmp_path):
    """An edited file's older entry and snapshot go; every live one stays, in both tables."""
    from briefing.model import ArticleRecord, Metadata

    store = cache.RecordCache(str(tmp_path))
    record = ArticleRecord("a.txt", "published", "", Metadata(title="Kabul talks"), "", ())
    store.put_many({k: (record, "<p>x</p>") for k in ("old", "live", "other")})
    store.put_snapshots({"s-old": b"1", "s-live": b"2"})
    store.keep_only(["live", "other", "never stored"])
    store.keep_only(["s-live"], table="snapshot")
    assert set(store.get_many(["old", "live", "other"])) == {"live", "other"}
    assert store.get_snapshots(["s-old", "s-live"]) == {"s-live": b"2"}
    store.keep_only([])
    assert store.get_many(["live", "other"]) == {}
    store.close()


def test_a_failed_json_write_leaves_the_old_file_and_no_temporary_one(tmp_path):
    path = tmp_path / "pages-x.json"
    cache.write_json(path, {"kept": 1})
    (tmp_path / "blocked.json").mkdir()  # a rename onto a folder fails after the write
    with pytest.raises(OSError):
        cache.write_json(tmp_path / "blocked.json", {"new": 2})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["blocked.json", "pages-x.json"]
    assert path.read_text(encoding="utf-8") == '{"kept": 1}'


def test_a_kept_record_that_cannot_be_read_is_an_empty_one(tmp_path):
    # Manifests, digests, stamps and parse records between builds are all read this way: a
    # missing, torn or foreign file means "nothing kept", never a failed build.
    from briefing.cache import read_json_object, write_json

    kept = tmp_path / "kept.json"
    write_json(kept, {"a": [1, 2]})
    assert read_json_object(kept) == {"a": [1, 2]}
    for text in ('{"a": [1,', "[1, 2]", "\udcff"):
        kept.write_text(text, encoding="utf-8", errors="surrogateescape")
        assert read_json_object(kept) == {}
    assert read_json_object(tmp_path / "none.json") == {}
    assert read_json_object(None) == {}
