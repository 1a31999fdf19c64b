"""``python -m mediacite``: the command line."""

from mediacite.cli import program

raise SystemExit(program())
