"""What a document says about itself: its date (and where it said so) and its canonical URL."""

from __future__ import annotations

import pytest

from mediacite.extract.pageinfo import (
    canonical_url,
    date_from_url,
    html_date,
    page_info,
    parse_date,
    text_date,
)


@pytest.mark.parametrize(
    ("head", "date", "source"),
    [
        ('<meta property="article:published_time" content="2023-05-03T10:00:00Z">', "2023-05-03", "meta"),
        ('<meta content="2023/05/03" name="dc.date">', "2023-05-03", "meta"),
        ('<meta name="content:publishDate" content="2023-05-03T19:05:00">', "2023-05-03", "meta"),
        ('<meta value="May 3, 2023" name="publish-date">', "2023-05-03", "meta"),
        ('<meta itemprop="datePublished" content="20230503">', "2023-05-03", "meta"),
        ('<script type="application/ld+json">{"datePublished": "2023-05-03T01:00:00+02:00"}</script>', "2023-05-03", "json-ld"),
        ('<p><time class="entry-published" datetime="2023-05-03">3 May</time></p>', "2023-05-03", "time"),
        ('<span><time class="published-date">3. Mai 2023</time></span>', "2023-05-03", "time"),
        ('<time datetime="Wed, 03 May 2023 10:00:00 +0000">then</time>', "2023-05-03", "time"),
    ],
)  # fmt: skip
def test_html_date_sources(head: str, date: str, source: str) -> None:
    found = html_date(f"<html><head>{head}</head><body>text</body></html>")
    assert found is not None and (found.date, found.source) == (date, source)


def test_meta_wins_over_time_and_embedded_posts_are_not_the_page() -> None:
    page = (
        '<html><head><meta property="article:published_time" content="2023-05-04"></head><body>'
        '<time datetime="2023-05-01">x</time></body></html>'
    )
    assert html_date(page).date == "2023-05-04"  # type: ignore[union-attr]
    embedded = (
        '<html><body><blockquote class="instagram-media"><time datetime="2016-12-05">Dec 5'
        '</time></blockquote><p>No date here.</p><time datetime="2016-12-07">Dec 7</time>'
        "</body></html>"
    )
    assert html_date(embedded).date == "2016-12-07"  # type: ignore[union-attr]
    only_embedded = '<blockquote><time datetime="2016-12-05">x</time></blockquote>'
    assert html_date(only_embedded) is None


@pytest.mark.parametrize(
    ("url", "date"),
    [
        ("https://news.example/2023/05/03/title", "2023-05-03"),
        ("https://news.example/politics/2023-05-03-title.html", "2023-05-03"),
        ("https://news.example/2023/13/45/title", None),
        ("https://news.example/story/123456", None),
        ("/home/me/2023/05/03/page.html", None),
    ],
)
def test_dates_in_urls(url: str, date: str | None) -> None:
    found = date_from_url(url)
    assert (found.date if found else None) == date


def test_text_dates() -> None:
    front = "---\ntitle: x\ndate: 2023-05-03T10:00:00+02:00\ntags: [a]\n---\nBody\n"
    assert text_date(front) is not None and text_date(front).source == "front-matter"  # type: ignore[union-attr]
    toml = '+++\ntitle = "x"\ndate = "2023-05-03"\n+++\nBody\n'
    assert text_date(toml).date == "2023-05-03"  # type: ignore[union-attr]
    assert text_date("date 2023-05-03\n\nBody").source == "date-line"  # type: ignore[union-attr]
    assert text_date("No date.", "https://x.example/2023/05/03/a").source == "url"  # type: ignore[union-attr]
    assert text_date("---\nno closing fence\ndate: 2023-05-03\n") is None


def test_implausible_dates_are_not_dates() -> None:
    assert parse_date("1970-01-01") is None
    assert parse_date("9999-01-01") is None
    assert parse_date("May 3") is None, "a date without a year is no publish date"
    assert parse_date("not a date") is None


def test_canonical_url() -> None:
    head = '<link rel="canonical" href="/a/b"><meta property="og:url" content="https://x/c">'
    assert canonical_url(head, "https://news.example/a/b?utm=1") == "https://news.example/a/b"
    assert canonical_url('<meta property="og:url" content="https://x.example/c">') == (
        "https://x.example/c"
    )
    assert canonical_url('<link rel="canonical" href="javascript:alert(1)">') is None
    info = page_info('<link rel="canonical" href="https://x.example/2023/05/03/a">', html=True)
    assert info.date is not None and (info.date.date, info.date.source) == ("2023-05-03", "url")


def test_hostile_heads_stay_linear() -> None:
    import time

    head = "<meta " * 200_000 + "<time " * 200_000
    started = time.perf_counter()
    page_info(head, html=True, url="https://x.example/" + "1/" * 10_000)
    assert time.perf_counter() - started < 5
