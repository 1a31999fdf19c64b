"""A persistent cache of definitive resolutions (stdlib ``sqlite3``, JSON records).

Only definitive answers are stored: never ``error`` (429s, 5xx, timeouts). ``not_archived``
expires after a TTL, since archives keep capturing; every other status is kept. Each answer
is committed on its own as soon as it is known (WAL journal), so a killed run loses nothing
already resolved and a re-run redoes nothing already resolved.

Location: ``$MEDIACITE_CACHE`` (a file, or a folder to put ``resolve.sqlite3`` in), else
``$XDG_CACHE_HOME/mediacite/resolve.sqlite3``, else ``~/.cache/mediacite/resolve.sqlite3``.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any

import attrs

from mediacite.models import Citation, Resolution

__all__ = ["NOT_ARCHIVED_TTL", "Cache", "cache_key", "default_cache_path"]

NOT_ARCHIVED_TTL = 7 * 24 * 3600.0
"""Seconds a ``not_archived`` answer is trusted (a week)."""

_SCHEMA = """
CREATE TABLE IF NOT EXISTS resolutions (
    key TEXT PRIMARY KEY,
    archive TEXT NOT NULL,
    status TEXT NOT NULL,
    record TEXT NOT NULL,
    stored_at REAL NOT NULL,
    expires_at REAL
)
"""


def default_cache_path() -> Path:
    """Return where the cache lives (see the module docs)."""
    configured = os.environ.get("MEDIACITE_CACHE")
    if configured:
        path = Path(configured).expanduser()
        return path / "resolve.sqlite3" if path.is_dir() else path
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "mediacite" / "resolve.sqlite3"


def cache_key(archive: str, citation: Citation) -> str:
    """Return the key of ``citation`` resolved against ``archive``.

    Built from what resolution depends on (post id, handle, dates, text, media, links),
    not from where the citation was found, so the same post cited twice shares one entry.
    """
    parts = [
        archive,
        citation.platform,
        citation.post_id,
        (citation.handle or "").casefold(),
        citation.date,
        citation.posted_at,
        citation.text,
        sorted(citation.media),
        sorted(citation.urls),
    ]
    return hashlib.sha256(json.dumps(parts).encode("utf-8")).hexdigest()


class Cache:
    """The resolution cache: :meth:`get` and :meth:`put`, safe to share across threads."""

    def __init__(
        self,
        path: str | os.PathLike[str] | None = None,
        *,
        not_archived_ttl: float = NOT_ARCHIVED_TTL,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.path = Path(path) if path is not None else default_cache_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.not_archived_ttl = not_archived_ttl
        self._clock = clock
        self._lock = threading.Lock()
        self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute("PRAGMA busy_timeout=10000")
        self._db.execute(_SCHEMA)

    def __repr__(self) -> str:
        return f"Cache({str(self.path)!r})"

    def __enter__(self) -> Cache:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the database (every answer is already committed)."""
        with self._lock:
            self._db.close()

    def get(self, archive: str, citation: Citation) -> Resolution | None:
        """Return the cached resolution of ``citation``, re-attached to it, or ``None``."""
        with self._lock:
            row = self._db.execute(
                "SELECT record, expires_at FROM resolutions WHERE key = ?",
                (cache_key(archive, citation),),
            ).fetchone()
        if row is None:
            return None
        record, expires_at = row
        if expires_at is not None and expires_at <= self._clock():
            return None
        try:
            data: dict[str, Any] = json.loads(record)
            cached = Resolution.from_dict(data)
        except (ValueError, KeyError, TypeError):
            return None
        return attrs.evolve(cached, citation=citation)

    def put(self, archive: str, resolution: Resolution) -> bool:
        """Store a definitive resolution in its own transaction; return whether it was stored."""
        if resolution.status == "error":
            return False
        now = self._clock()
        expires = now + self.not_archived_ttl if resolution.status == "not_archived" else None
        record = json.dumps(resolution.to_dict(), sort_keys=True)
        with self._lock, self._db:
            self._db.execute("BEGIN IMMEDIATE")
            self._db.execute(
                "INSERT OR REPLACE INTO resolutions VALUES (?, ?, ?, ?, ?, ?)",
                (
                    cache_key(archive, resolution.citation),
                    archive,
                    resolution.status,
                    record,
                    now,
                    expires,
                ),
            )
        return True

    def __len__(self) -> int:
        with self._lock:
            (count,) = self._db.execute("SELECT COUNT(*) FROM resolutions").fetchone()
        return int(count)
