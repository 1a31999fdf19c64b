"""Start and end tags in an HTML source, found in time linear in the source whatever its markup.

:class:`~mediacite.extract.htmldoc.HtmlDocument` recovers an element's position by finding its
start tag in the source and the end tag that closes it. Read naively, broken markup makes both
quadratic: a start tag whose attribute quote is never closed runs on to the next quote, so a
thousand unclosed ``<a href="`` tags make a thousand heads each as long as the page; a thousand
unclosed ``<blockquote>`` tags make a thousand searches for an end tag each to the end of the
page. :class:`SourceTags` computes each piece once per source: where a start tag's head ends
(one walk over the quotes, shared by every head that reaches them), the attributes written in
a head, and, when an element's end is not found nearby, the matching end tag of every element
of its name in one pass.
"""

from __future__ import annotations

import bisect
import functools
import html as html_lib
import re

import regex

__all__ = ["MAX_ELEMENT_CHARS", "SourceTags", "start_tag"]

MAX_ELEMENT_CHARS = 1 << 20
"""How far the end tag of an element is looked for."""
_HEAD_PROBE = 1 << 12
"""Characters a start tag's head is first looked for in (real heads are shorter; a longer one,
such as a large ``data-*`` value, is then measured by the walk over its quotes)."""
_NEAR_TOKENS = 64
"""Start and end tags of an element's name read past it before every element of that name is
matched in one pass (an embed holds a handful; a wrapper of the whole page, hundreds)."""

_TAG_END = regex.compile(r"""(?:[^>"']|"[^"]*"|'[^']*')*>""")
_SPECIAL = re.compile(r"""[>"']""")
_ATTR = regex.compile(
    r"""([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]*)))?""",
)


@functools.cache
def start_tag(tag: str) -> re.Pattern[str]:
    """The opening of a start tag named ``tag`` (``<tag`` before white space, ``/`` or ``>``)."""
    return re.compile(rf"<{re.escape(tag)}(?=[\s/>])", re.IGNORECASE)


@functools.cache
def _open_or_close(tag: str) -> re.Pattern[str]:
    return re.compile(rf"<(/?){re.escape(tag)}(?=[\s/>])", re.IGNORECASE)


class SourceTags:
    """Heads, attributes and element ends in one HTML source, each computed once."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._chain: dict[int, int] = {}
        """For a quote or ``>`` where a head's scan arrives: where the head ends (-1: never)."""
        self._free_lo: list[int] = []
        self._free_hi: list[int] = []
        """Stretches ``[lo, hi)`` known to hold no quote or ``>`` (``hi`` is the next one)."""
        self._attributes: dict[int, dict[str, str]] = {}
        self._ends: dict[str, dict[int, tuple[int, int]]] = {}
        """Per tag name: each start tag's matching end tag (its start and its end)."""

    # -- heads -----------------------------------------------------------------------------

    def head_end(self, pos: int) -> int | None:
        """The end (after ``>``) of the start tag whose name ends at ``pos``.

        Quoted values may hold ``>``; ``None`` when a quote is never closed or no ``>``
        follows.
        """
        head = _TAG_END.match(self.text, pos, pos + _HEAD_PROBE)
        if head is not None:
            return head.end()
        end = self._walk(pos)
        return end if end >= 0 else None

    def _walk(self, pos: int) -> int:
        """:meth:`head_end` by a walk over the quotes, sharing each step with other heads."""
        text = self.text
        path: list[int] = []
        result = -1
        while True:
            at = self._next_special(pos)
            if at < 0:
                break
            known = self._chain.get(at)
            if known is not None:
                result = known
                break
            path.append(at)
            mark = text[at]
            if mark == ">":
                result = at + 1
                break
            close = text.find(mark, at + 1)
            if close < 0:
                break
            pos = close + 1
        for at in path:
            self._chain[at] = result
        return result

    def _next_special(self, pos: int) -> int:
        """The first quote or ``>`` at or after ``pos`` (-1: none)."""
        lows, highs = self._free_lo, self._free_hi
        i = bisect.bisect_right(lows, pos) - 1
        if i >= 0 and pos <= highs[i]:
            return highs[i]
        stop = lows[i + 1] if i + 1 < len(lows) else len(self.text)
        found = _SPECIAL.search(self.text, pos, stop)
        if found is not None:
            at = found.start()
            lows.insert(i + 1, pos)
            highs.insert(i + 1, at)
            return at
        if i + 1 < len(lows):
            lows[i + 1] = pos
            return highs[i + 1]
        return -1

    def attributes(self, pos: int, end: int) -> dict[str, str]:
        """The attributes written in ``text[pos:end]`` (a head without its ``>``).

        Names are lower-cased, the first of repeated names wins, values are unescaped.
        """
        known = self._attributes.get(pos)
        if known is not None:
            return known
        have: dict[str, str] = {}
        for m in _ATTR.finditer(self.text[pos:end]):
            name = m.group(1).lower()
            if name in have:
                continue
            value = m.group(2) if m.group(2) is not None else m.group(3)
            if value is None:
                value = m.group(4) or ""
            have[name] = html_lib.unescape(value) if "&" in value else value
        self._attributes[pos] = have
        return have

    # -- ends ------------------------------------------------------------------------------

    def element_end(self, tag: str, head_end: int) -> int:
        """The end of the element whose start tag (named ``tag``) ends at ``head_end``.

        That is after its matching end tag within :data:`MAX_ELEMENT_CHARS`, else
        ``head_end`` (an unclosed element). Start and end tags of the same name in between
        nest.
        """
        ends = self._ends.get(tag)
        if ends is None:
            depth = 1
            tokens = 0
            text = self.text
            for m in _open_or_close(tag).finditer(text, head_end, head_end + MAX_ELEMENT_CHARS):
                tokens += 1
                if tokens > _NEAR_TOKENS:
                    break
                if not m.group(1):
                    depth += 1
                    continue
                depth -= 1
                if depth == 0:
                    return _after(text, m.end())
            else:
                return head_end
            ends = self._match_all(tag)
        found = ends.get(head_end)
        if found is None or found[0] > head_end + MAX_ELEMENT_CHARS:
            return head_end
        return found[1]

    def _match_all(self, tag: str) -> dict[int, tuple[int, int]]:
        """Every start tag named ``tag`` matched to its end tag, in one pass.

        Keyed by where each start tag's head ends.
        """
        text = self.text
        ends: dict[int, tuple[int, int]] = {}
        opened: list[int] = []
        pos = 0
        pattern = _open_or_close(tag)
        while True:
            m = pattern.search(text, pos)
            if m is None:
                break
            pos = m.end()
            if not m.group(1):
                head = self.head_end(m.end())
                if head is not None:
                    opened.append(head)
                    pos = head
                continue
            if opened:
                ends[opened.pop()] = (m.end(), _after(text, m.end()))
        self._ends[tag] = ends
        return ends


def _after(text: str, pos: int) -> int:
    """Just after the ``>`` closing an end tag whose name ends at ``pos``."""
    close = text.find(">", pos)
    return close + 1 if close >= 0 else len(text)
