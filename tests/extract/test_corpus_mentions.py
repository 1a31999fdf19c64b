"""Acceptance on the hand-labelled prose mentions in ../shared/corpus/realworld/mentions.

Precision at least 0.92 and recall at least 0.85 overall; ``sourced`` right for at least 95 %
of the matched mentions once the posts that citation extraction missed are added back (the
mention finder's own share), and for at least 90 % with the citations mediacite finds today.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scoring import MentionScore, score_mentions


@pytest.fixture(scope="module")
def scores(shared: Path) -> tuple[MentionScore, MentionScore]:
    return score_mentions(), score_mentions(gold_posts=True)


def _table(score: MentionScore) -> str:
    rows = [
        f"{axis} {key}: P {t.precision:.3f} R {t.recall:.3f} sourced {t.sourced:.3f}"
        for axis, tallies in score.by.items()
        for key, t in sorted(tallies.items())
    ]
    return "\n".join(rows + score.misses + score.extras)


def test_precision_and_recall(scores: tuple[MentionScore, MentionScore]) -> None:
    score = scores[0]
    assert score.total.precision >= 0.92, _table(score)
    assert score.total.recall >= 0.85, _table(score)


def test_sourced(scores: tuple[MentionScore, MentionScore]) -> None:
    pipeline, finder = scores
    assert finder.total.sourced >= 0.95, finder.wrong_sourced
    assert pipeline.total.sourced >= 0.90, pipeline.wrong_sourced


def test_every_platform_is_precise(scores: tuple[MentionScore, MentionScore]) -> None:
    for key, tally in scores[0].by["platform"].items():
        if tally.predicted >= 10:
            assert tally.precision >= 0.85, (key, _table(scores[0]))
