"""Property tests over the whole pipeline: any bytes or text an editor can drop in never crash
the reader, and never put invalid UTF-8 or XML-forbidden characters in a page or a feed."""

from __future__ import annotations

import re
import shutil
import tempfile
from dataclasses import asdict
from pathlib import Path

import lxml.etree
from briefing.pipeline import process_bytes
from briefing.sanitize import MarkdownRenderer, clean_html, render_markdown
from briefing.settings import Options
from conftest import build_site
from hostile_corpus import HOSTILE
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
OPTIONS = Options(content_dir=str(HOSTILE))
FRAGMENTS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<iframe src=//x>",
    "[a](javascript:alert(1))",
    "[b](data:text/html,x)",
    "{{ x }}",
    "{% if %}",
    "&amp;",
    "&#0;",
    "\u200b",
    "\u202e",
    "\ufeff",
    "\x00",
    "\x1b",
    "\r\n",
    "\r",
    "\n\n",
    "Title: x\n",
    "Slug: ../..\n",
    "Date: 2020-13-45\n",
    "URL: javascript:x\n",
    "Ã¢â‚¬â„¢",
    "پاکستان",
    "多哈",
    "ﷺ",
    "\U0001f600",
    "ISLAMABAD: The envoy met the army chief on Monday.",
    "> quote",
    "* list",
    "# heading",
    "`",
]
PASTES = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=40)), max_size=30).map(
    "".join
)
ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1252", "latin-1"])


def as_bytes(text: str, encoding: str) -> bytes:
    return text.encode(
        encoding, errors="replace" if encoding in ("cp1252", "latin-1") else "surrogatepass"
    )


def strings_of(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings_of(v)] + [
            s for k in value for s in strings_of(k)
        ]
    if isinstance(value, list | tuple):
        return [s for v in value for s in strings_of(v)]
    return []


def check_record(path: str, data: bytes) -> None:
    record = process_bytes(path, data, OPTIONS, "2020-01-01")
    assert record.status in ("published", "skipped")
    assert record.status == "published" or record.reason
    texts = strings_of(asdict(record))
    if record.status == "published":
        texts.append(render_markdown(record.body))
        # guard.make_safe leaves our readers' HTML as the workers' renderer made it: that HTML
        # must be what the allow-list gives, whichever of the renderer's shortcuts made it
        html = render_markdown(record.body, MarkdownRenderer())
        assert clean_html(html) == html, repr(html[:80])
        assert record.meta.title and re.fullmatch(r"[a-z0-9-]*", record.meta.slug)
    for text in texts:
        text.encode("utf-8")  # raises on lone surrogates
        assert not FORBIDDEN.search(text), repr(text[:80])


@settings(max_examples=300)
@given(st.binary(max_size=3000))
def test_any_bytes_never_crash_the_reader(data):
    check_record("any.txt", data)


@settings(max_examples=300)
@given(PASTES, ENCODINGS)
def test_any_paste_in_any_encoding_gives_clean_text(paste, encoding):
    check_record("paste.txt", as_bytes(paste, encoding))


@settings(max_examples=100)
@given(PASTES)
def test_any_saved_page_gives_clean_text(paste):
    check_record(
        "page.html", f"<html><body><p>{paste}</p></body></html>".encode("utf-8", "surrogatepass")
    )


@settings(
    max_examples=6,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.lists(st.tuples(PASTES, ENCODINGS), min_size=1, max_size=4))
def test_any_pastes_build_a_site_with_valid_pages_and_feeds(pastes):
    root = Path(tempfile.mkdtemp(prefix="prop-site-"))
    try:
        content = root / "content"
        shutil.copytree(HOSTILE, content)
        for i, (paste, encoding) in enumerate(pastes):
            body = (
                f"Title: Property {i}\nDate: 2020-02-0{i + 1}\n\n{paste}\n\n"
                "DOHA: The talks resumed on Saturday in the Qatari capital.\n"
            )
            (content / f"prop-{i}.txt").write_bytes(as_bytes(body, encoding))
        output = build_site(content, root / "output", BRIEFING_SEARCH=False)
        checked = 0
        for path in output.rglob("*"):
            if path.suffix in (".html", ".xml", ".json"):
                text = path.read_bytes().decode("utf-8")
                assert not FORBIDDEN.search(text), path
                if path.suffix == ".xml":
                    lxml.etree.fromstring(path.read_bytes())  # well-formed, or it raises
                    checked += 1
        assert checked >= 2  # the feeds were there to check
    finally:
        shutil.rmtree(root, ignore_errors=True)
