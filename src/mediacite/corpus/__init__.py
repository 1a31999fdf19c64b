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

from mediacite.corpus.pool import describe_corpus, extract_corpus, extract_document, extract_result
from mediacite.corpus.readers import iter_documents
from mediacite.corpus.records import STDIN, Document, Fields, Problem, Result

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
