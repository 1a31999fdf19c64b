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

from mediacite.models import Citation

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
    order: list[tuple[str, ...]] = []
    for c in citations:
        key = c.identity
        if not c.post_id and not c.handle and not c.media:
            key = (*key, str(c.start))
        have = best.get(key)
        if have is None:
            best[key] = c
            order.append(key)
            continue
        rich, poor = (c, have) if KIND_RANK[c.kind] < KIND_RANK[have.kind] else (have, c)
        best[key] = _merge(rich, poor)
    return sorted((best[k] for k in order), key=lambda c: (c.start, -c.end))


def _merge(rich: Citation, poor: Citation) -> Citation:
    changes: dict[str, object] = {
        name: getattr(poor, name)
        for name in _MERGED
        if getattr(rich, name) is None and getattr(poor, name) is not None
    }
    spans = {*rich.also_at, poor.span, *poor.also_at} - {rich.span}
    changes["also_at"] = sorted(spans, key=lambda s: (s.start, s.end))
    return attrs.evolve(rich, **changes)  # type: ignore[arg-type]
