"""The built site in a real headless Chromium (Debian's, never a downloaded one), driven by
Playwright: a reader's path through the site, search with filters, keyboard use, no CSP or script
errors, and axe-core finds no accessibility violation. Screenshots go to tests/artifacts/.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import socket
import threading
from pathlib import Path

import pytest
from conftest import ROOT, build_site

pytestmark = pytest.mark.browser

FIXTURE = ROOT / "tests" / "fixtures" / "site"
ARTIFACTS = ROOT / "tests" / "artifacts"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def chromium_path() -> str | None:
    for candidate in (
        "/usr/bin/chromium",
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
    ):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep test output readable
        pass


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The fixture site, built for its address, served on 127.0.0.1 from a thread."""
    if chromium_path() is None:
        pytest.skip("Chromium not found at /usr/bin/chromium (apt-get install chromium)")
    pytest.importorskip(
        "playwright.sync_api", reason="playwright not installed (pip install -e '.[test]')"
    )
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    out = tmp_path_factory.mktemp("browser") / "output"
    # Small search shards, so that search merges several Pagefind bundles as a large digest does.
    build_site(
        FIXTURE,
        out,
        SITEURL=base,
        BRIEFING_SEARCH=True,
        BRIEFING_PER_PAGE=2,
        BRIEFING_SEARCH_SHARD_PAGES=2,
    )
    handler = functools.partial(QuietHandler, directory=str(out))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield base, out
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser(served):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Watched:
    """A page that records console errors and uncaught exceptions (CSP violations included)."""

    def __init__(self, context):
        self.page = context.new_page()
        self.errors: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))


def shoot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_a_reader_finds_their_way(served, browser):
    base, _ = served
    context = browser.new_context(viewport=DESKTOP)
    watched = Watched(context)
    page = watched.page
    page.goto(base + "/")
    assert page.locator("h1").inner_text() == "Afghan Peace Process Briefing"
    assert page.locator(".latest .article-list > li").count() > 0
    shoot(page, "home-desktop")

    topic_link = page.locator(".topic-list a").first
    topic_name = topic_link.inner_text()
    topic_link.click()
    page.wait_for_load_state()
    assert "/topics/" in page.url
    assert page.locator("h1").inner_text() == topic_name
    shoot(page, "topic-desktop")

    article_link = page.locator(".article-list .article-title a").first
    title = article_link.inner_text()
    article_link.click()
    page.wait_for_load_state()
    assert "/articles/" in page.url
    assert page.locator("h1").inner_text() == title
    panel = page.locator("aside.meta-panel")
    assert panel.is_visible()
    assert topic_name in panel.inner_text()
    shoot(page, "article-desktop")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Timeline").click()
    page.wait_for_load_state()
    assert page.url.endswith("/timeline/")
    shoot(page, "timeline-desktop")
    page.locator("#by-year .year-link").first.click()
    page.wait_for_load_state()
    assert page.locator("#by-month h3").count() > 0
    assert page.locator("#by-month .compact-list a").count() > 0
    shoot(page, "timeline-year-desktop")
    assert watched.errors == []
    context.close()


def test_search_finds_articles_and_filters_by_topic(served, browser):
    base, out = served
    context = browser.new_context(viewport=DESKTOP)
    watched = Watched(context)
    page = watched.page
    page.goto(base + "/")
    page.fill("#site-search", "Doha")
    page.press("#site-search", "Enter")
    page.wait_for_url("**/search/?q=Doha")
    results = page.locator("#search-results > li")
    results.first.wait_for(timeout=15000)
    found = results.count()
    assert found >= 3
    assert "found" in page.locator("#search-status").inner_text()
    shoot(page, "search-desktop")

    page.get_by_label("Intra-Afghan talks").check()
    page.wait_for_function(
        "n => document.querySelectorAll('#search-results > li').length < n", arg=found
    )
    hrefs = page.locator("#search-results .article-title a").evaluate_all(
        "as => as.map(a => a.href)"
    )
    assert hrefs
    topic_page = (out / "topics" / "intra-afghan-talks" / "index.html").read_text()
    for href in hrefs:
        assert href.removeprefix(base) in topic_page, href
    assert watched.errors == []
    context.close()


def test_keyboard_reaches_the_skip_link_with_visible_focus(served, browser):
    base, _ = served
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(base + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "Skip to content"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("", "none")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    context.close()


def test_pages_work_without_javascript(served, browser):
    base, _ = served
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(base + "/")
    page.locator(".topic-list a").first.click()
    page.wait_for_load_state()
    assert page.locator(".article-list > li").count() > 0
    page.goto(base + "/search/")
    assert "needs JavaScript" in page.locator("#search-status").inner_text()
    context.close()


def axe_pages(base: str, out: Path) -> dict[str, str]:
    article = sorted((out / "articles").glob("*/index.html"))[0].parent.name
    pages = {
        "home": "/",
        "article": f"/articles/{article}/",
        "topic": "/topics/doha-agreement/",
        "timeline": "/timeline/",
        "topic-timeline": "/topics/doha-agreement/timeline/",
        "timeline-year": "/timeline/2020/",
        "archives": "/archives/",
        "archives-year": "/archives/2020/",
        "subscribe": "/subscribe/",
        "search": "/search/?q=Doha",
        "404": "/404.html",
    }
    for kind in ("people", "organizations", "places"):
        entity = sorted((out / kind).glob("*/index.html")) if (out / kind).exists() else []
        if entity:
            pages[f"entity-{kind}"] = f"/{kind}/{entity[0].parent.name}/"
        years = sorted((out / kind).glob("*/*/index.html")) if (out / kind).exists() else []
        if years:
            pages[f"entity-year-{kind}"] = f"/{years[0].parent.relative_to(out).as_posix()}/"
    return pages


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_axe_finds_no_violations(served, browser, scheme, viewport):
    if not AXE.exists():
        pytest.skip("axe-core not installed: run `npm ci`")
    base, out = served
    size = DESKTOP if viewport == "desktop" else PHONE
    # axe is injected as a script, which the site's own CSP rightly forbids: bypass it here only.
    context = browser.new_context(viewport=size, color_scheme=scheme, bypass_csp=True)
    page = context.new_page()
    problems = {}
    for name, url in axe_pages(base, out).items():
        page.goto(base + url)
        if name == "search":
            page.locator("#search-results > li").first.wait_for(timeout=15000)
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        found = [
            f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}" for v in result["violations"]
        ]
        if found:
            problems[name] = found
        if viewport == "phone" or scheme == "dark":
            shoot(page, f"{name}-{viewport}-{scheme}")
    context.close()
    assert problems == {}
