"""Extraction accuracy against the gold labels in ../shared: one command, per file and overall.

    python benchmarks/accuracy.py [--sets seeds,text,variants,html,markdown] [--verbose]

Prints precision, recall and F1 on post identity, the rate of exact post text, the kind rate,
and false positives on negative pages; with --verbose also per file, per kind, misses and
extras. The markdown set (../shared/corpus/realworld/markdown) is scored when asked for.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scoring import gold_sets, score_set, shared_available


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sets", default=None, help="comma-separated (default: every set found)")
    parser.add_argument("--verbose", "-v", action="store_true")
    args = parser.parse_args()
    if not shared_available():
        print("../shared is absent: nothing to score")
        return 0
    sets = gold_sets()
    for name in args.sets.split(",") if args.sets else list(sets):
        score, lines = score_set(sets[name])
        print(
            f"{name:9} gold {score.gold:4} pred {score.predicted:4} match {score.matched:4}  "
            f"P {score.precision:.3f} R {score.recall:.3f} F1 {score.f1:.3f}  "
            f"text {score.text_rate:.3f} ({score.text_ok}/{score.text_total})  "
            f"kind {score.kind_rate:.3f}  FP-on-negatives {score.false_positives_on_negatives}"
        )
        if args.verbose:
            print("\n".join(lines))
            print("\n".join(score.kind_lines()))
            for miss in score.misses:
                print("   miss ", miss)
            for extra in score.extras:
                print("   extra", extra)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
