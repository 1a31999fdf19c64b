"""Telegram messages in HTML pages and plain text.

Telegram: the ``script[data-telegram-post="channel/123"]`` widget, ``t.me/…?embed=1``
iframes and message links in HTML; message URLs in plain text (no flattened-text byline).

Message numbers count per channel, so ``post_id`` is ``channel/number`` and ``handle`` the
channel.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import regex

from mediacite._patterns import compile_later
from mediacite.extract.platforms._shared import (
    DataRules,
    Embeds,
    PostRef,
    frame_citations,
    link_citations,
    text_links,
)
from mediacite.extract.textdoc import TextDocument
from mediacite.models import Citation

if TYPE_CHECKING:
    from mediacite.extract.htmldoc import HtmlDocument

__all__ = [
    "DATA",
    "EMBEDS",
    "HTML_MARKERS",
    "NAME",
    "NOT_POSTS",
    "TEXT_MARKERS",
    "find_html",
    "find_text",
    "parse_url",
]

NAME = "telegram"
TEXT_MARKERS: tuple[str, ...] = ("t.me/", "telegram.me/")
HTML_MARKERS: tuple[str, ...] = ("telegram", "t.me/")

_CHANNEL = r"[A-Za-z][A-Za-z0-9_]{3,31}"
MESSAGE_URL = compile_later(
    r"(?<![\w.-])(?:https?://)?(?:t\.me|telegram\.me|telegram\.dog)/(?:s/)?"
    r"(?P<channel>" + _CHANNEL + r")/(?P<id>\d{1,10})(?![\w])[^\s\"'<>]*",
    regex.IGNORECASE,
)
_POST_ATTR = compile_later(r"(?P<channel>" + _CHANNEL + r")/(?P<id>\d{1,10})")
_NOT_CHANNELS = frozenset({"share", "joinchat", "addstickers", "proxy", "socks", "iv", "login"})


def _ref(channel: str, number: str) -> PostRef | None:
    if channel.lower() in _NOT_CHANNELS:
        return None
    return PostRef(f"{channel}/{number}", channel, f"https://t.me/{channel}/{number}")


DATA = DataRules(
    names=("telegram",), keys=("telegrampost", "datatelegrampost"), id_url="https://t.me/{}"
)
"""How a page keeps this platform's embeds as data (see :mod:`mediacite.extract.embeddata`)."""

NOT_POSTS = compile_later(
    r"(?:^|[/.])(?:t|telegram)\.me/(?:share/|joinchat/|\+|addstickers/|proxy|socks|iv\?|login)",
    regex.IGNORECASE,
)
"""Telegram URLs that name no message: share links (``t.me/share/url?url=``), invites,
sticker sets, proxies, Instant View and login links."""


def parse_url(url: str) -> PostRef | None:
    """The message a ``t.me`` URL names, if it names one."""
    if NOT_POSTS.search(url):
        return None
    m = MESSAGE_URL.match(url.strip())
    return _ref(m.group("channel"), m.group("id")) if m else None


EMBEDS = Embeds(
    parse_url=parse_url,
    words=("telegram",),
    post_id=compile_later(r"(?:" + _CHANNEL + r")/\d{1,10}"),
    id_urls=("https://t.me/{id}",),
    sites=("https://t.me/",),
)
"""Shortcodes and components: ``{{< telegram "channel/123" >}}``, ``<TelegramPost post=… />``."""


def find_text(doc: TextDocument) -> Iterator[Citation]:
    """Yield the Telegram message URLs written in plain text."""
    yield from text_links(doc, MESSAGE_URL, NAME, parse_url)


_Q_WIDGETS = "//*[@data-telegram-post]"
_NEEDLES = ("t.me/", "telegram.me/")


def find_html(doc: HtmlDocument) -> Iterator[Citation]:
    """Yield the Telegram messages embedded, framed or linked in an HTML page."""
    taken: set[Any] = set()
    widgets = doc.xpath(_Q_WIDGETS) if "data-telegram-post" in doc.data_attributes else []
    for el in widgets:
        m = _POST_ATTR.fullmatch((el.get("data-telegram-post") or "").strip())
        ref = _ref(m.group("channel"), m.group("id")) if m else None
        if ref is None:
            continue
        taken.add(el)
        yield doc.citation(el, platform=NAME, kind="stub", **ref.fields())
    yield from frame_citations(doc, _NEEDLES, NAME, parse_url, taken)
    yield from link_citations(doc, _NEEDLES, NAME, parse_url, taken)
