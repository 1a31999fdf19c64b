"""Throughput of ``mediacite extract`` on generated text, against grep, measured in one run.

    python benchmarks/text_speed.py [--mb 200] [--repeat 3] [--hostile-mb 10]

The corpora are written once to ``benchmarks/.data/``:

* :func:`generate`: article prose with citations in the flattened shapes at a realistic
  density (about one per 5 KB), a share of non-ASCII text (curly quotes, accented names,
  emoji) and some long joined lines;
* :func:`generate_plain`: the same prose without a single citation;
* :func:`generate_hostile`: near misses of every flattened form (a handle with no date, a
  date with no handle, media links with broken codes, credit phrases with no account, card
  stamps with no date, comment attributions, debris such as ``(@a) (@a) (@a)``) every few
  dozen characters, so every marker window merges with the next.

In the same run and on the same files (warm page cache) the script times
``grep -cF pic.twitter.com`` (its output captured, as mediacite's is: GNU grep stops at the
first match when it writes to /dev/null) and ``mediacite extract --jobs 1 --format jsonl``
(one process, as grep is), best of ``--repeat``, and prints both the wall time and the CPU time (user + system of the child,
from ``getrusage``; the machine may be shared, and CPU time is what a busy neighbour does not
inflate), MB/s and the ratios:

* the citation corpus against grep (target 25x at most);
* the corpus without citations against grep (target 6x at most);
* hostile text against ordinary prose of the same size (``--hostile-mb``; target 2x).
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

DATA = Path(__file__).resolve().parent / ".data"

_WORDS = [
    "the",
    "of",
    "and",
    "to",
    "in",
    "a",
    "is",
    "that",
    "for",
    "on",
    "with",
    "as",
    "was",
    "by",
    "it",
    "at",
    "from",
    "said",
    "his",
    "her",
    "this",
    "are",
    "have",
    "be",
    "which",
    "an",
    "has",
    "were",
    "their",
    "not",
    "but",
    "had",
    "its",
    "after",
    "first",
    "two",
    "been",
    "government",
    "year",
    "more",
    "people",
    "city",
    "council",
    "minister",
    "bridge",
    "storm",
    "report",
    "police",
    "officials",
    "week",
    "new",
    "would",
    "could",
    "about",
    "over",
    "into",
    "than",
    "when",
    "they",
    "there",
    "also",
    "last",
    "state",
    "national",
    "court",
    "election",
    "reporters",
    "statement",
    "spokesperson",
    "according",
    "announced",
    "during",
    "between",
    "including",
    "however",
]
_NAMES = [
    "Eastport Transport",
    "Mara Lindqvist 🌊",
    "Ines Okafor",
    "José Álvarez",
    "Ragıp Demir",
    "Sam (they/them)",
    "Dr. J. R. O'Neil",
    "Weather Desk",
]
_HANDLES = [
    "EastportTransit",
    "maralindq",
    "MayorOkafor",
    "jalvarez",
    "ragipd",
    "samwrites",
    "jroneil",
    "WeatherDesk",
]
_DATES = [
    "March 14, 2024",
    "May 3, 2023",
    "25. September 2018",
    "16 мая 2018 г.",
    "13 de septiembre de 2017",
    "2019年6月7日",
]


def _sentence(rng: random.Random) -> str:
    words = rng.choices(_WORDS, k=rng.randint(8, 28))
    text = " ".join(words).capitalize()
    if rng.random() < 0.2:
        text = f"“{text},” she said"
    return text + "."


def _paragraph(rng: random.Random) -> str:
    return " ".join(_sentence(rng) for _ in range(rng.randint(2, 6)))


def _citation(rng: random.Random) -> str:
    i = rng.randrange(len(_NAMES))
    code = "".join(rng.choices("abcdefghijkLMNOPQRST0123456789", k=10))
    text = " ".join(_sentence(rng) for _ in range(rng.randint(1, 2)))[:240]
    shape = rng.random()
    dash = rng.choice(["—", "—", "—", "–", "--"])
    if shape < 0.6:
        return f"{text} pic.twitter.com/{code} {dash} {_NAMES[i]} (@{_HANDLES[i]}) {rng.choice(_DATES)}"
    if shape < 0.8:
        return f"{text} https://t.co/{code}\n\n{dash} {_NAMES[i]} (@{_HANDLES[i]}) {rng.choice(_DATES)}"
    if shape < 0.9:
        snowflake = rng.randrange(10**18, 2 * 10**18)
        return f"{text} (https://twitter.com/{_HANDLES[i]}/status/{snowflake})"
    return f"{text} pic.twitter.com/{code}"


def _write(path: Path, megabytes: int, piece: Callable[[], str]) -> int:
    """Write pieces to ``path`` (atomically) until it holds ``megabytes`` MB; return how many."""
    target = megabytes * 1_000_000
    written = count = 0
    tmp = path.with_suffix(".tmp")
    with open(tmp, "w", encoding="utf-8") as out:
        while written < target:
            text = piece()
            out.write(text)
            written += len(text.encode("utf-8"))
            count += 1
    tmp.replace(path)
    return count


def generate(path: Path, megabytes: int, seed: int = 7) -> int:
    """Write the corpus; return how many citations it holds (one per article)."""
    rng = random.Random(seed)
    return _write(path, megabytes, lambda: _article(rng))


def _article(rng: random.Random) -> str:
    """An article of about 5 KB with one citation among its paragraphs."""
    parts = [f" date 2024-03-{rng.randint(1, 28):02d} {_sentence(rng)}"]
    size = 0
    while size < 5000:
        para = _paragraph(rng)
        parts.append(para)
        size += len(para)
    parts.insert(rng.randrange(1, len(parts)), _citation(rng))
    sep = " " if rng.random() < 0.05 else "\n\n"
    return sep.join(parts) + "\n\n"


_NEAR_MISSES = [
    "— {name} (@{handle}) said the",
    "(@{handle}) on the red carpet.",
    "(@a) (@a) (@a)",
    "pic.twitter.com/Ab12",
    "pic.twitter.com/",
    "pic.x.com/{code}x{code}",
    "twitter.com/home",
    "x.com/explore",
    "https://twitter.com/{handle}/status/",
    "A post shared by the team",
    "A photo posted by on",
    "4:23 PM - today",
    "— comment by {name} (@{handle}) March 14, 2024 at 1:32 am",
    "on {date}",
    "@ {handle}",
    "@{handle}",
    "Skip Twitter post by",
    "—",
    "--",
    "x",
    "instagram.com/",
    "facebook.com/",
    "youtube.com/watch?v=",
]
"""Fragments that each lack something a citation needs; prose separates them in the text."""


def generate_hostile(path: Path, megabytes: int, seed: int = 11) -> None:
    """Write near-miss text (see the module docs) of about ``megabytes`` MB."""
    rng = random.Random(seed)
    _write(path, megabytes, lambda: _near_misses(rng))


def _near_misses(rng: random.Random) -> str:
    """A line of a few near misses, each after a few words of prose."""
    parts = []
    for _ in range(rng.randint(3, 12)):
        i = rng.randrange(len(_NAMES))
        code = "".join(rng.choices("abcdefghijkLMNOPQRST0123456789", k=4))
        near = rng.choice(_NEAR_MISSES).format(
            name=_NAMES[i], handle=_HANDLES[i], code=code, date=rng.choice(_DATES)
        )
        words = " ".join(rng.choices(_WORDS, k=rng.randint(2, 8)))
        parts.append(f"{words} {near}")
    return " ".join(parts) + rng.choice([" the end.\n", " the end.\n\n", " the end. "])


def generate_plain(path: Path, megabytes: int, seed: int = 3) -> None:
    """Write article prose of about ``megabytes`` MB with no citation at all."""
    rng = random.Random(seed)
    _write(path, megabytes, lambda: _paragraph(rng) + "\n\n")


def _cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def _time(cmd: list[str], repeat: int) -> tuple[float, float, bytes]:
    """Best wall and best CPU seconds of ``repeat`` runs of ``cmd``, and its output."""
    wall = cpu = float("inf")
    out = b""
    for _ in range(repeat):
        started, used = time.perf_counter(), _cpu()
        done = subprocess.run(cmd, capture_output=True, check=False)
        wall, cpu = min(wall, time.perf_counter() - started), min(cpu, _cpu() - used)
        if done.returncode not in (0, 1):
            raise SystemExit(f"{cmd[0]} failed: {done.stderr.decode(errors='replace')}")
        out = done.stdout
    return wall, cpu, out


def _extract(path: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "mediacite",
        "extract",
        "-q",
        "--jobs",
        "1",
        "--format",
        "jsonl",
        str(path),
    ]


def _against_grep(name: str, path: Path, repeat: int, target: float) -> None:
    size_mb = path.stat().st_size / 1e6
    grep_wall, grep_cpu, _ = _time(["grep", "-cF", "pic.twitter.com", str(path)], repeat)
    wall, cpu, out = _time(_extract(path), repeat)
    found = out.count(b"\n")
    print(f"{name}: {size_mb:.0f} MB, {found} citations")
    print(f"  grep -cF           wall {grep_wall:7.3f} s  cpu {grep_cpu:7.3f} s")
    print(
        f"  mediacite extract  wall {wall:7.3f} s  cpu {cpu:7.3f} s  "
        f"{size_mb / cpu:6.0f} MB/s (cpu)"
    )
    print(
        f"  ratio mediacite/grep: cpu {cpu / grep_cpu:.1f}x  wall {wall / grep_wall:.1f}x"
        f"  (target <= {target:g}x)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mb", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--hostile-mb", type=int, default=10)
    args = parser.parse_args()
    if shutil.which("grep") is None:
        print("grep is not on PATH: no baseline to compare against")
        return 1
    DATA.mkdir(exist_ok=True)
    corpus = DATA / f"corpus-{args.mb}mb.txt"
    if not corpus.exists():
        print(f"generating {corpus} …", flush=True)
        print(f"  {generate(corpus, args.mb)} citations written")
    plain = DATA / f"plain-{args.mb}mb.txt"
    if not plain.exists():
        print(f"generating {plain} …", flush=True)
        generate_plain(plain, args.mb)
    _against_grep("citations", corpus, args.repeat, 25)
    _against_grep("no citations", plain, args.repeat, 6)
    _hostile_vs_ordinary(args.hostile_mb, args.repeat)
    return 0


def _hostile_vs_ordinary(megabytes: int, repeat: int) -> None:
    """Time extraction on ordinary and on hostile text of the same size; print the ratio."""
    ordinary = DATA / f"corpus-{megabytes}mb.txt"
    hostile = DATA / f"hostile-{megabytes}mb.txt"
    if not ordinary.exists():
        generate(ordinary, megabytes)
    if not hostile.exists():
        generate_hostile(hostile, megabytes)
    timed = {}
    for name, path in (("ordinary", ordinary), ("hostile", hostile)):
        wall, cpu, out = _time(_extract(path), repeat)
        timed[name] = cpu
        size = path.stat().st_size / 1e6
        found = out.count(b"\n")
        print(f"{name:9} {size:5.1f} MB  wall {wall:7.3f} s  cpu {cpu:7.3f} s  {found} citations")
    ratio = timed["hostile"] / timed["ordinary"]
    print(f"ratio hostile/ordinary (cpu): {ratio:.2f}x (target <= 2x)")


if __name__ == "__main__":
    raise SystemExit(main())
