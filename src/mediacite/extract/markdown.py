r"""The Markdown reader: stories kept as Markdown or MDX, read with a CommonMark parser.

markdown-it-py (CommonMark, plus Python-Markdown/MkDocs admonitions) splits a
story into blocks with their source lines; each part goes to the reader that understands it:

* front matter (YAML ``---`` or TOML ``+++``) gives the article's date and is never a citation;
* fenced and indented code, inline code spans, HTML comments, template comments and raw
  blocks, and MDX ``import``/``export`` lines are never citations;
* raw HTML blocks and paragraphs with inline HTML go to the HTML reader, and so do fences
  that the generator passes through as HTML: Pandoc's ```` ```{=html} ```` and, in a
  Franklin.jl page (``@def`` variables), ``~~~`` blocks; their text (without tags, scripts
  and styles) also goes to the plain-text reader, for bylines an importer left in plain HTML
  (an embed's own text read again is dropped);
* shortcodes and components (:mod:`mediacite.extract.shortcodes`) name the posts they embed;
* everything else — prose, lists, Markdown quotes, link reference definitions — goes to the
  plain-text reader, with Markdown backslash escapes removed (``4\. März`` is ``4. März``).

Each reader sees a *view* of the story: a copy of the source in which everything that is not
its business is blanked out (replaced by spaces, line ends kept), so offsets, lines and columns
it reports are those of the original file, CRLF line ends included; only the removed escapes
shift the plain-text view, and its positions are mapped back. The forms under which the story
cites one post are merged into one citation (:func:`~mediacite.extract.merge.merge_citations`).
"""

from __future__ import annotations

import bisect
import functools
import itertools
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

import attrs
import regex

from mediacite._patterns import compile_later
from mediacite.extract.bylines import clean_post_text, fold
from mediacite.extract.context import apply_context, article_date_from_text
from mediacite.extract.dates import match_date
from mediacite.extract.decode import MARKDOWN_SNIFF_CHARS
from mediacite.extract.merge import KIND_RANK, merge_citations
from mediacite.extract.pageinfo import front_matter
from mediacite.extract.platforms._shared import text_fields
from mediacite.extract.shortcodes import Call, Embedded, embedded_post, scan
from mediacite.models import Citation

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

    from mediacite.extract.platforms import Platform

__all__ = [
    "extract_markdown",
    "prose_view",
]

MAX_OVERLAPS = 8
"""HTML citations a text citation is checked against (embeds do not nest deeper)."""

Interval = tuple[int, int]

_FRANKLIN = compile_later(r"^@def[ \t]+\w+[ \t]*=", regex.MULTILINE)
"""A Franklin.jl page declares its variables with ``@def``; there ``~~~`` delimits raw HTML."""
_RAW_HTML_FENCE = compile_later(r"\{=html5?\}", regex.IGNORECASE)
"""Pandoc's (and Quarto's, R Markdown's) raw attribute: a fence of HTML passed through as is."""
_ESM = compile_later(
    r"(?:import[ \t]+(?:[\w*{]|type[ \t])[^\n]*?[ \t]from[ \t]+[\"']|import[ \t]+[\"']"
    r"|export[ \t]+(?:const|let|var|default|function|async|class|\{))"
)
_BACKTICKS = compile_later(r"`++")
_COMMENT_OPEN = "<!--"
_RAW_HTML_CODE = compile_later(r"<(pre|code|xmp)\b[^>]*+>", regex.IGNORECASE)
"""Code written in raw HTML: never a citation."""
_SCRIPTS = compile_later(r"<(script|style|template|textarea)\b[^>]*+>", regex.IGNORECASE)
"""Raw-HTML elements whose content is no prose (the HTML reader still reads their markup)."""
_INLINE_TAG = compile_later(
    r"<(?:[A-Za-z][A-Za-z0-9-]*+(?:\s++[A-Za-z_:][\w:.-]*+"
    r"(?:\s*+=\s*+(?:[^\"'<>`\s]++|'[^']*+'|\"[^\"]*+\"))?+)*+\s*+/?+>"
    r"|/[A-Za-z][A-Za-z0-9-]*+\s*+>)"
)
_ESCAPE = compile_later(r"\\([!\"#$%&'*+,\-./:;=?@\\^_`{|}~])")
"""Markdown backslash escapes dropped from prose; escaped brackets, parentheses and angle
brackets stay escaped so that the text reader never mistakes them for link syntax."""
_ATTRIBUTION = compile_later(
    r"[ \t]*+(?:>[ \t]?+)++[ \t]*+(?:—|–|―|&mdash;|&#8212;|&#x2014;|--|-)[ \t]*+"
    r"(?P<author>[^\[\]\n]{0,120}?)[ \t]*+\[(?P<date>[^\[\]\n]{1,80}+)\]"
    r"(?P<link>\((?P<url>[^()\s]++)\)|\[(?P<ref>[^\[\]\n]{1,100}+)\])[ \t]*+\r?\n?"
)
"""A quote's closing attribution: ``> — Name (@handle) [Date](URL)`` (or ``[Date][ref]``)."""
_SHOWN_HANDLE = compile_later(r"[ \t]*+\([ \t]*+@([^()]*+)\)[ \t]*+$")
_HANDLE = compile_later(r"[A-Za-z0-9_][A-Za-z0-9_.@-]{0,63}")
_POST_FIELDS = ("post_id", "handle", "url", "posted_at")
"""What a byline in raw HTML takes from the post link it holds."""
_NOT_LINE_END = compile_later(r"[^\r\n]++")


@functools.cache
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.admon import admon_plugin

    md = MarkdownIt("commonmark")
    admon_plugin(md)
    # Only the block structure is used: inline constructs are located in the source itself
    # (code spans by the CommonMark backtick rule, tags by the inline-HTML grammar), which
    # halves the parse.
    md.core.ruler.disable("inline")
    return md


class _Lines:
    """Line starts of a text, and positions of offsets (lines and columns 1-based)."""

    def __init__(self, text: str) -> None:
        self.size = len(text)
        self.starts = [0, *(m.end() for m in regex.finditer(r"\n", text))]

    def offset(self, line: int) -> int:
        """Offset where 0-based ``line`` starts (the text's end past the last line)."""
        return self.starts[line] if line < len(self.starts) else self.size

    def span(self, line_range: Sequence[int]) -> Interval:
        """Characters of the 0-based, end-exclusive ``line_range`` of a token map."""
        return self.offset(line_range[0]), self.offset(line_range[1])

    def position(self, offset: int) -> tuple[int, int]:
        """``(line, column)`` of ``offset``."""
        index = bisect.bisect_right(self.starts, offset) - 1
        return index + 1, offset - self.starts[index] + 1


def _union(intervals: Iterable[Interval]) -> list[Interval]:
    merged: list[Interval] = []
    for start, end in sorted(i for i in intervals if i[1] > i[0]):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
            continue
        merged.append((start, end))
    return merged


def _blank(text: str, intervals: Iterable[Interval]) -> str:
    """``text`` with the characters in ``intervals`` replaced by spaces (line ends kept)."""
    pieces: list[str] = []
    last = 0
    for start, end in _union(intervals):
        pieces.append(text[last:start])
        pieces.append(_NOT_LINE_END.sub(lambda m: " " * len(m.group()), text[start:end]))
        last = end
    if not pieces:
        return text
    pieces.append(text[last:])
    return "".join(pieces)


def _outside(size: int, intervals: Iterable[Interval]) -> list[Interval]:
    """The complement of ``intervals`` in ``[0, size)``."""
    gaps: list[Interval] = []
    last = 0
    for start, end in _union(intervals):
        gaps.append((last, start))
        last = end
    gaps.append((last, size))
    return gaps


@attrs.define
class _Layout:
    """What the parser says each part of a story is."""

    code: list[Interval] = attrs.field(factory=list)
    """Never a citation: front matter, fenced and indented code blocks."""
    html: list[Interval] = attrs.field(factory=list)
    """Read by the HTML reader: raw HTML blocks and paragraphs holding inline HTML."""
    html_blocks: list[Interval] = attrs.field(factory=list)
    """Raw HTML blocks (kept out of the plain-text view)."""
    inline: list[Interval] = attrs.field(factory=list)
    """Blocks of inline content (paragraphs, headings), where code spans and inline HTML may
    be."""
    quotes: list[Interval] = attrs.field(factory=list)
    """Markdown quotes (``>`` blocks)."""
    references: dict[str, Any] = attrs.field(factory=dict)
    """Link reference definitions, by normalised label (markdown-it's ``env``)."""


def _layout(text: str, lines: _Lines) -> _Layout:
    layout = _Layout()
    front = front_matter(text)
    if front is not None:
        layout.code.append(front)
    source = _blank(text, layout.code)
    if "\r" in source:
        source = regex.sub(r"\r(?!\n)", " ", source)
    franklin = _FRANKLIN.search(text, 0, MARKDOWN_SNIFF_CHARS) is not None
    env: dict[str, Any] = {}
    tokens = _parser().parse(source, env)
    layout.references = env.get("references", {})
    for token in tokens:
        if token.map is None:
            continue
        span = lines.span(token.map)
        if token.type == "fence":
            info = token.info.strip()
            if _RAW_HTML_FENCE.fullmatch(info) or (
                franklin and token.markup[0] == "~" and not info
            ):
                inner = lines.span((token.map[0] + 1, max(token.map[0] + 1, token.map[1] - 1)))
                layout.html_blocks.append(inner)
                layout.html.append(inner)
                layout.code.extend([(span[0], inner[0]), (inner[1], span[1])])
            else:
                layout.code.append(span)
        elif token.type == "code_block":
            layout.code.append(span)
        elif token.type == "html_block":
            layout.html_blocks.append(span)
            layout.html.append(span)
        elif token.type == "inline":
            layout.inline.append(span)
        elif token.type == "blockquote_open":
            layout.quotes.append(span)
    return layout


def _code_spans(text: str, blocks: Iterable[Interval]) -> Iterator[Interval]:
    """Inline code spans: a run of backticks up to the next run of the same length."""
    for start, end in _union(blocks):
        if text.find("`", start, end) < 0:
            continue
        runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(text, start, end)]
        following: dict[int, int] = {}
        after: list[int] = [-1] * len(runs)
        for index in range(len(runs) - 1, -1, -1):
            length = runs[index][1] - runs[index][0]
            after[index] = following.get(length, -1)
            following[length] = index
        index = 0
        while index < len(runs):
            run_start = runs[index][0]
            escaped = _backslashes_before(text, run_start) % 2 == 1
            close = after[index] if not escaped else -1
            if close < 0:
                index += 1
                continue
            yield run_start, runs[close][1]
            index = close + 1


def _backslashes_before(text: str, pos: int) -> int:
    count = 0
    while pos - count > 0 and text[pos - count - 1] == "\\":
        count += 1
    return count


def _comments(text: str, html_blocks: list[Interval]) -> Iterator[Interval]:
    """HTML comments; one left open in an HTML block runs to the block's end."""
    starts = [s for s, _ in html_blocks]
    at = text.find(_COMMENT_OPEN)
    close = text.find("-->", at + 4) if at >= 0 else -1
    while at >= 0:
        if close >= 0 and close < at + 4:
            close = text.find("-->", at + 4)
        if close >= 0:
            yield at, close + 3
            at = text.find(_COMMENT_OPEN, close + 3)
            continue
        block = bisect.bisect_right(starts, at) - 1
        if block >= 0 and html_blocks[block][1] > at:
            yield at, html_blocks[block][1]
            at = text.find(_COMMENT_OPEN, html_blocks[block][1])
        else:
            at = text.find(_COMMENT_OPEN, at + 4)


def _elements(
    text: str, regions: Iterable[Interval], opening: regex.Pattern[str]
) -> Iterator[Interval]:
    """The raw-HTML elements (start tag to end tag) whose start tags match ``opening``."""
    closes: dict[str, tuple[int, int]] = {}
    """By tag: where the last search for its end tag started, and where it found one."""
    for start, end in _union(regions):
        pos = start
        while (m := opening.search(text, pos, end)) is not None:
            tag = m.group(1).lower()
            since, found = closes.get(tag, (len(text) + 1, -1))
            if since > m.end() or 0 <= found < m.end():
                close = _end_tag(tag).search(text, m.end())
                found = close.end() if close else -1
                closes[tag] = (m.end(), found)
            stop = found if found >= 0 else end
            yield m.start(), stop
            pos = max(stop, m.end())


@functools.cache
def _end_tag(tag: str) -> regex.Pattern[str]:
    return regex.compile(rf"</{tag}\s*+>", regex.IGNORECASE)


def _esm(text: str, lines: _Lines) -> Iterator[Interval]:
    """MDX ``import``/``export`` statements (one line each, at the start of a line)."""
    for m in regex.finditer(r"^(?:import|export)[ \t]", text, regex.MULTILINE):
        if _ESM.match(text, m.start()) is None:
            continue
        line, _ = lines.position(m.start())
        yield m.start(), lines.offset(line)


def _with_tags(text: str, blocks: Iterable[Interval]) -> list[Interval]:
    """The blocks of inline content that hold inline HTML."""
    return [
        (start, end)
        for start, end in _union(blocks)
        if text.find("<", start, end) >= 0 and _INLINE_TAG.search(text, start, end)
    ]


def _inline_tags(text: str, regions: Iterable[Interval]) -> Iterator[Interval]:
    for start, end in regions:
        for m in _INLINE_TAG.finditer(text, start, end):
            yield m.start(), m.end()


@attrs.frozen
class _Unescaped:
    """The plain-text view with escapes removed, and the map back to source offsets."""

    text: str
    removed: list[int]
    """View offsets at which one more backslash was removed before them."""

    def source(self, offset: int) -> int:
        """The source offset of view offset ``offset``."""
        return offset + bisect.bisect_right(self.removed, offset)

    def view(self, offset: int) -> int:
        """The view offset of source offset ``offset`` (of the character after a backslash)."""
        low, high = 0, len(self.removed)
        while low < high:
            middle = (low + high) // 2
            if self.removed[middle] + middle + 1 <= offset:
                low = middle + 1
            else:
                high = middle
        return offset - low


def _unescape(text: str) -> _Unescaped:
    pieces: list[str] = []
    removed: list[int] = []
    last = 0
    for m in _ESCAPE.finditer(text):
        pieces.append(text[last : m.start()])
        removed.append(m.start() - len(removed))
        last = m.start() + 1
    pieces.append(text[last:])
    return _Unescaped("".join(pieces), removed)


def _place(citation: Citation, start: int, end: int, lines: _Lines) -> Citation:
    line, column = lines.position(start)
    return attrs.evolve(citation, start=start, end=end, line=line, column=column)


def _shortcode_citation(
    found: Embedded, start: int, end: int, source: str | None, lines: _Lines
) -> Citation:
    line, column = lines.position(start)
    return Citation(
        platform=found.platform.NAME,
        kind=found.kind,
        source=source,
        start=start,
        end=end,
        line=line,
        column=column,
        **found.fields,
    )


class _Embeds:
    """The HTML reader's citations, and what a text citation lying on one of them becomes."""

    def __init__(self, citations: Iterable[Citation]) -> None:
        by_platform: dict[str, list[Citation]] = {}
        for c in citations:
            by_platform.setdefault(c.platform, []).append(c)
        self.found: dict[str, list[Citation]] = {}
        self.starts: dict[str, list[int]] = {}
        self.reach: dict[str, list[int]] = {}
        """By platform: the furthest end among the citations that start at or before each."""
        for platform, found in by_platform.items():
            found.sort(key=lambda c: c.start)
            self.found[platform] = found
            self.starts[platform] = [c.start for c in found]
            self.reach[platform] = list(itertools.accumulate((c.end for c in found), max))

    def _under(self, citation: Citation) -> list[Citation]:
        """The HTML citations of the same platform that ``citation`` overlaps (a few at most)."""
        found = self.found.get(citation.platform, [])
        reach = self.reach.get(citation.platform, [])
        index = bisect.bisect_left(self.starts.get(citation.platform, []), citation.end) - 1
        under: list[Citation] = []
        while index >= 0 and reach[index] > citation.start and len(under) < MAX_OVERLAPS:
            if found[index].end > citation.start:
                under.append(found[index])
            index -= 1
        return under

    def settle(self, citation: Citation) -> Citation | None:
        """What a text citation lying on HTML citations becomes.

        It is dropped when one of them is as rich (an embed's own text, read again), and
        takes the post of the one post it links to otherwise (a byline in raw HTML whose date
        links to the post).
        """
        under = self._under(citation)
        if not under:
            return citation
        rank = KIND_RANK[citation.kind]
        for embed in under:
            if KIND_RANK[embed.kind] <= rank and citation.post_id in (None, embed.post_id):
                return None
        ids = {embed.post_id for embed in under}
        if citation.post_id is None and len(ids) == 1 and None not in ids:
            embed = under[0]
            known = {k: getattr(embed, k) for k in _POST_FIELDS if getattr(citation, k) is None}
            return attrs.evolve(citation, **known)
        return citation


def _post_of_url(url: str) -> tuple[Platform, dict[str, Any]] | None:
    from mediacite.extract.platforms import post_of_url

    post = post_of_url(url)
    return (post[0], post[0].EMBEDS.fields(post[1])) if post is not None else None


def _attribution(
    prose: str, quote: Interval, lines: _Lines, references: dict[str, Any]
) -> tuple[regex.Match[str], Platform, dict[str, Any]] | None:
    """The ``— Author [Date](post URL)`` line closing a Markdown quote, and the post it links."""
    first, last = (lines.position(quote[0])[0] - 1, lines.position(max(quote[0], quote[1] - 1))[0])
    for line in range(last - 1, first - 1, -1):
        start, end = lines.offset(line), lines.offset(line + 1)
        if not prose[start:end].strip(" \t\r\n>"):
            continue
        m = _ATTRIBUTION.fullmatch(prose, start, end)
        if m is None:
            return None
        url = m.group("url")
        if url is None:
            from markdown_it.common.utils import normalizeReference

            url = references.get(normalizeReference(m.group("ref")), {}).get("href", "")
        found = _post_of_url(url)
        shown_date = _ESCAPE.sub(r"\1", m.group("date")).strip()
        date = match_date(shown_date)
        if found is None or date is None or (date.start, date.end) != (0, len(shown_date)):
            return None
        platform, fields = found
        shown = _SHOWN_HANDLE.search(m.group("author"))
        author = m.group("author")[: shown.start()] if shown else m.group("author")
        handle = shown.group(1).strip() if shown else ""
        return (
            m,
            platform,
            {
                **fields,
                "author": fold(author) or None,
                "date": date.date,
                "date_text": date.text,
                **({"handle": handle} if _HANDLE.fullmatch(handle) else {}),
            },
        )
    return None


def _quoted_bylines(
    prose: _Unescaped,
    escaped: str,
    found: list[Citation],
    layout: _Layout,
    lines: _Lines,
    source: str | None,
) -> list[Citation]:
    """Complete the bylines of Markdown quotes closed by a dated link to the post.

    A converted embed kept as a Markdown quote ends in ``— Name (@handle) [Date](URL)``; the
    URL names the post even where the ``(@handle)`` is missing or mangled (by translation,
    say), which the plain-text reader needs. The byline the text reader found in the quote
    gets the post's id, handle and date; a quote it found none in becomes one.
    """
    out = sorted(found, key=lambda c: c.start)
    starts = [c.start for c in out]
    added: list[Citation] = []
    for quote in layout.quotes:
        closing = _attribution(escaped, quote, lines, layout.references)
        if closing is None:
            continue
        m, platform, fields = closing
        inside = [
            i
            for i in range(
                bisect.bisect_left(starts, quote[0]), bisect.bisect_left(starts, quote[1])
            )
            if out[i].platform == platform.NAME and out[i].kind == "byline"
        ]
        if any(out[i].post_id == fields["post_id"] for i in inside):
            continue
        bylines = [i for i in inside if out[i].post_id is None]
        if bylines:
            have = out[bylines[-1]]
            known = {k: v for k, v in fields.items() if getattr(have, k, None) is None}
            out[bylines[-1]] = attrs.evolve(have, end=max(have.end, m.end("link")), **known)
            continue
        body_start = prose.view(quote[0])
        body = clean_post_text(prose.text[body_start : prose.view(m.start())])
        citation = Citation(
            platform=platform.NAME,
            kind="byline",
            source=source,
            **fields,
            **(text_fields(body) if body else {}),
        )
        added.append(_place(citation, quote[0], m.end("link"), lines))
    return out + added


@attrs.define
class _Story:
    """A story taken apart: its layout, and the views the readers are given."""

    lines: _Lines
    layout: _Layout
    base: str
    """The story with front matter and code blocks blanked."""
    spans: list[Interval]
    """Inline code spans."""
    inline_html: list[Interval]
    """Blocks of inline content holding inline HTML."""
    comments: list[Interval]
    """HTML comments and code written in raw HTML."""
    calls: list[Call]
    """Shortcode and component calls."""
    template_code: list[Interval]
    live: str
    """``base`` with code spans, comments and template code blanked too."""


def _story(text: str) -> _Story:
    lines = _Lines(text)
    layout = _layout(text, lines)
    base = _blank(text, layout.code)
    spans = list(_code_spans(base, layout.inline))
    live = _blank(base, spans)
    inline_html = _with_tags(live, layout.inline)
    layout.html.extend(inline_html)
    comments = [
        *_comments(live, layout.html_blocks),
        *_elements(live, layout.html, _RAW_HTML_CODE),
    ]
    live = _blank(live, comments)
    calls, template_code = scan(live)
    live = _blank(live, template_code)
    return _Story(lines, layout, base, spans, inline_html, comments, calls, template_code, live)


def _text_view(story: _Story, calls: Iterable[Interval]) -> str:
    """What the plain-text reader sees: ``story.live`` without markup, scripts, ``calls``, ESM."""
    live, layout = story.live, story.layout
    return _blank(
        live,
        [
            *_inline_tags(live, [*layout.html_blocks, *story.inline_html]),
            *_elements(live, layout.html_blocks, _SCRIPTS),
            *calls,
            *_esm(live, story.lines),
        ],
    )


def prose_view(text: str) -> str:
    """The prose of a Markdown story, where mentions of posts are looked for.

    A copy of ``text`` in which front matter, code, comments, markup, every shortcode and
    component call and MDX statements are blanked out (line ends kept), so offsets, lines and
    columns are the story's.
    """
    story = _story(text)
    return _text_view(story, [(c.start, c.end) for c in story.calls])


def find_markdown(text: str, *, source: str | None = None) -> list[Citation]:
    """Every post ``text`` (a Markdown story) cites, one citation per post, in story order.

    The citations carry no document context (see :func:`extract_markdown`).
    """
    from mediacite.extract.text import find_text_citations

    story = _story(text)
    lines, layout, base, spans = story.lines, story.layout, story.base, story.spans
    calls = story.calls
    embedded = [(post, c.start, c.end) for c in calls if (post := embedded_post(c)) is not None]
    call_spans = [(start, end) for _, start, end in embedded]
    found = [_shortcode_citation(p, s, e, source, lines) for p, s, e in embedded]
    html: list[Citation] = []
    if layout.html:
        from mediacite.extract.html import extract_html

        markup = [(s, e) for s, e in spans if "<" in base[s:e]]
        hidden = [*_outside(len(text), layout.html), *markup, *story.comments]
        hidden.extend(story.template_code)
        html = extract_html(_blank(base, [*hidden, *call_spans]), source=source)
    escaped = _text_view(story, call_spans)
    prose = _unescape(escaped)
    embeds = _Embeds(html)
    in_prose: list[Citation] = []
    for citation in find_text_citations(prose.text, source=source):
        start = prose.source(citation.start)
        end = prose.source(citation.end - 1) + 1 if citation.end > citation.start else start
        settled = embeds.settle(_place(citation, start, end, lines))
        if settled is not None:
            in_prose.append(settled)
    in_prose = _quoted_bylines(prose, escaped, in_prose, layout, lines, source)
    return merge_citations([*html, *found, *in_prose])


def extract_markdown(
    text: str, *, source: str | None = None, article_date: str | None = None
) -> list[Citation]:
    """Find every post a Markdown story cites, in story order, one citation per post.

    ``article_date`` (ISO) defaults to the date in the story's front matter (``date:``,
    ``publishDate:`` …). See the module docs for what is read how.
    """
    found = find_markdown(text, source=source)
    if article_date is None and found:
        article_date = article_date_from_text(text, source)
    return list(apply_context(found, article_date))
