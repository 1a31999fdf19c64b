"""``mediacite resolve`` (cli/resolve.py) on the offline example archive."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from pathlib import Path

import pytest

from mediacite.cli import main
from paths import ROOT
from resolve_support import corpus

WACZ = str(ROOT / "examples" / "archive" / "tweets.wacz")
CITATIONS = str(ROOT / "examples" / "archive" / "citations.jsonl")


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["resolve", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_jsonl_to_jsonl(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run([CITATIONS, "--archive", WACZ, "--no-cache"], capsys)
    assert code == 0
    assert err.startswith(f"mediacite: {len(corpus.CASES)} citations in ") and err.count("\n") == 1
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["status"] for r in records] == [case.status for case in corpus.CASES]


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "robustlinks"])
def test_formats(fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run([CITATIONS, "--archive", WACZ, "--no-cache", "--format", fmt], capsys)
    assert code == 0
    if fmt == "json":
        assert len(json.loads(out)) == len(corpus.CASES)
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(out)))
        assert rows[0]["status"] == "verified" and rows[0]["text_score"] == "1.0"
    elif fmt == "robustlinks":
        first = out.splitlines()[0]
        assert first.startswith('<a href="https://twitter.com/NewsDesk/status/')
        assert 'data-versiondate="2019-03-15"' in first
        assert 'data-versionurl="tweets.wacz#20190315080000/https://twitter.com/' in first
        assert "<!-- not_archived -->" in out
    else:
        header = next(line for line in out.splitlines() if "status" in line)
        assert header.split() == ["status", "post", "date", "/", "captured", "snapshot"]
        counts = Counter(case.status for case in corpus.CASES)
        assert out.splitlines()[-1] == ", ".join(f"{n} {s}" for s, n in sorted(counts.items()))


def test_documents_go_through_extraction(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "story.txt"
    article.write_text(
        f"The desk wrote:\n\n{corpus.TEXT_A} — News Desk (@NewsDesk) March 14, 2019\n\nMore.\n",
        encoding="utf-8",
    )
    code, out, err = run([str(article), "--archive", WACZ, "--no-cache"], capsys)
    assert code == 0, err
    records = [json.loads(line) for line in out.splitlines()]
    assert records and records[0]["status"] == "verified"


def test_bad_inputs_are_skipped_with_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.jsonl"
    good = json.dumps(corpus.CASES[0].citation.to_dict())
    broken.write_text(good + "\n{not json\n" + json.dumps({"platform": "x", "bogus": 1}) + "\n")
    code, out, err = run(
        [
            str(broken),
            str(tmp_path / "missing.jsonl"),
            str(tmp_path),
            "--archive",
            WACZ,
            "--no-cache",
        ],
        capsys,
    )
    assert code == 1
    assert len(out.splitlines()) == 1
    assert "broken.jsonl:2: not a citation record" in err
    assert "broken.jsonl:3:" in err
    assert "missing.jsonl: skipped" in err and "is a directory" in err


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert run([CITATIONS, "--archive", "nowhere-at-all"], capsys)[0] == 2
    assert run([CITATIONS, "--archive", WACZ, "--concurrency", "0"], capsys)[0] == 2
    with pytest.raises(SystemExit) as exc:
        run([CITATIONS, "--format", "xml"], capsys)
    assert exc.value.code == 2


def test_stdin_concurrency_and_cache(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(Path(CITATIONS).read_text()))
    cache = tmp_path / "cache.sqlite3"
    code, out, _ = run(
        ["-", "--archive", WACZ, "--cache", str(cache), "--concurrency", "3"], capsys
    )
    assert code == 0 and len(out.splitlines()) == len(corpus.CASES)
    assert cache.exists()
