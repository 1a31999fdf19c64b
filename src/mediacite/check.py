"""``mediacite check`` and ``mediacite lock``: pin every cited post to an archived copy.

The lockfile (``mediacite.lock``, JSON with sorted keys) holds one entry per cited post, keyed by
the post's identity (:attr:`Citation.identity`), never by position, so edits elsewhere in a
story do not touch it. ``check`` decides offline from the lockfile alone; ``lock`` (and
``check --online``) resolve what the lock lacks against the configured archive.

Finding codes::

    MC101  the citation names no account (handle)
    MC102  the citation carries no date and no post id
    MC103  nothing identifies the post: no post id, no media links, no handle and date
    MC201  the post is not in the lockfile
    MC202  the lockfile says the post is not archived
    MC203  the lockfile says the archived copy does not match the citation
    MC204  the lockfile recorded an error for the post (re-run ``mediacite lock``)
    MC205  the lockfile says several archived posts could match
    MC301  a sentence reports a post the story does not cite (off unless ``unsourced`` is set)
    MC901  the file could not be read

``[tool.mediacite] unsourced = "warn"`` reports MC301 findings without failing the check;
``"error"`` fails it; the default ``"off"`` does not look for prose mentions at all.
"""

from __future__ import annotations

import fnmatch
import json
import os
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs
import regex

from mediacite.errors import MediaciteError
from mediacite.models import Citation, Mention, Resolution

__all__ = [
    "CODES",
    "Config",
    "Finding",
    "Lockfile",
    "check_files",
    "identifiable",
    "identity_key",
    "load_config",
    "write_atomic",
]

CODES: dict[str, str] = {
    "MC101": "no handle: the citation names no account",
    "MC102": "no date: the citation carries no date and no post id",
    "MC103": "cannot identify the post: no post id, no media links, no handle and date",
    "MC201": "not in the lockfile: run `mediacite lock`",
    "MC202": "not archived (per the lockfile)",
    "MC203": "the archived copy does not match the citation (per the lockfile)",
    "MC204": "resolving failed last time (per the lockfile): run `mediacite lock` again",
    "MC205": "ambiguous: several archived posts could match (per the lockfile)",
    "MC301": "social claim without a cited post: embed, link or archive the post it reports",
    "MC901": "cannot read the file",
}
UNSOURCED = ("off", "warn", "error")
"""Values of ``[tool.mediacite] unsourced``: whether MC301 is checked, and how severe it is."""
_STATUS_CODES = {
    "not_archived": "MC202",
    "mismatch": "MC203",
    "error": "MC204",
    "ambiguous": "MC205",
}
LOCK_VERSION = 1
DEFAULT_INCLUDE = ("*.md", "*.markdown", "*.html", "*.htm", "*.txt")
_IGNORE_COMMENT = regex.compile(r"<!--\s*mediacite:\s*ignore\b([^>]*?)-->", regex.IGNORECASE)
_IGNORE_ATTR = regex.compile(
    r"<([A-Za-z][\w:-]*)\b[^>]*\bdata-mediacite-ignore\b", regex.IGNORECASE
)


@attrs.frozen
class Config:
    """``[tool.mediacite]`` settings (paths are relative to the pyproject's folder)."""

    root: Path = attrs.field(factory=Path.cwd)
    lock: str = "mediacite.lock"
    archive: str = "wayback"
    ignore: tuple[str, ...] = ()
    include: tuple[str, ...] = DEFAULT_INCLUDE
    unsourced: str = attrs.field(default="off", validator=attrs.validators.in_(UNSOURCED))

    @property
    def lock_path(self) -> Path:
        """Where the lockfile lives."""
        return self.root / self.lock


def load_config(start: Path | None = None) -> Config:
    """Read ``[tool.mediacite]`` from the nearest ``pyproject.toml`` at or above ``start``."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            if sys.version_info >= (3, 11):
                import tomllib
            else:
                import tomli as tomllib
            try:
                data = tomllib.loads(candidate.read_text("utf-8"))
            except (OSError, ValueError) as exc:
                raise MediaciteError(f"{candidate}: {exc}") from exc
            table = data.get("tool", {}).get("mediacite", {})
            unsourced = table.get("unsourced", "off")
            if unsourced not in UNSOURCED:
                raise MediaciteError(
                    f"{candidate}: [tool.mediacite] unsourced must be one of "
                    f"{', '.join(repr(v) for v in UNSOURCED)}, not {unsourced!r}"
                )
            return Config(
                root=folder,
                lock=str(table.get("lock", "mediacite.lock")),
                archive=str(table.get("archive", "wayback")),
                ignore=tuple(table.get("ignore", ())),
                include=tuple(table.get("include", DEFAULT_INCLUDE)),
                unsourced=unsourced,
            )
    return Config(root=here)


def identifiable(citation: Citation) -> bool:
    """Whether a citation names its post well enough to look it up in an archive."""
    return bool(citation.post_id or citation.media or (citation.handle and citation.date))


def identity_key(citation: Citation) -> str:
    """The lockfile key of a cited post (independent of where it is cited)."""
    return ":".join(citation.identity)


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` so readers see the old or the new file, never half of one."""
    import tempfile

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@attrs.define
class Lockfile:
    """The entries of ``mediacite.lock``, by identity key."""

    path: Path
    entries: dict[str, dict[str, Any]] = attrs.field(factory=dict)

    @classmethod
    def load(cls, path: Path) -> Lockfile:
        """Read a lockfile; a missing one is empty, a broken one is an error."""
        try:
            data = json.loads(path.read_text("utf-8"))
        except FileNotFoundError:
            return cls(path)
        except (OSError, ValueError) as exc:
            raise MediaciteError(f"{path}: not a readable lockfile: {exc}") from exc
        if not isinstance(data, dict) or data.get("version") != LOCK_VERSION:
            raise MediaciteError(f"{path}: not a mediacite lockfile (version {LOCK_VERSION})")
        return cls(path, dict(data.get("entries", {})))

    def save(self) -> None:
        """Write the lockfile atomically, with sorted keys for small diffs."""
        payload = {"version": LOCK_VERSION, "entries": self.entries}
        write_atomic(
            self.path, json.dumps(payload, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
        )

    def record(self, resolution: Resolution, files: Iterable[str]) -> None:
        """Store a resolution for its citation's post, with the files citing it."""
        c = resolution.citation
        snap = resolution.snapshot
        key = identity_key(c)
        previous = self.entries.get(key, {})
        self.entries[key] = {
            "platform": c.platform,
            "post_id": c.post_id,
            "handle": c.handle,
            "date": c.date,
            "media": sorted(c.media),
            "status": resolution.status,
            "archive": snap.archive if snap else None,
            "original_url": snap.original_url if snap else None,
            "archived_url": snap.archived_url if snap else None,
            "captured_at": snap.captured_at if snap else None,
            "evidence": dict(resolution.evidence),
            "error": resolution.error,
            "files": sorted(set(previous.get("files", ())) | set(files)),
        }

    def set_files(self, cited: Mapping[str, set[str]], *, prune: bool) -> None:
        """Record which files cite each entry; with ``prune`` drop entries no file cites."""
        for key in list(self.entries):
            files = cited.get(key, set())
            if not files and prune:
                del self.entries[key]
            elif files:
                self.entries[key]["files"] = sorted(files)


@attrs.frozen(order=True)
class Finding:
    """One problem at one place: ``path:line:col: CODE message``.

    ``severity`` is ``error`` (the check fails) or ``warning`` (reported only).
    """

    path: str
    line: int
    column: int
    code: str
    message: str
    severity: str = "error"

    def text(self) -> str:
        """The ``path:line:col: CODE message`` line."""
        return f"{self.path}:{self.line}:{self.column}: {self.code} {self.message}"

    def github(self) -> str:
        """A GitHub Actions workflow command (an annotation on the line)."""
        message = self.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return (
            f"::{self.severity} file={self.path},line={self.line},col={self.column},"
            f"title={self.code}::{message}"
        )


def _ignored_codes(source: str, start: int) -> set[str] | None:
    """Codes silenced at a finding that starts at offset ``start``.

    ``None`` for none, an empty set for all.
    """
    line_start = source.rfind("\n", 0, start) + 1
    previous_start = source.rfind("\n", 0, max(line_start - 1, 0)) + 1
    window = source[previous_start:start]
    for m in _IGNORE_COMMENT.finditer(window):
        return set(m.group(1).split())
    for m in _IGNORE_ATTR.finditer(source, 0, start):
        tag = m.group(1).lower()
        between = source[m.start() : start].lower()
        if between.count(f"<{tag}") > between.count(f"</{tag}"):
            return set()
    return None


def _citation_findings(
    path: str, citation: Citation, lock: Lockfile, online: Mapping[str, Resolution]
) -> Iterator[tuple[str, str]]:
    if citation.handle is None and citation.post_id is None:
        yield "MC101", CODES["MC101"]
    if citation.date is None and citation.post_id is None:
        yield "MC102", CODES["MC102"]
    if not identifiable(citation):
        yield "MC103", CODES["MC103"]
        return
    key = identity_key(citation)
    entry = lock.entries.get(key)
    status = entry["status"] if entry else None
    if key in online:
        status = online[key].status
    if status is None:
        yield "MC201", CODES["MC201"]
    elif status in _STATUS_CODES:
        code = _STATUS_CODES[status]
        detail = entry.get("error") if entry else None
        yield code, CODES[code] + (f": {detail}" if detail else "")


def iter_files(paths: Sequence[str], include: Sequence[str]) -> Iterator[str | Finding]:
    """Files to check: files named explicitly, and matching files inside directories."""
    for given in paths:
        if os.path.isdir(given):
            for folder, dirs, files in os.walk(given, followlinks=False):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if any(fnmatch.fnmatch(name, pattern) for pattern in include):
                        yield os.path.join(folder, name)
        elif os.path.exists(given):
            yield given
        else:
            yield Finding(given, 1, 1, "MC901", f"{CODES['MC901']}: no such file")


def read_citations(path: str) -> tuple[str, list[Citation]]:
    """The decoded source and the citations of one file (raises for unreadable files)."""
    source, citations, _ = read_document(path)
    return source, citations


def read_document(
    path: str, *, mentions: bool = False
) -> tuple[str, list[Citation], list[Mention]]:
    """The decoded source, citations and (with ``mentions``) prose mentions of one file.

    Raises for unreadable files.
    """
    from mediacite.extract import extract, looks_like_html
    from mediacite.extract.document import decode_bytes

    with open(path, "rb") as stream:
        data = stream.read()
    is_html = path.lower().endswith((".html", ".htm")) or looks_like_html(data[:4096])
    if is_html:
        from mediacite.extract.html import decode_html

        source = decode_html(data)
    else:
        source = decode_bytes(data)
    found = extract(source, input="html" if is_html else "text", source=path, mentions=mentions)
    return source, list(found), list(found.mentions or ())


def check_files(
    paths: Sequence[str],
    config: Config,
    *,
    lock: Lockfile | None = None,
    online: Mapping[str, Resolution] | None = None,
) -> list[Finding]:
    """Every finding in ``paths`` against the lockfile (and fresh ``online`` resolutions)."""
    lock = lock if lock is not None else Lockfile.load(config.lock_path)
    findings: list[Finding] = []
    for item in iter_files(paths, config.include):
        if isinstance(item, Finding):
            findings.append(item)
            continue
        try:
            source, citations, mentions = read_document(item, mentions=config.unsourced != "off")
        except (MediaciteError, OSError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            findings.append(Finding(item, 1, 1, "MC901", f"{CODES['MC901']}: {reason}"))
            continue
        for citation in citations:
            silenced = _ignored_codes(source, citation.start)
            for code, message in _citation_findings(item, citation, lock, online or {}):
                if not _silenced(code, config, silenced):
                    findings.append(Finding(item, citation.line, citation.column, code, message))
        severity = "warning" if config.unsourced == "warn" else "error"
        for mention in mentions:
            if mention.sourced is None and not _silenced(
                "MC301", config, _ignored_codes(source, _inside(source, mention.start))
            ):
                findings.append(
                    Finding(
                        item,
                        mention.line,
                        mention.column,
                        "MC301",
                        _unsourced_message(mention),
                        severity,
                    )
                )
    return sorted(findings)


def _inside(source: str, start: int) -> int:
    """Just past the start tag when ``start`` is an HTML element's (a mention's block).

    So the element's own ``data-mediacite-ignore`` counts; ``start`` otherwise.
    """
    if source.startswith("<", start):
        end = source.find(">", start)
        if end >= 0:
            return end + 1
    return start


def _silenced(code: str, config: Config, silenced: set[str] | None) -> bool:
    return code in config.ignore or (silenced is not None and (not silenced or code in silenced))


def _unsourced_message(mention: Mention) -> str:
    """``MC301``'s message: who, on which platform, and the words that report the post."""
    who = mention.author or (f"@{mention.handle}" if mention.handle else "a poster")
    return f"{CODES['MC301']} ({who} on {mention.platform}: {mention.cue!r})"
