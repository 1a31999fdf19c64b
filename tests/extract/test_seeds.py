"""Acceptance: the two seed articles give exactly the six expected citations."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

FIELDS = (
    "platform",
    "kind",
    "handle",
    "author",
    "date",
    "date_text",
    "text",
    "media",
    "urls",
    "post_id",
    "line",
    "start",
    "end",
)


@pytest.mark.parametrize("name", ["000_cc43962fcd2f3086.txt", "003_7993fd74f87c284c.txt"])
def test_cli_jsonl_matches_expected(shared: Path, name: str) -> None:
    expected = json.loads((shared / "seeds" / "expected.json").read_text("utf-8"))[name]
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "mediacite",
            "extract",
            str(shared / "seeds" / name),
            "--format",
            "jsonl",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    got = [json.loads(line) for line in out.stdout.splitlines()]
    assert [{k: g[k] for k in FIELDS} for g in got] == [
        {k: e[k] for k in FIELDS} for e in expected["citations"]
    ]
    text = (shared / "seeds" / name).read_text("utf-8")
    for g in got:
        assert g["handle"] in text[g["start"] : g["end"]]
        assert g["column"] == 1
