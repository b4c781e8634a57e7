"""The benchmark's corpus (bench/corpus.py) is deterministic and has the shapes real pastes
have, so that what the benchmark measures (cleaning, metadata, the renderer's shortcuts) is
what an editor's pastes cost."""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

import pytest
from briefing import pipeline
from briefing.metadata import load_knowledge
from briefing.sanitize import escape_raw_html, plain_paragraphs
from briefing.settings import Options

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import corpus  # noqa: E402

SEED = 1
ARTICLES = 120


@pytest.fixture(scope="module")
def world():
    return corpus.make_world(SEED)


@pytest.fixture(scope="module")
def articles(world):
    return [corpus.make_article(i, world, SEED) for i in range(ARTICLES)]


def share(articles, test) -> float:
    return sum(1 for a in articles if test(a)) / len(articles)


def paragraphs(article):
    return [b for b in article.blocks if not b.startswith(("## ", "- ", "1. "))]


def test_the_same_seed_writes_the_same_files(tmp_path):
    first = corpus.write_corpus(tmp_path / "a", 12, seed=SEED)
    second = corpus.write_corpus(tmp_path / "b", 12, seed=SEED)
    for kind in ("raw", "md"):
        names = sorted(p.name for p in first[kind].iterdir())
        assert names == sorted(p.name for p in second[kind].iterdir()) and len(names) >= 12
        for name in names:
            assert (first[kind] / name).read_bytes() == (second[kind] / name).read_bytes()


def test_stories_are_about_600_words(articles):
    sizes = sorted(len(corpus.story(a).split()) for a in articles)
    assert 580 <= sizes[len(sizes) // 2] <= 700 and sizes[0] >= 550 and sizes[-1] <= 900


def test_stories_hold_what_real_stories_hold(articles):
    def opens(marks):
        return lambda a: any(p[:1] in marks for p in paragraphs(a))

    assert share(articles, opens("\u201c\u2018")) > 0.3  # curly quotes open a paragraph
    assert share(articles, opens('"')) > 0.1  # and straight ones
    assert share(articles, opens("0123456789")) > 0.1  # a number opens a paragraph
    assert share(articles, lambda a: re.search(r"\d,\d{3}|\d\.\d", corpus.story(a))) > 0.5
    assert share(articles, lambda a: " & " in corpus.story(a)) > 0.1
    assert 0.1 < share(articles, lambda a: any(b.startswith("## ") for b in a.blocks)) < 0.6
    lists = [lambda a, m=m: any(b.startswith(m) for b in a.blocks) for m in ("- ", "1. ")]
    assert all(0.02 < share(articles, has) < 0.3 for has in lists)
    assert 0 < share(articles, lambda a: a.split >= 0) < 0.3


def test_outlets_wrap_stories_in_chrome_of_their_own(articles):
    pastes: dict[str, list[str]] = {}
    for i, a in enumerate(articles):
        pastes.setdefault(a.outlet.name, []).append(corpus.raw_paste(a, random.Random(i)))
    assert len(pastes) >= 12
    lines = {
        name: {line for p in found for line in p.split("\n")} for name, found in pastes.items()
    }
    for name, seen in lines.items():
        if len(pastes[name]) < 2:
            continue
        # every outlet prints lines (menus, labels, boxes) that no other outlet prints
        others = set().union(*(v for k, v in lines.items() if k != name))
        chrome = {line for line in seen if sum(line in p for p in pastes[name]) > 1}
        assert chrome - others, name
    # the benchmark's edit goes in before the advertisement marker of any paste
    assert all("Advertisement" in p for found in pastes.values() for p in found)


def test_clean_copies_carry_the_pastes_story(articles):
    for a in articles[:40]:
        text = corpus.story(a)
        assert corpus.clean_markdown(a).endswith(text) and corpus.hugo_markdown(a).endswith(text)
        paste = corpus.raw_paste(a, random.Random(0))
        for block in a.blocks:
            if not block.startswith(("- ", "## ")) and a.blocks.index(block) != a.split:
                assert block in paste


def test_our_pipeline_gets_the_story_back_and_not_all_by_the_shortcut(articles, tmp_path):
    """The corpus is cleanable (most titles and blocks come back as they are), and its bodies
    are not all plain paragraphs: some need the Markdown converter, as real ones do."""
    content = corpus.write_corpus(tmp_path, 0, seed=SEED)["raw"]
    options = Options(content_dir=str(content))
    knowledge = load_knowledge(options)
    found = wanted = shortcut = titles = 0
    for i, a in enumerate(articles[:60]):
        data = corpus.raw_paste(a, random.Random(i)).encode()
        record = pipeline.process_bytes("a.txt", data, options, "2030-01-01", knowledge)
        titles += record.meta.title == a.title
        body = set(record.body.split("\n\n"))
        found += sum(1 for b in paragraphs(a)[1:] if b in body)
        wanted += len(paragraphs(a)) - 1
        shortcut += plain_paragraphs(escape_raw_html(record.body)) is not None
    assert found / wanted > 0.9 and titles / 60 > 0.9
    assert 0.5 < shortcut / 60 < 1
