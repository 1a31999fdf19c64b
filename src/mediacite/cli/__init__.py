"""The ``mediacite`` command line: one module per command, one :mod:`~.output` for printing.

``mediacite extract`` (:mod:`~.extract`), ``resolve`` (:mod:`~.resolve`), ``check`` and
``lock`` (:mod:`~.check`). Exit codes: 0 success, 1 findings or inputs that could not be read
(the rest is still processed), 2 usage errors.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

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
    """Run the command line; return the exit code."""
    args = build_parser().parse_args(list(sys.argv[1:] if argv is None else argv))
    if args.command == "resolve":
        return resolve.run(args)
    if args.command in ("check", "lock"):
        return check.run(args)
    return extract.run(args)
