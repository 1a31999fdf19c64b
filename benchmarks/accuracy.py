"""Extraction accuracy against the gold labels in ../shared: one command, per file and overall.

    python benchmarks/accuracy.py [--sets seeds,text,variants,html,mentions] [--verbose]

For citations: precision, recall and F1 on post identity, the rate of exact post text, the
kind rate, and false positives on negative pages. For prose mentions (``mentions``, the
hand labels of realworld/mentions): precision, recall, F1 and the rate of right ``sourced``
decisions, overall and by language, platform and cue kind; ``sourced`` is also given with the
hand-labelled posts that citation extraction missed added back (a diagnostic).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scoring import MentionScore, gold_sets, score_mentions, score_set, shared_available


def _print_mentions(score: MentionScore, oracle: MentionScore, verbose: bool) -> None:
    t = score.total
    print(
        f"mentions  gold {t.gold:4} pred {t.predicted:4} match {t.matched_gold:4}  "
        f"P {t.precision:.3f} R {t.recall:.3f} F1 {t.f1:.3f}  "
        f"sourced {t.sourced:.3f} ({t.sourced_ok}/{t.matched_gold}); "
        f"with missed posts added {oracle.total.sourced:.3f}"
    )
    for axis in ("lang", "platform", "cue"):
        for key, v in sorted(score.by.get(axis, {}).items()):
            print(
                f"  {axis:8} {key:16} gold {v.gold:4} pred {v.predicted:4}  "
                f"P {v.precision:.3f} R {v.recall:.3f} sourced {v.sourced:.3f}"
            )
    if verbose:
        for miss in score.misses:
            print("   miss ", miss)
        for extra in score.extras:
            print("   extra", extra)
        for wrong in score.wrong_sourced:
            print("   sourced", wrong)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sets", default="seeds,text,variants,html,mentions")
    parser.add_argument("--verbose", "-v", action="store_true")
    args = parser.parse_args()
    if not shared_available():
        print("../shared is absent: nothing to score")
        return 0
    sets = gold_sets()
    for name in args.sets.split(","):
        if name == "mentions":
            _print_mentions(score_mentions(), score_mentions(gold_posts=True), args.verbose)
            continue
        score, lines = score_set(sets[name])
        print(
            f"{name:9} gold {score.gold:4} pred {score.predicted:4} match {score.matched:4}  "
            f"P {score.precision:.3f} R {score.recall:.3f} F1 {score.f1:.3f}  "
            f"text {score.text_rate:.3f} ({score.text_ok}/{score.text_total})  "
            f"kind {score.kind_rate:.3f}  FP-on-negatives {score.false_positives_on_negatives}"
        )
        if args.verbose:
            print("\n".join(lines))
            for miss in score.misses:
                print("   miss ", miss)
            for extra in score.extras:
                print("   extra", extra)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
