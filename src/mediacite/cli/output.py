"""Everything the commands print: record formats, the one table style, progress, logs, ``-o``.

Every command writes its records through :func:`write_records` (``jsonl``, ``json``, ``csv`` or
a table) to the stream :class:`AtomicOutput` gives (standard output, or ``-o FILE`` written to a
temporary file and renamed over FILE when the command succeeds). CSV cells are defused against
spreadsheet formulas and table cells and messages against terminal control sequences
(:mod:`mediacite.encoders`). :class:`Progress` draws a live line on standard error when it is a
terminal and ends with a one-line summary; :func:`setup_logging` routes the ``mediacite``
loggers to standard error (``-v`` INFO, ``-vv`` DEBUG), through the progress line's console so
the two never tear each other.
"""

from __future__ import annotations

import errno
import functools
import io
import json
import logging
import os
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from typing import IO, TYPE_CHECKING, Any, TypeVar

import attrs

from mediacite.encoders import csv_cell, terminal_line, terminal_text

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult
    from rich.measure import Measurement

__all__ = [
    "RECORD_FORMATS",
    "TABLE_TEXT_LINES",
    "AtomicOutput",
    "Clamped",
    "Column",
    "Progress",
    "RecordSink",
    "Renderer",
    "default_format",
    "error",
    "plural",
    "setup_logging",
    "stderr_console",
    "write_records",
    "write_rendered",
    "write_table",
]

T = TypeVar("T")

RECORD_FORMATS = ("table", "json", "jsonl", "csv")
"""Output formats every record-printing command offers."""

TABLE_TEXT_LINES = 2
"""Lines a table cell of free text (post text, errors) may take; the rest is an ellipsis."""

Column = tuple[str, Callable[[Any], str], dict[str, Any]]
"""A table column: its header, how to fill a cell from a record, and rich column options.

Options are rich's (``no_wrap``, ``min_width``, ``max_width``, ``ratio``) plus ``"id": True``
for cells that must never be cut or wrapped (post ids, media links): the column is made as
wide as its widest cell, and ``"clamp": True`` for free text shown on at most
:data:`TABLE_TEXT_LINES` lines, ending with an ellipsis when cut.
"""


def default_format(out: IO[str]) -> str:
    """A table for people (``out`` is a terminal), JSON Lines for programs."""
    return "table" if out.isatty() else "jsonl"


def plural(count: int, noun: str) -> str:
    """``1 citation``, ``2 citations``."""
    return f"{count} {noun}{'s' * (count != 1)}"


@functools.cache
def stderr_console() -> Console:
    """The one console on standard error: progress line, log records and messages."""
    from rich.console import Console

    return Console(file=sys.stderr, highlight=False, markup=False, emoji=False)


def error(message: str) -> None:
    """Print ``mediacite: message`` on standard error, its text made terminal-safe.

    On a terminal it goes through the progress line's console, above the live line.
    """
    line = f"mediacite: {terminal_line(message)}"
    console = stderr_console()
    if console.is_terminal:
        from rich.text import Text

        console.print(Text(line), soft_wrap=True)
    else:
        print(line, file=sys.stderr)


class _Handler(logging.Handler):
    """Log records on standard error, one line each, through the progress line's console."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            line = terminal_line(self.format(record))
            console = stderr_console()
            if console.is_terminal:
                from rich.text import Text

                console.print(Text(line), soft_wrap=True)
            else:
                print(line, file=sys.stderr, flush=True)
        except Exception:  # logging must never end the run
            self.handleError(record)


def setup_logging(verbosity: int, *, quiet: bool = False) -> None:
    """Send the ``mediacite`` loggers to standard error: warnings, ``-v`` INFO, ``-vv`` DEBUG."""
    level = logging.ERROR if quiet else (logging.WARNING, logging.INFO)[min(verbosity, 1)]
    if verbosity >= 2 and not quiet:
        level = logging.DEBUG
    logger = logging.getLogger("mediacite")
    for handler in [h for h in logger.handlers if isinstance(h, _Handler)]:
        logger.removeHandler(handler)
    handler = _Handler()
    handler.setFormatter(logging.Formatter("%(name)s: %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(level)


class AtomicOutput:
    """Standard output, or ``FILE`` written whole or not at all.

    With a file, :attr:`stream` is a temporary file beside it; :meth:`commit` renames it over
    ``FILE`` (``os.replace``); leaving the context without a commit removes it, so a failed run
    never leaves half a file or clobbers the previous one. What exists and is not a regular file
    (``/dev/stdout``, a FIFO) is written to directly.
    """

    def __init__(self, path: str | None) -> None:
        self.path = path if path not in (None, "-") else None
        self._temp: str | None = None
        self._direct = False
        if self.path is None:
            self.stream: IO[str] = sys.stdout
            return
        if os.path.isdir(self.path):
            raise IsADirectoryError(errno.EISDIR, "is a directory", self.path)
        if os.path.exists(self.path) and not os.path.isfile(self.path):
            self._direct = True
            self.stream = open(self.path, "w", encoding="utf-8", newline="")  # noqa: SIM115
            return
        folder = os.path.dirname(os.path.abspath(self.path))
        import tempfile

        fd, self._temp = tempfile.mkstemp(
            prefix=f".{os.path.basename(self.path)}.", suffix=".tmp", dir=folder
        )
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(fd, 0o666 & ~umask)
        self.stream = os.fdopen(fd, "w", encoding="utf-8", newline="")

    def __enter__(self) -> AtomicOutput:
        return self

    def commit(self) -> None:
        """Make the output final (rename the temporary file over ``FILE``)."""
        if self._direct:
            self.stream.flush()
            return
        if self._temp is None or self.path is None:
            return
        try:
            self.stream.flush()
            os.fsync(self.stream.fileno())
            self.stream.close()
            os.replace(self._temp, self.path)
            self._temp = None
        except OSError as exc:
            error(f"cannot write {self.path}: {exc.strerror or exc}")

    def __exit__(self, *exc: object) -> None:
        if self._direct:
            self.stream.close()
        if self._temp is not None:
            self.stream.close()
            os.unlink(self._temp)
            self._temp = None


_JSON = json.JSONEncoder(ensure_ascii=False)
"""``json.dumps(record, ensure_ascii=False)``, without making an encoder per record."""
_JSON_INDENTED = json.JSONEncoder(ensure_ascii=False, indent=1)
"""``json.dumps(record, ensure_ascii=False, indent=1)``: the ``json`` format's records."""


def write_jsonl(records: Iterable[dict[str, Any]], out: IO[str]) -> None:
    """One JSON object per line, UTF-8 text unescaped."""
    for record in records:
        out.write(_JSON.encode(record))
        out.write("\n")


def write_json(records: Iterable[dict[str, Any]], out: IO[str], *, indent: int = 1) -> None:
    """One JSON array, streamed record by record."""
    out.write("[")
    sep = "\n"
    encode = _JSON_INDENTED.encode if indent == 1 else None
    for record in records:
        out.write(sep)
        if encode is not None:
            out.write(encode(record))
        else:
            out.write(json.dumps(record, ensure_ascii=False, indent=indent))
        sep = ",\n"
    out.write("\n]\n" if sep != "\n" else "]\n")


@attrs.frozen
class Renderer:
    """Records written out in a record format (``jsonl``, ``json`` or ``csv``), in any process.

    A run hands one to the worker processes (it pickles: ``record`` and ``row`` are module
    functions), so they send text that :func:`write_rendered` writes as it is, byte for byte
    what :func:`write_records` writes for the same records.
    """

    fmt: str
    record: Callable[[Any], dict[str, Any]]
    row: Callable[[Any], dict[str, Any]]
    fields: tuple[str, ...]

    def __call__(self, items: Sequence[Any]) -> str:
        """The text of ``items``: JSON lines, JSON array members joined by commas, or CSV rows."""
        if self.fmt == "jsonl":
            return "".join([_JSON.encode(self.record(item)) + "\n" for item in items])
        if self.fmt == "json":
            return ",\n".join([_JSON_INDENTED.encode(self.record(item)) for item in items])
        import csv

        buffer = io.StringIO()
        writer = csv.writer(buffer)
        for item in items:
            row = self.row(item)
            writer.writerow(csv_cell(row.get(name)) for name in self.fields)
        return buffer.getvalue()


def write_rendered(pieces: Iterable[str], renderer: Renderer, out: IO[str]) -> None:
    """Write what a :class:`Renderer` made, framed as its format needs (header, brackets)."""
    if renderer.fmt == "csv":
        import csv

        csv.writer(out).writerow(renderer.fields)
    if renderer.fmt != "json":
        for piece in pieces:
            out.write(piece)
        return
    out.write("[")
    sep = "\n"
    for piece in pieces:
        if piece:
            out.write(sep)
            out.write(piece)
            sep = ",\n"
    out.write("\n]\n" if sep != "\n" else "]\n")


def write_csv(rows: Iterable[dict[str, Any]], out: IO[str], fields: Sequence[str]) -> None:
    """A CSV file (RFC 4180) with a header row; lists become space-separated cells.

    Cells a spreadsheet would run as formulas get a leading apostrophe
    (:func:`mediacite.encoders.csv_cell`); ids are strings of digits and never change.
    """
    import csv

    writer = csv.writer(out)
    writer.writerow(fields)
    for row in rows:
        writer.writerow(csv_cell(row.get(name)) for name in fields)


class Clamped:
    """Free text in a table cell, cut to a number of lines with an ellipsis."""

    def __init__(self, text: str, lines: int = TABLE_TEXT_LINES) -> None:
        from rich.text import Text

        self.text = Text(terminal_line(text))
        self.lines = lines

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        from rich.measure import Measurement

        return Measurement.get(console, options, self.text)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        lines = list(self.text.wrap(console, options.max_width, overflow="fold"))
        if len(lines) > self.lines:
            lines = lines[: self.lines]
            last = lines[-1]
            last.append("…")
            last.truncate(options.max_width, overflow="ellipsis")
            if not last.plain.endswith("…"):
                last.truncate(options.max_width - 1)
                last.append("…")
        yield from lines


def write_table(
    items: Iterable[T],
    out: IO[str],
    columns: Sequence[Column],
    *,
    footer: Callable[[list[T]], str],
) -> None:
    """The one table style of every command: a compact table that fits 80 columns, then a summary.

    Cells are terminal-safe; id columns are never cut or wrapped; text is clamped.
    """
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    seen: list[T] = []
    rows: list[list[str]] = []
    for item in items:
        seen.append(item)
        rows.append([cell(item) for _, cell, _ in columns])
    table = Table(
        box=box.SIMPLE_HEAD, header_style="bold", show_edge=False, pad_edge=False, padding=(0, 1)
    )
    for index, (header, _, options) in enumerate(columns):
        options = dict(options)
        is_id = options.pop("id", False)
        options.pop("clamp", None)
        if is_id:
            widest = max(
                (len(line) for row in rows for line in terminal_text(row[index]).split("\n")),
                default=0,
            )
            options.update(no_wrap=True, min_width=max(widest, len(header)), overflow="ignore")
        table.add_column(header, **options)
    clamped = [bool(options.get("clamp")) for _, _, options in columns]
    for row in rows:
        table.add_row(
            *(
                Clamped(cell) if clamp else Text(terminal_text(cell))
                for cell, clamp in zip(row, clamped, strict=True)
            )
        )
    console = Console(file=out, highlight=False, markup=False, emoji=False)
    console.print(table)
    console.print(Text(terminal_line(footer(seen))))


class RecordSink:
    """Records written one at a time as they come (``jsonl``, ``json`` or ``csv``).

    Nothing is held, so a table of millions of rows costs no memory.
    """

    def __init__(
        self,
        fmt: str,
        out: IO[str],
        *,
        record: Callable[[Any], dict[str, Any]],
        fields: Sequence[str],
    ) -> None:
        self.fmt, self.out, self.record = fmt, out, record
        self._sep = "\n"
        if fmt == "csv":
            import csv

            self._csv = csv.writer(out)
            self._csv.writerow(fields)
            self.fields = fields
        elif fmt == "json":
            out.write("[")

    def write(self, item: Any) -> None:
        """Write one record."""
        data = self.record(item)
        if self.fmt == "csv":
            self._csv.writerow(csv_cell(data.get(name)) for name in self.fields)
        elif self.fmt == "json":
            self.out.write(self._sep + _JSON_INDENTED.encode(data))
            self._sep = ",\n"
        else:
            self.out.write(_JSON.encode(data) + "\n")

    def close(self) -> None:
        """End the output (the closing bracket of a JSON array)."""
        if self.fmt == "json":
            self.out.write("\n]\n" if self._sep != "\n" else "]\n")


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
    give, if they give any; :meth:`advance` counts both. The line is drawn whatever standard
    output is (a pipe, a file), unless ``enabled`` is false (``--no-progress``, ``-q``).
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
                console=stderr_console(),
                redirect_stdout=False,
                redirect_stderr=False,
            )
            self._task = self._bar.add_task(f"starting: 0 {self.noun}s")

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

    def summary(self, also: str | None = None) -> str:
        """``mediacite: 12 documents, 3 skipped, 40 citations in 1.2 s``.

        ``also`` is more that was found, said after the records (``5 mentions``).
        """
        seconds = time.perf_counter() - self.started
        skipped = f", {self.failed} skipped" if self.failed else ""
        found = f", {plural(self.found, self.found_noun)}" if self.found_noun else ""
        found += f", {also}" if also else ""
        return f"mediacite: {plural(self.done, self.noun)}{skipped}{found} in {seconds:.1f} s"
