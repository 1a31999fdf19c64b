"""How often, how fast and from where the article date of real pages is found.

Runs :func:`mediacite.extract.pageinfo.page_info` over every page of ``../shared/corpus/html``
(or the folder given) and prints, per page, the date and its source; then the coverage per
source and the time per page. With ``--htmldate`` (needs ``pip install htmldate``) it also runs
htmldate's ``find_date`` on the same pages and lists every page where the two disagree, for a
person to judge.

    python benchmarks/page_dates.py [FOLDER] [--htmldate]
"""

from __future__ import annotations

import argparse
import gzip
import time
from collections import Counter
from pathlib import Path

from mediacite.extract.decode import decode_html
from mediacite.extract.pageinfo import HEAD_CHARS, page_info

SHARED_HTML = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "html"


def pages(folder: Path) -> list[tuple[str, str]]:
    found = []
    for path in sorted(folder.rglob("*.htm*")):
        data = path.read_bytes()
        if path.suffix == ".gz":
            data = gzip.decompress(data)
        found.append((str(path.relative_to(folder)), decode_html(data)))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=SHARED_HTML)
    parser.add_argument("--htmldate", action="store_true", help="compare with htmldate")
    args = parser.parse_args()
    corpus = pages(args.folder)
    ours: dict[str, str | None] = {}
    sources: Counter[str] = Counter()
    started = time.perf_counter()
    for name, html in corpus:
        info = page_info(html[:HEAD_CHARS], html=True)
        ours[name] = info.date.date if info.date else None
        sources[info.date.source if info.date else "none"] += 1
    ours_ms = (time.perf_counter() - started) * 1000 / len(corpus)
    for name, _ in corpus:
        print(f"{name}\t{ours[name]}")
    found = sum(1 for d in ours.values() if d)
    print(f"mediacite: {found}/{len(corpus)} pages dated, {ours_ms:.2f} ms/page; {dict(sources)}")
    if not args.htmldate:
        return
    from htmldate import find_date

    theirs: dict[str, str | None] = {}
    started = time.perf_counter()
    for name, html in corpus:
        theirs[name] = find_date(html, original_date=True, extensive_search=True)
    their_ms = (time.perf_counter() - started) * 1000 / len(corpus)
    agree = sum(1 for name in ours if ours[name] == theirs[name])
    print(
        f"htmldate: {sum(1 for d in theirs.values() if d)}/{len(corpus)} pages dated, "
        f"{their_ms:.2f} ms/page; same answer on {agree}/{len(corpus)}"
    )
    for name in ours:
        if ours[name] != theirs[name]:
            print(f"  differ: {name}\tmediacite={ours[name]}\thtmldate={theirs[name]}")


if __name__ == "__main__":
    main()
