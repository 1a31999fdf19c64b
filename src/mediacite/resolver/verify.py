"""Check what a memento holds against the citation: post id, handle, Snowflake date and text.

:func:`verify` takes a :class:`~mediacite.resolver.read.Reading` (what
:func:`~mediacite.resolver.read.read` found in the body) and gives one :data:`Outcome` with
the evidence behind it: every check made with its result and, for text, the score. Texts are
compared after :func:`normalize_text`: HTML entities decoded, NFKC, case folded, links
(``https://t.co/…``, ``pic.twitter.com/…``, display URLs like ``example.com/a…``) and
punctuation removed.
"""

from __future__ import annotations

import datetime as dt
import difflib
import html
import re
import unicodedata
from collections.abc import Mapping
from typing import Any, Literal

import attrs

from mediacite.models import Citation
from mediacite.resolver.read import ArchivedPost, Reading
from mediacite.snowflake import snowflake_time

__all__ = [
    "DATE_TOLERANCE",
    "TEXT_THRESHOLD",
    "Outcome",
    "Verdict",
    "cited_date",
    "normalize_text",
    "text_similarity",
    "verify",
]

TEXT_THRESHOLD = 0.8
"""Normalized similarity at or above which cited and archived texts agree."""

DATE_TOLERANCE = dt.timedelta(days=1)
"""Cited dates are local dates of unknown time zone: allow one day either way."""

CONTAINED_MIN = 20
"""Characters a normalized excerpt needs before containment alone counts as a full match."""

Outcome = Literal["verified", "mismatch", "archived", "tombstone", "shell", "redirect", "missing"]
"""What one memento says about the post: ``archived`` = the post was read but its text could
not be checked; ``shell`` = a capture of the URL holding no post; ``missing`` = no memento."""

_URL = re.compile(
    r"(?:https?://|\bpic\.(?:twitter|x)\.com/|\bt\.co/)\S*"
    r"|\b(?:[a-z0-9-]{1,63}\.)+[a-z]{2,24}/\S*",
    re.IGNORECASE,
)
_NON_WORD = re.compile(r"[^\w#@]+")


@attrs.frozen(kw_only=True)
class Verdict:
    """The result of checking one memento: an outcome and the evidence behind it."""

    outcome: Outcome
    evidence: Mapping[str, Any] = attrs.field(factory=dict)
    post: ArchivedPost | None = None
    score: float | None = None


def normalize_text(text: str) -> str:
    """Fold a post's text for comparison: entities, NFKC, case, links, punctuation, spacing."""
    text = unicodedata.normalize("NFKC", html.unescape(html.unescape(text))).casefold()
    text = _URL.sub(" ", text).replace("…", " ")
    return " ".join(_NON_WORD.sub(" ", text).split())


def text_similarity(cited: str, archived: str) -> float:
    """Return a 0-1 similarity of two texts after :func:`normalize_text`.

    A cited excerpt wholly contained in the archived text (or the reverse: a truncated
    ``og:description``) scores 1.
    """
    a, b = normalize_text(cited), normalize_text(archived)
    if not a or not b:
        return 0.0
    if a == b or (min(len(a), len(b)) >= CONTAINED_MIN and (a in b or b in a)):
        return 1.0
    return round(difflib.SequenceMatcher(None, a, b, autojunk=False).ratio(), 4)


def cited_date(citation: Citation) -> dt.date | None:
    """Return the date the citation gives for the post (``posted_at`` first, then ``date``)."""
    for value in (citation.posted_at, citation.date):
        if not value:
            continue
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            continue
    return None


def _created(post: ArchivedPost, post_id: str | None) -> dt.datetime | None:
    created = snowflake_time(post_id) if post_id else None
    if created is None and post.posted_at:
        created = dt.datetime.fromisoformat(post.posted_at.replace("Z", "+00:00"))
    return created


def verify(citation: Citation, reading: Reading, expected_id: str | None = None) -> Verdict:
    """Check ``reading`` against ``citation``; ``expected_id`` is the post the URL names."""
    evidence: dict[str, Any] = {"memento_status": reading.status}
    if reading.charset and reading.charset != "utf-8":
        evidence["charset"] = reading.charset
    if reading.truncated:
        evidence["truncated"] = True
    if reading.captured_at is None:
        return Verdict(outcome="missing", evidence=evidence)
    if reading.tombstone is not None:
        evidence["tombstone"] = reading.tombstone.to_dict()
        return Verdict(outcome="tombstone", evidence=evidence)
    if 300 <= reading.status < 400:
        evidence["location"] = reading.location
        return Verdict(outcome="redirect", evidence=evidence)
    post = reading.post
    if post is None or (post.text is None and post.handle is None):
        evidence["reason"] = reading.note or "no recognisable post"
        return Verdict(outcome="shell", evidence=evidence, post=post)
    evidence["shape"] = post.shape
    checks: dict[str, bool] = {}

    if expected_id and post.post_id and post.post_id != expected_id:
        checks["post_id"] = False
        evidence["post_id"] = {"expected": expected_id, "archived": post.post_id, "ok": False}

    if citation.handle and post.handle:
        ok = citation.handle.lstrip("@").casefold() == post.handle.lstrip("@").casefold()
        checks["handle"] = ok
        evidence["handle"] = {"cited": citation.handle, "archived": post.handle, "ok": ok}

    cited = cited_date(citation)
    created = _created(post, post.post_id or expected_id)
    if cited and created:
        ok = abs(created.date() - cited) <= DATE_TOLERANCE
        checks["date"] = ok
        evidence["date"] = {
            "cited": cited.isoformat(),
            "archived": created.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "ok": ok,
        }

    score = None
    if citation.text and post.text:
        score = text_similarity(citation.text, post.text)
        ok = score >= TEXT_THRESHOLD
        checks["text"] = ok
        evidence["text"] = {"score": score, "threshold": TEXT_THRESHOLD, "ok": ok}
        if not ok:
            evidence["text"]["archived"] = post.text[:280]
    elif post.text:
        evidence["text"] = {"archived": post.text[:280], "ok": None}

    if not all(checks.values()):
        evidence["differs"] = sorted(name for name, ok in checks.items() if not ok)
        return Verdict(outcome="mismatch", evidence=evidence, post=post, score=score)
    if checks.get("text" if citation.text else "handle"):
        return Verdict(outcome="verified", evidence=evidence, post=post, score=score)
    if citation.text and not post.text:
        shape = post.shape
        evidence["reason"] = f"the {shape} capture shows the post but its text could not be read"
    else:
        evidence["reason"] = "the capture does not show who posted it"
    return Verdict(outcome="archived", evidence=evidence, post=post, score=score)
