"""The ``mediacite`` command line.

Exit codes: 0 success (also when nothing was found), 1 when some input could not be read
(the others are still processed), 2 for usage errors.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO

from mediacite.errors import MediaciteError
from mediacite.models import Citation

__all__ = ["main"]

FORMATS = ("table", "json", "jsonl", "csv")
_LIST_FIELDS = ("media", "urls", "mentions", "hashtags")


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mediacite",
        description="Find social-media post citations in articles and prove them against "
        "web archives.",
    )
    parser.add_argument("--version", action="version", version=_version())
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    extract = commands.add_parser(
        "extract",
        help="find citations in text or HTML files",
        description="Find citations in files ('-' reads standard input) and print one record each.",
    )
    extract.add_argument("paths", nargs="+", metavar="PATH", help="files to read, or - for stdin")
    extract.add_argument(
        "--format",
        choices=FORMATS,
        default=None,
        help="output format (default: table on a terminal, jsonl otherwise)",
    )
    extract.add_argument(
        "--input",
        choices=("auto", "text", "html"),
        default="auto",
        help="how to read the files (default: auto-detect HTML)",
    )
    extract.add_argument(
        "--encoding", default=None, help="encoding of files without a byte-order mark (UTF-8)"
    )
    return parser


def _version() -> str:
    from mediacite import __version__

    return f"mediacite {__version__}"


def _citations(args: argparse.Namespace, errors: list[str]) -> Iterator[Citation]:
    from mediacite.extract import extract, iter_path

    for path in args.paths:
        try:
            if path == "-":
                data = sys.stdin.buffer.read()
                yield from extract(data, input=args.input, encoding=args.encoding)
            else:
                yield from iter_path(path, input=args.input, encoding=args.encoding)
        except MediaciteError as exc:
            errors.append(f"{path}: {exc}")
        except OSError as exc:
            errors.append(f"{path}: {exc.strerror or exc}")


def _write_jsonl(citations: Iterable[Citation], out: IO[str]) -> None:
    for c in citations:
        out.write(json.dumps(c.to_dict(), ensure_ascii=False))
        out.write("\n")


def _write_json(citations: Iterable[Citation], out: IO[str]) -> None:
    out.write("[")
    sep = "\n"
    for c in citations:
        out.write(sep)
        out.write(json.dumps(c.to_dict(), ensure_ascii=False, indent=1))
        sep = ",\n"
    out.write("\n]\n" if sep != "\n" else "]\n")


def _write_csv(citations: Iterable[Citation], out: IO[str]) -> None:
    import attrs

    names = [f.name for f in attrs.fields(Citation)]
    writer = csv.writer(out)
    writer.writerow(names)
    for c in citations:
        record = c.to_dict()
        writer.writerow(
            " ".join(record[n]) if n in _LIST_FIELDS else ("" if record[n] is None else record[n])
            for n in names
        )


def _write_table(citations: Iterable[Citation], out: IO[str]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(header_style="bold")
    table.add_column("where", no_wrap=True)
    table.add_column("post", no_wrap=True)
    table.add_column("who", min_width=16, max_width=24)
    table.add_column("date", no_wrap=True)
    table.add_column("text", ratio=1, min_width=20)
    table.add_column("media / id", overflow="fold")
    count = 0
    for c in citations:
        count += 1
        table.add_row(
            f"{Path(c.source).name if c.source else '-'}:{c.line}:{c.column}",
            f"{c.platform} {c.kind}",
            "\n".join(filter(None, (c.author, f"@{c.handle}" if c.handle else None))),
            c.date or "",
            c.text or "",
            " ".join(c.media) or (c.post_id or ""),
        )
    console = Console(file=out, highlight=False, markup=False, emoji=False)
    console.print(table)
    console.print(f"{count} citation{'s' if count != 1 else ''}")


_WRITERS = {"jsonl": _write_jsonl, "json": _write_json, "csv": _write_csv, "table": _write_table}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = _build_parser()
    args = parser.parse_args(argv)
    fmt = args.format or ("table" if sys.stdout.isatty() else "jsonl")
    errors: list[str] = []
    try:
        _WRITERS[fmt](_citations(args, errors), sys.stdout)
        sys.stdout.flush()
    except BrokenPipeError:
        sys.stderr.close()
        return 0
    for message in errors:
        print(f"mediacite: {message}", file=sys.stderr)
    return 1 if errors else 0

