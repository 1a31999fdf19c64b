"""Running the plan: archive operations that search, play back and verify, as generators.

Each unit of :mod:`~mediacite.resolver.plan` becomes an operation: a generator that yields
:class:`~mediacite.resolver.transport.Call` requests (the driver sends them, sync or async)
and :class:`Resolved` events as items get their final status. The status is decided by
:mod:`~mediacite.resolver.decide`.

Requests are spent only where they can change an answer:

* other hosts (``x.com``, ``mobile.twitter.com``, ``twitter.com/i/web/status``, mirrors) are
  asked only about items the earlier ones did not settle; the handle-less
  ``i/web/status/{prefix}`` query is shared by every handle of the batch (a per-run memo);
* a post's captures are played back closest to the cited date first, and only until one
  verifies; captures with the same payload digest (the same page under ``?ref_src=``, a
  revisit, another host) are played back once; a 404/410 index row is a tombstone without
  playback; redirects are played back only when no capture showed the post;
* every reading is memoised per run (:class:`~mediacite.resolver.read.Reading`, never the
  body), so a post cited in several ways is played back once;
* for a citation without an id, posts already read come first, and the search stops at a
  post whose text matches exactly (the platform refuses to post the same text twice).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import OrderedDict
from collections.abc import Callable, Iterable
from typing import Any

import attrs

from mediacite.errors import ArchiveError
from mediacite.models import Resolution, Snapshot, Status
from mediacite.resolver.archives import Archive, Capture, Query, SearchResult
from mediacite.resolver.decide import RANK, finish
from mediacite.resolver.plan import (
    Found,
    Group,
    Item,
    MediaLookup,
    Options,
    Unresolvable,
    Work,
    bucket,
)
from mediacite.resolver.read import Reading, Tombstone, read
from mediacite.resolver.transport import Operation
from mediacite.resolver.urls import common_prefix
from mediacite.resolver.verify import verify
from mediacite.snowflake import snowflake_time
from mediacite.twitter import parse_status_url

__all__ = ["HANDLELESS_HOST", "Resolved", "Run"]

log = logging.getLogger("mediacite.resolver")

HANDLELESS_HOST = "twitter.com"
"""The host of ``/i/web/status/{id}`` URLs (the share links of the apps)."""

_SEARCH_MEMO = 64
"""Shared (handle-less) search answers kept per run: one per ~4 weeks of ids is plenty."""


@attrs.frozen
class Resolved:
    """Event yielded by an operation when a citation gets its final status."""

    key: str
    resolution: Resolution


def _finished(item: Item, status: Status | None = None) -> Resolved:
    resolved = Resolved(item.key, finish(item, status))
    log.debug("%s: %s", _label(item), resolved.resolution.status)
    return resolved


def _label(item: Item) -> str:
    handle = f"@{item.handle}" if item.handle else "(no handle)"
    return f"{handle}/{item.post_id}" if item.post_id else f"{handle} {item.citation.date or ''}"


def _closest(captures: Iterable[Capture], moment: dt.datetime | None) -> list[Capture]:
    if moment is None:
        return sorted(captures, key=lambda c: c.timestamp)
    return sorted(captures, key=lambda c: (abs(c.captured_at - moment), c.timestamp))


def _unique_payloads(captures: list[Capture]) -> list[Capture]:
    """Keep one capture per payload digest (the first given); captures without one all stay."""
    seen: set[str] = set()
    kept = []
    for capture in captures:
        if capture.digest:
            if capture.digest in seen:
                continue
            seen.add(capture.digest)
        kept.append(capture)
    return kept


def _stamp(moment: dt.datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


class Run:
    """One batch against one archive: its options and bounded memos of readings and searches.

    ``stopped`` tells why the archive was given up on, if it was (the driver's
    :attr:`~mediacite.resolver.transport.Driver.gave_up`): requests are then no longer logged,
    since none is sent.
    """

    def __init__(
        self,
        archive: Archive,
        options: Options,
        stopped: Callable[[], str | None] = lambda: None,
    ) -> None:
        self.archive = archive
        self.options = options
        self.stopped = stopped
        self._readings: OrderedDict[tuple[str, ...], Reading] = OrderedDict()
        self._searches: OrderedDict[Query, SearchResult] = OrderedDict()

    def operation(self, work: Work) -> Operation[None]:
        """The archive operation that carries out one unit of the plan."""
        if isinstance(work, Unresolvable):
            return self._unresolvable(work.item, work.reason)
        if isinstance(work, MediaLookup):
            return self._media_item(work.item, work.codes)
        return self._group(work)

    @staticmethod
    def _unresolvable(item: Item, reason: str) -> Operation[None]:
        item.evidence["reason"] = reason
        yield _finished(item, status="ambiguous")

    # -- searching ----------------------------------------------------------------------------

    def _search(
        self, query: Query, items: Iterable[Item], why: str, *, shared: bool = False
    ) -> Operation[SearchResult | None]:
        """Search ``query`` for ``items``; on failure note it on each item and return None."""
        items = list(items)
        for item in items:
            item.candidates.append(f"https://{query.url}" + ("*" * (query.match == "prefix")))
        if shared and query in self._searches:
            self._searches.move_to_end(query)
            return self._searches[query]
        if self.stopped() is None:
            log.info("search %s%s: %s", query.url, "*" * (query.match == "prefix"), why)
        try:
            result = yield from self.archive.search(query)
        except ArchiveError as exc:
            for item in items:
                _note_error(item, f"search {query.url}", exc)
            return None
        if shared:
            self._searches[query] = result
            if len(self._searches) > _SEARCH_MEMO:
                self._searches.popitem(last=False)
        return result

    def _queries(self, group: Group, host: str) -> list[tuple[Query, list[Item]]]:
        if self.archive.supports_prefix:
            query = Query(f"{host}/{group.handle}/status/{group.prefix}", "prefix")
            return [(query, list(group.items))]
        return [
            (Query(f"{host}/{item.handle}/status/{item.post_id}"), [item]) for item in group.items
        ]

    def _group(self, group: Group) -> Operation[None]:
        yield from self._hosts(group, self.options.hosts)
        yield from self._handleless(group)
        yield from self._hosts(group, self.options.mirrors)
        for item in group.items:
            yield _finished(item)

    def _hosts(self, group: Group, hosts: tuple[str, ...]) -> Operation[None]:
        """Ask each host in turn about the group's items that are not settled yet."""
        for host in hosts:
            if all(item.settled for item in group.items):
                return
            for query, members in self._queries(group, host):
                members = [item for item in members if not item.settled]
                if not members:
                    continue
                why = f"{len(members)} citation(s) of @{group.handle}"
                result = yield from self._search(query, members, why)
                if result is None:
                    continue
                mirror = host in self.options.mirrors
                by_id = self._by_post(group.handle, result.captures, mirror=mirror)
                for item in self._cited_first(members):
                    if not result.complete and item.post_id and item.post_id not in by_id:
                        yield from self._narrow(item, host)
                    else:
                        yield from self._examine(item, by_id)

    @staticmethod
    def _cited_first(items: list[Item]) -> list[Item]:
        """Items with a post id first: their readings then serve the id-less ones."""
        return sorted(items, key=lambda item: item.post_id is None)

    def _handleless(self, group: Group) -> Operation[None]:
        """Look unsettled cited posts up under ``twitter.com/i/web/status/`` (no handle)."""
        pending = [i for i in group.items if not i.settled and i.post_id is not None]
        if not pending or not self.options.handleless or not self.archive.supports_prefix:
            return
        first = int(pending[0].post_id or 0)
        prefix = bucket(first, first, self.options) or common_prefix(first, first)
        query = Query(f"{HANDLELESS_HOST}/i/web/status/{prefix}", "prefix")
        why = "posts not found under a handle"
        result = yield from self._search(query, pending, why, shared=True)
        if result is None:
            return
        by_id = self._by_post(None, result.captures)
        for item in pending:
            if not result.complete and item.post_id not in by_id:
                narrow = Query(f"{HANDLELESS_HOST}/i/web/status/{item.post_id}", "prefix")
                found = yield from self._search(narrow, [item], "the shared query was cut short")
                if found is not None:
                    yield from self._examine(item, self._by_post(None, found.captures))
            else:
                yield from self._examine(item, by_id)

    def _narrow(self, item: Item, host: str) -> Operation[None]:
        """Ask for one post's own URL prefix when a grouped query was cut short."""
        query = Query(f"{host}/{item.handle}/status/{item.post_id}", "prefix")
        result = yield from self._search(query, [item], "the group's query was cut short")
        if result is None:
            return
        if not result.complete:
            item.evidence["truncated"] = query.url
        yield from self._examine(item, self._by_post(item.handle, result.captures))

    @staticmethod
    def _by_post(
        handle: str | None, captures: Iterable[Capture], *, mirror: bool = False
    ) -> dict[str, list[Capture]]:
        """Captures by post id: of ``handle``'s status URLs, or of handle-less ones (``None``).

        On a ``mirror`` host only the path is read (``/{handle}/status/{id}``).
        """
        by_id: dict[str, list[Capture]] = {}
        for capture in captures:
            url = capture.original
            if mirror:
                url = "/" + url.split("://", 1)[-1].partition("/")[2]
            parsed = parse_status_url(url)
            if parsed is None:
                continue
            if handle is None:
                if parsed.handle is not None:
                    continue
            elif not parsed.handle or parsed.handle.casefold() != handle.casefold():
                continue
            by_id.setdefault(parsed.post_id, []).append(capture)
        return by_id

    # -- examining posts ----------------------------------------------------------------------

    def _examine(self, item: Item, by_id: dict[str, list[Capture]]) -> Operation[None]:
        if item.post_id is not None:
            captures = by_id.get(item.post_id, [])
            if captures:
                found = yield from self._try_post(item, item.post_id, captures)
                item.found.append(found)
            return
        if item.id_range is None:
            return
        lo, hi = item.id_range
        moment = item.moment()
        seen: list[str] = item.evidence.setdefault("posts_in_window", [])
        posts = [pid for pid in by_id if lo <= int(pid) < hi and pid not in seen]

        def order(pid: str) -> tuple[bool, dt.timedelta]:
            distance = abs((snowflake_time(pid) or moment) - moment) if moment else dt.timedelta()
            return not self._has_reading(by_id[pid], pid), distance

        posts.sort(key=order)
        budget = max(self.options.max_posts - len(seen), 0)
        item.unexamined += max(len(posts) - budget, 0)
        for post_id in posts[:budget]:
            seen.append(post_id)
            found = yield from self._try_post(item, post_id, by_id[post_id])
            item.found.append(found)
            if found.outcome == "verified" and found.score == 1.0:
                item.evidence["stopped_at_exact_match"] = True
                item.unexamined = 0
                break

    def _keys(self, capture: Capture, expected: str | None) -> list[tuple[str, ...]]:
        keys: list[tuple[str, ...]] = [
            ("capture", capture.timestamp, capture.original, expected or "")
        ]
        if capture.digest and (capture.status is None or 200 <= capture.status < 300):
            keys.append(("digest", capture.digest, expected or ""))
        return keys

    def _has_reading(self, captures: list[Capture], expected: str) -> bool:
        return any(k in self._readings for c in captures for k in self._keys(c, expected))

    def _reading(self, capture: Capture, expected: str | None, why: str) -> Operation[Reading]:
        """Play ``capture`` back and read it, or reuse what the memo has for its payload."""
        keys = self._keys(capture, expected)
        for key in keys:
            cached = self._readings.get(key)
            if cached is not None:
                self._readings.move_to_end(key)
                return cached
        if self.stopped() is None:
            log.info("play back %s %s: %s", capture.timestamp, capture.original, why)
        memento = yield from self.archive.fetch(capture)
        reading = read(memento, expected)
        for key in keys:
            self._readings[key] = reading
        while len(self._readings) > self.options.memo_size:
            self._readings.popitem(last=False)
        return reading

    def _snapshot(self, reading: Reading, capture: Capture) -> Snapshot:
        when = reading.captured_at or capture.captured_at
        return Snapshot(
            archive=self.archive.name,
            original_url=reading.original,
            archived_url=reading.uri_m,
            captured_at=_stamp(when),
            status=reading.status,
            mimetype=reading.content_type or capture.mimetype,
            digest=capture.digest,
        )

    def _try_post(self, item: Item, post_id: str, captures: list[Capture]) -> Operation[Found]:
        """Play back the captures closest to the cited date until one verifies.

        Redirect rows are played back (the closest one) only when no capture showed the post;
        404/410 rows are tombstones read from the index alone.
        """
        moment = item.moment()
        playable = [c for c in captures if c.status is None or 200 <= c.status < 300]
        moved = [c for c in captures if c.status is not None and 300 <= c.status < 400]
        tried: list[dict[str, Any]] = []
        tombstones: list[dict[str, Any]] = []
        found: list[Found] = []
        for capture in _unique_payloads(_closest(playable, moment))[: self.options.max_fetches]:
            finding = yield from self._play(item, post_id, capture, tried, tombstones)
            found.extend([finding] if finding else [])
            if finding is not None and finding.outcome == "verified":
                break
        if moved and not any(RANK[f.outcome] >= RANK["archived"] for f in found):
            finding = yield from self._play(
                item, post_id, _closest(moved, moment)[0], tried, tombstones
            )
            found.extend([finding] if finding else [])
        for capture in captures:
            if capture.status in (404, 410):
                stone = Tombstone(kind="not_found", sentence=f"HTTP {capture.status} in the index")
                tombstones.append(self._tombstone(stone, capture.captured_at, None, capture))
                evidence = {"tombstone": tombstones[-1], "from_index": True}
                found.append(Found("tombstone", None, evidence, post_id))
        best = max(
            found, key=lambda f: RANK[f.outcome], default=Found("missing", None, {}, post_id)
        )
        evidence = {**best.evidence, "mementos": tried, "captures": len(captures)}
        latest = max(tombstones, key=lambda t: t["captured_at"]) if tombstones else None
        return attrs.evolve(best, evidence=evidence, tombstone=latest)

    def _play(
        self,
        item: Item,
        post_id: str,
        capture: Capture,
        tried: list[dict[str, Any]],
        tombstones: list[dict[str, Any]],
    ) -> Operation[Found | None]:
        """Play one capture back and check it; ``None`` when the playback failed."""
        why = f"check {_label(item)} against post {post_id}"
        try:
            reading = yield from self._reading(capture, post_id, why)
        except ArchiveError as exc:
            _note_error(item, f"playback {capture.timestamp} {capture.original}", exc)
            return None
        verdict = verify(item.citation, reading, post_id)
        tried.append({"uri_m": reading.uri_m, "outcome": verdict.outcome})
        if reading.tombstone is not None and reading.captured_at is not None:
            tombstones.append(self._tombstone(reading.tombstone, reading.captured_at, reading))
        snapshot = self._snapshot(reading, capture) if reading.captured_at else None
        return Found(verdict.outcome, snapshot, dict(verdict.evidence), post_id, verdict.score)

    @staticmethod
    def _tombstone(
        stone: Tombstone,
        when: dt.datetime,
        reading: Reading | None,
        capture: Capture | None = None,
    ) -> dict[str, Any]:
        record: dict[str, Any] = {**stone.to_dict(), "captured_at": _stamp(when)}
        if reading is not None:
            record.update(original=reading.original, archived_url=reading.uri_m)
        elif capture is not None:
            record["original"] = capture.original
        return record

    # -- media links --------------------------------------------------------------------------

    def _media_item(self, item: Item, codes: tuple[tuple[str, str], ...]) -> Operation[None]:
        """Find the post a pic.twitter.com / t.co code redirects to, then resolve it.

        When no code leads to a post, fall back to the handle's posts around the cited date.
        """
        media: list[dict[str, Any]] = []
        item.evidence["media"] = media
        for host, code in codes:
            query = Query(f"{host}/{code}")
            result = yield from self._search(query, [item], f"the post behind {host}/{code}")
            if result is None:
                continue
            exact = [c for c in result.captures if _code_of(c.original) == code]
            note: dict[str, Any] = {
                "code": f"{host}/{code}",
                "captures": len(exact),
                "case_decoys_skipped": len(result.captures) - len(exact),
            }
            media.append(note)
            redirects = [c for c in exact if c.status is None or 300 <= c.status < 400]
            for capture in _closest(redirects, item.moment())[: self.options.max_fetches]:
                try:
                    reading = yield from self._reading(capture, None, "read where it redirects")
                except ArchiveError as exc:
                    _note_error(item, f"playback {capture.timestamp} {capture.original}", exc)
                    continue
                target = parse_status_url(reading.location or "")
                if reading.original != capture.original or target is None or not target.handle:
                    continue
                note["redirects_to"] = reading.location
                item.handle, item.post_id = target.handle, target.post_id
                break
            if item.post_id:
                break
        if item.post_id and item.handle:
            yield from self._group(Group(item.handle.casefold(), item.post_id, (item,)))
        elif item.handle and item.id_range:
            prefix = common_prefix(item.id_range[0], item.id_range[1] - 1)
            yield from self._group(Group(item.handle.casefold(), prefix, (item,)))
        else:
            yield _finished(item)


def _note_error(item: Item, what: str, exc: ArchiveError) -> None:
    """Record a failed request on ``item``; the same reason (a give-up, the deadline) once."""
    reason = str(exc)
    if not any(error.endswith(reason) for error in item.errors):
        item.errors.append(f"{what}: {reason}")


def _code_of(url: str) -> str:
    """Return the first path segment of a pic.twitter.com / t.co URL, case kept."""
    path = url.split("://", 1)[-1].split("/", 1)
    return path[1].split("?", 1)[0].split("/", 1)[0] if len(path) > 1 else ""
