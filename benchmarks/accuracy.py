"""Extraction accuracy against the gold labels in ../shared: one command, per file and overall.

    python benchmarks/accuracy.py [--sets seeds,text,variants,html,realworld-text,markdown,mentions] [-v]

Prints precision, recall and F1 on post identity, the rate of exact post text, the kind rate,
and false positives on negative pages. Every set found is scored unless ``--sets`` names some.
For the HTML set a second line, ``html+omit``, counts the posts of ``gold_omissions.json``
(embeds kept as page data that the gold leaves out) as gold. With ``--verbose`` also each
file, the posts by kind, F1 by platform and by region (``scoring.breakdown``), the misses,
extras and wrong post texts, and for ``realworld-text`` the same broken down by flattening
form (the ``variants`` tags of its gold file).

The ``mentions`` set scores prose mentions of posts (the hand labels of realworld/mentions):
precision, recall, F1 and the rate of right ``sourced`` decisions, overall and by language,
platform and cue kind (``--verbose``: the misses, extras and wrong ``sourced``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scoring import (
    MEDIA_BLIND,
    MENTIONS,
    MentionScore,
    Score,
    breakdown,
    by_variant,
    gold_sets,
    realworld_tags,
    score_files,
    score_mentions,
    shared_available,
    with_omissions,
)


def _summary(name: str, score: Score) -> str:
    return (
        f"{name:14} gold {score.gold:4} pred {score.predicted:4} match {score.matched:4}  "
        f"P {score.precision:.3f} R {score.recall:.3f} F1 {score.f1:.3f}  "
        f"text {score.text_rate:.3f} ({score.text_ok}/{score.text_total})  "
        f"kind {score.kind_rate:.3f}  FP-on-negatives {score.false_positives_on_negatives}"
    )


def report(name: str, entries: list[tuple[Path, list[dict[str, Any]]]], *, verbose: bool) -> None:
    """Print one set's figures (and, verbose, each file, the breakdowns and the misses)."""
    scored = score_files(entries, media=name not in MEDIA_BLIND)
    score = Score()
    for _, s in scored:
        score.add(s)
    print(_summary(name, score))
    if not verbose:
        return
    for path, s in scored:
        print(
            f"  {path.parent.name}/{path.name}: gold {s.gold} pred {s.predicted} "
            f"match {s.matched} text {s.text_ok}/{s.text_total}"
        )
    print("\n".join(score.kind_lines()))
    print("\n".join(breakdown(entries)))
    for miss in score.misses:
        print("   miss ", miss)
    for extra in score.extras:
        print("   extra", extra)
    for text in score.text_misses:
        print("   text ", text)
    if name == "realworld-text":
        print("  by form (variants tag):")
        for tag, s in by_variant(scored, realworld_tags()).items():
            line = (
                f"    {tag:24} gold {s.gold:3} match {s.matched:3} text {s.text_ok}/{s.text_total}"
            )
            wrong = len(s.misses) + len(s.extras)
            print(line + (f"  misses {len(s.misses)} extras {len(s.extras)}" if wrong else ""))


def report_mentions(score: MentionScore, *, verbose: bool) -> None:
    """Print the prose-mention figures: overall, then by language, platform and cue kind."""
    t = score.total
    print(
        f"{'mentions':14} gold {t.gold:4} pred {t.predicted:4} match {t.matched_gold:4}  "
        f"P {t.precision:.3f} R {t.recall:.3f} F1 {t.f1:.3f}  "
        f"sourced {t.sourced:.3f} ({t.sourced_ok}/{t.matched_gold})"
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
    parser.add_argument("--sets", default=None, help="comma-separated (default: every set found)")
    parser.add_argument("--verbose", "-v", action="store_true")
    args = parser.parse_args()
    if not shared_available():
        print("../shared is absent: nothing to score")
        return 0
    sets = gold_sets()
    names = list(sets) + (["mentions"] if MENTIONS.is_file() else [])
    for name in args.sets.split(",") if args.sets else names:
        if name == "mentions" and MENTIONS.is_file():
            report_mentions(score_mentions(), verbose=args.verbose)
            continue
        if name not in sets:
            print(f"{name}: no such set here (known: {', '.join(sets)})")
            continue
        report(name, sets[name], verbose=args.verbose)
        if name == "html":
            report("html+omit", with_omissions(sets[name]), verbose=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
