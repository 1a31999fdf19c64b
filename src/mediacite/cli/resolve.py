"""``mediacite resolve``: prove citations against a web archive.

``PATH`` arguments are JSONL files of citation records (as ``mediacite extract --format
jsonl`` writes them, ``-`` for standard input; the mention records ``--mentions`` adds are
passed over) or any document, which is handed to
:func:`mediacite.extract_path`. Exit codes: 0 success (every citation got a definitive
status, whatever it is), 1 when some input was skipped (the rest is still resolved), 2 for
usage errors, 3 when some citation ended as ``error`` (the archive failed, was given up on,
or the ``--deadline`` passed; a re-run with the cache redoes only those).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import sys
import time
from collections import Counter
from collections.abc import Sequence
from typing import IO, Any

from mediacite.cli.output import (
    RECORD_FORMATS,
    Column,
    Progress,
    default_format,
    error,
    write_records,
)
from mediacite.errors import InputError, MediaciteError
from mediacite.inputs import decompress, iter_lines, open_input, open_stdin, peek, strip_compression
from mediacite.limits import MAX_DOCUMENT_BYTES, MiB
from mediacite.models import Citation, Resolution, is_mention_record

log = logging.getLogger("mediacite.cli")

__all__ = ["FORMATS", "add_parser", "read_citations", "robust_link", "run", "write"]

FORMATS = (*RECORD_FORMATS, "robustlinks")

EXIT_ERRORS = 3
"""Exit code when some citation ended as ``error``."""

DEFAULT_DEADLINE = 30 * 60.0
"""Seconds one ``resolve`` run may take (``--deadline``): about 700 lookups at the Internet
Archive's polite rate, some 2,000 citations; what is left ends as ``error`` and is redone by
the next run, since resolved answers are cached."""

PROGRESS_EVERY = 10.0
"""Seconds between progress lines on standard error when it is not a terminal (``-v``)."""

_DURATION = re.compile(r"^(\d+(?:\.\d+)?)\s*([smh]?)$")

_JSONL_SNIFF_BYTES = 1 << 16
"""Bytes read to find a file's first line when telling citation records from documents."""

_CSV_FIELDS = (
    "status",
    "platform",
    "handle",
    "post_id",
    "date",
    "original_url",
    "archived_url",
    "captured_at",
    "http_status",
    "text_score",
    "error",
    "source",
    "line",
)


def add_parser(subparsers: Any) -> None:
    """Add ``resolve`` to the ``mediacite`` subcommands."""
    parser = subparsers.add_parser(
        "resolve",
        help="prove citations against a web archive",
        description="Look cited posts up in a web archive, play the closest snapshot back "
        "and check handle, date and text. 'Not archived' is a result, not an error.",
    )
    parser.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="JSONL citation records (from 'mediacite extract --format jsonl', - for stdin) "
        "or documents to extract citations from",
    )
    parser.add_argument(
        "--archive",
        default="wayback",
        help="'wayback' (default), 'archive.today', an http(s) URL of a pywb collection or "
        "CDX server, 'memento:TIMEMAP_URL', or a local .wacz / WARC file / folder",
    )
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default=None,
        help="output format (default: table on a terminal, jsonl otherwise)",
    )
    cache = parser.add_mutually_exclusive_group()
    cache.add_argument(
        "--cache",
        metavar="FILE",
        help="cache file (default: $MEDIACITE_CACHE, else the XDG cache dir)",
    )
    cache.add_argument("--no-cache", action="store_true", help="do not read or write the cache")
    parser.add_argument(
        "--deadline",
        type=_duration,
        default=DEFAULT_DEADLINE,
        metavar="TIME",
        help="give up on what is not resolved after TIME (seconds, or 90s, 15m, 1h; 0 for "
        "no deadline; default 30m): those citations end as 'error' and the exit code is 3",
    )
    parser.add_argument(
        "--concurrency",
        type=int,
        default=1,
        metavar="N",
        help="resolve N groups at a time (the archive's rate limits still apply)",
    )


def _duration(value: str) -> float:
    """Parse ``--deadline``: seconds, or a number with ``s``, ``m`` or ``h``."""
    match = _DURATION.match(value.strip().lower())
    if match is None:
        raise argparse.ArgumentTypeError(f"not a duration: {value!r} (try 90, 90s, 15m, 1h)")
    number, unit = float(match.group(1)), match.group(2)
    return number * {"": 1, "s": 1, "m": 60, "h": 3600}[unit]


def _error(message: str) -> None:
    error(f"resolve: {message}")


def _records(stream: IO[bytes], name: str) -> tuple[list[Citation], list[str]]:
    """Citation records, one JSON object per line, read line by line with the size limit.

    Mention records (``"type": "mention"``, from ``extract --mentions``) name no post to
    resolve and are passed over.
    """
    citations: list[Citation] = []
    problems: list[str] = []
    for number, line in enumerate(iter_lines(stream), 1):
        if line is None:
            problems.append(f"{name}:{number}: record larger than {MAX_DOCUMENT_BYTES // MiB} MiB")
            continue
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            if isinstance(record, dict) and is_mention_record(record):
                continue
            citations.append(Citation.from_dict(record))
        except (ValueError, TypeError) as exc:
            problems.append(f"{name}:{number}: not a citation record: {exc}")
    return citations, problems


def _is_citation_jsonl(name: str, head: bytes) -> bool:
    """Whether a file holds citation records: by its name, or a first line that is one."""
    if strip_compression(name).lower().endswith((".jsonl", ".ndjson")):
        return True
    first = next((line for line in head.splitlines() if line.strip()), b"")
    try:
        record = json.loads(first)
    except ValueError:
        return False
    return isinstance(record, dict) and (
        ("platform" in record and "kind" in record) or is_mention_record(record)
    )


def _read_one(name: str) -> tuple[list[Citation], list[str]]:
    if name == "-":
        return _records(open_stdin(), "<stdin>")
    if os.path.isdir(name):
        raise InputError("is a directory (name the files, or run 'mediacite extract' on it)")
    with open_input(name) as raw:
        stream, inner = decompress(raw, name)
        head, stream = peek(stream, _JSONL_SNIFF_BYTES)
        if _is_citation_jsonl(inner, head):
            return _records(stream, name)
        from mediacite.reading import iter_stream

        return list(iter_stream(stream, source=name, name=inner)), []


def read_citations(paths: Sequence[str]) -> tuple[list[Citation], list[str]]:
    """Read every PATH; return the citations and one message per skipped file or record.

    Only regular files and ``-`` are read; a FIFO, device or directory is skipped with a
    message, as is anything over the size limits of :mod:`mediacite.limits`.
    """
    citations: list[Citation] = []
    problems: list[str] = []
    for name in paths:
        log.info("reading %s", "standard input" if name == "-" else name)
        try:
            found, bad = _read_one(name)
        except (OSError, MediaciteError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            problems.append(f"{name}: skipped: {reason}")
            continue
        citations.extend(found)
        problems.extend(bad)
    return citations, problems


def _who(citation: Citation) -> str:
    return f"@{citation.handle}" if citation.handle else citation.platform


def _label(citation: Citation) -> str:
    handle = _who(citation)
    return f"{handle}, {citation.date}" if citation.date else handle


def robust_link(resolution: Resolution) -> str:
    """A Robust Links ``<a>`` for an archived post; a plain link or a comment otherwise.

    Links go to the post's own URL as the citation gives it (never an archive-reported one).
    """
    import html

    from mediacite.formats import ARCHIVED_STATUSES, linked_url
    from mediacite.formats import robust_link as archived_link

    label = _label(resolution.citation)
    if resolution.snapshot is not None and resolution.status in ARCHIVED_STATUSES:
        try:
            return archived_link(resolution, label)
        except ValueError:
            pass
    original = linked_url(resolution)
    if original is None:
        return f"<!-- {html.escape(label)}: {resolution.status}, no URL to link -->"
    href = html.escape(original, quote=True)
    return f'<a href="{href}">{html.escape(label)}</a><!-- {resolution.status} -->'


def _row(resolution: Resolution) -> dict[str, Any]:
    c, s = resolution.citation, resolution.snapshot
    text = resolution.evidence.get("text")
    return {
        "status": resolution.status,
        "platform": c.platform,
        "handle": c.handle,
        "post_id": c.post_id or resolution.evidence.get("post_id"),
        "date": c.date,
        "original_url": s.original_url if s else None,
        "archived_url": s.archived_url if s else None,
        "captured_at": s.captured_at if s else None,
        "http_status": s.status if s else None,
        "text_score": text.get("score") if isinstance(text, dict) else None,
        "error": resolution.error,
        "source": c.source,
        "line": c.line,
    }


def _summary(resolutions: Sequence[Resolution]) -> str:
    counts = Counter(r.status for r in resolutions)
    return ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))


RESOLUTION_COLUMNS: tuple[Column, ...] = (
    ("status", lambda r: r.status, {"no_wrap": True}),
    ("post", lambda r: f"{_who(r.citation)}\n{_row(r)['post_id'] or ''}".rstrip(), {"id": True}),
    ("date / captured", lambda r: f"{r.citation.date or '-'}\n{(_row(r)['captured_at'] or '')[:10]}"
     .rstrip(), {"no_wrap": True}),
    ("snapshot", lambda r: _row(r)["archived_url"] or (r.error or "-"),
     {"overflow": "fold", "ratio": 1, "min_width": 16}),
)  # fmt: skip
"""The table columns of a resolution: the same style as ``extract``'s table."""


def write(resolutions: Sequence[Resolution], fmt: str, out: IO[str]) -> None:
    """Write resolutions to ``out`` in one of :data:`FORMATS`."""
    if fmt == "robustlinks":
        for r in resolutions:
            out.write(robust_link(r) + "\n")
        return
    write_records(
        resolutions,
        fmt,
        out,
        record=Resolution.to_dict,
        row=_row,
        fields=_CSV_FIELDS,
        columns=RESOLUTION_COLUMNS,
        footer=_summary,
    )


def _logging(verbose: int) -> logging.Handler | None:
    """Send the resolver's log to standard error at INFO (``-v``) or DEBUG (``-vv``)."""
    if not verbose:
        return None
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("mediacite resolve: %(message)s"))
    logger = logging.getLogger("mediacite.resolver")
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG if verbose > 1 else logging.INFO)
    return handler


class _Lines:
    """Progress as log lines, for standard error that is not a terminal (CI, pipes)."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.started = self.last = time.monotonic()

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if now - self.last >= PROGRESS_EVERY or done == total:
            self.last = now
            logging.getLogger("mediacite.resolver").info(
                "%d/%d citations answered in %.0f s", done, total, now - self.started
            )


def run(args: argparse.Namespace) -> int:
    """Run ``mediacite resolve``; return the exit code."""
    handler = _logging(args.verbose)
    try:
        return _run(args)
    finally:
        if handler is not None:
            logging.getLogger("mediacite.resolver").removeHandler(handler)


def _run(args: argparse.Namespace) -> int:
    import sqlite3

    from mediacite.resolver import DEFAULT_CACHE, AsyncResolver, CacheArg, Resolver, open_archive

    if args.concurrency < 1:
        _error("--concurrency must be at least 1")
        return 2
    if args.deadline < 0:
        _error("--deadline must not be negative")
        return 2
    deadline = args.deadline or None
    try:
        archive = open_archive(args.archive)
    except (ValueError, OSError) as exc:
        _error(str(exc))
        return 2
    citations, problems = read_citations(args.paths)
    for problem in problems:
        _error(problem)
    cache: CacheArg = None if args.no_cache else (args.cache or DEFAULT_CACHE)
    progress = Progress("citation", enabled=args.progress and not args.quiet, total=len(citations))
    lines = _Lines(len(citations)) if args.verbose and not sys.stderr.isatty() else None

    def advance(done: int, total: int) -> None:
        progress.advance()
        if lines is not None:
            lines(done, total)

    try:
        with progress:
            if args.concurrency > 1:
                import anyio

                async def go() -> list[Resolution]:
                    async with AsyncResolver(
                        archive,
                        cache=cache,
                        progress=advance,
                        concurrency=args.concurrency,
                        deadline=deadline,
                    ) as resolver:
                        return await resolver.resolve(citations)

                resolutions = anyio.run(go)
            else:
                with Resolver(
                    archive, cache=cache, progress=advance, deadline=deadline
                ) as resolver:
                    resolutions = resolver.resolve(citations)
    except (OSError, sqlite3.Error) as exc:
        _error(f"cannot use the cache: {exc}")
        return 1
    out: IO[str] = args.out
    write(resolutions, args.format or default_format(out), out)
    if not args.quiet:
        print(f"{progress.summary()} ({_summary(resolutions) or 'nothing to resolve'})",
              file=sys.stderr)  # fmt: skip
    failed = [r.error or "" for r in resolutions if r.status == "error"]
    if failed:
        reasons = Counter(error.split("; ")[0].split(": ", 1)[-1] for error in failed)
        _error(
            f"{len(failed)} of {len(resolutions)} citations could not be resolved (status "
            f"error); most often: {reasons.most_common(1)[0][0]}"
        )
        return EXIT_ERRORS
    return 1 if problems else 0
