"""The ``mediacite extract`` command: formats, exit codes and bad input."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from mediacite import Citation
from mediacite.cli import main
from paths import FIXTURES

STORY = (
    "Intro.\n\nStay safe tonight. pic.twitter.com/Hb7kQw2ZxA — City of Eastport "
    "(@EastportCity) March 14, 2024\n\nMore.\n"
)


@pytest.fixture
def story(tmp_path: Path) -> Path:
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    return path


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mediacite", *args],
        input=stdin.decode("utf-8", "surrogateescape") if stdin is not None else None,
        capture_output=True,
        text=True,
    )


def test_jsonl_is_exactly_to_dict(story: Path) -> None:
    done = run("extract", str(story), "--format", "jsonl")
    assert done.returncode == 0, done.stderr
    records = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(records) == 1
    c = Citation.from_dict(records[0])
    assert c.to_dict() == records[0]
    assert (c.handle, c.source, c.line) == ("EastportCity", str(story), 3)


def test_default_format_is_jsonl_when_piped(story: Path) -> None:
    done = run("extract", str(story))
    assert json.loads(done.stdout)["handle"] == "EastportCity"


def test_json_and_csv(story: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(story), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["media"] == ["pic.twitter.com/Hb7kQw2ZxA"]
    assert main(["extract", str(story), "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert rows[0]["handle"] == "EastportCity"
    assert rows[0]["media"] == "pic.twitter.com/Hb7kQw2ZxA"


def test_empty_json_array(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("nothing here\n")
    assert main(["extract", str(empty), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_table(story: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(story), "--format", "table"]) == 0
    out = capsys.readouterr().out
    assert "@EastportCity" in out and "1 citation" in out


def test_stdin(story: Path) -> None:
    done = run("extract", "-", stdin=STORY.encode())
    assert done.returncode == 0
    assert json.loads(done.stdout)["source"] is None


def test_zero_citations_exit_0(tmp_path: Path) -> None:
    (tmp_path / "plain.txt").write_text("No posts are cited here (@ all).\n")
    done = run("extract", str(tmp_path / "plain.txt"))
    assert (done.returncode, done.stdout) == (0, "")


def test_usage_errors_exit_2() -> None:
    assert run("extract").returncode == 2
    assert run("extract", "x", "--format", "yaml").returncode == 2
    assert run("frobnicate").returncode == 2


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("image.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "binary"),
        ("nul.txt", b"text\x00with nul", "binary"),
        ("latin1.txt", "café - Ana (@ana) March 14, 2024".encode("latin-1"), "not valid utf-8"),
    ],
)
def test_bad_files_are_reported_and_others_still_processed(
    tmp_path: Path, story: Path, name: str, content: bytes, message: str
) -> None:
    bad = tmp_path / name
    bad.write_bytes(content)
    done = run("extract", str(bad), str(story))
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert str(bad) in done.stderr and message in done.stderr.lower()
    assert json.loads(done.stdout)["handle"] == "EastportCity"


def test_missing_file_is_reported_and_directories_are_walked(tmp_path: Path, story: Path) -> None:
    done = run("extract", str(tmp_path / "nope.txt"), str(tmp_path))
    assert done.returncode == 1
    assert "nope.txt" in done.stderr and "Traceback" not in done.stderr
    assert [json.loads(line)["source"] for line in done.stdout.splitlines()] == [str(story)]


def test_encoding_option(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes(
        "Olá, café pic.twitter.com/Hb7kQw2ZxA - Zé (@ze) 14 de março de 2024\n".encode("latin-1")
    )
    done = run("extract", str(path), "--encoding", "latin-1")
    assert done.returncode == 0, done.stderr
    record = json.loads(done.stdout)
    assert (record["author"], record["date"]) == ("Zé", "2024-03-14")


def test_huge_line_is_streamed(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    filler = "word " * 2_000_000
    path.write_text(filler + STORY.replace("\n", " ") + filler, encoding="utf-8")
    done = run("extract", str(path))
    assert done.returncode == 0
    record = json.loads(done.stdout)
    assert record["handle"] == "EastportCity"
    assert record["line"] == 1 and record["column"] == record["start"] + 1


def test_all_regions_adds_the_page_chrome(capsys: pytest.CaptureFixture[str]) -> None:
    page = str(FIXTURES / "html" / "regions" / "news_page.html")
    assert main(["extract", page, "--format", "jsonl", "-q"]) == 0
    article = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {r["region"] for r in article} == {"main"}
    assert main(["extract", page, "--format", "jsonl", "-q", "--all-regions"]) == 0
    everything = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {r["region"] for r in everything} == {"main", "aside", "header", "nav", "footer",
                                                 "comments"}  # fmt: skip
    assert len(everything) > len(article)


MARKDOWN = (
    '---\ndate: 2024-03-15\n---\n\n{{< tweet user="EastportCity" id="1768190000123456701" >}}\n\n'
    '```\n{{< tweet user="example" id="1768190000123456799" >}}\n```\n'
)


def test_markdown_by_name_and_by_input(tmp_path: Path) -> None:
    (tmp_path / "story.md").write_text(MARKDOWN, encoding="utf-8")
    done = run("extract", str(tmp_path / "story.md"), "--format", "jsonl")
    records = [json.loads(line) for line in done.stdout.splitlines()]
    assert [(r["kind"], r["post_id"], r["line"]) for r in records] == [
        ("shortcode", "1768190000123456701", 5)
    ]
    piped = run("extract", "-", "--input", "markdown", "--format", "jsonl", stdin=MARKDOWN.encode())
    assert [json.loads(line)["post_id"] for line in piped.stdout.splitlines()] == [
        "1768190000123456701"
    ]
    as_text = run("extract", "-", "--input", "text", "--format", "jsonl", stdin=MARKDOWN.encode())
    assert (as_text.returncode, as_text.stdout) == (0, "")


def test_the_program_runs_main_and_then_freezes_what_it_loaded(story: Path) -> None:
    # The installed script and ``python -m mediacite`` both run program(); main() is the
    # callable that tests and embedding code use, and leaves the collector alone.
    from importlib.metadata import entry_points

    (script,) = entry_points(group="console_scripts", name="mediacite")
    assert script.value == "mediacite.cli:program"
    code = (
        "import gc, sys\n"
        "from mediacite.cli import program\n"
        f"sys.argv = ['mediacite', 'extract', '-q', '-o', {str(story.with_suffix('.out'))!r},"
        f" {str(story)!r}]\n"
        "assert program() == 0 and gc.get_freeze_count() > 0\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
    assert story.with_suffix(".out").read_text(encoding="utf-8").count("\n") >= 1
