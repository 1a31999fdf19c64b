"""Deciding: the final status of a citation from everything its lookups found, with no I/O.

Each post examined has one :class:`~mediacite.resolver.plan.Found`: its best outcome over the
captures played back (:data:`RANK`). The status follows this table (``docs/archives.md``
shows it to users; ``tests/resolve/test_resolve_decide.py`` pins it with random findings):

==========================  =========================================================
status                      when
==========================  =========================================================
``verified``                a post passed every check: by id, the cited post; without
                            an id, exactly one post of the window (and no lookup failed)
``ambiguous``               without an id, several posts verified, or several posts of
                            the window could not be told apart (unreadable, tombstoned
                            or not examined) and none verified
``error``                   a lookup or playback failed and nothing above was found
``mismatch``                by id, a capture of the post was read and a check failed;
                            without an id, every post of the window failed a check
``archived``                a capture of the post exists but its text could not be
                            checked (an unreadable shape, an app shell, only redirects);
                            without an id, that post is the only one not excluded
``unavailable``             the only captures of the post are tombstones (deleted,
                            suspended, withheld, restricted, protected, not found)
``not_archived``            no capture of any candidate URL exists, and no lookup failed
==========================  =========================================================

Rows are tried top to bottom. ``evidence.reason`` says why for ``archived``, ``ambiguous``
and ``mismatch``; ``evidence.tombstone`` describes the tombstone of the decided post whenever
one was captured, whatever the status (``after_snapshot`` tells a newsroom the post was
removed after the copy it can link).
"""

from __future__ import annotations

from typing import Any

from mediacite.models import Resolution, Snapshot, Status
from mediacite.resolver.plan import Found, Item
from mediacite.resolver.verify import Outcome

__all__ = ["RANK", "best_per_post", "decide", "finish"]

RANK: dict[Outcome, int] = {
    "verified": 6,
    "mismatch": 5,
    "archived": 4,
    "tombstone": 3,
    "shell": 2,
    "redirect": 1,
    "missing": 0,
}
"""How much each playback outcome says about a post, most first."""

_OPEN: frozenset[Outcome] = frozenset({"archived", "tombstone", "shell", "redirect", "missing"})
"""Outcomes that leave a post of an id-less citation neither confirmed nor excluded."""

Decision = tuple[Status, Snapshot | None, dict[str, Any]]


def best_per_post(found: list[Found]) -> dict[str, Found]:
    """The best finding of each post (a post is examined once per host that has it)."""
    best: dict[str, Found] = {}
    for finding in found:
        key = finding.post_id or ""
        current = best.get(key)
        if current is None or _order(finding) > _order(current):
            best[key] = finding
    return best


def _order(finding: Found) -> tuple[int, float]:
    return RANK[finding.outcome], finding.score or 0.0


def _with_tombstone(finding: Found, evidence: dict[str, Any]) -> dict[str, Any]:
    evidence = {**finding.evidence, **evidence, "post_id": finding.post_id}
    if finding.tombstone is not None:
        tombstone = dict(finding.tombstone)
        snapshot = finding.snapshot
        if snapshot is not None and tombstone.get("captured_at"):
            tombstone["after_snapshot"] = tombstone["captured_at"] > snapshot.captured_at
        evidence["tombstone"] = tombstone
    return evidence


def _single(finding: Found, extra: dict[str, Any]) -> Decision:
    """The status one post's best finding gives (no verified finding, no errors)."""
    outcome = finding.outcome
    if outcome == "mismatch":
        return "mismatch", finding.snapshot, _with_tombstone(finding, extra)
    if outcome == "tombstone":
        return "unavailable", None, _with_tombstone(finding, extra)
    if outcome == "missing":
        reason = "the archive lists captures of the post but played none of them back"
        return "error", None, _with_tombstone(finding, {**extra, "reason": reason})
    if outcome in ("shell", "redirect") and "reason" not in finding.evidence:
        extra = {**extra, "reason": "the captures of the post hold no readable post"}
    return "archived", finding.snapshot, _with_tombstone(finding, extra)


def decide(item: Item) -> Decision:
    """The status, snapshot and evidence an item's findings support (the module's table)."""
    posts = best_per_post(item.found)
    verified = [f for f in posts.values() if f.outcome == "verified"]
    if item.post_id is not None or item.id_range is None:
        if verified:
            return "verified", verified[0].snapshot, _with_tombstone(verified[0], {})
        if item.errors:
            return "error", None, {}
        if not posts:
            return "not_archived", None, {}
        finding = max(posts.values(), key=_order)
        return _single(finding, {})
    if len(verified) > 1:
        ids = sorted(f.post_id or "" for f in verified)
        return "ambiguous", None, {"matching_posts": ids, "reason": "several posts match"}
    if item.errors:
        return "error", None, {}
    if verified:
        return "verified", verified[0].snapshot, _with_tombstone(verified[0], {})
    if not posts and not item.unexamined:
        return "not_archived", None, {}
    open_posts = [f for f in posts.values() if f.outcome in _OPEN]
    excluded = {
        f.post_id or "": f.evidence.get("differs", [])
        for f in posts.values()
        if f not in open_posts
    }
    if not open_posts and not item.unexamined:
        closest = max(posts.values(), key=_order)
        reason = "no post of the handle in the cited window matches the citation"
        return _single(closest, {"reason": reason, "excluded": excluded})
    if not open_posts or len(open_posts) + item.unexamined > 1:
        candidates = sorted(f.post_id or "" for f in open_posts)
        reason = "several posts of the window could not be told apart"
        evidence = {"candidates": candidates, "unexamined": item.unexamined, "reason": reason}
        return "ambiguous", None, evidence
    only = open_posts[0]
    extra = {"excluded": excluded, "by_elimination": True}
    return _single(only, extra)


def finish(item: Item, status: Status | None = None) -> Resolution:
    """Close an item: its :class:`Resolution`, with ``status`` or the one :func:`decide` gives."""
    if item.done:
        raise RuntimeError("an item was finished twice")
    item.done = True
    evidence = dict(item.evidence)
    snapshot = None
    if status is None:
        status, snapshot, found_evidence = decide(item)
        evidence.update(found_evidence)
    return Resolution(
        citation=item.citation,
        status=status,
        snapshot=snapshot,
        evidence=evidence,
        candidates=tuple(item.candidates),
        error="; ".join(item.errors) if status == "error" else None,
    )
