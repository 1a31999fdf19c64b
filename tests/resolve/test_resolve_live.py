"""One real lookup on the live Wayback Machine (run with MEDIACITE_LIVE=1; polite defaults)."""

from __future__ import annotations

import os

import pytest

from mediacite.models import Citation
from mediacite.resolver import resolve

pytestmark = [
    pytest.mark.live,
    pytest.mark.skipif(os.environ.get("MEDIACITE_LIVE") != "1", reason="set MEDIACITE_LIVE=1"),
]


def test_four_more_years_is_archived() -> None:
    citation = Citation(
        platform="twitter",
        kind="byline",
        handle="BarackObama",
        post_id="266031293945503744",
        date="2012-11-07",
        text="Four more years.",
    )
    (resolution,) = resolve([citation], cache=None)
    assert resolution.status in ("verified", "archived"), resolution.to_dict()
    assert resolution.snapshot is not None
    assert resolution.snapshot.archived_url.startswith("https://web.archive.org/web/")
