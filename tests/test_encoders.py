"""Hostile text is neutralised for each medium: CSV cells (formulas) and terminals (controls).

The corpus below holds what a document or an archive can put in a field: spreadsheet formulas
in every prefix OWASP lists, ANSI CSI and OSC sequences, C0 and C1 controls, DEL, and the
bidirectional overrides of "Trojan Source". The encoders are checked one by one and end to end
through ``mediacite extract`` and ``resolve`` (CSV and table output).
"""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from mediacite import Citation, Resolution, Snapshot
from mediacite.cli.extract import write_citations
from mediacite.cli.resolve import write as write_resolutions
from mediacite.encoders import csv_cell, csv_value, terminal_line, terminal_text

FORMULAS = [
    '=HYPERLINK("https://evil.example","click")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1,2)",
    "\t=1+1",
    "\r=1+1",
    "'=already quoted",
    "''-twice",
]
CONTROLS = [
    "\x1b[2J\x1b[Hcleared",  # CSI: clear screen, cursor home
    "\x1b]0;pwned\x07title",  # OSC: set the window title
    "\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\",  # OSC 8 hyperlink
    "\x9b31mC1 CSI",  # the one-byte C1 CSI
    "bell\x07 back\x08space del\x7f",
    "abc\u202edcba\u202c and \u2066isolate\u2069",  # bidi override and isolate
]
RAW_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@pytest.mark.parametrize("value", FORMULAS)
def test_csv_cells_never_start_a_formula_and_round_trip(value: str) -> None:
    cell = csv_cell(value)
    assert cell.startswith("'")
    assert csv_value(cell) == value


@pytest.mark.parametrize("value", ["plain text", "1768190000123456789", "'quoted", "a=b", ""])
def test_harmless_cells_are_unchanged(value: str) -> None:
    assert csv_cell(value) == value
    assert csv_value(value) == value


def test_numbers_and_lists() -> None:
    assert csv_cell(-3) == -3 and csv_cell(0.5) == 0.5 and csv_cell(None) == ""
    assert csv_cell(["@a", "b"]) == "'@a b"


@pytest.mark.parametrize("value", CONTROLS)
def test_terminal_text_has_no_raw_controls(value: str) -> None:
    shown = terminal_line(value)
    assert not RAW_CONTROL.search(shown)
    assert "\\x1b" in shown or "\\x9b" in shown or "\\x07" in shown or "\\u202e" in shown
    assert "\n" not in terminal_line("a\nb") and terminal_text("a\nb") == "a\nb"


def hostile_citation(n: int, text: str) -> Citation:
    return Citation(
        platform="twitter",
        kind="byline",
        post_id=f"17681900001234567{n:02d}",
        handle="evil",
        author=f"\x1b[31m{text}",
        date="2024-03-14",
        text=text,
        media=[f"pic.twitter.com/Ab{n}"],
        source=f"dir/\x1b]0;x\x07{n}.txt",
    )


CORPUS = [hostile_citation(n, text) for n, text in enumerate(FORMULAS + CONTROLS)]


def test_csv_output_defuses_every_formula_and_keeps_ids_exact(tmp_path: Path) -> None:
    out = io.StringIO()
    write_citations(CORPUS, "csv", out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    for row, citation in zip(rows, CORPUS, strict=True):
        for value in row.values():
            assert not value or value[0] not in "=+-@\t\r"
        assert csv_value(row["text"]) == citation.text
        assert row["post_id"] == citation.post_id
    path = tmp_path / "c.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    frame = pd.read_csv(path, dtype={"post_id": str}, keep_default_na=False)
    assert list(frame["post_id"]) == [c.post_id for c in CORPUS]
    assert [csv_value(t) for t in frame["text"]] == [c.text for c in CORPUS]


def test_tables_show_controls_as_escapes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    out = io.StringIO()
    write_citations(CORPUS, "table", out)
    snapshot = Snapshot(
        archive="evil",
        original_url="https://twitter.com/evil/status/1",
        archived_url="https://archive.example/\x1b[2J\u202e",
        captured_at="20240314000000",
    )
    resolutions = [
        Resolution(citation=c, status="verified", snapshot=snapshot) for c in CORPUS[:3]
    ] + [Resolution(citation=CORPUS[3], status="error", error="\x1b]0;pwned\x07 boom")]
    write_resolutions(resolutions, "table", out)
    shown = out.getvalue()
    assert not RAW_CONTROL.search(shown)
    assert "\\x1b" in shown


def test_cli_table_of_a_hostile_article(tmp_path: Path) -> None:
    article = tmp_path / "evil.txt"
    article.write_text(
        "Intro.\n\n=cmd|' /C calc'!A0 \x1b]0;pwned\x07\x1b[2J\u202e pic.twitter.com/Hb7kQw2ZxA "
        "— \x1b[31mEvil\x1b[0m (@evil) March 14, 2024\n",
        encoding="utf-8",
    )
    table = subprocess.run(
        [sys.executable, "-m", "mediacite", "extract", str(article), "--format", "table"],
        capture_output=True,
        text=True,
        env={"COLUMNS": "80", "PATH": ""},
        check=True,
    )
    assert not RAW_CONTROL.search(table.stdout) and "@evil" in table.stdout
    rows = subprocess.run(
        [sys.executable, "-m", "mediacite", "extract", str(article), "--format", "csv"],
        capture_output=True,
        text=True,
        check=True,
    )
    (row,) = csv.DictReader(io.StringIO(rows.stdout))
    assert row["text"].startswith("'=cmd")
    jsonl = subprocess.run(
        [sys.executable, "-m", "mediacite", "extract", str(article), "--format", "jsonl"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "\x1b" in json.loads(jsonl.stdout)["text"], "JSON keeps the data as it is"


def test_plain_text_reprs_show_controls_as_escapes() -> None:
    from mediacite.display import citation_text, table_text

    shown = table_text(CORPUS, title="CitationList") + citation_text(CORPUS[-1])
    assert not RAW_CONTROL.search(shown)
    assert "\\u202e" in shown
