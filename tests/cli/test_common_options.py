"""The options every command takes, and the one table style at 80 columns.

``-o/--output`` (atomic), ``-v``/``-vv`` (standard logging on stderr), ``-q``, ``--no-progress``
and ``-V/--version``, before or after the command; progress on a terminal's stderr even when the
output goes to a file; tables that fit 80 columns with ids whole.
"""

from __future__ import annotations

import io
import json
import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest

import mediacite
from mediacite import Citation, Resolution, Snapshot
from mediacite.cli import main
from mediacite.cli.extract import write_citations
from mediacite.cli.resolve import write as write_resolutions
from paths import EXAMPLES, ROOT

ARTICLE = str(EXAMPLES / "article.txt")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mediacite", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("flag", ["-V", "--version"])
@pytest.mark.parametrize("where", ["before", "after"])
def test_version(flag: str, where: str) -> None:
    done = run(flag) if where == "before" else run("extract", ARTICLE, flag)
    assert (done.returncode, done.stdout.strip()) == (0, f"mediacite {mediacite.__version__}")


@pytest.mark.parametrize("command", ["extract", "resolve", "check", "lock"])
def test_every_command_takes_the_common_options(command: str) -> None:
    done = run(command, "--help")
    for option in ("--output", "--verbose", "--quiet", "--no-progress", "--version"):
        assert option in done.stdout, (command, option)


def test_output_file_is_written_whole(tmp_path: Path) -> None:
    out = tmp_path / "citations.jsonl"
    done = run("-o", str(out), "extract", ARTICLE)
    assert done.returncode == 0 and done.stdout == ""
    first = out.read_text().splitlines()[0]
    assert json.loads(first)["handle"] == "EastportTransit"
    assert list(tmp_path.iterdir()) == [out], "no temporary file is left behind"
    done = run("extract", ARTICLE, "--output", str(out), "--documents", "bad.ext")
    assert done.returncode == 2
    assert out.read_text().count("\n") == 4, "a failed run leaves the previous output"
    assert list(tmp_path.iterdir()) == [out]


@pytest.mark.parametrize("option", ["-o", "--documents"])
def test_output_to_an_unwritable_place_is_a_message(option: str, tmp_path: Path) -> None:
    (tmp_path / "folder.csv").mkdir()
    for place in (tmp_path / "no" / "such" / "dir.csv", tmp_path / "folder.csv"):
        done = run("extract", ARTICLE, option, str(place))
        assert done.returncode == 2 and "cannot write" in done.stderr, done.stderr
        assert "Traceback" not in done.stderr


def test_verbosity_levels(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text(Path(ARTICLE).read_text(encoding="utf-8"))
    (tmp_path / "gold.json").write_text("[]")
    quiet = run("extract", str(tmp_path), "-q")
    assert quiet.stderr == ""
    normal = run("extract", str(tmp_path))
    assert normal.stderr.startswith("mediacite: 1 document, 4 citations in ")
    info = run("extract", str(tmp_path), "-v")
    assert f"mediacite.corpus: walking {tmp_path}" in info.stderr
    assert "gold.json" not in info.stderr
    debug = run("-vv", "extract", str(tmp_path))
    assert f"skipping {tmp_path / 'gold.json'}: not an article (.json)" in debug.stderr


def test_verbose_logs_are_standard_logging(
    caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["extract", str(EXAMPLES), "-vv", "--no-progress"]) == 0
    walked = [r for r in caplog.records if r.name == "mediacite.corpus"]
    assert walked and walked[0].levelname == "INFO"
    assert f"mediacite.corpus: walking {EXAMPLES}" in capsys.readouterr().err


def _on_a_terminal(*args: str, stdout: Path) -> str:
    """Run with stderr on a pseudo-terminal and stdout to a file; return what stderr showed."""
    leader, follower = pty.openpty()
    with stdout.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "mediacite", *args],
            stdout=out,
            stderr=follower,
            cwd=ROOT,
            env={**os.environ, "COLUMNS": "80", "TERM": "xterm"},
        )
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:
                break
            if not chunk:
                break
            chunks.append(chunk)
        proc.wait(timeout=120)
    os.close(leader)
    return b"".join(chunks).decode("utf-8", "replace")


def test_progress_is_drawn_on_a_terminal_whatever_stdout_is(tmp_path: Path) -> None:
    shown = _on_a_terminal("extract", ARTICLE, "--format", "csv", stdout=tmp_path / "out.csv")
    assert "\x1b[?25l" in shown, "the live line hides the cursor while it draws"
    assert re.search(r"mediacite: 1 document, 4 citations in [\d.]+ s", shown)
    assert (tmp_path / "out.csv").read_text().startswith("platform,kind,post_id")
    plain = _on_a_terminal("extract", ARTICLE, "--no-progress", stdout=tmp_path / "out.jsonl")
    assert "\x1b[" not in plain and "mediacite: 1 document" in plain


def _ids(n: int) -> str:
    return f"17681900001234567{n:02d}"


CITATIONS = [
    Citation(
        platform="twitter",
        kind="blockquote" if n % 2 else "byline",
        post_id=_ids(n) if n % 2 else None,
        handle="EastportTransportAuthority"[: 5 + n],
        author="A display name that is much longer than any column could hold",
        date="2024-03-14",
        text="The harbour bridge is CLOSED in both directions while engineers inspect "
        "storm damage. Use the ring road and allow extra time. " * (n + 1),
        media=[f"pic.twitter.com/Hb7kQw2Z{n:02d}", "pic.twitter.com/second"],
        source=f"/data/a/rather/long/folder/name/story-number-{n}.html",
        line=1000 + n,
        column=n + 1,
    )
    for n in range(6)
]


def _check_table(shown: str, ids: list[str]) -> None:
    lines = shown.splitlines()
    assert max(len(line) for line in lines) <= 80, "\n".join(lines)
    for token in ids:
        assert any(token in line for line in lines), f"{token} is shown whole on one line"


def test_extract_table_fits_80_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    out = io.StringIO()
    write_citations(CITATIONS, "table", out)
    shown = out.getvalue()
    _check_table(
        shown,
        [c.post_id or c.media[0] for c in CITATIONS],
    )
    assert "…" in shown, "long text is shortened with an ellipsis"
    assert "…ber-3.html:1003 " in shown, "a long file name keeps its end and the line"
    assert shown.splitlines()[-1] == "6 citations"


def test_resolve_table_has_the_same_style(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    snapshot = Snapshot(
        archive="wayback",
        original_url="https://twitter.com/a/status/1",
        archived_url="https://web.archive.org/web/20240314090000/https://twitter.com/Eastport/"
        "status/1768190000123456701",
        captured_at="20240314090000",
    )
    resolutions = [
        Resolution(citation=c, status="verified", snapshot=snapshot) for c in CITATIONS if c.post_id
    ]
    out = io.StringIO()
    write_resolutions(resolutions, "table", out)
    _check_table(out.getvalue(), [c.post_id or "" for c in CITATIONS if c.post_id])
    extract_out = io.StringIO()
    write_citations(CITATIONS, "table", extract_out)
    rule = next(line for line in extract_out.getvalue().splitlines() if line.startswith("─"))
    assert rule in out.getvalue().splitlines(), "one rule under one bold header row"
