"""Fuzz the readers with mutated documents: crashes, dishonest spans, super-linear time.

    python benchmarks/fuzz.py [--documents 100000] [--seed 1] [--steps 4] [--show 10]

Seeds are the project's own fixtures (tests/fixtures: HTML, text, Markdown), plus the real
pages and texts of ../shared when present. Each document is a seed damaged ``--steps`` times
by ``tests/hostile.py``'s mutator (tags deleted, duplicated, cut short; quotes and ``>``
dropped; elements left open; truncated; pieces repeated) and read by ``mediacite.extract``
with every region. Printed: documents, citations, exceptions (anything but a clear
``InputError``), citations whose span is empty or misses its post id, handle or (text) date,
the median and worst CPU time per KiB and their ratio, and the shapes of the slowest and
failing documents.
"""

from __future__ import annotations

import argparse
import gzip
import random
import statistics
import sys
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import mediacite
from hostile import mutate, seeds, span_problems

SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpus"
MIN_KIB = 1.0
"""Documents are timed per KiB of at least this much (tiny documents cost their call)."""


def shared_seeds() -> list[tuple[str, str]]:
    """Real pages and texts of ../shared (empty when it is absent)."""
    found: list[tuple[str, str]] = []
    for path in sorted((SHARED / "html").rglob("*.html.gz")):
        found.append(("html", gzip.decompress(path.read_bytes()).decode("utf-8", "replace")))
    for path in sorted((SHARED / "realworld" / "text").glob("*.txt")):
        found.append(("text", path.read_text("utf-8", "replace")))
    for path in sorted((SHARED / "realworld" / "markdown").glob("*.md")):
        found.append(("markdown", path.read_text("utf-8", "replace")))
    return found


def shape(doc: str) -> str:
    """A short description of a document: size, lines, and its most repeated pieces."""
    lines = doc.count("\n") + 1
    counts = {p: doc.count(p) for p in ("<a ", '"', "'", "<!--", "<blockquote", "<div", "<script")}
    common = ", ".join(f"{p!r}x{n}" for p, n in sorted(counts.items(), key=lambda x: -x[1])[:3])
    return f"{len(doc) / 1024:.1f} KiB, {lines} lines, {common}"


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--steps", type=int, default=4, help="mutations per document")
    parser.add_argument("--show", type=int, default=10, help="slowest and failing documents shown")
    parser.add_argument("--no-shared", action="store_true", help="only the project's fixtures")
    args = parser.parse_args()
    pool = [(kind, doc) for kind in ("html", "text", "markdown") for doc in seeds(kind)]
    if not args.no_shared:
        pool += shared_seeds()
    rng = random.Random(args.seed)
    kinds = {"html": "html", "text": "text", "markdown": "markdown"}
    per_kib: list[tuple[float, int, str]] = []
    citations = exceptions = 0
    outside = dict.fromkeys(kinds, 0)
    cited = dict.fromkeys(kinds, 0)
    failures: list[str] = []
    for kind, seed in pool[:: max(1, len(pool) // 20)]:
        mediacite.extract(seed, input=kind, regions=None)  # type: ignore[arg-type]
    started = time.monotonic()
    for number in range(args.documents):
        kind, seed = rng.choice(pool)
        doc = mutate(seed, rng, rng.randint(1, args.steps))
        begin = time.process_time()
        try:
            found = list(mediacite.extract(doc, input=kinds[kind], regions=None))  # type: ignore[arg-type]
        except mediacite.InputError:
            found = []
        except Exception:
            exceptions += 1
            failures.append(f"#{number} {kind} {shape(doc)}: {traceback.format_exc(limit=3)}")
            continue
        took = time.process_time() - begin
        per_kib.append((took / max(MIN_KIB, len(doc) / 1024), number, f"{kind} {shape(doc)}"))
        citations += len(found)
        cited[kind] += len(found)
        problems = span_problems(doc, found, markup=kind == "html")
        outside[kind] += len(problems)
        failures.extend(f"#{number} {kind}: {p}" for p in problems[:2] if kind == "html")
        failures.extend(f"#{number} {kind}: {p}" for p in problems[:1] if kind != "html")
        if number % 10_000 == 9_999:
            print(f"  {number + 1} documents, {time.monotonic() - started:.0f} s", file=sys.stderr)
    median = statistics.median(t for t, _, _ in per_kib)
    worst = max(per_kib)
    over = sum(1 for t, _, _ in per_kib if t > 10 * median)
    print(f"documents {args.documents}  citations {citations}  exceptions {exceptions}")
    print(
        "citations with a span missing its anchors or empty: "
        + ", ".join(f"{k} {outside[k]} of {cited[k]}" for k in kinds)
    )
    print(
        f"CPU per KiB: median {median * 1e3:.3f} ms, worst {worst[0] * 1e3:.3f} ms "
        f"({worst[0] / median:.0f}x the median); over 10x the median: {over}"
    )
    print("slowest documents (ms per KiB):")
    for t, number, what in sorted(per_kib, reverse=True)[: args.show]:
        print(f"  #{number} {t * 1e3:8.3f}  {what}")
    for line in failures[: args.show]:
        print("  " + line.rstrip())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
