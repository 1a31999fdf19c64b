"""APA 7, MLA 9 and Chicago 17 strings, checked against the manuals' own published examples."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import attrs
import pytest

from mediacite import Citation, Resolution, Snapshot
from mediacite.formats import format_citation, robust_link, version_date

FIELDS = {f.name for f in attrs.fields(Citation)}
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
SINGLE = str.maketrans({'"': "'", "\u201c": "\u2018", "\u201d": "\u2019"})
MLA_MONTHS = r"Jan\.|Feb\.|Mar\.|Apr\.|May|June|July|Aug\.|Sept\.|Oct\.|Nov\.|Dec\."


def tweet(**fields: Any) -> Citation:
    return Citation(platform="twitter", kind="byline", **fields)


# --- the published examples, rebuilt as citations ------------------------------------------------

# APA Style, "Twitter references" (apastyle.apa.org), example 1.
CDC = tweet(
    handle="CDCgov",
    author="CDC",
    date="2020-06-11",
    text="Scientists do not know if having antibodies to the virus that causes #COVID19 can "
    "protect someone from getting infected again or, if so, how long that protection might last.",
    media=["pic.twitter.com/zm6GfWwOKf"],
    url="https://twitter.com/CDCgov/status/1271180413134876672",
)
PREVENTION = tweet(
    handle="preventioninst",
    author="Prevention Institute",
    date="2020-09-24",
    text="If you want to talk #health, you have to talk #racialjustice",
    media=["pic.twitter.com/Qn5S2ZMVpg"],
    url="https://twitter.com/preventioninst/status/1309211009039687680",
)


def test_apa_matches_the_published_examples() -> None:
    assert format_citation(CDC, "apa", attachment="Image attached") == (
        "CDC [@CDCgov]. (2020, June 11). Scientists do not know if having antibodies to the "
        "virus that causes #COVID19 can protect someone from getting infected again "
        "[Image attached] [Tweet]. Twitter. https://twitter.com/CDCgov/status/1271180413134876672"
    )
    assert format_citation(PREVENTION, "apa", attachment="Video attached") == (
        "Prevention Institute [@preventioninst]. (2020, September 24). If you want to talk "
        "#health, you have to talk #racialjustice [Video attached] [Tweet]. Twitter. "
        "https://twitter.com/preventioninst/status/1309211009039687680"
    )


def test_apa_counts_hashtags_urls_and_emoji_as_words() -> None:
    words = [f"w{i}" for i in range(17)]
    c = tweet(
        handle="a",
        author="A",
        date="2021-01-02",
        text=" ".join([*words, "#tag", "😳", "https://t.co/x", "cut"]),
    )
    title = format_citation(c, "apa").split("). ", 1)[1].split(" [Tweet]")[0]
    assert title == " ".join([*words, "#tag", "😳", "https://t.co/x"])


def test_apa_without_name_date_or_text() -> None:
    c = tweet(handle="EastportWx", url="https://twitter.com/EastportWx/status/1", date=None)
    assert format_citation(c, "apa") == (
        "@EastportWx. (n.d.). [Tweet]. Twitter. https://twitter.com/EastportWx/status/1"
    )


def test_mla_matches_the_published_example() -> None:
    # MLA Handbook example as given by the MLA Style Center (the container in italics).
    c = tweet(
        handle="persianwiki",
        date="2009-06-23",
        text="We have report of large street battles in east & west of Tehran now – #Iranelection",
        url="https://twitter.com/persianwiki/status/2298106072",
    )
    assert format_citation(c, "mla") == (
        "@persianwiki. \u201cWe have report of large street battles in east & west of Tehran now "
        "– #Iranelection.\u201d Twitter, 23 June 2009, twitter.com/persianwiki/status/2298106072."
    )
    html = format_citation(c, "mla", markup="html")
    assert "<em>Twitter</em>, 23 June 2009" in html


def test_mla_real_name_in_parentheses_and_nested_quotes() -> None:
    c = tweet(
        handle="poniewozik",
        author="James Poniewozik",
        date="2018-03-02",
        text='I\'ve joked that \u201cTV critic\u201d and "Netflix critic" should be separate jobs?',
        url="https://twitter.com/poniewozik/status/969604434547367936",
    )
    assert format_citation(c, "mla") == (
        "@poniewozik (James Poniewozik). \u201cI've joked that \u2018TV critic\u2019 and "
        "'Netflix critic' should be separate jobs?\u201d Twitter, 2 Mar. 2018, "
        "twitter.com/poniewozik/status/969604434547367936."
    )


def test_chicago_matches_the_published_note() -> None:
    # Chicago 17, 14.209 (the optional time stamp is not given: a cited date has none).
    c = tweet(
        handle="petesouza",
        author="Pete Souza",
        date="2016-04-01",
        text="President Obama bids farewell to President Xi of China at the conclusion of the "
        "Nuclear Security Summit.",
        url="https://twitter.com/petesouza/status/715994305251418112",
    )
    assert format_citation(c, "chicago") == (
        "Pete Souza (@petesouza), \u201cPresident Obama bids farewell to President Xi of China at "
        "the conclusion of the Nuclear Security Summit,\u201d Twitter, April 1, 2016, "
        "https://twitter.com/petesouza/status/715994305251418112."
    )


def test_chicago_quotes_at_most_160_characters() -> None:
    text = " ".join(["word"] * 60)
    out = format_citation(tweet(handle="a", author="A", date="2020-01-01", text=text), "chicago")
    title = re.search("\u201c(.*),\u201d", out)
    assert title is not None
    assert title.group(1).endswith(" …")
    assert len(title.group(1)) <= 160 + 2
    assert text.startswith(title.group(1)[:-2])


def test_chicago_keeps_a_closing_question_mark_without_comma() -> None:
    c = tweet(handle="a", author="A", date="2020-01-01", text="Is it on?")
    assert (
        format_citation(c, "chicago") == "A (@a), \u201cIs it on?\u201d Twitter, January 1, 2020."
    )


def test_posts_after_the_rename_are_x_posts() -> None:
    c = tweet(handle="a", author="A", date="2023-07-24", text="Hi", url="https://x.com/a/status/1")
    assert (
        format_citation(c, "apa")
        == "A [@a]. (2023, July 24). Hi [Post]. X. https://x.com/a/status/1"
    )
    assert "X, 24 July 2023" in format_citation(c, "mla")
    assert "\u201cHi,\u201d X, July 24, 2023" in format_citation(c, "chicago")
    assert "Twitter" in format_citation(attrs.evolve(c, date="2023-07-23"), "apa")


def test_other_platforms_use_their_printed_names() -> None:
    c = Citation(platform="tiktok", kind="link", handle="a", date="2022-02-02")
    assert "TikTok" in format_citation(c, "apa")
    assert "[Post]" in format_citation(c, "apa")


def test_media_link_stands_in_for_a_missing_status_url() -> None:
    c = tweet(handle="a", author="A", date="2020-01-01", text="t", media=["pic.twitter.com/Ab12"])
    assert format_citation(c, "apa").endswith(
        "[Media attached] [Tweet]. Twitter. https://pic.twitter.com/Ab12"
    )
    assert format_citation(c, "mla").endswith("2020, pic.twitter.com/Ab12.")


def test_unknown_style_and_markup_are_refused() -> None:
    with pytest.raises(ValueError, match="apa, mla, chicago"):
        format_citation(CDC, "harvard")
    with pytest.raises(ValueError, match="markup"):
        format_citation(CDC, "apa", markup="latex")  # type: ignore[arg-type]


# --- archived copies and Robust Links ------------------------------------------------------------

SNAPSHOT = Snapshot(
    archive="wayback",
    original_url="https://twitter.com/CDCgov/status/1271180413134876672",
    archived_url="https://web.archive.org/web/20200611190000/https://twitter.com/CDCgov/status/1271180413134876672",
    captured_at="20200611190000",
)


def test_archived_url_replaces_the_live_one_only_when_archived() -> None:
    found = Resolution(citation=CDC, status="verified", snapshot=SNAPSHOT)
    for style in ("apa", "mla", "chicago"):
        assert "web.archive.org/web/20200611190000/" in found.format(style)
        assert "web.archive.org" in CDC.format(style, found)
    mismatch = Resolution(citation=CDC, status="mismatch", snapshot=SNAPSHOT)
    assert "web.archive.org" not in mismatch.format("apa")
    assert mismatch.format("apa").endswith("https://twitter.com/CDCgov/status/1271180413134876672")


class _Anchors(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.anchors: list[dict[str, str | None]] = []
        self.text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.anchors.append(dict(attrs))

    def handle_data(self, data: str) -> None:
        self.text += data


def test_robust_link_attributes() -> None:
    link = Resolution(citation=CDC, status="verified", snapshot=SNAPSHOT).robust_link()
    parser = _Anchors()
    parser.feed(link)
    assert parser.anchors == [
        {
            "href": SNAPSHOT.original_url,
            "data-originalurl": SNAPSHOT.original_url,
            "data-versionurl": SNAPSHOT.archived_url,
            "data-versiondate": "2020-06-11",
        }
    ]
    assert parser.text == "CDC (@CDCgov)"
    assert robust_link(
        Resolution(citation=CDC, status="archived", snapshot=SNAPSHOT), "the CDC"
    ).endswith(">the CDC</a>")


def test_robust_link_needs_an_archived_post() -> None:
    with pytest.raises(ValueError, match="not_archived"):
        robust_link(Resolution(citation=CDC, status="not_archived"))
    with pytest.raises(ValueError, match="mismatch"):
        robust_link(Resolution(citation=CDC, status="mismatch", snapshot=SNAPSHOT))
    bad = attrs.evolve(SNAPSHOT, archived_url="javascript:alert(1)")
    with pytest.raises(ValueError, match="http"):
        robust_link(Resolution(citation=CDC, status="verified", snapshot=bad))


@pytest.mark.parametrize(
    ("captured", "day"),
    [
        ("20230503120102", "2023-05-03"),
        ("2023-05-03T12:01:02Z", "2023-05-03"),
        ("2023-05-03", "2023-05-03"),
    ],
)
def test_version_date(captured: str, day: str) -> None:
    assert version_date(captured) == day


# --- the seed citations --------------------------------------------------------------------------


def seed_citations(shared: Path) -> list[Citation]:
    expected = json.loads((shared / "seeds" / "expected.json").read_text(encoding="utf-8"))
    return [
        Citation(**{k: v for k, v in record.items() if k in FIELDS})
        for document in expected.values()
        for record in document["citations"]
    ]


@pytest.mark.shared
def test_seed_citations_exactly(shared: Path) -> None:
    first = seed_citations(shared)[0]
    assert first.format("apa") == (
        "Aditya Raj Kaul [@AdityaRajKaul]. (2023, May 3). #BREAKING: Russia says Ukraine tried to "
        "attack the Kremlin with drones in a move to target President Vladimir Putin, alleges "
        "[Media attached] [Tweet]. Twitter. https://pic.twitter.com/lEgwxVUieT"
    )
    assert first.format("mla") == (
        "@AdityaRajKaul (Aditya Raj Kaul). \u201c#BREAKING: Russia says Ukraine tried to attack the "
        "Kremlin with drones in a move to target President Vladimir Putin, alleges terrorist act "
        "underscoring its right to respond.\u201d Twitter, 3 May 2023, pic.twitter.com/lEgwxVUieT."
    )
    assert first.format("chicago") == (
        "Aditya Raj Kaul (@AdityaRajKaul), \u201c#BREAKING: Russia says Ukraine tried to attack the "
        "Kremlin with drones in a move to target President Vladimir Putin, alleges terrorist act "
        "underscoring its \u2026,\u201d Twitter, May 3, 2023, https://pic.twitter.com/lEgwxVUieT."
    )


APA_FORM = re.compile(
    rf"^(?P<author>.+) \[@(?P<handle>\w+)\]\. \((?P<year>\d{{4}}), (?:{MONTHS}) \d{{1,2}}\)\. "
    r"(?P<title>.+) \[Media attached\] \[Tweet\]\. Twitter\. https://pic\.twitter\.com/\w+$"
)
MLA_FORM = re.compile(
    rf"^@(?P<handle>\w+) \((?P<author>.+)\)\. \u201c(?P<text>.+[.?!])\u201d Twitter, "
    rf"\d{{1,2}} (?:{MLA_MONTHS}) \d{{4}}, pic\.twitter\.com/\w+\.$"
)
CHICAGO_FORM = re.compile(
    rf"^(?P<author>.+) \(@(?P<handle>\w+)\), \u201c(?P<text>.+)(?:,\u201d|[?!]\u201d) Twitter, "
    rf"(?:{MONTHS}) \d{{1,2}}, \d{{4}}, https://pic\.twitter\.com/\w+\.$"
)


@pytest.mark.shared
def test_every_seed_citation_in_every_style_has_the_published_form(shared: Path) -> None:
    citations = seed_citations(shared)
    assert len(citations) == 6
    for c in citations:
        assert c.text and c.author and c.handle
        apa = APA_FORM.match(c.format("apa"))
        assert apa, c.format("apa")
        assert (apa["author"], apa["handle"]) == (c.author, c.handle)
        assert apa["title"].split() == c.text.split()[:20] or apa["title"] == c.text
        mla = MLA_FORM.match(c.format("mla"))
        assert mla, c.format("mla")
        assert mla["text"].rstrip(".") == c.text.translate(SINGLE).rstrip(".")
        chicago = CHICAGO_FORM.match(c.format("chicago"))
        assert chicago, c.format("chicago")
        assert len(chicago["text"]) <= 162
        assert c.text.translate(SINGLE).startswith(chicago["text"].removesuffix(" …").rstrip("."))


@pytest.mark.parametrize(
    "reported",
    [
        "https://evil.example/phish",
        "javascript:alert(1)",
        "http://twitter.com/CDCgov/status/1271180413134876672?lang=en&utm_source=archive",
    ],
)
def test_robust_links_point_at_the_cited_post_never_the_archive_reported_url(
    reported: str,
) -> None:
    from mediacite.cli.resolve import robust_link as cli_link

    snapshot = attrs.evolve(SNAPSHOT, original_url=reported)
    resolution = Resolution(citation=CDC, status="verified", snapshot=snapshot)
    for link in (robust_link(resolution), cli_link(resolution)):
        parser = _Anchors()
        parser.feed(link)
        (anchor,) = parser.anchors
        assert anchor["href"] == anchor["data-originalurl"] == CDC.url
        assert "evil" not in link and "javascript" not in link and "utm_source" not in link


def test_a_byline_without_url_links_the_archived_status_only_when_it_is_the_cited_account() -> None:
    byline = attrs.evolve(CDC, url=None, media=())
    found = Resolution(citation=byline, status="verified", snapshot=SNAPSHOT)
    assert 'href="https://twitter.com/CDCgov/status/1271180413134876672"' in robust_link(found)
    other = attrs.evolve(SNAPSHOT, original_url="https://twitter.com/Someone/status/1")
    with pytest.raises(ValueError, match="post's http"):
        robust_link(Resolution(citation=byline, status="verified", snapshot=other))
