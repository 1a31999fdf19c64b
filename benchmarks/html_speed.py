"""Per-page speed and recall of mediacite's HTML extraction against tweetfinder, in one run.

    python benchmarks/html_speed.py [--repeat 3] [--cache DIR]

Reads the real pages in ../shared/corpus/html (gzip files) and their labels in gold.json;
exits quietly when ../shared is absent. tweetfinder (dataculturegroup/Tweet-Finder) is the
baseline, never a dependency: the script installs it with pip into a virtual environment of
its own under the cache directory (``$XDG_CACHE_HOME/mediacite-bench`` by default) and runs it
in a subprocess over the same decoded pages.

Each tool gets one warm-up pass; then every page is timed ``--repeat`` times and its fastest
time is kept (start-up and imports are not counted for either tool). Printed: the mean and
median time per page of each tool (for mediacite also of the extraction core, without the
article-date context that the public ``extract_html`` adds), their ratio, and each tool's recall of the gold posts
(overall and for Twitter, the only platform tweetfinder knows), matching a found post to a
gold post by platform and post id.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import subprocess
import sys
import time
import venv
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "html"

BASELINE_SCRIPT = r"""
import gzip, json, sys, time
from tweetfinder import Article
paths, repeat = json.loads(sys.stdin.read())
pages = [gzip.decompress(open(p, "rb").read()).decode("utf-8", "replace") for p in paths]

def run(html):
    try:
        return [str(t.get("tweet_id")) for t in Article(html=html).list_embedded_tweets()]
    except Exception as exc:
        return "error: %s" % exc

run(pages[0])
out = []
for html in pages:
    best, found = None, None
    for _ in range(repeat):
        start = time.perf_counter()
        found = run(html)
        took = time.perf_counter() - start
        best = took if best is None else min(best, took)
    out.append({"seconds": best, "ids": found if isinstance(found, list) else [], "error": None if isinstance(found, list) else found})
print(json.dumps(out))
"""


def cache_dir(given: str | None) -> Path:
    if given:
        return Path(given)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "mediacite-bench"


def baseline_python(cache: Path) -> Path:
    """The interpreter of a virtual environment holding tweetfinder (created on first use)."""
    env = cache / "tweetfinder-venv"
    python = env / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    probe = [str(python), "-c", "import tweetfinder"]
    if python.exists() and subprocess.run(probe, capture_output=True).returncode == 0:
        return python
    print(f"installing tweetfinder into {env} …", file=sys.stderr)
    venv.create(env, with_pip=True, clear=True)
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "tweetfinder"], check=True)
    return python


def run_baseline(python: Path, paths: list[Path], repeat: int) -> list[dict[str, Any]]:
    done = subprocess.run(
        [str(python), "-c", BASELINE_SCRIPT],
        input=json.dumps([[str(p) for p in paths], repeat]),
        capture_output=True,
        text=True,
        check=True,
    )
    result: list[dict[str, Any]] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def run_mediacite(pages: list[bytes], repeat: int, *, core: bool) -> list[dict[str, Any]]:
    """Time ``mediacite.extract_html`` (``core``: the extraction without the article-date
    context that the public function adds)."""
    if core:
        from mediacite.extract.html import extract_html
    else:
        from mediacite import extract_html

    for page in pages:
        extract_html(page)
    out = []
    for page in pages:
        best = float("inf")
        found: list[tuple[str, str]] = []
        for _ in range(repeat):
            start = time.perf_counter()
            citations = extract_html(page)
            best = min(best, time.perf_counter() - start)
            found = [(c.platform, c.post_id or "") for c in citations]
        out.append({"seconds": best, "posts": found})
    return out


def recall(
    gold: list[list[dict[str, Any]]], found: list[set[tuple[str, str]]], only: str | None
) -> float:
    total = hit = 0
    for posts, seen in zip(gold, found, strict=True):
        for post in posts:
            if only and post["platform"] != only:
                continue
            total += 1
            hit += (post["platform"], str(post["post_id"])) in seen
    return hit / total if total else 1.0


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per page (fastest kept)")
    parser.add_argument("--cache", help="where the tweetfinder environment lives")
    args = parser.parse_args()
    gold_file = CORPUS / "gold.json"
    if not gold_file.is_file():
        print(f"{CORPUS} is absent: nothing to measure")
        return 0
    entries = json.loads(gold_file.read_text("utf-8"))
    paths = [CORPUS / e["file"] for e in entries]
    gold = [e["posts"] for e in entries]
    pages = [gzip.decompress(p.read_bytes()) for p in paths]

    ours = run_mediacite(pages, args.repeat, core=False)
    core = run_mediacite(pages, args.repeat, core=True)
    theirs = run_baseline(baseline_python(cache_dir(args.cache)), paths, args.repeat)

    our_times = [r["seconds"] * 1000 for r in ours]
    core_times = [r["seconds"] * 1000 for r in core]
    their_times = [r["seconds"] * 1000 for r in theirs]
    our_found = [set(r["posts"]) for r in ours]
    their_found = [{("twitter", i) for i in r["ids"]} for r in theirs]
    errors = sum(1 for r in theirs if r["error"])

    size = sum(map(len, pages)) / len(pages) / 1024
    print(f"{len(pages)} pages, {size:.0f} KiB on average, fastest of {args.repeat} runs each")
    for name, times, found in (
        ("mediacite", our_times, our_found),
        ("  core", core_times, [set(r["posts"]) for r in core]),
        ("tweetfinder", their_times, their_found),
    ):
        print(
            f"{name:12} mean {statistics.mean(times):7.2f} ms/page  "
            f"median {statistics.median(times):7.2f} ms/page  "
            f"recall {recall(gold, found, None):.3f} (twitter {recall(gold, found, 'twitter'):.3f})"
        )
    if errors:
        print(f"tweetfinder raised on {errors} page(s) (counted as finding nothing)")
    mean_ratio = statistics.mean(their_times) / statistics.mean(our_times)
    median_ratio = statistics.median(their_times) / statistics.median(our_times)
    print(
        f"speed ratio (tweetfinder / mediacite): mean {mean_ratio:.1f}x  median {median_ratio:.1f}x"
    )
    core_ratio = statistics.mean(their_times) / statistics.mean(core_times)
    core_median = statistics.median(their_times) / statistics.median(core_times)
    print(
        f"speed ratio (tweetfinder / core):      mean {core_ratio:.1f}x  median {core_median:.1f}x"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
