"""``mediacite extract``: find citations in files, folders, dumps and crawls; print one record each.

With ``--mentions`` each document's prose mentions of posts follow its citations, as records of
``"type": "mention"`` (a second table, for people).

Exit codes: 0 success (also when nothing was found), 1 when some input could not be read (the
others are still processed), 2 for usage errors.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, cast, get_args

import attrs

from mediacite._malloc import keep_freed_memory
from mediacite.cli.output import (
    RECORD_FORMATS,
    AtomicOutput,
    Column,
    Progress,
    RecordSink,
    Renderer,
    default_format,
    error,
    plural,
    write_records,
    write_rendered,
    write_table,
)
from mediacite.corpus.records import Fields
from mediacite.extract.decode import InputKind
from mediacite.models import Citation, DocumentRecord, Mention

if TYPE_CHECKING:
    from mediacite.corpus import Problem, Result

__all__ = [
    "DOCUMENT_FIELDS",
    "add_parser",
    "citation_columns",
    "citation_row",
    "mention_columns",
    "run",
    "write_citations",
    "write_found",
]

DEFAULT_FIELDS = Fields()
"""The JSONL keys the options default to: the same as :class:`~mediacite.corpus.Fields`."""
INPUT_KINDS: tuple[str, ...] = get_args(InputKind)
"""``--input`` choices: every :data:`~mediacite.extract.decode.InputKind` (a new reader adds
its kind there, and it appears here)."""

CITATION_FIELDS = tuple(f.name for f in attrs.fields(Citation))
FOUND_FIELDS = (
    "type",
    *CITATION_FIELDS,
    *(f.name for f in attrs.fields(Mention) if f.name not in CITATION_FIELDS),
)
"""CSV columns with ``--mentions``: ``type`` (``citation`` or ``mention``), then the citation's
fields, then those only mentions have."""
DOCUMENT_FIELDS = tuple(f.name for f in attrs.fields(DocumentRecord))
DOCUMENT_FORMATS = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json"}
"""``--documents FILE``: the format by the file's extension."""

_WHERE_CHARS = 16
"""Widest ``where`` cell (``name.txt:1234``); longer names keep their end and the line."""


def _where(citation: Citation, single: bool) -> str:
    place = f"{citation.line}:{citation.column}" if single else str(citation.line)
    if single:
        return place
    name = Path(citation.source).name if citation.source else "-"
    cell = f"{name}:{place}"
    return cell if len(cell) <= _WHERE_CHARS else "…" + cell[-(_WHERE_CHARS - 1) :]


def _post(citation: Citation) -> str:
    shown = citation.post_id or (citation.media[0] if citation.media else "")
    more = (
        f" +{len(citation.media) - 1}" if len(citation.media) > 1 and not citation.post_id else ""
    )
    return f"{citation.platform} {citation.kind}\n{shown}{more}".rstrip()


def _who(citation: Citation) -> str:
    name = f"@{citation.handle}" if citation.handle else (citation.author or "-")
    return f"{name}\n{citation.date or ''}".rstrip()


def citation_columns(single_source: bool) -> tuple[Column, ...]:
    """The table columns of a citation (``where`` is ``line:column`` for one source)."""
    return (
        ("where", lambda c: _where(c, single_source),
         {"no_wrap": True, "max_width": _WHERE_CHARS}),
        ("post", _post, {"id": True}),
        ("who / date", _who, {"no_wrap": True, "max_width": 16, "overflow": "ellipsis"}),
        ("text", lambda c: c.text or "", {"clamp": True, "ratio": 1, "min_width": 12}),
    )  # fmt: skip


def citation_row(citation: Citation) -> dict[str, Any]:
    """A citation's CSV row: its record, with ``also_at`` as ``line:column`` places."""
    record = citation.to_dict()
    record["also_at"] = [f"{s['line']}:{s['column']}" for s in record["also_at"]]
    return record


def write_citations(citations: Iterable[Citation], fmt: str, out: IO[str]) -> None:
    """Write citations to ``out`` in one of the record formats."""
    columns = citation_columns(single_source=False)
    if fmt == "table":
        citations = list(citations)
        columns = citation_columns(len({c.source for c in citations}) <= 1)
    write_records(
        citations,
        fmt,
        out,
        record=Citation.to_dict,
        row=citation_row,
        fields=CITATION_FIELDS,
        columns=columns,
        footer=lambda seen: plural(len(seen), "citation"),
    )


def _mention_where(mention: Mention, single: bool) -> str:
    place = f"{mention.line}:{mention.column}"
    if single:
        return place
    cell = f"{Path(mention.source).name if mention.source else '-'}:{mention.line}"
    return cell if len(cell) <= _WHERE_CHARS else "…" + cell[-(_WHERE_CHARS - 1) :]


def _mention_who(mention: Mention) -> str:
    shown = [mention.author or "-", f"@{mention.handle}" if mention.handle else ""]
    return "\n".join(shown).rstrip()


def mention_columns(single_source: bool) -> tuple[Column, ...]:
    """The table columns of a prose mention; ``cited`` is where its backing citation sits."""
    return (
        ("where", lambda m: _mention_where(m, single_source),
         {"no_wrap": True, "max_width": _WHERE_CHARS}),
        ("post", lambda m: f"{m.platform}\n{m.date or ''}".rstrip(), {"no_wrap": True}),
        ("who", _mention_who, {"no_wrap": True, "max_width": 16, "overflow": "ellipsis"}),
        ("sentence", lambda m: m.sentence, {"clamp": True, "ratio": 1, "min_width": 12}),
        ("cited", lambda m: f"{m.sourced.line}:{m.sourced.column}" if m.sourced else "no",
         {"no_wrap": True}),
    )  # fmt: skip


def _found_row(record: Citation | Mention) -> dict[str, Any]:
    """A CSV row with ``--mentions``: a citation's or a mention's, with its ``type``."""
    if isinstance(record, Citation):
        return {"type": "citation", **citation_row(record)}
    row = record.to_dict()
    row["sourced"] = record.sourced.identity if record.sourced else None
    return row


def _mentions_footer(seen: list[Mention]) -> str:
    unsourced = sum(m.sourced is None for m in seen)
    return f"{plural(len(seen), 'mention')}, {unsourced} without a cited post"


def write_found(
    records: Iterable[Citation | Mention], fmt: str, out: IO[str], *, mentions: bool
) -> None:
    """Write citations, and with ``mentions`` the prose mentions among them, in ``fmt``.

    Records stream as they come (each document's citations, then its mentions); a table
    shows the citations, then the mentions in a second table.
    """
    if not mentions:
        write_citations(cast("Iterable[Citation]", records), fmt, out)
        return
    if fmt != "table":
        write_records(
            records,
            fmt,
            out,
            record=lambda r: r.to_dict(),
            row=_found_row,
            fields=FOUND_FIELDS,
            columns=(),
            footer=lambda seen: plural(len(seen), "record"),
        )
        return
    found = list(records)
    said = [r for r in found if isinstance(r, Mention)]
    write_citations([r for r in found if isinstance(r, Citation)], fmt, out)
    single = len({m.source for m in said}) <= 1
    write_table(said, out, mention_columns(single), footer=_mentions_footer)


def add_parser(commands: Any) -> None:
    """Add ``extract`` to the ``mediacite`` subcommands."""
    extract = commands.add_parser(
        "extract",
        help="find citations in text, Markdown or HTML files, folders, dumps, crawls and URLs",
        description="Find citations in files ('-' reads standard input), folders, JSONL dumps, "
        "WARC/WACZ crawls and http(s) URLs, and print one record each.",
    )
    extract.add_argument(
        "paths", nargs="+", metavar="PATH", help="files, folders or URLs to read, or - for stdin"
    )
    extract.add_argument(
        "--format",
        choices=RECORD_FORMATS,
        default=None,
        help="output format (default: table on a terminal, jsonl otherwise)",
    )
    extract.add_argument(
        "--input",
        choices=INPUT_KINDS,
        default="auto",
        help="how to read the files (default: by file name, else by content)",
    )
    extract.add_argument(
        "--encoding", default=None, help="encoding of files without a byte-order mark (UTF-8)"
    )
    extract.add_argument(
        "--all-regions",
        action="store_true",
        help="also report posts in page chrome (sidebars, headers, footers, comments); "
        "each record's region says where",
    )
    extract.add_argument(
        "--mentions",
        action="store_true",
        help="also report prose mentions of posts ('X tweeted that ...'), each saying whether "
        "a citation of the same document backs it (documents are then read whole)",
    )
    extract.add_argument(
        "--documents",
        metavar="FILE",
        default=None,
        help="also write the documents table (one row per document: source, domain, canonical "
        "URL, article date and its source, citations, problems) to FILE (.csv, .jsonl, .json)",
    )
    corpus = extract.add_argument_group("corpus inputs (directories, JSONL, WARC, WACZ)")
    corpus.add_argument(
        "--jobs",
        "-j",
        type=int,
        default=os.cpu_count() or 1,
        metavar="N",
        help="worker processes (default: the number of CPUs)",
    )
    corpus.add_argument(
        "--unordered", action="store_true", help="print documents as they finish, not in order"
    )
    corpus.add_argument(
        "--glob",
        default=None,
        help="in directories, only files whose path relative to the directory matches "
        "(**/*.txt; a pattern without / matches names: *.html)",
    )
    for name in ("text", "html", "source", "date"):
        default = ",".join(getattr(DEFAULT_FIELDS, name))
        corpus.add_argument(
            f"--{name}-field",
            default=default,
            metavar="KEYS",
            help=f"JSONL keys holding the {name} (comma-separated, first present wins; "
            f"default: {default})",
        )


def _fields(args: argparse.Namespace) -> Fields:
    return Fields(
        text=tuple(args.text_field.split(",")),
        html=tuple(args.html_field.split(",")),
        source=tuple(args.source_field.split(",")),
        date=tuple(args.date_field.split(",")),
    )


class _Run:
    """One ``extract`` run: inputs, progress, problems and the documents table.

    Problems are reported as they come and the table is written row by row: nothing grows
    with the corpus.
    """

    def __init__(
        self, args: argparse.Namespace, progress: Progress, documents: RecordSink | None
    ) -> None:
        self.args = args
        self.progress = progress
        self.documents = documents
        self.problems = 0
        self.mentions = self.unsourced = 0

    def _problem(self, problem: Problem) -> None:
        self.problems += 1
        error(f"{problem.where}: {problem.message}")

    def results(self, render: Renderer | None) -> Iterator[Result]:
        """Each document's results, its problems reported and its table row written."""
        from mediacite.corpus import Problem, extract_corpus, iter_documents

        args = self.args
        jobs = max(1, args.jobs)
        items = iter_documents(
            args.paths,
            glob=args.glob,
            fields=_fields(args),
            input=args.input,
            parts=jobs > 1 and not args.mentions,
        )
        for out in extract_corpus(
            items,
            jobs=jobs,
            ordered=not args.unordered,
            encoding=args.encoding,
            regions=None if args.all_regions else ("main",),
            describe=self.documents is not None,
            mentions=args.mentions,
            render=render,
        ):
            if isinstance(out, Problem):
                self._problem(out)
                self.progress.advance(failed=True)
                if self.documents is not None:
                    self.documents.write(out.record)
                continue
            if out.problem is not None:
                self._problem(out.problem)
            if out.record is not None and self.documents is not None:
                self.documents.write(out.record)
            self.progress.advance(out.count, failed=out.problem is not None, finished=out.complete)
            yield out

    def found(self) -> Iterator[Citation | Mention]:
        """Every document's citations, then (with ``--mentions``) its prose mentions."""
        for result in self.results(None):
            yield from result.citations
            self.mentions += len(result.mentions)
            self.unsourced += sum(m.sourced is None for m in result.mentions)
            yield from result.mentions


def _documents_format(path: str) -> str | None:
    return DOCUMENT_FORMATS.get(os.path.splitext(path)[1].lower())


def run(args: argparse.Namespace) -> int:
    """Run ``mediacite extract``; return the exit code."""
    keep_freed_memory()
    out: IO[str] = args.out
    table_format = _documents_format(args.documents) if args.documents is not None else None
    if args.documents is not None and table_format is None:
        error(f"--documents {args.documents}: name a .csv, .jsonl or .json file")
        return 2
    fmt = args.format or default_format(out)
    progress = Progress("document", "citation", enabled=args.progress and not args.quiet)
    try:
        table = AtomicOutput(args.documents)
    except OSError as exc:
        error(f"cannot write {args.documents}: {exc.strerror or exc}")
        return 2
    with table:
        sink = None
        if table_format is not None:
            sink = RecordSink(
                table_format, table.stream, record=DocumentRecord.to_dict, fields=DOCUMENT_FIELDS
            )
        state = _Run(args, progress, sink)
        try:
            with progress:
                if fmt == "table" or args.mentions:
                    write_found(state.found(), fmt, out, mentions=args.mentions)
                else:
                    render = Renderer(fmt, Citation.to_dict, citation_row, CITATION_FIELDS)
                    pieces = (result.output or "" for result in state.results(render))
                    write_rendered(pieces, render, out)
            out.flush()
        except BrokenPipeError:
            sys.stderr.close()
            return 0
        if sink is not None:
            sink.close()
            table.commit()
    if not args.quiet:
        said = f"{plural(state.mentions, 'mention')} ({state.unsourced} not cited)"
        error(progress.summary(said if args.mentions else None).removeprefix("mediacite: "))
    return 1 if state.problems else 0
