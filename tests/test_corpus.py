"""Corpus inputs: WARC, WACZ, JSONL, directories; bad records; parallel extraction."""

from __future__ import annotations

import gzip
import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

import mediacite
from mediacite.corpus import Document, Problem, Result, extract_corpus, iter_documents

PAGE = """<!doctype html><html><head><title>Storm</title>
<meta property="article:published_time" content="{date}T09:00:00Z"></head><body>
<p>The authority posted an update.</p>
<blockquote class="twitter-tweet" data-lang="en"><p lang="en" dir="ltr">Bridge {n} is CLOSED
while engineers inspect storm damage. <a href="https://t.co/Hb7kQw2Zx{n}">pic.twitter.com/Hb7kQw2Zx{n}</a></p>
&mdash; Eastport Transport (@EastportTransit) <a href="https://twitter.com/EastportTransit/status/17681900001234567{n}?ref_src=twsrc%5Etfw">March 14, 2024</a></blockquote>
<p>More text.</p></body></html>
"""
TEXT = "Stay home. pic.twitter.com/Hb7kQw2Zx{n} — City (@EastportCity) March {n}, 2024\n"


def page(n: int, date: str = "2024-03-15") -> bytes:
    return PAGE.format(n=n, date=date).encode("utf-8")


def write_warc(path: Path, bodies: list[tuple[str, bytes, str]], *, gz: bool = True) -> None:
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=gz)
        for uri, body, ctype in bodies:
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                uri,
                "response",
                payload=io.BytesIO(body),
                http_headers=headers,
                warc_headers_dict={"WARC-Date": "2024-03-16T10:00:00Z"},
            )
            writer.write_record(record)


def citations(items: list[Result | Problem]) -> list[mediacite.Citation]:
    return [c for r in items if isinstance(r, Result) for c in r.citations]


def test_warc_yields_the_same_citations_as_the_pages(tmp_path: Path) -> None:
    warc = tmp_path / "crawl.warc.gz"
    pages = [(f"https://news.example/story-{n}", page(n)) for n in range(1, 4)]
    write_warc(
        warc,
        [(uri, body, "text/html; charset=utf-8") for uri, body in pages]
        + [("https://news.example/logo.png", b"\x89PNG....", "image/png")],
    )
    got = citations(list(extract_corpus(iter_documents([warc]))))
    expected = [c for uri, body in pages for c in mediacite.extract(body, source=uri)]
    assert expected and len(got) == len(expected) == 3
    for g, e in zip(got, expected, strict=True):
        assert g.source == e.source
        assert g.to_dict() == {**e.to_dict(), "article_date": "2024-03-15"}
    assert [c.source for c in got] == [uri for uri, _ in pages]


def test_warc_date_is_the_article_date_when_the_page_has_none(tmp_path: Path) -> None:
    warc = tmp_path / "text.warc"
    write_warc(
        warc, [("https://news.example/a.txt", TEXT.format(n=20).encode(), "text/plain")], gz=False
    )
    (c,) = citations(list(extract_corpus(iter_documents([warc]))))
    assert (c.source, c.article_date, c.flags) == (
        "https://news.example/a.txt",
        "2024-03-16",
        ("dated_after_article",),
    )


def test_corrupt_warc_record_is_reported_and_the_rest_processed(tmp_path: Path) -> None:
    good = tmp_path / "good.warc.gz"
    write_warc(good, [(f"https://news.example/{n}", page(n), "text/html") for n in range(1, 4)])
    data = bytearray(good.read_bytes())
    members = [i for i in range(len(data)) if data[i : i + 3] == b"\x1f\x8b\x08"]
    second = members[1]
    data[second + 20 : second + 60] = b"\x00" * 40
    bad = tmp_path / "bad.warc.gz"
    bad.write_bytes(bytes(data))
    out = list(extract_corpus(iter_documents([bad])))
    problems = [o for o in out if isinstance(o, Problem)]
    assert len(problems) == 1 and problems[0].where.startswith(f"{bad}@")
    assert {c.source for c in citations(out)} >= {
        "https://news.example/1",
        "https://news.example/3",
    }


def test_truncated_gzip(tmp_path: Path) -> None:
    full = tmp_path / "full.warc.gz"
    write_warc(full, [(f"https://news.example/{n}", page(n), "text/html") for n in range(1, 4)])
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(full.read_bytes()[:-200])
    out = list(extract_corpus(iter_documents([cut])))
    assert any(isinstance(o, Problem) for o in out)
    assert len(citations(out)) == 2

    jsonl = tmp_path / "dump.jsonl.gz"
    lines = "".join(json.dumps({"id": n, "text": TEXT.format(n=n)}) + "\n" for n in range(1, 6))
    jsonl.write_bytes(gzip.compress(lines.encode())[:-30])
    out = list(extract_corpus(iter_documents([jsonl])))
    assert isinstance(out[-1], Problem) and out[-1].where.startswith(f"{jsonl}:")
    assert 1 <= len(citations(out)) < 5


def test_jsonl_fields_and_bad_lines(tmp_path: Path) -> None:
    jsonl = tmp_path / "dump.jsonl"
    jsonl.write_text(
        json.dumps(
            {"url": "https://news.example/1", "text": TEXT.format(n=1), "date": "2024-03-02"}
        )
        + "\n{broken json\n"
        + json.dumps([1, 2])
        + "\n"
        + json.dumps({"id": "x"})
        + "\n\n"
        + json.dumps({"id": 7, "html": page(7).decode()})
        + "\n",
        encoding="utf-8",
    )
    out = list(extract_corpus(iter_documents([jsonl])))
    problems = [o for o in out if isinstance(o, Problem)]
    assert [p.where for p in problems] == [f"{jsonl}:2", f"{jsonl}:3", f"{jsonl}:4"]
    first, seventh = citations(out)
    assert (first.source, first.article_date, first.line) == (
        "https://news.example/1",
        "2024-03-02",
        1,
    )
    assert seventh.source == "7" and seventh.post_id == "176819000012345677"


def test_wacz(tmp_path: Path) -> None:
    warc = tmp_path / "data.warc.gz"
    write_warc(warc, [("https://news.example/1", page(1), "text/html")])
    wacz = tmp_path / "crawl.wacz"
    with zipfile.ZipFile(wacz, "w") as z:
        z.write(warc, "archive/data.warc.gz")
        z.writestr("datapackage.json", "{}")
    (c,) = citations(list(extract_corpus(iter_documents([wacz]))))
    assert c.source == "https://news.example/1"
    not_zip = tmp_path / "bad.wacz"
    not_zip.write_bytes(b"nope")
    assert isinstance(next(iter_documents([not_zip])), Problem)


def test_directories_globs_and_symlink_loops(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text(TEXT.format(n=1))
    (tmp_path / "a" / "two.html").write_bytes(page(2))
    (tmp_path / "a" / "loop").symlink_to(tmp_path / "a", target_is_directory=True)
    docs = list(iter_documents([tmp_path]))
    assert [d.where for d in docs if isinstance(d, Document)] == [
        str(tmp_path / "a" / "one.txt"),
        str(tmp_path / "a" / "two.html"),
    ]
    only = list(iter_documents([tmp_path], glob="*.html"))
    assert [d.where for d in only if isinstance(d, Document)] == [str(tmp_path / "a" / "two.html")]


def test_parallel_matches_serial_in_order(tmp_path: Path) -> None:
    jsonl = tmp_path / "many.jsonl"
    jsonl.write_text(
        "".join(
            json.dumps({"id": n, "text": TEXT.format(n=n % 28 + 1) + "x" * 40_000}) + "\n"
            for n in range(120)
        )
    )
    serial = [c.to_dict() for c in citations(list(extract_corpus(iter_documents([jsonl]))))]
    parallel = list(extract_corpus(iter_documents([jsonl]), jobs=2))
    assert [c.to_dict() for c in citations(parallel)] == serial
    unordered = list(extract_corpus(iter_documents([jsonl]), jobs=2, ordered=False))
    assert sorted(json.dumps(c.to_dict()) for c in citations(unordered)) == sorted(
        json.dumps(c) for c in serial
    )
    assert len(serial) == 120


def test_cli_exit_code_reflects_skipped_records(tmp_path: Path) -> None:
    good = tmp_path / "good.jsonl"
    good.write_text(json.dumps({"id": 1, "text": TEXT.format(n=1)}) + "\n")
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"id": 1, "text": TEXT.format(n=1)}) + "\nnot json\n")
    run = [sys.executable, "-m", "mediacite", "extract", "--jobs", "2"]
    ok = subprocess.run([*run, str(good)], capture_output=True, text=True)
    assert ok.returncode == 0 and "1 document, 1 citation" in ok.stderr
    failed = subprocess.run([*run, str(bad)], capture_output=True, text=True)
    assert failed.returncode == 1
    assert f"{bad}:2" in failed.stderr and len(failed.stdout.splitlines()) == 1


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_cli_reads_a_directory_with_jobs(tmp_path: Path) -> None:
    for n in range(1, 6):
        (tmp_path / f"s{n}.txt").write_text(TEXT.format(n=n))
    done = subprocess.run(
        [sys.executable, "-m", "mediacite", "extract", "--jobs", "2", str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0
    assert [json.loads(line)["date"] for line in done.stdout.splitlines()] == [
        f"2024-03-0{n}" for n in range(1, 6)
    ]


def test_a_bug_in_one_document_is_a_problem_not_a_crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import mediacite.corpus.pool as corpus

    real = corpus.read_document

    def flaky(data: str | bytes, **options: object) -> list[mediacite.Citation]:
        if options["source"] == "2":
            raise RuntimeError("boom")
        return real(data, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(corpus, "read_document", flaky)
    docs = [Document(source=str(n), where=f"doc {n}", data=TEXT.format(n=n)) for n in (1, 2, 3)]
    out = list(extract_corpus(docs))
    assert [
        o.problem.message if o.problem else len(o.citations) for o in out if isinstance(o, Result)
    ] == [
        1,
        "internal error (RuntimeError: boom); please report it",
        1,
    ]


def test_a_large_file_streams_in_slices(tmp_path: Path) -> None:
    from mediacite.corpus.pool import SLICE

    big = tmp_path / "big.txt"
    posts = (  # distinct posts: a post printed twice in one document is one citation
        f"Update {n}: stay home. — City (@EastportCity) March {n % 28 + 1}, 2024\n\n"
        for n in range(SLICE * 2 + 5)
    )
    big.write_text("".join(posts))
    out = [o for o in extract_corpus(iter_documents([big])) if isinstance(o, Result)]
    assert [len(o.citations) for o in out] == [SLICE, SLICE, 5]
    assert [o.complete for o in out] == [False, False, True]
