"""Where the platforms' text markers occur in a text, found in as few passes as possible.

Every text citation has one of its platform's :attr:`~.platforms.Platform.TEXT_MARKERS` near it,
so the text reader reads only the windows around marker hits. Searching each marker with its own
``str.find`` pass costs one pass over the text per marker (about twenty). Most markers hold an
*anchor*, ``@`` or ``/``, a character that ``str.find`` locates at memory speed and that is rare
in prose; so the text is searched once per anchor, and each anchor found is checked against the
few markers that can hold it there. Only the markers without an anchor (``M - ``, ``youtu``, the
credit phrases) get a pass of their own.

When the optional ``ahocorasick-rs`` package is installed (``pip install 'mediacite[fast]'``),
a reader that holds a text's UTF-8 bytes first asks :func:`plain_markers_in` which markers
without an anchor occur in them at all: one SIMD pass for all of them, after which only those
found get their own pass (most texts hold none).

The hits are exactly those of one ``str.find`` loop per marker (non-overlapping occurrences,
from the left), so the reader's windows do not depend on how they were found.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Collection, Sequence
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from mediacite.extract.platforms import Platform

__all__ = ["ANCHORS", "marker_hits", "plain_markers_in"]

ANCHORS = "@/"
"""Characters that most markers hold and prose seldom does, searched once each."""

DENSE_ANCHORS = 256
"""Characters per ``@`` under which a text is searched for every marker with an anchor in one
ahocorasick-rs pass rather than anchor by anchor (checking an anchor costs about as much as
the pass does on 256 characters: 0.6 µs against 2.5 ms a MB, measured on generated prose and
on near-miss text; prose has about one ``@`` in 7,000 characters)."""

_Check = tuple[str, int]
"""A marker and where in it the anchor stands."""


class _Plan(NamedTuple):
    """How to find a set of markers (see :func:`_plan`)."""

    before: dict[str, dict[str, list[_Check]]]
    """Per anchor, the markers holding it at an offset above 0, by the character before it."""
    leading: dict[str, list[_Check]]
    """Per anchor, the markers starting with it."""
    anchored: tuple[str, ...]
    """The markers with an anchor, in the order given."""
    plain: tuple[str, ...]
    """The markers without an anchor, in the order given."""


@functools.cache
def _plan(markers: tuple[str, ...]) -> _Plan:
    """How to find ``markers``: by anchor, keyed by the character before it; else on their own."""
    before: dict[str, dict[str, list[_Check]]] = {a: {} for a in ANCHORS}
    leading: dict[str, list[_Check]] = {a: [] for a in ANCHORS}
    anchored: list[str] = []
    plain: list[str] = []
    for marker in markers:
        at = min((i for i in (marker.find(a) for a in ANCHORS) if i >= 0), default=-1)
        if at < 0:
            plain.append(marker)
            continue
        anchored.append(marker)
        if at == 0:
            leading[marker[0]].append((marker, 0))
        else:
            before[marker[at]].setdefault(marker[at - 1], []).append((marker, at))
    return _Plan(before, leading, tuple(anchored), tuple(plain))


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


@functools.cache
def _self_overlapping(marker: str) -> bool:
    """Whether two occurrences of ``marker`` may share characters (``aa`` in ``aaa``)."""
    return any(marker.startswith(marker[k:]) for k in range(1, len(marker)))


def _non_overlapping(positions: list[int], marker: str) -> list[int]:
    """The occurrences a left-to-right search that skips each match keeps."""
    if not _self_overlapping(marker):
        return positions
    length = len(marker)
    kept: list[int] = []
    end = -1
    for at in positions:
        if at >= end:
            kept.append(at)
            end = at + length
    return kept


def _occurrences(
    text: str, markers: tuple[str, ...], present: Collection[str] | None
) -> dict[str, list[int]]:
    """Each marker's non-overlapping occurrences in ``text``, in order.

    ``present`` holds the markers without an anchor that may occur (``None``: any may).
    """
    plan = _plan(markers)
    found: dict[str, list[int]] = {m: [] for m in markers}
    places = _find_all(text, ANCHORS[0])
    search = _anchored_search(plan.anchored) if len(places) * DENSE_ANCHORS > len(text) else None
    if search is not None:
        for index, start, _ in search(text):
            found[plan.anchored[index]].append(start)
    else:
        _by_anchor(text, plan.before, plan.leading, places, found)
    for marker in plan.plain:
        if present is None or marker in present:
            found[marker] = _plain_occurrences(text, marker)
    return {m: _non_overlapping(hits, m) if hits else hits for m, hits in found.items()}


def _by_anchor(
    text: str,
    before: dict[str, dict[str, list[_Check]]],
    leading: dict[str, list[_Check]],
    first_places: list[int],
    found: dict[str, list[int]],
) -> None:
    """Fill ``found`` with every occurrence of the markers with an anchor, anchor by anchor.

    ``first_places`` are the places of the first anchor (already found).
    """
    startswith = text.startswith
    for anchor in ANCHORS:
        keyed, first = before[anchor], leading[anchor]
        if not keyed and not first:
            continue
        places = first_places if anchor == ANCHORS[0] else _find_all(text, anchor)
        if not places:
            continue
        for marker, _ in first:
            found[marker] = [at for at in places if startswith(marker, at)]
        if not keyed:
            continue
        # The character before each anchor (none before one opening the text) is read once;
        # each key then picks its anchors out of them in one pass at C speed.
        inner = places[1:] if places and places[0] == 0 else places
        previous = [text[at - 1] for at in inner]
        for key, checks in keyed.items():
            candidates = list(itertools.compress(inner, map(key.__eq__, previous)))
            for marker, offset in checks:
                found[marker] = [
                    at - offset
                    for at in candidates
                    if at >= offset and startswith(marker, at - offset)
                ]


@functools.cache
def _anchored_search(
    anchored: tuple[str, ...],
) -> Callable[[str], list[tuple[int, int, int]]] | None:
    """A one-pass search for every occurrence of ``anchored`` in a text, or ``None``.

    ``None`` without ahocorasick-rs. It reports ``(marker index, start, end)``, overlapping
    occurrences included, each marker's in order: the occurrences the anchors find.
    """
    if not anchored:
        return None
    try:
        from ahocorasick_rs import AhoCorasick, MatchKind
    except ImportError:
        return None
    automaton = AhoCorasick(list(anchored), matchkind=MatchKind.Standard)
    return functools.partial(automaton.find_matches_as_indexes, overlapping=True)


@functools.cache
def _markers(platforms: tuple[Platform, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(m for p in platforms for m in p.TEXT_MARKERS))


def marker_hits(
    text: str, platforms: Sequence[Platform], present: Collection[str] | None = None
) -> list[tuple[Platform, list[int]]]:
    """The platforms with a marker in ``text``, each with its markers' positions, sorted.

    Platforms come in the order given; a position is listed once per marker found there.
    ``present`` (from :func:`plain_markers_in`) names the markers without an anchor that
    ``text`` may hold; the others are not searched for.
    """
    found = _occurrences(text, _markers(tuple(platforms)), present)
    hits = []
    for platform in platforms:
        lists = [found[m] for m in platform.TEXT_MARKERS if found[m]]
        if lists:
            hits.append((platform, sorted(itertools.chain.from_iterable(lists))))
    return hits


def _overlap(a: str, b: str) -> bool:
    """Whether an occurrence of ``a`` and one of ``b`` may share characters."""
    if a in b or b in a:
        return True
    return any(a.endswith(b[:k]) or b.endswith(a[:k]) for k in range(1, min(len(a), len(b))))


@functools.cache
def _search(plain: tuple[str, ...]) -> Callable[[bytes], frozenset[str]] | None:
    """A one-pass search for ``plain`` in UTF-8 bytes, or ``None`` without ahocorasick-rs.

    The search reports non-overlapping occurrences from the left, so an occurrence sharing
    characters with one reported is not reported itself: a marker found counts as finding
    the markers it may overlap too (``Posted by`` and ``youtu`` in ``Posted byoutu``).
    """
    if not plain:
        return None
    try:
        from ahocorasick_rs import BytesAhoCorasick, MatchKind
    except ImportError:
        return None
    automaton = BytesAhoCorasick(
        [marker.encode("utf-8") for marker in plain], matchkind=MatchKind.LeftmostFirst
    )
    partners = [frozenset(b for b in plain if _overlap(a, b)) for a in plain]

    def present(data: bytes) -> frozenset[str]:
        found = {i for i, _, _ in automaton.find_matches_as_indexes(data)}
        return frozenset().union(*(partners[i] for i in found))

    return present


def plain_markers_in(
    data: bytes, platforms: Sequence[Platform], head: bytes = b""
) -> frozenset[str] | None:
    """The markers without an anchor found in the UTF-8 bytes ``head + data``.

    (``head``, short, is searched with the start of ``data`` rather than joined to all of it.)
    ``None`` when that cannot be known cheaply (``ahocorasick-rs`` is not installed): then
    :func:`marker_hits` searches for every marker.
    """
    plain = _plan(_markers(tuple(platforms))).plain
    search = _search(plain)
    if search is None:
        return None
    if not head:
        return search(data)
    reach = max(len(marker.encode("utf-8")) for marker in plain) - 1
    return search(head + data[:reach]) | search(data)
