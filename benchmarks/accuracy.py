"""Extraction accuracy against the gold labels in ../shared: one command, per file and overall.

    python benchmarks/accuracy.py [--sets seeds,text,variants,html,realworld-text] [--verbose]

Prints precision, recall and F1 on post identity, the rate of exact post text, the kind rate,
and false positives on negative pages. With ``--verbose``: per file, the misses, extras and
wrong post texts, and for ``realworld-text`` the same broken down by flattening form (the
``variants`` tags of its gold file).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scoring import (
    MEDIA_BLIND,
    Score,
    by_variant,
    gold_sets,
    realworld_tags,
    score_files,
    shared_available,
)


def _summary(name: str, score: Score) -> str:
    return (
        f"{name:14} gold {score.gold:4} pred {score.predicted:4} match {score.matched:4}  "
        f"P {score.precision:.3f} R {score.recall:.3f} F1 {score.f1:.3f}  "
        f"text {score.text_rate:.3f} ({score.text_ok}/{score.text_total})  "
        f"kind {score.kind_rate:.3f}  FP-on-negatives {score.false_positives_on_negatives}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sets", default="seeds,text,variants,html,realworld-text")
    parser.add_argument("--verbose", "-v", action="store_true")
    args = parser.parse_args()
    if not shared_available():
        print("../shared is absent: nothing to score")
        return 0
    sets = gold_sets()
    for name in args.sets.split(","):
        if name not in sets:
            print(f"{name}: no such set here (known: {', '.join(sets)})")
            continue
        scored = score_files(sets[name], media=name not in MEDIA_BLIND)
        score = Score()
        for _, s in scored:
            score.add(s)
        print(_summary(name, score))
        if not args.verbose:
            continue
        for path, s in scored:
            print(
                f"  {path.name}: gold {s.gold} pred {s.predicted} match {s.matched} "
                f"text {s.text_ok}/{s.text_total}"
            )
        for miss in score.misses:
            print("   miss ", miss)
        for extra in score.extras:
            print("   extra", extra)
        for text in score.text_misses:
            print("   text ", text)
        if name == "realworld-text":
            print("  by form (variants tag):")
            for tag, s in by_variant(scored, realworld_tags()).items():
                line = f"    {tag:24} gold {s.gold:3} match {s.matched:3} text {s.text_ok}/{s.text_total}"
                wrong = len(s.misses) + len(s.extras)
                print(line + (f"  misses {len(s.misses)} extras {len(s.extras)}" if wrong else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
