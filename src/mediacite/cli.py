"""The ``mediacite`` command line.

Exit codes: 0 success (also when nothing was found), 1 when some input could not be read
(the others are still processed), 2 for usage errors.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import attrs

from mediacite.errors import MediaciteError
from mediacite.models import Citation, Mention, Resolution

if TYPE_CHECKING:
    from mediacite.check import Config, Lockfile
    from mediacite.corpus import Document, Problem

__all__ = ["main"]

FORMATS = ("table", "json", "jsonl", "csv")
_LIST_FIELDS = ("media", "urls", "mentions", "hashtags", "flags", "also_at")
Record = Citation | Mention


def _build_parser(command: str | None = None) -> argparse.ArgumentParser:
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
    extract.add_argument(
        "--mentions",
        action="store_true",
        help="also report prose mentions of posts ('X tweeted that ...'), each saying whether "
        "a citation of the same document backs it (documents are then read whole)",
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
    _add_check_parsers(commands)
    if command == "resolve":
        from mediacite.resolve import command as resolve_command

        resolve_command.add_parser(commands)
    else:
        # The real parser imports the network stack; it is only built when it is used.
        commands.add_parser("resolve", help="prove citations against a web archive")
    return parser


def _add_check_parsers(commands: Any) -> None:
    check = commands.add_parser(
        "check",
        help="report citations that are incomplete or not pinned in the lockfile (offline)",
        description="Report each citation that is incomplete, missing from mediacite.lock, or "
        "not archived according to it, and (with [tool.mediacite] unsourced) each sentence "
        "reporting a post the story does not cite. Prints 'path:line:col: CODE message' per "
        "finding. Exit 0 when clean or with warnings only, 1 with findings, 2 on usage or "
        "internal errors.",
    )
    check.add_argument("paths", nargs="+", metavar="PATH", help="files or directories")
    check.add_argument("--format", choices=("text", "json", "github"), default="text")
    check.add_argument(
        "--online", action="store_true", help="resolve citations missing from the lockfile first"
    )
    lock = commands.add_parser(
        "lock",
        help="resolve what mediacite.lock lacks and update it",
        description="Resolve the citations of PATHs that the lockfile lacks against the "
        "archive and write the lockfile (atomically, sorted keys).",
    )
    lock.add_argument("paths", nargs="+", metavar="PATH", help="files or directories")
    lock.add_argument("--prune", action="store_true", help="drop entries no file cites any more")
    for sub in (check, lock):
        sub.add_argument(
            "--lock",
            default=None,
            metavar="FILE",
            help="lockfile (default: [tool.mediacite] lock, or mediacite.lock)",
        )
        sub.add_argument(
            "--archive",
            default=None,
            help="wayback, a pywb/CDX URL, or a local .wacz/folder "
            "(default: [tool.mediacite] archive, or wayback)",
        )


def _version() -> str:
    from mediacite import __version__

    return f"mediacite {__version__}"


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


def _citations(args: argparse.Namespace, problems: list[Problem]) -> Iterator[Record]:
    """Every record: each document's citations, then (with ``--mentions``) its mentions."""
    from mediacite.corpus import Problem, extract_corpus

    stats = _Progress(enabled=not args.quiet and sys.stderr.isatty(), mentions=args.mentions)
    with stats:
        for out in extract_corpus(
            _documents(args),
            jobs=max(1, args.jobs),
            ordered=not args.unordered,
            encoding=args.encoding,
            mentions=args.mentions,
        ):
            if isinstance(out, Problem):
                problems.append(out)
                stats.advance(0, failed=True)
                continue
            if out.problem is not None:
                problems.append(out.problem)
            stats.advance(
                len(out.citations),
                failed=out.problem is not None,
                finished=out.complete,
                mentions=len(out.mentions),
            )
            stdin = out.document.source == "-"
            records: list[Record] = [*out.citations, *out.mentions]
            for record in records:
                yield attrs.evolve(record, source=None) if stdin else record
    if not args.quiet:
        print(stats.summary(), file=sys.stderr)


class _Progress:
    """A progress line on a terminal (documents/s, citations found) and the final summary."""

    def __init__(self, *, enabled: bool, mentions: bool = False) -> None:
        self.documents = self.citations = self.failed = self.mentions = 0
        self.counting_mentions = mentions
        self.started = time.perf_counter()
        self._bar: Any = None
        if enabled:
            from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            self._bar = Progress(
                SpinnerColumn(),
                TextColumn("{task.description}"),
                TimeElapsedColumn(),
                transient=True,
            )
            self._task = self._bar.add_task("starting")

    def __enter__(self) -> _Progress:
        if self._bar is not None:
            self._bar.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()

    def advance(
        self, citations: int, *, failed: bool = False, finished: bool = True, mentions: int = 0
    ) -> None:
        self.documents += finished
        self.citations += citations
        self.mentions += mentions
        self.failed += failed
        if self._bar is not None:
            rate = self.documents / max(time.perf_counter() - self.started, 1e-9)
            self._bar.update(
                self._task,
                description=f"{self.documents} documents ({rate:,.0f}/s), "
                f"{self.citations} citations",
            )

    def summary(self) -> str:
        seconds = time.perf_counter() - self.started
        skipped = f", {self.failed} skipped" if self.failed else ""
        said = (
            f", {self.mentions} mention{'s' * (self.mentions != 1)}"
            if self.counting_mentions
            else ""
        )
        return (
            f"mediacite: {self.documents} document{'s' * (self.documents != 1)}{skipped}, "
            f"{self.citations} citation{'s' * (self.citations != 1)}{said} in {seconds:.1f} s"
        )


def _write_jsonl(records: Iterable[Record], out: IO[str], mentions: bool) -> None:
    for r in records:
        out.write(json.dumps(r.to_dict(), ensure_ascii=False))
        out.write("\n")


def _write_json(records: Iterable[Record], out: IO[str], mentions: bool) -> None:
    out.write("[")
    sep = "\n"
    for r in records:
        out.write(sep)
        out.write(json.dumps(r.to_dict(), ensure_ascii=False, indent=1))
        sep = ",\n"
    out.write("\n]\n" if sep != "\n" else "]\n")


def _csv_columns(mentions: bool) -> list[str]:
    """The CSV header: the citation's fields, and with mentions some more.

    With mentions a leading ``type`` column (``citation`` or ``mention``) and the fields
    only mentions have follow.
    """
    names = [f.name for f in attrs.fields(Citation)]
    if not mentions:
        return names
    extra = [f.name for f in attrs.fields(Mention) if f.name not in names]
    return ["type", *names, *extra]


def _csv_value(record: dict[str, Any], name: str) -> Any:
    value = record.get(name)
    if name == "sourced":
        return value["identity"] if value else ""
    if name in _LIST_FIELDS and isinstance(value, list):
        return " ".join(value)
    return "" if value is None else value


def _write_csv(records: Iterable[Record], out: IO[str], mentions: bool) -> None:
    names = _csv_columns(mentions)
    writer = csv.writer(out)
    writer.writerow(names)
    for r in records:
        record = r.to_dict()
        if isinstance(r, Citation):
            record["also_at"] = [f"{s['line']}:{s['column']}" for s in record["also_at"]]
            if mentions:
                record["type"] = "citation"
        writer.writerow(_csv_value(record, n) for n in names)


def _write_table(records: Iterable[Record], out: IO[str], mentions: bool) -> None:
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
    said: list[Mention] = []
    for c in records:
        if isinstance(c, Mention):
            said.append(c)
            continue
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
    if mentions:
        console.print(_mention_table(said))
        unsourced = sum(m.sourced is None for m in said)
        console.print(
            f"{len(said)} mention{'s' if len(said) != 1 else ''}, {unsourced} without a cited post"
        )


def _mention_table(mentions: Sequence[Mention]) -> Any:
    from rich.table import Table

    table = Table(header_style="bold")
    table.add_column("where", no_wrap=True)
    table.add_column("post", no_wrap=True)
    table.add_column("who", min_width=12, max_width=24)
    table.add_column("cue", max_width=24)
    table.add_column("date", no_wrap=True)
    table.add_column("sentence", ratio=1, min_width=20)
    table.add_column("cited", no_wrap=True)
    for m in mentions:
        table.add_row(
            f"{Path(m.source).name if m.source else '-'}:{m.line}:{m.column}",
            m.platform,
            "\n".join(filter(None, (m.author, f"@{m.handle}" if m.handle else None))),
            m.cue,
            m.date or "",
            m.sentence,
            f"{m.sourced.line}:{m.sourced.column}" if m.sourced else "no",
        )
    return table


_WRITERS = {"jsonl": _write_jsonl, "json": _write_json, "csv": _write_csv, "table": _write_table}


def _config(args: argparse.Namespace) -> Config:
    from mediacite.check import load_config

    config = load_config()
    if args.lock:
        config = attrs.evolve(config, lock=str(Path(args.lock).resolve()))
    if args.archive:
        config = attrs.evolve(config, archive=args.archive)
    return config


def _resolve_missing(
    citations: Iterable[Citation], lock: Lockfile, archive: str
) -> list[Resolution]:
    from mediacite.check import identifiable, identity_key
    from mediacite.resolve import resolve

    todo: dict[str, Citation] = {}
    for c in citations:
        key = identity_key(c)
        entry = lock.entries.get(key)
        if identifiable(c) and (entry is None or entry["status"] == "error"):
            todo.setdefault(key, c)
    return list(resolve(list(todo.values()), archive=archive)) if todo else []


def _cited(paths: Sequence[str], config: Config) -> tuple[list[Citation], list[str]]:
    from mediacite.check import iter_files, read_citations

    citations: list[Citation] = []
    errors: list[str] = []
    for item in iter_files(paths, config.include):
        if not isinstance(item, str):
            errors.append(item.text())
            continue
        try:
            citations.extend(read_citations(item)[1])
        except (MediaciteError, OSError) as exc:
            errors.append(f"{item}: {exc}")
    return citations, errors


def _run_check(args: argparse.Namespace) -> int:
    from mediacite.check import Lockfile, check_files, identity_key

    config = _config(args)
    lock = Lockfile.load(config.lock_path)
    online: dict[str, Resolution] = {}
    if args.online:
        citations, _ = _cited(args.paths, config)
        online = {
            identity_key(r.citation): r for r in _resolve_missing(citations, lock, config.archive)
        }
    findings = check_files(args.paths, config, lock=lock, online=online)
    if args.format == "json":
        print(json.dumps([attrs.asdict(f) for f in findings], indent=1))
    else:
        for finding in findings:
            print(finding.github() if args.format == "github" else finding.text())
    return 1 if any(f.severity == "error" for f in findings) else 0


def _run_lock(args: argparse.Namespace) -> int:
    from mediacite.check import Lockfile, identity_key

    config = _config(args)
    lock = Lockfile.load(config.lock_path)
    citations, errors = _cited(args.paths, config)
    cited: dict[str, set[str]] = {}
    root = config.root
    for c in citations:
        source = Path(c.source or "").resolve()
        name = str(source.relative_to(root)) if source.is_relative_to(root) else str(source)
        cited.setdefault(identity_key(c), set()).add(name)
    resolutions = _resolve_missing(citations, lock, config.archive)
    for resolution in resolutions:
        lock.record(resolution, cited.get(identity_key(resolution.citation), ()))
    lock.set_files(cited, prune=args.prune)
    lock.save()
    for message in errors:
        print(f"mediacite: {message}", file=sys.stderr)
    statuses = Counter(r.status for r in resolutions)
    summary = ", ".join(f"{n} {status}" for status, n in sorted(statuses.items())) or "nothing new"
    print(
        f"mediacite: {len(lock.entries)} entries in {config.lock_path} ({summary})", file=sys.stderr
    )
    return 1 if errors else 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    words = list(sys.argv[1:] if argv is None else argv)
    parser = _build_parser(next((w for w in words if not w.startswith("-")), None))
    args = parser.parse_args(words)
    if args.command == "resolve":
        from mediacite.resolve import command as resolve_command

        return resolve_command.run(args)
    if args.command in ("check", "lock"):
        try:
            return _run_check(args) if args.command == "check" else _run_lock(args)
        except MediaciteError as exc:
            print(f"mediacite: {exc}", file=sys.stderr)
            return 2
    fmt = args.format or ("table" if sys.stdout.isatty() else "jsonl")
    problems: list[Problem] = []
    try:
        _WRITERS[fmt](_citations(args, problems), sys.stdout, args.mentions)
        sys.stdout.flush()
    except BrokenPipeError:
        sys.stderr.close()
        return 0
    for problem in problems:
        print(f"mediacite: {problem.where}: {problem.message}", file=sys.stderr)
    return 1 if problems else 0
