"""mediacite.dask on a real dask.distributed LocalCluster with two worker processes."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

distributed = pytest.importorskip("dask.distributed")

import mediacite.dask as mdask  # noqa: E402
from mediacite.corpus import Document, extract_corpus, iter_documents  # noqa: E402

TEXT = "Stay home. pic.twitter.com/Hb7kQw2Zx{n} — City (@EastportCity) March {n}, 2024\n"


@pytest.fixture(scope="module")
def client() -> Iterator[distributed.Client]:
    with (
        distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            host="127.0.0.1",
        ) as cluster,
        distributed.Client(cluster) as c,
    ):
        yield c


@pytest.fixture
def corpus(tmp_path: Path) -> list[Path]:
    paths = []
    for part in range(3):
        path = tmp_path / f"part-{part}.jsonl"
        path.write_text(
            "".join(
                json.dumps({"id": f"{part}-{n}", "text": TEXT.format(n=n)}) + "\n"
                for n in range(1, 11)
            )
            + "not json\n"
        )
        paths.append(path)
    return paths


def test_extract_paths_on_local_cluster(client: distributed.Client, corpus: list[Path]) -> None:
    results = mdask.extract_paths(corpus).persist()
    got = mdask.citations(results).compute()
    serial = [
        c.to_dict()
        for r in extract_corpus(iter_documents(corpus))
        if hasattr(r, "citations")
        for c in r.citations
    ]
    assert got == serial and len(got) == 30
    bad = mdask.problems(results).compute()
    assert sorted(b["where"] for b in bad) == sorted(f"{p}:11" for p in corpus)
    frame = mdask.citations_frame(results).compute()
    assert list(frame["source"]) == [c["source"] for c in serial]
    assert len(client.scheduler_info()["workers"]) == 2


def test_extract_bag_of_documents(client: distributed.Client) -> None:
    import dask.bag as db

    docs = [
        Document(source=f"doc-{n}", where=f"doc-{n}", data=TEXT.format(n=n)) for n in range(1, 5)
    ] + [b"\x00\x01binary"]
    results = mdask.extract_bag(db.from_sequence(docs, npartitions=2)).compute()
    assert [r["citations"][0]["source"] for r in results[:4]] == [f"doc-{n}" for n in range(1, 5)]
    assert "binary" in results[4]["problem"]
