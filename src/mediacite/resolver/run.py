"""Running the plan: archive operations that search, play back and verify, as generators.

Each unit of :mod:`~mediacite.resolver.plan` becomes an operation: a generator that yields
:class:`~mediacite.resolver.transport.Call` requests (the driver sends them, sync or async)
and :class:`Resolved` events as items get their final status. Other hosts are only asked about
what the first one did not settle. For each post the snapshot closest to the cited date is
played back raw and checked by :func:`~mediacite.resolver.verify.verify`; the status is
decided by :mod:`~mediacite.resolver.decide`.
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from collections.abc import Iterable
from typing import Any

import attrs

from mediacite.errors import ArchiveError
from mediacite.models import Resolution, Status
from mediacite.resolver.archives import Archive, Capture, Memento, Query
from mediacite.resolver.decide import RANK, finish
from mediacite.resolver.plan import Found, Group, Item, MediaLookup, Options, Unresolvable, Work
from mediacite.resolver.transport import Operation
from mediacite.resolver.urls import common_prefix
from mediacite.resolver.verify import verify
from mediacite.snowflake import snowflake_time
from mediacite.twitter import parse_status_url

__all__ = ["Resolved", "Run"]


@attrs.frozen
class Resolved:
    """Event yielded by an operation when a citation gets its final status."""

    key: str
    resolution: Resolution


def _finished(item: Item, status: Status | None = None) -> Resolved:
    return Resolved(item.key, finish(item, status))


def _closest(captures: Iterable[Capture], moment: dt.datetime | None) -> list[Capture]:
    if moment is None:
        return sorted(captures, key=lambda c: c.timestamp)
    return sorted(captures, key=lambda c: (abs(c.captured_at - moment), c.timestamp))


class Run:
    """One batch against one archive: its options and a bounded memo of fetched mementos."""

    def __init__(self, archive: Archive, options: Options) -> None:
        self.archive = archive
        self.options = options
        self._memo: OrderedDict[tuple[str, str], Memento] = OrderedDict()

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

    def _queries(self, group: Group, host: str) -> list[tuple[Query, list[Item]]]:
        if self.archive.supports_prefix:
            query = Query(f"{host}/{group.handle}/status/{group.prefix}", "prefix")
            return [(query, list(group.items))]
        return [
            (Query(f"{host}/{item.handle}/status/{item.post_id}"), [item]) for item in group.items
        ]

    def _group(self, group: Group) -> Operation[None]:
        for host in self.options.hosts:
            pending = [item for item in group.items if not item.settled]
            if not pending:
                break
            for query, members in self._queries(group, host):
                members = [item for item in members if not item.settled]
                if not members:
                    continue
                for item in members:
                    item.candidates.append(
                        f"https://{query.url}" + ("*" * (query.match == "prefix"))
                    )
                try:
                    result = yield from self.archive.search(query)
                except ArchiveError as exc:
                    for item in members:
                        item.errors.append(f"search {query.url}: {exc}")
                    continue
                by_id = self._by_post(group.handle, result.captures)
                incomplete = not result.complete
                for item in members:
                    if incomplete and item.post_id and item.post_id not in by_id:
                        yield from self._narrow(item, host)
                    else:
                        yield from self._examine(item, by_id)
        for item in group.items:
            yield _finished(item)

    def _narrow(self, item: Item, host: str) -> Operation[None]:
        """Ask for one post's own URL prefix when a grouped query was cut short."""
        query = Query(f"{host}/{item.handle}/status/{item.post_id}", "prefix")
        item.candidates.append(f"https://{query.url}*")
        try:
            result = yield from self.archive.search(query)
        except ArchiveError as exc:
            item.errors.append(f"search {query.url}: {exc}")
            return
        if not result.complete:
            item.evidence["truncated"] = query.url
        yield from self._examine(item, self._by_post(item.handle or "", result.captures))

    @staticmethod
    def _by_post(handle: str, captures: Iterable[Capture]) -> dict[str, list[Capture]]:
        by_id: dict[str, list[Capture]] = {}
        for capture in captures:
            parsed = parse_status_url(capture.original)
            if parsed and parsed.handle and parsed.handle.casefold() == handle.casefold():
                by_id.setdefault(parsed.post_id, []).append(capture)
        return by_id

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
        posts = [pid for pid in by_id if lo <= int(pid) < hi]
        if moment is not None:
            posts.sort(key=lambda pid: abs((snowflake_time(pid) or moment) - moment))
        item.evidence.setdefault("posts_in_window", [])
        for post_id in posts[: self.options.max_posts]:
            if post_id in item.evidence["posts_in_window"]:
                continue
            item.evidence["posts_in_window"].append(post_id)
            found = yield from self._try_post(item, post_id, by_id[post_id])
            item.found.append(found)

    def _fetch(self, capture: Capture) -> Operation[Memento]:
        memo_key = (capture.timestamp, capture.original)
        cached = self._memo.get(memo_key)
        if cached is not None:
            self._memo.move_to_end(memo_key)
            return cached
        memento = yield from self.archive.fetch(capture)
        self._memo[memo_key] = memento
        if len(self._memo) > self.options.memo_size:
            self._memo.popitem(last=False)
        return memento

    def _try_post(self, item: Item, post_id: str, captures: list[Capture]) -> Operation[Found]:
        """Play back the captures closest to the cited date until one verifies."""
        deleted = [c for c in captures if c.status in (404, 410)]
        playable = [c for c in captures if c.status is None or 200 <= c.status < 300]
        tried: list[dict[str, Any]] = []
        best: Found | None = None
        for capture in _closest(playable, item.moment())[: self.options.max_fetches]:
            try:
                memento = yield from self._fetch(capture)
            except ArchiveError as exc:
                item.errors.append(f"playback {capture.timestamp} {capture.original}: {exc}")
                continue
            verdict = verify(item.citation, memento, post_id)
            tried.append({"uri_m": memento.uri_m, "outcome": verdict.outcome})
            snapshot = memento.snapshot(capture) if memento.captured_at else None
            found = Found(verdict.outcome, snapshot, dict(verdict.evidence), post_id)
            if best is None or RANK[found.outcome] > RANK[best.outcome]:
                best = found
            if verdict.outcome == "verified":
                break
        if best is None:
            best = Found("deleted" if deleted else "missing", None, {}, post_id)
        evidence = {**best.evidence, "mementos": tried, "captures": len(captures)}
        if deleted:
            evidence["deleted_captures"] = len(deleted)
        return attrs.evolve(best, evidence=evidence)

    def _media_item(self, item: Item, codes: tuple[tuple[str, str], ...]) -> Operation[None]:
        """Find the post a pic.twitter.com / t.co code redirects to, then resolve it.

        When no code leads to a post, fall back to the handle's posts around the cited date.
        """
        media: list[dict[str, Any]] = []
        item.evidence["media"] = media
        for host, code in codes:
            query = Query(f"{host}/{code}")
            item.candidates.append(f"https://{query.url}")
            try:
                result = yield from self.archive.search(query)
            except ArchiveError as exc:
                item.errors.append(f"search {query.url}: {exc}")
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
                    memento = yield from self._fetch(capture)
                except ArchiveError as exc:
                    item.errors.append(f"playback {capture.timestamp} {capture.original}: {exc}")
                    continue
                target = parse_status_url(memento.location or "")
                if memento.original != capture.original or target is None or not target.handle:
                    continue
                note["redirects_to"] = memento.location
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


def _code_of(url: str) -> str:
    """Return the first path segment of a pic.twitter.com / t.co URL, case kept."""
    path = url.split("://", 1)[-1].split("/", 1)
    return path[1].split("?", 1)[0].split("/", 1)[0] if len(path) > 1 else ""
