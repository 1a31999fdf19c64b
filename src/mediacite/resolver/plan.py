"""Planning: from citations to the lookups that answer them, with no I/O.

For each citation the candidates are the status URL on ``twitter.com``, ``x.com`` and
``mobile.twitter.com`` queried by *prefix* (archives do not fold ``?s=20`` or
``?ref_src=…``), then ``twitter.com/i/web/status/{id}`` (no handle in the URL), then any
configured mirror hosts; the pic.twitter.com / t.co codes it carries (whose rows are compared
case-sensitively, since archives lowercase those keys); and for citations without a post id
a prefix on the handle restricted to the Snowflake id range of the cited date (±1 day).

Citations are grouped by handle and id range: ids of nearby dates share leading digits, so
one prefix query ``twitter.com/{handle}/status/{digits}`` answers a whole group. The plan is a
list of :data:`Work` descriptions; :mod:`mediacite.resolver.run` carries them out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import attrs

from mediacite.models import Citation, Snapshot
from mediacite.resolver.urls import common_prefix
from mediacite.resolver.verify import Outcome, cited_date
from mediacite.snowflake import FIRST_SNOWFLAKE, id_range, snowflake_time
from mediacite.twitter import HOSTS, media_codes, parse_status_url

__all__ = [
    "Found",
    "Group",
    "Item",
    "MediaLookup",
    "Options",
    "Unresolvable",
    "Work",
    "bucket",
    "make_item",
    "plan",
]


@attrs.frozen(kw_only=True)
class Options:
    """Tuning of the strategy.

    ``group_digits``: trailing id digits left free in one grouped prefix query (16 digits of
    a 19-digit id span at most ~28 days of posts); ``window_days``: ± days around a cited
    date for citations without an id; ``max_fetches``: mementos played back per post;
    ``max_posts``: posts examined for a citation without an id; ``mirrors``: hosts serving
    copies of posts under ``{host}/{handle}/status/{id}`` (nitter-style, e.g. ``nitter.net``),
    asked last; ``handleless``: whether ``twitter.com/i/web/status/{id}`` captures are
    looked up for posts the other hosts did not settle.
    """

    hosts: tuple[str, ...] = HOSTS
    mirrors: tuple[str, ...] = ()
    handleless: bool = True
    group_digits: int = 16
    window_days: int = 1
    max_fetches: int = 3
    max_posts: int = 10
    memo_size: int = 256


@attrs.frozen
class Found:
    """The best thing seen for one post: an outcome, its snapshot and evidence.

    ``score`` is the text similarity of that capture; ``tombstone`` describes the latest
    tombstone among the post's captures (``kind``, ``sentence``, ``captured_at``, ``original``),
    whatever the outcome.
    """

    outcome: Outcome
    snapshot: Snapshot | None
    evidence: dict[str, Any]
    post_id: str | None = None
    score: float | None = None
    tombstone: dict[str, Any] | None = None


@attrs.define
class Item:
    """One distinct citation (by cache key) being resolved, and what was learnt about it."""

    key: str
    citation: Citation
    handle: str | None
    post_id: str | None
    id_range: tuple[int, int] | None = None
    candidates: list[str] = attrs.Factory(list)
    evidence: dict[str, Any] = attrs.Factory(dict)
    found: list[Found] = attrs.Factory(list)
    errors: list[str] = attrs.Factory(list)
    unexamined: int = 0
    done: bool = False

    @property
    def settled(self) -> bool:
        """Whether no other host can change the answer.

        A cited post is settled once a capture of it verified or was read and disagreed; a
        citation without an id only once a post verified.
        """
        wanted = ("verified", "mismatch") if self.post_id is not None else ("verified",)
        return any(f.outcome in wanted for f in self.found)

    def moment(self) -> dt.datetime | None:
        """Return the time captures are ranked against: the cited date, else the id's time."""
        cited = cited_date(self.citation)
        if cited:
            return dt.datetime(cited.year, cited.month, cited.day, 12, tzinfo=dt.timezone.utc)
        return snowflake_time(self.post_id) if self.post_id else None


@attrs.frozen
class Group:
    """Items of one handle answered by one prefix query ``{host}/{handle}/status/{prefix}``."""

    handle: str
    prefix: str
    items: tuple[Item, ...]


@attrs.frozen
class Unresolvable:
    """An item no lookup can answer, and why."""

    item: Item
    reason: str

    @property
    def items(self) -> tuple[Item, ...]:
        """The items this work finishes."""
        return (self.item,)


@attrs.frozen
class MediaLookup:
    """An item without a post id found through the media / t.co codes it carries."""

    item: Item
    codes: tuple[tuple[str, str], ...]

    @property
    def items(self) -> tuple[Item, ...]:
        """The items this work finishes."""
        return (self.item,)


Work = Unresolvable | MediaLookup | Group
"""One unit of the plan; each finishes the items it names."""


def make_item(key: str, citation: Citation, options: Options) -> Item:
    """Turn a citation into a work item with its handle, id and id range."""
    handle = citation.handle.lstrip("@") if citation.handle else None
    post_id = citation.post_id if citation.post_id and citation.post_id.isdigit() else None
    if citation.url and not (handle and post_id):
        parsed = parse_status_url(citation.url)
        if parsed:
            handle, post_id = handle or parsed.handle, post_id or parsed.post_id
    item = Item(key=key, citation=citation, handle=handle, post_id=post_id)
    cited = cited_date(citation)
    if post_id is None and cited is not None:
        days = dt.timedelta(days=options.window_days)
        start = dt.datetime(cited.year, cited.month, cited.day, tzinfo=dt.timezone.utc)
        item.id_range = id_range(start - days, start + days + dt.timedelta(days=1))
    return item


def bucket(lo: int, hi: int, options: Options) -> str | None:
    """The id prefix shared by ``[lo, hi]`` with ``group_digits`` digits left free, if any."""
    prefix = common_prefix(lo, hi)
    keep = max(len(str(lo)) - options.group_digits, 0)
    if lo < FIRST_SNOWFLAKE:
        return str(lo) if lo == hi else None
    if len(str(lo)) != len(str(hi)) or len(prefix) < keep:
        return None
    return prefix[:keep]


def plan(items: Sequence[Item], options: Options, *, supports_prefix: bool) -> list[Work]:
    """Group items into work (grouped prefix queries, media lookups, the unresolvable).

    Items of one handle whose ids share their leading digits (ids of the same length, at
    most ``group_digits`` trailing digits apart) form a group; its query uses the longest
    prefix common to all of them (a lone post's query is its own id). ``supports_prefix``
    says whether the archive can list URLs by prefix.
    """
    work: list[Work] = []
    groups: dict[tuple[str, int, str], list[tuple[int, int, Item]]] = {}
    for item in items:
        codes = media_codes((*item.citation.media, *item.citation.urls))
        if item.post_id is None and codes:
            work.append(MediaLookup(item, codes))
            continue
        if item.handle is None:
            work.append(Unresolvable(item, "the citation names no handle"))
            continue
        if item.post_id is not None:
            lo = hi = int(item.post_id)
        elif item.id_range is not None:
            lo, hi = item.id_range[0], item.id_range[1] - 1
        else:
            reason = "the citation has neither a post id nor a date to narrow the search"
            work.append(Unresolvable(item, reason))
            continue
        if not supports_prefix and item.post_id is None:
            reason = "this archive cannot list a handle's posts and the citation has no id"
            work.append(Unresolvable(item, reason))
            continue
        shared = bucket(lo, hi, options)
        key = shared if shared is not None else common_prefix(lo, hi)
        groups.setdefault((item.handle.casefold(), len(str(lo)), key), []).append((lo, hi, item))
    for (handle, _, _), members in groups.items():
        lowest = min(lo for lo, _, _ in members)
        highest = max(hi for _, hi, _ in members)
        prefix = common_prefix(lowest, highest)
        work.append(Group(handle, prefix, tuple(item for _, _, item in members)))
    return work
