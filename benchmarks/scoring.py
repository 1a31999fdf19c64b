"""Score extraction against the hand-labelled gold files in ../shared (seeds and corpus).

Identity of a post: the platform plus, when both sides know it, the post id; otherwise the
handle (case-insensitive), the cited date and the set of media links. Predictions are paired
with gold posts greedily in document order; each gold post is matched at most once.

The ``realworld-text`` set (real article texts, ``realworld/text/gold.json``) is matched as its
README suggests: platform, then the post id when both sides have one, otherwise handle and date,
with the post text as the tie-breaker where several posts share handle and date; identical gold
posts count as a multiset. Its entries carry ``variants`` tags, so misses and extras can be
broken down by flattening form.

The ``mentions`` set (``realworld/mentions/gold.json``) scores prose mentions of posts: a
predicted mention matches a gold one on the same platform whose sentence it overlaps (one to
one, preferring the same poster), and each match counts whether ``sourced`` is right; by
language, platform and cue kind.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
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
    gold_kinds: Counter[str] = field(default_factory=Counter)
    """Gold posts by their kind."""
    found_kinds: Counter[str] = field(default_factory=Counter)
    """Gold posts found (paired with a prediction), by their gold kind."""
    right_kinds: Counter[str] = field(default_factory=Counter)
    """Gold posts found and reported with their gold kind, by kind."""
    predicted_kinds: Counter[str] = field(default_factory=Counter)
    """Predictions by their kind."""
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
        for name in ("gold_kinds", "found_kinds", "right_kinds", "predicted_kinds"):
            getattr(self, name).update(getattr(other, name))

    def kind_lines(self) -> list[str]:
        """Per kind: gold posts, how many were found, how many with the right kind, predictions."""
        lines = [f"  {'kind':10} {'gold':>5} {'found':>6} {'right':>6} {'predicted':>9}"]
        for kind in sorted(self.gold_kinds | self.predicted_kinds):
            lines.append(
                f"  {kind:10} {self.gold_kinds[kind]:5} {self.found_kinds[kind]:6} "
                f"{self.right_kinds[kind]:6} {self.predicted_kinds[kind]:9}"
            )
        return lines


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
    score.predicted_kinds.update(p.get("kind") for p in predicted)
    unmatched = list(predicted)
    for g in gold:
        score.gold_kinds[g.get("kind")] += 1
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
        score.found_kinds[g.get("kind")] += 1
        score.right_kinds[g.get("kind")] += hit.get("kind") == g.get("kind")
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


def predict(path: Path, regions: tuple[str, ...] | None = ("main",)) -> list[dict[str, Any]]:
    """The records extracted from one labelled file (``regions`` as in ``mediacite.extract``)."""
    if path.suffix == ".gz":
        data = gzip.decompress(path.read_bytes())
        return _records(mediacite.extract(data, input="html", regions=regions))
    return _records(mediacite.extract_path(path, regions=regions))


def _f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0


def breakdown(entries: Sequence[tuple[Path, list[dict[str, Any]]]]) -> list[str]:
    """F1 by platform (the default, article-only output) and by region (every region).

    By region: each prediction of the all-regions output counts for its region, paired with
    the gold as usual; a gold post no region finds counts against ``main``. The gold lists
    only posts the article cites, so outside ``main`` every prediction is a false positive
    and a gold post there would be one the default output drops.
    """
    counts: dict[str, dict[str, list[int]]] = {"platform": {}, "region": {}}
    for path, gold in entries:
        for table, regions, label in (
            ("platform", ("main",), "platform"),
            ("region", None, "region"),
        ):
            unmatched = list(gold)
            for p in predict(path, regions):
                hit = next((g for g in unmatched if same_post(p, g)), None)
                row = counts[table].setdefault(p.get(label) or "?", [0, 0, 0])
                if hit is None:
                    row[1] += 1
                else:
                    unmatched.remove(hit)
                    row[0] += 1
            for g in unmatched:
                key = g.get("platform", "?") if table == "platform" else "main"
                counts[table].setdefault(key, [0, 0, 0])[2] += 1
    lines = []
    for table, rows in counts.items():
        lines.append(f"  {table:10} {'gold':>5} {'found':>6} {'match':>6} {'F1':>6}")
        for key, (tp, fp, fn) in sorted(rows.items()):
            lines.append(f"  {key:10} {tp + fn:5} {tp + fp:6} {tp:6} {_f1(tp, fp, fn):6.3f}")
    return lines


OMISSIONS = Path(__file__).with_name("gold_omissions.json")
"""Posts the HTML gold leaves out although the page cites them (embeds kept as page data,
drawn by script), each with the evidence. Scored both ways: see :func:`with_omissions`."""


def with_omissions(
    entries: Sequence[tuple[Path, list[dict[str, Any]]]],
) -> list[tuple[Path, list[dict[str, Any]]]]:
    """The entries with the posts of :data:`OMISSIONS` added to their pages' gold."""
    extra: dict[str, list[dict[str, Any]]] = {}
    for o in json.loads(OMISSIONS.read_text("utf-8")):
        post = {"platform": o["platform"], "post_id": o["post_id"], "kind": "stub"}
        extra.setdefault(o["file"], []).append(post)
    return [
        (path, gold + extra.get(f"{path.parent.name}/{path.name}", [])) for path, gold in entries
    ]


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
    markdown = corpus / "realworld" / "markdown"
    if (markdown / "gold.json").is_file():
        entries = json.loads((markdown / "gold.json").read_text("utf-8"))
        sets["markdown"] = [(markdown / e["file"], e["posts"]) for e in entries]
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


# -- prose mentions (realworld/mentions/gold.json) -----------------------------------------

MENTIONS = SHARED / "corpus" / "realworld" / "mentions" / "gold.json"
_PLATFORM_WORD = re.compile(
    r"twitter|instagram|facebook|tiktok|youtube|bluesky|mastodon|threads|telegram|reddit", re.I
)
_TWEET_WORD = re.compile(r"(?i)\b(?:re)?tweet|twitter(?:te|t\b)|\btuit|\btwitt")
_TWEET_NOUN = re.compile(
    r"(?i)(?:\b(?:a|an|the|his|her|their|of|van|de|del|do|da|di|series|string|its)\s+(?:\S+\s+){0,2}|['’]s?\s+(?:\S+\s+){0,2})(?:re)?tweets?\b"
)
_POST_NOUN = re.compile(
    r"(?i)\b(?:post|posts|posting|caption|status\w*|statusmeldung|wpis\w*|update\w*|messages?|story)\b"
)


def gold_cue_kind(cue: str) -> str:
    """The README's rule-based grouping of a gold ``cue`` string, in mediacite's cue kinds."""
    if _PLATFORM_WORD.search(cue):
        return "platform-phrase"
    if _TWEET_WORD.search(cue):
        return "post-noun" if _TWEET_NOUN.search(cue) else "platform-verb"
    return "context-noun" if _POST_NOUN.search(cue) else "context-verb"


@dataclass
class Tally:
    gold: int = 0
    predicted: int = 0
    matched_gold: int = 0
    matched_pred: int = 0
    sourced_ok: int = 0

    @property
    def precision(self) -> float:
        return self.matched_pred / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.matched_gold / self.gold if self.gold else 1.0

    @property
    def sourced(self) -> float:
        return self.sourced_ok / self.matched_gold if self.matched_gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class MentionScore:
    total: Tally = field(default_factory=Tally)
    by: dict[str, dict[str, Tally]] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)
    wrong_sourced: list[str] = field(default_factory=list)

    def tally(self, axis: str, key: str) -> Tally:
        return self.by.setdefault(axis, {}).setdefault(key, Tally())


def mention_gold() -> list[tuple[Path, str, list[dict[str, Any]]]]:
    """``(file, language, gold mentions)`` per labelled document."""
    entries = json.loads(MENTIONS.read_text("utf-8"))
    base = MENTIONS.parents[1]
    return [(base / e["file"], e["lang"], e["mentions"]) for e in entries]


def predict_mentions(path: Path) -> tuple[str, list[Any]]:
    """The text of ``path`` and the mentions mediacite finds in it (the real pipeline)."""
    text = path.read_text("utf-8")
    return text, list(mediacite.extract_path(path, mentions=True).mentions or ())


def _author_key(value: str | None) -> str:
    words = re.findall(r"\w+", re.sub(r"['’]s?\b", "", value or "").casefold())
    return words[-1] if words else ""


def score_mentions(
    documents: Sequence[tuple[Path, str, list[dict[str, Any]]]] | None = None,
) -> MentionScore:
    """Match predicted mentions to gold ones: same platform, overlapping sentence spans, one
    to one; where a sentence holds several gold mentions, the one naming the same poster."""
    score = MentionScore()
    for path, lang, gold in documents if documents is not None else mention_gold():
        text, predicted = predict_mentions(path)
        name = f"{path.parent.name}/{path.name}"
        spans = []
        for g in gold:
            at = text.find(g["sentence"])
            spans.append((at, at + len(g["sentence"])))
        free = list(range(len(predicted)))
        for g, (start, end) in zip(gold, spans, strict=True):
            kind = gold_cue_kind(g["cue"])
            keys = [("lang", lang), ("platform", g["platform"]), ("cue", kind)]
            for axis, key in [("all", "all"), *keys]:
                t = score.total if axis == "all" else score.tally(axis, key)
                t.gold += 1
            candidates = [
                i
                for i in free
                if predicted[i].platform == g["platform"]
                and predicted[i].start < end
                and predicted[i].end > start
            ]
            if not candidates:
                score.misses.append(f"{name}: {g['platform']} {g['author']!r} {g['cue']!r}")
                continue
            want = _author_key(g["author"] or g["handle"])
            best = max(
                candidates,
                key=lambda i: (
                    _author_key(predicted[i].author or predicted[i].handle) == want,
                    min(predicted[i].end, end) - max(predicted[i].start, start),
                ),
            )
            free.remove(best)
            p = predicted[best]
            right = p.is_sourced == g["sourced"]
            for axis, key in [("all", "all"), *keys]:
                t = score.total if axis == "all" else score.tally(axis, key)
                t.matched_gold += 1
                t.sourced_ok += right
            if not right:
                score.wrong_sourced.append(
                    f"{name}: {g['author']!r} {g['cue']!r} gold sourced {g['sourced']}"
                )
        matched = set(range(len(predicted))) - set(free)
        for i, p in enumerate(predicted):
            keys = [("lang", lang), ("platform", p.platform), ("cue", p.cue_kind)]
            for axis, key in [("all", "all"), *keys]:
                t = score.total if axis == "all" else score.tally(axis, key)
                t.predicted += 1
                t.matched_pred += i in matched
            if i not in matched:
                score.extras.append(
                    f"{name}: {p.platform} {p.author!r} {p.cue!r} | {p.sentence[:90]!r}"
                )
    return score
