"""Corpus inputs: files, directories, JSONL dumps, WARC and WACZ crawls — streamed, in parallel.

:func:`iter_documents` (:mod:`~.readers`) turns paths into a stream of :class:`Document` (or
:class:`Problem` for what cannot be read), never holding more than one record in memory.
:func:`extract_corpus` (:mod:`~.pool`) extracts them, on one process or a pool of ``jobs``
processes with a bounded number of documents in flight, and yields one :class:`Result` per
document in input order (or as they finish, with ``ordered=False``); with ``describe=True``
(or :func:`describe_corpus`) each document also gets its row of the documents table. The
façade's :func:`mediacite.extract_corpus` collects both into a :class:`~mediacite.results.Corpus`.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mediacite.corpus.pool import (
        describe_corpus,
        extract_corpus,
        extract_document,
        extract_result,
    )
    from mediacite.corpus.readers import iter_documents
    from mediacite.corpus.records import (
        STDIN,
        Document,
        Fields,
        Problem,
        Result,
    )

__all__ = [
    "STDIN",
    "Document",
    "Fields",
    "Problem",
    "Result",
    "describe_corpus",
    "extract_corpus",
    "extract_document",
    "extract_result",
    "iter_documents",
]

_HOMES = {
    "STDIN": "records",
    "Document": "records",
    "Fields": "records",
    "Problem": "records",
    "Result": "records",
    "describe_corpus": "pool",
    "extract_corpus": "pool",
    "extract_document": "pool",
    "extract_result": "pool",
    "iter_documents": "readers",
}
"""The submodule each name lives in: the pool (and the readers it needs) is imported only
when a corpus is read, not when a command only names its record types."""


def __getattr__(name: str) -> Any:
    """Import a name's submodule the first time the name is asked for."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value
