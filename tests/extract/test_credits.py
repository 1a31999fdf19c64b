"""Credit lines found by their structure need a clock and a zone: the zone check's shortcut."""

from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from mediacite.extract import credits
from mediacite.extract.platforms import instagram
from mediacite.extract.textdoc import TextDocument

PIECES = st.sampled_from(
    ["(@name)", "(@a_b.c)", " on ", "Mar 6, 2016", "6 Mar 2016", " at ", "9:10am", "9:10",
     " PDT", " pdt", " pm", " PM", " P.M.", " A.M", "\n", " ", "12:30", "5", " CEST", "é",
     "Jane Doe ", "A post shared by ", " um ", " в ", "2016-03-06", "10. März 2024", "\u00a0"]
)  # fmt: skip


def found(text: str) -> list[credits.Credit]:
    return list(
        credits.find_credits(TextDocument(text), instagram.CREDIT_PHRASES, instagram.HANDLE)
    )


@settings(max_examples=500, deadline=None)
@given(st.lists(PIECES, max_size=25).map("".join))
def test_the_zone_shortcut_changes_nothing(text: str) -> None:
    shortcut = found(text)
    real = credits._ZONED_CLOCK
    try:
        credits._ZONED_CLOCK = regex.compile("")  # a zone everywhere: every handle read on
        assert found(text) == shortcut
    finally:
        credits._ZONED_CLOCK = real


def test_a_credit_without_its_phrase_needs_a_zone() -> None:
    zoned = found("Sunset. Jane Doe (@jane) on Mar 6, 2016 at 9:10am PDT")
    assert [c.handle for c in zoned] == ["jane"]
    assert found("Sunset. Jane Doe (@jane) on Mar 6, 2016 at 9:10 PM - later") == []
