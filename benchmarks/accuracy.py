"""Extraction accuracy against the gold labels in ../shared: one command, per file and overall.

    python benchmarks/accuracy.py [--sets seeds,text,variants,html,markdown] [--verbose]

Prints precision, recall and F1 on post identity, the rate of exact post text, the kind rate,
and false positives on negative pages. For the HTML set a second line, ``html+omit``, counts
the posts of ``gold_omissions.json`` (embeds kept as page data that the gold leaves out) as
gold. With ``--verbose`` also each file, the posts by kind, F1 by platform and F1 by region
(see ``scoring.breakdown``), and the misses and extras. Every set found is scored unless
``--sets`` names some.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scoring import breakdown, gold_sets, score_set, shared_available, with_omissions


def report(name: str, entries: list[tuple[Path, list[dict[str, Any]]]], *, verbose: bool) -> None:
    """Print one set's figures (and, verbose, each file, the breakdown and the misses)."""
    score, lines = score_set(entries)
    print(
        f"{name:9} gold {score.gold:4} pred {score.predicted:4} match {score.matched:4}  "
        f"P {score.precision:.3f} R {score.recall:.3f} F1 {score.f1:.3f}  "
        f"text {score.text_rate:.3f} ({score.text_ok}/{score.text_total})  "
        f"kind {score.kind_rate:.3f}  FP-on-negatives {score.false_positives_on_negatives}"
    )
    if verbose:
        print("\n".join(lines))
        print("\n".join(score.kind_lines()))
        print("\n".join(breakdown(entries)))
        for miss in score.misses:
            print("   miss ", miss)
        for extra in score.extras:
            print("   extra", extra)


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
        report(name, sets[name], verbose=args.verbose)
        if name == "html":
            report("html+omit", with_omissions(sets[name]), verbose=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
