"""The parsed HTML page that every platform reads, and its source positions.

A decoded page (see :mod:`mediacite.extract.decode`) is parsed once, on first use, with lxml;
queries platforms share (embed elements, links, frames, ``data-*`` attributes) are cached.

lxml keeps no character offsets, so positions are recovered from the source: the start tag of
an element is the unclaimed ``<tag`` in the source whose start tag ends on the element's
``sourceline`` and whose attributes equal the element's; its end is found by counting nested
start and end tags of the same name (:mod:`mediacite.extract.sourcetags` does both in linear
time on any markup). Markup that pages keep inside ``<script>`` (consent
templates, JSON-escaped embed code) or in a frame's ``srcdoc`` is parsed as extra trees whose
positions point into the script or the frame.
"""

from __future__ import annotations

import bisect
import importlib
import itertools
import json
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import urljoin

import attrs
import regex

from mediacite.extract.bylines import fold
from mediacite.extract.regions import RegionMap
from mediacite.extract.sourcetags import MAX_ELEMENT_CHARS, SourceTags, start_tag
from mediacite.models import Citation, Kind, Region, Span

__all__ = ["EMBED_TAGS", "FRAME_TAGS", "MAX_ELEMENT_CHARS", "Element", "HtmlDocument"]

Element = Any
"""An lxml element (lxml ships no type information)."""

_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
     "source", "track", "wbr", "keygen"}
)  # fmt: skip
_BLOCK = frozenset(
    {"p", "div", "blockquote", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "figure",
     "figcaption", "section", "article", "header", "footer", "table", "tr", "td", "th", "pre",
     "dd", "dt", "dl", "aside", "nav", "main", "address", "time", "hr"}
)  # fmt: skip
_JSON_STRING = regex.compile(r'"(?:[^"\\]|\\.)*"', regex.DOTALL)
_MARKUP_IN_SCRIPT = re.compile(r"\\u003c(?:blockquote|iframe)\b|<(?:blockquote|iframe)\b", re.I)
"""Embed markup kept as a string in a script (JSON-escaped or not)."""
_JAVASCRIPT = frozenset(
    {"", "text/javascript", "application/javascript", "module", "text/ecmascript"}
)
"""Script types whose bodies are code: embed markup is looked for only in data and templates."""
_TEMPLATE_TYPES = ("text/template", "text/html", "text/x-template", "text/x-handlebars")
_DEPTH_ERROR = "Excessive depth"
_DATA_ATTRIBUTE = re.compile(rb"data-[A-Za-z][A-Za-z0-9-]*")
_SCRIPT_CLOSE = regex.compile(r"</script", regex.IGNORECASE)
MAX_DEPTH_RESTARTS = 8
"""How often the parse is resumed after libxml2's nesting limit; deeper content is skipped."""
_RESTART_DEPTH = 2000
"""Nesting at which a parse cut short by libxml2's depth limit (2048 with huge_tree) resumes."""
_LINE_CAP = 65535
"""libxml2 keeps an element's line in 16 bits: an element at or past this line reports it, and
is looked for from there to the end of its source (after the last element of its name
found)."""
_CONTEXT_LINES = 40
"""Lines above an element's ``sourceline`` where its start tag may begin (lxml reports the
line where the start tag ends; attribute values can span lines)."""


class _Lines:
    """Line numbers of a text, from newline counts per block (no per-line table).

    Blocks are counted on demand, from the start: locating elements near the top of a
    long page does not count the newlines below them.
    """

    BLOCK = 1 << 12
    STEP = 16
    """Blocks counted at a time when more are needed."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.before = [0]
        """Newlines before each block counted so far (and after the last one)."""
        self.starts: dict[int, int] = {}
        """Known line starts, by the number of newlines before them."""

    def _complete(self) -> bool:
        return (len(self.before) - 1) * self.BLOCK >= len(self.text)

    def _count(self) -> None:
        """Count the newlines of the next :attr:`STEP` blocks."""
        text, size, before = self.text, self.BLOCK, self.before
        at = (len(before) - 1) * size
        stop = min(len(text), at + self.STEP * size)
        total = before[-1]
        for i in range(at, stop, size):
            total += text.count("\n", i, i + size)
            before.append(total)

    def line_of(self, offset: int) -> int:
        """The 1-based line holding ``offset``."""
        offset = max(0, min(offset, len(self.text)))
        block = offset // self.BLOCK
        while len(self.before) <= block and not self._complete():
            self._count()
        return 1 + self.before[block] + self.text.count("\n", block * self.BLOCK, offset)

    def start_of(self, line: int) -> int:
        """The offset where 1-based ``line`` starts (the text's end after the last line)."""
        newlines = line - 1
        if newlines <= 0:
            return 0
        known = self.starts.get(newlines)
        if known is not None:
            return known
        while self.before[-1] < newlines and not self._complete():
            self._count()
        block = bisect.bisect_left(self.before, newlines) - 1
        if block < 0 or block >= len(self.before) - 1:
            return len(self.text)
        pos = block * self.BLOCK
        for _ in range(newlines - self.before[block]):
            pos = self.text.find("\n", pos) + 1
        self.starts[newlines] = pos
        return pos

    def column_of(self, offset: int) -> int:
        """The 1-based column of ``offset``."""
        start = self.start_of(self.line_of(offset))
        return offset - start + 1


@attrs.define
class _Tree:
    """One parsed tree: the page, or markup kept inside a script."""

    root: Element
    offset: int
    """Where the tree's source starts in the page."""
    text: str
    """The tree's source."""
    escaped: bool = False
    """The source was a string (JSON, or an attribute's value): positions are those of the whole
    string."""
    shown: bool = False
    """The source is markup a browser shows as it is (a frame's ``srcdoc``), not data: its
    records keep their kind."""
    end: int = 0
    """End of the tree's source in the page."""
    lines: _Lines | None = None
    order: dict[str, dict[Element, int]] = attrs.field(factory=dict)
    claimed: set[int] = attrs.field(factory=set)
    cursor: dict[str, tuple[int, Element]] = attrs.field(factory=dict)
    spans: dict[Element, tuple[int, int]] = attrs.field(factory=dict)
    host: Element | None = None
    """The page element holding the tree's source (a script, an attribute's owner)."""
    regions: RegionMap | None = None
    tags: SourceTags | None = None
    """Heads and ends of the tags in :attr:`text` (made on first use)."""
    found: dict[str, list[Element]] = attrs.field(factory=dict)
    """The tree's elements of :data:`_WALK_TAGS` by name, in page order (one walk)."""
    frames: list[Element] = attrs.field(factory=list)
    """Its frames (:data:`FRAME_TAGS`), in page order."""

    def walk(self) -> None:
        """Collect the elements every query needs in one walk of the tree."""
        found: dict[str, list[Element]] = {name: [] for name in _WALK_TAGS}
        frames = self.frames
        for el in self.root.iter(*_WALK_TAGS):
            tag = el.tag
            found[tag].append(el)
            if tag in FRAME_TAGS:
                frames.append(el)
        self.found = found


def _etree() -> Any:
    return importlib.import_module("lxml.etree")


def _parser(encoding: str | None) -> Any:
    return _etree().HTMLParser(
        recover=True, huge_tree=True, no_network=True, collect_ids=False, encoding=encoding
    )


def _depth_restart(text: str, start: int, limit: int) -> int | None:
    """Offset of the start tag at which nesting below ``start`` first exceeds ``limit``."""
    depth = 0
    for m in regex.finditer(r"<(/?)([A-Za-z][^\s/>]*)[^>]*?(/?)>", text, pos=start):
        name = m.group(2).lower()
        if name in _VOID or m.group(3):
            continue
        if m.group(1):
            depth = max(0, depth - 1)
            continue
        depth += 1
        if depth >= limit:
            return m.start()
    return None


EMBED_TAGS = (
    "blockquote", "iframe", "embed", "object", "param", "amp-iframe", "script",
    "amp-twitter", "amp-instagram", "amp-facebook", "amp-youtube", "amp-tiktok", "lite-youtube",
)  # fmt: skip
"""The tags that :meth:`HtmlDocument.elements` collects in one pass: embeds, frames, and the
placeholders a script turns into an embed (AMP components, lightweight players)."""
FRAME_TAGS = ("iframe", "embed", "object", "param", "amp-iframe")
_WALK_TAGS = ("a", "p", *EMBED_TAGS)
"""What one walk of each tree collects: embeds, links, and paragraphs (for regions)."""


class HtmlDocument:
    """A decoded HTML page, parsed once (on first use) and shared by every platform.

    ``text`` is the page's source; every offset a platform reports points into it. ``data``
    is the page as UTF-8 bytes when the caller has them (they are parsed without re-encoding).
    Queries are cached: platforms filter the same lists of anchors and embed elements.
    """

    def __init__(
        self,
        text: str,
        *,
        source: str | None = None,
        base_url: str | None = None,
        data: bytes | None = None,
    ) -> None:
        self.text = text
        self.source = source
        self.base_url = base_url
        self._data = data
        self._lowered: bytes | None = None
        self._trees: list[_Tree] | None = None
        self._by_root: dict[Element, _Tree] = {}
        self._lines: _Lines | None = None
        self._elements: dict[str, list[Element]] | None = None
        self._anchors: list[tuple[Element, str]] | None = None
        self._has: dict[str, bool] = {}
        self._data_attributes: frozenset[str] | None = None
        self._hrefs: tuple[str, list[int]] | None = None
        self._links: dict[tuple[str, ...], list[Element]] = {}
        self._frame_values: list[tuple[Element, str]] | None = None
        self._tags: SourceTags | None = None
        self._escaped: list[tuple[int, int]] | None = None
        """Where the JSON strings holding markup are, in page order (they do not overlap)."""

    # -- raw text --------------------------------------------------------------------------

    @property
    def data(self) -> bytes:
        """The page as UTF-8 bytes."""
        if self._data is None:
            self._data = self.text.encode("utf-8", "replace")
        return self._data

    @property
    def lowered(self) -> bytes:
        """The page's UTF-8 bytes, ASCII letters lower-cased (for marker checks)."""
        if self._lowered is None:
            self._lowered = self.data.lower()
        return self._lowered

    def has(self, *needles: str) -> bool:
        """Whether the page's source contains one of ``needles`` (ASCII case-insensitively)."""
        for needle in needles:
            found = self._has.get(needle)
            if found is None:
                key = needle.lower().encode("utf-8")
                found = key in self.data or key in self.lowered
                self._has[needle] = found
            if found:
                return True
        return False

    @property
    def data_attributes(self) -> frozenset[str]:
        """The names of the ``data-*`` attributes written in the page (lower-case)."""
        if self._data_attributes is None:
            names = _DATA_ATTRIBUTE.findall(self.data)
            self._data_attributes = frozenset(n.decode("ascii").lower() for n in set(names))
        return self._data_attributes

    # -- parsing ---------------------------------------------------------------------------

    @property
    def trees(self) -> list[_Tree]:
        """The page's tree and the trees of markup kept in its scripts (parsed on first use)."""
        if self._trees is None:
            self._trees = []
            self._parse_page()
            self._parse_scripts()
            self._parse_srcdocs()
        return self._trees

    def _add_tree(self, tree: _Tree) -> None:
        assert self._trees is not None
        tree.walk()
        self._trees.append(tree)
        self._by_root[tree.root] = tree

    def _parse(self, text: str | bytes) -> tuple[Element | None, bool]:
        """Parse ``text`` (bytes are UTF-8).

        Return the root (``None`` for an empty page) and whether the nesting limit cut the
        parse short.
        """
        if isinstance(text, bytes):
            parser = _parser("utf-8")
            if b"\x00" in text:
                text = text.replace(b"\x00", "\ufffd".encode())
        else:
            parser = _parser(None)
            if "\x00" in text:
                text = text.replace("\x00", "\ufffd")
        root = _etree().fromstring(text, parser) if text.strip() else None
        deep = any(_DEPTH_ERROR in e.message for e in parser.error_log)
        return root, deep

    def _parse_page(self) -> None:
        start = 0
        for _ in range(MAX_DEPTH_RESTARTS + 1):
            text = self.text[start:]
            root, deep = self._parse(self.data if not start else text)
            if root is not None:
                self._add_tree(_Tree(root, start, text, end=len(self.text)))
            if not deep:
                return
            restart = _depth_restart(self.text, start, _RESTART_DEPTH)
            if restart is None or restart <= start:
                return
            start = restart

    def _parse_scripts(self) -> None:
        assert self._trees is not None
        for tree in list(self._trees):
            for script in tree.found["script"]:
                kind = (script.get("type") or "").strip().lower()
                if kind in _JAVASCRIPT:
                    continue
                body = script.text
                if not body:
                    continue
                if kind in _TEMPLATE_TYPES:
                    if "<" in body:
                        self._add_fragment(tree, script, escaped=False)
                elif _may_hold_markup(body) and _MARKUP_IN_SCRIPT.search(body):
                    self._add_fragment(tree, script, escaped=True)

    def _parse_srcdocs(self) -> None:
        """Parse the markup of frames drawn from their ``srcdoc`` (an embed in a sandbox).

        Its positions are those of the frame.
        """
        assert self._trees is not None
        for tree in list(self._trees):
            for frame in tree.found["iframe"]:
                markup = frame.get("srcdoc")
                if not markup or "<" not in markup:
                    continue
                root, _ = self._parse(markup)
                if root is not None:
                    start, end = self._locate(tree, frame)
                    self._add_tree(
                        _Tree(root, start, markup, escaped=True, shown=True, end=end, host=frame)
                    )

    def _script_body(self, tree: _Tree, script: Element) -> tuple[int, str]:
        """Offset (in the page) and source text of a script's body."""
        start, end = self._locate(tree, script)
        head = self._page_tags().head_end(start + 1)
        body_start = head if head is not None and head <= end else start
        close = end
        found = _SCRIPT_CLOSE.search(self.text, body_start, end)
        if found is not None:
            close = found.start()
        return body_start, self.text[body_start:close]

    def _add_fragment(self, tree: _Tree, script: Element, *, escaped: bool) -> None:
        offset, body = self._script_body(tree, script)
        if not escaped:
            root, _ = self._parse(body)
            if root is not None:
                self._add_tree(_Tree(root, offset, body, end=offset + len(body), host=script))
            return
        done = 0
        for hit in _MARKUP_IN_SCRIPT.finditer(body):
            if hit.start() < done:
                continue
            quote = body.rfind('"', 0, hit.start())
            while quote > 0 and body[quote - 1] == "\\":
                quote = body.rfind('"', 0, quote - 1)
            m = _JSON_STRING.match(body, max(quote, 0))
            if quote < 0 or m is None:
                continue
            done = m.end()
            try:
                markup = json.loads(m.group())
            except ValueError:
                continue
            root, _ = self._parse(markup)
            if root is not None:
                start = offset + m.start()
                self._add_tree(
                    _Tree(root, start, markup, escaped=True, end=offset + m.end(), host=script)
                )

    # -- queries ---------------------------------------------------------------------------

    def xpath(self, expression: str) -> list[Element]:
        """Elements matching an XPath 1.0 expression, over every tree, in page order.

        A whole-page XPath costs about as much as a tenth of the parse: prefer
        :meth:`elements`, :meth:`links` and :meth:`frames`, and guard others with :meth:`has`.
        """
        found: list[Element] = []
        for tree in self.trees:
            found.extend(tree.root.xpath(expression))
        return found

    def elements(self, tag: str) -> list[Element]:
        """Every element named ``tag`` (one of :data:`EMBED_TAGS`, or ``p``), in page order.

        ``tag`` ``""`` gives every frame (:data:`FRAME_TAGS`) in page order.
        """
        if self._elements is None:
            trees = self.trees
            self._elements = {
                name: [el for t in trees for el in t.found[name]] for name in (*EMBED_TAGS, "p")
            }
            self._elements[""] = [el for t in trees for el in t.frames]
        return self._elements[tag]

    def links(self, *needles: str) -> list[Element]:
        """The anchors whose ``href`` contains one of ``needles``, in page order.

        ``needles`` are lower-case; hrefs are matched case-insensitively.
        """
        found = self._links.get(needles)
        if found is not None:
            return found
        if self._anchors is None:
            self._anchors = [
                (a, href) for tree in self.trees for a in tree.found["a"] if (href := a.get("href"))
            ]
            joined = "\n".join(href for _, href in self._anchors).lower()
            starts = list(itertools.accumulate((len(h) + 1 for _, h in self._anchors), initial=0))
            self._hrefs = (joined, starts)
        assert self._hrefs is not None
        joined, starts = self._hrefs
        hits: set[int] = set()
        for needle in needles:
            at = joined.find(needle)
            while at >= 0:
                index = bisect.bisect_right(starts, at) - 1
                hits.add(index)
                at = joined.find(
                    needle, starts[index + 1] if index + 1 < len(starts) else len(joined)
                )
        found = [self._anchors[i][0] for i in sorted(hits)]
        self._links[needles] = found
        return found

    def frames(self, *needles: str) -> list[Element]:
        """Frames (:data:`FRAME_TAGS`) that name one of ``needles``.

        An attribute value must hold the needle (case-insensitively).
        """
        if self._frame_values is None:
            self._frame_values = [
                (el, " ".join(el.attrib.values()).lower()) for el in self.elements("")
            ]
        return [el for el, values in self._frame_values if any(n in values for n in needles)]

    def resolve(self, href: str) -> str:
        """An absolute URL for ``href`` (against ``base_url`` when the page gave one)."""
        href = href.strip()
        if href.startswith("//"):
            return "https:" + href
        if self.base_url and not href.startswith(("http://", "https://")):
            return urljoin(self.base_url, href)
        return href

    def region(self, el: Element) -> Region:
        """Where ``el`` sits in the page: the article (``main``) or chrome.

        See :mod:`mediacite.extract.regions`. Markup kept in a script or an attribute is
        where its holder is.
        """
        tree = self._tree_of(el)
        while tree.host is not None:
            el = tree.host
            tree = self._tree_of(el)
        if tree.regions is None:
            tree.regions = RegionMap(tree.root, tree.found["p"])
        return tree.regions.region(el)

    def escaped(self, el: Element) -> bool:
        """Whether ``el`` comes from markup kept as a JSON string in a script."""
        return self._tree_of(el).escaped

    def escaped_at(self, offset: int) -> bool:
        """Whether ``offset`` lies in markup kept as a JSON string in a script (data, not shown)."""
        if self._escaped is None:
            self._escaped = sorted(
                (t.offset, t.end) for t in self.trees if t.escaped and not t.shown
            )
        at = bisect.bisect_right(self._escaped, (offset, len(self.text) + 1)) - 1
        return at >= 0 and offset < self._escaped[at][1]

    # -- positions -------------------------------------------------------------------------

    def _page_tags(self) -> SourceTags:
        """The tags of the page's source (shared with the tree that starts the page)."""
        if self._tags is None:
            self._tags = SourceTags(self.text)
        return self._tags

    def _tags_of(self, tree: _Tree) -> SourceTags:
        if tree.tags is None:
            tree.tags = self._page_tags() if tree.text is self.text else SourceTags(tree.text)
        return tree.tags

    def _tree_of(self, el: Element) -> _Tree:
        return self._by_root[el.getroottree().getroot()]

    def span(self, start: int, end: int) -> Span:
        """The :class:`Span` of ``text[start:end]`` (1-based line and column)."""
        if self._lines is None:
            self._lines = _Lines(self.text)
        line = self._lines.line_of(start)
        return Span(start, end, line, start - self._lines.start_of(line) + 1)

    def element_span(self, el: Element) -> Span:
        """Where ``el`` (start tag to end tag) sits in the page."""
        start, end = self._locate(self._tree_of(el), el)
        return self.span(start, end)

    def _locate(self, tree: _Tree, el: Element) -> tuple[int, int]:
        if tree.escaped:
            return tree.offset, tree.end
        known = tree.spans.get(el)
        if known is not None:
            return known
        if tree.lines is None:
            tree.lines = self._lines if tree.offset == 0 and self._lines else _Lines(tree.text)
            if tree.offset == 0 and tree.text is self.text:
                self._lines = tree.lines
        start = self._find_start(tree, tree.lines, el)
        if start is None:
            at = tree.lines.start_of(el.sourceline or 1)
            span = (tree.offset + at, tree.offset + at)
        else:
            end = _find_end(self._tags_of(tree), el.tag, start)
            span = (tree.offset + start, tree.offset + end)
        tree.spans[el] = span
        return span

    def _order(self, tree: _Tree, tag: str) -> dict[Element, int]:
        order = tree.order.get(tag)
        if order is None:
            found = tree.found.get(tag)
            order = {e: i for i, e in enumerate(tree.root.iter(tag) if found is None else found)}
            tree.order[tag] = order
        return order

    def _find_start(self, tree: _Tree, lines: _Lines, el: Element) -> int | None:
        """The offset of the start tag of ``el``.

        It ends on the element's ``sourceline`` (on or after it past :data:`_LINE_CAP`), has
        the attributes lxml read and is not claimed by another element.
        """
        tag = el.tag if isinstance(el.tag, str) else ""
        if not tag:
            return None
        line = el.sourceline or 1
        capped = line >= _LINE_CAP
        lo = lines.start_of(max(1, line - _CONTEXT_LINES))
        hi = len(tree.text) if capped else lines.start_of(line + 1)
        cursor = tree.cursor.get(tag)
        if cursor is not None and lo <= cursor[0]:
            order = self._order(tree, tag)
            if order.get(el, -1) > order.get(cursor[1], -1):
                lo = max(lo, cursor[0] + 1)
        wanted = {k.lower(): v for k, v in el.attrib.items()}
        fallback: int | None = None
        tags = self._tags_of(tree)
        pattern, text, pos, stop = start_tag(tag), tree.text, lo, max(lo, hi)
        while (m := pattern.search(text, pos, stop)) is not None:
            at, pos = m.start(), m.end()
            if at in tree.claimed:
                continue
            head = tags.head_end(m.end())
            head_end = head if head is not None else m.end()
            ends_on = lines.line_of(head_end - 1)
            if ends_on != line and not (capped and ends_on > line):
                continue
            pos = head_end
            if _attrs_match(tags.attributes(m.end(), head_end - 1), wanted):
                tree.claimed.add(at)
                tree.cursor[tag] = (at, el)
                return at
            if fallback is None and not capped:
                fallback = at
        if fallback is not None:
            tree.claimed.add(fallback)
        return fallback

    # -- text ------------------------------------------------------------------------------

    def text_of(self, el: Element, *, skip: Callable[[Element], bool] | None = None) -> str:
        """The visible text of ``el``, white space folded; ``<br>`` and blocks separate words.

        Descendants for which ``skip`` is true are left out, with their contents.
        """
        if not isinstance(el.tag, str):
            return ""  # a comment or processing instruction shows no text
        parts = _text_parts(el) if skip is None else _pruned_text_parts(el, skip)
        return fold("".join(parts))

    def descendants(self, el: Element, tag: str, skip: Callable[[Element], bool]) -> list[Element]:
        """The elements named ``tag`` in ``el`` (itself included), in page order.

        Descendants for which ``skip`` is true are left out with their contents, unread (an
        embed's own links, not those of an embed left open inside it).
        """
        found: list[Element] = []
        stack = [el]
        while stack:
            node = stack.pop()
            if node is not el and skip(node):
                continue
            if node.tag == tag:
                found.append(node)
            stack.extend(child for child in reversed(node) if isinstance(child.tag, str))
        return found

    def citation(self, el: Element, *, platform: str, kind: Kind, **fields: Any) -> Citation:
        """A :class:`Citation` located at ``el``.

        Its span holds the post id and the author's handle that the record names (a
        fediverse handle's user and host): when broken markup hides where ``el`` ends (or
        starts), the span reaches on to them. It is never empty: an element found nowhere,
        whose anchors are not written in the page either, spans the rest of its line.
        """
        span = self.element_span(el)
        start, end = span.start, span.end
        user, _, host = (fields.get("handle") or "").partition("@")
        for anchor in (fields.get("post_id"), user, host):
            if anchor:
                start, end = self._reach(start, end, anchor)
        if start == end:  # the rest of the line, past at least one character
            start = min(start, len(self.text) - 1)
            newline = self.text.find("\n", start + 1)
            end = len(self.text) if newline < 0 else newline
        if (start, end) != (span.start, span.end):
            span = self.span(start, end)
        return self.citation_at(el, span, platform=platform, kind=kind, **fields)

    def _reach(self, start: int, end: int, anchor: str) -> tuple[int, int]:
        r"""``start:end`` widened to the first ``anchor`` (case-insensitively) from ``start``.

        Else to the last one written before ``start`` (exactly), else to the anchor as Markdown
        escapes it (``ESA\_Rosetta``, pages converted from Markdown keep it in addresses).
        Unchanged when the span holds it or it is not within :data:`MAX_ELEMENT_CHARS` (for an
        element not found at all, whose span is empty: anywhere after it).
        """
        text = self.text
        if text.find(anchor, start, end) >= 0:
            return start, end
        limit = len(text) if start == end else min(len(text), start + MAX_ELEMENT_CHARS)
        at = text.find(anchor, start, limit)
        if at < 0:
            window = text[start:limit].lower()
            if anchor.lower() in window[: end - start]:
                return start, end
            found = window.find(anchor.lower())
            at = start + found if found >= 0 else -1
        if at < 0:
            at = text.rfind(anchor, max(0, start - MAX_ELEMENT_CHARS), start)
            if at < 0 and "_" in anchor and "\\" not in anchor:
                return self._reach(start, end, anchor.replace("_", "\\_"))
            return (at, max(end, at + len(anchor))) if at >= 0 else (start, end)
        return start, max(end, at + len(anchor))

    def citation_at(
        self, el: Element, span: Span, *, platform: str, kind: Kind, **fields: Any
    ) -> Citation:
        """A :class:`Citation` located at ``span``, in the region of ``el``."""
        return Citation(
            platform=platform,
            kind=kind,
            source=self.source,
            start=span.start,
            end=span.end,
            line=span.line,
            column=span.column,
            region=self.region(el),
            **fields,
        )


def _may_hold_markup(body: str) -> bool:
    """A cheap test before :data:`_MARKUP_IN_SCRIPT` (an escaped or plain embed tag)."""
    return "u003" in body or "<blockquote" in body or "<iframe" in body


def _find_end(tags: SourceTags, tag: str, start: int) -> int:
    """The end of the element whose start tag is at ``start``.

    That is after its matching end tag, or after the start tag when there is none (void or
    unclosed elements).
    """
    text = tags.text
    head = tags.head_end(start + 1)
    head_end = head if head is not None else start + 1
    if tag in _VOID or (text[head_end - 2] == "/" and tag not in _BLOCK):
        return head_end
    return tags.element_end(tag, head_end)


def _attrs_match(have: dict[str, str], wanted: dict[str, str]) -> bool:
    """Whether the attributes written in a start tag are those lxml read."""
    if len(wanted) > len(have):
        return False
    return all(have.get(k) == v or (k not in have and not v) for k, v in wanted.items())


def _text_parts(el: Element) -> list[str]:
    parts: list[str] = []
    for event, node in _etree().iterwalk(el, events=("start", "end", "comment", "pi")):
        tag = node.tag if isinstance(node.tag, str) else ""
        if not tag:  # a comment or processing instruction: the text after it is the element's
            if node.tail:
                parts.append(node.tail)
            continue
        if event == "start":
            if tag == "br" or tag in _BLOCK:
                parts.append(" ")
            if tag not in ("script", "style") and tag and node.text:
                parts.append(node.text)
            continue
        if tag in _BLOCK:
            parts.append(" ")
        if node is not el and node.tail:
            parts.append(node.tail)
    return parts


def _pruned_text_parts(el: Element, skip: Callable[[Element], bool]) -> list[str]:
    """:func:`_text_parts` leaving out (unread) the descendants for which ``skip`` is true.

    Of a comment or processing instruction only the text after it is read.
    """
    parts: list[str] = []
    stack: list[tuple[Element, bool]] = [(el, False)]
    while stack:
        node, closing = stack.pop()
        tag = node.tag if isinstance(node.tag, str) else ""
        if not tag:
            if node.tail:
                parts.append(node.tail)
            continue
        if closing:
            if tag in _BLOCK:
                parts.append(" ")
            if node is not el and node.tail:
                parts.append(node.tail)
            continue
        if node is not el and skip(node):
            if node.tail:
                parts.append(node.tail)
            continue
        if tag == "br" or tag in _BLOCK:
            parts.append(" ")
        if tag not in ("script", "style") and tag and node.text:
            parts.append(node.text)
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(node))
    return parts
