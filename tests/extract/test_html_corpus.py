"""extract_html against the hand-labelled real pages in ../shared/corpus/html (skipped without it).

Run as a script (``python tests/extract/test_html_corpus.py``) it prints F1 per platform and
per kind (a post counts for a kind when it is paired and reported with that kind), and the
citations found per region (of every region) with how many of them are gold posts.

Matching: on each page, gold posts are taken in order and each is paired with the first
unpaired prediction of the same platform that names the same post: the same ``post_id`` when
both sides have one, otherwise the same handle (case-insensitive), date and set of media links.
A paired gold post is a true positive; an unpaired gold post a false negative; an unpaired
prediction a false positive. F1 is computed over all pages, overall and per platform (by the
platform of the gold post or of the unpaired prediction); ``kind`` is checked on the pairs.
"""

from __future__ import annotations

import gzip
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from mediacite.extract.html import extract_html
from paths import ROOT, SHARED

pytestmark = pytest.mark.shared

OMISSIONS = ROOT / "benchmarks" / "gold_omissions.json"
"""Posts the gold leaves out although the page cites them (embeds kept as page data), each
with its evidence; they count as gold posts here."""

MIN_F1 = 0.97
MIN_KIND_RATE = 0.95


def same_post(pred: dict[str, Any], gold: dict[str, Any]) -> bool:
    if pred["platform"] != gold["platform"]:
        return False
    if pred.get("post_id") and gold.get("post_id"):
        return str(pred["post_id"]) == str(gold["post_id"])
    return (
        (pred.get("handle") or "").lower() == (gold.get("handle") or "").lower()
        and pred.get("date") == gold.get("date")
        and set(pred.get("media") or ()) == set(gold.get("media") or ())
    )


def f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0


def score(root: Path) -> dict[str, Any]:
    """Pair predictions with the gold posts of every page under ``root`` (see module docs)."""
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    kinds_ok: Counter[str] = Counter()
    predicted_kinds: Counter[str] = Counter()
    gold_kinds: Counter[str] = Counter()
    regions: Counter[str] = Counter()
    regions_gold: Counter[str] = Counter()
    on_negatives: list[str] = []
    omitted: dict[str, list[dict[str, Any]]] = {}
    for o in json.loads(OMISSIONS.read_text("utf-8")):
        omitted.setdefault(o["file"], []).append({**o, "kind": "stub"})
    for entry in json.loads((root / "gold.json").read_text("utf-8")):
        entry = {**entry, "posts": entry["posts"] + omitted.get(entry["file"], [])}
        page = gzip.decompress((root / entry["file"]).read_bytes())
        everything = [c.to_dict() for c in extract_html(page, source=entry["file"], regions=None)]
        predicted = [p for p in everything if p["region"] == "main"]
        regions.update(p["region"] for p in everything)
        for p in everything:
            if any(same_post(p, g) for g in entry["posts"]):
                regions_gold[p["region"]] += 1
        predicted_kinds.update(p["kind"] for p in predicted)
        if not entry["posts"]:
            on_negatives += [f"{entry['file']}: {p['platform']} {p['post_id']}" for p in predicted]
        unpaired = list(predicted)
        for gold in entry["posts"]:
            gold_kinds[gold["kind"]] += 1
            hit = next((p for p in unpaired if same_post(p, gold)), None)
            if hit is None:
                fn[gold["platform"]] += 1
                continue
            unpaired.remove(hit)
            tp[gold["platform"]] += 1
            kinds[gold["kind"]] += 1
            kinds_ok[gold["kind"]] += hit["kind"] == gold["kind"]
        for p in unpaired:
            fp[p["platform"]] += 1
    return {
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "kinds": kinds,
        "ok": kinds_ok,
        "predicted_kinds": predicted_kinds,
        "gold_kinds": gold_kinds,
        "neg": on_negatives,
        "regions": regions,
        "regions_gold": regions_gold,
    }


@pytest.fixture(scope="module")
def scored(shared: Path) -> dict[str, Any]:
    root = shared / "corpus" / "html"
    if not (root / "gold.json").is_file():
        pytest.skip("../shared/corpus/html/gold.json is absent")
    return score(root)


def test_identity_f1_overall(scored: dict[str, Any]) -> None:
    tp, fp, fn = (sum(scored[k].values()) for k in ("tp", "fp", "fn"))
    assert f1(tp, fp, fn) >= MIN_F1, (tp, fp, fn)


def test_identity_f1_per_platform(scored: dict[str, Any]) -> None:
    tp, fp, fn = scored["tp"], scored["fp"], scored["fn"]
    for platform in set(tp) | set(fn):
        if tp[platform] + fn[platform] >= 3:
            assert f1(tp[platform], fp[platform], fn[platform]) >= MIN_F1, platform


def test_no_posts_on_negative_pages(scored: dict[str, Any]) -> None:
    assert scored["neg"] == []


def test_kind_rate(scored: dict[str, Any]) -> None:
    assert sum(scored["ok"].values()) >= MIN_KIND_RATE * sum(scored["kinds"].values())


def main() -> None:
    """Print the figures: ``python tests/test_html_corpus.py``."""
    root = SHARED / "corpus" / "html"
    if not (root / "gold.json").is_file():
        print(f"{root} is absent: nothing to score")
        return
    s = score(root)
    tp, fp, fn = s["tp"], s["fp"], s["fn"]
    print(f"{'platform':10} {'gold':>5} {'found':>6} {'F1':>6}")
    for platform in sorted(set(tp) | set(fp) | set(fn)):
        gold, found = tp[platform] + fn[platform], tp[platform] + fp[platform]
        print(
            f"{platform:10} {gold:5} {found:6} {f1(tp[platform], fp[platform], fn[platform]):6.3f}"
        )
    total = [sum(s[k].values()) for k in ("tp", "fp", "fn")]
    print(f"{'all':10} {total[0] + total[2]:5} {total[0] + total[1]:6} {f1(*total):6.3f}")
    print(f"{'kind':10} {'gold':>5} {'found':>6} {'right':>6} {'F1':>6}")
    for kind in sorted(s["gold_kinds"] | s["predicted_kinds"]):
        right = s["ok"][kind]
        gold, found = s["gold_kinds"][kind], s["predicted_kinds"][kind]
        print(
            f"{kind:10} {gold:5} {found:6} {right:6} {f1(right, found - right, gold - right):6.3f}"
        )
    print(f"kind right on {sum(s['ok'].values())}/{sum(s['kinds'].values())} paired posts")
    print(f"posts on negative pages: {len(s['neg'])}")
    print(f"{'region':10} {'found':>6} {'gold':>5}  (found: every region; gold: of them cited)")
    for region in sorted(s["regions"]):
        print(f"{region:10} {s['regions'][region]:6} {s['regions_gold'][region]:5}")


def test_no_gold_post_outside_the_article(scored: dict[str, Any]) -> None:
    """The gold lists posts the article cites: none may sit in a region the default drops."""
    assert {r for r, n in scored["regions_gold"].items() if n} == {"main"}


if __name__ == "__main__":
    main()
