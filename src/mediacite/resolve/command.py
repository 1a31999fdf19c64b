"""The ``mediacite resolve`` subcommand: prove citations against a web archive.

``PATH`` arguments are JSONL files of citation records (as ``mediacite extract --format
jsonl`` writes them, ``-`` for standard input) or any document, which is handed to
:func:`mediacite.extract_path`. Exit codes: 0 success (whatever the statuses), 1 when some
input was skipped (the rest is still resolved), 2 for usage errors.
"""

from __future__ import annotations

import argparse
import csv
import html
import json
import sqlite3
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO, Any

from mediacite.errors import MediaciteError
from mediacite.models import Citation, Resolution, is_mention_record
from mediacite.resolve.archives import open_archive
from mediacite.resolve.resolver import DEFAULT_CACHE, AsyncResolver, CacheArg, Resolver

__all__ = ["FORMATS", "add_parser", "robust_link", "run"]

FORMATS = ("table", "json", "jsonl", "csv", "robustlinks")

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


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``resolve`` subcommand to a ``mediacite`` parser."""
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
        "--concurrency",
        type=int,
        default=1,
        metavar="N",
        help="resolve N groups at a time (the archive's rate limits still apply)",
    )


def _error(message: str) -> None:
    print(f"mediacite resolve: {message}", file=sys.stderr)


def _records(lines: Iterable[str], name: str) -> tuple[list[Citation], list[str]]:
    citations: list[Citation] = []
    problems: list[str] = []
    for number, line in enumerate(lines, 1):
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


def _looks_like_jsonl(path: Path) -> bool:
    if path.suffix in (".jsonl", ".ndjson"):
        return True
    with path.open("rb") as stream:
        head = stream.read(65536)
    first = next((line for line in head.splitlines() if line.strip()), b"")
    try:
        record = json.loads(first)
    except ValueError:
        return False
    return isinstance(record, dict) and (
        ("platform" in record and "kind" in record) or is_mention_record(record)
    )


def read_citations(paths: Sequence[str]) -> tuple[list[Citation], list[str]]:
    """Read every PATH; return the citations and one message per skipped file or record."""
    citations: list[Citation] = []
    problems: list[str] = []
    for name in paths:
        if name == "-":
            found, bad = _records(sys.stdin, "<stdin>")
            citations.extend(found)
            problems.extend(bad)
            continue
        path = Path(name)
        try:
            if path.is_dir():
                raise IsADirectoryError("is a directory")
            if _looks_like_jsonl(path):
                found, bad = _records(path.read_text(encoding="utf-8").splitlines(), name)
            else:
                from mediacite import extract_path

                found, bad = list(extract_path(path)), []
        except (OSError, UnicodeDecodeError, MediaciteError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            problems.append(f"{name}: skipped: {reason}")
            continue
        citations.extend(found)
        problems.extend(bad)
    return citations, problems


def _label(citation: Citation) -> str:
    handle = f"@{citation.handle}" if citation.handle else citation.platform
    return f"{handle}, {citation.date}" if citation.date else handle


def _original(resolution: Resolution) -> str | None:
    if resolution.snapshot is not None:
        return resolution.snapshot.original_url
    c = resolution.citation
    if c.url:
        return c.url
    if c.handle and c.post_id:
        return f"https://twitter.com/{c.handle}/status/{c.post_id}"
    return None


def robust_link(resolution: Resolution) -> str:
    """A Robust Links ``<a>`` for an archived post; a plain link or a comment otherwise."""
    from mediacite.formats import ARCHIVED_STATUSES
    from mediacite.formats import robust_link as archived_link

    label = _label(resolution.citation)
    if resolution.snapshot is not None and resolution.status in ARCHIVED_STATUSES:
        try:
            return archived_link(resolution, label)
        except ValueError:
            pass
    original = _original(resolution)
    if original is None or not original.startswith(("https://", "http://")):
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


def _write_table(resolutions: Sequence[Resolution], out: IO[str]) -> None:
    header = ("STATUS", "HANDLE", "POST", "DATE", "CAPTURED", "SNAPSHOT")
    rows = [header]
    for r in resolutions:
        fields = _row(r)
        rows.append(
            (
                r.status,
                f"@{r.citation.handle}" if r.citation.handle else "-",
                str(fields["post_id"] or "-"),
                r.citation.date or "-",
                (fields["captured_at"] or "-")[:10],
                fields["archived_url"] or (r.error or "-"),
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(header) - 1)]
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        out.write("  ".join([*cells, row[-1]]).rstrip() + "\n")
    counts = Counter(r.status for r in resolutions)
    out.write(", ".join(f"{n} {status}" for status, n in sorted(counts.items())) + "\n")


def write(resolutions: Sequence[Resolution], fmt: str, out: IO[str]) -> None:
    """Write resolutions to ``out`` in one of :data:`FORMATS`."""
    if fmt == "json":
        json.dump([r.to_dict() for r in resolutions], out, indent=2, ensure_ascii=False)
        out.write("\n")
    elif fmt == "jsonl":
        for r in resolutions:
            out.write(json.dumps(r.to_dict(), ensure_ascii=False) + "\n")
    elif fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=_CSV_FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(_row(r) for r in resolutions)
    elif fmt == "robustlinks":
        for r in resolutions:
            out.write(robust_link(r) + "\n")
    else:
        _write_table(resolutions, out)


class _ProgressLine:
    """A one-line progress display on standard error (only when it is a terminal)."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        if self.enabled:
            sys.stderr.write(f"\rresolving: {done}/{total}")
            sys.stderr.flush()
            self.shown = True

    def close(self) -> None:
        if self.shown:
            sys.stderr.write("\n")


def run(args: argparse.Namespace) -> int:
    """Run ``mediacite resolve``; return the exit code."""
    if args.concurrency < 1:
        _error("--concurrency must be at least 1")
        return 2
    try:
        archive = open_archive(args.archive)
    except (ValueError, OSError) as exc:
        _error(str(exc))
        return 2
    citations, problems = read_citations(args.paths)
    for problem in problems:
        _error(problem)
    cache: CacheArg = None if args.no_cache else (args.cache or DEFAULT_CACHE)
    progress = _ProgressLine(sys.stderr.isatty())
    try:
        if args.concurrency > 1:
            import anyio

            async def go() -> list[Resolution]:
                async with AsyncResolver(
                    archive, cache=cache, progress=progress, concurrency=args.concurrency
                ) as resolver:
                    return await resolver.resolve(citations)

            resolutions = anyio.run(go)
        else:
            with Resolver(archive, cache=cache, progress=progress) as resolver:
                resolutions = resolver.resolve(citations)
    except (OSError, sqlite3.Error) as exc:
        _error(f"cannot use the cache: {exc}")
        return 1
    finally:
        progress.close()
    fmt = args.format or ("table" if sys.stdout.isatty() else "jsonl")
    write(resolutions, fmt, sys.stdout)
    return 1 if problems else 0
