"""The cost of reading page data: one page whose ``window.__INITIAL_STATE__`` is a large blob.

    python benchmarks/state_blob.py [--megabytes 20] [--repeat 3]

Builds a page whose state holds ``--megabytes`` of feed items (thousands with share links to
a platform, one with an embed in the middle) and prints the fastest of ``--repeat`` runs of
``extract_html`` with the data scan (:mod:`mediacite.extract.embeddata`) and without it.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from hostile import state_page
from mediacite.extract import html as html_reader


def fastest(page: str, repeat: int) -> tuple[float, int]:
    best, found = float("inf"), 0
    for _ in range(repeat):
        start = time.perf_counter()
        found = len(html_reader.extract_html(page))
        best = min(best, time.perf_counter() - start)
    return best, found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--megabytes", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    page = state_page(args.megabytes)
    with_scan, found = fastest(page, args.repeat)
    with mock.patch.object(html_reader, "find_held", lambda doc: iter(())):
        without, _ = fastest(page, args.repeat)
    print(f"page {len(page) / (1 << 20):.1f} MiB, {found} citation(s)")
    print(f"extract_html with the data scan    {with_scan * 1000:7.0f} ms")
    print(f"extract_html without the data scan {without * 1000:7.0f} ms")
    print(f"data scan                          {(with_scan - without) * 1000:7.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
