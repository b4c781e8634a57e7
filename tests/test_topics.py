"""Topics from the topic file's rules; the editor's Topics: line overrides."""

from __future__ import annotations

import tomllib

from briefing.metadata import extract
from briefing.metadata.knowledge import build_knowledge
from briefing.metadata.topics import match_topics
from briefing.model import CleanedArticle
from briefing.settings import Options

TOPICS = tomllib.loads("""
[[topic]]
slug = "doha-agreement"
name = "The Doha agreement"
any = ["Doha agreement", "Khalilzad", "Baradar"]
min_hits = 2
[[topic]]
slug = "prisoner-releases"
name = "Prisoner releases"
any = ["prisoners", "release"]
min_hits = 2
exclude = ["football"]
""")
KNOWLEDGE = build_knowledge(TOPICS, {}, Options())


def test_min_hits_counts_all_phrase_occurrences():
    assert match_topics("Khalilzad met Baradar.", KNOWLEDGE) == ("doha-agreement",)
    assert match_topics("Khalilzad spoke.", KNOWLEDGE) == ()
    assert match_topics("KHALILZAD and khalilzad", KNOWLEDGE) == ("doha-agreement",)


def test_phrases_are_whole_words_and_several_topics_may_match():
    assert match_topics("Khalilzadeh and Baradars", KNOWLEDGE) == ()
    both = "Khalilzad and Baradar discussed the release of prisoners."
    assert match_topics(both, KNOWLEDGE) == ("doha-agreement", "prisoner-releases")


def test_exclude_vetoes_a_topic():
    assert match_topics("The release of prisoners after the football match.", KNOWLEDGE) == ()


def test_topics_header_overrides_rules():
    cleaned = CleanedArticle(body="Khalilzad met Baradar in Doha.", title="T")
    meta = extract(cleaned, {"topics": "Prisoner releases"}, KNOWLEDGE, "2020-01-01")
    assert (meta.topics, meta.source_of("topics")) == (("prisoner-releases",), "header")
    unknown = extract(cleaned, {"topics": "nonsense"}, KNOWLEDGE, "2020-01-01")
    assert any("not in the topic file" in w for w in unknown.warnings)


def test_a_topic_phrase_with_a_turkish_capital_dotted_i_is_counted():
    rules = tomllib.loads('[[topic]]\nslug = "istanbul-talks"\nany = ["İstanbul talks"]\n')
    knowledge = build_knowledge(rules, {}, Options())
    text = "The İstanbul talks opened on time. Istanbul talks went on into the night."
    assert match_topics(text, knowledge) == ("istanbul-talks",)
