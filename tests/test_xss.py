"""Hostile post text, names and URLs render inert in every HTML output.

Each output is parsed with the standard HTML parser: no ``<script>``/``<img>`` element, no
``on*`` event attribute, no ``javascript:`` link may come out of it, and the hostile text must
still be there as text (escaped, not dropped).
"""

from __future__ import annotations

from collections.abc import Callable
from html.parser import HTMLParser

import pytest

from mediacite import Citation, Resolution, Snapshot, extract_text
from mediacite.formats import robust_link
from mediacite.results import CitationList, ResolutionList

SCRIPT = "<script>alert('text')</script>"
BREAKOUT = '" onmouseover="alert(1)" x="'
ARTICLE = (
    "The council met on Tuesday.\n\n"
    f'Look {SCRIPT} " onmouseover=alert(2) <img src=x onerror=alert(3)> '
    "pic.twitter.com/AbCdEf1234 — Evil <b>Name</b> (@evil) May 3, 2023\n\n"
    "More prose follows."
)

HOSTILE = Citation(
    platform="twitter<script>",
    kind="byline",
    post_id="1",
    handle=f"evil{BREAKOUT}",
    author=f"Evil {SCRIPT} {BREAKOUT}",
    date="2023-05-03",
    date_text=f"May 3 {BREAKOUT}",
    text=f"{SCRIPT} {BREAKOUT} <img src=x onerror=alert(4)>",
    media=[f"pic.twitter.com/a{BREAKOUT}"],
    urls=["javascript:alert(5)", f"https://t.co/x{BREAKOUT}"],
    url=f"https://twitter.com/evil/status/1{BREAKOUT}",
    source=f"<i>{BREAKOUT}.txt",
)
SNAPSHOT = Snapshot(
    archive=f"archive {SCRIPT}",
    original_url=f"https://twitter.com/evil/status/1{BREAKOUT}",
    archived_url=f"https://web.archive.org/web/2023/x{BREAKOUT}",
    captured_at=f"20230503000000{BREAKOUT}",
)
RESOLUTIONS = ResolutionList(
    [
        Resolution(
            citation=HOSTILE, status="verified", snapshot=SNAPSHOT, evidence={"text": SCRIPT}
        ),
        Resolution(citation=HOSTILE, status="error", error=f"failed {SCRIPT}"),
        Resolution(
            citation=HOSTILE,
            status="mismatch",
            snapshot=Snapshot(
                archive="a",
                original_url="javascript:alert(6)",
                archived_url="javascript:alert(7)",
                captured_at="x",
            ),
        ),
    ]
)


class Inspector(HTMLParser):
    """Collect every element, attribute and text node of an HTML fragment."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str]] = []
        self.text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes.extend((name, value or "") for name, value in attrs)

    def handle_data(self, data: str) -> None:
        self.text += data


def assert_inert(markup: str, *, shows: str | None = SCRIPT) -> None:
    page = Inspector()
    page.feed(markup)
    page.close()
    assert "script" not in page.tags
    assert "img" not in page.tags
    assert "<script" not in markup.lower()
    for name, value in page.attributes:
        assert not name.startswith("on"), (name, markup)
        assert name in {"href", "title", "class", "style", "target", "rel", "colspan"} or (
            name.startswith("data-")
        ), name
        if name == "href":
            assert value.startswith(("https://", "http://")), value
    if shows is not None:
        assert shows in page.text, "hostile text must be shown escaped, not dropped"


OUTPUTS: dict[str, Callable[[], str]] = {
    "Citation._repr_html_": HOSTILE._repr_html_,
    "CitationList._repr_html_": CitationList([HOSTILE, HOSTILE])._repr_html_,
    "Resolution._repr_html_ verified": RESOLUTIONS[0]._repr_html_,
    "Resolution._repr_html_ error": RESOLUTIONS[1]._repr_html_,
    "Resolution._repr_html_ javascript snapshot": RESOLUTIONS[2]._repr_html_,
    "ResolutionList._repr_html_": RESOLUTIONS._repr_html_,
    "apa html": lambda: HOSTILE.format("apa", markup="html"),
    "mla html": lambda: HOSTILE.format("mla", markup="html"),
    "chicago html": lambda: HOSTILE.format("chicago", markup="html"),
    "apa html archived": lambda: RESOLUTIONS[0].format("apa", markup="html"),
    "CitationList.format html": lambda: "".join(
        CitationList([HOSTILE]).format("mla", markup="html")
    ),
    "robust link": lambda: robust_link(RESOLUTIONS[0]),
    "robust link with text": lambda: robust_link(RESOLUTIONS[0], f"see {SCRIPT}"),
    "ResolutionList.robust_links": lambda: "".join(RESOLUTIONS.robust_links()),
}


@pytest.mark.parametrize("name", OUTPUTS)
def test_hostile_citation_renders_inert(name: str) -> None:
    assert_inert(OUTPUTS[name]())


def test_breakout_quotes_are_escaped_in_attributes() -> None:
    for make in OUTPUTS.values():
        markup = make()
        assert BREAKOUT not in markup
        assert 'onmouseover="' not in markup
    assert "&quot; onmouseover=&quot;alert(1)&quot;" in HOSTILE._repr_html_()


def test_robust_link_keeps_hostile_urls_inside_their_attributes() -> None:
    page = Inspector()
    page.feed(robust_link(RESOLUTIONS[0]))
    attributes = dict(page.attributes)
    assert attributes["data-versionurl"] == SNAPSHOT.archived_url
    assert attributes["href"] == SNAPSHOT.original_url
    assert attributes["data-originalurl"] == SNAPSHOT.original_url
    assert page.tags == ["a"]


def visible_text(markup: str) -> str:
    page = Inspector()
    page.feed(markup)
    return page.text


def test_javascript_urls_never_become_links() -> None:
    for markup in (HOSTILE._repr_html_(), RESOLUTIONS[2]._repr_html_(), RESOLUTIONS._repr_html_()):
        assert 'href="javascript' not in markup
    assert "javascript:alert(5)" in visible_text(HOSTILE._repr_html_())
    assert "javascript:alert(6)" in visible_text(RESOLUTIONS[2]._repr_html_())


def test_extracted_hostile_article_renders_inert() -> None:
    found = extract_text(ARTICLE)
    assert found, "the byline in the hostile article is found"
    assert found[0].text and "<script>" in found[0].text
    assert_inert(found._repr_html_())
    assert_inert(found[0]._repr_html_())
    for style in ("apa", "mla", "chicago"):
        assert_inert(found[0].format(style, markup="html"))
    assert "Evil <b>Name</b>" in visible_text(found._repr_html_())
