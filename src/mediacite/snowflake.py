"""Snowflake ids: the creation time inside every tweet id since November 2010.

``ms = (id >> 22) + TWITTER_EPOCH_MS``; ids below :data:`FIRST_SNOWFLAKE` predate Snowflake
and carry no time. Used by extraction (``posted_at``) and by resolution (the id range of a
cited day), which otherwise share no code.
"""

from __future__ import annotations

import datetime as dt

__all__ = ["FIRST_SNOWFLAKE", "TWITTER_EPOCH_MS", "id_range", "snowflake_time"]

TWITTER_EPOCH_MS = 1288834974657
"""Milliseconds since the Unix epoch at Snowflake id 0."""

FIRST_SNOWFLAKE = 29700859247
"""Ids below this one predate Snowflake (November 2010) and carry no creation time."""


def snowflake_time(post_id: str) -> dt.datetime | None:
    """The creation time (UTC) encoded in a Snowflake id, or ``None`` for older or malformed ids."""
    if not post_id.isdigit() or len(post_id) > 20:
        return None
    number = int(post_id)
    if number < FIRST_SNOWFLAKE:
        return None
    try:
        return dt.datetime.fromtimestamp(
            ((number >> 22) + TWITTER_EPOCH_MS) / 1000, tz=dt.timezone.utc
        )
    except (OverflowError, OSError, ValueError):
        return None


def id_range(start: dt.datetime, end: dt.datetime) -> tuple[int, int]:
    """The half-open id range ``[lo, hi)`` of posts created in ``[start, end)``."""
    t0 = max(int(start.timestamp() * 1000) - TWITTER_EPOCH_MS, 0)
    t1 = max(int(end.timestamp() * 1000) - TWITTER_EPOCH_MS, 0)
    return t0 << 22, t1 << 22
