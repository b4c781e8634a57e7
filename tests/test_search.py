"""The search index in shards: stable buckets, a rebuild that re-indexes only the shard of a new
article (and still finds it), and bytes that do not depend on how the index was reached."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest
from briefing.search import build_index, pagefind_binary
from briefing.search_shards import MANIFEST, article_pages, bucket, plan, shard_count
from conftest import ROOT, build_site

PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title></head>
<body><nav>Home Archives Search</nav><article data-pagefind-body><h1>{title}</h1>
<p class="byline" data-pagefind-ignore><span data-pagefind-filter="outlet">{outlet}</span></p>
<p>{body}</p><a href="/topics/t/" data-pagefind-filter="topic">{topic}</a></article></body></html>
"""
WORDS = "envoys met in the capital to discuss a ceasefire and the release of prisoners".split()


def write_page(site: Path, slug: str, n: int, extra: str = "") -> None:
    body = " ".join(WORDS[(n + i) % len(WORDS)] for i in range(40)) + extra
    html = PAGE.format(title=f"Talks, day {n}", outlet=f"Outlet {n % 3}", topic="Talks", body=body)
    page = site / "articles" / slug / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text(html, encoding="utf-8")


def make_site(root: Path, count: int) -> Path:
    for n in range(count):
        write_page(root, f"article-{n:03d}", n)
    return root


def manifest(site: Path) -> dict:
    data = json.loads((site / "pagefind" / MANIFEST).read_text(encoding="utf-8"))
    return {s["name"]: s for s in data["shards"]}


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def cold_index(site: Path, cold: Path, per_shard: int) -> dict[str, bytes]:
    """The index a cold build makes of `site`'s article pages (copied to `cold`), as a tree."""
    shutil.copytree(site / "articles", cold / "articles")
    assert build_index(cold, None, per_shard) == ""
    return tree(cold / "pagefind")


def fragment_urls(bundle: Path) -> set[str]:
    urls = set()
    for path in (bundle / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd")
        urls.add(json.loads(data)["url"])
    return urls


# ---- planning (no Pagefind needed) --------------------------------------------------------------


def test_shard_count_is_a_power_of_two_that_bounds_shard_size():
    assert [shard_count(n, 4) for n in (0, 1, 4, 5, 8, 9, 17)] == [1, 1, 1, 2, 2, 4, 8]


def test_a_page_keeps_its_bucket_and_doubling_splits_buckets_pairwise():
    pages = [f"articles/a-{n}/index.html" for n in range(200)]
    assert [bucket(p, 8) for p in pages] == [bucket(p, 8) for p in pages]
    assert all(bucket(p, 16) % 8 == bucket(p, 8) for p in pages)
    assert len({bucket(p, 8) for p in pages}) == 8  # spread, not all in one


def test_adding_a_page_changes_the_membership_of_one_shard_only():
    pages = [f"articles/a-{n}/index.html" for n in range(50)]
    new = "articles/brand-new/index.html"
    before = {s.name: s.pages for s in plan(pages, 10)}
    after = {s.name: s.pages for s in plan([*pages, new], 10)}
    changed = [name for name in after if after[name] != before.get(name)]
    assert len(changed) == 1 and new in after[changed[0]]


def test_a_page_is_staged_as_its_indexed_element_only():
    from briefing.search_shards import reduced

    page = PAGE.format(title="Talks", outlet="Outlet 1", topic="Talks", body="envoys met").encode()
    cut = reduced(page)
    assert b"<nav>" not in cut and b'<html lang="en">' in cut and b"<title>Talks</title>" in cut
    start = page.index(b"<article")
    assert page[start : page.index(b"</article>") + 10] in cut


def test_a_page_of_another_shape_is_staged_whole():
    from briefing.search_shards import reduced

    page = PAGE.format(title="Talks", outlet="Outlet 1", topic="Talks", body="envoys met")
    two_bodies = page.replace("<nav>", "<div data-pagefind-body>x</div><nav>")
    attribute_outside = page.replace("<nav>", '<nav data-pagefind-meta="image:/a.png">')
    nested = page.replace("<p>envoys", "<article>aside</article><p>envoys")
    no_body = page.replace(" data-pagefind-body", "")
    for html in (two_bodies, attribute_outside, nested, no_body):
        assert reduced(html.encode()) is None


def test_the_articles_are_written_shard_after_shard_and_listed_as_before():
    from types import SimpleNamespace

    from briefing.search import destinations, planned_pages, write_in_shard_order

    reads: list[str] = []

    class Article:  # Pelican works save_as out on every read: the plan reads it once
        def __init__(self, n: int) -> None:
            self.page = f"articles/a-{n:02d}/index.html"

        @property
        def save_as(self) -> str:
            reads.append(self.page)
            return self.page

    articles = [Article(n) for n in range(40)]
    seen: list[str] = []
    generator = SimpleNamespace(articles=articles)
    generator.generate_articles = lambda write: seen.extend(a.page for a in generator.articles)
    saved = destinations(generator)
    shards = plan(planned_pages(saved), 8)
    write_in_shard_order(generator, shards, saved)
    generator.generate_articles(None)
    assert seen == [page for shard in shards for page in shard.pages]
    assert generator.articles is articles  # the lists the templates show keep their order
    assert sorted(reads) == sorted(a.page for a in articles)


# ---- real Pagefind runs ------------------------------------------------------------------------

needs_pagefind = pytest.mark.skipif(pagefind_binary() is None, reason="pagefind-bin not installed")


@needs_pagefind
def test_a_cold_index_is_byte_identical_across_builds(tmp_path):
    one, two = make_site(tmp_path / "one", 12), make_site(tmp_path / "two", 12)
    assert build_index(one, None, 4) == ""
    assert build_index(two, None, 4) == ""
    assert len(manifest(one)) == 4  # really sharded: 12 pages, at most 4 a shard
    assert tree(one / "pagefind") == tree(two / "pagefind")
    assert not (one / ".pagefind-work").exists()


def test_a_page_with_a_heading_or_image_outside_its_body_is_staged_whole():
    """Pagefind takes a result's title from the page's first <h1> and its image from an <img>,
    wherever they are: a page holding either outside its body element cannot be cut down."""
    from briefing.search_shards import reduced

    body = b"<article data-pagefind-body><h2>Talks</h2><p>Envoys met.</p></article>"
    page = b"<html lang='en'><head><title>T</title></head><body>%s%s%s</body></html>"
    assert reduced(page % (b"<nav>menu</nav>", body, b"<footer>f</footer>")) is not None
    assert reduced(page % (b"<header><H1>Site</H1></header>", body, b"")) is None
    assert reduced(page % (b"", body, b"<footer><img src='logo.png'></footer>")) is None


@needs_pagefind
def test_cut_down_pages_give_the_index_of_the_whole_pages(tmp_path, monkeypatch):
    from briefing import search_shards

    cut = make_site(tmp_path / "cut", 12)
    assert build_index(cut, None, 4, tmp_path / "staging-cut") == ""
    staged = next((tmp_path / "staging-cut").rglob("index.html")).read_bytes()
    assert b"<nav>" not in staged  # really cut down
    monkeypatch.setattr(search_shards, "reduced", lambda html: None)
    whole = make_site(tmp_path / "whole", 12)
    assert build_index(whole, None, 4, tmp_path / "staging-whole") == ""
    assert tree(cut / "pagefind") == tree(whole / "pagefind")


@needs_pagefind
def test_a_site_named_by_a_relative_path_is_indexed(tmp_path, monkeypatch):
    """Pagefind runs in the work folder: the staging folder it is given must not be relative."""
    make_site(tmp_path / "site", 6)
    monkeypatch.chdir(tmp_path)
    assert build_index(Path("site"), None, 4) == ""
    assert len(manifest(tmp_path / "site")) == 2


@needs_pagefind
def test_adding_one_article_reindexes_only_its_shard_and_finds_it(tmp_path):
    old = make_site(tmp_path / "old", 12)
    assert build_index(old, None, 4) == ""
    new = tmp_path / "new"
    shutil.copytree(old / "articles", new / "articles")
    write_page(new, "a-new-article", 99, " zanzibar")
    assert build_index(new, old, 4) == ""

    before, after = manifest(old), manifest(new)
    assert before.keys() == after.keys()
    changed = [name for name in after if after[name]["inputs"] != before[name]["inputs"]]
    assert len(changed) == 1
    shard = after[changed[0]]
    assert "/articles/a-new-article/" in fragment_urls(new / "pagefind" / shard["path"])
    # The other shards are the previous files themselves (hard links), not a new Pagefind run.
    for name, info in after.items():
        if name == changed[0]:
            continue
        entry = Path(info["path"], "pagefind-entry.json")
        assert (new / "pagefind" / entry).stat().st_ino == (old / "pagefind" / entry).stat().st_ino
    # And the result is what a cold build of the same pages gives, byte for byte.
    assert tree(new / "pagefind") == cold_index(new, tmp_path / "cold", 4)


@needs_pagefind
def test_a_shard_made_by_other_indexing_code_is_indexed_again(tmp_path, monkeypatch):
    # Another release may cut the pages down or order the filters otherwise: the previous shards
    # of the very same pages are then not what a cold build gives, and none is reused.
    from briefing import search

    old = make_site(tmp_path / "old", 12)
    assert build_index(old, None, 4) == ""
    new = tmp_path / "new"
    shutil.copytree(old / "articles", new / "articles")
    monkeypatch.setattr(search, "MAKER", "other code")
    assert build_index(new, old, 4) == ""
    before, after = manifest(old), manifest(new)
    assert before.keys() == after.keys()
    for name, info in after.items():
        assert info["inputs"] != before[name]["inputs"]
        entry = Path(info["path"], "pagefind-entry.json")
        assert (new / "pagefind" / entry).stat().st_ino != (old / "pagefind" / entry).stat().st_ino


@needs_pagefind
def test_a_build_in_place_reuses_the_bundle_already_there(tmp_path):
    site = make_site(tmp_path / "site", 12)
    assert build_index(site, None, 4) == ""
    first = tree(site / "pagefind")
    entry = site / "pagefind" / "pagefind-entry.json"
    inode = entry.stat().st_ino
    assert build_index(site, None, 4) == ""
    assert tree(site / "pagefind") == first
    assert entry.stat().st_ino == inode


@needs_pagefind
def test_a_damaged_previous_shard_is_indexed_again(tmp_path):
    old = make_site(tmp_path / "old", 12)
    assert build_index(old, None, 4) == ""
    one, two = [s for s in manifest(old).values() if s["path"]][:2]
    (old / "pagefind" / one["path"] / "pagefind-entry.json").unlink()
    next((old / "pagefind" / two["path"] / "fragment").iterdir()).unlink()
    new = tmp_path / "new"
    shutil.copytree(old / "articles", new / "articles")
    assert build_index(new, old, 4) == ""
    assert (new / "pagefind" / one["path"] / "pagefind-entry.json").is_file()
    pages = {f"/articles/{p.parent.name}/" for p in (new / "articles").glob("*/index.html")}
    urls = set()
    for info in manifest(new).values():
        urls |= fragment_urls(new / "pagefind" / info["path"])
    assert urls == pages


@needs_pagefind
def test_an_error_in_the_search_thread_is_named_in_what_the_build_reports(tmp_path, monkeypatch):
    """Any error while the thread indexes a shard is the build's message, not a traceback on
    stderr and 'stopped before every shard was indexed'."""
    import threading

    from briefing import search

    hash_inputs, failed = search.hash_inputs, threading.Event()

    def failing(*args, **kwargs):
        if threading.current_thread().name == "search-index":
            failed.set()
            raise KeyError("a page the plan did not know")
        failed.wait(30)  # the main thread helps only once the thread has failed
        return hash_inputs(*args, **kwargs)

    monkeypatch.setattr(search, "hash_inputs", failing)
    problem = build_index(make_site(tmp_path / "site", 12), None, 4)
    assert "KeyError" in problem and "a page the plan did not know" in problem
    assert not (tmp_path / "site" / ".pagefind-work").exists()


def fragment_texts(bundle: Path) -> str:
    texts = []
    for path in (bundle / "fragment").glob("*.pf_fragment"):
        texts.append(gzip.decompress(path.read_bytes()).decode())
    return "\n".join(texts)


@needs_pagefind
def test_kept_staging_follows_edits_and_removals(tmp_path):
    staging = tmp_path / "staging"
    old = make_site(tmp_path / "old", 12)
    assert build_index(old, None, 4, staging) == ""
    new = tmp_path / "new"
    shutil.copytree(old / "articles", new / "articles")
    edited = new / "articles" / "article-003" / "index.html"
    edited.write_text(edited.read_text().replace("ceasefire", "armistice"), encoding="utf-8")
    shutil.rmtree(new / "articles" / "article-007")
    assert build_index(new, old, 4, staging) == ""

    staged = {p.relative_to(staging).as_posix().split("/", 1)[1] for p in staging.rglob("*.html")}
    assert "articles/article-007/index.html" not in staged
    shard = None
    for info in manifest(new).values():
        text = fragment_texts(new / "pagefind" / info["path"])
        if "/articles/article-003/" in text:
            shard = info
            assert "armistice" in text
        assert "/articles/article-007/" not in text
    assert shard and shard["inputs"] != manifest(old)[shard["name"]]["inputs"]


@needs_pagefind
def test_a_rebuild_through_the_build_takes_every_shard_from_the_previous_output(tmp_path):
    fixture = ROOT / "tests" / "fixtures" / "site"
    out, cache = tmp_path / "output", str(tmp_path / "cache")
    settings = {"BRIEFING_SEARCH_SHARD_PAGES": 2, "BRIEFING_CACHE_DIR": cache}
    build_site(fixture, out, BRIEFING_SEARCH=True, **settings)
    first = tree(out / "pagefind")
    entries = {p: p.stat().st_ino for p in (out / "pagefind").rglob("pagefind-entry.json")}
    assert len(entries) > 1
    build_site(fixture, out, BRIEFING_SEARCH=True, **settings)
    assert tree(out / "pagefind") == first
    assert all(p.stat().st_ino == inode for p, inode in entries.items())


@needs_pagefind
def test_an_index_with_staging_records_the_digest_of_every_page(tmp_path):
    """What spares a rebuild reading the pages: the digests are kept beside the staging folder."""
    staging = tmp_path / "staging"
    site = make_site(tmp_path / "site", 6)
    assert build_index(site, None, 4, staging) == ""
    kept = json.loads(Path(f"{staging}.pages.json").read_text(encoding="utf-8"))
    assert sorted(kept) == article_pages(site)


def test_page_digests_are_kept_for_the_same_file_only(tmp_path, monkeypatch):
    """A rebuild does not read the pages it linked from the previous output; a page written
    again (another file, or the same file with new bytes) is read and hashed again."""
    import hashlib
    import os

    from briefing.search_shards import page_digest

    site = make_site(tmp_path / "site", 2)
    page = "articles/article-000/index.html"
    known: dict = {}
    first = page_digest(site, page, known)
    assert first == hashlib.sha256((site / page).read_bytes()).digest()

    def no_reading(self):
        raise AssertionError(f"{self} was read")

    with monkeypatch.context() as patch:
        patch.setattr(Path, "read_bytes", no_reading)
        assert page_digest(site, page, known) == first

    path = site / page
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("ceasefire", "armistice"), encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert page_digest(site, page, known) == hashlib.sha256(path.read_bytes()).digest() != first


@needs_pagefind
def test_a_shard_is_indexed_as_soon_as_its_pages_are_written(tmp_path, monkeypatch):
    """Pelican writes the article pages shard after shard, and a shard may be indexed once its
    own pages are written (Pagefind then works while Pelican still writes the other pages),
    never before; the index is complete when the output is swapped in."""
    from briefing import search

    events: list[tuple] = []
    decided, one = search.Indexing.decided, search.Indexing._one

    def on_decided(job, page):
        decided(job, page)
        ready = [name in job.fresh and not pages for name, pages in job.undecided.items()]
        events.append(("written", sum(ready)))

    def taken(job, shard, *rest):
        events.append(("taken", all((job.site / page).is_file() for page in shard.pages)))
        return one(job, shard, *rest)

    monkeypatch.setattr(search.Indexing, "decided", on_decided)
    monkeypatch.setattr(search.Indexing, "_one", taken)
    fixture = ROOT / "tests" / "fixtures" / "site"
    monkeypatch.chdir(tmp_path)  # the cache folder is relative, as by default
    settings = {"BRIEFING_CACHE_DIR": "c", "BRIEFING_SEARCH_SHARD_PAGES": 2}
    out = build_site(fixture, tmp_path / "output", BRIEFING_SEARCH=True, **settings)
    shards = len(manifest(out))
    complete = [count for kind, count in events if kind == "written"]
    assert len(complete) == len(article_pages(out)) and shards > 2
    assert complete == sorted(complete) and complete[-1] == shards
    assert complete[0] < shards  # the first shard was ready before the last page was written
    assert [ok for kind, ok in events if kind == "taken"] == [True] * shards
    urls = set()
    for info in manifest(out).values():
        urls |= fragment_urls(out / "pagefind" / info["path"])
    assert urls == {f"/articles/{p.split('/')[1]}/" for p in article_pages(out)}


@needs_pagefind
def test_an_index_planned_for_other_pages_is_made_anew(tmp_path, monkeypatch):
    """Should the pages written not be those planned, the early index is dropped, not used."""
    from briefing import search

    planned = search.planned_pages
    monkeypatch.setattr(search, "planned_pages", lambda s: [*planned(s), "articles/x/index.html"])
    fixture = ROOT / "tests" / "fixtures" / "site"
    monkeypatch.chdir(tmp_path)
    out = build_site(fixture, tmp_path / "output", BRIEFING_SEARCH=True, BRIEFING_CACHE_DIR="c")
    urls = set()
    for info in manifest(out).values():
        urls |= fragment_urls(out / "pagefind" / info["path"])
    assert urls == {f"/articles/{p.split('/')[1]}/" for p in article_pages(out)}
    assert not (out / ".pagefind-work").exists()


@needs_pagefind
def test_a_build_failing_while_it_indexes_keeps_the_old_site(tmp_path, monkeypatch):
    import threading

    from briefing import pages, search
    from briefing.build import BuildFailed

    fixture = tmp_path / "content"
    shutil.copytree(ROOT / "tests" / "fixtures" / "site", fixture)
    out, cache = tmp_path / "output", str(tmp_path / "cache")
    build_site(fixture, out, BRIEFING_SEARCH=True, BRIEFING_CACHE_DIR=cache)
    before = tree(out)
    (fixture / "one-more.txt").write_text(  # a change, so that the build runs
        "Title: Talks go on\nDate: 2020-03-01\nSource: Dawn\n\nThe delegations met again "
        "on Sunday and agreed to meet once more the week after.\n",
        encoding="utf-8",
    )

    def broken(generator, writer):
        raise RuntimeError("a list page could not be written")

    gate, one = threading.Event(), search.Indexing._one

    def late(job, shard, *rest):  # the thread goes on with its shard once the build has failed
        gate.wait(30)
        return one(job, shard, *rest)

    with monkeypatch.context() as patch:
        patch.setattr(pages.BriefingPagesGenerator, "generate_output", broken)
        patch.setattr(search.Indexing, "_one", late)
        with pytest.raises(BuildFailed):
            build_site(fixture, out, BRIEFING_SEARCH=True, BRIEFING_CACHE_DIR=cache)
        gate.set()
        for thread in threading.enumerate():
            if thread.name == "search-index":
                thread.join(60)
    assert tree(out) == before
    assert not list(tmp_path.glob("output.tmp-*"))  # nothing rebuilt where the failed site was
    # The stopped index let go of its staging folder: the next build indexes as usual.
    build_site(fixture, out, BRIEFING_SEARCH=True, BRIEFING_CACHE_DIR=cache)
    urls = set()
    for info in manifest(out).values():
        urls |= fragment_urls(out / "pagefind" / info["path"])
    assert urls == {f"/articles/{p.split('/')[1]}/" for p in article_pages(out)}
    assert len(urls) == len(article_pages(tmp_path / "output")) == 7
