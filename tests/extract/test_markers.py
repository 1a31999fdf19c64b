"""The marker search finds exactly what one ``str.find`` loop per marker finds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from mediacite.extract.markers import marker_hits
from mediacite.extract.platforms import PLATFORMS


def one_pass_per_marker(text: str) -> list[tuple[str, list[int]]]:
    """The search as it was: non-overlapping hits of each marker, merged per platform."""
    found: dict[str, list[int]] = {}
    for platform in PLATFORMS:
        for marker in platform.TEXT_MARKERS:
            hits, at = [], text.find(marker)
            while at >= 0:
                hits.append(at)
                at = text.find(marker, at + len(marker))
            found[marker] = hits
    merged = [(p.NAME, sorted(at for m in p.TEXT_MARKERS for at in found[m])) for p in PLATFORMS]
    return [(name, hits) for name, hits in merged if hits]


def anchored(text: str) -> list[tuple[str, list[int]]]:
    return [(p.NAME, hits) for p, hits in marker_hits(text, PLATFORMS)]


MARKERS = sorted({m for p in PLATFORMS for m in p.TEXT_MARKERS})
NEAR = ["@", "/", "(", " ", "\n", "M -", "M", "-", "x", "é", "//", "@@", "(@(@", "a.com/"]
PIECES = st.sampled_from([*MARKERS, *NEAR])


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(PIECES, st.text(max_size=3)), max_size=40).map("".join))
def test_hits_are_those_of_one_find_loop_per_marker(text: str) -> None:
    assert anchored(text) == one_pass_per_marker(text)


def test_markers_at_the_edges_and_overlapping() -> None:
    for text in ("(@", "x.com/", "M - M - ", "//users/users/", "(@x) t.me/ telegram.me/a", ""):
        assert anchored(text) == one_pass_per_marker(text)


def test_a_marker_without_an_anchor_is_still_found() -> None:
    hits = dict(anchored("see youtu.be and 4:23 PM - 6 Aug 2012, Posted by Ana"))
    assert hits["youtube"] == [4]
    assert hits["twitter"] == [23]
    assert hits["facebook"] == [39]
