"""Deciding: the final status of a citation from everything its lookups found, with no I/O.

The rules (``docs/archives.md`` has the table): the best outcome over the posts examined
wins (verified > mismatch > archived > deleted > redirect > missing); a citation without a
post id is ``verified`` only by a post that verified, and ``ambiguous`` when several did;
lookups that failed make the answer ``error`` unless something definitive was found.
"""

from __future__ import annotations

from typing import Any

from mediacite.models import Resolution, Snapshot, Status
from mediacite.resolver.plan import Item
from mediacite.resolver.verify import Outcome

__all__ = ["RANK", "decide", "finish"]

RANK: dict[Outcome, int] = {
    "verified": 5,
    "mismatch": 4,
    "archived": 3,
    "deleted": 2,
    "redirect": 1,
    "missing": 0,
}
"""How much each playback outcome says about a post, most first."""


def decide(item: Item) -> tuple[Status, Snapshot | None, dict[str, Any]]:
    """The status, snapshot and evidence an item's findings support."""
    if item.post_id is None and item.id_range is not None:
        verified = [f for f in item.found if f.outcome == "verified"]
        if len({f.post_id for f in verified}) > 1:
            ids = sorted({f.post_id or "" for f in verified})
            return "ambiguous", None, {"matching_posts": ids}
    if item.found:
        best = max(item.found, key=lambda f: RANK[f.outcome])
        evidence = {**best.evidence, "post_id": best.post_id}
        if best.outcome in ("verified", "mismatch", "archived"):
            if item.post_id is None and best.outcome != "verified":
                return ("error" if item.errors else "not_archived"), None, evidence
            return best.outcome, best.snapshot, evidence
        if item.errors:
            return "error", None, evidence
        return "not_archived", None, evidence
    return ("error" if item.errors else "not_archived"), None, {}


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
