"""Embeds a page keeps as data: JSON in attributes and scripts, found as stubs within bounds."""

from __future__ import annotations

import json
import time

import pytest

from hostile import state_page
from mediacite.extract import embeddata
from mediacite.extract.html import extract_html
from mediacite.extract.platforms import PLATFORMS
from paths import FIXTURES

DATA = FIXTURES / "html" / "data"


def found(page: str) -> list[tuple[str, str | None, str]]:
    return [(c.platform, c.post_id, c.kind) for c in extract_html(page, regions=None)]


def test_squarespace_block_json_with_escaped_markup() -> None:
    page = (DATA / "squarespace_block.html").read_text("utf-8")
    citations = extract_html(page)
    assert [(c.platform, c.post_id, c.kind, c.region) for c in citations] == [
        ("youtube", "TownHall001", "stub", "main")
    ]
    c = citations[0]
    assert page[c.start : c.end] == "TownHall001"
    assert page.rfind("data-block-json", 0, c.start) > page.rfind("<div", 0, c.start)


def test_document_tree_next_data_and_state() -> None:
    """Publisher document trees, an oEmbed html string and ``window.__X__ = {…}``; the
    publisher's profile links and menu icons are not posts."""
    page = (DATA / "document_tree.html").read_text("utf-8")
    assert sorted(found(page)) == [
        ("instagram", "DBudget2025x", "stub"),
        ("tiktok", "7440000000000000001", "stub"),
        ("twitter", "1870000000000000001", "stub"),
        ("youtube", "BudgetVid01", "stub"),
    ]


@pytest.mark.parametrize(
    "holder",
    [
        # Elementor's video widget: the player is drawn from data-settings.
        """<div class="elementor-widget-video" data-settings='{"youtube_url":"https:\\/\\/www.youtube.com\\/watch?v=Elementor01","video_type":"youtube"}'></div>""",
        # A data-html attribute holding escaped markup.
        '<div data-html="&lt;iframe src=&quot;https://www.youtube.com/embed/Elementor01&quot;&gt;&lt;/iframe&gt;"></div>',
        # JSON-LD VideoObject.
        '<script type="application/ld+json">{"@type":"VideoObject","name":"Rat",'
        '"embedUrl":"https://www.youtube.com/embed/Elementor01"}</script>',
        # JSON kept as a string inside JSON.
        '<script type="application/json">{"block":"{\\"provider\\":\\"youtube\\",'
        '\\"videoId\\":\\"Elementor01\\"}"}</script>',
        # State passed through JSON.parse.
        """<script>window.__APP_STATE__ = JSON.parse("{\\"embed\\":{\\"type\\":\\"youtube\\",\\"id\\":\\"Elementor01\\"}}");</script>""",
    ],
)
def test_holders(holder: str) -> None:
    page = f"<html><body><main><p>Report.</p>{holder}</main></body></html>"
    assert found(page) == [("youtube", "Elementor01", "stub")]


@pytest.mark.parametrize(
    "holder",
    [
        # Profile links and follow configuration in page state.
        '<script type="application/ld+json">{"@type":"Organization","sameAs":'
        '["https://twitter.com/gazette","https://www.youtube.com/@gazette"]}</script>',
        # A menu entry named after a platform, with an icon id.
        '<script type="application/json">{"menu":[{"name":"Instagram","url":'
        '"https://www.instagram.com/gazette/","icon":{"id":"AbCdEfGhIjK"}}]}</script>',
        # Share links in state.
        '<script>window.__STATE__ = {"share":{"twitter":"https://twitter.com/intent/tweet?'
        'url=https://example.org/a","embed":false}};</script>',
        # A video id of another player, with no platform named.
        '<div data-props=\'{"videoId":"AbCdEfGhIjK","player":"jwplayer","embed":true}\'></div>',
        # Code that merely mentions a platform.
        '<script>if (url.indexOf("youtube.com/embed") > 0) { window.__X__ = 1; }</script>',
    ],
)
def test_not_embeds(holder: str) -> None:
    page = f"<html><body><main><p>Report.</p>{holder}</main></body></html>"
    assert found(page) == []


def test_a_script_at_the_end_of_the_body_is_not_page_footer() -> None:
    """Where a script sits says nothing of where its data is shown."""
    page = (
        "<html><body><header class='site-header'>x</header><main><article><p>"
        + "Article text. " * 30
        + "</p></article></main><footer class='site-footer'>f</footer>"
        '<script type="application/json">{"embed":{"provider":"youtube","id":"Elementor01"}}'
        "</script></body></html>"
    )
    assert [(c.post_id, c.region) for c in extract_html(page)] == [("Elementor01", "main")]


def test_a_twenty_megabyte_state_blob_is_read_within_bounds() -> None:
    page = state_page(20)
    start = time.perf_counter()
    citations = extract_html(page)
    seconds = time.perf_counter() - start
    assert [(c.post_id, c.kind) for c in citations] == [("BigBlobVid1", "stub")]
    assert page[citations[0].start : citations[0].end] == "BigBlobVid1"
    assert seconds < 5, seconds  # about 0.2 s on a laptop; generous for loaded CI machines


def test_work_is_bounded_per_page() -> None:
    """A value of nothing but markers stops at the caps rather than reading on."""
    value = json.dumps([{"provider": "youtube", "id": "x"}] * 200_000)
    scan = embeddata._Scan()
    start = time.perf_counter()
    assert list(scan.read(value, value.lower(), 0)) == []
    assert time.perf_counter() - start < 5
    assert scan.work <= embeddata.MAX_WORK_CHARS


def test_every_platform_has_an_anchor() -> None:
    """Large values are searched for the anchors only: each platform must have one."""
    for platform in PLATFORMS:
        names = (*platform.HTML_MARKERS, *platform.DATA.names)
        assert any(a in n.lower() for a in embeddata._ANCHORS for n in names), platform.NAME
