"""``mediacite extract --mentions`` in every format, and ``resolve`` skipping mention records."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from mediacite import Citation, Mention
from mediacite.cli import main
from mediacite.cli.resolve import read_citations

STORY = (
    "date 2024-03-06\n\nThe mayor tweeted yesterday that roads are open.\n\nGov. Ames said the same on the radio.\n\n"
    "Stay safe tonight. pic.twitter.com/Hb7kQw2ZxA — City of Eastport "
    "(@EastportCity) March 5, 2024\n"
)


@pytest.fixture
def story(tmp_path: Path) -> Path:
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    return path


def test_jsonl_holds_citations_then_mentions(
    story: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["extract", str(story), "--mentions", "--format", "jsonl", "-q"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r.get("type", "citation") for r in records] == ["citation", "mention"]
    assert Citation.from_dict(records[0]).handle == "EastportCity"
    mention = Mention.from_dict(records[1])
    assert (mention.author, mention.date, mention.line) == ("The mayor", "2024-03-05", 3)
    assert mention.sourced is None


def test_without_flag_output_is_unchanged(story: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(story), "--format", "jsonl", "-q"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(records) == 1 and "type" not in records[0]


def test_json_csv_and_table(story: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(story), "--mentions", "--format", "json", "-q"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert records[1]["type"] == "mention" and records[1]["cue"] == "tweeted"
    assert main(["extract", str(story), "--mentions", "--format", "csv", "-q"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [row["type"] for row in rows] == ["citation", "mention"]
    assert rows[1]["cue_kind"] == "platform-verb" and rows[1]["sourced"] == ""
    assert main(["extract", str(story), "--mentions", "--format", "table", "-q"]) == 0
    out = capsys.readouterr().out
    assert "1 citation" in out and "1 mention, 1 without a cited post" in out


def test_resolve_skips_mention_records(story: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(story), "--mentions", "--format", "jsonl", "-q"]) == 0
    dump = story.parent / "records.jsonl"
    dump.write_text(capsys.readouterr().out, encoding="utf-8")
    citations, problems = read_citations([str(dump)])
    assert problems == []
    assert [c.handle for c in citations] == ["EastportCity"]
    mentions_first = story.parent / "mentions-first.jsonl"
    mentions_first.write_text("\n".join(reversed(dump.read_text().splitlines())) + "\n")
    citations, problems = read_citations([str(mentions_first)])
    assert (problems, [c.handle for c in citations]) == ([], ["EastportCity"])


def test_folders_over_worker_processes_and_the_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(STORY, encoding="utf-8")
    assert main(["extract", str(tmp_path), "--mentions", "--jobs", "2", "--format", "jsonl"]) == 0
    out, err = capsys.readouterr()
    records = [json.loads(line) for line in out.splitlines()]
    assert [r.get("type", "citation") for r in records] == ["citation", "mention"] * 3
    assert "3 documents, 3 citations, 3 mentions (3 not cited)" in err
