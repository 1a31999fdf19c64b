"""Score extraction against the hand-labelled gold files in ../shared (seeds and corpus).

Identity of a post: the platform plus, when both sides know it, the post id; otherwise the
handle (case-insensitive), the cited date and the set of media links. Predictions are paired
with gold posts greedily in document order; each gold post is matched at most once.

The ``realworld-text`` set (real article texts, ``realworld/text/gold.json``) is matched as its
README suggests: platform, then the post id when both sides have one, otherwise handle and date,
with the post text as the tie-breaker where several posts share handle and date; identical gold
posts count as a multiset. Its entries carry ``variants`` tags, so misses and extras can be
broken down by flattening form.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import mediacite
from mediacite.models import Citation

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def shared_available() -> bool:
    return (SHARED / "corpus").is_dir() and (SHARED / "seeds").is_dir()


def _fold(text: str | None) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def same_post(pred: dict[str, Any], gold: dict[str, Any], *, media: bool = True) -> bool:
    """Whether a prediction names the gold post (``media``: media links are part of identity)."""
    if pred.get("platform") != gold.get("platform"):
        return False
    if pred.get("post_id") and gold.get("post_id"):
        return str(pred["post_id"]) == str(gold["post_id"])
    return (
        (pred.get("handle") or "").lower() == (gold.get("handle") or "").lower()
        and pred.get("date") == gold.get("date")
        and (not media or set(pred.get("media") or ()) == set(gold.get("media") or ()))
    )


@dataclass
class Score:
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    text_total: int = 0
    text_ok: int = 0
    kind_ok: int = 0
    false_positives_on_negatives: int = 0
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)
    text_misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def text_rate(self) -> float:
        return self.text_ok / self.text_total if self.text_total else 1.0

    @property
    def kind_rate(self) -> float:
        return self.kind_ok / self.matched if self.matched else 1.0

    def add(self, other: Score) -> None:
        for name in (
            "gold",
            "predicted",
            "matched",
            "text_total",
            "text_ok",
            "kind_ok",
            "false_positives_on_negatives",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.misses += other.misses
        self.extras += other.extras
        self.text_misses += other.text_misses


def _pick(
    candidates: Sequence[dict[str, Any]], gold: dict[str, Any], *, media: bool
) -> dict[str, Any] | None:
    """The first candidate naming ``gold``, preferring one with the same post text."""
    same = [p for p in candidates if same_post(p, gold, media=media)]
    text = _fold(gold.get("text"))
    return next((p for p in same if _fold(p.get("text")) == text), same[0] if same else None)


def _short(text: str | None, limit: int = 60) -> str:
    folded = _fold(text)
    return folded if len(folded) <= limit else folded[: limit - 1] + "…"


def score_file(
    name: str,
    predicted: Sequence[dict[str, Any]],
    gold: Sequence[dict[str, Any]],
    *,
    media: bool = True,
) -> Score:
    score = Score(gold=len(gold), predicted=len(predicted))
    unmatched = list(predicted)
    for g in gold:
        hit = _pick(unmatched, g, media=media)
        if hit is None:
            score.misses.append(
                f"{name}: {g.get('kind')} {g.get('handle')} {g.get('date')} {g.get('post_id')}"
                f" {_short(g.get('text'))!r}"
            )
            continue
        unmatched.remove(hit)
        score.matched += 1
        score.kind_ok += hit.get("kind") == g.get("kind")
        if g.get("text") is not None:
            score.text_total += 1
            if _fold(hit.get("text")) == _fold(g.get("text")):
                score.text_ok += 1
            else:
                score.text_misses.append(
                    f"{name}: {g.get('handle')} got {_short(hit.get('text'))!r}"
                    f" want {_short(g.get('text'))!r}"
                )
    for p in unmatched:
        score.extras.append(
            f"{name}: {p.get('kind')} {p.get('handle')} {p.get('date')} {p.get('post_id')}"
            f" {_short(p.get('text'))!r}"
        )
    if not gold:
        score.false_positives_on_negatives = len(predicted)
    return score


def _records(citations: Iterable[Citation]) -> list[dict[str, Any]]:
    return [c.to_dict() for c in citations]


def predict(path: Path) -> list[dict[str, Any]]:
    if path.suffix == ".gz":
        return _records(mediacite.extract(gzip.decompress(path.read_bytes()), input="html"))
    return _records(mediacite.extract_path(path))


REALWORLD_TEXT = SHARED / "corpus" / "realworld" / "text"
"""Real article texts from public datasets, with hand labels and ``variants`` tags."""

MEDIA_BLIND = frozenset({"realworld-text"})
"""Sets matched on handle and date without media links (their README's matching rule)."""


def realworld_tags() -> dict[str, list[str]]:
    """The ``variants`` tags of each realworld text, by file name."""
    entries = json.loads((REALWORLD_TEXT / "gold.json").read_text("utf-8"))
    return {e["file"]: list(e.get("variants") or ()) for e in entries}


def gold_sets() -> dict[str, list[tuple[Path, list[dict[str, Any]]]]]:
    """Gold posts per labelled file, grouped by set name."""
    seeds = json.loads((SHARED / "seeds" / "expected.json").read_text("utf-8"))
    sets: dict[str, list[tuple[Path, list[dict[str, Any]]]]] = {
        "seeds": [(SHARED / "seeds" / n, e["citations"]) for n, e in seeds.items()]
    }
    corpus = SHARED / "corpus"
    for key, rel, base in (
        ("text", "text/gold.json", corpus),
        ("variants", "text/variants/gold.json", corpus),
        ("html", "html/gold.json", corpus / "html"),
    ):
        entries = json.loads((corpus / rel).read_text("utf-8"))
        sets[key] = [(base / e["file"], e["posts"]) for e in entries]
    if (REALWORLD_TEXT / "gold.json").is_file():
        entries = json.loads((REALWORLD_TEXT / "gold.json").read_text("utf-8"))
        sets["realworld-text"] = [(REALWORLD_TEXT / e["file"], e["posts"]) for e in entries]
    return sets


def score_files(
    entries: Sequence[tuple[Path, list[dict[str, Any]]]], *, media: bool = True
) -> list[tuple[Path, Score]]:
    """One score per labelled file."""
    return [
        (path, score_file(f"{path.parent.name}/{path.name}", predict(path), gold, media=media))
        for path, gold in entries
    ]


def score_set(
    entries: Sequence[tuple[Path, list[dict[str, Any]]]], *, media: bool = True
) -> tuple[Score, list[str]]:
    total = Score()
    lines = []
    for path, s in score_files(entries, media=media):
        total.add(s)
        lines.append(
            f"  {path.parent.name}/{path.name}: gold {s.gold} pred {s.predicted} "
            f"match {s.matched} text {s.text_ok}/{s.text_total}"
        )
    return total, lines


def by_variant(
    scored: Sequence[tuple[Path, Score]], tags: dict[str, list[str]]
) -> dict[str, Score]:
    """Scores summed per ``variants`` tag (a file counts under each of its tags)."""
    found: dict[str, Score] = {}
    for path, score in scored:
        for tag in tags.get(path.name) or ["(untagged)"]:
            found.setdefault(tag, Score()).add(score)
    return dict(sorted(found.items()))
