"""Corpus throughput and the ``--jobs`` speed-up: WARC.gz and JSONL crawls, and one large text file.

    python benchmarks/corpus_speed.py [--mb 400] [--text-mb 200] [--formats warc,jsonl,text]
                                      [--repeat 3]

The corpora are written once to ``benchmarks/.data/``: HTML news pages with twitter embeds and
flattened citations at about one per 5 KB (some pages with none) as a WARC.gz and as a JSONL
dump of ``--mb`` MB, and a ``--text-mb`` MB text file of flattened citations
(``text_speed.generate``). For each corpus and job count the script runs
``mediacite extract --format jsonl`` (output to a file) and prints documents/s, MB/s, the
peak RSS of the largest single process of each run (the main process or a worker) and of the
whole process tree (all processes added up at one time), both polled with psutil; then the
speed-up of two jobs over one, measured in the same run:

* by wall time, which is what a user sees on a machine whose cores are free (on a shared
  machine a neighbour's load takes cores away from the two-job run and lowers it);
* by CPU time: one job's CPU time over the two-job run's critical path on two free cores —
  the largest of half its CPU time (main process and workers together), the main process's
  and the busiest worker's — which counts the work that splitting adds and an unbalanced
  split, but not a neighbour's load.

Each job count runs ``--repeat`` times; the fastest wall time and the smallest critical path
are kept, and the largest peak RSS. Target: 1.85x at least on the JSONL dump and on the text
file.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

sys.path.insert(0, str(Path(__file__).resolve().parent))

from text_speed import _citation, _paragraph
from text_speed import generate as generate_text

DATA = Path(__file__).resolve().parent / ".data"

EMBED = (
    '<blockquote class="twitter-tweet" data-lang="en"><p lang="en" dir="ltr">{text} '
    '<a href="https://t.co/{code}">pic.twitter.com/{code}</a></p>&mdash; {name} (@{handle}) '
    '<a href="https://twitter.com/{handle}/status/{id}?ref_src=twsrc%5Etfw">March 14, 2024</a>'
    "</blockquote>"
)


def _page(rng: random.Random, n: int) -> tuple[str, str, str]:
    paragraphs = [f"<p>{_paragraph(rng)}</p>" for _ in range(rng.randint(6, 14))]
    if rng.random() < 0.8:
        paragraphs.insert(
            rng.randrange(len(paragraphs)),
            EMBED.format(
                text=_paragraph(rng)[:200],
                code="".join(rng.choices("abcdefghijkLMNOPQ0123456789", k=10)),
                name="Eastport Transport",
                handle="EastportTransit",
                id=rng.randrange(10**18, 2 * 10**18),
            ),
        )
    if rng.random() < 0.5:
        paragraphs.insert(rng.randrange(len(paragraphs)), f"<p>{_citation(rng)}</p>")
    date = f"2024-03-{rng.randint(1, 28):02d}"
    html = (
        f'<!doctype html><html><head><meta property="article:published_time" content="{date}">'
        f"<title>Story {n}</title></head><body><article>{''.join(paragraphs)}</article>"
        "</body></html>"
    )
    return f"https://news.example/{date}/story-{n}", date, html


def generate(megabytes: int, seed: int = 11) -> tuple[Path, Path]:
    DATA.mkdir(exist_ok=True)
    warc, jsonl = DATA / f"corpus-{megabytes}mb.warc.gz", DATA / f"corpus-{megabytes}mb.jsonl"
    if warc.exists() and jsonl.exists():
        return warc, jsonl
    rng = random.Random(seed)
    target, written, n = megabytes * 1_000_000, 0, 0
    with open(warc.with_suffix(".tmp"), "wb") as w, open(jsonl.with_suffix(".tmp"), "w") as j:
        writer = WARCWriter(w, gzip=True)
        while written < target:
            n += 1
            uri, date, html = _page(rng, n)
            body = html.encode("utf-8")
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            writer.write_record(
                writer.create_warc_record(
                    uri,
                    "response",
                    payload=io.BytesIO(body),
                    http_headers=headers,
                    warc_headers_dict={"WARC-Date": f"{date}T12:00:00Z"},
                )
            )
            j.write(json.dumps({"url": uri, "date": date, "html": html}) + "\n")
            written += len(body)
    warc.with_suffix(".tmp").replace(warc)
    jsonl.with_suffix(".tmp").replace(jsonl)
    return warc, jsonl


def _run(path: Path, jobs: int) -> tuple[float, int, int, float, float, float, float, float]:
    """Run one extraction; return seconds, documents, citations, the peak RSS (MB) of the
    largest single process of the run and that of the whole tree (polled every 0.1 s), the
    CPU seconds of the main process (polled) and of the workers (the rest of the run's CPU
    time, from getrusage: the main process waits for its workers), and those of the busiest
    worker (polled)."""
    import psutil

    command = [sys.executable, "-m", "mediacite", "extract", "--format", "jsonl"]
    main_cpu = 0.0
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen([*command, "--jobs", str(jobs), str(path)], stdout=out, stderr=err)
        root = psutil.Process(proc.pid)
        peak = total = 0
        workers: dict[int, float] = {}
        while proc.poll() is None:
            try:
                tree = [root, *root.children(recursive=True)]
                sizes = [p.memory_info().rss for p in tree]
                peak, total = max([peak, *sizes]), max(total, sum(sizes))
                own = root.cpu_times()
                main_cpu = own.user + own.system
                for child in tree[1:]:
                    times = child.cpu_times()
                    workers[child.pid] = times.user + times.system
            except psutil.Error:
                pass
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=0.1)  # returns when the run ends: its end is timed exactly
        seconds = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if proc.returncode != 0:
            raise SystemExit(f"mediacite failed with exit code {proc.returncode}")
        used = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        out.seek(0)
        citations = sum(chunk.count(b"\n") for chunk in iter(lambda: out.read(1 << 20), b""))
        err.seek(0)
        summary = err.read().decode().strip().splitlines()[-1]
    documents = int(summary.split(":")[1].split()[0])
    main_cpu = min(main_cpu, used)
    busiest = max(workers.values(), default=0.0)
    return (
        seconds, documents, citations, peak / 2**20, total / 2**20, main_cpu, used - main_cpu,
        busiest,
    )  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mb", type=int, default=400, help="size of the WARC and JSONL crawls")
    parser.add_argument("--text-mb", type=int, default=200, help="size of the text file")
    parser.add_argument("--formats", default="warc,jsonl,text")
    parser.add_argument("--repeat", type=int, default=3, help="runs per job count (best kept)")
    args = parser.parse_args()
    print(f"generating / reusing the corpora in {DATA} …", flush=True)
    paths = {}
    wanted = args.formats.split(",")
    if "warc" in wanted or "jsonl" in wanted:
        paths["warc"], paths["jsonl"] = generate(args.mb)
    if "text" in wanted:
        text = DATA / f"corpus-{args.text_mb}mb.txt"
        if not text.exists():
            generate_text(text, args.text_mb)
        paths["text"] = text
    for name in wanted:
        path = paths[name]
        size_mb = path.stat().st_size / 1e6 if name == "text" else args.mb
        wall: dict[int, float] = {}
        cpu: dict[int, float] = {}
        for jobs in (1, 2):
            runs = [_run(path, jobs) for _ in range(args.repeat)]
            seconds, docs, cites, _, _, main_cpu, workers_cpu, _ = min(runs)
            peak, total = max(r[3] for r in runs), max(r[4] for r in runs)
            wall[jobs] = seconds
            cpu[jobs] = min(max(r[5], r[7], (r[5] + r[6]) / jobs) for r in runs)
            print(
                f"{name:5} jobs={jobs}: {seconds:7.1f} s  {docs / seconds:8.0f} docs/s  "
                f"{size_mb / seconds:6.1f} MB/s  {cites} citations  "
                f"peak RSS of the largest process {peak:.0f} MB, of all {total:.0f} MB  "
                f"cpu: main {main_cpu:.1f} s, workers {workers_cpu:.1f} s"
            )
        print(
            f"{name:5} speed-up jobs=2 over jobs=1: wall {wall[1] / wall[2]:.2f}x, "
            f"cpu {cpu[1] / cpu[2]:.2f}x (target >= 1.85x)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
