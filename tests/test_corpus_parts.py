"""One large dump or text file split between worker processes gives what reading it whole gives."""

from __future__ import annotations

import io
import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from mediacite.cli.extract import CITATION_FIELDS, citation_row
from mediacite.cli.output import Renderer, write_records, write_rendered
from mediacite.corpus import Document, Fields, Problem, Result, extract_corpus, pool, textparts
from mediacite.corpus.jsonl import read_lines_part, split_jsonl
from mediacite.corpus.readers import iter_documents
from mediacite.extract.decode import text_decoder
from mediacite.extract.text import Position, iter_text_stream, stream_chunks, text_positions
from mediacite.models import Citation

POST = "Roads shut near pier {n}. pic.twitter.com/Ab{n:08d} — City Desk (@citydesk) March {d}, 2024"
PROSE = "The council met again on Tuesday and the minutes were read aloud to the few who came. "


def story_text(rng: random.Random, posts: int, repeat_every: int = 0) -> str:
    """Prose with citations; with ``repeat_every`` the same post comes back now and then."""
    parts = []
    for n in range(posts):
        cited = n - repeat_every if repeat_every and n % 3 == 0 and n >= repeat_every else n
        parts.append(PROSE * rng.randint(1, 12))
        parts.append(POST.format(n=cited, d=cited % 28 + 1))
    return "\n\n".join(parts) + "\n"


def dump(path: Path, rng: random.Random, records: int) -> None:
    with open(path, "w", encoding="utf-8") as out:
        for n in range(records):
            roll = rng.random()
            if roll < 0.05:
                out.write("{not json\n")
            elif roll < 0.08:
                out.write("\n")
            elif roll < 0.1:
                out.write(json.dumps({"id": n}) + "\n")
            else:
                record = {"id": f"doc{n}", "text": story_text(rng, 2), "date": "2024-03-20"}
                out.write(json.dumps(record) + "\n")
        out.write(json.dumps({"id": "last", "text": POST.format(n=1, d=2)}))


def test_a_dump_read_in_parts_gives_what_reading_it_whole_gives(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl"
    dump(path, random.Random(1), 300)
    whole = list(iter_documents([str(path)]))
    assert any(isinstance(item, Problem) for item in whole)
    for size in (100, 4096, 65536):
        parts = split_jsonl(str(path), Fields(), size)
        assert parts is not None
        read = [item for part in parts for item in read_lines_part(part)]  # type: ignore[union-attr]
        assert read == whole


def test_small_and_compressed_dumps_are_read_whole(tmp_path: Path) -> None:
    small = tmp_path / "small.jsonl"
    small.write_text(json.dumps({"text": "hi"}) + "\n")
    assert split_jsonl(str(small), Fields()) is None
    packed = tmp_path / "big.jsonl"
    packed.write_bytes(b"\x1f\x8b\x08" + b"\0" * (2 << 20))
    assert split_jsonl(str(packed), Fields()) is None


def test_the_command_line_gives_the_same_bytes_with_two_jobs(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl"
    dump(path, random.Random(2), 2500)
    assert path.stat().st_size > 1 << 20
    runs = {}
    for jobs in (1, 2):
        for fmt in ("jsonl", "csv", "json"):
            command = [sys.executable, "-m", "mediacite", "extract", "--no-progress"]
            done = subprocess.run(
                [*command, "--format", fmt, "--jobs", str(jobs), str(path)],
                capture_output=True,
                text=True,
            )
            summary = done.stderr.rsplit(" in ", 1)[0]
            runs[jobs, fmt] = (done.returncode, done.stdout, summary)
    for fmt in ("jsonl", "csv", "json"):
        assert runs[1, fmt] == runs[2, fmt]
        assert runs[1, fmt][0] == 1 and runs[1, fmt][1]


def _read_in_parts(path: Path, chunk_bytes: int) -> tuple[list[Citation], int]:
    """The citations of reading ``path`` in parts as the pool does; and how many parts the main
    process had to read again."""
    found: list[Citation] = []
    again = 0
    with open(path, "rb") as stream:
        head = stream.read(chunk_bytes)
        decoder, name, skip = text_decoder(head)
        parts = textparts.text_parts(
            stream, str(path), str(path), head, decoder, name, skip, None, chunk_bytes
        )
        reported: frozenset[tuple[str, ...]] = frozenset()
        for part in parts:
            report = textparts.read_text_part(part, None)
            if part.index and report.asked & reported:
                report = textparts.read_text_part(part, None, reported)
                again += 1
            reported = report.reported
            found.extend(report.citations)
    return found, again


@pytest.mark.parametrize("part_chunks", [1, 3])
def test_a_text_read_in_parts_gives_what_reading_it_whole_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, part_chunks: int
) -> None:
    monkeypatch.setattr(textparts, "PART_CHUNKS", part_chunks)
    path = tmp_path / "long.txt"
    path.write_text(story_text(random.Random(3), 400, repeat_every=4), encoding="utf-8")
    chunk_bytes = 16384
    with open(path, "rb") as stream:
        whole = list(iter_text_stream(stream, source=str(path), chunk_bytes=chunk_bytes))
    found, again = _read_in_parts(path, chunk_bytes)
    assert found == whole
    assert again, "a post cited on both sides of a cut makes the main process read a part again"


def test_the_pool_splits_a_large_text_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(textparts, "PART_CHUNKS", 1)
    monkeypatch.setattr(pool, "SPLIT_BYTES", 1 << 20)
    path = tmp_path / "long.txt"
    text = story_text(random.Random(4), 3000, repeat_every=30)
    bad = len(text.encode()) * 3 // 4
    data = text.encode()
    path.write_bytes(data)
    broken = tmp_path / "broken.txt"
    broken.write_bytes(data[:bad] + b"\xff" + data[bad:])
    # Not valid in a middle part: its worker reports what comes before, the rest is dropped.
    early = tmp_path / "broken-early.txt"
    early.write_bytes(data[:bad] + b"\xe2\x28" + data[bad:] + data)
    for target in (path, broken, early):
        document = Document(source=str(target), where=str(target), path=str(target))
        serial = list(extract_corpus([document], jobs=1, describe=True))
        split = list(extract_corpus([document], jobs=2, describe=True))
        assert isinstance(serial[-1], Result) and isinstance(split[-1], Result)
        assert split[-1].count == 0 < serial[-1].count, "parts, then a closing result"
        assert [c for r in split for c in r.citations] == [c for r in serial for c in r.citations]
        assert split[-1].problem == serial[-1].problem
        assert split[-1].record == serial[-1].record
    assert split[-1].problem is not None and "not valid utf-8" in split[-1].problem.message


def test_rendered_text_is_what_the_records_give() -> None:
    citations = [
        Citation(platform="twitter", kind="byline", handle="a", text='=1+"x"', line=n)
        for n in range(1, 4)
    ]
    for fmt in ("jsonl", "csv", "json"):
        expected, got = io.StringIO(), io.StringIO()
        write_records(
            citations, fmt, expected, record=Citation.to_dict, row=citation_row,
            fields=CITATION_FIELDS, columns=(), footer=str,
        )  # fmt: skip
        render = Renderer(fmt, Citation.to_dict, citation_row, CITATION_FIELDS)
        write_rendered([render(citations[:1]), render([]), render(citations[1:])], render, got)
        assert got.getvalue() == expected.getvalue()


def _positions(data: bytes, chunk_bytes: int, checked: bool) -> list[object]:
    decoder, name, skip = text_decoder(data[:chunk_bytes])
    chunks = stream_chunks(io.BytesIO(data[chunk_bytes:]), data[skip:chunk_bytes], chunk_bytes)
    read = text_positions(chunks, decoder, name, Position(consumed=skip), checked=checked)
    return [after for _, _, after in read]


@pytest.mark.parametrize("seed", range(6))
def test_positions_counted_in_bytes_are_those_of_decoding(seed: int) -> None:
    # Characters of one to four bytes cut by chunk ends, CRLF, and lines longer than a chunk.
    rng = random.Random(seed)
    words = ["pier", "caf\u00e9", "\u2014", "\u4e2d\u6587", "\U0001f30a", " ", " ", "\n", "\r\n"]
    pieces = []
    while sum(map(len, pieces)) < 120_000:
        roll = rng.random()
        if roll < 0.995:
            pieces.append(rng.choice(words))
        else:  # a line longer than a chunk, of one-byte or of four-byte characters
            pieces.append(rng.choice("x\U0001f30a") * rng.randint(1, 30_000))
    data = "\ufeff".encode() * (seed % 2) + "".join(pieces).encode("utf-8")
    for chunk_bytes in (7_000, 16_384, 23_457):
        quick = _positions(data, chunk_bytes, checked=False)
        assert quick == _positions(data, chunk_bytes, checked=True)
