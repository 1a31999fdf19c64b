"""Embeds a script has not yet drawn: AMP components, lazy frames, bare post URLs, Iframely."""

from __future__ import annotations

import pytest

import mediacite

PAGE = (
    "<html><body><article><p>The council met on Tuesday to discuss the harbour bridge and the "
    "repairs it needs after the storm.</p>{}<p>The works start in May.</p></article></body></html>"
)


def _found(markup: str) -> list[tuple[str, str, str | None, str | None]]:
    page = PAGE.format(markup)
    found = mediacite.extract_html(page)
    for c in found:
        assert page[c.start : c.end].strip(), c
    return [(c.platform, c.kind, c.post_id, c.handle) for c in found]


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        (
            '<amp-instagram data-shortcode="Cx7Qw2LrT9a" data-captioned width="400" height="400"'
            ' layout="responsive"></amp-instagram>',
            ("instagram", "stub", "Cx7Qw2LrT9a", None),
        ),
        (
            '<amp-youtube data-videoid="aBcD3fGh1Jk" layout="responsive" width="480"'
            ' height="270"></amp-youtube>',
            ("youtube", "stub", "aBcD3fGh1Jk", None),
        ),
        (
            '<amp-facebook width="552" height="310" layout="responsive"'
            ' data-href="https://www.facebook.com/eastportcouncil/posts/10158823446120537">'
            "</amp-facebook>",
            ("facebook", "stub", "10158823446120537", "eastportcouncil"),
        ),
        (
            '<amp-tiktok width="325" height="575"'
            ' data-src="https://www.tiktok.com/@harbourcrew/video/7301234567890123456">'
            "</amp-tiktok>",
            ("tiktok", "stub", "7301234567890123456", "harbourcrew"),
        ),
        (
            '<amp-tiktok width="325" height="575" data-src="7301234567890123456"></amp-tiktok>',
            ("tiktok", "stub", "7301234567890123456", None),
        ),
        (
            '<amp-iframe width="480" height="270" sandbox="allow-scripts"'
            ' src="https://www.youtube.com/embed/aBcD3fGh1Jk"></amp-iframe>',
            ("youtube", "rendered", "aBcD3fGh1Jk", None),
        ),
    ],
)
def test_amp_components_name_their_post(
    markup: str, expected: tuple[str, str, str | None, str | None]
) -> None:
    assert _found(markup) == [expected]


def test_amp_component_without_its_post_is_not_a_citation() -> None:
    assert _found('<amp-instagram data-captioned width="400" height="400"></amp-instagram>') == []
    assert _found('<amp-youtube data-videoid="" width="480"></amp-youtube>') == []


@pytest.mark.parametrize("blank", ["about:blank", "data:image/gif;base64,R0lGODlhAQABAAAAACw=", ""])
def test_lazy_frame_is_read_past_its_blank_src(blank: str) -> None:
    frame = (
        f'<iframe src="{blank}" data-lazy-src="https://www.youtube.com/embed/aBcD3fGh1Jk"></iframe>'
    )
    assert _found(frame) == [("youtube", "rendered", "aBcD3fGh1Jk", None)]


def test_wordpress_embed_block_that_never_ran() -> None:
    block = (
        '<figure class="wp-block-embed is-type-rich is-provider-twitter wp-block-embed-twitter">'
        '<div class="wp-block-embed__wrapper">\n'
        "https://twitter.com/EastportTransit/status/1768190000123456789\n"
        "</div></figure>"
    )
    assert _found(block) == [("twitter", "stub", "1768190000123456789", "EastportTransit")]


def test_paragraph_holding_only_a_post_url() -> None:
    paragraph = "<p>  https://www.instagram.com/p/Cx7Qw2LrT9a/ </p>"
    assert _found(paragraph) == [("instagram", "stub", "Cx7Qw2LrT9a", None)]


@pytest.mark.parametrize(
    "markup",
    [
        "<p>See https://twitter.com/EastportTransit/status/1768190000123456789 for more</p>",
        "<p>https://www.eastport.example/news/bridge</p>",
        "<pre>https://twitter.com/EastportTransit/status/1768190000123456789</pre>",
        "<blockquote><p>https://twitter.com/EastportTransit/status/1768190000123456789</p>"
        "</blockquote>",
        "<p><code>https://twitter.com/EastportTransit/status/1768190000123456789</code></p>",
        "<p>https://twitter.com/EastportTransit</p>",
    ],
)
def test_urls_that_are_no_placeholder(markup: str) -> None:
    assert _found(markup) == []


def test_iframely_embed_code() -> None:
    embed = (
        '<div class="iframely-embed"><div class="iframely-responsive">'
        '<a href="https://twitter.com/EastportTransit/status/1768190000123456789"'
        ' data-iframely-url="//cdn.iframe.ly/api/iframe?url=x&key=y"></a></div></div>'
    )
    assert _found(embed) == [("twitter", "stub", "1768190000123456789", "EastportTransit")]


def test_placeholder_and_link_to_the_same_post_are_one_citation() -> None:
    markup = (
        '<amp-instagram data-shortcode="Cx7Qw2LrT9a" width="400" height="400"></amp-instagram>'
        '<p>As <a href="https://www.instagram.com/p/Cx7Qw2LrT9a/">she posted</a>.</p>'
    )
    (citation,) = mediacite.extract_html(PAGE.format(markup))
    assert (citation.kind, len(citation.also_at)) == ("stub", 1)
