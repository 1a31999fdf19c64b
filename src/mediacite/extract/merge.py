"""One post, one record: merge the citations of one document that name the same post.

A document may cite one post several ways — an official embed, a shortcode, a prose link, a
Markdown-quoted byline. Readers hand every form they find to :func:`merge_citations`, which
keeps one :class:`~mediacite.models.Citation` per post (by :attr:`Citation.identity`): the
richest form (:data:`KIND_RANK`), completed with the fields only the others carry, and with
the other forms' positions in ``also_at``.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from mediacite.models import Citation, Span

__all__ = ["KIND_RANK", "merge_citations"]

KIND_RANK: dict[str, int] = {
    "blockquote": 0,
    "card": 1,
    "byline": 2,
    "widget": 3,
    "rendered": 4,
    "shortcode": 5,
    "stub": 6,
    "link": 7,
}
"""How rich each kind is (lower is richer): a post cited several ways is reported as its
richest form. Forms that carry the post's text and author come first (the official embed, a
publisher's card, a flattened byline and its widget residue); then forms that only name the
post: a rendered player or frame, a site generator's shortcode or component (an embed the
author asked for, but without the post's text), an embed placeholder, and a plain link."""

_MERGED = ("handle", "author", "date", "date_text", "posted_at", "text", "url")
"""Fields a richer form lacks that a poorer form of the same post may fill."""


def merge_citations(citations: Iterable[Citation]) -> list[Citation]:
    """One citation per post, in document order.

    Citations that name no post (no id, handle or media) are never merged. The kept citation
    is the richest kind (the first one found among equals), with the fields it lacks taken
    from the others and their positions added to ``also_at``.
    """
    best: dict[tuple[str, ...], Citation] = {}
    spans: dict[tuple[str, ...], list[Span]] = {}
    for c in citations:
        key = c.identity
        if not c.post_id and not c.handle and not c.media:
            key = (*key, str(c.start))
        have = best.get(key)
        if have is None:
            best[key] = c
            spans[key] = [c.span, *c.also_at]
            continue
        spans[key] += [c.span, *c.also_at]
        rich, poor = (c, have) if KIND_RANK[c.kind] < KIND_RANK[have.kind] else (have, c)
        best[key] = _fill(rich, poor)
    merged = []
    for key, kept in best.items():
        others = sorted(set(spans[key]) - {kept.span}, key=lambda s: (s.start, s.end))
        merged.append(attrs.evolve(kept, also_at=others) if others or kept.also_at else kept)
    return sorted(merged, key=lambda c: (c.start, -c.end))


def _fill(rich: Citation, poor: Citation) -> Citation:
    changes = {
        name: getattr(poor, name)
        for name in _MERGED
        if getattr(rich, name) is None and getattr(poor, name) is not None
    }
    return attrs.evolve(rich, **changes) if changes else rich
