"""Flattened-text extraction: every variant real extractors produce, on our own fixtures."""

from __future__ import annotations

import itertools

import pytest

import mediacite
from mediacite import Citation

SEED_LIKE = (
    "The agency posted an update.\n\n"
    "Bridge CLOSED in both directions while engineers inspect the damage. "
    "pic.twitter.com/Hb7kQw2ZxA — Eastport Transport (@EastportTransit) March 14, 2024\n\n"
    "Traffic was diverted.\n"
)


def one(text: str) -> Citation:
    found = mediacite.extract_text(text)
    assert len(found) == 1, found
    return found[0]


def test_seed_form() -> None:
    c = one(SEED_LIKE)
    assert (c.platform, c.kind, c.handle, c.author) == (
        "twitter",
        "byline",
        "EastportTransit",
        "Eastport Transport",
    )
    assert (c.date, c.date_text) == ("2024-03-14", "March 14, 2024")
    assert c.text == "Bridge CLOSED in both directions while engineers inspect the damage."
    assert c.media == ("pic.twitter.com/Hb7kQw2ZxA",)
    assert (c.line, c.column) == (3, 1)
    assert SEED_LIKE[c.start : c.end].startswith("Bridge CLOSED")
    assert SEED_LIKE[c.start : c.end].endswith("March 14, 2024")


def test_several_media_links_and_tco_in_text() -> None:
    c = one(
        "Look at this https://t.co/Q8sLmN2vXe and this pic.twitter.com/r4Jd8NfTqe "
        "pic.x.com/Vb2LmcX0uE — Mara Lindqvist (@maralindq) March 14, 2024\n"
    )
    assert c.media == ("pic.twitter.com/r4Jd8NfTqe", "pic.x.com/Vb2LmcX0uE")
    assert c.urls == ("https://t.co/Q8sLmN2vXe",)
    assert c.text == "Look at this https://t.co/Q8sLmN2vXe and this"


def test_no_media() -> None:
    c = one("Repairs will take days, not hours. — Ines Okafor (@MayorOkafor) March 14, 2024\n")
    assert c.media == ()
    assert c.text == "Repairs will take days, not hours."


@pytest.mark.parametrize(
    "separator",
    [" ", "", "\n", "\n\n", "\n          \n          "],
    ids=["space", "no-space", "newline", "blank-line", "indented-blank-line"],
)
def test_space_before_dash(separator: str) -> None:
    c = one(
        f"Storm update: stay home tonight. pic.twitter.com/Hb7kQw2ZxA{separator}— City of "
        "Eastport (@EastportCity) March 14, 2024\n"
    )
    assert c.handle == "EastportCity"
    assert c.author == "City of Eastport"
    assert c.text == "Storm update: stay home tonight."
    assert c.media == ("pic.twitter.com/Hb7kQw2ZxA",)


@pytest.mark.parametrize("dash", ["—", "–", "--", "-", "&mdash;", "&#8212;", "&#x2014;"])
def test_dash_variants(dash: str) -> None:
    c = one(
        f"Stay safe &amp; dry tonight pic.twitter.com/Hb7kQw2ZxA {dash} City of Eastport "
        "(@EastportCity) March 14, 2024\n"
    )
    assert c.handle == "EastportCity"
    assert c.author == "City of Eastport"
    assert c.date == "2024-03-14"
    expected = "Stay safe & dry tonight" if dash.startswith("&") else "Stay safe &amp; dry tonight"
    assert c.text == expected


def test_date_missing() -> None:
    c = one("Stay safe tonight. pic.twitter.com/Hb7kQw2ZxA — City of Eastport (@EastportCity)\n")
    assert c.date is None and c.date_text is None
    assert c.handle == "EastportCity"


def test_markdown_reference_date_gives_post_id() -> None:
    doc = (
        "> Stay safe tonight, the storm is not over.\n"
        "> [pic.twitter.com/Hb7kQw2ZxA][3]\n"
        "> \n"
        "> — City of Eastport (@EastportCity) [March 14, 2024][4]\n\n"
        "More article text.\n\n"
        "[3]: https://t.co/Hb7kQw2ZxA\n"
        "[4]: https://twitter.com/EastportCity/status/1768190000123456789?ref_src=twsrc%5Etfw\n"
    )
    c = one(doc)
    assert c.date == "2024-03-14"
    assert c.date_text == "March 14, 2024"
    assert c.post_id == "1768190000123456789"
    assert c.url == "https://twitter.com/EastportCity/status/1768190000123456789"
    assert c.posted_at is not None and c.posted_at.startswith("2024-03-14T")
    assert c.text == "Stay safe tonight, the storm is not over."
    assert c.media == ("pic.twitter.com/Hb7kQw2ZxA",)


def test_text_glued_after_date() -> None:
    c = one(
        "Stay home. pic.twitter.com/Hb7kQw2ZxA — City (@EastportCity) March 14, 2024The "
        "storm moved north overnight."
    )
    assert c.date_text == "March 14, 2024"


@pytest.mark.parametrize(
    ("written", "iso"),
    [
        ("May 3, 2023", "2023-05-03"),
        ("25. September 2018", "2018-09-25"),
        ("19 décembre 2018", "2018-12-19"),
        ("13 de septiembre de 2017", "2017-09-13"),
        ("5 de fevereiro de 2017", "2017-02-05"),
        ("7 giugno 2019", "2019-06-07"),
        ("3 november 2019", "2019-11-03"),
        ("16 мая 2018 г.", "2018-05-16"),
        ("2019年6月7日", "2019-06-07"),
        ("2019년 12월 1일", "2019-12-01"),
        ("3 Mayıs 2023", "2023-05-03"),
        ("05:38 PM - 07 Jun 2019", "2019-06-07"),
    ],
)
def test_localized_dates(written: str, iso: str) -> None:
    c = one(f"Bonjour à tous pic.twitter.com/Hb7kQw2ZxA — Ville (@villeport) {written}\n")
    assert (c.date, c.date_text) == (iso, written)


@pytest.mark.parametrize(
    "author",
    [
        "Mara Lindqvist 🌊",
        "محمد الأحمد",
        "Dr. J. R. O'Neil",
        "Sam (they/them)",
        "Ragıp Soylu",
        "‏אבי כהן‏",
    ],
)
def test_author_names(author: str) -> None:
    c = one(f"Quiet morning on the harbour. — {author} (@samwrites) March 14, 2024\n")
    assert c.author == author.strip()
    assert c.handle == "samwrites"


def test_joined_paragraphs_do_not_swallow_previous_sentence() -> None:
    prose = (
        "The regional transport authority, which has been criticised for its handling of "
        "previous storms along the coast and for the slow pace of its repair programme on the "
        "older bridges, said engineers had been on site since before dawn on Thursday. "
    )
    post = (
        "The harbour bridge is CLOSED in both directions while engineers inspect storm damage. "
        "Use the ring road and allow extra time."
    )
    doc = (
        prose + post + " pic.twitter.com/Hb7kQw2ZxA — Eastport Transport (@EastportTransit) "
        "March 14, 2024 Commuters were told to expect delays."
    )
    c = one(doc)
    assert c.text == post
    assert doc[c.start :].startswith("The harbour bridge")


def test_paragraphs_glued_without_space() -> None:
    doc = (
        "“Not again,” one resident wrote.Another asked when it would reopen.I love this "
        "city even when it floods https://t.co/Q8sLmN2vXe— Eastport Fan (@eastfan) "
        "March 14, 2024"
    )
    assert one(doc).text == "I love this city even when it floods https://t.co/Q8sLmN2vXe"


def test_one_paragraph_a_line_with_broken_post_lines() -> None:
    doc = (
        "The city handed out sandbags on Wednesday.\n"
        "Sandbags are available at all fire stations\n"
        "Bring your own shovel pic.twitter.com/Hb7kQw2ZxA\n"
        "Residents queued for hours.\n"
    )
    c = one(doc)
    assert c.handle is None
    assert c.text == "Sandbags are available at all fire stations Bring your own shovel"
    assert c.media == ("pic.twitter.com/Hb7kQw2ZxA",)


def test_bare_media_link_without_byline() -> None:
    c = one("Footage from the waterfront overnight pic.twitter.com/r4Jd8NfTqe\n\nMore text.\n")
    assert (c.kind, c.handle, c.author, c.date) == ("byline", None, None, None)
    assert c.text == "Footage from the waterfront overnight"
    assert c.media == ("pic.twitter.com/r4Jd8NfTqe",)


@pytest.mark.parametrize(
    ("url", "handle"),
    [
        ("https://twitter.com/EastportWx/status/1768190000123456789", "EastportWx"),
        ("https://x.com/EastportWx/status/1768190000123456789?s=20", "EastportWx"),
        ("https://mobile.twitter.com/EastportWx/status/1768190000123456789", "EastportWx"),
        ("twitter.com/EastportWx/statuses/1768190000123456789", "EastportWx"),
        ("https://twitter.com/i/web/status/1768190000123456789", None),
    ],
)
def test_status_urls_in_prose(url: str, handle: str | None) -> None:
    c = one(f"The weather service published its readings ({url}) on Thursday.")
    assert (c.kind, c.post_id, c.handle) == ("link", "1768190000123456789", handle)
    assert c.posted_at == "2024-03-14T08:18:42.068Z"
    assert c.date == "2024-03-14"


def test_pre_snowflake_ids_have_no_time() -> None:
    c = one("See https://twitter.com/jack/status/20 for the first tweet.")
    assert c.post_id == "20"
    assert c.posted_at is None and c.date is None


@pytest.mark.parametrize(
    "prose",
    [
        "The mayor, Ines Okafor (@MayorOkafor), said repairs would take days.",
        "Ines Okafor (@MayorOkafor) March 14, 2024 told reporters the bridge would reopen.",
        "Reporters asked Ines Okafor (@MayorOkafor) on March 14, 2024 about the bridge.",
        "Links to pic.twitter.com are shortened media links.",
        "He wrote pic.twitter.com/ without a code, and visited twitter.com/home.",
        "Follow us on twitter.com/EastportTransit and x.com/EastportWx for updates.",
        "Share: https://twitter.com/intent/tweet?text=hello&url=https://example.com",
    ],
)
def test_not_citations(prose: str) -> None:
    assert mediacite.extract_text(prose) == []


def test_two_posts_by_the_same_account_on_the_same_day() -> None:
    doc = (
        "First update.\n— Eastport Transport (@EastportTransit) March 14, 2024\n\n"
        "Second update.\n— Eastport Transport (@EastportTransit) March 14, 2024\n"
    )
    found = mediacite.extract_text(doc)
    assert [c.text for c in found] == ["First update.", "Second update."]
    assert [c.line for c in found] == [1, 4]


def test_entities_of_post_text() -> None:
    c = one(
        "Follow @EastportTransit for diversions #EastportStorm https://t.co/Q8sLmN2vXe "
        "— Ines Okafor (@MayorOkafor) March 14, 2024"
    )
    assert c.mentions == ("EastportTransit",)
    assert c.hashtags == ("EastportStorm",)
    assert c.urls == ("https://t.co/Q8sLmN2vXe",)


def test_extract_accepts_bytes_and_source() -> None:
    found = mediacite.extract(SEED_LIKE.encode("utf-8"), source="story.txt")
    assert [c.source for c in found] == ["story.txt"]


def test_extract_bytes_with_bom_and_utf16() -> None:
    assert mediacite.extract(b"\xef\xbb\xbf" + SEED_LIKE.encode("utf-8"))
    assert mediacite.extract(SEED_LIKE.encode("utf-16"))


def test_article_date_from_leading_line_completes_and_flags() -> None:
    doc = (
        " date 2024-01-02 Storm recap\n\n"
        "Stay home. pic.twitter.com/Hb7kQw2ZxA — City (@EastportCity) December 30\n\n"
        "Later: all clear. — City (@EastportCity) March 14, 2024\n"
    )
    first, second = mediacite.extract_text(doc)
    assert (first.date, first.article_date, first.flags) == (
        "2023-12-30",
        "2024-01-02",
        ("year_from_article",),
    )
    assert second.flags == ("dated_after_article",)


def test_year_less_date_without_article_date_stays_unknown() -> None:
    c = one("Stay home. pic.twitter.com/Hb7kQw2ZxA — City (@EastportCity) December 30\n")
    assert (c.date, c.date_text, c.article_date) == (None, "December 30", None)


def test_explicit_article_date() -> None:
    c = mediacite.extract_text(SEED_LIKE, article_date="2024-03-01")[0]
    assert c.article_date == "2024-03-01" and c.flags == ("dated_after_article",)


def test_html_comment_line_is_not_post_text() -> None:
    c = one(
        "Intro.\n\n<!-- mediacite: ignore -->\nHello from nowhere. — Nobody (@Nobody) May 5, 2022\n"
    )
    assert c.text == "Hello from nowhere."
    assert c.line == 4


def test_dense_markers_are_read_in_bounded_windows() -> None:
    from mediacite.extract import text as reader

    hits = list(range(0, 1_000_000, 40))
    windows = list(reader._windows(hits, 1_000_000))
    assert max(hi - lo for lo, hi, _, _ in windows) <= (
        reader.MAX_WINDOW + 2 * reader.BACK + reader.AHEAD
    )
    owned = [(own_lo, own_hi) for _, _, own_lo, own_hi in windows]
    assert owned[0][0] == 0 and all(a[1] == b[0] for a, b in itertools.pairwise(owned))


def test_cutting_windows_finds_the_same_citations(monkeypatch: pytest.MonkeyPatch) -> None:
    from mediacite.extract import text as reader

    posts = [
        f"Update {n}: the bridge is closed (@EastportTransit) and "
        f"crews are out. pic.twitter.com/Hb7kQw{n:04d} — Eastport (@EastportCity) "
        f"March {1 + n % 28}, 2024\n"
        for n in range(400)
    ]
    doc = "".join(posts)
    whole = mediacite.extract_text(doc)
    monkeypatch.setattr(reader, "MAX_WINDOW", 1000)
    assert mediacite.extract_text(doc) == whole
    assert len(whole) == 400


@pytest.mark.parametrize(
    "unit",
    ["Name (@a) The ", "(@a) March 14, 2024 x ", "(@a) ", "— Name (@a) said ", "4:23 PM - 6 Aug "],
    ids=["header", "dateline", "handles", "dash", "stamp"],
)
def test_near_misses_on_one_long_line_cost_linear_time(unit: str) -> None:
    """No per-candidate scan may run to the start or end of the line (quadratic on one line)."""
    import time

    def seconds(size: int) -> float:
        text = unit * (size // len(unit))
        start = time.process_time()
        assert mediacite.extract_text(text) == []
        return time.process_time() - start

    small, large = seconds(50_000), seconds(400_000)
    assert large < 8 * small * 2 + 0.5  # 8x the text: linear is 8x, quadratic 64x
