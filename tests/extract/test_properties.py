"""Property tests: any input is handled, every reported span is honest, near misses stay out."""

from __future__ import annotations

import contextlib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import mediacite

PIECES = st.sampled_from(
    [
        " ",
        "\n",
        "\n\n",
        "— ",
        "–",
        "-",
        "--",
        "&mdash;",
        "(@",
        ")",
        "(@EastportCity)",
        " (@maralindq) ",
        "pic.twitter.com/Hb7kQw2ZxA",
        "pic.x.com/r4Jd8NfTqe",
        "pic.twitter.com",
        "https://t.co/Q8sLmN2vXe",
        "https://twitter.com/a/status/1768190000123456789",
        "x.com/i/web/status/99",
        "March 14, 2024",
        "16 мая 2018 г.",
        "2019年6月7日",
        "[",
        "]",
        "[3]",
        "[March 14, 2024][3]",
        "[3]: https://twitter.com/b/status/123",
        "> ",
        "Mara 🌊",
        "محمد",
        ".",
        "Stay safe.",
        "#tag",
        "@user",
        "\u200f",
        "\x00",
        "\ufffd",
        "A post shared by ",
        "Mara (@maralindq) on Sep 19, 2017 at 5:20pm PDT",
        "@ maralindq",
        " Posted by Eastport on Wednesday, March 2, 2016",
        "Follow Eastport ✔ @EastportCity ",
        "4:23 PM - 6 Aug 2012",
        "Skip Twitter post by @x ",
        "Advertisement",
        "https://twitter.com/a/status/8723001...",
    ]
)
DOCS = st.one_of(st.text(), st.lists(st.one_of(PIECES, st.text(max_size=8))).map("".join))


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(DOCS)
def test_any_text_gives_honest_spans(doc: str) -> None:
    for c in mediacite.extract_text(doc):
        assert 0 <= c.start <= c.end <= len(doc)
        piece = doc[c.start : c.end]
        if c.handle is not None and c.kind in ("byline", "widget"):
            assert c.handle in piece and "@" in piece
        if c.date_text is not None and c.kind != "link":
            assert c.date_text in piece
        for span in c.also_at:
            assert 0 <= span.start <= span.end <= len(doc)
        for media in c.media:
            assert media.split("/", 1)[1] in piece
        assert c.line == doc.count("\n", 0, c.start) + 1
        assert c.column == c.start - (doc.rfind("\n", 0, c.start) + 1) + 1
        assert mediacite.Citation.from_dict(c.to_dict()) == c


@settings(max_examples=200, deadline=None)
@given(st.binary())
def test_any_bytes_give_citations_or_a_clear_error(data: bytes) -> None:
    with contextlib.suppress(mediacite.InputError):
        mediacite.extract(data)


NEAR_MISSES = st.sampled_from(
    [
        "— Mara Lindqvist (@maralindq) said the",
        "(@EastportCity) on the red carpet.",
        "(@a) (@a) (@a)",
        "— (@a) (@a)",
        "pic.twitter.com/Ab12",
        "pic.twitter.com/AbCdEfGhIjKlMn",
        "pic.twitter.com/",
        "twitter.com/home",
        "https://twitter.com/EastportCity/status/",
        "A post shared by the council",
        "A photo posted by on",
        "4:23 PM - today",
        "— comment by Tori (@toriwrites) March 14, 2024 at 1:32 am",
        "on March 14, 2024",
        "in 16 мая 2018 г.",
        "@ maralindq",
        "@EastportCity",
        "Follow @EastportCity",
        "Skip Twitter post by",
        "This content is imported from Twitter.",
        "View this post on Instagram",
        "Posted by admin on Monday",
        "Advertisement",
        "—",
        "--",
        "x",
        "instagram.com/",
        "youtube.com/watch?v=",
        "facebook.com/",
    ]
)
"""Fragments that each lack something every citation needs (a date after the handle, a valid
media code, a status id, an account after a credit phrase, a date in a card's stamp …)."""

SEPARATORS = st.sampled_from(
    [" the council said ", ". ", ".\n", "\n\n", " — and ", ": we ", "  Then ", "\n    so "]
)


@st.composite
def near_miss_text(draw: st.DrawFn) -> str:
    pieces = draw(st.lists(st.tuples(NEAR_MISSES, SEPARATORS), max_size=40))
    return "".join(f"{near}{sep}" for near, sep in pieces)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(near_miss_text())
def test_near_misses_give_no_record(doc: str) -> None:
    assert mediacite.extract_text(doc) == []
