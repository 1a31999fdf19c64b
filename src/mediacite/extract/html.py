"""HTML pages: decoding, one parse per page with source positions, and the platform pass.

A page is decoded (byte-order mark, the caller's encoding, ``<meta charset>``, UTF-16 and UTF-8
sniffing, windows-1252 as the last resort; bad bytes are replaced, never fatal), checked for the
platforms' cheap markers, and only then parsed, once, with lxml. Every platform reads the same
:class:`HtmlDocument`.

lxml keeps no character offsets, so positions are recovered from the source: the start tag of
an element is the unclaimed ``<tag`` in the source whose start tag ends on the element's
``sourceline`` and whose attributes equal the element's; its end is found by counting nested
start and end tags of the same name. Markup that pages keep inside ``<script>`` (consent
templates, JSON-escaped embed code) is parsed as extra trees whose positions point into the
script; posts found only there are reported as ``stub``.
"""

from __future__ import annotations

import bisect
import codecs
import functools
import html as html_lib
import importlib
import itertools
import json
import re
from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import urljoin

import attrs
import regex

from mediacite.extract.bylines import fold
from mediacite.extract.document import bom_encoding
from mediacite.extract.merge import KIND_RANK, merge_citations
from mediacite.models import Citation, Kind, Span

__all__ = [
    "KIND_RANK",
    "HtmlDocument",
    "decode_html",
    "extract_html",
    "sniff_html",
]

Element = Any
"""An lxml element (lxml ships no type information)."""

MAX_DEPTH_RESTARTS = 8
"""How often the parse is resumed after libxml2's nesting limit; deeper content is skipped."""

_PREFILTER_BYTES = 4096
_META_CHARSET = regex.compile(
    rb"""<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:\-]+)""", regex.IGNORECASE
)
_LABELS = {
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "l1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "iso8859-1": "cp1252",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "shift-jis": "cp932",
    "shift_jis": "cp932",
    "sjis": "cp932",
    "x-sjis": "cp932",
    "euc-kr": "cp949",
    "utf-16": "utf-8",
    "utf-16le": "utf-8",
    "utf-16be": "utf-8",
    "x-user-defined": "cp1252",
}
"""Encoding labels that the HTML standard decodes with a superset (or, for UTF-16 declared in
ASCII-compatible bytes, ignores)."""

_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_SINGLE_BYTE = ("cp125", "iso8859", "latin", "koi8", "mac-roman", "cp437", "cp850")
_RAW_TEXT = frozenset({"script", "style", "iframe", "textarea", "title", "xmp", "noembed"})
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
     "source", "track", "wbr", "keygen"}
)  # fmt: skip
_BLOCK = frozenset(
    {"p", "div", "blockquote", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "figure",
     "figcaption", "section", "article", "header", "footer", "table", "tr", "td", "th", "pre",
     "dd", "dt", "dl", "aside", "nav", "main", "address", "time", "hr"}
)  # fmt: skip
_ATTR = regex.compile(
    r"""([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]*)))?""",
)
_TAG_END = regex.compile(r"""(?:[^>"']|"[^"]*"|'[^']*')*>""")
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
_FURNITURE_TAGS = frozenset({"nav", "footer", "aside"})
_CONTENT_TAGS = frozenset({"article", "main", "body", "html"})
_FURNITURE = regex.compile(
    r"(?<![a-z])(?:share|sharing|social-share|follow|most[-_]?popular|popular|trending"
    r"|related|comments?|retweet|refer+er(?:s|list)?)(?![a-z])"
    r"|^(?:sidebar|side-bar|sidebar-(?:right|left|primary|secondary)|widget-area"
    r"|(?:site|page|global|main)?[-_]?footer(?:[-_](?:wrapper|container|inner|links))?)$",
    regex.IGNORECASE,
)


def _charset_label(name: str) -> str | None:
    """The Python codec for an encoding label, or ``None`` if there is none."""
    label = name.strip().strip("\"'").lower()
    label = _LABELS.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _declared_charset(encoding: str) -> str:
    """``charset=…`` of a Content-Type value, or the value itself."""
    low = encoding.lower()
    at = low.find("charset=")
    if at < 0:
        return encoding
    return encoding[at + 8 :].split(";")[0]


def _sniff_utf16(head: bytes) -> str | None:
    """UTF-16 without a byte-order mark: ASCII markup with every other byte NUL."""
    sample = head[:512]
    if len(sample) < 8:
        return None
    even, odd = sample[0::2], sample[1::2]
    if even.count(0) > len(even) * 0.8 and odd.count(0) < len(odd) * 0.2:
        return "utf-16-be"
    if odd.count(0) > len(odd) * 0.8 and even.count(0) < len(even) * 0.2:
        return "utf-16-le"
    return None


def decode_html(data: bytes, encoding: str | None = None) -> str:
    """Decode an HTML page. Never raises on bad bytes (see :func:`sniff_html`)."""
    return sniff_html(data, encoding)[0]


def sniff_html(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """Decode an HTML page; return the text and the codec used. Never raises on bad bytes.

    The order is that of browsers: a byte-order mark; ``encoding`` (a codec name or an HTTP
    ``Content-Type`` value); the ``<meta charset>`` in the first bytes; UTF-16 recognised by
    its NUL bytes; UTF-8 when the bytes are valid UTF-8; windows-1252. A declared single-byte
    charset loses to UTF-8 when the bytes are valid UTF-8 with multi-byte sequences (a common
    mislabelling). Bytes invalid in the chosen codec become U+FFFD.
    """
    bom, skip = bom_encoding(data)
    if bom is not None:
        return codecs.decode(data[skip:], bom, "replace"), bom
    chosen = _charset_label(_declared_charset(encoding)) if encoding else None
    explicit = chosen is not None
    if chosen is None:
        found = _META_CHARSET.search(data[:_PREFILTER_BYTES])
        if found is not None:
            chosen = _charset_label(found.group(1).decode("ascii", "replace"))
    if chosen is None:
        chosen = _sniff_utf16(data)
    if chosen is None or (not explicit and chosen.startswith(_SINGLE_BYTE) and not data.isascii()):
        try:
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            chosen = chosen or "cp1252"
    if chosen == "utf-8" and not explicit:
        try:
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            if not _mostly_utf8(data):
                chosen = "cp1252"
    return codecs.decode(data, chosen, "replace"), chosen


def _mostly_utf8(data: bytes) -> bool:
    """Whether invalid UTF-8 still looks like UTF-8 with a few bad bytes.

    The alternative is a single-byte charset mislabelled as UTF-8.
    """
    valid = len(_UTF8_SEQUENCE.findall(data))
    high = len(data) - len(data.decode("ascii", "ignore"))
    return valid * 2 >= high - valid


class _Lines:
    """Line numbers of a text, from newline counts per block (no per-line table)."""

    BLOCK = 1 << 12

    def __init__(self, text: str) -> None:
        self.text = text
        size = self.BLOCK
        counts = [text.count("\n", i, i + size) for i in range(0, len(text), size)]
        self.before = list(itertools.accumulate(counts, initial=0))
        """Newlines before each block."""
        self.starts: dict[int, int] = {}
        """Known line starts, by the number of newlines before them."""

    def line_of(self, offset: int) -> int:
        """The 1-based line holding ``offset``."""
        offset = max(0, min(offset, len(self.text)))
        block = offset // self.BLOCK
        return 1 + self.before[block] + self.text.count("\n", block * self.BLOCK, offset)

    def start_of(self, line: int) -> int:
        """The offset where 1-based ``line`` starts (the text's end after the last line)."""
        newlines = line - 1
        if newlines <= 0:
            return 0
        known = self.starts.get(newlines)
        if known is not None:
            return known
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
    """The source was a JSON string: positions are those of the whole string."""
    end: int = 0
    """End of the tree's source in the page."""
    lines: _Lines | None = None
    order: dict[str, dict[Element, int]] = attrs.field(factory=dict)
    claimed: set[int] = attrs.field(factory=set)
    cursor: dict[str, tuple[int, Element]] = attrs.field(factory=dict)
    spans: dict[Element, tuple[int, int]] = attrs.field(factory=dict)


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
    "blockquote", "iframe", "embed", "object", "param", "amp-twitter", "lite-youtube", "script"
)  # fmt: skip
"""The tags that :meth:`HtmlDocument.elements` collects in one pass."""
FRAME_TAGS = ("iframe", "embed", "object", "param")


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
        return self._trees

    def _add_tree(self, tree: _Tree) -> None:
        assert self._trees is not None
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
            restart = _depth_restart(self.text, start, 2000)
            if restart is None or restart <= start:
                return
            start = restart

    def _parse_scripts(self) -> None:
        assert self._trees is not None
        for tree in list(self._trees):
            for script in tree.root.iter("script"):
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

    def _script_body(self, tree: _Tree, script: Element) -> tuple[int, str]:
        """Offset (in the page) and source text of a script's body."""
        start, end = self._locate(tree, script)
        head = _TAG_END.match(self.text, start + 1, end)
        body_start = head.end() if head else start
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
                self._add_tree(_Tree(root, offset, body, end=offset + len(body)))
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
                self._add_tree(_Tree(root, start, markup, escaped=True, end=offset + m.end()))

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
        """Every element named ``tag`` (one of :data:`EMBED_TAGS`), in page order.

        ``tag`` ``""`` gives every frame (:data:`FRAME_TAGS`) in page order.
        """
        if self._elements is None:
            self._elements = {name: [] for name in (*EMBED_TAGS, "")}
            frames = self._elements[""]
            for tree in self.trees:
                for el in tree.root.iter(*EMBED_TAGS):
                    self._elements[el.tag].append(el)
                    if el.tag in FRAME_TAGS:
                        frames.append(el)
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
                (a, href)
                for tree in self.trees
                for a in tree.root.iter("a")
                if (href := a.get("href"))
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
        """Frames (``iframe``, ``embed``, ``object``, ``param``) that name one of ``needles``.

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

    def boilerplate(self, el: Element) -> bool:
        """Whether ``el`` sits in page furniture rather than the article.

        Furniture is navigation, footers, sidebars, share and follow bars, "most popular"
        lists, referrer lists and comments, up to the nearest ``<article>`` or ``<main>``.
        """
        node = el
        while node is not None:
            tag = node.tag if isinstance(node.tag, str) else ""
            if tag in _CONTENT_TAGS:
                return False
            if tag in _FURNITURE_TAGS:
                return True
            names = f"{node.get('class') or ''} {node.get('id') or ''}".split()
            if any(_FURNITURE.search(name) for name in names):
                return True
            node = node.getparent()
        return False

    def escaped(self, el: Element) -> bool:
        """Whether ``el`` comes from markup kept as a JSON string in a script."""
        return self._tree_of(el).escaped

    # -- positions -------------------------------------------------------------------------

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
            end = _find_end(tree.text, el.tag, start)
            span = (tree.offset + start, tree.offset + end)
        tree.spans[el] = span
        return span

    def _order(self, tree: _Tree, tag: str) -> dict[Element, int]:
        order = tree.order.get(tag)
        if order is None:
            order = {e: i for i, e in enumerate(tree.root.iter(tag))}
            tree.order[tag] = order
        return order

    def _find_start(self, tree: _Tree, lines: _Lines, el: Element) -> int | None:
        """The offset of the start tag of ``el``.

        It ends on the element's ``sourceline``, has the attributes lxml read and is not
        claimed by another element.
        """
        tag = el.tag if isinstance(el.tag, str) else ""
        if not tag:
            return None
        line = el.sourceline or 1
        lo = lines.start_of(max(1, line - 40))
        hi = lines.start_of(line + 1)
        cursor = tree.cursor.get(tag)
        if cursor is not None and hi - lo > _LONG_WINDOW:
            order = self._order(tree, tag)
            if order.get(el, -1) > order.get(cursor[1], -1):
                lo = max(lo, cursor[0] + 1)
        wanted = {k.lower(): v for k, v in el.attrib.items()}
        fallback: int | None = None
        for m in _start_tag(tag).finditer(tree.text, lo, max(lo, hi)):
            at = m.start()
            if at in tree.claimed:
                continue
            head = _TAG_END.match(tree.text, m.end())
            head_end = head.end() if head else m.end()
            if lines.line_of(head_end - 1) != line:
                continue
            if _attrs_match(tree.text[m.end() : head_end - 1], wanted):
                tree.claimed.add(at)
                tree.cursor[tag] = (at, el)
                return at
            if fallback is None:
                fallback = at
        if fallback is not None:
            tree.claimed.add(fallback)
        return fallback

    # -- text ------------------------------------------------------------------------------

    def text_of(self, el: Element, *, skip: Callable[[Element], bool] | None = None) -> str:
        """The visible text of ``el``, white space folded; ``<br>`` and blocks separate words.

        Descendants for which ``skip`` is true are left out, with their contents.
        """
        return fold("".join(_text_parts(el, skip)))

    def citation(self, el: Element, *, platform: str, kind: Kind, **fields: Any) -> Citation:
        """A :class:`Citation` located at ``el``."""
        span = self.element_span(el)
        return Citation(
            platform=platform,
            kind=kind,
            source=self.source,
            start=span.start,
            end=span.end,
            line=span.line,
            column=span.column,
            **fields,
        )


def _may_hold_markup(body: str) -> bool:
    """A cheap test before :data:`_MARKUP_IN_SCRIPT` (an escaped or plain embed tag)."""
    return "u003" in body or "<blockquote" in body or "<iframe" in body


@functools.cache
def _start_tag(tag: str) -> re.Pattern[str]:
    return re.compile(rf"<{re.escape(tag)}(?=[\s/>])", re.IGNORECASE)


@functools.cache
def _open_or_close(tag: str) -> re.Pattern[str]:
    return re.compile(rf"<(/?){re.escape(tag)}(?=[\s/>])", re.IGNORECASE)


_LONG_WINDOW = 1 << 16
"""Lines this long (minified pages) are searched from the last element found, in page order."""

MAX_ELEMENT_CHARS = 1 << 20
"""How far the end tag of an element is looked for."""


def _find_end(text: str, tag: str, start: int) -> int:
    """The end of the element whose start tag is at ``start``.

    That is after its matching end tag, or after the start tag when there is none (void or
    unclosed elements).
    """
    head = _TAG_END.match(text, start + 1)
    head_end = head.end() if head else start + 1
    if tag in _VOID or (text[head_end - 2] == "/" and tag not in _BLOCK):
        return head_end
    depth = 1
    for m in _open_or_close(tag).finditer(text, head_end, head_end + MAX_ELEMENT_CHARS):
        if not m.group(1):
            depth += 1
            continue
        depth -= 1
        if depth == 0:
            close = text.find(">", m.end())
            return close + 1 if close >= 0 else len(text)
    return head_end


def _attrs_match(raw: str, wanted: dict[str, str]) -> bool:
    """Whether the attributes written in a start tag are those lxml read."""
    have: dict[str, str] = {}
    for m in _ATTR.finditer(raw):
        name = m.group(1).lower()
        if name in have:
            continue
        value = m.group(2) if m.group(2) is not None else m.group(3)
        if value is None:
            value = m.group(4) or ""
        have[name] = html_lib.unescape(value) if "&" in value else value
    if len(wanted) > len(have):
        return False
    return all(have.get(k) == v or (k not in have and not v) for k, v in wanted.items())


def _text_parts(el: Element, skip: Callable[[Element], bool] | None) -> list[str]:
    parts: list[str] = []
    skipping: Element | None = None
    for event, node in _etree().iterwalk(el, events=("start", "end")):
        tag = node.tag if isinstance(node.tag, str) else ""
        if event == "start":
            if skipping is not None:
                continue
            if skip is not None and node is not el and skip(node):
                skipping = node
                continue
            if tag == "br" or tag in _BLOCK:
                parts.append(" ")
            if tag in ("script", "style") or not tag:
                continue
            if node.text:
                parts.append(node.text)
            continue
        if skipping is not None:
            if node is not skipping:
                continue
            skipping = None
        elif tag in _BLOCK:
            parts.append(" ")
        if node is not el and node.tail:
            parts.append(node.tail)
    return parts


@functools.cache
def _platforms() -> tuple[Any, ...]:
    from mediacite.extract.platforms import PLATFORMS

    return tuple(PLATFORMS)


def _worth_parsing(doc: HtmlDocument, platforms: Sequence[Any]) -> bool:
    """The prefilter: whether any platform's markers occur in the page.

    Markers are looked for in the raw bytes first (where they are nearly always lower-case)
    and only then in a lower-cased copy.
    """
    markers = [m.lower().encode("utf-8") for p in platforms for m in p.HTML_MARKERS]
    if any(m in doc.data for m in markers) or any(m in doc.lowered for m in markers):
        return True
    base = (doc.base_url or "").lower().encode("utf-8")
    return any(m in base for m in markers)


def extract_html(
    html: str | bytes,
    *,
    base_url: str | None = None,
    encoding: str | None = None,
    source: str | None = None,
) -> list[Citation]:
    """Find every embedded or linked post in an HTML page, in document order.

    ``html`` is the page as text or bytes (decoded by :func:`sniff_html`). Offsets of the
    citations point into the decoded page. A post found several times is reported once, as
    its richest kind (blockquote > card > rendered > stub > link). Pages without any
    platform's markers are not parsed.
    """
    if isinstance(html, bytes):
        text, codec = sniff_html(html, encoding)
        utf8 = html if codec == "utf-8" and "\ufffd" not in text else None
        doc = HtmlDocument(text, source=source, base_url=base_url, data=utf8)
    else:
        doc = HtmlDocument(html, source=source, base_url=base_url)
    platforms = _platforms()
    if not _worth_parsing(doc, platforms):
        return []
    found: list[Citation] = []
    for platform in platforms:
        for citation in platform.find_html(doc):
            if citation.kind != "stub" and _escaped_at(doc, citation.start):
                citation = attrs.evolve(citation, kind="stub")
            found.append(citation)
    return merge_citations(found)


def _escaped_at(doc: HtmlDocument, offset: int) -> bool:
    return any(t.escaped and t.offset <= offset < t.end for t in doc.trees)
