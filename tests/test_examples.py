"""The bundled examples work on a fresh clone with no network: the README's main command and
resolving the example story against the example archive."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from paths import EXAMPLES


def mediacite(*args: str, cwd: Path = EXAMPLES) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mediacite", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_readme_main_command() -> None:
    done = mediacite("extract", "article.txt")
    assert done.returncode == 0, done.stderr
    records = [json.loads(line) for line in done.stdout.splitlines()]
    assert [r["handle"] for r in records] == [
        "EastportTransit",
        "maralindq",
        "MayorOkafor",
        "EastportWx",
    ]
    assert records[2]["date_text"] == "14. März 2024" and records[2]["date"] == "2024-03-14"


def test_resolve_story_against_the_offline_archive(tmp_path: Path) -> None:
    done = mediacite(
        "resolve", "story.md", "--archive", "archive/tweets.wacz", "--format", "jsonl", "--no-cache"
    )
    assert done.returncode == 0, done.stderr
    statuses = {
        (r["citation"]["handle"], r["status"]) for r in map(json.loads, done.stdout.splitlines())
    }
    assert statuses == {
        ("NewsDesk", "verified"),
        ("CityHall", "verified"),
        ("PhotoDesk", "verified"),
        ("SpaceAgency", "verified"),
        ("Gone", "unavailable"),
    }
    assert len(done.stdout.splitlines()) == 6
