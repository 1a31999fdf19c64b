from __future__ import annotations

import json

import pytest

from mediacite import Citation, Resolution, Snapshot


def test_citation_round_trip_through_json() -> None:
    c = Citation(
        platform="twitter",
        kind="byline",
        post_id="1768190000123456789",
        handle="maralindq",
        author="Mara 🌊",
        date="2024-03-14",
        date_text="March 14, 2024",
        posted_at="2024-03-14T08:18:42.068Z",
        text="Woke up to this",
        media=["pic.x.com/a1b2c3"],
        urls=(),
        mentions=("x",),
        hashtags=("storm",),
        url="https://twitter.com/m/status/1",
        source="a.txt",
        start=3,
        end=40,
        line=2,
        column=4,
    )
    record = json.loads(json.dumps(c.to_dict()))
    assert record["media"] == ["pic.x.com/a1b2c3"]
    assert isinstance(record["post_id"], str)
    assert Citation.from_dict(record) == c
    assert c.span.line == 2


def test_citation_is_frozen_and_rejects_unknown_fields() -> None:
    c = Citation(platform="twitter", kind="link")
    with pytest.raises(AttributeError):
        c.handle = "x"  # type: ignore[misc]
    with pytest.raises(ValueError, match="bogus"):
        Citation.from_dict({**c.to_dict(), "bogus": 1})
    with pytest.raises(TypeError):
        Citation(platform="twitter", kind="link", media="pic.twitter.com/abc")


def test_identity_ignores_position() -> None:
    a = Citation(platform="twitter", kind="byline", handle="A", date="2024-01-01", start=1)
    b = Citation(platform="twitter", kind="byline", handle="a", date="2024-01-01", start=99)
    assert a.identity == b.identity
    assert Citation(platform="twitter", kind="link", post_id="5").identity == ("twitter", "id", "5")


def test_resolution_round_trip() -> None:
    c = Citation(platform="twitter", kind="link", post_id="5")
    s = Snapshot(
        archive="wayback",
        original_url="https://twitter.com/a/status/5",
        archived_url="https://web.archive.org/web/20240314000000id_/https://twitter.com/a/status/5",
        captured_at="2024-03-14T00:00:00Z",
        status=200,
        mimetype="text/html",
        digest="X",
    )
    r = Resolution(
        citation=c,
        status="verified",
        snapshot=s,
        evidence={"handle": True},
        candidates=["https://twitter.com/a/status/5"],
    )
    assert Resolution.from_dict(json.loads(json.dumps(r.to_dict()))) == r
