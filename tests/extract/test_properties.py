"""Property tests: any input is handled, and every reported span is honest."""

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
    ]
)
DOCS = st.one_of(st.text(), st.lists(st.one_of(PIECES, st.text(max_size=8))).map("".join))


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(DOCS)
def test_any_text_gives_honest_spans(doc: str) -> None:
    for c in mediacite.extract_text(doc):
        assert 0 <= c.start <= c.end <= len(doc)
        piece = doc[c.start : c.end]
        if c.handle is not None and c.kind == "byline":
            assert f"(@{c.handle})" in piece
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
