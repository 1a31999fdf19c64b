"""``mediacite check`` and ``mediacite lock``: the pre-commit hook's commands.

``check`` reports each citation that is incomplete, missing from the lockfile, or not archived
according to it, and with ``[tool.mediacite] unsourced`` each prose mention of a post the story
does not cite (``path:line:col: CODE message``); exit 0 when clean or with warnings only, 1
with findings, 2 on usage or internal errors. ``lock`` resolves what the lockfile lacks and
writes it.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from mediacite.errors import MediaciteError
from mediacite.lockfile import LOCK_VERSION
from mediacite.models import Citation, Resolution

if TYPE_CHECKING:
    import httpx

    from mediacite.check import Config, Lockfile

__all__ = ["add_parsers", "run"]


def add_parsers(commands: Any) -> None:
    """Add ``check`` and ``lock`` to the ``mediacite`` subcommands."""
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
            "(default: $MEDIACITE_ARCHIVE, [tool.mediacite] archive, or wayback)",
        )
        sub.add_argument(
            "--allow-local-archive",
            action="store_true",
            help="trust the repository's [tool.mediacite] archive even when it is a local "
            "file or a loopback/private address (also MEDIACITE_ALLOW_LOCAL_ARCHIVE=1)",
        )


def _config(args: argparse.Namespace) -> Config:
    from mediacite.check import load_config

    config = load_config()
    if args.lock:
        config = attrs.evolve(config, lock=str(Path(args.lock).resolve()))
    if args.archive:
        config = attrs.evolve(config, archive=args.archive, archive_origin="command line")
    return config


def _resolve_missing(
    citations: Iterable[Citation], lock: Lockfile, config: Config, allow_local: bool
) -> list[Resolution]:
    from mediacite.check import identifiable, identity_key, open_config_archive
    from mediacite.resolver import resolve

    archive = open_config_archive(config, allow_local=allow_local)
    todo: dict[str, Citation] = {}
    for c in citations:
        key = identity_key(c)
        entry = lock.entries.get(key)
        if identifiable(c) and (entry is None or entry["status"] == "error"):
            todo.setdefault(key, c)
    if not todo:
        return []
    with _client(config, allow_local) as client:
        return list(resolve(list(todo.values()), archive=archive, client=client))


@contextlib.contextmanager
def _client(config: Config, allow_local: bool) -> Iterator[httpx.Client | None]:
    """A client that re-checks each connection's address, for a repository's URL archive.

    ``None`` (the resolver's own client) when the user chose the archive or trusts it.
    """
    from mediacite.check import archive_trusted
    from mediacite.resolver.client import HTTP_TIMEOUT
    from mediacite.resolver.guard import public_only_client
    from mediacite.resolver.trust import parse_spec

    url = parse_spec(config.archive).url
    trusted = archive_trusted(config, allow_local=allow_local)
    client = None if trusted or url is None else public_only_client(url, HTTP_TIMEOUT)
    try:
        yield client
    finally:
        if client is not None:
            client.close()


def _cited(paths: Sequence[str], config: Config) -> tuple[list[Citation], list[str]]:
    from mediacite.check import file_citations, iter_files

    citations: list[Citation] = []
    errors: list[str] = []
    for item in iter_files(paths, config.include, skip=config.lock_path):
        if not isinstance(item, str):
            errors.append(item.text())
            continue
        try:
            citations.extend(citation for citation, _ in file_citations(item))
        except (MediaciteError, OSError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            errors.append(f"{item}: {reason}")
    return citations, errors


def _project_path(source: str, root: Path) -> str:
    """``source`` relative to the project folder, with ``/`` separators (as the lock keeps it)."""
    path = Path(source).resolve()
    try:
        return Path(os.path.relpath(path, root)).as_posix()
    except ValueError:
        return path.as_posix()


def _run_check(args: argparse.Namespace) -> int:
    from mediacite.check import Lockfile, check_files, identity_key

    config = _config(args)
    paths = args.paths
    lock = Lockfile.load(config.lock_path)
    online: dict[str, Resolution] = {}
    if args.online:
        citations, _ = _cited(paths, config)
        resolved = _resolve_missing(citations, lock, config, args.allow_local_archive)
        online = {identity_key(r.citation): r for r in resolved}
    findings = check_files(paths, config, lock=lock, online=online)
    if args.format == "json":
        print(json.dumps([attrs.asdict(f) for f in findings], indent=1), file=args.out)
    else:
        for finding in findings:
            print(finding.github() if args.format == "github" else finding.text(), file=args.out)
    return 1 if any(f.severity == "error" for f in findings) else 0


def _run_lock(args: argparse.Namespace) -> int:
    from mediacite.check import Lockfile, identity_key

    config = _config(args)
    lock = Lockfile.load(config.lock_path)
    citations, errors = _cited(args.paths, config)
    cited: dict[str, set[str]] = {}
    root = config.root.resolve()
    for c in citations:
        cited.setdefault(identity_key(c), set()).add(_project_path(c.source or "", root))
    resolutions = _resolve_missing(citations, lock, config, args.allow_local_archive)
    for resolution in resolutions:
        lock.record(resolution, cited.get(identity_key(resolution.citation), ()))
    lock.set_files(cited, prune=args.prune)
    lock.save()
    if lock.version != LOCK_VERSION:
        print(
            f"mediacite: {config.lock_path}: upgraded from version {lock.version} to "
            f"{LOCK_VERSION} (local archives are now recorded relative to the lockfile)",
            file=sys.stderr,
        )
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
