"""Hostile HTML: linear time on every broken shape, spans that hold what the record names, fuzz."""

from __future__ import annotations

import random
import time
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import mediacite
from hostile import EMBED, FAMILIES, cpu_seconds, mutate, seeds, span_problems
from mediacite.extract.html import extract_html
from mediacite.extract.htmldoc import HtmlDocument
from mediacite.extract.sourcetags import SourceTags

GROWTH = 3.0
"""Time at twice the size may be at most this many times the time at the size (2 is linear;
quadratic is 4)."""
FLOOR_SECONDS = 0.05
"""CPU time below which growth is not judged (timer and allocator noise)."""
SIZE = 1000
"""Repetitions of a family's shape at the smaller size (pages of 8-230 KiB)."""
SECONDS_PER_KIB_AT_MOST = 0.003
"""CPU time per KiB a hostile page may take (the worst family takes under 1 ms per KiB; a
real page about 0.02 ms)."""


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_time_grows_linearly(family: str) -> None:
    make = FAMILIES[family]
    small, large = make(SIZE), make(2 * SIZE)
    extract_html(small, regions=None)
    at_small = cpu_seconds(lambda: extract_html(small, regions=None))
    at_large = cpu_seconds(lambda: extract_html(large, regions=None))
    assert at_large <= GROWTH * at_small + FLOOR_SECONDS, (family, at_small, at_large)
    assert at_large <= FLOOR_SECONDS + SECONDS_PER_KIB_AT_MOST * len(large) / 1024, family


TEXT_FAMILIES: dict[str, Callable[[int], str]] = {
    "blank_runs_after_handles": lambda n: ("@harbourcrew x" + " " * 2000 + "y\n♬\n") * (n // 10),
    "blank_runs_around_notes": lambda n: ("@harbourcrew " + " " * 200 + "♬" + " " * 200 + "\n") * n,
    "handles_opening_lines": lambda n: "@harbourcrew caption without a note\n" * (4 * n) + "♬\n",
}
"""Text shapes that a flattened-embed rule could read in more than one pass: lines of blanks
after a handle (what the Markdown reader leaves where an HTML block was), with the sound note
on the next line."""


@pytest.mark.parametrize("family", sorted(TEXT_FAMILIES))
@pytest.mark.parametrize("reader", [mediacite.extract_text, mediacite.extract_markdown])
def test_text_time_grows_linearly(family: str, reader: Callable[[str], object]) -> None:
    make = TEXT_FAMILIES[family]
    small, large = make(SIZE), make(2 * SIZE)
    reader(small)
    at_small = cpu_seconds(lambda: reader(small))
    at_large = cpu_seconds(lambda: reader(large))
    assert at_large <= GROWTH * at_small + FLOOR_SECONDS, (family, at_small, at_large)
    assert at_large <= FLOOR_SECONDS + SECONDS_PER_KIB_AT_MOST * len(large) / 1024, family


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_hostile_pages_give_honest_spans(family: str) -> None:
    page = FAMILIES[family](50)
    assert span_problems(page, extract_html(page, regions=None), markup=True) == []


def test_span_reaches_a_handle_written_with_markdown_escapes() -> None:
    page = (
        '<html><body><article><p>Intro text for the story.</p>\n<div class="consent">\n'
        "<p>This content can also be viewed on the site it <a\n"
        '    href="https://twitter.com/Harbour\\_Desk/status/1768190000123456801" target="_blank\n'
        '    rel="nofollow noreferrer"\n    class="link">originates</a>\n  from.</p>\n'
        "</div></article></body></html>"
    )
    found = extract_html(page, regions=None)
    assert [c.handle for c in found] == ["Harbour_Desk"]
    assert span_problems(page, found, markup=True) == []


def test_unclosed_href_before_an_embed_finds_the_embed() -> None:
    page = "<html><body>" + '<a href="' * 2000 + "\n<p>x</p>\n" + EMBED
    start = time.process_time()
    found = extract_html(page, regions=None)
    assert time.process_time() - start < 2.0
    assert "1234567890123456789" in {c.post_id for c in found}


def test_a_head_with_an_unclosed_quote_has_no_end() -> None:
    tags = SourceTags('<a href="x>' + "y" * 10_000)
    assert tags.head_end(2) is None
    assert SourceTags("<a title=\"a>b\" c='>'>z").head_end(2) == len("<a title=\"a>b\" c='>'>")


def test_long_heads_are_measured_past_the_probe() -> None:
    head = '<div data-x="' + ">" * 20_000 + '">'
    assert SourceTags(head + "z").head_end(4) == len(head)


def test_unclosed_elements_end_after_their_start_tag() -> None:
    page = "<blockquote class=q>" * 200 + "<blockquote>x</blockquote>"
    tags = SourceTags(page)
    first_head = len("<blockquote class=q>")
    assert tags.element_end("blockquote", first_head) == first_head
    last = page.rindex("<blockquote>") + len("<blockquote>")
    assert tags.element_end("blockquote", last) == len(page)


def test_nested_open_embeds_are_each_read_on_their_own() -> None:
    page = "<html><body>" + "".join(
        f'<blockquote class="twitter-tweet"><p>Post {i}</p>&mdash; A (@a{i}) '
        f'<a href="https://twitter.com/a{i}/status/{1000 + i}">May 3, 2023</a>'
        for i in range(3)
    )
    found = {c.post_id: c for c in extract_html(page, regions=None)}
    assert set(found) == {"1000", "1001", "1002"}
    assert found["1000"].handle == "a0"
    assert found["1000"].text == "Post 0"


def test_the_text_of_a_skipped_descendant_is_left_out_unread() -> None:
    doc = HtmlDocument("<div>a<span>b<i>c</i></span>de<p>f</p></div>")
    box = doc.trees[0].root.find(".//div")
    assert doc.text_of(box) == "abcde f"
    assert doc.text_of(box, skip=lambda el: el.tag == "span") == "ade f"
    assert doc.text_of(box, skip=lambda el: el.tag == "i") == "abde f"
    assert [el.tag for el in doc.descendants(box, "i", lambda el: el.tag == "span")] == []
    assert [el.tag for el in doc.descendants(box, "i", lambda el: False)] == ["i"]


def test_a_comment_shows_no_text() -> None:
    doc = HtmlDocument("<div><!-- hidden -->shown</div>")
    comment = doc.trees[0].root.find(".//div")[0]
    assert doc.text_of(comment) == ""


def test_text_after_a_comment_or_instruction_is_read() -> None:
    doc = HtmlDocument("<div>a <!-- note --> b <i>c<?php x ?>d</i> <!--e--></div>")
    box = doc.trees[0].root.find(".//div")
    assert doc.text_of(box) == "a b cd"
    assert doc.text_of(box, skip=lambda el: el.tag == "i") == "a b"


def test_embed_text_runs_on_past_a_comment() -> None:
    page = (
        '<article><blockquote class="twitter-tweet"><p lang="en">Bridge closed <!-- ad slot -->'
        "until noon</p>&mdash; Eastport (@eastport) "
        '<a href="https://twitter.com/eastport/status/1234567890123456789">May 3, 2023</a>'
        "</blockquote></article>"
    )
    (citation,) = mediacite.extract_html(page)
    assert citation.text == "Bridge closed until noon"


HTML_SEEDS = seeds("html")
TEXT_SEEDS = seeds("text")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, len(HTML_SEEDS) - 1), st.integers(0, 2**32), st.integers(1, 6))
def test_mutated_html_gives_honest_spans(index: int, seed: int, steps: int) -> None:
    page = mutate(HTML_SEEDS[index], random.Random(seed), steps)
    assert span_problems(page, extract_html(page, regions=None), markup=True) == []


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, len(TEXT_SEEDS) - 1), st.integers(0, 2**32), st.integers(1, 6))
def test_mutated_text_gives_honest_spans(index: int, seed: int, steps: int) -> None:
    text = mutate(TEXT_SEEDS[index], random.Random(seed), steps)
    assert span_problems(text, mediacite.extract_text(text), markup=False) == []


FUZZ_DOCUMENTS = 300
"""Mutated documents the bounded fuzz reads (about 10 s)."""
FUZZ_BUDGET_SECONDS = 45.0
"""CPU time after which the bounded fuzz stops early (a slow machine reads fewer)."""
SECONDS_PER_KIB = 0.02
"""The most CPU time a mutated document may take per KiB (100x the median of a fuzz run)."""


def test_bounded_fuzz() -> None:
    rng = random.Random(14)
    pool = [(kind, doc) for kind in ("html", "text", "markdown") for doc in seeds(kind)]
    spent = 0.0
    for _ in range(FUZZ_DOCUMENTS):
        kind, seed = rng.choice(pool)
        doc = mutate(seed, rng, rng.randint(1, 6))
        start = time.process_time()
        try:
            found = list(mediacite.extract(doc, input=kind, regions=None))  # type: ignore[arg-type]
        except mediacite.InputError:
            found = []
        took = time.process_time() - start
        spent += took
        assert took <= FLOOR_SECONDS * 10 + SECONDS_PER_KIB * len(doc) / 1024, (kind, len(doc))
        if kind == "html":
            assert span_problems(doc, found, markup=True) == []
        if spent > FUZZ_BUDGET_SECONDS:
            break


def test_elements_past_line_65535_are_found() -> None:
    """libxml2 reports line 65535 for every element past it; positions come from the source."""
    page = "<html><body>" + "<p>x</p>\n" * 70_000 + EMBED + _many_links(20)
    found = extract_html(page, regions=None)
    assert len(found) == 21
    for c in found:
        assert c.post_id in page[c.start : c.end]
        assert c.line == page.count("\n", 0, c.start) + 1


def _many_links(n: int) -> str:
    return "".join(
        f'<p><a href="https://twitter.com/b/status/{900 + i}">x</a></p>\n' for i in range(n)
    )
