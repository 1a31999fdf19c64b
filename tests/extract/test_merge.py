"""One post, one record: merging the forms under which a document cites a post."""

from __future__ import annotations

from mediacite.extract.html import extract_html
from mediacite.extract.merge import KIND_RANK, merge_citations
from mediacite.models import KINDS, Citation, Span
from paths import FIXTURES


def cite(kind: str, start: int, **fields: object) -> Citation:
    return Citation(
        platform="twitter",
        kind=kind,
        start=start,
        end=start + 5,
        line=1,
        column=start + 1,
        **fields,
    )  # type: ignore[arg-type]


def test_every_kind_has_a_rank() -> None:
    assert set(KIND_RANK) == set(KINDS)


def test_richest_form_wins_and_keeps_the_others_positions() -> None:
    link = cite("link", 0, post_id="1", handle="a")
    embed = cite("blockquote", 10, post_id="1", text="Hello", author="A")
    shortcode = cite("shortcode", 20, post_id="1")
    [one] = merge_citations([link, embed, shortcode])
    assert (one.kind, one.start, one.text, one.handle) == ("blockquote", 10, "Hello", "a")
    assert one.also_at == (Span(0, 5, 1, 1), Span(20, 25, 1, 21))


def test_shortcode_ranks_between_rendered_and_link() -> None:
    assert KIND_RANK["blockquote"] < KIND_RANK["byline"] < KIND_RANK["rendered"]
    assert KIND_RANK["rendered"] < KIND_RANK["shortcode"] < KIND_RANK["stub"] < KIND_RANK["link"]
    [one] = merge_citations([cite("link", 0, post_id="1"), cite("shortcode", 9, post_id="1")])
    assert one.kind == "shortcode" and one.also_at == (Span(0, 5, 1, 1),)


def test_citations_naming_no_post_are_never_merged() -> None:
    loose = [cite("byline", 0, text="x"), cite("byline", 10, text="x")]
    assert len(merge_citations(loose)) == 2


def test_html_page_keeps_the_other_positions_of_a_post() -> None:
    page = (FIXTURES / "html" / "twitter.html").read_text("utf-8")
    mayor = [c for c in extract_html(page) if c.post_id == "1650000000000000002"]
    assert len(mayor) == 1 and len(mayor[0].also_at) == 1
    again = mayor[0].also_at[0]
    assert page[again.start : again.end].startswith('<blockquote class="twitter-tweet"')
