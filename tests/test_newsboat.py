"""A real feed reader: Debian's newsboat fetches the digest's feeds from a local HTTP server, and
its own sqlite cache shows what a subscriber got, before and after an editor fixes a title.

newsboat exits 0 even when a feed is broken, so every check reads its cache, never its exit code.
"""

from __future__ import annotations

import calendar
import os
import shutil
import sqlite3
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import feedparser
import pytest
from briefing.headers import split_headers
from briefing.pipeline import process_file
from briefing.settings import Options
from conftest import CONTENT, ROOT, build_site

pytestmark = pytest.mark.reader

FIXTURE = ROOT / "tests" / "fixtures" / "feeds"
MAIN_FEED = "feeds/all.rss.xml"
TOPIC = "doha-talks"
TOPIC_FEED = f"feeds/topics/{TOPIC}.atom.xml"  # the other format, so newsboat reads both


def newsboat_binary() -> str:
    found = shutil.which("newsboat")
    if found:
        return found
    if os.environ.get("CI"):
        pytest.fail("newsboat is missing: .ci/run installs it (apt-get install -y newsboat)")
    pytest.skip("newsboat is not installed (apt-get install -y newsboat)")


class FreshFileHandler(SimpleHTTPRequestHandler):
    """Static files, always sent in full and without validators: two builds within one second
    share a Last-Modified, and the reader would then skip the second as unchanged."""

    def send_head(self):
        del self.headers["If-Modified-Since"]
        del self.headers["If-None-Match"]
        return super().send_head()

    def send_header(self, keyword: str, value: str) -> None:
        if keyword.lower() not in ("last-modified", "etag"):
            super().send_header(keyword, value)

    def log_message(self, *args) -> None:
        pass


@contextmanager
def http_server(directory: Path) -> Iterator[str]:
    """Serve `directory` on a free port of 127.0.0.1; yields the base URL."""
    handler = partial(FreshFileHandler, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@dataclass
class Newsboat:
    """One newsboat profile (url file, config, cache) in its own folder."""

    home: Path
    urls: tuple[str, ...]

    def __post_init__(self) -> None:
        self.home.mkdir(parents=True, exist_ok=True)
        (self.home / "urls").write_text("".join(u + "\n" for u in self.urls), encoding="utf-8")
        (self.home / "config").write_text("reload-threads 1\ndownload-timeout 30\n")
        self.cache = self.home / "cache.db"

    def reload(self) -> str:
        """Fetch every feed once, without a terminal; returns what newsboat printed."""
        cmd = [newsboat_binary(), "-x", "reload", "-u", "urls", "-c", "cache.db", "-C", "config"]
        env = {"HOME": str(self.home), "PATH": os.environ.get("PATH", ""), "LANG": "C.UTF-8"}
        done = subprocess.run(
            cmd,
            cwd=self.home,
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        return done.stdout + done.stderr

    def items(self) -> dict[str, dict]:
        """newsboat's stored items by guid (only the columns we check)."""
        with sqlite3.connect(self.cache) as db:
            db.row_factory = sqlite3.Row
            rows = db.execute(
                "SELECT guid, title, author, url, feedurl, pubDate, unread, content"
                " FROM rss_item WHERE deleted = 0"
            ).fetchall()
        return {row["guid"]: dict(row) for row in rows}

    def feeds(self) -> dict[str, dict]:
        with sqlite3.connect(self.cache) as db:
            db.row_factory = sqlite3.Row
            return {r["rssurl"]: dict(r) for r in db.execute("SELECT * FROM rss_feed")}

    def read_everything(self) -> None:
        """What a subscriber does after reading the digest: nothing is unread."""
        with sqlite3.connect(self.cache) as db:
            db.execute("UPDATE rss_item SET unread = 0")


def expected_articles(content: Path) -> dict[str, dict]:
    """Per guid, what the pipeline (not the feed code) says of each article; the date is the
    editor's Date: header."""
    found = {}
    for path in sorted(content.glob("*.txt")):
        record = process_file(str(path), Options(content_dir=str(content)))
        headers, _ = split_headers(path.read_text(encoding="utf-8"))
        day = datetime.strptime(headers["date"], "%Y-%m-%d").replace(tzinfo=UTC)
        found[f"urn:briefing:{record.meta.stable_id}"] = {
            "title": record.meta.title,
            "pubDate": int(day.timestamp()),
            "author": ", ".join(x for x in (record.meta.author, record.meta.source) if x),
            "topics": [t.strip().casefold() for t in record.meta.topics],
            "first_words": " ".join(record.body.split()[:4]),
        }
    return found


def in_topic(article: dict) -> bool:
    return TOPIC in article["topics"] or "doha talks" in article["topics"]


@pytest.fixture
def site(tmp_path) -> Iterator[tuple[str, Path, Path]]:
    """(base URL, content folder, output folder): a copy of the fixture, built and served."""
    content, out = tmp_path / "content", tmp_path / "output"
    shutil.copytree(FIXTURE, content)
    with http_server(out) as base:
        build_site(content, out, SITEURL=base, BRIEFING_SEARCH=False)
        yield base, content, out


def assert_arrived(stored: dict[str, dict], want: dict[str, dict], base: str, out: Path) -> None:
    assert set(stored) == set(want), "newsboat's items are not the feed's articles"
    for guid, item in stored.items():
        expected = want[guid]
        assert item["title"] == expected["title"]
        assert item["pubDate"] == expected["pubDate"], item["title"]
        assert item["author"] == expected["author"], item["title"]
        assert item["url"].startswith(base + "/articles/")
        assert (out / item["url"].removeprefix(base + "/") / "index.html").exists(), item["url"]
        assert expected["first_words"] in item["content"], item["title"]
        assert item["unread"] == 1


def test_newsboat_receives_every_article_of_the_main_and_a_topic_feed(site, tmp_path):
    base, content, out = site
    want = expected_articles(content)
    topic_want = {g: a for g, a in want.items() if in_topic(a)}
    assert 0 < len(topic_want) < len(want)
    for feed, expected in ((MAIN_FEED, want), (TOPIC_FEED, topic_want)):
        reader = Newsboat(tmp_path / feed.replace("/", "_"), (f"{base}/{feed}",))
        log = reader.reload()
        stored = reader.items()
        assert stored, f"newsboat stored nothing from {feed}: {log}"
        assert_arrived(stored, expected, base, out)
        info = reader.feeds()[f"{base}/{feed}"]
        assert info["url"].startswith(base + "/") and info["title"], info


def test_subscribing_to_both_feeds_shows_each_article_once(site, tmp_path):
    base, content, out = site
    reader = Newsboat(tmp_path / "both", (f"{base}/{MAIN_FEED}", f"{base}/{TOPIC_FEED}"))
    log = reader.reload()
    stored = reader.items()
    # newsboat keys items by guid across feeds: one guid per article means one item to read.
    assert stored, log
    assert_arrived(stored, expected_articles(content), base, out)
    assert {i["feedurl"] for i in stored.values()} == {
        f"{base}/{MAIN_FEED}",
        f"{base}/{TOPIC_FEED}",
    }


def test_a_fixed_title_is_no_new_unread_item_but_a_new_article_is(site, tmp_path):
    base, content, out = site
    reader = Newsboat(tmp_path / "reader", (f"{base}/{MAIN_FEED}", f"{base}/{TOPIC_FEED}"))
    reader.reload()
    before = reader.items()
    assert len(before) == len(expected_articles(content))
    reader.read_everything()

    # The editor fixes a title (and renames the file): the same article, the same guid.
    old = content / "envoy-returns-to-doha.txt"
    fixed = old.read_text(encoding="utf-8").replace(
        "Title: Envoy returns to Doha for a new round",
        "Title: US envoy back in Doha for round eight",
    )
    (content / "envoy-back-in-doha.txt").write_text(fixed, encoding="utf-8")
    old.unlink()
    build_site(content, out, SITEURL=base, BRIEFING_SEARCH=False)
    log = reader.reload()
    after = reader.items()
    assert set(after) == set(before), log
    assert [i["title"] for i in after.values() if i["unread"]] == []
    assert "US envoy back in Doha for round eight" in {i["title"] for i in after.values()}, log

    # Control: a genuinely new article does show up as one unread item, so the check can fail.
    new = (content / "same-day-note.txt").read_text(encoding="utf-8")
    new = new.replace("A short note filed", "A later note filed").replace(
        "Title: A second report from the same day", "Title: A new report"
    )
    (content / "new-report.txt").write_text(new.replace("2021-03-18", "2021-04-01"), "utf-8")
    build_site(content, out, SITEURL=base, BRIEFING_SEARCH=False)
    reader.reload()
    assert [i["title"] for i in reader.items().values() if i["unread"]] == ["A new report"]


def test_newsboat_reads_the_sample_digest(tmp_path):
    out = tmp_path / "output"
    with http_server(out) as base:
        build_site(CONTENT, out, SITEURL=base, BRIEFING_SEARCH=False)
        topic_feeds = sorted((out / "feeds" / "topics").glob("*.atom.xml"))
        busiest = max(topic_feeds, key=lambda p: len(feedparser.parse(p.read_bytes()).entries))
        for path in (out / MAIN_FEED, busiest):
            feed = path.relative_to(out).as_posix()
            want = {e.id: e for e in feedparser.parse(path.read_bytes()).entries}
            assert want, f"{feed} is empty"
            reader = Newsboat(tmp_path / feed.replace("/", "_"), (f"{base}/{feed}",))
            log = reader.reload()
            stored = reader.items()
            assert set(stored) == set(want), log
            for guid, item in stored.items():
                assert item["title"] == want[guid].title
                assert item["url"] == want[guid].link
                assert item["pubDate"] == calendar.timegm(want[guid].published_parsed)
