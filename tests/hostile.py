"""Hostile documents for the hardening tests and ``benchmarks/fuzz.py``: families, mutations, checks.

Each family of :data:`FAMILIES` builds a page of about ``n`` repetitions of one broken shape
that once made the reader super-linear (unclosed attribute quotes, unclosed elements, deep
nesting, huge attributes, many identical embeds, one-line pages, markup kept JSON-escaped in
scripts, broken comments). :func:`mutate` damages a well-formed seed the way scrapers and
broken CMSs do (tags deleted, duplicated, truncated, quotes and ``>`` dropped, elements left
open). :func:`span_problems` lists what a citation's span fails to contain.
"""

from __future__ import annotations

import gc
import html
import json
import random
import re
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from mediacite import Citation

SEEDS = Path(__file__).resolve().parent / "fixtures"

EMBED = (
    '<blockquote class="twitter-tweet"><p lang="en">Flood gates open at dawn</p>&mdash; Mara'
    ' (@maralindq) <a href="https://twitter.com/maralindq/status/1234567890123456789">May 3,'
    " 2023</a></blockquote>\n"
)
"""An official tweet embed, as pages carry it."""

_ESCAPED = (
    '{"html":"\\u003cblockquote class=\\"twitter-tweet\\"\\u003e\\u003ca href=\\"https://'
    'twitter.com/a/status/%d\\"\\u003ex\\u003c/a\\u003e\\u003c/blockquote\\u003e"}'
)


def _links(n: int) -> str:
    return "".join(f'<a href="https://twitter.com/a/status/{1000 + i}">t</a> ' for i in range(n))


FAMILIES: dict[str, Callable[[int], str]] = {
    "unclosed_a_href": lambda n: "<html><body>" + '<a href="' * n + EMBED,
    "unclosed_quotes": lambda n: "<html><body>" + ('<div class="x>' + EMBED) * n,
    "unclosed_single_quotes": lambda n: "<html><body>" + "<p title='a\n" * n + EMBED,
    "unclosed_embeds": lambda n: (
        "<html><body>"
        + '<blockquote class="twitter-tweet"><a href="https://twitter.com/a/status/12345">x</a>' * n
    ),
    "deep_nesting": lambda n: "<html><body>" + "<div><span>" * n + EMBED + "</span></div>" * n,
    "deep_unclosed_embeds": lambda n: (
        "<html><body>" + '<div><blockquote class="twitter-tweet">' * n + EMBED
    ),
    "huge_attribute": lambda n: '<html><body><div data-x="' + "a" * (40 * n) + '">' + EMBED,
    "huge_unclosed_attribute": lambda n: '<html><body><a data-x="' + "ab>" * (15 * n) + EMBED,
    "identical_embeds": lambda n: "<html><body>" + EMBED * n,
    "one_line_page": lambda n: "<html><body>" + EMBED.replace("\n", " ") * n,
    "one_line_links": lambda n: "<html><body><p>" + _links(n) + "</p>",
    "script_json_markup": lambda n: (
        '<html><body><script type="application/json">{"items":['
        + ",".join(_ESCAPED % (1000 + i) for i in range(n))
        + "]}</script>"
    ),
    "script_templates": lambda n: (
        "<html><body>" + ('<script type="text/template">' + EMBED + "</script>") * n
    ),
    "broken_comments": lambda n: "<html><body>" + "<!-- x <!-- y --!> z <!--> " * n + EMBED,
    "unclosed_comment": lambda n: "<html><body>" + EMBED + "<!-- " + EMBED * n,
    "unclosed_script": lambda n: "<html><body>" + EMBED + "<script>" + 'a = "<blockquote";' * n,
    "tag_soup": lambda n: "<html><body>" + "<<a <p '\"> =" * n + EMBED,
}
"""Hostile page families: ``FAMILIES[name](n)`` is a page of about ``n`` repetitions."""


def cpu_seconds(run: Callable[[], object], repeat: int = 3) -> float:
    """The least CPU time of ``repeat`` runs of ``run``, the garbage collector held off.

    The least of several runs, and no collection pauses, keep growth checks steady on a busy
    machine: what they compare is the work, not the noise around it.
    """
    best = float("inf")
    collecting = gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        for _ in range(repeat):
            start = time.process_time()
            run()
            best = min(best, time.process_time() - start)
    finally:
        if collecting:
            gc.enable()
    return best


# -- mutations --------------------------------------------------------------------------------

_TAG = re.compile(r"<[^<>]*>")


def mutate(doc: str, rng: random.Random, steps: int = 4) -> str:
    """``doc`` damaged ``steps`` times: tags deleted, duplicated or cut short, quotes and ``>``
    dropped, elements left open, the document truncated, pieces swapped."""
    for _ in range(steps):
        doc = rng.choice(_MUTATIONS)(doc, rng)
    return doc


def _some_tag(doc: str, rng: random.Random) -> re.Match[str] | None:
    tags = list(_TAG.finditer(doc))
    return rng.choice(tags) if tags else None


def _delete_tag(doc: str, rng: random.Random) -> str:
    m = _some_tag(doc, rng)
    return doc if m is None else doc[: m.start()] + doc[m.end() :]


def _duplicate_tag(doc: str, rng: random.Random) -> str:
    m = _some_tag(doc, rng)
    return doc if m is None else doc[: m.end()] + m.group() * rng.randint(1, 50) + doc[m.end() :]


def _cut_tag(doc: str, rng: random.Random) -> str:
    m = _some_tag(doc, rng)
    if m is None:
        return doc
    cut = rng.randint(m.start() + 1, m.end())
    return doc[:cut] + doc[m.end() :]


def _drop_char(chars: str) -> Callable[[str, random.Random], str]:
    def drop(doc: str, rng: random.Random) -> str:
        where = [i for i, c in enumerate(doc) if c in chars]
        if not where:
            return doc
        for i in sorted(rng.sample(where, min(len(where), rng.randint(1, 4))), reverse=True):
            doc = doc[:i] + doc[i + 1 :]
        return doc

    return drop


def _unclose(doc: str, rng: random.Random) -> str:
    closes = [m for m in re.finditer(r"</[a-z]+>", doc)]
    if not closes:
        return doc
    m = rng.choice(closes)
    return doc[: m.start()] + doc[m.end() :]


def _truncate(doc: str, rng: random.Random) -> str:
    return doc[: rng.randint(0, len(doc))]


def _splice(doc: str, rng: random.Random) -> str:
    a, b = sorted(rng.randint(0, len(doc)) for _ in range(2))
    at = rng.randint(0, len(doc))
    return doc[:at] + doc[a:b] * rng.randint(1, 8) + doc[at:]


def _insert(doc: str, rng: random.Random) -> str:
    piece = rng.choice(
        ['"', "'", "<", ">", "<!--", "-->", "<script>", "</script>", "<a href=\"", "&", "\n",
         "<blockquote>", "</blockquote>", "\x00", "\u2028", "<![CDATA[", "</", "<p "]
    )  # fmt: skip
    at = rng.randint(0, len(doc))
    return doc[:at] + piece * rng.randint(1, 20) + doc[at:]


_MUTATIONS: tuple[Callable[[str, random.Random], str], ...] = (
    _delete_tag,
    _duplicate_tag,
    _cut_tag,
    _drop_char("\"'"),
    _drop_char(">"),
    _unclose,
    _truncate,
    _splice,
    _insert,
)


def seeds(kind: str) -> list[str]:
    """The project's own fixtures of one kind (``html``, ``text``, ``markdown``)."""
    suffixes = {"html": (".html",), "text": (".txt",), "markdown": (".md", ".mdx")}[kind]
    return [
        p.read_text("utf-8")
        for p in sorted((SEEDS / kind).rglob("*"))
        if p.suffix in suffixes and p.is_file()
    ]


def state_page(megabytes: int) -> str:
    """A page whose ``window.__INITIAL_STATE__`` holds ``megabytes`` of feed items, one of
    them with an embed in the middle and thousands with share links."""
    item = {
        "title": "Harbour news item with some words of text",
        "url": "https://example.org/news/1",
        "image": {"src": "https://img.example.org/1.jpg", "width": 640},
        "share": {"twitter": "https://twitter.com/intent/tweet?url=https://example.org/n"},
    }
    count = megabytes * (1 << 20) // len(json.dumps(item))
    items: list[dict[str, object]] = [item] * count
    items[count // 2] = {"type": "embed", "provider": "youtube", "videoId": "BigBlobVid1"}
    return (
        "<html><body><main><article><p>" + "Article text. " * 40 + "</p></article></main>"
        "<script>window.__INITIAL_STATE__ = " + json.dumps({"feed": items}) + ";</script>"
        "</body></html>"
    )


# -- checks -----------------------------------------------------------------------------------


def span_problems(doc: str, citations: Iterable[Citation], *, markup: bool) -> list[str]:
    """What the citations' spans fail to contain.

    Every span (the record's and those of the other forms merged into it, ``also_at``) lies in
    ``doc`` and is non-empty. In HTML (``markup``) the post id and the handle are each within
    one of them (case-insensitively, entities decoded, as fields merged from another form sit
    where that form is); in text and Markdown a byline's handle is, and its date text is
    within its own span.
    """
    problems: list[str] = []
    for c in citations:
        where = f"{c.platform} {c.kind} {c.post_id} [{c.start}:{c.end}]"
        spans = [(c.start, c.end), *((s.start, s.end) for s in c.also_at)]
        if any(not 0 <= start < end <= len(doc) for start, end in spans):
            problems.append(f"{where}: a span out of the document or empty")
            continue
        pieces = [doc[start:end] for start, end in spans]
        plain = [r for p in pieces for r in _as_read(p)] if markup else pieces
        if markup and c.post_id and not any(c.post_id.lower() in p for p in plain):
            problems.append(f"{where}: post id outside the spans")
        named = markup or c.kind in ("byline", "widget")
        handle = (c.handle or "").lower()
        if named and handle and not any(_holds_handle(p.lower(), handle) for p in plain):
            problems.append(f"{where}: handle {c.handle} outside the spans")
        own = pieces[0].replace("\\", "")  # Markdown escapes (``4\\. März``)
        if not markup and named and c.date_text and c.date_text not in own:
            problems.append(f"{where}: date text outside the span")
    return problems


_URL_BLANKS = str.maketrans("", "", "\t\n\r\\")


_READ_TAG = re.compile(r"</?[A-Za-z][^>]*>")
"""A tag as an HTML tokenizer reads it: to the first ``>``, stray ``<`` and junk included."""


def _as_read(markup: str) -> tuple[str, str]:
    """Markup as a reader sees its values, and its text: entities decoded, lower case, without
    the tabs and line breaks a URL parser drops, nor JSON's escaping backslashes; the text
    also without tags (a stray end tag inside a handle's text)."""
    values = html.unescape(markup).lower().translate(_URL_BLANKS)
    return values, html.unescape(_READ_TAG.sub("", markup)).lower()


def _holds_handle(plain: str, handle: str) -> bool:
    """Whether ``plain`` names ``handle`` (a fediverse ``user@host`` as its host and user)."""
    if handle in plain:
        return True
    user, _, host = handle.partition("@")
    return bool(host) and user in plain and host in plain
