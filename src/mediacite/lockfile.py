"""The lockfile, ``mediacite.lock``: its versioned schema, validated on read, with portable entries.

The file is JSON: ``{"version": 2, "entries": {KEY: ENTRY, ...}}``, keys sorted, one entry per
cited post keyed by the post's identity (:attr:`~mediacite.models.Citation.identity`). Reading
checks everything (:data:`ENTRY_FIELDS`, :data:`STATUSES`, URLs, duplicate keys, merge-conflict
markers) and refuses an invalid file with a :class:`~mediacite.errors.LockfileError` whose
message is one line, ``FILE: entry KEY: FIELD: problem``. Version 1 files (mediacite 0.1)
are read and upgraded in memory; :meth:`Lockfile.save` writes version 2. Local archives are
recorded relative to the lockfile's folder, never as one machine's absolute paths.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, NoReturn
from urllib.parse import quote, urljoin, urlsplit

import attrs

from mediacite.errors import InputError, LockfileError
from mediacite.inputs import open_input, read_limited
from mediacite.models import STATUSES, Resolution, Snapshot

__all__ = [
    "ENTRY_FIELDS",
    "LOCK_VERSION",
    "MAX_LOCKFILE_BYTES",
    "READ_VERSIONS",
    "Lockfile",
    "absolute_url",
    "portable_url",
    "write_atomic",
]

LOCK_VERSION = 2
"""The version :meth:`Lockfile.save` writes (2: local archives relative to the lockfile)."""

READ_VERSIONS = (1, 2)
"""Versions :meth:`Lockfile.load` reads; version 1 is upgraded in memory."""

MAX_LOCKFILE_BYTES = 256 << 20
"""Largest lockfile read (an entry is under 2 KB, so this is over 100,000 cited posts)."""

_NULLABLE_TEXT = (str, type(None))
ENTRY_FIELDS: dict[str, tuple[tuple[type, ...], bool]] = {
    "platform": ((str,), True),
    "status": ((str,), True),
    "post_id": (_NULLABLE_TEXT, False),
    "handle": (_NULLABLE_TEXT, False),
    "date": (_NULLABLE_TEXT, False),
    "media": ((list,), False),
    "archive": (_NULLABLE_TEXT, False),
    "original_url": (_NULLABLE_TEXT, False),
    "archived_url": (_NULLABLE_TEXT, False),
    "captured_at": (_NULLABLE_TEXT, False),
    "evidence": ((dict,), False),
    "error": (_NULLABLE_TEXT, False),
    "files": ((list,), False),
}
"""Each entry field: the JSON types it may have and whether it is required."""

_PROVEN = ("verified", "archived")
"""Statuses that claim an archived copy, so need its ``archived_url``."""
_STRING_LISTS = ("media", "files")
_CONFLICT = re.compile(r"^(<{7}|>{7}|\|{7}|={7})(?:[ \t]|$)", re.M)
_TIMESTAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")
_TYPE_NAMES = {
    str: "a string",
    list: "a list",
    dict: "an object",
    int: "a number",
    float: "a number",
    bool: "true or false",
    type(None): "null",
}


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


def portable_url(url: str, folder: Path) -> str:
    """A ``file:`` URL as a reference relative to ``folder`` (other URLs are returned as is).

    ``file:///srv/news/archive/tweets.wacz#2019…/https://…`` seen from ``/srv/news`` becomes
    ``archive/tweets.wacz#2019…/https://…``; :func:`absolute_url` turns it back.
    """
    from urllib.request import url2pathname

    parts = urlsplit(url)
    if parts.scheme != "file":
        return url
    try:
        relative = os.path.relpath(url2pathname(parts.path), folder)
    except ValueError:
        return url
    return quote(Path(relative).as_posix()) + (f"#{parts.fragment}" if parts.fragment else "")


def absolute_url(reference: str, folder: Path) -> str:
    """An archived URL as stored, made absolute: a relative one is resolved in ``folder``.

    ``folder`` must be absolute.
    """
    if urlsplit(reference).scheme:
        return reference
    return urljoin(folder.as_uri() + "/", reference)


def _portable(value: Any, folder: Path) -> Any:
    """``value`` with every ``file:`` URL in it made relative to ``folder`` (recursively)."""
    if isinstance(value, str):
        return portable_url(value, folder) if value.startswith("file:") else value
    if isinstance(value, list):
        return [_portable(v, folder) for v in value]
    if isinstance(value, dict):
        return {k: _portable(v, folder) for k, v in value.items()}
    return value


def _type_name(value: Any) -> str:
    return _TYPE_NAMES.get(type(value), type(value).__name__)


def _expects(types: tuple[type, ...]) -> str:
    return " or ".join(_TYPE_NAMES[t] for t in types)


class _Checker:
    """Validates one parsed lockfile; each problem raises a :class:`LockfileError`."""

    def __init__(self, path: Path) -> None:
        self.name = str(path)

    def fail(self, problem: str, entry: str | None = None, field: str | None = None) -> NoReturn:
        raise LockfileError(self.name, problem, entry=entry, field=field)

    def document(self, data: Any) -> tuple[int, dict[str, Any]]:
        if not isinstance(data, dict):
            self.fail(f"must be a JSON object with version and entries, not {_type_name(data)}")
        unknown = sorted(set(data) - {"version", "entries"})
        if unknown:
            self.fail(f"unknown top-level field(s) {', '.join(map(repr, unknown))}")
        version = data.get("version")
        if type(version) is not int or version not in READ_VERSIONS:
            readable = " and ".join(map(str, READ_VERSIONS))
            self.fail(
                f"unsupported version {json.dumps(version)}: this mediacite reads versions "
                f"{readable} (a newer lockfile needs a newer mediacite)",
                field="version",
            )
        if "entries" not in data:
            self.fail("missing", field="entries")
        entries = data["entries"]
        if not isinstance(entries, dict):
            self.fail(f"must be an object of entries, not {_type_name(entries)}", field="entries")
        for key, entry in entries.items():
            self.entry(key, entry, version)
        return version, entries

    def entry(self, key: str, entry: Any, version: int) -> None:
        if not key:
            self.fail("an entry has an empty key", field="entries")
        if not isinstance(entry, dict):
            self.fail(f"must be an object, not {_type_name(entry)}", entry=key)
        unknown = sorted(set(entry) - set(ENTRY_FIELDS))
        if unknown:
            self.fail("unknown field", entry=key, field=unknown[0])
        for field, (types, required) in ENTRY_FIELDS.items():
            if field not in entry:
                if required:
                    self.fail("missing", entry=key, field=field)
                continue
            value = entry[field]
            if not isinstance(value, types) or isinstance(value, bool):
                self.fail(f"must be {_expects(types)}, not {_type_name(value)}", key, field)
        for field in _STRING_LISTS:
            if not all(isinstance(item, str) for item in entry.get(field, ())):
                self.fail("must be a list of strings", key, field)
        self.meaning(key, entry, version)

    def meaning(self, key: str, entry: Mapping[str, Any], version: int) -> None:
        status = entry["status"]
        if status not in STATUSES:
            self.fail(f"unknown status {status!r} (one of {', '.join(STATUSES)})", key, "status")
        platform, post_id = entry["platform"], entry.get("post_id")
        if not key.startswith(f"{platform}:"):
            self.fail(f"the key does not start with the platform {platform!r}", key, "platform")
        if post_id is not None and key != f"{platform}:id:{post_id}":
            self.fail(f"the key names another post than {post_id!r}", key, "post_id")
        archived = entry.get("archived_url")
        if status in _PROVEN and not archived:
            self.fail(f"a {status} entry needs the archived copy's URL", key, "archived_url")
        if archived:
            self.archived_url(key, archived, version)
        original = entry.get("original_url")
        if original and urlsplit(original).scheme not in ("http", "https"):
            self.fail("must be an http(s) URL", key, "original_url")
        captured = entry.get("captured_at")
        if captured is not None and not _TIMESTAMP.fullmatch(captured):
            self.fail("must be a UTC time like 2024-03-14T09:30:00Z", key, "captured_at")

    def archived_url(self, key: str, url: str, version: int) -> None:
        scheme = urlsplit(url).scheme.lower()
        if scheme in ("http", "https") or (scheme == "" and not url.startswith(("/", "\\"))):
            return
        if scheme == "file" and version == 1:
            return
        self.fail(
            "must be an http(s) URL, or a local archive's path relative to the lockfile",
            key,
            "archived_url",
        )


def _no_duplicates(path: Path) -> Callable[[list[tuple[str, Any]]], dict[str, Any]]:
    def build(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        record: dict[str, Any] = {}
        for key, value in pairs:
            if key in record:
                raise LockfileError(
                    str(path), f"the key {key!r} appears twice in one object (a bad merge?)"
                )
            record[key] = value
        return record

    return build


def _no_constant(path: Path) -> Callable[[str], Any]:
    def refuse(name: str) -> Any:
        raise LockfileError(str(path), f"not valid JSON: {name} is not a JSON number")

    return refuse


def _parse(path: Path, text: str) -> Any:
    conflict = _CONFLICT.search(text)
    if conflict is not None:
        line = text.count("\n", 0, conflict.start()) + 1
        raise LockfileError(
            str(path),
            f"line {line}: unresolved merge conflict ({conflict.group(1)} marker): keep both "
            "sides' entries by hand, or delete the file and run `mediacite lock` again",
        )
    if not text.strip():
        raise LockfileError(str(path), "empty: delete it, then run `mediacite lock`")
    try:
        return json.loads(
            text, object_pairs_hook=_no_duplicates(path), parse_constant=_no_constant(path)
        )
    except json.JSONDecodeError as exc:
        raise LockfileError(
            str(path), f"line {exc.lineno} column {exc.colno}: not valid JSON: {exc.msg}"
        ) from None
    except RecursionError:
        raise LockfileError(str(path), "not valid JSON: nested too deeply") from None


@attrs.define
class Lockfile:
    """The entries of ``mediacite.lock``, by identity key.

    ``version`` is the version the file had when read (:data:`LOCK_VERSION` for a new one);
    entries are held in the current version's form.
    """

    path: Path
    entries: dict[str, dict[str, Any]] = attrs.field(factory=dict)
    version: int = LOCK_VERSION

    @property
    def folder(self) -> Path:
        """The folder local archives are recorded relative to (the lockfile's own)."""
        return self.path.parent.resolve()

    @classmethod
    def load(cls, path: Path) -> Lockfile:
        """Read and validate a lockfile; a missing one is empty.

        Raises :class:`~mediacite.errors.LockfileError` when it is unreadable or invalid.
        """
        try:
            with open_input(path) as stream:
                raw = read_limited(stream, "lockfile", MAX_LOCKFILE_BYTES)
        except FileNotFoundError:
            return cls(path)
        except InputError as exc:
            raise LockfileError(str(path), str(exc)) from None
        except OSError as exc:
            raise LockfileError(str(path), f"cannot read: {exc.strerror or exc}") from None
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise LockfileError(str(path), f"not UTF-8 (byte {exc.start})") from None
        version, entries = _Checker(path).document(_parse(path, text))
        lock = cls(path, entries, version)
        if version == 1:
            lock.entries = {key: _portable(entry, lock.folder) for key, entry in entries.items()}
        return lock

    def save(self) -> None:
        """Write the lockfile (current version) atomically, with sorted keys for small diffs."""
        payload = {"version": LOCK_VERSION, "entries": self.entries}
        write_atomic(
            self.path, json.dumps(payload, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
        )

    def record(self, resolution: Resolution, files: Iterable[str]) -> None:
        """Store a resolution for its citation's post, with the files citing it."""
        c = resolution.citation
        snap = resolution.snapshot
        previous = self.entries.get(":".join(c.identity), {})
        entry = {
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
        self.entries[":".join(c.identity)] = _portable(entry, self.folder)

    def set_files(self, cited: Mapping[str, set[str]], *, prune: bool) -> None:
        """Record which files cite each entry; with ``prune`` drop entries no file cites."""
        for key in list(self.entries):
            files = cited.get(key, set())
            if not files and prune:
                del self.entries[key]
            elif files:
                self.entries[key]["files"] = sorted(files)

    def snapshot(self, key: str) -> Snapshot | None:
        """The archived copy an entry records, its URL made absolute (``None`` without one)."""
        entry = self.entries.get(key)
        if not entry or not entry.get("archived_url"):
            return None
        return Snapshot(
            archive=entry.get("archive") or "",
            original_url=entry.get("original_url") or "",
            archived_url=absolute_url(entry["archived_url"], self.folder),
            captured_at=entry.get("captured_at") or "",
        )
