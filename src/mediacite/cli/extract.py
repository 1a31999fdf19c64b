"""``mediacite extract``: find citations in files, folders, dumps and crawls; print one record each.

Exit codes: 0 success (also when nothing was found), 1 when some input could not be read (the
others are still processed), 2 for usage errors.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from mediacite.cli.output import (
    RECORD_FORMATS,
    Column,
    Progress,
    default_format,
    plural,
    write_records,
)
from mediacite.models import Citation

if TYPE_CHECKING:
    from mediacite.corpus import Document, Problem

__all__ = ["CITATION_COLUMNS", "add_parser", "citation_row", "run", "write_citations"]

CITATION_FIELDS = tuple(f.name for f in attrs.fields(Citation))

CITATION_COLUMNS: tuple[Column, ...] = (
    ("where", lambda c: f"{Path(c.source).name if c.source else '-'}:{c.line}:{c.column}",
     {"no_wrap": True}),
    ("post", lambda c: f"{c.platform} {c.kind}", {"no_wrap": True}),
    ("who", lambda c: "\n".join(filter(None, (c.author, f"@{c.handle}" if c.handle else None))),
     {"min_width": 16, "max_width": 24}),
    ("date", lambda c: c.date or "", {"no_wrap": True}),
    ("text", lambda c: c.text or "", {"ratio": 1, "min_width": 20}),
    ("media / id", lambda c: " ".join(c.media) or (c.post_id or ""), {"overflow": "fold"}),
)  # fmt: skip
"""The table columns of a citation."""


def citation_row(citation: Citation) -> dict[str, Any]:
    """A citation's CSV row: its record, with ``also_at`` as ``line:column`` places."""
    record = citation.to_dict()
    record["also_at"] = [f"{s['line']}:{s['column']}" for s in record["also_at"]]
    return record


def write_citations(citations: Iterator[Citation] | list[Citation], fmt: str, out: Any) -> None:
    """Write citations to ``out`` in one of the record formats."""
    write_records(
        citations,
        fmt,
        out,
        record=Citation.to_dict,
        row=citation_row,
        fields=CITATION_FIELDS,
        columns=CITATION_COLUMNS,
        footer=lambda seen: plural(len(seen), "citation"),
    )


def add_parser(commands: Any) -> None:
    """Add ``extract`` to the ``mediacite`` subcommands."""
    extract = commands.add_parser(
        "extract",
        help="find citations in text, Markdown or HTML files",
        description="Find citations in files ('-' reads standard input) and print one record each.",
    )
    extract.add_argument("paths", nargs="+", metavar="PATH", help="files to read, or - for stdin")
    extract.add_argument(
        "--format",
        choices=RECORD_FORMATS,
        default=None,
        help="output format (default: table on a terminal, jsonl otherwise)",
    )
    extract.add_argument(
        "--input",
        choices=("auto", "text", "markdown", "html"),
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
    corpus.add_argument("--glob", default=None, help="in directories, only files matching this")
    for name, default in (
        ("text", "text"),
        ("html", "html"),
        ("source", "url,id"),
        ("date", "date"),
    ):
        corpus.add_argument(
            f"--{name}-field",
            default=default,
            metavar="KEYS",
            help=f"JSONL keys holding the {name} (comma-separated, first present wins; "
            f"default: {default})",
        )
    extract.add_argument("--quiet", "-q", action="store_true", help="no progress or summary")


def _documents(args: argparse.Namespace) -> Iterator[Document | Problem]:
    from mediacite.corpus import Document, Fields, iter_documents

    fields = Fields(
        text=tuple(args.text_field.split(",")),
        html=tuple(args.html_field.split(",")),
        source=tuple(args.source_field.split(",")),
        date=tuple(args.date_field.split(",")),
    )
    for path in args.paths:
        if path == "-":
            yield Document(
                source="-", where="<stdin>", data=sys.stdin.buffer.read(), input=args.input
            )
        else:
            yield from iter_documents([path], glob=args.glob, fields=fields, input=args.input)


def _citations(
    args: argparse.Namespace, problems: list[Problem], progress: Progress
) -> Iterator[Citation]:
    from mediacite.corpus import Problem, extract_corpus

    for out in extract_corpus(
        _documents(args),
        jobs=max(1, args.jobs),
        ordered=not args.unordered,
        encoding=args.encoding,
        regions=None if args.all_regions else ("main",),
    ):
        if isinstance(out, Problem):
            problems.append(out)
            progress.advance(failed=True)
            continue
        if out.problem is not None:
            problems.append(out.problem)
        progress.advance(len(out.citations), failed=out.problem is not None, finished=out.complete)
        for citation in out.citations:
            yield citation if out.document.source != "-" else attrs.evolve(citation, source=None)


def run(args: argparse.Namespace) -> int:
    """Run ``mediacite extract``; return the exit code."""
    fmt = args.format or default_format(sys.stdout)
    problems: list[Problem] = []
    progress = Progress("document", "citation", enabled=not args.quiet)
    try:
        with progress:
            write_citations(_citations(args, problems, progress), fmt, sys.stdout)
        sys.stdout.flush()
    except BrokenPipeError:
        sys.stderr.close()
        return 0
    if not args.quiet:
        print(progress.summary(), file=sys.stderr)
    for problem in problems:
        print(f"mediacite: {problem.where}: {problem.message}", file=sys.stderr)
    return 1 if problems else 0
