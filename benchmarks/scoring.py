"""Score extraction against the hand-labelled gold files in ../shared (seeds and corpus).

Identity of a post: the platform plus, when both sides know it, the post id; otherwise the
handle (case-insensitive), the cited date and the set of media links. Predictions are paired
with gold posts greedily in document order; each gold post is matched at most once.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
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


def same_post(pred: dict[str, Any], gold: dict[str, Any]) -> bool:
    if pred.get("platform") != gold.get("platform"):
        return False
    if pred.get("post_id") and gold.get("post_id"):
        return str(pred["post_id"]) == str(gold["post_id"])
    return (
        (pred.get("handle") or "").lower() == (gold.get("handle") or "").lower()
        and pred.get("date") == gold.get("date")
        and set(pred.get("media") or ()) == set(gold.get("media") or ())
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


def score_file(
    name: str, predicted: Sequence[dict[str, Any]], gold: Sequence[dict[str, Any]]
) -> Score:
    score = Score(gold=len(gold), predicted=len(predicted))
    unmatched = list(predicted)
    for g in gold:
        hit = next((p for p in unmatched if same_post(p, g)), None)
        if hit is None:
            score.misses.append(f"{name}: {g.get('handle')} {g.get('date')} {g.get('post_id')}")
            continue
        unmatched.remove(hit)
        score.matched += 1
        score.kind_ok += hit.get("kind") == g.get("kind")
        if g.get("text") is not None:
            score.text_total += 1
            score.text_ok += _fold(hit.get("text")) == _fold(g.get("text"))
    for p in unmatched:
        score.extras.append(f"{name}: {p.get('kind')} {p.get('handle')} {p.get('post_id')}")
    if not gold:
        score.false_positives_on_negatives = len(predicted)
    return score


def _records(citations: Iterable[Citation]) -> list[dict[str, Any]]:
    return [c.to_dict() for c in citations]


def predict(path: Path) -> list[dict[str, Any]]:
    if path.suffix == ".gz":
        return _records(mediacite.extract(gzip.decompress(path.read_bytes()), input="html"))
    return _records(mediacite.extract_path(path))


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
    return sets


def score_set(entries: Sequence[tuple[Path, list[dict[str, Any]]]]) -> tuple[Score, list[str]]:
    total = Score()
    lines = []
    for path, gold in entries:
        s = score_file(path.name, predict(path), gold)
        total.add(s)
        lines.append(
            f"  {path.parent.name}/{path.name}: gold {s.gold} pred {s.predicted} "
            f"match {s.matched} text {s.text_ok}/{s.text_total}"
        )
    return total, lines


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


def predict_mentions(path: Path, *, gold_posts: bool = False) -> tuple[str, list[Any]]:
    """The text of ``path`` and the mentions mediacite finds in it.

    With ``gold_posts`` the citations that decide ``sourced`` are mediacite's plus the
    hand-labelled posts of ``text/gold.json`` it missed, placed where their handle or text
    occurs: a diagnostic that separates the mention finder from citation extraction.
    """
    from mediacite.extract.mentions import find_mentions

    text = path.read_text("utf-8")
    found = mediacite.extract_text(text, source=str(path), mentions=True)
    if not gold_posts:
        return text, list(found.mentions or ())
    citations = list(found) + _missed_posts(path, text, found)
    citations.sort(key=lambda c: c.start)
    return text, find_mentions(text, citations, article_date=None, source=str(path))


@lru_cache(maxsize=1)
def _text_gold() -> dict[str, list[dict[str, Any]]]:
    entries = json.loads(
        (SHARED / "corpus" / "realworld" / "text" / "gold.json").read_text("utf-8")
    )
    return {e["file"]: e["posts"] for e in entries}


def _missed_posts(path: Path, text: str, found: Sequence[Citation]) -> list[Citation]:
    """Gold posts of the document that extraction missed, as citations where they occur."""
    if path.parent.name != "text":
        return []
    records = [c.to_dict() for c in found]
    out = []
    for post in _text_gold().get(path.name, []):
        if any(same_post(r, post) for r in records):
            continue
        probes = [f"@{post['handle']}" if post.get("handle") else "", (post.get("text") or "")[:40]]
        at = next((text.find(p) for p in probes if p and text.find(p) >= 0), -1)
        if at < 0:
            continue
        out.append(
            Citation(
                platform=post["platform"],
                kind=post["kind"],
                post_id=post.get("post_id"),
                handle=post.get("handle"),
                author=post.get("author"),
                date=post.get("date"),
                text=post.get("text"),
                start=at,
                end=at + 1,
            )
        )
    return out


def _author_key(value: str | None) -> str:
    words = re.findall(r"\w+", re.sub(r"['’]s?\b", "", value or "").casefold())
    return words[-1] if words else ""


def score_mentions(
    documents: Sequence[tuple[Path, str, list[dict[str, Any]]]] | None = None,
    *,
    gold_posts: bool = False,
) -> MentionScore:
    """Match predicted mentions to gold ones: same platform, overlapping sentence spans, one
    to one; where a sentence holds several gold mentions, the one naming the same poster."""
    score = MentionScore()
    for path, lang, gold in documents if documents is not None else mention_gold():
        text, predicted = predict_mentions(path, gold_posts=gold_posts)
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
