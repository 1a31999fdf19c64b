"""The local backend (WACZ, folder of WARCs, one WARC), fully offline, and the shipped example."""

from __future__ import annotations

import gzip
import importlib.util
import io
import json
import zipfile
from pathlib import Path
from types import ModuleType

import pytest

from mediacite.models import Citation, Resolution
from mediacite.resolver import Limiter, LocalArchive, resolve
from mediacite.resolver.archives import Query
from mediacite.resolver.archives.local import index_warc, write_cdxj
from mediacite.resolver.transport import Driver
from paths import ROOT
from resolve_support import corpus

EXAMPLE = ROOT / "examples" / "archive"


def load_builder() -> ModuleType:
    spec = importlib.util.spec_from_file_location("example_build", EXAMPLE / "build.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def check(resolutions: list[Resolution]) -> None:
    for case, resolution in zip(corpus.CASES, resolutions, strict=True):
        assert resolution.status == case.status, (case.name, resolution.to_dict())
        if case.snapshot_contains:
            assert resolution.snapshot is not None
            assert case.snapshot_contains in resolution.snapshot.original_url


def test_shipped_example_is_up_to_date(tmp_path: Path) -> None:
    builder = load_builder()
    fresh = builder.build_wacz(tmp_path / "tweets.wacz")
    assert fresh.read_bytes() == (EXAMPLE / "tweets.wacz").read_bytes()
    builder.write_citations(tmp_path / "citations.jsonl")
    assert (tmp_path / "citations.jsonl").read_text() == (EXAMPLE / "citations.jsonl").read_text()


def test_example_wacz_resolves_offline() -> None:
    lines = (EXAMPLE / "citations.jsonl").read_text().splitlines()
    citations = [Citation.from_dict(json.loads(line)) for line in lines]
    resolutions = resolve(citations, EXAMPLE / "tweets.wacz", cache=None)
    check(resolutions)
    snapshot = resolutions[0].snapshot
    assert snapshot is not None and snapshot.archive == "local"
    # relative to the archive's folder: no absolute path of this machine
    assert snapshot.archived_url.startswith("tweets.wacz#20190315080000/https://twitter.com/")


def test_folder_of_warcs_without_index(tmp_path: Path) -> None:
    corpus.write_warc_file(tmp_path / "a.warc.gz")
    check(resolve(corpus.citations(), tmp_path, cache=None))


def test_folder_with_cdxj_and_single_warc(tmp_path: Path) -> None:
    warc = corpus.write_warc_file(tmp_path / "a.warc.gz")
    with warc.open("rb") as stream, (tmp_path / "index.cdxj").open("w") as out:
        write_cdxj(index_warc(stream, warc.name), out)
    check(resolve(corpus.citations(), tmp_path, cache=None))
    check(resolve(corpus.citations(), warc, cache=None))


def test_wacz_with_gzipped_index(tmp_path: Path) -> None:
    warc = io.BytesIO()
    corpus.write_warc(warc)
    index = io.StringIO()
    write_cdxj(index_warc(io.BytesIO(warc.getvalue()), "w.warc.gz"), index)
    path = tmp_path / "x.wacz"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("archive/w.warc.gz", warc.getvalue())
        zf.writestr("indexes/index.cdx.gz", gzip.compress(index.getvalue().encode()))
    check(resolve(corpus.citations(), path, cache=None))


def test_revisit_is_played_from_its_original() -> None:
    archive = LocalArchive(EXAMPLE / "tweets.wacz")
    driver = Driver(archive.hosts, archive.key, archive.policy, limiter=Limiter())
    url = f"twitter.com/NewsDesk/status/{corpus.ID_A}"
    result = driver.run(None, archive.search(Query(url)))
    revisit = next(c for c in result.captures if c.is_revisit)
    memento = driver.run(None, archive.fetch(revisit))
    assert memento.status == 200 and b"tweet-text" in memento.body


def test_bad_paths(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        LocalArchive(tmp_path / "missing.wacz")
    (tmp_path / "notes.txt").write_text("hi")
    with pytest.raises(ValueError):
        LocalArchive(tmp_path / "notes.txt")
