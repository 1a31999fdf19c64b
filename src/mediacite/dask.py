"""Extraction on a Dask cluster (``pip install 'mediacite[dask]'``).

::

    from dask.distributed import Client
    import mediacite.dask as mdask

    client = Client("tcp://scheduler:8786")             # or LocalCluster() on one machine
    results = mdask.extract_paths(["s3://…/crawl-00.warc.gz", …])   # any path Dask workers see
    results = results.persist()
    frame = mdask.citations_frame(results)                # dask.dataframe of citation records
    bad = mdask.problems(results).compute()               # what could not be read, and where

Each path becomes one partition, read on a worker with :func:`mediacite.corpus.iter_documents`
(WARC, WACZ, JSONL, text and HTML files), so a crawl is never shipped through the client.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

import attrs

from mediacite.corpus import Document, Fields, Problem, Result, extract_result, iter_documents
from mediacite.models import Citation

if TYPE_CHECKING:
    import dask.bag
    import dask.dataframe

__all__ = ["citations", "citations_frame", "extract_bag", "extract_paths", "problems"]


def _require_dask() -> None:
    try:
        import dask.bag  # noqa: F401
    except ImportError as exc:
        raise ImportError("mediacite.dask needs Dask: pip install 'mediacite[dask]'") from exc


def _result_record(out: Result | Problem) -> dict[str, Any]:
    if isinstance(out, Problem):
        return {"where": out.where, "citations": [], "problem": out.message}
    return {
        "where": out.document.where,
        "citations": [c.to_dict() for c in out.citations],
        "problem": out.problem.message if out.problem else None,
    }


def _extract_items(items: Iterable[Document | Problem]) -> Iterator[dict[str, Any]]:
    for item in items:
        yield _result_record(item if isinstance(item, Problem) else extract_result(item))


def _extract_path(path: str, fields: Fields, glob: str | None) -> list[dict[str, Any]]:
    return list(_extract_items(iter_documents([path], fields=fields, glob=glob)))


def extract_paths(
    paths: Iterable[str | os.PathLike[str]],
    *,
    fields: Fields = Fields(),  # noqa: B008
    glob: str | None = None,
) -> dask.bag.Bag:
    """A bag of result records, one per document, with one partition per path.

    A result record is ``{"where": str, "citations": [citation records], "problem": str|None}``.
    """
    _require_dask()
    import dask.bag as db

    names = [os.fspath(p) for p in paths]
    return (
        db.from_sequence(names, npartitions=max(1, len(names)))
        .map(_extract_path, fields=fields, glob=glob)
        .flatten()
    )


def extract_bag(documents: dask.bag.Bag) -> dask.bag.Bag:
    """Extract a bag of :class:`~mediacite.corpus.Document` (or of ``str``/``bytes`` bodies).

    Returns a bag of result records (see :func:`extract_paths`).
    """
    _require_dask()

    def as_document(item: Document | str | bytes) -> Document:
        if isinstance(item, Document):
            return item
        return Document(source="<bag>", where="<bag>", data=item)

    return documents.map(as_document).map_partitions(lambda part: list(_extract_items(part)))


def citations(results: dask.bag.Bag) -> dask.bag.Bag:
    """The citation records of a bag of result records, flattened."""
    return results.pluck("citations").flatten()


def problems(results: dask.bag.Bag) -> dask.bag.Bag:
    """The result records that report a problem."""
    return results.filter(lambda r: r["problem"] is not None)


def citations_frame(results: dask.bag.Bag) -> dask.dataframe.DataFrame:
    """A Dask DataFrame of citation records (columns as in ``Citation.to_dict()``)."""
    _require_dask()
    import pandas as pd

    columns = [f.name for f in attrs.fields(Citation)]
    meta = pd.DataFrame({name: pd.Series(dtype="object") for name in columns})
    for name in ("start", "end", "line", "column"):
        meta[name] = meta[name].astype("int64")
    return citations(results).to_dataframe(meta=meta)
