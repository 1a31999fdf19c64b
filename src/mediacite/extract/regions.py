"""Where in a page an element sits: the article itself (``main``) or page chrome.

A page's chrome is told apart from its article by three kinds of evidence, read from an
element's ancestors: HTML5 landmarks (``main``, ``aside``, ``nav``, ``header``, ``footer``),
ARIA roles (``main``, ``complementary``, ``navigation``, ``banner``, ``contentinfo``) and the
class and id names that sites give their chrome (``sidebar``, ``widget``, ``related``,
``teaser``, ``footer``, ``comments`` …), and by where the article's own text is: the block
holding most paragraph text outside chrome, and the ``<main>`` or ``<article>`` around it.

Inside the article, only nested chrome (a related-links box, comments, a share bar) moves an
element out of ``main``; the article's own header and footer are article. Outside a ``<main>``
that holds the article, an element without other evidence is page header (before the
article), footer (after it, at page level) or aside (after it, beside it). A page with no
detectable structure is all ``main``. Everything is computed once per page and cached per
element.
"""

from __future__ import annotations

import functools
import importlib
import re
from typing import Any, Literal

from mediacite.models import Region

__all__ = ["RegionMap"]

Element = Any
"""An lxml element."""

_Signal = Region | Literal["content"] | None
_Evidence = tuple[bool, "Region | None", "Region | None"]
"""Whether an element's ancestors reach the article, the page header or footer around it, and
the nearest other chrome around it."""

_TAGS: dict[str, Region] = {
    "aside": "aside",
    "nav": "nav",
    "header": "header",
    "footer": "footer",
}
_ROLES: dict[str, _Signal] = {
    "main": "content",
    "complementary": "aside",
    "navigation": "nav",
    "banner": "header",
    "contentinfo": "footer",
    "comment": "comments",
}
_PAGE_ROOTS = frozenset({"html", "body", ""})
"""Elements whose names describe the whole page's layout (``one-sidebar``), never a part."""
_SECTIONING = frozenset({"article", "aside", "nav", "section", "main"})
"""Elements that scope a ``header``/``footer`` to themselves (it is then no page landmark)."""

_QUALIFIER = r"(?:site|page|main|primary|secondary|global|top|bottom|header|footer|mobile|sub"
_QUALIFIER += r"|right|left|article|post|entry|content|js|l|c|o|m)"
_PART = r"(?:wrapper|wrap|container|inner|area|list|section|bar|links|widgets?|column|col"
_PART += r"|content|holder|box|block|outer|main|right|left|primary|secondary|first|second)"


def _whole(stems: str) -> re.Pattern[str]:
    """A class or id name that is one of ``stems``, with an optional qualifier and part.

    Such as ``site-nav``, ``sidebar-right``, ``comments-area``; other compounds
    (``url-breadcrumb``, ``content-with-sidebar``) are layout and do not count.
    """
    return re.compile(rf"^(?:{_QUALIFIER}[-_]{{1,2}})?(?:{stems})(?:[-_]{{1,2}}{_PART})?$")


def _word(stems: str) -> re.Pattern[str]:
    """A name holding one of ``stems`` as a word (``related-articles``, ``box--most-read``)."""
    return re.compile(rf"(?:^|[-_])(?:{stems})(?:$|[-_])")


_NAMES: tuple[tuple[Region, re.Pattern[str]], ...] = (
    (
        "comments",
        _whole(
            r"comments|commentlist|comment[-_]?(?:list|section|area|thread|form|respond)"
            r"|disqus(?:[-_]thread)?|kommentare|leserkommentare|commentaires|comentarios"
            r"|commenti|reacties|responses"
        ),
    ),
    ("nav", _whole(r"nav|navbar|navigation|menu|breadcrumbs?|pagination")),
    ("aside", _whole(r"sidebar|side[-_]bar|rail|widget[-_]area|widgets")),
    ("aside", re.compile(r"^widget_[a-z][a-z0-9_-]*$")),
    (
        "aside",
        _word(
            r"related|relatedposts|relatedarticles|recommended|recommendations|recirc"
            r"|recirculation|teasers?|promos?|outbrain|taboola|trending|popular"
            r"|most[-_]?(?:read|popular|viewed|shared)|playlist|share|sharing|sharebar"
            r"|social[-_]share|follow|follow[-_]us|retweet|refer+er(?:s|list)?"
            r"|(?:top|more|latest|other|weitere|autres)[-_]?videos?|empfehlungen"
            r"|weitere[-_]artikel|mehr[-_]zum[-_]thema|lire[-_]aussi|a[-_]lire|similaires"
        ),
    ),
)
"""Class and id names of chrome, by region (matched on the lower-cased name). A WordPress
widget is ``widget_TYPE``; a bare ``widget`` names content blocks as often as chrome."""

_PAGE_NAMES: tuple[tuple[Region, re.Pattern[str]], ...] = (
    (
        "header",
        re.compile(
            r"^(?:(?:site|page|global|main|top)[-_]?)?header(?:[-_](?:wrapper|container|inner"
            r"|top|main|bar))?$|^masthead$|^top[-_]?bar$"
        ),
    ),
    (
        "footer",
        re.compile(
            r"^(?:(?:site|page|global|main)[-_]?)?footer(?:[-_](?:wrapper|container|inner"
            r"|links|widgets?|top|bottom|main))?$|^colophon$"
        ),
    ),
)
"""Names of the page's own header and footer: chrome outside the article only."""

MAX_CANDIDATES = 8
"""Blocks, by paragraph text, tried as the article before giving up (comments and sidebars
with more text than the article are rare)."""
MIN_ARTICLE_CHARS = 200
"""Paragraph text a block needs before it counts as the article (about two sentences)."""


class RegionMap:
    """The region of each element of one page's tree, computed on first use."""

    def __init__(self, root: Element, paragraphs: list[Element] | None = None) -> None:
        """``paragraphs`` are the tree's ``<p>`` elements in page order, when known."""
        self._root = root
        self._paragraphs = paragraphs
        self._signals: dict[Element, _Signal] = {}
        self._regions: dict[Element, Region] = {}
        self._article: Element | None = None
        self._strong = False
        self._around: set[Element] = set()
        """Ancestors of the article's text block: layout shared with the chrome, never chrome."""
        self._inner: set[Element] = set()
        """Those of them at or inside the article."""
        self._above: dict[Element, bool] = {}
        self._chains: dict[Element, _Evidence] = {}
        """The evidence of each ancestor read, from it up."""
        self._ready = False

    # -- evidence --------------------------------------------------------------------------

    def _signal(self, node: Element) -> _Signal:
        """What ``node`` itself says: a chrome region, ``content`` or nothing."""
        if node in self._signals:
            return self._signals[node]
        tag = node.tag if isinstance(node.tag, str) else ""
        found: _Signal = None
        if tag in _PAGE_ROOTS:
            self._signals[node] = None
            return None
        role = (node.get("role") or "").strip().lower()
        if tag == "main" or role in _ROLES:
            found = "content" if tag == "main" else _ROLES[role]
        elif tag in _TAGS:
            found = _TAGS[tag]
            if tag in ("header", "footer") and _in_sectioning(node):
                found = None
        else:
            found = _named(node)
        self._signals[node] = found
        return found

    def _find_article(self) -> None:
        """The block holding the article's text, and whether a landmark confirms it."""
        self._ready = True
        scores: dict[Element, int] = {}
        paragraphs = self._root.iter("p") if self._paragraphs is None else self._paragraphs
        for p in paragraphs:
            parent = p.getparent()
            if parent is not None:
                scores[parent] = scores.get(parent, 0) + _text_length(p)
        ranked = sorted(scores.items(), key=lambda item: -item[1])
        block = next((b for b, _ in ranked[:MAX_CANDIDATES] if not self._chrome_above(b)), None)
        if block is None or scores[block] < MIN_ARTICLE_CHARS:
            return
        self._around = set(block.iterancestors())
        node = block
        article: Element | None = None
        while node is not None:
            tag = node.tag if isinstance(node.tag, str) else ""
            if self._signal(node) == "content":
                self._article, self._strong = node, True
                self._set_inner(block)
                return
            if article is None and (tag == "article" or (node.get("role") or "") == "article"):
                article = node
            node = node.getparent()
        self._article = article if article is not None else block
        self._set_inner(block)

    def _set_inner(self, block: Element) -> None:
        node = block
        while node is not None and node is not self._article:
            self._inner.add(node)
            node = node.getparent()
        if node is not None:
            self._inner.add(node)

    def _chrome_above(self, node: Element) -> bool:
        """Whether ``node`` sits in a chrome landmark (tag or role) or in comments.

        Class names other than comments' are not trusted here: layouts name the article's
        own wrappers after the sidebar beside it (``content-with-sidebar``).
        """
        seen: list[Element] = []
        found = False
        while node is not None:
            known = self._above.get(node)
            if known is not None:
                found = known
                break
            seen.append(node)
            signal = self._signal(node)
            if signal == "content":
                break
            if signal == "comments" or (signal is not None and _landmark(node)):
                found = True
                break
            node = node.getparent()
        for node in seen:
            self._above[node] = found
        return found

    # -- the region of an element ----------------------------------------------------------

    def region(self, el: Element) -> Region:
        """The region of ``el`` (see the module docs).

        A script is not laid out: where it sits (in the head, at the end of the body) says
        nothing, so only chrome around it counts.
        """
        known = self._regions.get(el)
        if known is not None:
            return known
        if not self._ready:
            self._find_article()
        inside, edge, nearest = self._evidence(el.getparent())
        found = edge or nearest
        if found is None:
            laid_out = el.tag != "script"
            found = "main" if inside or not self._strong or not laid_out else self._beside(el)
        self._regions[el] = found
        return found

    def _evidence(self, start: Element | None) -> _Evidence:
        """What the ancestors from ``start`` up say about an element's region.

        That is whether they reach the article, the page header or footer nearest ``start``,
        and the nearest other chrome. The nearest evidence wins, except that the page's own
        header or footer holds all that is in it (a widget in the footer is footer). Page
        header and footer names count only outside the article. Each ancestor is read once
        per page.
        """
        chain: list[Element] = []
        node = start
        below: _Evidence = (False, None, None)
        while node is not None:
            known = self._chains.get(node)
            if known is not None:
                below = known
                break
            if node is self._article or self._signal(node) == "content":
                below = self._chains[node] = (True, None, None)
                break
            if node in self._around:
                below = self._chains[node] = (node in self._inner, None, None)
                break
            chain.append(node)
            node = node.getparent()
        inside, edge, nearest = below
        for node in reversed(chain):
            signal = self._signal(node)
            if not inside and signal not in ("header", "footer"):
                signal = _page_name(node) or signal
            if signal == "header" or signal == "footer":
                edge = signal
            elif signal is not None and signal != "content":
                nearest = signal
            self._chains[node] = (inside, edge, nearest)
        return inside, edge, nearest

    def _beside(self, el: Element) -> Region:
        """Chrome outside a ``<main>`` article: header before it, footer or aside after it."""
        article = self._article
        below, common = el, el.getparent()
        while common is not None and common not in self._around:
            below, common = common, common.getparent()
        if common is None or article is None:
            return "footer"
        theirs = article
        while theirs.getparent() is not common:
            theirs = theirs.getparent()
        if common.index(below) < common.index(theirs):
            return "header"
        tag = common.tag if isinstance(common.tag, str) else "body"
        return "footer" if tag in ("body", "html") else "aside"


def _text_length(node: Element) -> int:
    """How many characters of text ``node`` holds (its tail left out), serialized in C."""
    return len(_etree().tostring(node, method="text", encoding=str, with_tail=False))


def _etree() -> Any:
    return importlib.import_module("lxml.etree")


def _landmark(node: Element) -> bool:
    """Whether ``node`` is a landmark by its tag or role (not by its names)."""
    return node.tag in _TAGS or (node.get("role") or "").strip().lower() in _ROLES


def _in_sectioning(node: Element) -> bool:
    return any(isinstance(a.tag, str) and a.tag in _SECTIONING for a in node.iterancestors())


def _names(node: Element) -> str:
    return f"{node.get('class') or ''} {node.get('id') or ''}".lower()


def _named(node: Element) -> Region | None:
    """The chrome region that ``node``'s class and id names say, if any."""
    names = _names(node)
    return _region_named(names) if names.strip() else None


@functools.lru_cache(maxsize=8192)
def _region_named(names: str) -> Region | None:
    """The chrome region a string of class and id names says (pages repeat their names)."""
    for name in names.split():
        for region, pattern in _NAMES:
            if pattern.search(name) is not None:
                return region
    return None


def _page_name(node: Element) -> Region | None:
    """The page header or footer that ``node``'s names say (only outside the article)."""
    names = _names(node)
    return _page_named(names) if names.strip() else None


@functools.lru_cache(maxsize=8192)
def _page_named(names: str) -> Region | None:
    for name in names.split():
        for region, pattern in _PAGE_NAMES:
            if pattern.search(name):
                return region
    return None
