"""The status table of decide.py, pinned by random combinations of findings (hypothesis).

The oracle below restates the table of ``docs/archives.md`` row by row, independently of the
implementation; every random item must get the status the table gives, and the evidence the
table promises (``reason``, ``tombstone``, ``matching_posts``).
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from mediacite.models import STATUSES, Citation, Snapshot
from mediacite.resolver.decide import RANK, decide
from mediacite.resolver.plan import Found, Item

OUTCOMES = tuple(RANK)
SNAPSHOT = Snapshot(
    archive="t", original_url="https://x/1", archived_url="https://a/1", captured_at="2020-01-01"
)
TOMBSTONE = {"kind": "deleted", "sentence": "gone", "captured_at": "2021-01-01T00:00:00Z"}


@st.composite
def findings(draw: st.DrawFn, post_ids: list[str]) -> list[Found]:
    found = []
    for post_id in post_ids:
        for _ in range(draw(st.integers(1, 3))):
            outcome = draw(st.sampled_from(OUTCOMES))
            snapshot = SNAPSHOT if outcome not in ("missing",) else None
            score = draw(st.sampled_from([None, 0.5, 1.0])) if outcome == "verified" else None
            tombstone = TOMBSTONE if draw(st.booleans()) else None
            found.append(Found(outcome, snapshot, {}, post_id, score, tombstone))
    return found


@st.composite
def items(draw: st.DrawFn) -> Item:
    by_id = draw(st.booleans())
    citation = Citation(platform="twitter", kind="byline", handle="h", date="2020-01-01")
    item = Item(key="k", citation=citation, handle="h", post_id="1" if by_id else None)
    if not by_id:
        item.id_range = (0, 100)
    posts = ["1"] if by_id else draw(st.lists(st.sampled_from("2345"), unique=True, max_size=4))
    present = posts if draw(st.booleans()) else []
    item.found = draw(findings(present))
    item.errors = ["search failed"] if draw(st.integers(0, 3)) == 0 else []
    item.unexamined = 0 if by_id else draw(st.sampled_from([0, 0, 0, 1, 2]))
    return item


def best(found: list[Found]) -> dict[str, Found]:
    out: dict[str, Found] = {}
    for f in found:
        key = f.post_id or ""
        if key not in out or (RANK[f.outcome], f.score or 0) > (
            RANK[out[key].outcome],
            out[key].score or 0,
        ):
            out[key] = f
    return out


ONE_POST = {
    "verified": "verified",
    "mismatch": "mismatch",
    "archived": "archived",
    "shell": "archived",
    "redirect": "archived",
    "tombstone": "unavailable",
    "missing": "error",
}
OPEN = {"archived", "shell", "redirect", "tombstone", "missing"}


def table(item: Item) -> tuple[str, Found | None]:
    """The status the table gives, and the post it is about."""
    posts = best(item.found)
    verified = [f for f in posts.values() if f.outcome == "verified"]
    if item.post_id is not None:
        if verified:
            return "verified", verified[0]
        if item.errors:
            return "error", None
        if not posts:
            return "not_archived", None
        (only,) = posts.values()
        return ONE_POST[only.outcome], only
    if len(verified) > 1:
        return "ambiguous", None
    if item.errors:
        return "error", None
    if verified:
        return "verified", verified[0]
    if not posts and not item.unexamined:
        return "not_archived", None
    open_posts = [f for f in posts.values() if f.outcome in OPEN]
    if not open_posts and not item.unexamined:
        return "mismatch", max(posts.values(), key=lambda f: RANK[f.outcome])
    if len(open_posts) != 1 or item.unexamined:
        return "ambiguous", None
    return ONE_POST[open_posts[0].outcome], open_posts[0]


@settings(max_examples=400, deadline=None)
@given(items())
def test_decide_follows_the_table(item: Item) -> None:
    status, snapshot, evidence = decide(item)
    expected, post = table(item)
    assert status in STATUSES
    assert status == expected, (item.found, item.errors, item.unexamined)
    if status == "not_archived":
        assert not item.found and not item.errors
    if status in ("archived", "mismatch") and item.post_id is None:
        assert evidence.get("reason") or evidence.get("by_elimination")
    if status == "ambiguous":
        assert evidence["reason"]
    if status == "unavailable":
        assert snapshot is None
    if post is not None and status != "error":
        assert evidence["post_id"] == post.post_id
        assert ("tombstone" in evidence) == (post.tombstone is not None)
    if status in ("verified", "archived", "mismatch") and post is not None:
        assert snapshot == post.snapshot


def test_a_readable_post_that_cannot_be_checked_is_never_not_archived() -> None:
    """The issue's case: the right capture, handle and date checked, text unreadable."""
    citation = Citation(platform="twitter", kind="byline", handle="h", date="2014-04-02")
    item = Item(key="k", citation=citation, handle="h", post_id=None, id_range=(0, 100))
    item.found = [
        Found("archived", SNAPSHOT, {"reason": "text could not be read"}, "2"),
        Found("mismatch", SNAPSHOT, {"differs": ["text"]}, "3"),
    ]
    status, snapshot, evidence = decide(item)
    assert status == "archived" and snapshot == SNAPSHOT
    assert evidence["post_id"] == "2" and evidence["excluded"] == {"3": ["text"]}
