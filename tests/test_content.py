"""The sample digest in content/: its files, topic file, entity registry and gold labels agree."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest
from conftest import CONTENT, ROOT

GOLD = ROOT / "tests" / "fixtures" / "meta_gold"
GOLD_KEYS = {
    "file", "title", "date", "author", "source", "dateline",
    "people", "organizations", "places", "events", "must", "must_not",
}  # fmt: skip
ENTITY_KINDS = {"person": "people", "organization": "organizations", "place": "places"}


def load_toml(name: str) -> dict:
    with open(CONTENT / name, "rb") as fh:
        return tomllib.load(fh)


def raw_files(suffix: str) -> list[Path]:
    return sorted(p for p in CONTENT.iterdir() if p.suffix == suffix)


def gold_labels() -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(GOLD.glob("*.json"))]


def raw_text(name: str) -> str:
    return (CONTENT / name).read_bytes().decode("utf-8").replace("\r\n", "\n")


def squeeze(text: str) -> str:
    """Whitespace runs to one space, so a phrase may span a hard-wrapped or split line."""
    return re.sub(r"\s+", " ", text)


def registry_names() -> dict[str, set[str]]:
    registry = load_toml("entities.toml")
    return {
        plural: {entry["name"] for entry in registry.get(kind, [])}
        for kind, plural in ENTITY_KINDS.items()
    }


def test_sample_counts():
    assert len(raw_files(".txt")) >= 24
    assert len(raw_files(".html")) >= 2
    assert len(raw_files(".md")) >= 2
    assert len(load_toml("topics.toml")["topic"]) >= 6
    assert len([g for g in gold_labels() if g["file"].endswith(".txt")]) >= 22


def test_topics_have_required_keys_and_unique_slugs():
    topics = load_toml("topics.toml")["topic"]
    for topic in topics:
        missing = {"slug", "name", "description", "any"} - topic.keys()
        assert not missing, (topic.get("slug"), missing)
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", topic["slug"]), topic["slug"]
        assert topic["any"] and all(isinstance(p, str) and p.strip() for p in topic["any"])
        assert isinstance(topic.get("min_hits", 2), int) and topic.get("min_hits", 2) >= 1
        assert "\n" not in topic["description"]
    slugs = [t["slug"] for t in topics]
    assert len(slugs) == len(set(slugs))


def test_registry_entries_have_names_and_alias_lists():
    registry = load_toml("entities.toml")
    assert set(ENTITY_KINDS) <= registry.keys()
    for kind in ENTITY_KINDS:
        for entry in registry[kind]:
            assert isinstance(entry["name"], str) and entry["name"].strip(), entry
            assert isinstance(entry.get("aliases", []), list), entry["name"]


def test_every_alias_names_exactly_one_entity():
    """Names and aliases, compared case-insensitively, never point at two entries."""
    registry = load_toml("entities.toml")
    owner: dict[str, str] = {}
    for kind in ENTITY_KINDS:
        for entry in registry[kind]:
            key = f"{kind}:{entry['name']}"
            for form in {entry["name"], *entry.get("aliases", [])}:
                previous = owner.setdefault(form.casefold(), key)
                assert previous == key, f"{form!r} is claimed by {previous} and {key}"


def test_gold_labels_name_existing_files_and_use_canonical_names():
    names = registry_names()
    for gold in gold_labels():
        assert set(gold) == GOLD_KEYS, gold.get("file")
        assert (CONTENT / gold["file"]).is_file(), gold["file"]
        for plural, canonical in names.items():
            unknown = set(gold[plural]) - canonical
            assert not unknown, (gold["file"], plural, unknown)
            assert len(gold[plural]) == len(set(gold[plural])), (gold["file"], plural)


def test_gold_dates_are_iso_days():
    iso = re.compile(r"\d{4}-\d{2}-\d{2}")
    for gold in gold_labels():
        assert gold["date"] is None or iso.fullmatch(gold["date"]), gold["file"]
        for event in gold["events"]:
            assert iso.fullmatch(event["date"]) and event["text"].strip(), gold["file"]


@pytest.mark.parametrize("gold", gold_labels(), ids=lambda g: g["file"])
def test_gold_phrases_are_in_the_raw_paste(gold):
    """`must` phrases are article text and `must_not` phrases are chrome, both really present,
    so the cleaner's phrase tests measure something."""
    text = raw_text(gold["file"])
    assert len(gold["must"]) >= 3 and len(gold["must_not"]) >= 3
    for phrase in gold["must"]:
        assert squeeze(phrase) in squeeze(text), (gold["file"], phrase)
    for phrase in gold["must_not"]:
        assert phrase in text, (gold["file"], phrase)


def test_gold_entities_are_named_in_their_article():
    """Every gold person, organization and place is written in the paste by a registry form."""
    registry = load_toml("entities.toml")
    forms = {
        entry["name"]: [entry["name"], *entry.get("aliases", [])]
        for kind in ENTITY_KINDS
        for entry in registry[kind]
    }
    for gold in gold_labels():
        text = squeeze(raw_text(gold["file"])).casefold()
        for plural in ENTITY_KINDS.values():
            for name in gold[plural]:
                assert any(f.casefold() in text for f in forms[name]), (gold["file"], name)


def test_crlf_files_really_use_crlf():
    crlf = [p for p in raw_files(".txt") if b"\r\n" in p.read_bytes()]
    assert len(crlf) >= 3, [p.name for p in crlf]
    for path in crlf:
        data = path.read_bytes()
        assert data.count(b"\r\n") == data.count(b"\n"), f"{path.name} mixes line ends"


def test_every_raw_article_matches_a_topic():
    """The topic rules as documented in topics.toml put every sample article in a topic."""
    topics = load_toml("topics.toml")["topic"]
    for path in [*raw_files(".txt"), *raw_files(".html"), *raw_files(".md")]:
        text = path.read_text(encoding="utf-8", errors="replace")
        assert any(_topic_hits(topic, text) for topic in topics), path.name


def _topic_hits(topic: dict, text: str) -> bool:
    def count(phrase: str) -> int:
        return len(re.findall(rf"(?<!\w){re.escape(phrase)}(?!\w)", text, re.IGNORECASE))

    if any(count(p) for p in topic.get("exclude", [])):
        return False
    return sum(count(p) for p in topic["any"]) >= topic.get("min_hits", 2)
