"""Wall time of the pre-commit check: 200 stories of ~10 KB each, and one story, warm lockfile.

    python benchmarks/hook_speed.py [--files 200] [--repeat 3]

Writes the stories (each citing two posts) and a lockfile that pins every cited post into a
temporary project, then times ``mediacite check`` the way the hook runs it (one process,
files as arguments): on all files (target: under 2 s) and on one story, the whole process
from start to exit, which is what a hook that runs per file or a per-article pipeline pays
(target: 0.08 s at most). ``python -c pass`` is measured in the same run as the interpreter
start-up baseline; times are the best of ``--repeat``, after an untimed run that caches the
bytecode as an installed package has it.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import mediacite
from mediacite.check import Lockfile
from mediacite.models import Resolution, Snapshot
from text_speed import _paragraph


def _story(rng: random.Random, n: int) -> str:
    parts = [f"# Story {n}\n"]
    while sum(map(len, parts)) < 10_000:
        parts.append(_paragraph(rng) + "\n")
    code = f"{n:04d}abcDEF"
    parts.insert(
        3,
        f"Update {n}: roads closed. pic.twitter.com/{code} — Desk (@desk{n % 40}) "
        f"March {n % 28 + 1}, 2024\n",
    )
    parts.insert(6, f"Readings in https://twitter.com/wx/status/{1768190000123456789 + n}.\n")
    return "\n".join(parts)


_INSTALLED = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
"""The environment of an installed package: modules load from cached bytecode (pip writes it for
a wheel, an editable install on first import), so compiling source is not timed."""


def _time(cmd: list[str], cwd: Path, repeat: int) -> tuple[float, subprocess.CompletedProcess[str]]:
    best, done = float("inf"), None
    subprocess.run(cmd, cwd=cwd, capture_output=True, env=_INSTALLED)  # writes the bytecode
    for _ in range(repeat):
        start = time.perf_counter()
        done = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env=_INSTALLED)
        best = min(best, time.perf_counter() - start)
    assert done is not None
    return best, done


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rng = random.Random(5)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "pyproject.toml").write_text('[tool.mediacite]\nlock = "mediacite.lock"\n')
        lock = Lockfile(root / "mediacite.lock")
        names = []
        for n in range(args.files):
            name = f"story-{n:03d}.md"
            text = _story(rng, n)
            (root / name).write_text(text, encoding="utf-8")
            names.append(name)
            for c in mediacite.extract_text(text):
                snap = Snapshot(
                    archive="bench",
                    original_url=c.url or "https://twitter.com/x",
                    archived_url="https://archive.example/x",
                    captured_at="2024-03-20T00:00:00Z",
                )
                lock.record(Resolution(citation=c, status="verified", snapshot=snap), [name])
        lock.save()
        size_kb = sum((root / n).stat().st_size for n in names) / 1024
        baseline, _ = _time([sys.executable, "-c", "pass"], root, args.repeat)
        seconds, done = _time(
            [sys.executable, "-m", "mediacite", "check", *names], root, args.repeat
        )
        if done.returncode != 0:
            print(done.stdout[:2000], done.stderr[:2000])
            return 1
        one, done_one = _time(
            [sys.executable, "-m", "mediacite", "check", names[0]], root, max(args.repeat, 5)
        )
        if done_one.returncode != 0:
            print(done_one.stdout[:2000], done_one.stderr[:2000])
            return 1
        print(f"{len(names)} files, {size_kb:.0f} KB, {len(lock.entries)} lock entries")
        print(f"python -c pass:             {baseline:6.3f} s")
        print(
            f"mediacite check (all):      {seconds:6.3f} s  "
            f"({seconds / baseline:.1f}x the interpreter start-up)"
            f"  target < 2 s: {'met' if seconds < 2 else 'MISSED'}"
        )
        print(
            f"mediacite check (1 story):  {one:6.3f} s  "
            f"({one / baseline:.1f}x the interpreter start-up, {one - baseline:.3f} s more)"
            f"  target <= 0.08 s: {'met' if one <= 0.08 else 'MISSED'}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
