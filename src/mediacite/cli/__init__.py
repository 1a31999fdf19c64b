"""The ``mediacite`` command line: one module per command, one :mod:`~.output` for printing.

``mediacite extract`` (:mod:`~.extract`), ``resolve`` (:mod:`~.resolve`), ``check`` and
``lock`` (:mod:`~.check`). Exit codes: 0 success, 1 findings or inputs that could not be read
(the rest is still processed), 2 usage errors and bugs (an internal error is one line, never a
traceback).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from mediacite.cli import check, extract, resolve

__all__ = ["main"]


def _version() -> str:
    from mediacite import __version__

    return f"mediacite {__version__}"


def build_parser() -> argparse.ArgumentParser:
    """The ``mediacite`` argument parser with every subcommand."""
    parser = argparse.ArgumentParser(
        prog="mediacite",
        description="Find social-media post citations in articles and prove them against "
        "web archives.",
    )
    parser.add_argument("--version", action="version", version=_version())
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    extract.add_parser(commands)
    check.add_parsers(commands)
    resolve.add_parser(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code.

    An exception no command handles is a bug in mediacite: it is reported in one line (what,
    and where it was raised) with exit status 2, never as a traceback.
    """
    args = build_parser().parse_args(list(sys.argv[1:] if argv is None else argv))
    try:
        if args.command == "resolve":
            return resolve.run(args)
        if args.command in ("check", "lock"):
            return check.run(args)
        return extract.run(args)
    except Exception as exc:
        print(f"mediacite: internal error: {_describe(exc)}; please report it", file=sys.stderr)
        return 2


def _describe(exc: Exception) -> str:
    """``Type: message (at module.py:line)``, on one line."""
    import traceback

    frames = traceback.extract_tb(exc.__traceback__)
    where = ""
    if frames:
        parts = Path(frames[-1].filename).parts
        inside = len(parts) - parts[::-1].index("mediacite") - 1 if "mediacite" in parts else -1
        where = f" (at {'/'.join(parts[inside:])}:{frames[-1].lineno})"
    message = " ".join(str(exc).split())
    return f"{type(exc).__name__}{': ' * bool(message)}{message}{where}"
