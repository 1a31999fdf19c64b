"""Check a raw memento against the citation: handle, Snowflake time vs cited date, and text.

Reads the shapes tweets are archived in: legacy twitter.com HTML (the permalink tweet's
``data-screen-name`` / ``data-tweet-id`` and ``tweet-text``), og/meta tags
(``og:description``, ``og:url``), and JSON captures (syndication ``tweet-result``, oEmbed,
API v1.1 and v2 objects). Recognises deleted-post pages and "Something went wrong" shells.
Every check made is recorded in the evidence with its outcome and, for text, the score.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
import unicodedata
from collections.abc import Mapping
from typing import Any, Literal

import attrs
from bs4 import BeautifulSoup, Tag

from mediacite.models import Citation
from mediacite.resolver.archives.base import Memento
from mediacite.snowflake import snowflake_time
from mediacite.twitter import parse_profile_url, parse_status_url

__all__ = [
    "TEXT_THRESHOLD",
    "ArchivedPost",
    "Outcome",
    "Verdict",
    "cited_date",
    "normalize_text",
    "read_post",
    "text_similarity",
    "verify",
]

TEXT_THRESHOLD = 0.8
"""Normalized similarity at or above which cited and archived texts agree."""

DATE_TOLERANCE = dt.timedelta(days=1)
"""Cited dates are local dates of unknown time zone: allow one day either way."""

Outcome = Literal["verified", "mismatch", "archived", "deleted", "missing", "redirect"]

Shape = Literal[
    "legacy-html", "og-meta", "syndication-json", "oembed-json", "api-json", "api-v2-json"
]

_DELETED_MARKERS = (
    "sorry, that page doesn't exist",
    "sorry, that page doesn’t exist",
    "this page doesn't exist",
    "this page doesn’t exist",
    "this tweet was deleted",
    "this post was deleted",
    "this tweet is unavailable",
    "no status found with that id",
)
_URL = re.compile(r"(?:https?://|pic\.twitter\.com/)\S+", re.IGNORECASE)
_NON_WORD = re.compile(r"[^\w#@]+")


@attrs.frozen(kw_only=True)
class ArchivedPost:
    """What a memento says about the post it holds (``None`` where it says nothing)."""

    shape: Shape
    handle: str | None = None
    post_id: str | None = None
    text: str | None = None


@attrs.frozen(kw_only=True)
class Verdict:
    """The result of checking one memento: an outcome and the evidence behind it."""

    outcome: Outcome
    evidence: Mapping[str, Any] = attrs.field(factory=dict)
    post: ArchivedPost | None = None
    score: float | None = None


def normalize_text(text: str) -> str:
    """Fold a post's text for comparison: NFKC, case, links, punctuation and spacing."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = _URL.sub(" ", text)
    return " ".join(_NON_WORD.sub(" ", text).split())


def text_similarity(cited: str, archived: str) -> float:
    """Return a 0-1 similarity of two texts after :func:`normalize_text`.

    A cited excerpt wholly contained in the archived text (or the reverse) scores 1.
    """
    a, b = normalize_text(cited), normalize_text(archived)
    if not a or not b:
        return 0.0
    if a == b or (min(len(a), len(b)) >= 20 and (a in b or b in a)):
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


def _json_post(data: Any) -> ArchivedPost | None:
    if not isinstance(data, dict):
        return None
    if isinstance(data.get("html"), str) and ("author_url" in data or "url" in data):
        parsed = parse_status_url(str(data.get("url") or ""))
        author = parse_profile_url(str(data.get("author_url") or ""))
        soup = BeautifulSoup(data["html"], "html.parser")
        paragraph = soup.find("p")
        return ArchivedPost(
            shape="oembed-json",
            handle=parsed.handle if parsed else author,
            post_id=parsed.post_id if parsed else None,
            text=paragraph.get_text(" ") if paragraph else None,
        )
    if isinstance(data.get("data"), dict):
        post = data["data"]
        users = (data.get("includes") or {}).get("users") or []
        author = next((u for u in users if u.get("id") == post.get("author_id")), None)
        return ArchivedPost(
            shape="api-v2-json",
            handle=author.get("username") if author else None,
            post_id=str(post.get("id")) if post.get("id") else None,
            text=post.get("note_tweet", {}).get("text") or post.get("text"),
        )
    if "id_str" in data or "full_text" in data or ("text" in data and "user" in data):
        user = data.get("user") or {}
        return ArchivedPost(
            shape="syndication-json" if "__typename" in data else "api-json",
            handle=user.get("screen_name") if isinstance(user, dict) else None,
            post_id=str(data.get("id_str") or "") or None,
            text=data.get("full_text") or data.get("text"),
        )
    return None


def _meta(soup: BeautifulSoup, name: str) -> str | None:
    tag = soup.find("meta", attrs={"property": name}) or soup.find("meta", attrs={"name": name})
    content = tag.get("content") if isinstance(tag, Tag) else None
    return content if isinstance(content, str) else None


def _html_post(body: str) -> ArchivedPost | None:
    soup = BeautifulSoup(body, "html.parser")
    tweet = soup.find(None, {"data-tweet-id": True, "data-screen-name": True})
    if isinstance(tweet, Tag):
        text_node = tweet.find(class_=re.compile(r"\b(?:js-)?tweet-text\b"))
        return ArchivedPost(
            shape="legacy-html",
            handle=str(tweet["data-screen-name"]),
            post_id=str(tweet["data-tweet-id"]),
            text=text_node.get_text(" ") if text_node else None,
        )
    description = _meta(soup, "og:description")
    og_url = _meta(soup, "og:url") or ""
    if description is None and not og_url:
        return None
    parsed = parse_status_url(og_url)
    text = description.strip().strip('“”"') if description else None
    return ArchivedPost(
        shape="og-meta",
        handle=parsed.handle if parsed else None,
        post_id=parsed.post_id if parsed else None,
        text=text,
    )


def read_post(memento: Memento) -> ArchivedPost | None:
    """Read the post out of a memento's body, or ``None`` when it holds no recognisable post."""
    body = memento.body.decode("utf-8", errors="replace")
    stripped = body.lstrip()
    if "json" in memento.content_type or stripped.startswith("{"):
        try:
            return _json_post(json.loads(body))
        except ValueError:
            return None
    return _html_post(body)


def _is_deleted(memento: Memento) -> bool:
    if memento.status in (404, 410):
        return True
    head = memento.body[:200_000].decode("utf-8", errors="replace").casefold()
    return any(marker in head for marker in _DELETED_MARKERS)


def verify(citation: Citation, memento: Memento, expected_id: str | None = None) -> Verdict:
    """Check ``memento`` against ``citation``; ``expected_id`` is the post the URL names."""
    evidence: dict[str, Any] = {"memento_status": memento.status}
    if memento.captured_at is None:
        return Verdict(outcome="missing", evidence=evidence)
    if 300 <= memento.status < 400:
        evidence["location"] = memento.location
        return Verdict(outcome="redirect", evidence=evidence)
    if _is_deleted(memento):
        evidence["content"] = "deleted-post page"
        return Verdict(outcome="deleted", evidence=evidence)
    post = read_post(memento)
    if post is None or (post.text is None and post.handle is None):
        evidence["content"] = "no recognisable post (a shell page or an unknown shape)"
        return Verdict(outcome="archived", evidence=evidence, post=post)
    evidence["shape"] = post.shape
    checks: dict[str, bool] = {}

    post_id = post.post_id or expected_id
    if expected_id and post.post_id and post.post_id != expected_id:
        checks["post_id"] = False
        evidence["post_id"] = {"expected": expected_id, "archived": post.post_id, "ok": False}

    if citation.handle and post.handle:
        ok = citation.handle.lstrip("@").casefold() == post.handle.lstrip("@").casefold()
        checks["handle"] = ok
        evidence["handle"] = {"cited": citation.handle, "archived": post.handle, "ok": ok}

    cited = cited_date(citation)
    created = snowflake_time(post_id) if post_id else None
    if cited and created:
        ok = abs(created.date() - cited) <= DATE_TOLERANCE
        checks["date"] = ok
        evidence["date"] = {
            "cited": cited.isoformat(),
            "snowflake": created.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "ok": ok,
        }

    score = None
    if citation.text and post.text:
        score = text_similarity(citation.text, post.text)
        ok = score >= TEXT_THRESHOLD
        checks["text"] = ok
        evidence["text"] = {"score": score, "threshold": TEXT_THRESHOLD, "ok": ok}
    elif post.text:
        evidence["text"] = {"archived": post.text[:280], "ok": None}

    if not all(checks.values()):
        outcome: Outcome = "mismatch"
    elif checks.get("text" if citation.text else "handle"):
        outcome = "verified"
    else:
        outcome = "archived"
    return Verdict(outcome=outcome, evidence=evidence, post=post, score=score)
