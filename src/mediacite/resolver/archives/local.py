"""A local archive, fully offline: a ``.wacz`` file, a folder of WARC files, or one WARC file.

The index is CDXJ (``urlkey timestamp {json}``, the format pywb and WACZ use): read from
``indexes/`` inside a WACZ (plain, gzipped or ZipNum-chunked gzip), from ``*.cdxj`` files in
a folder, or built on the fly with ``warcio`` when a folder or file has none. Records are
read with ``warcio`` at the offsets the index gives; revisit records are played back from
the capture with the same payload digest.

A memento's URI-M is ``{reference}#{timestamp}/{original}``: a relative URI reference whose
path is the archive's location relative to a chosen folder (by default the archive's own
folder, so just ``tweets.wacz``), never an absolute path of the machine that resolved it.
"""

from __future__ import annotations

import bisect
import datetime as dt
import gzip
import io
import json
import os
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any
from urllib.parse import quote

import attrs
from warcio.archiveiterator import ArchiveIterator

from mediacite.errors import ArchiveResponseError
from mediacite.resolver.archives.base import Capture, Memento, Query, SearchResult
from mediacite.resolver.limits import MAX_PLAYBACK_BYTES, OFFLINE_POLICY
from mediacite.resolver.transport import Operation
from mediacite.resolver.urls import surt, timestamp14

__all__ = ["IndexEntry", "LocalArchive", "index_warc", "is_local_archive", "write_cdxj"]

_WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")


@attrs.frozen(kw_only=True)
class IndexEntry:
    """One CDXJ line: where a capture's record sits and what it holds."""

    urlkey: str
    timestamp: str
    url: str
    mime: str
    status: int | None
    digest: str | None
    filename: str
    offset: int
    length: int

    def cdxj(self) -> str:
        """Return the CDXJ line (no newline)."""
        record: dict[str, Any] = {"url": self.url, "mime": self.mime}
        if self.status is not None:
            record["status"] = str(self.status)
        if self.digest:
            record["digest"] = self.digest
        record.update(length=str(self.length), offset=str(self.offset), filename=self.filename)
        return f"{self.urlkey} {self.timestamp} {json.dumps(record, sort_keys=True)}"

    @classmethod
    def from_cdxj(cls, line: str) -> IndexEntry:
        """Parse one CDXJ line (raises ``ValueError`` when it is not one)."""
        urlkey, timestamp, payload = line.split(" ", 2)
        record = json.loads(payload)
        status = str(record.get("status", ""))
        return cls(
            urlkey=urlkey,
            timestamp=timestamp,
            url=record["url"],
            mime=record.get("mime", ""),
            status=int(status) if status.isdigit() else None,
            digest=record.get("digest"),
            filename=record["filename"],
            offset=int(record["offset"]),
            length=int(record["length"]),
        )


def index_warc(stream: IO[bytes], filename: str) -> list[IndexEntry]:
    """Index the response and revisit records of one WARC stream."""
    entries = []
    iterator = ArchiveIterator(stream)
    for record in iterator:
        if record.rec_type not in ("response", "revisit") or record.http_headers is None:
            continue
        url = record.rec_headers.get_header("WARC-Target-URI")
        date = record.rec_headers.get_header("WARC-Date")
        digest = record.rec_headers.get_header("WARC-Payload-Digest") or ""
        status = record.http_headers.get_statuscode()
        if record.rec_type == "revisit":
            mime = "warc/revisit"
        else:
            mime = (record.http_headers.get_header("Content-Type") or "unk").split(";")[0].strip()
        when = dt.datetime.fromisoformat(date.replace("Z", "+00:00"))
        entries.append(
            IndexEntry(
                urlkey=surt(url),
                timestamp=timestamp14(when),
                url=url,
                mime=mime,
                status=int(status) if status and status.isdigit() else None,
                digest=digest.split(":", 1)[-1] or None,
                filename=filename,
                offset=iterator.get_record_offset(),
                length=iterator.get_record_length(),
            )
        )
    return entries


def write_cdxj(entries: Iterable[IndexEntry], out: IO[str]) -> None:
    """Write entries as a sorted CDXJ index."""
    for line in sorted(entry.cdxj() for entry in entries):
        out.write(line + "\n")


def is_local_archive(path: Path) -> bool:
    """Whether ``path`` looks like something :class:`LocalArchive` opens."""
    return path.is_dir() or path.suffix == ".wacz" or path.name.endswith(_WARC_SUFFIXES)


def _index_lines(name: str, data: bytes) -> Iterator[str]:
    if name.endswith(".gz"):
        data = gzip.decompress(data)
    for line in data.decode("utf-8").splitlines():
        if line.strip() and not line.startswith("!"):
            yield line


class LocalArchive:
    """A WACZ file, a folder of WARCs (with or without ``*.cdxj``), or a single WARC file.

    ``relative_to`` is the folder URI-Ms are written relative to (see the module docs);
    :attr:`reference` is the archive's path from there, in URL form.
    """

    name = "local"
    supports_prefix = True
    hosts: frozenset[str] = frozenset()
    policy = OFFLINE_POLICY

    def __init__(self, path: str | Path, *, relative_to: str | Path | None = None) -> None:
        self.path = Path(path).resolve()
        if not self.path.exists():
            raise FileNotFoundError(f"no such archive: {path}")
        if not is_local_archive(self.path):
            raise ValueError(f"not a .wacz, a WARC file or a folder of WARCs: {path}")
        base = Path(relative_to).resolve() if relative_to is not None else self.path.parent
        self.reference = quote(Path(os.path.relpath(self.path, base)).as_posix(), safe="/")
        self.key = str(self.path)
        self._entries: list[IndexEntry] | None = None
        self._keys: list[tuple[str, str]] = []

    def __repr__(self) -> str:
        return f"LocalArchive({str(self.path)!r})"

    def _read_bytes(self, filename: str, offset: int, length: int) -> bytes:
        if self.path.suffix == ".wacz":
            with zipfile.ZipFile(self.path) as zf:
                names = set(zf.namelist())
                member = filename if filename in names else f"archive/{filename}"
                with zf.open(member) as stream:
                    stream.seek(offset)
                    return stream.read(length)
        warc = self.path / filename if self.path.is_dir() else self.path
        with warc.open("rb") as stream:
            stream.seek(offset)
            return stream.read(length)

    def _load_index(self) -> list[IndexEntry]:
        lines: list[str] = []
        if self.path.suffix == ".wacz":
            with zipfile.ZipFile(self.path) as zf:
                for name in zf.namelist():
                    if name.startswith("indexes/") and name.endswith((".cdxj", ".cdx", ".cdx.gz")):
                        lines.extend(_index_lines(name, zf.read(name)))
        elif self.path.is_dir():
            for index in sorted(self.path.glob("*.cdxj")):
                lines.extend(_index_lines(index.name, index.read_bytes()))
        entries: list[IndexEntry] = []
        try:
            entries = [IndexEntry.from_cdxj(line) for line in lines]
        except (ValueError, KeyError) as exc:
            raise ArchiveResponseError(f"unreadable CDXJ index in {self.path}: {exc}") from exc
        if not lines:
            warcs = (
                sorted(p for p in self.path.iterdir() if p.name.endswith(_WARC_SUFFIXES))
                if self.path.is_dir()
                else [self.path]
            )
            for warc in warcs:
                with warc.open("rb") as stream:
                    entries.extend(index_warc(stream, warc.name))
        entries.sort(key=lambda e: (e.urlkey, e.timestamp))
        return entries

    @property
    def entries(self) -> list[IndexEntry]:
        """The index, loaded on first use and sorted by key and time."""
        if self._entries is None:
            self._entries = self._load_index()
            self._keys = [(e.urlkey, e.timestamp) for e in self._entries]
        return self._entries

    def _capture(self, entry: IndexEntry) -> Capture:
        return Capture(
            archive=self.name,
            original=entry.url,
            timestamp=entry.timestamp,
            urlkey=entry.urlkey,
            mimetype=entry.mime or None,
            status=entry.status,
            digest=entry.digest,
            locator=(entry.filename, entry.offset, entry.length),
        )

    def search(self, query: Query) -> Operation[SearchResult]:
        """Look ``query`` up in the index (no I/O beyond reading the archive)."""
        yield from ()
        entries = self.entries
        key = surt(query.url)
        start = bisect.bisect_left(self._keys, (key, ""))
        found = []
        for entry in entries[start:]:
            hit = entry.urlkey == key or (query.match == "prefix" and entry.urlkey.startswith(key))
            if not hit:
                break
            found.append(self._capture(entry))
        return SearchResult(tuple(found))

    def _read(self, filename: str, offset: int, length: int) -> tuple[Any, bytes, bool]:
        """The record at a locator, its payload up to the playback cap, and whether it was cut."""
        data = self._read_bytes(filename, offset, length)
        for record in ArchiveIterator(io.BytesIO(data)):
            body = record.content_stream().read(MAX_PLAYBACK_BYTES + 1)
            return record, body[:MAX_PLAYBACK_BYTES], len(body) > MAX_PLAYBACK_BYTES
        raise ArchiveResponseError(f"no WARC record at {filename}:{offset}")

    def fetch(self, capture: Capture) -> Operation[Memento]:
        """Read the capture's record; a revisit is played back from its original."""
        yield from ()
        if capture.locator is None:
            raise ValueError("a local capture needs its locator")
        record, body, truncated = self._read(*capture.locator)
        headers = record.http_headers
        if record.rec_type == "revisit":
            original = next(
                (
                    e
                    for e in self.entries
                    if e.digest == capture.digest and e.mime != "warc/revisit"
                ),
                None,
            )
            if original is not None:
                payload_record, body, truncated = self._read(
                    original.filename, original.offset, original.length
                )
                headers = payload_record.http_headers
        status = headers.get_statuscode()
        header_map = {k.lower(): v for k, v in headers.headers}
        date = record.rec_headers.get_header("WARC-Date")
        return Memento(
            archive=self.name,
            uri_m=f"{self.reference}#{capture.timestamp}/{capture.original}",
            original=capture.original,
            captured_at=dt.datetime.fromisoformat(date.replace("Z", "+00:00")),
            status=int(status) if status and status.isdigit() else 200,
            headers=header_map,
            body=body,
            location=header_map.get("location"),
            truncated=truncated,
        )
