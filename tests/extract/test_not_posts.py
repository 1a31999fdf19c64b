"""Not posts: every platform's playlists, channels, profiles, hashtag pages, share and follow
buttons and intent links are never citations."""

from __future__ import annotations

from types import ModuleType

import pytest

from mediacite.extract.html import extract_html
from mediacite.extract.platforms import (
    PLATFORMS,
    bluesky,
    facebook,
    instagram,
    mastodon,
    reddit,
    telegram,
    threads,
    tiktok,
    twitter,
    youtube,
)
from mediacite.twitter import parse_status_url

NOT_POSTS: dict[ModuleType, tuple[str, ...]] = {
    youtube: (
        "https://www.youtube.com/embed/videoseries?list=PLx0sYbCqOb8TBPRdmBHs5Iftvv9TPboYG",
        "https://www.youtube-nocookie.com/embed/videoseries?list=PL590L5WQmH8fJ54F369BLDSqIwcs",
        "https://www.youtube.com/embed/live_stream?channel=UCabcdefghijklmnopqrstuv",
        "https://www.youtube.com/playlist?list=PLx0sYbCqOb8TBPRdmBHs5Iftvv9TPboYG",
        "https://www.youtube.com/channel/UCabcdefghijklmnopqrstuv",
        "https://www.youtube.com/c/Stadtverwaltung",
        "https://www.youtube.com/user/harbourcity",
        "https://www.youtube.com/@harbourcity",
        "https://www.youtube.com/@harbourcity?sub_confirmation=1",
        "https://www.youtube.com/hashtag/radweg",
        "https://www.youtube.com/results?search_query=radweg",
    ),
    twitter: (
        "https://twitter.com/intent/tweet?text=Radweg&url=https://example.org/a",
        "https://twitter.com/intent/retweet?tweet_id=1760000000000000001",
        "https://x.com/intent/follow?screen_name=harbour",
        "https://twitter.com/share?url=https%3A%2F%2Ftwitter.com%2Fa%2Fstatus%2F1760000000000000001",
        "https://twitter.com/hashtag/radweg",
        "https://twitter.com/search?q=%23radweg",
        "https://twitter.com/i/lists/1234567890",
        "https://x.com/harbour/followers",
        "https://twitter.com/harbour",
        "https://platform.twitter.com/widgets/follow_button.html?screen_name=harbour",
    ),
    instagram: (
        "https://www.instagram.com/explore/tags/radweg/",
        "https://www.instagram.com/explore/locations/123456/harbour/",
        "https://www.instagram.com/stories/harbour/3123456789012345678/",
        "https://www.instagram.com/accounts/login/?next=/p/Cx1Ab2Cd3Ef/",
        "https://www.instagram.com/harbourcity/",
    ),
    facebook: (
        "https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fexample.org%2Fa",
        "https://www.facebook.com/sharer.php?u=https://www.facebook.com/x/posts/1234567890",
        "https://www.facebook.com/dialog/share?app_id=1&href=https://example.org",
        "https://www.facebook.com/plugins/like.php?href=https%3A%2F%2Fwww.facebook.com%2Fx%2Fposts%2F12345678",
        "https://www.facebook.com/plugins/page.php?href=https%3A%2F%2Fwww.facebook.com%2Fharbour",
        "https://www.facebook.com/hashtag/radweg",
        "https://www.facebook.com/profile.php?id=100012345678901",
        "https://www.facebook.com/harbourcity",
        "https://www.facebook.com/events/1234567890123/",
    ),
    tiktok: (
        "https://www.tiktok.com/@harbour",
        "https://www.tiktok.com/@harbour/live",
        "https://www.tiktok.com/tag/radweg",
        "https://www.tiktok.com/music/original-sound-7362946149227056416",
        "https://www.tiktok.com/embed/@harbour",
    ),
    threads: (
        "https://www.threads.net/@harbour",
        "https://www.threads.net/intent/post?text=Radweg",
        "https://www.threads.com/search?q=radweg",
    ),
    bluesky: (
        "https://bsky.app/profile/harbour.bsky.social",
        "https://bsky.app/intent/compose?text=Radweg",
        "https://bsky.app/hashtag/radweg",
        "https://bsky.app/profile/harbour.bsky.social/feed/whats-hot",
        "https://bsky.app/search?q=radweg",
    ),
    mastodon: (
        "https://mastodon.social/@harbour",
        "https://mastodon.social/share?text=Radweg",
        "https://mastodon.social/tags/radweg",
        "https://mastodon.social/interact/111222333444555666?type=reblog",
        "https://mastodon.social/authorize_interaction?uri=https://mastodon.social/@a/111222333",
    ),
    telegram: (
        "https://t.me/share/url?url=https://example.org/a",
        "https://t.me/joinchat/AbCdEfGh",
        "https://t.me/+AbCdEfGhIjK",
        "https://t.me/harbourcity",
        "https://t.me/addstickers/harbour",
    ),
    reddit: (
        "https://www.reddit.com/submit?url=https://www.reddit.com/r/x/comments/abc123/",
        "https://www.reddit.com/r/harbour/",
        "https://www.reddit.com/user/harbour/",
        "https://www.reddit.com/search?q=radweg",
    ),
}

POSTS: dict[ModuleType, str] = {
    twitter: "https://twitter.com/harbour/status/1760000000000000001?ref_src=twsrc%5Etfw",
    youtube: "https://www.youtube.com/embed/dQw4w9WgXcQ?list=PLx0sYbCqOb8TBPRdmBHs5Iftvv9TPboYG",
    instagram: "https://www.instagram.com/p/Cx1Ab2Cd3Ef/",
    facebook: "https://www.facebook.com/harbourcity/posts/1234567890123",
    tiktok: "https://www.tiktok.com/@harbour/video/7362946149227056416",
    threads: "https://www.threads.net/@harbour/post/C1a2B3c4D5e",
    bluesky: "https://bsky.app/profile/harbour.bsky.social/post/3kabcde2xyz2a",
    mastodon: "https://mastodon.social/@harbour/111222333444555666",
    telegram: "https://t.me/harbourcity/1234",
    reddit: "https://www.reddit.com/r/harbour/comments/abc123/title/",
}


def names_a_post(platform: ModuleType, url: str) -> bool:
    """What the platform makes of ``url`` (Twitter's URL grammar is :mod:`mediacite.twitter`)."""
    if platform is twitter:
        return not twitter.NOT_POSTS.search(url) and parse_status_url(url) is not None
    return bool(platform.parse_url(url) is not None)


def test_every_platform_declares_its_not_posts() -> None:
    assert set(NOT_POSTS) == set(PLATFORMS)
    for platform in PLATFORMS:
        assert platform.NOT_POSTS.pattern


@pytest.mark.parametrize(
    ("platform", "url"), [(p, u) for p, urls in NOT_POSTS.items() for u in urls]
)
def test_not_a_post(platform: ModuleType, url: str) -> None:
    assert not names_a_post(platform, url)


@pytest.mark.parametrize(("platform", "url"), list(POSTS.items()))
def test_posts_are_still_posts(platform: ModuleType, url: str) -> None:
    assert names_a_post(platform, url)


@pytest.mark.parametrize(
    ("platform", "url"), [(p, u) for p, urls in NOT_POSTS.items() for u in urls]
)
def test_not_a_citation_anywhere_in_a_page(platform: ModuleType, url: str) -> None:
    """As a link, a frame or a frame's ``data-src``, in any region."""
    page = (
        f'<html><body><main><p>Read <a href="{url}">this</a>.</p>'
        f'<iframe src="{url}"></iframe><div data-src="{url}"></div></main></body></html>'
    )
    assert extract_html(page, regions=None) == []
