"""Acceptance on the hand-labelled prose mentions in ../shared/corpus/realworld/mentions.

Issue 18's figures, on the real pipeline (``extract_path(..., mentions=True)``: the citations
mediacite finds decide ``sourced``): precision at least 0.92 and recall at least 0.85 overall,
``sourced`` right for at least 95 % of the matched mentions, and no platform with ten or more
predictions below 0.85 precision.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scoring import MentionScore, score_mentions


@pytest.fixture(scope="module")
def score(shared: Path) -> MentionScore:
    return score_mentions()


def _table(score: MentionScore) -> str:
    rows = [
        f"{axis} {key}: P {t.precision:.3f} R {t.recall:.3f} sourced {t.sourced:.3f}"
        for axis, tallies in score.by.items()
        for key, t in sorted(tallies.items())
    ]
    return "\n".join(rows + score.misses + score.extras)


def test_precision_and_recall(score: MentionScore) -> None:
    assert score.total.precision >= 0.92, _table(score)
    assert score.total.recall >= 0.85, _table(score)


def test_sourced(score: MentionScore) -> None:
    assert score.total.sourced >= 0.95, score.wrong_sourced


def test_every_platform_is_precise(score: MentionScore) -> None:
    for key, tally in score.by["platform"].items():
        if tally.predicted >= 10:
            assert tally.precision >= 0.85, (key, _table(score))
