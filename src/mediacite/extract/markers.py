"""Where the platforms' text markers occur in a text, found in as few passes as possible.

Every text citation has one of its platform's :attr:`~.platforms.Platform.TEXT_MARKERS` near it,
so the text reader reads only the windows around marker hits. Searching each marker with its own
``str.find`` pass costs one pass over the text per marker (about twenty). Most markers hold an
*anchor*, ``@`` or ``/``, a character that ``str.find`` locates at memory speed and that is rare
in prose; so the text is searched once per anchor, and each anchor found is checked against the
few markers that can hold it there. Only the markers without an anchor (``M - ``, ``youtu``, the
credit phrases) get a pass of their own.

The hits are exactly those of one ``str.find`` loop per marker (non-overlapping occurrences,
from the left), so the reader's windows do not depend on how they were found.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mediacite.extract.platforms import Platform

__all__ = ["ANCHORS", "marker_hits"]

ANCHORS = "@/"
"""Characters that most markers hold and prose seldom does, searched once each."""

_Check = tuple[str, int]
"""A marker and where in it the anchor stands."""


@functools.cache
def _plan(
    markers: tuple[str, ...],
) -> tuple[dict[str, dict[str, list[_Check]]], dict[str, list[_Check]], tuple[str, ...]]:
    """How to find ``markers``: by anchor, keyed by the character before it; else on their own.

    Returns, per anchor, the markers holding it at an offset above 0 keyed by the character
    right before it, the markers starting with it, and the markers without an anchor.
    """
    before: dict[str, dict[str, list[_Check]]] = {a: {} for a in ANCHORS}
    leading: dict[str, list[_Check]] = {a: [] for a in ANCHORS}
    plain: list[str] = []
    for marker in markers:
        at = min((i for i in (marker.find(a) for a in ANCHORS) if i >= 0), default=-1)
        if at < 0:
            plain.append(marker)
        elif at == 0:
            leading[marker[0]].append((marker, 0))
        else:
            before[marker[at]].setdefault(marker[at - 1], []).append((marker, at))
    return before, leading, tuple(plain)


def _find_all(text: str, needle: str) -> list[int]:
    """Every position of ``needle`` in ``text``, overlapping ones included."""
    found: list[int] = []
    find = text.find
    at = find(needle)
    while at >= 0:
        found.append(at)
        at = find(needle, at + 1)
    return found


def _plain_occurrences(text: str, marker: str) -> list[int]:
    """Every position of a marker without an anchor.

    ``str.find`` is slow for a needle ending in a space (the most common character: its
    last-character test nearly always passes), so such a marker is searched without its
    trailing spaces and checked whole where that is found.
    """
    stem = marker.rstrip(" ")
    if not stem or stem == marker:
        return _find_all(text, marker)
    return [at for at in _find_all(text, stem) if text.startswith(marker, at)]


def _non_overlapping(positions: list[int], length: int) -> list[int]:
    """The occurrences a left-to-right search that skips each match keeps."""
    kept: list[int] = []
    end = -1
    for at in positions:
        if at >= end:
            kept.append(at)
            end = at + length
    return kept


def _occurrences(text: str, markers: tuple[str, ...]) -> dict[str, list[int]]:
    """Each marker's non-overlapping occurrences in ``text``, in order."""
    before, leading, plain = _plan(markers)
    found: dict[str, list[int]] = {m: [] for m in markers}
    startswith = text.startswith
    for anchor in ANCHORS:
        keyed, first = before[anchor], leading[anchor]
        if not keyed and not first:
            continue
        for at in _find_all(text, anchor):
            for marker, _ in first:
                if startswith(marker, at):
                    found[marker].append(at)
            checks = keyed.get(text[at - 1]) if at else None
            if checks:
                for marker, offset in checks:
                    if at >= offset and startswith(marker, at - offset):
                        found[marker].append(at - offset)
    for marker in plain:
        found[marker] = _plain_occurrences(text, marker)
    return {m: _non_overlapping(hits, len(m)) for m, hits in found.items()}


def marker_hits(text: str, platforms: Sequence[Platform]) -> list[tuple[Platform, list[int]]]:
    """The platforms with a marker in ``text``, each with its markers' positions, sorted.

    Platforms come in the order given; a position is listed once per marker found there.
    """
    markers = tuple(dict.fromkeys(m for p in platforms for m in p.TEXT_MARKERS))
    found = _occurrences(text, markers)
    hits = []
    for platform in platforms:
        positions = sorted(at for marker in platform.TEXT_MARKERS for at in found[marker])
        if positions:
            hits.append((platform, positions))
    return hits
