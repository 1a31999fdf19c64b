"""Bad inputs never hang or crash: FIFOs, devices, closed stdin, size limits, compressed files.

Every command (``extract``, ``resolve``, ``check``, ``lock``) reads only regular files and
``-``; a FIFO is refused before a byte is read, within seconds, with a message naming it.
Compressed single files are read by their bytes; a decompression bomb stops at the limit.
"""

from __future__ import annotations

import bz2
import gzip
import io
import json
import lzma
import os
import subprocess
import sys
from pathlib import Path

import pytest

import mediacite
from mediacite.errors import InputError
from mediacite.inputs import decompress, iter_lines, open_input, read_limited
from mediacite.limits import MAX_DOCUMENT_BYTES

STORY = (
    "Intro.\n\nStay safe tonight. pic.twitter.com/Hb7kQw2ZxA — City of Eastport "
    "(@EastportCity) March 14, 2024\n\nMore.\n"
)
EMBED = (
    '<!doctype html><html><head><meta property="article:published_time" content="2024-03-14">'
    '</head><body><blockquote class="twitter-tweet"><p>Stay safe</p>&mdash; City (@EastportCity) '
    '<a href="https://twitter.com/EastportCity/status/1768190000123456789">March 14, 2024</a>'
    "</blockquote></body></html>"
)
TIMEOUT = 20
"""Seconds a refused input may take: a hang would run into it."""


def run(*args: str, stdin: int | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mediacite", *args],
        capture_output=stdin is None,
        stdout=subprocess.PIPE if stdin is not None else None,
        stderr=subprocess.PIPE if stdin is not None else None,
        stdin=stdin,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "story.txt"
    os.mkfifo(path)
    return path


@pytest.mark.parametrize(
    "command",
    [
        ["extract"],
        ["resolve", "--archive", "examples/archive/tweets.wacz", "--no-cache"],
        ["check"],
        ["lock", "--archive", "examples/archive/tweets.wacz"],
    ],
)
def test_a_fifo_is_refused_by_every_command(
    command: list[str], fifo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(Path(__file__).resolve().parents[1])
    extra = ["--lock", str(tmp_path / "m.lock")] if command[0] in ("check", "lock") else []
    done = run(*command, str(fifo), *extra)
    assert done.returncode in (1, 2)
    assert "Traceback" not in done.stderr
    assert "FIFO" in done.stderr + done.stdout


def test_python_api_refuses_a_fifo_and_a_device(fifo: Path) -> None:
    with pytest.raises(InputError, match="FIFO"):
        mediacite.extract_path(fifo)
    with pytest.raises(InputError, match="device"):
        open_input("/dev/zero")


def test_fifo_inside_a_directory_walk_is_a_problem(fifo: Path, tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text(STORY, encoding="utf-8")
    done = run("extract", str(tmp_path))
    assert done.returncode == 1
    assert "FIFO" in done.stderr
    assert json.loads(done.stdout)["handle"] == "EastportCity"


@pytest.mark.parametrize("command", [["extract", "-"], ["resolve", "-", "--no-cache"]])
def test_closed_stdin_is_a_clear_message(command: list[str]) -> None:
    done = subprocess.run(
        ["bash", "-c", f'"{sys.executable}" -m mediacite {" ".join(command)} <&-'],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "standard input is closed" in done.stderr


def test_stdin_is_streamed_and_unnamed() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "mediacite", "extract", "-", "--jobs", "2"],
        input=STORY * 3,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    records = [json.loads(line) for line in done.stdout.splitlines()]
    assert records and {r["source"] for r in records} == {None}


@pytest.mark.parametrize(
    ("name", "compress"),
    [
        ("page.html.gz", gzip.compress),
        ("page.htm.bz2", bz2.compress),
        ("story.txt.xz", lzma.compress),
        ("story.md.gz", gzip.compress),
        ("no-extension", gzip.compress),
    ],
)
def test_compressed_single_files_are_read_by_content(
    tmp_path: Path, name: str, compress: object
) -> None:
    body = EMBED if ".htm" in name else STORY
    path = tmp_path / name
    path.write_bytes(compress(body.encode("utf-8")))  # type: ignore[operator]
    (found,) = mediacite.extract_path(path)
    assert found.handle == "EastportCity" and found.source == str(path)
    done = run("extract", str(path))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["handle"] == "EastportCity"


def test_corrupt_compressed_file_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "cut.txt.gz"
    path.write_bytes(gzip.compress((STORY * 1000).encode())[:-40])
    with pytest.raises(InputError, match="corrupt or truncated gzip"):
        mediacite.extract_path(path)


def test_decompression_bomb_stops_at_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "bomb.html.gz"
    with gzip.open(path, "wb", compresslevel=9) as out:
        out.write(b"<html><body>")
        chunk = b" " * (1 << 20)
        for _ in range(MAX_DOCUMENT_BYTES // len(chunk) + 2):
            out.write(chunk)
    assert path.stat().st_size < MAX_DOCUMENT_BYTES // 100
    done = run("extract", str(path))
    assert done.returncode == 1
    assert "larger than 64 MiB" in done.stderr and "Traceback" not in done.stderr


def test_one_limit_for_lines_and_documents() -> None:
    stream = io.BytesIO(b"short\n" + b"x" * 100 + b"\nlast")
    assert list(iter_lines(stream, limit=10)) == [b"short\n", None, b"last"]
    with pytest.raises(InputError, match="larger than"):
        read_limited(io.BytesIO(b"x" * 11), "page", limit=10)


def test_an_oversized_jsonl_record_is_a_problem_not_memory(tmp_path: Path) -> None:
    from mediacite.corpus import Problem, iter_documents

    dump = tmp_path / "dump.jsonl"
    with dump.open("wb") as out:
        out.write(json.dumps({"id": 1, "text": STORY}).encode() + b"\n")
        out.write(b'{"id": 2, "text": "' + b"a" * (MAX_DOCUMENT_BYTES + 10) + b'"}\n')
        out.write(json.dumps({"id": 3, "text": STORY}).encode() + b"\n")
    items = list(iter_documents([dump]))
    assert [type(i).__name__ for i in items] == ["Document", "Problem", "Document"]
    assert isinstance(items[1], Problem) and "larger than 64 MiB" in items[1].message


def test_decompress_passes_plain_streams_through() -> None:
    stream, name = decompress(io.BytesIO(b"plain text"), "a.txt")
    assert (stream.read(), name) == (b"plain text", "a.txt")


def test_directory_walks_read_article_like_files_only(tmp_path: Path) -> None:
    from mediacite.corpus.walk import compile_glob, walk

    files = {
        "a/b.txt": STORY,
        "c.txt": STORY,
        "a/page.php": EMBED,
        "a/script.php": "<?php echo 1; ?>",
        "notes": "Plain text notes without an extension.\n",
        "gold.json": "[]",
        "package-lock.json": "{}",
        "config.yaml": "a: 1\n",
        "Cargo.lock": "[[package]]\n",
        "photo.jpg": "\xff\xd8\xff",
        "data": '{"json": "without an extension"}',
        ".git/HEAD.txt": STORY,
        "post.mdx": STORY,
    }
    for name, body in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(body, encoding="utf-8")
    found = sorted(os.path.relpath(str(p), tmp_path) for p in walk(str(tmp_path)))
    assert found == ["a/b.txt", "a/page.php", "c.txt", "notes", "post.mdx"]
    txt = sorted(os.path.relpath(str(p), tmp_path) for p in walk(str(tmp_path), "**/*.txt"))
    assert txt == ["a/b.txt", "c.txt"]
    assert [os.path.relpath(str(p), tmp_path) for p in walk(str(tmp_path), "a/*")] == [
        "a/b.txt",
        "a/page.php",
    ]
    assert compile_glob("*.txt").match("deep/er/x.txt")
    assert not compile_glob("a/*.txt").match("a/b/c.txt")
    assert compile_glob("a/**/*.txt").match("a/c.txt")
    assert compile_glob("[!x]*.md").match("y.md") and not compile_glob("[!x]*.md").match("x.md")


def test_cli_jsonl_fields_default_like_python(tmp_path: Path) -> None:
    dump = tmp_path / "dump.jsonl"
    dump.write_text(
        json.dumps({"id": "a1", "content": STORY, "published": "2024-03-20T10:00:00Z"}) + "\n",
        encoding="utf-8",
    )
    done = run("extract", str(dump))
    assert done.returncode == 0, done.stderr
    record = json.loads(done.stdout)
    assert (record["source"], record["article_date"]) == ("a1", "2024-03-20")
