"""Reading a played-back memento: the post it holds, or the tombstone that stands in its place.

Every shape tweets are archived in has one reader here, each matching the structure of its
era, never particular accounts or texts:

* ``legacy-html``: the twitter.com permalink page of 2012–2020 (an element with
  ``data-tweet-id``, text in ``p.js-tweet-text`` / ``TweetTextSize``, time in
  ``span._timestamp[data-time]``) and of 2008–2011 (``span.entry-content`` inside
  ``#status_{id}``, the handle in ``meta[name=page-user-screen_name]``);
* ``mobile-html``: mobile.twitter.com (``table.main-tweet``, ``div.tweet-text[data-id]``);
* ``nitter-html``: nitter-style mirrors (``div.tweet-content``, ``a.username``);
* ``og-meta``: pages whose post survives only in ``og:``/``twitter:`` meta tags or the
  ``<title>`` (React-era shells, X pages);
* JSON: API v1.1 (``statuses/show``), API v2 (``data`` + ``includes.users``), syndication
  ``tweet-result``, oEmbed, and GraphQL ``TweetResultByRestId`` / ``TweetDetail``.

Bodies are decoded with their declared charset (``Content-Type``, ``<meta charset>``) through
:mod:`mediacite._charset`. Tombstones (deleted, suspended, withheld, age-restricted, protected,
"doesn't exist" pages, login and ``/account/suspended`` redirects, API error objects and
GraphQL ``TweetTombstone``) are recognised. A page that shows the post is a post even when a
tombstone sentence appears in it (a deleted reply in the conversation). :func:`read` returns
a :class:`Reading`, which keeps what verification needs and never the body.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import html
import importlib
import json
import re
from collections.abc import Iterator, Mapping
from typing import Any, Literal

import attrs

from mediacite._charset import sniff_html
from mediacite.resolver.archives.base import Memento
from mediacite.twitter import parse_profile_url, parse_status_url

__all__ = [
    "TOMBSTONE_KINDS",
    "ArchivedPost",
    "Reading",
    "Shape",
    "Tombstone",
    "TombstoneKind",
    "read",
    "redirect_tombstone",
]

Shape = Literal[
    "legacy-html",
    "mobile-html",
    "nitter-html",
    "og-meta",
    "api-json",
    "api-v2-json",
    "syndication-json",
    "oembed-json",
    "graphql-json",
]

TombstoneKind = Literal[
    "deleted",
    "not_found",
    "suspended",
    "withheld",
    "age_restricted",
    "protected",
    "violated_rules",
    "unavailable",
]
TOMBSTONE_KINDS: dict[str, str] = {
    "deleted": "the post was deleted",
    "not_found": "the page did not exist when captured (HTTP 404, or 'that page doesn't exist')",
    "suspended": "the account was suspended",
    "withheld": "the post or account was withheld in some country",
    "age_restricted": "the post was age-restricted (sensitive content, login required)",
    "protected": "the account's posts were protected (a login page was captured)",
    "violated_rules": "the post was removed for violating the platform's rules",
    "unavailable": "the platform said the post was unavailable, without a reason",
}
"""What each ``evidence.tombstone.kind`` means."""

JSON_DEPTH = 12
"""How deep JSON captures are searched for a post (GraphQL ``TweetDetail`` nests ~10 levels)."""

TEXT_EXCERPT = 280
"""Characters of a tombstone sentence or unverifiable text kept in the evidence (one post)."""

# Sentences of the platform's tombstone pages, old ("Tweet") and new ("Post") wording, matched
# on case-folded text with curly apostrophes folded. The first matching kind wins.
_TOMBSTONE_PATTERNS: tuple[tuple[TombstoneKind, re.Pattern[str]], ...] = (
    ("suspended", re.compile(r"account (?:has been |is )?suspended|from a suspended account")),
    ("suspended", re.compile(r"user has been suspended")),
    ("withheld", re.compile(r"(?:has been|is) withheld in|withheld in response to")),
    ("age_restricted", re.compile(r"age[- ]restricted")),
    ("violated_rules", re.compile(r"violated the (?:twitter|x) rules")),
    (
        "protected",
        re.compile(
            r"(?:tweets|posts) are protected|only (?:confirmed|approved) followers have access"
            r"|not authorized to see this status"
        ),
    ),
    ("deleted", re.compile(r"(?:tweet|post) was deleted|has been deleted by the")),
    ("not_found", re.compile(r"(?:that|this) page does(?:n't| not) exist|no status found")),
    ("unavailable", re.compile(r"this (?:tweet|post) is unavailable|(?:tweet|post) unavailable")),
)

# API error codes of v1.1 (and of captured API answers): what each says about the post.
_API_ERRORS: dict[int, TombstoneKind] = {
    144: "not_found",  # No status found with that ID (deleted or never existed)
    34: "not_found",  # Sorry, that page does not exist
    8: "not_found",  # No data available for specified ID
    63: "suspended",  # User has been suspended
    179: "protected",  # Sorry, you are not authorized to see this status
    421: "unavailable",  # This Tweet is no longer available
    422: "violated_rules",  # This Tweet is no longer available because it violated the rules
    385: "deleted",  # You attempted to reply to a Tweet that is deleted or not visible
}

# GraphQL ``TweetUnavailable.reason`` values.
_GRAPHQL_REASONS: dict[str, TombstoneKind] = {
    "suspended": "suspended",
    "protected": "protected",
    "nsfwloggedout": "age_restricted",
    "nsfw": "age_restricted",
    "withheld": "withheld",
    "deleted": "deleted",
}

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})
_TITLE_TEXT = re.compile(
    r'^[^\n]{1,100}? on (?:Twitter|X): ["“](?P<text>.*)["”](?: / (?:Twitter|X))?$', re.DOTALL
)
_EPOCH = re.compile(r"^\d{9,11}$")
_HANDLE_IN_TEXT = re.compile(r"@?([A-Za-z0-9_]{1,15})")


@attrs.frozen(kw_only=True)
class ArchivedPost:
    """What a memento says about the post it holds (``None`` where it says nothing).

    ``posted_at`` is the creation time the page itself shows (ISO 8601 UTC), when it does.
    """

    shape: Shape
    handle: str | None = None
    post_id: str | None = None
    text: str | None = None
    posted_at: str | None = None


@attrs.frozen(kw_only=True)
class Tombstone:
    """A capture that says the post is gone: its :data:`TombstoneKind` and the words seen."""

    kind: TombstoneKind
    sentence: str

    def to_dict(self) -> dict[str, str]:
        """The JSON form used in ``evidence.tombstone``."""
        return {"kind": self.kind, "sentence": self.sentence}


@attrs.frozen(kw_only=True)
class Reading:
    """What one played-back memento told, without its body.

    ``post`` and ``tombstone`` are what was read; ``note`` says why neither was (an app
    shell, an unknown shape). ``truncated`` is set when the body was cut at the size cap.
    """

    uri_m: str
    original: str
    captured_at: dt.datetime | None
    status: int
    content_type: str
    location: str | None = None
    charset: str | None = None
    post: ArchivedPost | None = None
    tombstone: Tombstone | None = None
    note: str | None = None
    truncated: bool = False


def _folded(text: str) -> str:
    return text.translate(_APOSTROPHES).casefold()


def find_tombstone(text: str) -> Tombstone | None:
    """The tombstone a page's text announces, or ``None``."""
    folded = _folded(text)
    for kind, pattern in _TOMBSTONE_PATTERNS:
        found = pattern.search(folded)
        if found:
            start = max(folded.rfind(".", 0, found.start()) + 1, found.start() - 120)
            end = folded.find(".", found.end())
            end = found.end() if end < 0 or end - found.end() > 160 else end + 1
            sentence = " ".join(text[start:end].split())
            return Tombstone(kind=kind, sentence=sentence[:TEXT_EXCERPT])
    return None


def redirect_tombstone(location: str) -> Tombstone | None:
    """The tombstone a redirect's target names: a login page or ``/account/suspended``."""
    path = location.split("://", 1)[-1].partition("/")[2].split("#", 1)[0].casefold()
    if path.startswith("account/suspended"):
        return Tombstone(kind="suspended", sentence=f"redirected to {location}")
    if path.startswith(("login", "i/flow/login", "i/flow/consent", "account/access")):
        return Tombstone(kind="protected", sentence=f"redirected to a login page: {location}")
    return None


# -- HTML -----------------------------------------------------------------------------------


def _classes(name: str) -> str:
    """XPath test: the element's class list holds ``name``."""
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


def _element_text(element: Any) -> str:
    """The text a reader sees: emoji images as their ``alt``, ``<br>`` as a line break."""
    parts: list[str] = []
    for node in element.iter():
        if node is not element and isinstance(node.tag, str):
            tag = node.tag.lower()
            if tag == "img" and node.get("alt"):
                parts.append(node.get("alt"))
            elif tag == "br":
                parts.append("\n")
        if isinstance(node.tag, str) and node.text and node.tag.lower() not in ("script", "style"):
            parts.append(node.text)
        if node is not element and node.tail:
            parts.append(node.tail)
    return " ".join("".join(parts).split())


def _iso_from_epoch(value: str | None) -> str | None:
    if not value:
        return None
    digits = value.strip()
    if len(digits) == 13 and digits.isdigit():
        digits = digits[:10]
    if not _EPOCH.match(digits):
        return None
    moment = dt.datetime.fromtimestamp(int(digits), tz=dt.timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _iso_from_text(value: str | None) -> str | None:
    """Parse ``Wed May 03 12:00:00 +0000 2023`` (API v1.1), ISO 8601, or an HTTP date."""
    if not value:
        return None
    text = value.strip()
    try:
        moment = dt.datetime.strptime(text, "%a %b %d %H:%M:%S %z %Y")
    except ValueError:
        try:
            moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            try:
                moment = email.utils.parsedate_to_datetime(text)
            except (TypeError, ValueError, IndexError):
                return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)
    return moment.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _pick(elements: list[Any], attribute: str, expected: str | None) -> Any | None:
    if not elements:
        return None
    if expected:
        for element in elements:
            if element.get(attribute) == expected:
                return element
    return elements[0]


def _handle_near(element: Any) -> str | None:
    for xpath in (
        "ancestor-or-self::*[@data-screen-name][1]/@data-screen-name",
        f".//*[{_classes('username')}]",
        f".//*[{_classes('screen-name')}]",
    ):
        found = element.xpath(xpath)
        if not found:
            continue
        value = found[0] if isinstance(found[0], str) else _element_text(found[0])
        match = _HANDLE_IN_TEXT.fullmatch(value.strip())
        if match:
            return match.group(1)
    return None


def _legacy_post(root: Any, expected: str | None) -> ArchivedPost | None:
    """The permalink tweet of a 2012–2020 twitter.com page (desktop markup)."""
    tweets = root.xpath(f"//*[@data-tweet-id and .//*[{_classes('tweet-text')}]]")
    if not tweets:
        return None
    named = [t for t in tweets if expected and t.get("data-tweet-id") == expected]
    permalinks = [t for t in tweets if "permalink-tweet" in (t.get("class") or "")]
    tweet = (named or permalinks or tweets)[0]
    text_node = tweet.xpath(f".//*[{_classes('tweet-text')}]")
    stamp = tweet.xpath(".//*[@data-time-ms or @data-time]")
    posted = None
    if stamp:
        posted = _iso_from_epoch(stamp[0].get("data-time") or stamp[0].get("data-time-ms"))
    return ArchivedPost(
        shape="legacy-html",
        handle=_handle_near(tweet),
        post_id=tweet.get("data-tweet-id"),
        text=_element_text(text_node[0]) if text_node else None,
        posted_at=posted,
    )


def _old_post(root: Any, expected: str | None) -> ArchivedPost | None:
    """The status of a 2008–2011 twitter.com page (``span.entry-content``)."""
    entries = root.xpath(f"//*[{_classes('entry-content')}]")
    if not entries:
        return None
    entry = entries[0]
    holders = entry.xpath("ancestor::*[starts-with(@id, 'status_')][1]/@id")
    post_id = holders[0].removeprefix("status_") if holders else None
    if expected and post_id and post_id != expected:
        for candidate in entries:
            ids = candidate.xpath("ancestor::*[starts-with(@id, 'status_')][1]/@id")
            if ids and ids[0] == f"status_{expected}":
                entry, post_id = candidate, expected
                break
    scope = (entry.xpath("ancestor::*[4]") or [root])[0]  # the status block holding the name
    handle = _meta(root, "page-user-screen_name") or _handle_near(scope)
    stamp = entry.xpath(f"ancestor::*[{_classes('hentry')}][1]//*[{_classes('published')}]")
    posted = None
    if stamp:
        data = stamp[0].get("data") or ""
        inside = re.search(r"time:\s*'([^']{1,60})'", data)
        posted = _iso_from_text(inside.group(1) if inside else stamp[0].get("title"))
    return ArchivedPost(
        shape="legacy-html",
        handle=handle,
        post_id=post_id if post_id and post_id.isdigit() else None,
        text=_element_text(entry),
        posted_at=posted,
    )


def _mobile_post(root: Any, expected: str | None) -> ArchivedPost | None:
    """The main tweet of a mobile.twitter.com page (``div.tweet-text[data-id]``)."""
    texts = root.xpath(f"//*[{_classes('tweet-text')} and @data-id]")
    main = [t for t in texts if t.xpath(f"ancestor::*[{_classes('main-tweet')}]")]
    node = _pick(main or texts, "data-id", expected)
    if node is None:
        return None
    container = node.xpath(f"ancestor::*[{_classes('main-tweet')} or {_classes('tweet')}][1]")
    handle = _handle_near(container[0]) if container else None
    return ArchivedPost(
        shape="mobile-html", handle=handle, post_id=node.get("data-id"), text=_element_text(node)
    )


def _nitter_post(root: Any, expected: str | None) -> ArchivedPost | None:
    """The main tweet of a nitter-style mirror page (``div.tweet-content``)."""
    contents = root.xpath(f"//*[{_classes('tweet-content')}]")
    if not contents:
        return None
    main = [c for c in contents if c.xpath(f"ancestor::*[{_classes('main-tweet')}]")]
    node = (main or contents)[0]
    body = node.xpath(f"ancestor::*[{_classes('tweet-body')} or {_classes('main-tweet')}][1]")
    scope = body[0] if body else node.getparent()
    handle = _handle_near(scope)
    links = scope.xpath(f".//*[{_classes('tweet-date')}]//a")
    post_id = posted = None
    if links:
        ref = parse_status_url(links[0].get("href") or "")
        post_id = ref.post_id if ref else None
        title = (links[0].get("title") or "").replace(" · ", " ").replace(" UTC", " +0000")
        posted = _nitter_time(title)
    return ArchivedPost(
        shape="nitter-html",
        handle=handle,
        post_id=post_id,
        text=_element_text(node),
        posted_at=posted,
    )


def _nitter_time(title: str) -> str | None:
    try:
        moment = dt.datetime.strptime(title.strip(), "%b %d, %Y %I:%M %p %z")
    except ValueError:
        return None
    return moment.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _meta(root: Any, name: str) -> str | None:
    for attribute in ("property", "name"):
        found = root.xpath(f"//meta[@{attribute}=$n]/@content", n=name)
        if found and found[0].strip():
            return str(found[0])
    return None


def _strip_quotes(text: str) -> str:
    text = text.strip()
    if len(text) >= 2 and text[0] in '“"' and text[-1] in '”"':
        return text[1:-1].strip()
    return text


def _meta_post(root: Any) -> ArchivedPost | None:
    """The post as the page's ``og:``/``twitter:`` meta tags and ``<title>`` give it."""
    description = _meta(root, "og:description") or _meta(root, "twitter:description")
    url = (
        _meta(root, "og:url")
        or _meta(root, "twitter:url")
        or next(iter(root.xpath("//link[@rel='canonical']/@href")), None)
    )
    text = _strip_quotes(description) if description else None
    if text is None:
        titles = root.xpath("//title")
        match = _TITLE_TEXT.match(_element_text(titles[0]).strip()) if titles else None
        text = match.group("text") if match else None
    if text is None and url is None:
        return None
    parsed = parse_status_url(str(url or ""))
    if text is None and parsed is None:
        return None
    return ArchivedPost(
        shape="og-meta",
        handle=parsed.handle if parsed else None,
        post_id=parsed.post_id if parsed else None,
        text=text,
    )


def _lxml(name: str) -> Any:
    """``lxml.html`` or ``lxml.etree``, imported on first use (``import mediacite`` stays light)."""
    return importlib.import_module(f"lxml.{name}")


def _parse_html(text: str) -> Any | None:
    """The parsed page, or ``None`` when nothing parses (an XML declaration is allowed)."""
    parse, errors = _lxml("html"), _lxml("etree")
    try:
        return parse.document_fromstring(text)
    except errors.ParserError:
        return None
    except ValueError:
        parser = parse.HTMLParser(encoding="utf-8")
        try:
            return parse.document_fromstring(text.encode("utf-8"), parser=parser)
        except (errors.ParserError, ValueError):
            return None


def _html_post(root: Any, expected: str | None) -> ArchivedPost | None:
    for reader in (_legacy_post, _mobile_post, _nitter_post, _old_post):
        post = reader(root, expected)
        if post is not None and (post.text or post.post_id):
            if post.handle is None or post.text is None:
                meta = _meta_post(root)
                if meta is not None:
                    post = attrs.evolve(
                        post, handle=post.handle or meta.handle, text=post.text or meta.text
                    )
            return post
    return _meta_post(root)


def _visible_text(root: Any) -> str:
    """The page's text without scripts and styles (the tree is changed in place)."""
    _lxml("etree").strip_elements(root, "script", "style", "noscript", with_tail=False)
    return str(root.text_content())


# -- JSON -----------------------------------------------------------------------------------


def _walk(data: Any, depth: int = 0) -> Iterator[Mapping[str, Any]]:
    """Every object in a JSON value, breadth-first by nesting, at most :data:`JSON_DEPTH` deep."""
    level: list[Any] = [data]
    for _ in range(JSON_DEPTH):
        following: list[Any] = []
        for value in level:
            if isinstance(value, dict):
                yield value
                following.extend(v for v in value.values() if isinstance(v, (dict, list)))
            elif isinstance(value, list):
                following.extend(v for v in value if isinstance(v, (dict, list)))
        if not following:
            return
        level = following


def _unescaped(text: Any) -> str | None:
    return html.unescape(text) if isinstance(text, str) else None


def _oembed(data: Mapping[str, Any]) -> ArchivedPost:
    root = _lxml("html").fragment_fromstring(str(data["html"]), create_parent="div")
    paragraphs = root.xpath("//p")
    links = [parse_status_url(href) for href in root.xpath("//a/@href")]
    ref = parse_status_url(str(data.get("url") or "")) or next((r for r in links if r), None)
    handle = (ref.handle if ref else None) or parse_profile_url(str(data.get("author_url") or ""))
    return ArchivedPost(
        shape="oembed-json",
        handle=handle,
        post_id=ref.post_id if ref else None,
        text=_element_text(paragraphs[0]) if paragraphs else None,
    )


def _graphql(node: Mapping[str, Any]) -> ArchivedPost | None:
    legacy = node.get("legacy")
    if not isinstance(legacy, dict):
        return None
    user = ((node.get("core") or {}).get("user_results") or {}).get("result") or {}
    screen_name = (user.get("legacy") or {}).get("screen_name") or (user.get("core") or {}).get(
        "screen_name"
    )
    note = ((node.get("note_tweet") or {}).get("note_tweet_results") or {}).get("result") or {}
    return ArchivedPost(
        shape="graphql-json",
        handle=screen_name if isinstance(screen_name, str) else None,
        post_id=str(node.get("rest_id") or legacy.get("id_str") or "") or None,
        text=_unescaped(note.get("text") or legacy.get("full_text") or legacy.get("text")),
        posted_at=_iso_from_text(legacy.get("created_at")),
    )


def _v1(node: Mapping[str, Any]) -> ArchivedPost:
    user: Mapping[str, Any] = node["user"] if isinstance(node.get("user"), dict) else {}
    extended: Mapping[str, Any] = (
        node["extended_tweet"] if isinstance(node.get("extended_tweet"), dict) else {}
    )
    return ArchivedPost(
        shape="syndication-json" if "__typename" in node else "api-json",
        handle=user.get("screen_name") if isinstance(user.get("screen_name"), str) else None,
        post_id=str(node.get("id_str") or node.get("id") or "") or None,
        text=_unescaped(extended.get("full_text") or node.get("full_text") or node.get("text")),
        posted_at=_iso_from_text(node.get("created_at")),
    )


def _v2(data: Mapping[str, Any], expected: str | None) -> ArchivedPost | None:
    posts = data["data"] if isinstance(data["data"], list) else [data["data"]]
    posts = [p for p in posts if isinstance(p, dict)]
    post = _pick(posts, "id", expected) if posts else None
    if post is None:
        return None
    users = (data.get("includes") or {}).get("users") or []
    author = next((u for u in users if u.get("id") == post.get("author_id")), None)
    note = post.get("note_tweet") if isinstance(post.get("note_tweet"), dict) else {}
    return ArchivedPost(
        shape="api-v2-json",
        handle=author.get("username") if author else None,
        post_id=str(post.get("id")) if post.get("id") else None,
        text=_unescaped(note.get("text") or post.get("text")),
        posted_at=_iso_from_text(post.get("created_at")),
    )


def _json_tombstone(data: Any) -> Tombstone | None:
    for node in _walk(data):
        errors = node.get("errors")
        if isinstance(errors, list):
            for error in errors:
                if isinstance(error, dict) and error.get("code") in _API_ERRORS:
                    message = str(error.get("message") or error.get("detail") or "")
                    kind = _API_ERRORS[int(error["code"])]
                    return Tombstone(kind=kind, sentence=message[:TEXT_EXCERPT])
        typename = node.get("__typename")
        if typename == "TweetTombstone":
            words = ((node.get("tombstone") or {}).get("text") or {}).get("text") or ""
            found = find_tombstone(str(words))
            return found or Tombstone(kind="unavailable", sentence=str(words)[:TEXT_EXCERPT])
        if typename == "TweetUnavailable":
            reason = str(node.get("reason") or "")
            kind = _GRAPHQL_REASONS.get(reason.casefold(), "unavailable")
            return Tombstone(kind=kind, sentence=f"TweetUnavailable: {reason}"[:TEXT_EXCERPT])
    return None


def _is_oembed(data: Any) -> bool:
    return (
        isinstance(data, dict)
        and isinstance(data.get("html"), str)
        and ("author_url" in data or "url" in data)
    )


def _is_v2(data: Any) -> bool:
    return (
        isinstance(data, dict)
        and isinstance(data.get("data"), (dict, list))
        and any(isinstance(p, dict) and "text" in p for p in _listed(data["data"]))
    )


def _node_post(node: Mapping[str, Any]) -> ArchivedPost | None:
    if "rest_id" in node and "legacy" in node:
        return _graphql(node)
    has_id = "id_str" in node or "id" in node
    has_text = "full_text" in node or "text" in node
    if has_id and has_text and (isinstance(node.get("user"), dict) or "__typename" in node):
        return _v1(node)
    return None


def _json_post(data: Any, expected: str | None) -> ArchivedPost | None:
    if _is_oembed(data):
        return _oembed(data)
    if _is_v2(data):
        return _v2(data, expected)
    found: list[ArchivedPost] = []
    for node in _walk(data):
        post = _node_post(node)
        if post is None:
            continue
        if expected is None or post.post_id == expected:
            return post
        found.append(post)
    return found[0] if found else None


def _listed(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


# -- the entry point --------------------------------------------------------------------------


def read(memento: Memento, expected_id: str | None = None) -> Reading:
    """Read a memento: the post (``expected_id`` picks it on a conversation page) or tombstone."""
    reading = Reading(
        uri_m=memento.uri_m,
        original=memento.original,
        captured_at=memento.captured_at,
        status=memento.status,
        content_type=memento.content_type,
        location=memento.location,
        truncated=memento.truncated,
    )
    if 300 <= memento.status < 400:
        return attrs.evolve(reading, tombstone=redirect_tombstone(memento.location or ""))
    if not memento.body:
        stone = None
        if memento.status in (404, 410):
            stone = Tombstone(kind="not_found", sentence=f"HTTP {memento.status}")
        return attrs.evolve(reading, tombstone=stone, note=f"HTTP {memento.status}, no body")
    text, charset = sniff_html(memento.body, memento.headers.get("content-type"))
    post, tombstone, note = _read_text(text, memento, expected_id)
    return attrs.evolve(reading, charset=charset, post=post, tombstone=tombstone, note=note)


def _read_text(
    text: str, memento: Memento, expected: str | None
) -> tuple[ArchivedPost | None, Tombstone | None, str | None]:
    """The post, or the tombstone, or why neither was found, in a decoded body."""
    if "json" in memento.content_type or text.lstrip().startswith(("{", "[")):
        try:
            data = json.loads(text)
        except ValueError:
            data = None
        if data is not None:
            post = _json_post(data, expected)
            if post is not None:
                return post, None, None
            stone = _json_tombstone(data)
            return None, stone, None if stone else "JSON of an unknown shape"
    root = _parse_html(text)
    if root is None:
        return None, None, "an unreadable page"
    post = _html_post(root, expected)
    if post is not None and (post.text or post.handle):
        return post, None, None
    if _is_login_page(text):
        return None, Tombstone(kind="protected", sentence="a login page was captured"), None
    stone = find_tombstone(_visible_text(root))
    if stone is None and memento.status in (404, 410):
        stone = Tombstone(kind="not_found", sentence=f"HTTP {memento.status}")
    if stone is not None:
        return None, stone, None
    folded = _folded(text)
    shell = "something went wrong" in folded or "javascript is not available" in folded
    return None, None, "an app shell with no post in it" if shell else "no recognisable post"


_LOGIN = re.compile(r"<form\b[^>]{0,500}\baction=[\"'][^\"']*(?:/sessions|/login)", re.IGNORECASE)


def _is_login_page(text: str) -> bool:
    """A login form captured in place of the post (protected accounts, login walls)."""
    return bool(_LOGIN.search(text)) and "redirect_after_login" in text
