"""The corpus records: what a document is, where it came from, and what extracting it gave."""

from __future__ import annotations

import attrs

from mediacite.extract.decode import InputKind
from mediacite.models import Citation, DocumentRecord, Mention

__all__ = ["STDIN", "Document", "Fields", "Problem", "Result"]

STDIN = "-"
"""The :attr:`Document.path` of standard input."""


@attrs.frozen
class Fields:
    """Which JSONL keys hold what (the first key present wins).

    These defaults are the command line's too (``--text-field`` and friends).
    """

    text: tuple[str, ...] = ("text", "content", "body", "article")
    html: tuple[str, ...] = ("html", "raw_html", "content_html")
    source: tuple[str, ...] = ("url", "id")
    date: tuple[str, ...] = ("date", "published", "date_published", "published_at")


@attrs.frozen
class Document:
    """One document to extract from: in-memory ``data``, a file ``path``, or a ``url``.

    A file is read as a stream (:data:`STDIN` is standard input); a URL is fetched.
    """

    source: str
    """What citations name as their ``source``: a path, a record's URI, a JSONL url or id."""
    where: str
    """Where the document is, for messages: ``dump.jsonl:12``, ``crawl.warc.gz@1234``."""
    data: bytes | str | None = None
    path: str | None = None
    article_date: str | None = None
    """The article's date as its container states it (a JSONL field): it wins."""
    captured_date: str | None = None
    """When the document was captured (a WARC record's date): used when the document itself
    carries no date."""
    input: InputKind = "auto"
    url: str | None = None


@attrs.frozen
class Problem:
    """Something that could not be read; the rest of the corpus is still processed."""

    where: str
    message: str

    @property
    def record(self) -> DocumentRecord:
        """The problem's row of the documents table: nothing read is left out of it."""
        return DocumentRecord(source=self.where, where=self.where, problems=(self.message,))


@attrs.frozen
class Result:
    """The citations of one document, or the problem that stopped it.

    A large file read on one process comes as several results, one per slice of at most
    :data:`SLICE` citations, so memory stays flat; only the last has ``complete`` set. A result
    made in a worker process holds its document without ``data`` (the text is not sent back).
    """

    document: Document
    citations: tuple[Citation, ...] = ()
    problem: Problem | None = None
    complete: bool = True
    record: DocumentRecord | None = None
    """The document's row of the documents table, on the complete result, when asked for."""
    mentions: tuple[Mention, ...] = ()
    """The document's prose mentions of posts, on the complete result, when asked for (the
    document is then read whole)."""
    output: str | None = None
    """The citations already written out, when the run gave a renderer (then ``citations`` is
    empty): worker processes send text, not records to encode again."""
    count: int = attrs.field(
        default=attrs.Factory(lambda result: len(result.citations), takes_self=True)
    )
    """How many citations the result holds (written out or not)."""
