"""The ``mediacite`` command line: one module per command, one :mod:`~.output` for printing.

``mediacite extract`` (:mod:`~.extract`), ``resolve`` (:mod:`~.resolve`), ``check`` and
``lock`` (:mod:`~.check`). Every command takes the common options, before or after its name:
``-o/--output FILE`` (written atomically), ``-v``/``-vv`` (what is read and requested, on
standard error), ``-q`` (errors only), ``--no-progress`` and ``-V/--version``. Exit codes: 0
success, 1 findings or inputs that could not be read (the rest is still processed), 2 usage
errors and bugs (an internal error is one line, never a traceback); ``resolve`` exits 3 when
a citation ended in ``error``.
"""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

from mediacite.cli import check, extract, resolve
from mediacite.cli.output import AtomicOutput, error, setup_logging

__all__ = ["build_parser", "main", "program"]

_COMMANDS: dict[str, ModuleType] = {
    "extract": extract,
    "resolve": resolve,
    "check": check,
    "lock": check,
}
"""The module whose ``run(args)`` carries out each command."""


class _Version(argparse.Action):
    """``-V/--version``: the version is read from the package metadata only when asked for."""

    def __init__(self, option_strings: Sequence[str], dest: str, **options: Any) -> None:
        options.pop("default", None)
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **options)

    def __call__(self, parser: argparse.ArgumentParser, *args: object) -> None:
        from mediacite import __version__

        print(f"mediacite {__version__}")
        parser.exit()


def _common_options(parser: argparse.ArgumentParser, *, top: bool) -> None:
    """The options every command takes; on subcommands they do not reset what was given first."""

    def default(value: object) -> object:
        return value if top else argparse.SUPPRESS

    group = parser.add_argument_group("common options")
    group.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        default=default(None),
        help="write the output to FILE (atomically: all of it or nothing) instead of stdout",
    )
    group.add_argument(
        "-v",
        "--verbose",
        action="count",
        default=default(0),
        help="say what is read and requested, and why (-vv: every document and request)",
    )
    group.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        default=default(False),
        help="no progress, summary or warnings: errors only",
    )
    group.add_argument(
        "--no-progress",
        dest="progress",
        action="store_false",
        default=default(True),
        help="no live progress line (the summary is still printed)",
    )
    group.add_argument(
        "-V", "--version", action=_Version, help="show program's version number and exit"
    )


def build_parser() -> argparse.ArgumentParser:
    """The ``mediacite`` argument parser with every subcommand."""
    parser = argparse.ArgumentParser(
        prog="mediacite",
        description="Find social-media post citations in articles and prove them against "
        "web archives.",
    )
    _common_options(parser, top=True)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    extract.add_parser(commands)
    check.add_parsers(commands)
    resolve.add_parser(commands)
    for sub in commands.choices.values():
        _common_options(sub, top=False)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code.

    An exception no command handles is a bug in mediacite: it is reported in one line (what,
    and where it was raised) with exit status 2, never as a traceback.
    """
    args = build_parser().parse_args(list(sys.argv[1:] if argv is None else argv))
    setup_logging(args.verbose, quiet=args.quiet)
    try:
        output = AtomicOutput(args.output)
    except OSError as exc:
        error(f"cannot write {args.output}: {exc.strerror or exc}")
        return 2
    with output:
        args.out = output.stream
        try:
            code: int = _COMMANDS[args.command].run(args)
        except Exception as exc:
            error(f"internal error: {_describe(exc)}; please report it")
            return 2
        if code != 2:
            output.commit()
    return code


def program() -> int:
    """The ``mediacite`` program (and ``python -m mediacite``): :func:`main`, then exit quickly.

    The slowest part of the interpreter's shutdown is the collector's last passes over every
    object the command loaded (patterns, parser tables, classes): about 10 ms of a 0.11 s
    ``mediacite check``. When :func:`main` returns, the output is committed and the command's
    files are closed, so those objects are frozen out of the passes (:func:`gc.freeze`): they
    are still released as their modules are torn down, and only reference cycles left at exit
    go uncollected. Tests and callers that run :func:`main` in their own process are not
    affected.
    """
    code = main()
    gc.freeze()
    return code


def _describe(exc: Exception) -> str:
    """``Type: message (at mediacite/module.py:line)``, on one line.

    The place is the frame that raised: inside mediacite, its path from the package; elsewhere
    (a plugin, a test), its file name.
    """
    import traceback

    frames = traceback.extract_tb(exc.__traceback__)
    where = ""
    if frames:
        raised = Path(frames[-1].filename).resolve()
        package = Path(__file__).resolve().parents[1]
        shown = (
            raised.relative_to(package.parent) if raised.is_relative_to(package) else raised.name
        )
        where = f" (at {Path(shown).as_posix()}:{frames[-1].lineno})"
    message = " ".join(str(exc).split())
    return f"{type(exc).__name__}{': ' * bool(message)}{message}{where}"
