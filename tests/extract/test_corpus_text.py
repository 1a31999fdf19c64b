"""Acceptance on the hand-labelled flattened texts in ../shared/corpus/text (all variants)."""

from __future__ import annotations

from pathlib import Path

import pytest

from scoring import Score, gold_sets, score_set


@pytest.fixture(scope="module")
def sets(shared: Path) -> dict[str, Score]:
    found = gold_sets()
    return {name: score_set(found[name])[0] for name in ("seeds", "text", "variants")}


@pytest.mark.parametrize("name", ["seeds", "text", "variants"])
def test_identity_f1(sets: dict[str, Score], name: str) -> None:
    score = sets[name]
    assert score.f1 >= 0.98, (score.misses, score.extras)
    assert score.false_positives_on_negatives == 0


def test_flattened_text_has_no_false_positives(sets: dict[str, Score]) -> None:
    combined = Score()
    for score in sets.values():
        combined.add(score)
    assert combined.extras == []


def test_text_match_rate(sets: dict[str, Score]) -> None:
    assert sets["seeds"].text_rate == 1.0
    assert sets["text"].text_rate == 1.0
    assert sets["variants"].text_rate >= 0.9
