"""The marker search finds exactly what one ``str.find`` loop per marker finds, with or without
the one-pass search for the markers without an anchor."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mediacite.extract import markers
from mediacite.extract import text as text_reader
from mediacite.extract.markers import DENSE_ANCHORS, marker_hits, plain_markers_in
from mediacite.extract.platforms import PLATFORMS
from mediacite.extract.text import iter_text_stream


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


def test_text_dense_with_anchors_finds_the_same_in_one_pass(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pytest.importorskip("ahocorasick_rs")
    text = "".join(f"{m} {near}" for m in MARKERS for near in NEAR) + " //users/users/ (@(@x) "
    assert text.count("@") * DENSE_ANCHORS > len(text)
    assert anchored(text) == one_pass_per_marker(text)
    monkeypatch.setattr(markers, "_anchored_search", lambda found: None)
    assert anchored(text) == one_pass_per_marker(text)


def test_a_marker_without_an_anchor_is_still_found() -> None:
    hits = dict(anchored("see youtu.be and 4:23 PM - 6 Aug 2012, Posted by Ana"))
    assert hits["youtube"] == [4]
    assert hits["twitter"] == [23]
    assert hits["facebook"] == [39]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(PIECES, st.text(max_size=3)), max_size=40).map("".join))
def test_the_one_pass_search_in_bytes_finds_every_marker_a_text_holds(text: str) -> None:
    pytest.importorskip("ahocorasick_rs")
    present = plain_markers_in(text.encode("utf-8"), PLATFORMS)
    assert present is not None
    assert marker_hits(text, PLATFORMS, present) == marker_hits(text, PLATFORMS)


def test_overlapping_markers_are_not_hidden_by_each_other() -> None:
    pytest.importorskip("ahocorasick_rs")
    present = plain_markers_in(b"Posted byoutube", PLATFORMS)
    assert present is not None and {"Posted by", "youtu"} <= present
    assert plain_markers_in(b"nothing to see", PLATFORMS) == frozenset()


def test_streamed_text_reads_the_same_without_the_one_pass_search(
    monkeypatch: pytest.MonkeyPatch, shared: Path
) -> None:
    texts = sorted((shared / "corpus" / "realworld" / "text").glob("*.txt"))
    data = b"\n\n".join(path.read_bytes() for path in texts) * 2
    with_search = list(iter_text_stream(io.BytesIO(data), chunk_bytes=1 << 16))
    monkeypatch.setattr(text_reader, "plain_markers_in", lambda *args: None)
    assert list(iter_text_stream(io.BytesIO(data), chunk_bytes=1 << 16)) == with_search


def test_a_marker_across_the_head_and_the_chunk_is_found() -> None:
    pytest.importorskip("ahocorasick_rs")
    found = plain_markers_in(b"ted by Ana", PLATFORMS, b"see Pos")
    assert found is not None and "Posted by" in found
    assert plain_markers_in("é par".encode(), PLATFORMS, b"Publi") == {"Publié par"}
    assert plain_markers_in(b"ted by Ana", PLATFORMS) == frozenset()
