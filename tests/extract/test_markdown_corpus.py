"""The Markdown reader on the hand-labelled real stories in ../shared/corpus/realworld/markdown.

Scoring is that of ``benchmarks/scoring.py`` (post identity, then exact post text); the
figures, per file and per kind, come from ``python benchmarks/accuracy.py --sets markdown -v``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scoring import Score, gold_sets, score_set

pytestmark = pytest.mark.shared

MIN_F1 = 0.97
MIN_TEXT_RATE = 0.90


@pytest.fixture(scope="module")
def scored(shared: Path) -> Score:
    sets = gold_sets()
    if "markdown" not in sets:
        pytest.skip("../shared/corpus/realworld/markdown is absent")
    return score_set(sets["markdown"])[0]


def test_identity_f1(scored: Score) -> None:
    assert scored.f1 >= MIN_F1, (scored.misses, scored.extras)


def test_post_text(scored: Score) -> None:
    assert scored.text_rate >= MIN_TEXT_RATE


def test_no_posts_on_negative_stories(scored: Score) -> None:
    assert scored.false_positives_on_negatives == 0
