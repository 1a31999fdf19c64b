"""The size limits every command and reader applies to its inputs, defined once.

Text files and JSONL dumps are streamed, whatever their size; only what must be held whole is
limited: one HTML page or Markdown story, one JSONL record, one fetched page, one file
``mediacite check`` reads.
"""

from __future__ import annotations

__all__ = ["MAX_DOCUMENT_BYTES", "MAX_MARKDOWN_BYTES", "MiB"]

MiB = 1 << 20

MAX_DOCUMENT_BYTES = 64 * MiB
"""The most bytes of one document held in memory (an HTML page, a JSONL record's line, a fetched
page, after decompression): the largest real news pages are ~10 MB, so 64 MiB leaves room for
inline images and scripts while bounding what a hostile input can make a worker allocate."""

MAX_MARKDOWN_BYTES = 16 * MiB
"""Markdown stories are parsed whole, at about 1 MB/s and 40 bytes of memory per byte
(markdown-it-py on the realworld Markdown corpus); a document detected as Markdown that is
larger than this is no story but a dump, and is streamed as plain text instead."""
