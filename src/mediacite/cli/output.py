"""Everything the commands print: record formats, the one table style, progress and summaries.

Every command writes its records through :func:`write_records` (``jsonl``, ``json``, ``csv`` or
a table) and reports progress through :class:`Progress`, which draws a live line on a
terminal's standard error and ends with a one-line summary.
"""

from __future__ import annotations

import csv
import json
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from typing import IO, Any, TypeVar

from rich.console import Console
from rich.table import Table

__all__ = [
    "RECORD_FORMATS",
    "Column",
    "Progress",
    "default_format",
    "plural",
    "write_records",
]

T = TypeVar("T")

RECORD_FORMATS = ("table", "json", "jsonl", "csv")
"""Output formats every record-printing command offers."""

Column = tuple[str, Callable[[Any], str], dict[str, Any]]
"""A table column: its header, how to fill a cell from a record, and rich column options."""


def default_format(out: IO[str]) -> str:
    """A table for people (``out`` is a terminal), JSON Lines for programs."""
    return "table" if out.isatty() else "jsonl"


def plural(count: int, noun: str) -> str:
    """``1 citation``, ``2 citations``."""
    return f"{count} {noun}{'s' * (count != 1)}"


def write_jsonl(records: Iterable[dict[str, Any]], out: IO[str]) -> None:
    """One JSON object per line, UTF-8 text unescaped."""
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False))
        out.write("\n")


def write_json(records: Iterable[dict[str, Any]], out: IO[str], *, indent: int = 1) -> None:
    """One JSON array, streamed record by record."""
    out.write("[")
    sep = "\n"
    for record in records:
        out.write(sep)
        out.write(json.dumps(record, ensure_ascii=False, indent=indent))
        sep = ",\n"
    out.write("\n]\n" if sep != "\n" else "]\n")


def write_csv(rows: Iterable[dict[str, Any]], out: IO[str], fields: Sequence[str]) -> None:
    """A CSV file (RFC 4180) with a header row; lists become space-separated cells."""
    writer = csv.writer(out)
    writer.writerow(fields)
    for row in rows:
        writer.writerow(_cell(row.get(name)) for name in fields)


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return " ".join(str(v) for v in value)
    return value


def write_table(
    items: Iterable[T],
    out: IO[str],
    columns: Sequence[Column],
    *,
    footer: Callable[[list[T]], str],
) -> None:
    """The one table style of every command: a rich table, then a summary line."""
    table = Table(header_style="bold")
    for header, _, options in columns:
        table.add_column(header, **options)
    seen: list[T] = []
    for item in items:
        seen.append(item)
        table.add_row(*(cell(item) for _, cell, _ in columns))
    console = Console(file=out, highlight=False, markup=False, emoji=False)
    console.print(table)
    console.print(footer(seen))


def write_records(
    items: Iterable[T],
    fmt: str,
    out: IO[str],
    *,
    record: Callable[[T], dict[str, Any]],
    row: Callable[[T], dict[str, Any]],
    fields: Sequence[str],
    columns: Sequence[Column],
    footer: Callable[[list[T]], str],
) -> None:
    """Write ``items`` in ``fmt``: ``record`` gives the JSON form, ``row`` the CSV row."""
    if fmt == "jsonl":
        write_jsonl((record(i) for i in items), out)
    elif fmt == "json":
        write_json((record(i) for i in items), out)
    elif fmt == "csv":
        write_csv((row(i) for i in items), out, fields)
    else:
        write_table(items, out, columns, footer=footer)


class Progress:
    """A live progress line on standard error when it is a terminal, and the final summary.

    ``noun`` names the work unit (``document``, ``citation``) and ``found`` the records units
    give, if they give any; :meth:`advance` counts both.
    """

    def __init__(
        self, noun: str, found: str | None = None, *, enabled: bool, total: int | None = None
    ) -> None:
        self.noun = noun
        self.found_noun = found
        self.total = total
        self.done = self.found = self.failed = 0
        self.started = time.perf_counter()
        self._bar: Any = None
        if enabled and sys.stderr.isatty():
            from rich.progress import Progress as Bar
            from rich.progress import SpinnerColumn, TextColumn, TimeElapsedColumn

            self._bar = Bar(
                SpinnerColumn(),
                TextColumn("{task.description}"),
                TimeElapsedColumn(),
                transient=True,
                console=Console(file=sys.stderr),
            )
            self._task = self._bar.add_task("starting")

    def __enter__(self) -> Progress:
        if self._bar is not None:
            self._bar.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()

    def advance(self, found: int = 0, *, failed: bool = False, finished: bool = True) -> None:
        """Count one unit of work (``finished``), the records it gave, and whether it failed."""
        self.done += finished
        self.found += found
        self.failed += failed
        if self._bar is not None:
            rate = self.done / max(time.perf_counter() - self.started, 1e-9)
            of = f"/{self.total}" if self.total is not None else ""
            records = f", {plural(self.found, self.found_noun)}" if self.found_noun else ""
            self._bar.update(
                self._task, description=f"{self.done}{of} {self.noun}s ({rate:,.0f}/s){records}"
            )

    def summary(self) -> str:
        """``mediacite: 12 documents, 3 skipped, 40 citations in 1.2 s``."""
        seconds = time.perf_counter() - self.started
        skipped = f", {self.failed} skipped" if self.failed else ""
        found = f", {plural(self.found, self.found_noun)}" if self.found_noun else ""
        return f"mediacite: {plural(self.done, self.noun)}{skipped}{found} in {seconds:.1f} s"
