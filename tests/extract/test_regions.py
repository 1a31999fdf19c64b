"""Regions: which part of a page each HTML citation sits in, and the default article filter."""

from __future__ import annotations

from pathlib import Path

import pytest

import mediacite
from mediacite.extract.html import extract_html
from paths import FIXTURES

REGIONS = FIXTURES / "html" / "regions"


def regions_of(path: Path) -> dict[str | None, str]:
    return {c.post_id: c.region for c in mediacite.extract_path(path, regions=None)}


def test_a_news_page_has_its_chrome_told_apart() -> None:
    assert regions_of(REGIONS / "news_page.html") == {
        "LiveStrm001": "header",  # a link in the site header
        "NavVideo001": "nav",  # the site's channel in the menu
        "LeadVideo01": "main",  # the lead video in the article's own header
        "1760000000000000001": "main",  # the embedded tweet
        "1760000000000000002": "main",  # a prose link
        "1750000000000000003": "aside",  # "related" box inside the article
        "CommentVid1": "comments",
        "SideVideo01": "aside",  # the sidebar's list of the site's videos
        "SideVideo02": "aside",
        "TeaserVid01": "aside",  # a video teaser block after the main column
        "FooterVid01": "footer",  # a widget in the page footer
    }


def test_by_default_only_the_article_is_reported() -> None:
    found = mediacite.extract_path(REGIONS / "news_page.html")
    assert [c.post_id for c in found] == [
        "LeadVideo01",
        "1760000000000000001",
        "1760000000000000002",
    ]
    assert {c.region for c in found} == {"main"}


def test_regions_can_be_chosen() -> None:
    page = (REGIONS / "news_page.html").read_bytes()
    chosen = extract_html(page, regions=("aside", "footer"))
    assert {c.region for c in chosen} == {"aside", "footer"}
    assert len(chosen) == 5
    assert [c.post_id for c in mediacite.extract(page, regions="comments")] == ["CommentVid1"]


def test_unknown_region_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="unknown region"):
        extract_html("<p>x</p>", regions=("sidebar",))


def test_a_page_without_structure_is_all_article() -> None:
    assert set(regions_of(REGIONS / "no_structure.html").values()) == {"main"}


def test_layout_names_do_not_make_the_article_chrome() -> None:
    """``content-with-sidebar``, ``l-sidebar-fixed``, a ``widget`` content block."""
    assert regions_of(REGIONS / "layout_names.html") == {
        "LayoutVid01": "main",
        "1760000000000000010": "main",
    }


def test_markup_kept_in_a_script_is_where_the_script_is() -> None:
    page = (
        "<html><body><article><p>" + "Article text. " * 30 + "</p></article>"
        '<aside class="sidebar"><script type="text/template"><iframe '
        'src="https://www.youtube.com/embed/TemplateV01"></iframe></script></aside>'
        "</body></html>"
    )
    assert [(c.post_id, c.region) for c in extract_html(page, regions=None)] == [
        ("TemplateV01", "aside")
    ]
    assert extract_html(page) == []


@pytest.mark.parametrize(
    ("wrapper", "region"),
    [
        ('<div role="complementary">', "aside"),
        ('<div role="navigation">', "nav"),
        ('<div role="contentinfo">', "footer"),
        ('<div id="disqus_thread">', "comments"),
        ('<div class="comment-list">', "comments"),
        ('<div class="most-read">', "aside"),
        ('<div class="box widget_text">', "aside"),
        ('<div class="sharebar">', "aside"),
        ('<div class="right-rail">', "aside"),
        ('<div class="mehr-zum-thema">', "aside"),
        ('<div class="lire-aussi">', "aside"),
        ('<div class="embed embed--youtube">', "main"),
        ('<div class="url-breadcrumb">', "main"),
    ],
)
def test_class_id_and_role_evidence(wrapper: str, region: str) -> None:
    page = (
        "<html><body><main><p>" + "Article text. " * 30 + "</p>" + wrapper
        + '<iframe src="https://www.youtube.com/embed/Evidence001"></iframe></div></main>'
        "</body></html>"
    )  # fmt: skip
    assert [c.region for c in extract_html(page, regions=None)] == [region]


def test_text_is_all_article() -> None:
    text = "See https://www.youtube.com/watch?v=TextVideo01 for the full speech."
    assert [c.region for c in mediacite.extract(text)] == ["main"]
    assert list(mediacite.extract(text, regions=("aside",))) == []
