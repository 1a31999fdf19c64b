"""Publication strings for cited posts: APA 7, MLA 9, Chicago 17 notes, and Robust Links.

Each style follows its manual's rules for social-media posts:

* **APA 7** (reference list): ``Author [@handle]. (2023, May 3). *First 20 words of the post*
  [Media attached] [Tweet]. Twitter. URL``. The display name is given as written, not
  inverted: display names are often groups or pseudonyms, and APA presents group names as
  shown. When only the handle is known it stands alone, without brackets.
* **MLA 9** (works cited): ``@handle (Author). "Full text of the post." *Twitter*, 3 May 2023,
  twitter.com/…``: the whole text, quotation marks inside it turned to single ones, months
  abbreviated, the URL without its scheme.
* **Chicago 17** (note form, which the manual prefers for social media, 14.209):
  ``Author (@handle), "Up to the first 160 characters of the post," Twitter, May 3, 2023,
  URL.``

Posts made after Twitter was renamed X (July 24, 2023) name the platform "X" and APA's
description becomes "[Post]". When a :class:`~mediacite.models.Resolution` shows the post
archived (:data:`ARCHIVED_STATUSES`), the archived URL (URI-M) replaces the live one.

``markup="html"`` returns the same string as HTML, with the manual's italics as ``<em>``,
the URL as a link, and every piece of post text and name escaped.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Literal, get_args

if TYPE_CHECKING:
    from mediacite.models import Citation, Resolution

__all__ = [
    "ARCHIVED_STATUSES",
    "PLATFORM_NAMES",
    "STYLES",
    "Markup",
    "Style",
    "archived_url",
    "cited_url",
    "format_citation",
    "linked_url",
    "platform_name",
    "post_url",
    "robust_link",
    "version_date",
]

Style = Literal["apa", "mla", "chicago"]
STYLES: tuple[Style, ...] = get_args(Style)

Markup = Literal["text", "html"]

ARCHIVED_STATUSES = frozenset({"verified", "archived"})
"""Resolution statuses whose snapshot is cited in place of the live post."""

PLATFORM_NAMES: dict[str, str] = {
    "twitter": "Twitter",
    "instagram": "Instagram",
    "bluesky": "Bluesky",
    "mastodon": "Mastodon",
    "threads": "Threads",
    "tiktok": "TikTok",
    "youtube": "YouTube",
    "facebook": "Facebook",
    "telegram": "Telegram",
    "reddit": "Reddit",
}
"""Platform names as the style manuals print them."""

X_RENAMED = "2023-07-24"
"""The day Twitter became X; posts from this day on are cited as X posts."""

APA_TITLE_WORDS = 20
CHICAGO_TITLE_CHARS = 160

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")  # fmt: skip
_MLA_MONTHS = ("Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.",
               "Nov.", "Dec.")  # fmt: skip
_TO_SINGLE_QUOTES = str.maketrans({'"': "'", "\u201c": "\u2018", "\u201d": "\u2019"})


def platform_name(citation: Citation) -> str:
    """Name the platform as cited: "X" for tweets dated from July 24, 2023 on."""
    if citation.platform == "twitter" and (citation.date or "") >= X_RENAMED:
        return "X"
    return PLATFORM_NAMES.get(citation.platform, citation.platform.title())


def post_url(citation: Citation) -> str | None:
    """Return the live URL of the post: its status URL, else its first media short link."""
    if citation.url:
        return citation.url
    if citation.media:
        return f"https://{citation.media[0]}"
    return None


def cited_url(citation: Citation) -> str | None:
    """The post's own http(s) URL, from the citation alone (never from an archive's answer).

    Its status URL as the document gave it; else, for a tweet with an id, the status URL the
    id names; else its first media link.
    """
    url = (
        citation.url if citation.url and citation.url.startswith(("https://", "http://")) else None
    )
    if url is None and citation.platform == "twitter" and citation.post_id:
        from mediacite.twitter import status_url

        url = status_url(citation.post_id, citation.handle)
    if url is None and citation.media:
        url = f"https://{citation.media[0]}"
    return url


def linked_url(resolution: Resolution) -> str | None:
    """The URL a Robust Link points at: the post's own (:func:`cited_url`).

    A tweet cited without any URL (a byline with no media) gets the status URL of the archived
    post when that is the cited account's: built from the id, never the archive's string.
    """
    own = cited_url(resolution.citation)
    c, snapshot = resolution.citation, resolution.snapshot
    if own is not None or c.platform != "twitter" or not c.handle or snapshot is None:
        return own
    from mediacite.twitter import parse_status_url, status_url

    ref = parse_status_url(snapshot.original_url)
    if ref is None or (ref.handle or "").lower() != c.handle.lower():
        return None
    return status_url(ref.post_id, c.handle)


def archived_url(resolution: Resolution | None) -> str | None:
    """Return the archived copy (URI-M) when the status is in :data:`ARCHIVED_STATUSES`."""
    if resolution is None or resolution.snapshot is None:
        return None
    if resolution.status not in ARCHIVED_STATUSES:
        return None
    return resolution.snapshot.archived_url


def version_date(captured_at: str) -> str:
    """``YYYY-MM-DD`` of a capture time given as ISO 8601 or a 14-digit archive timestamp."""
    if len(captured_at) >= 8 and captured_at[:8].isdigit():
        return f"{captured_at[:4]}-{captured_at[4:6]}-{captured_at[6:8]}"
    return captured_at[:10]


def _date_parts(iso: str | None) -> tuple[int, int, int] | None:
    if not iso:
        return None
    try:
        year, month, day = (int(part) for part in iso[:10].split("-"))
    except ValueError:
        return None
    if not 1 <= month <= 12:
        return None
    return year, month, day


class _Writer:
    """Builds one citation as text or HTML: literal punctuation vs. escaped content."""

    def __init__(self, markup: Markup) -> None:
        self.html = markup == "html"
        self.parts: list[str] = []

    def raw(self, text: str) -> None:
        self.parts.append(html.escape(text) if self.html else text)

    def italic(self, text: str) -> None:
        self.parts.append(f"<em>{html.escape(text)}</em>" if self.html else text)

    def link(self, url: str, shown: str) -> None:
        if self.html and url.startswith(("https://", "http://")):
            self.parts.append(f'<a href="{html.escape(url)}">{html.escape(shown)}</a>')
        else:
            self.raw(shown)

    def result(self) -> str:
        return "".join(self.parts)


def _apa_title(text: str) -> str:
    words = text.split()
    if len(words) <= APA_TITLE_WORDS:
        return text
    return " ".join(words[:APA_TITLE_WORDS]).rstrip(",;:")


def _chicago_title(text: str) -> str:
    if len(text) <= CHICAGO_TITLE_CHARS:
        return text
    cut = text[: CHICAGO_TITLE_CHARS + 1].rsplit(" ", 1)[0].rstrip(" ,;:.")
    return f"{cut} …"


def _apa(w: _Writer, c: Citation, url: str | None, attachment: str | None) -> None:
    if c.author and c.handle:
        w.raw(f"{c.author} [@{c.handle}]. ")
    elif c.author or c.handle:
        w.raw(f"{c.author or '@' + str(c.handle)}. ")
    parts = _date_parts(c.date)
    w.raw(f"({parts[0]}, {_MONTHS[parts[1] - 1]} {parts[2]}). " if parts else "(n.d.). ")
    if c.text:
        w.italic(_apa_title(c.text))
        w.raw(" ")
    if c.media:
        w.raw(f"[{attachment or 'Media attached'}] ")
    w.raw("[Tweet]. " if platform_name(c) == "Twitter" else "[Post]. ")
    w.raw(f"{platform_name(c)}.")
    if url:
        w.raw(" ")
        w.link(url, url)


def _mla(w: _Writer, c: Citation, url: str | None) -> None:
    if c.handle and c.author and c.author != c.handle:
        w.raw(f"@{c.handle} ({c.author}). ")
    elif c.handle or c.author:
        w.raw(f"{'@' + c.handle if c.handle else c.author}. ")
    if c.text:
        text = c.text.translate(_TO_SINGLE_QUOTES)
        w.raw(f"\u201c{text}{'' if text.endswith(('.', '?', '!')) else '.'}\u201d ")
    else:
        w.raw("Post. ")
    w.italic(platform_name(c))
    parts = _date_parts(c.date)
    if parts:
        w.raw(f", {parts[2]} {_MLA_MONTHS[parts[1] - 1]} {parts[0]}")
    if url:
        w.raw(", ")
        w.link(url, url.split("://", 1)[-1])
    w.raw(".")


def _chicago(w: _Writer, c: Citation, url: str | None) -> None:
    if c.author and c.handle:
        w.raw(f"{c.author} (@{c.handle}), ")
    elif c.author or c.handle:
        w.raw(f"{c.author or '@' + str(c.handle)}, ")
    if c.text:
        title = _chicago_title(c.text.translate(_TO_SINGLE_QUOTES))
        if title.endswith(("?", "!")):
            w.raw(f"\u201c{title}\u201d ")
        else:
            w.raw(f"\u201c{title.rstrip('.')},\u201d ")
        w.raw(f"{platform_name(c)}")
    else:
        w.raw(f"{platform_name(c)} post")
    parts = _date_parts(c.date)
    if parts:
        w.raw(f", {_MONTHS[parts[1] - 1]} {parts[2]}, {parts[0]}")
    if url:
        w.raw(", ")
        w.link(url, url)
    w.raw(".")


def format_citation(
    citation: Citation,
    style: Style | str = "apa",
    resolution: Resolution | None = None,
    *,
    markup: Markup = "text",
    attachment: str | None = None,
) -> str:
    """Format one cited post in a publication style: ``"apa"``, ``"mla"`` or ``"chicago"``.

    The archived URL of ``resolution`` replaces the live URL when the post was found
    archived. ``attachment`` is APA's description of attached media (default
    ``"Media attached"``: a media link does not tell an image from a video; pass
    ``"Image attached"`` or ``"Video attached"`` when you know). ``markup="html"`` gives
    HTML with every name and post text escaped.
    """
    if style not in STYLES:
        raise ValueError(f"unknown citation style {style!r}; choose one of {', '.join(STYLES)}")
    if markup not in ("text", "html"):
        raise ValueError(f"unknown markup {markup!r}; choose 'text' or 'html'")
    url = archived_url(resolution) or post_url(citation)
    writer = _Writer(markup)
    if style == "apa":
        _apa(writer, citation, url, attachment)
    elif style == "mla":
        _mla(writer, citation, url)
    else:
        _chicago(writer, citation, url)
    return writer.result()


def _relative_reference(url: str) -> bool:
    """Whether ``url`` is a relative reference: no scheme (so no ``javascript:``), no ``//``."""
    head = url.split("#", 1)[0].split("?", 1)[0].split("/", 1)[0]
    return bool(url) and ":" not in head and not url.startswith(("/", "\\"))


def robust_link(resolution: Resolution, text: str | None = None) -> str:
    """Link an archived post with a Robust Link (HTML).

    ``<a href data-originalurl data-versionurl data-versiondate>``: ``href`` and
    ``data-originalurl`` hold the post's own URL as the citation gives it (:func:`linked_url`;
    never the original URL an archive reports, which an archive can set to anything),
    ``data-versionurl`` the memento (URI-M) and ``data-versiondate`` its capture day. The link
    text defaults to the author and handle; it is HTML-escaped, as are all attribute values.
    Raises :class:`ValueError` unless the resolution found the post archived, the citation has
    an http(s) URL, and the memento is http(s) (or, from a local WACZ/WARC archive, a ``file:``
    URL or a relative reference such as ``tweets.wacz#20190315080000/https://…``).
    """
    snapshot = resolution.snapshot
    if snapshot is None or resolution.status not in ARCHIVED_STATUSES:
        raise ValueError(f"no archived snapshot to link (status {resolution.status!r})")
    original = linked_url(resolution)
    if original is None or not (
        snapshot.archived_url.startswith(("https://", "http://", "file:///"))
        or _relative_reference(snapshot.archived_url)
    ):
        raise ValueError("a Robust Link needs the post's http(s) URL and an http(s) archived URL")
    if text is None:
        c = resolution.citation
        if c.author and c.handle:
            text = f"{c.author} (@{c.handle})"
        else:
            text = c.author or (f"@{c.handle}" if c.handle else original)
    attrs = {
        "href": original,
        "data-originalurl": original,
        "data-versionurl": snapshot.archived_url,
        "data-versiondate": version_date(snapshot.captured_at),
    }
    rendered = " ".join(f'{name}="{html.escape(value)}"' for name, value in attrs.items())
    return f"<a {rendered}>{html.escape(text)}</a>"
