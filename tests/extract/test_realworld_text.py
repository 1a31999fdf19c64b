"""Acceptance on real article texts from public datasets (../shared/corpus/realworld/text).

Run as a script for the figures and the misses by flattening form:
``python benchmarks/accuracy.py --sets realworld-text -v``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scoring import MEDIA_BLIND, Score, gold_sets, score_set

F1_FLOOR = 0.97
"""Issue 12's acceptance bar for post identity on this set."""

TEXT_FLOOR = 0.90
"""Issue 12's acceptance bar for the rate of exactly matching post text."""


@pytest.fixture(scope="module")
def realworld(shared: Path) -> Score:
    sets = gold_sets()
    if "realworld-text" not in sets:
        pytest.skip("../shared/corpus/realworld/text is absent")
    return score_set(sets["realworld-text"], media="realworld-text" not in MEDIA_BLIND)[0]


def test_identity_f1(realworld: Score) -> None:
    assert realworld.f1 >= F1_FLOOR, (realworld.misses, realworld.extras)


def test_text_match_rate(realworld: Score) -> None:
    assert realworld.text_rate >= TEXT_FLOOR, realworld.text_misses


def test_no_citation_in_negative_documents(realworld: Score) -> None:
    assert realworld.false_positives_on_negatives == 0
