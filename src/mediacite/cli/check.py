"""``mediacite check`` and ``mediacite lock``: the pre-commit hook's commands.

``check`` reports each citation that is incomplete, missing from the lockfile, or not archived
according to it (``path:line:col: CODE message``); exit 0 when clean, 1 with findings, 2 on
usage or internal errors. ``lock`` resolves what the lockfile lacks and writes it.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from mediacite.errors import MediaciteError
from mediacite.models import Citation, Resolution

if TYPE_CHECKING:
    from mediacite.check import Config, Lockfile

__all__ = ["add_parsers", "run"]


def add_parsers(commands: Any) -> None:
    """Add ``check`` and ``lock`` to the ``mediacite`` subcommands."""
    check = commands.add_parser(
        "check",
        help="report citations that are incomplete or not pinned in the lockfile (offline)",
        description="Report each citation that is incomplete, missing from mediacite.lock, or "
        "not archived according to it. Prints 'path:line:col: CODE message' per finding. "
        "Exit 0 when clean, 1 with findings, 2 on usage or internal errors.",
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
    from mediacite.resolver import resolve

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
        print(json.dumps([attrs.asdict(f) for f in findings], indent=1), file=args.out)
    else:
        for finding in findings:
            print(finding.github() if args.format == "github" else finding.text(), file=args.out)
    return 1 if findings else 0


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


def run(args: argparse.Namespace) -> int:
    """Run ``mediacite check`` or ``mediacite lock``; return the exit code."""
    try:
        return _run_check(args) if args.command == "check" else _run_lock(args)
    except MediaciteError as exc:
        print(f"mediacite: {exc}", file=sys.stderr)
        return 2
