"""Start-up cost of ``import mediacite``, from ``python -X importtime``, best of several runs.

    python benchmarks/import_time.py [--repeat 7] [--module mediacite]

Prints the cumulative import time of the module (the figure ``-X importtime`` reports for
it), the modules that took longest, and the ratio to the 50 ms target; ``python -c pass`` is
timed in the same run for scale.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time

TARGET_MS = 50.0
"""The issue's target for ``import mediacite`` (issue 16)."""


def _importtime(module: str) -> tuple[float, list[tuple[float, str]]]:
    """The module's cumulative import time (ms) and every module's own time, one run."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", f"import {module}"],
        capture_output=True,
        text=True,
        check=True,
    )
    total = 0.0
    own: list[tuple[float, str]] = []
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line or "self [us]" in line:
            continue
        self_us, cumulative_us, name = line.split(":", 1)[1].split("|")
        own.append((int(self_us) / 1000, name.strip()))
        if name.strip() == module:
            total = int(cumulative_us) / 1000
    return total, own


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--module", default="mediacite")
    args = parser.parse_args()
    runs = [_importtime(args.module) for _ in range(args.repeat)]
    best, own = min(runs, key=lambda run: run[0])
    interpreter = float("inf")
    for _ in range(args.repeat):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        interpreter = min(interpreter, time.perf_counter() - started)
    print(f"python -c pass (whole process):  {interpreter * 1000:7.1f} ms")
    print(f"import {args.module} (-X importtime): {best:7.1f} ms  best of {args.repeat}")
    print(f"ratio to the {TARGET_MS:.0f} ms target: {best / TARGET_MS:.2f}x")
    for ms, name in sorted(own, reverse=True)[:8]:
        print(f"  {ms:6.1f} ms  {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
