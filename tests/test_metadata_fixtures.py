"""The extractor against our labelled sample digest (tests/fixtures/meta_gold): the quality bar."""

from __future__ import annotations

import sys

from conftest import CONTENT, ROOT

sys.path.insert(0, str(ROOT / "tools"))

from eval_meta import fixture_scores  # noqa: E402


def test_entity_and_event_f1_on_the_sample_digest():
    scores = fixture_scores(CONTENT, ROOT / "tests" / "fixtures" / "meta_gold")
    assert scores["people"][2] >= 0.90
    assert scores["places"][2] >= 0.90
    assert scores["organizations"][2] >= 0.80
    assert scores["events"][2] >= 0.80
