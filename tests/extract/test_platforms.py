"""Every platform on fixture pages written from its documented embed code, and in plain text."""

from __future__ import annotations

import pytest

import mediacite
from mediacite.extract.html import extract_html
from mediacite.extract.platforms import PLATFORMS
from mediacite.models import Citation
from paths import FIXTURES

HTML = FIXTURES / "html"

# (platform, kind, post_id, handle) of every post, in page order.
EXPECTED: dict[str, list[tuple[str, str, str, str | None]]] = {
    "twitter": [
        ("twitter", "blockquote", "1650000000000000002", "mayorjane"),
        ("twitter", "blockquote", "1650000000000000003", "coastwatch"),
        ("twitter", "blockquote", "997000000000000004", "gost_ru"),
        ("twitter", "blockquote", "1650000000000000005", "harbourfest"),
        ("twitter", "rendered", "1650000000000000006", None),
        ("twitter", "stub", "1650000000000000007", None),
        ("twitter", "stub", "1650000000000000008", None),
        ("twitter", "stub", "1650000000000000009", "someone"),
        ("twitter", "link", "1650000000000000010", "portauthority"),
        ("twitter", "card", "1650000000000000011", "sailor"),
    ],
    "instagram": [
        ("instagram", "blockquote", "Cabc123XYZ_", "green.thumb"),
        ("instagram", "stub", "CdEfGhIjKlM", None),
        ("instagram", "rendered", "CzYxWvUtSrQ", None),
        ("instagram", "link", "CqRsTuVwXyZ", None),
    ],
    "bluesky": [
        ("bluesky", "blockquote", "3lmnopqrstu2x", "river.bsky.social"),
        ("bluesky", "rendered", "3kabcdefghi2y", None),
        ("bluesky", "link", "3kzzzzzzzzz2a", "fisher.example.com"),
    ],
    "mastodon": [
        ("mastodon", "stub", "113000000000000001", "Gargron@mastodon.social"),
        ("mastodon", "rendered", "112000000000000002", "alice@fosstodon.org"),
        ("mastodon", "rendered", "114000000000000003", "someone@truthsocial.com"),
        ("mastodon", "link", "111000000000000004", "bob@example.social"),
    ],
    "threads": [
        ("threads", "stub", "C5aBcDeFgHi", "chef.ana"),
        ("threads", "link", "C6zYxWvUtSr", "chef.ana"),
    ],
    "tiktok": [
        ("tiktok", "blockquote", "6718335390845095173", "scout2015"),
        ("tiktok", "rendered", "7100000000000000001", None),
        ("tiktok", "link", "7200000000000000002", "dancer"),
    ],
    "youtube": [
        ("youtube", "rendered", "dQw4w9WgXcQ", None),
        ("youtube", "rendered", "9bZkp7q19f0", None),
        ("youtube", "stub", "kJQP7kiw5Fk", None),
        ("youtube", "rendered", "oHg5SJYRHA0", None),
        ("youtube", "link", "jNQXAC9IVRw", None),
        ("youtube", "link", "L_jWHffIx5E", None),
    ],
    "facebook": [
        ("facebook", "blockquote", "10154009990506729", "20531316728"),
        ("facebook", "stub", "10153231379946729", "facebook"),
        ("facebook", "rendered", "10207393772231779", None),
        ("facebook", "link", "pfbid02abcDEFghiJKLmnoPQRstuVWXyz123", "citycouncil"),
    ],
    "telegram": [
        ("telegram", "stub", "durov/43", "durov"),
        ("telegram", "rendered", "newschannel/1200", "newschannel"),
        ("telegram", "link", "ministry_news/987", "ministry_news"),
    ],
    "reddit": [
        ("reddit", "blockquote", "1abcd2e", "old_salt"),
        ("reddit", "blockquote", "c5xjqs", None),
        ("reddit", "link", "9xyz12", None),
    ],
}


def page(name: str) -> tuple[bytes, list[Citation]]:
    data = (HTML / f"{name}.html").read_bytes()
    return data, extract_html(data, source=name)


def test_every_platform_is_registered_and_has_a_fixture() -> None:
    names = [p.NAME for p in PLATFORMS]
    assert sorted(names) == sorted(EXPECTED)
    assert len(set(names)) == len(names)
    for platform in PLATFORMS:
        assert platform.HTML_MARKERS and platform.TEXT_MARKERS


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_page(name: str) -> None:
    data, found = page(name)
    got = [(c.platform, c.kind, c.post_id, c.handle) for c in found]
    assert got == EXPECTED[name]
    text = data.decode("utf-8")
    lines = text.split("\n")
    for c in found:
        assert c.source == name
        assert text[c.start] == "<" and text[c.end - 1] == ">"
        assert lines[c.line - 1][c.column - 1 :].startswith(text[c.start : c.start + 20])
        assert c.url and c.post_id in c.url.replace("%2F", "/")


def by_id(found: list[Citation], post_id: str) -> Citation:
    return next(c for c in found if c.post_id == post_id)


def test_twitter_blockquote_fields() -> None:
    _, found = page("twitter")
    first = by_id(found, "1650000000000000002")
    assert first.author == "Mayor Jane Doe"
    assert (first.date, first.date_text) == ("2023-04-23", "April 23, 2023")
    assert first.text == "The harbour festival is open! Come and see the tall ships #Harbour"
    assert first.media == ("pic.twitter.com/AbCdEf1234",)
    assert first.hashtags == ("Harbour",)
    assert first.posted_at is not None and first.posted_at.startswith("2023-04-23")
    wordpress = by_id(found, "1650000000000000003")
    assert wordpress.text == "Traffic on the coast road has not moved for an hour."
    assert wordpress.author == "Coast Watch 🚗"
    assert wordpress.url == "https://twitter.com/coastwatch/status/1650000000000000003"
    russian = by_id(found, "997000000000000004")
    assert (russian.date, russian.date_text) == ("2018-05-16", "16 мая 2018 г.")
    empty_date = by_id(found, "1650000000000000005")
    assert empty_date.author == "Harbour Fest" and empty_date.date is None
    card = by_id(found, "1650000000000000011")
    assert card.author == "Sam Sailor" and card.date_text == "05:38 PM - 23 Apr 2023"
    assert card.text == "Best view of the ships is from the lighthouse."


def test_twitter_not_citations() -> None:
    """Share/intent links, follow links, sidebars, footers and scripts are not citations; the
    blockquote embedded twice is reported once."""
    _, found = page("twitter")
    ids = [c.post_id for c in found]
    assert "1650000000000000001" not in ids  # inside <script>
    assert "1650000000000000012" not in ids  # sidebar
    assert "1650000000000000013" not in ids  # footer
    assert ids.count("1650000000000000002") == 1


def test_instagram_and_bluesky_embed_fields() -> None:
    _, found = page("instagram")
    post = by_id(found, "Cabc123XYZ_")
    assert post.author == "Green Thumb"
    assert (post.date, post.date_text) == ("2022-04-11", "Apr 11, 2022 at 2:15am PDT")
    assert post.text == "Tulips everywhere this spring 🌷 #garden"
    _, found = page("bluesky")
    post = by_id(found, "3lmnopqrstu2x")
    assert post.author == "Dr. River"
    assert post.date == "2026-04-01"
    assert post.text == "The data are clear: the river is cleaner than in 1990."
    assert post.url == "https://bsky.app/profile/river.bsky.social/post/3lmnopqrstu2x"


def test_facebook_embed_keeps_its_fallback_text() -> None:
    _, found = page("facebook")
    assert by_id(found, "10154009990506729").text == "Our new office opens today."


TEXT = """Notes from the harbour festival.

Tulips everywhere this spring 🌷 #garden
A post shared by Green Thumb (@green.thumb) on Apr 11, 2022 at 2:15am PDT

A scientist was blunt.

The data are clear: the river is cleaner than in 1990.
— Dr. River (@river.bsky.social) 2026-04-01T03:14:06.000Z

Videos: https://youtu.be/jNQXAC9IVRw and https://www.youtube.com/watch?v=L_jWHffIx5E; posts:
https://www.instagram.com/p/CqRsTuVwXyZ/ https://bsky.app/profile/fisher.example.com/post/3kzzzzzzzzz2a
https://www.threads.net/@chef.ana/post/C6zYxWvUtSr https://www.tiktok.com/@dancer/video/7200000000000000002
https://www.facebook.com/citycouncil/posts/10158000000000001 https://t.me/ministry_news/987
https://www.reddit.com/r/sailing/comments/1abcd2e/ https://hachyderm.io/@bob/111000000000000004
Not posts: https://www.youtube.com/@gazette https://t.me/share/url?url=x https://bsky.app/profile/a.b
"""


def test_text_bylines_of_instagram_and_bluesky() -> None:
    found = mediacite.extract_text(TEXT)
    bylines = [c for c in found if c.kind == "byline"]
    assert [(c.platform, c.handle, c.author, c.date) for c in bylines] == [
        ("instagram", "green.thumb", "Green Thumb", "2022-04-11"),
        ("bluesky", "river.bsky.social", "Dr. River", "2026-04-01"),
    ]
    assert bylines[0].text == "Tulips everywhere this spring 🌷 #garden"
    assert bylines[1].text == "The data are clear: the river is cleaner than in 1990."
    for c in bylines:
        assert TEXT[c.start : c.end].startswith(c.text or "")
        assert c.handle is not None and c.handle in TEXT[c.start : c.end]


@pytest.mark.parametrize(
    ("stamp", "date"),
    [
        ("November 25, 2024 at 12:58 AM", "2024-11-25"),
        ("20 novembre 2024 à 14:43", "2024-11-20"),
        ("25. November 2024 um 00:58", "2024-11-25"),
        ("2024-11-25T00:58:06.000Z", "2024-11-25"),
    ],
)
@pytest.mark.parametrize("gap", [" ", "\n\n"])
def test_flattened_bluesky_embed_dated_as_its_code_prints_it(
    stamp: str, date: str, gap: str
) -> None:
    text = (
        "The harbour board answered within the hour.\n\n"
        f"Replies here show up on the blog too{gap}[image or embed]{gap}"
        f"— Mara Lindqvist (@mara.example.org) {stamp}\n\nThe board met again on Friday.\n"
    )
    (c,) = mediacite.extract_text(text)
    assert (c.platform, c.handle, c.author, c.date, c.date_text) == (
        "bluesky",
        "mara.example.org",
        "Mara Lindqvist",
        date,
        stamp,
    )
    assert c.text == "Replies here show up on the blog too"


def test_a_clocked_comment_stamp_is_no_twitter_byline() -> None:
    text = "Great article!\n\n— Sam Reader (@samreader) May 3, 2023 at 9:14 am\n"
    assert mediacite.extract_text(text) == []


@pytest.mark.parametrize(
    "url",
    [
        "https://truthsocial.com/@realDonaldTrump/posts/114000000000000003",
        "https://truthsocial.com/@realDonaldTrump/114000000000000003",
    ],
)
def test_truth_social_post_urls_as_its_site_writes_them(url: str) -> None:
    (c,) = mediacite.extract_text(f"The president wrote on Truth Social ({url}) that it was over.")
    assert (c.platform, c.post_id, c.handle, c.url) == (
        "mastodon",
        "114000000000000003",
        "realDonaldTrump@truthsocial.com",
        "https://truthsocial.com/@realDonaldTrump/114000000000000003",
    )


def test_text_post_urls_of_every_platform() -> None:
    links = [(c.platform, c.post_id) for c in mediacite.extract_text(TEXT) if c.kind == "link"]
    assert links == [
        ("youtube", "jNQXAC9IVRw"),
        ("youtube", "L_jWHffIx5E"),
        ("instagram", "CqRsTuVwXyZ"),
        ("bluesky", "3kzzzzzzzzz2a"),
        ("threads", "C6zYxWvUtSr"),
        ("tiktok", "7200000000000000002"),
        ("facebook", "10158000000000001"),
        ("telegram", "ministry_news/987"),
        ("reddit", "1abcd2e"),
        ("mastodon", "111000000000000004"),
    ]
