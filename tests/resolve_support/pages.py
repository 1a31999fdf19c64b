"""Builders of archived pages in the shapes tweets were captured in (our own markup, modelled
on the real shapes described in ../shared/notes/archives.md), and the capture record."""

from __future__ import annotations

import datetime as dt
import html
import json

import attrs

TWITTER_EPOCH_MS = 1288834974657


def make_id(when: dt.datetime, sequence: int = 0) -> str:
    """A Snowflake id created at ``when`` (UTC)."""
    ms = int(when.timestamp() * 1000) - TWITTER_EPOCH_MS
    return str((ms << 22) | (sequence & 0x3FFFFF))


def utc(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=dt.timezone.utc)


@attrs.frozen(kw_only=True)
class Page:
    """One capture: the URL, when, the HTTP status line, headers and body."""

    url: str
    captured: dt.datetime
    status: str = "200 OK"
    headers: tuple[tuple[str, str], ...] = (("Content-Type", "text/html; charset=utf-8"),)
    body: bytes = b""
    revisit_of: dt.datetime | None = None


def legacy_html(handle: str, name: str, post_id: str, text: str, when: str) -> bytes:
    """A 2019-era twitter.com permalink page."""
    e = html.escape
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{e(name)} on Twitter: &quot;{e(text)}&quot;</title>
<meta property="og:type" content="article">
<meta property="og:url" content="https://twitter.com/{handle}/status/{post_id}">
<meta property="og:title" content="{e(name)} on Twitter">
<meta property="og:description" content="“{e(text)}”">
<meta property="og:site_name" content="Twitter">
</head><body class="three-col logged-out">
<div class="permalink-container"><div class="permalink-inner permalink-tweet-container">
<div class="tweet permalink-tweet js-actionable-user js-original-tweet"
 data-tweet-id="{post_id}" data-item-id="{post_id}" data-screen-name="{handle}"
 data-name="{e(name)}" data-user-id="1000">
<div class="content"><div class="stream-item-header">
<a class="account-group js-account-group" href="/{handle}">
<strong class="fullname">{e(name)}</strong> <span class="username u-dir">@<b>{handle}</b></span>
</a></div>
<div class="js-tweet-text-container">
<p class="TweetTextSize TweetTextSize--jumbo js-tweet-text tweet-text" lang="en">{e(text)}</p>
</div>
<div class="client-and-actions"><span class="metadata"><span>{e(when)}</span></span></div>
</div></div></div></div>
</body></html>
""".encode()


def og_only_html(handle: str, name: str, post_id: str, text: str) -> bytes:
    """A page whose post is only in the og/meta tags (the body needs JavaScript)."""
    e = html.escape
    return f"""<!DOCTYPE html><html><head>
<meta property="og:site_name" content="Twitter">
<meta property="og:type" content="article">
<meta property="og:url" content="https://twitter.com/{handle}/status/{post_id}">
<meta property="og:title" content="{e(name)} on Twitter">
<meta property="og:description" content="“{e(text)}”">
</head><body><noscript>JavaScript is not available.</noscript></body></html>
""".encode()


SHELL_HTML = b"""<!DOCTYPE html><html dir="ltr" lang="en"><head><meta charset="utf-8">
<title>Twitter</title></head><body><div id="react-root">
<div>Something went wrong, but don\xe2\x80\x99t fret \xe2\x80\x94 let\xe2\x80\x99s give it another shot.</div>
<noscript>JavaScript is not available.</noscript></div></body></html>
"""

DELETED_HTML = b"""<!DOCTYPE html><html><head><title>Twitter / ?</title></head>
<body><div class="body-content"><h1>Sorry, that page doesn\xe2\x80\x99t exist!</h1>
<p>You can <a href="/search-home">search Twitter</a> using the search box below.</p>
</div></body></html>
"""


def syndication_json(handle: str, name: str, post_id: str, text: str, created: str) -> bytes:
    """A ``tweet-result``-style JSON capture."""
    record = {
        "__typename": "Tweet",
        "id_str": post_id,
        "text": text,
        "created_at": created,
        "lang": "en",
        "user": {"screen_name": handle, "name": name, "id_str": "2000"},
    }
    return json.dumps(record).encode()


def redirect(url: str, location: str, when: dt.datetime) -> Page:
    return Page(
        url=url,
        captured=when,
        status="301 Moved Permanently",
        headers=(("Location", location), ("Content-Type", "text/html; charset=utf-8")),
        body=b"",
    )


def legacy_2013_html(
    handle: str, name: str, post_id: str, text: str, epoch: int, *, reply_id: str | None = None
) -> bytes:
    """A 2013–2016 permalink page: the screen name only in the account group, a hashtag link,
    an emoji image, a t.co link with hidden parts, a pic link, ``_timestamp[data-time]``, an
    og:description in curly quotes ending with the t.co link, and optionally a reply below."""
    e = html.escape
    words = e(text).split(" ")
    tag = words[-1].lstrip("#")
    body_words = " ".join(words[:-1])
    reply = ""
    if reply_id:
        reply = f"""<li class="js-stream-item stream-item" data-item-id="{reply_id}">
<div class="tweet js-stream-tweet" data-tweet-id="{reply_id}">
<span class="username js-action-profile-name"><s>@</s><b>SomeoneElse</b></span>
<p class="TweetTextSize js-tweet-text tweet-text">Replying: this is not the post.</p>
</div></li>"""
    return f"""<!DOCTYPE html>
<html lang="en" data-scribe-reduced-action-queue="true"><head>
<meta charset="utf-8">
<title>{e(name)} on Twitter: &quot;{e(text)} https://t.co/Zx9Lm2Qa&quot;</title>
<meta property="og:url" content="https://twitter.com/{handle}/status/{post_id}">
<meta property="og:description" content="“{e(text)} https://t.co/Zx9Lm2Qa”">
<script>window.initData = {{"deciders": {{}}}};</script>
</head><body class="three-col logged-out user-style-{handle.lower()} PermalinkPage">
<div class="permalink-container"><div class="permalink-inner permalink-tweet-container">
<div class="tweet permalink-tweet js-actionable-user js-actionable-tweet js-original-tweet"
 data-tweet-id="{post_id}" data-item-id="{post_id}" data-permalink-path="/{handle}/status/{post_id}">
<div class="content clearfix"><div class="permalink-header">
<a class="account-group js-account-group js-action-profile js-user-profile-link" href="/{handle}">
<strong class="fullname show-popup-with-id">{e(name)}</strong>
<span class="username js-action-profile-name"><s>@</s><b>{handle}</b></span></a>
</div></div>
<div class="js-tweet-text-container">
<p class="TweetTextSize TweetTextSize--26px js-tweet-text tweet-text" lang="en"
 data-aria-label-part="0">{body_words} <a href="/hashtag/{tag}?src=hash" data-query-source="hashtag_click"
 class="twitter-hashtag pretty-link js-nav" dir="ltr"><s>#</s><b>{tag}</b></a> <img class="Emoji Emoji--forText"
 src="https://abs.twimg.com/emoji/v2/72x72/1f309.png" draggable="false" alt="🌉" title="Bridge at night"
 aria-label="Emoji: Bridge at night"><a href="https://t.co/Zx9Lm2Qa" rel="nofollow noopener" dir="ltr"
 data-expanded-url="https://example.org/roads/closures" class="twitter-timeline-link" target="_blank"
 title="https://example.org/roads/closures"><span class="tco-ellipsis"></span><span class="invisible">https://</span><span
 class="js-display-url">example.org/roads/clos</span><span class="invisible">ures</span><span class="tco-ellipsis"><span
 class="invisible">&nbsp;</span>…</span></a><a href="https://t.co/Pq7Rs8Tu" class="twitter-timeline-link u-hidden"
 data-pre-embedded="true" dir="ltr">pic.twitter.com/Pq7Rs8Tu</a></p>
</div>
<div class="client-and-actions"><span class="metadata">
<a href="/{handle}/status/{post_id}" class="tweet-timestamp js-permalink js-nav js-tooltip"
 title="7:40 AM - 2 Apr 2014"><span class="_timestamp js-short-timestamp" data-aria-label-part="last"
 data-time="{epoch}" data-time-ms="{epoch}000" data-long-form="true">7:40 AM - 2 Apr 2014</span></a>
</span></div></div></div></div>
<ol class="stream-items js-navigable-stream" id="stream-items-id">{reply}</ol>
</body></html>
""".encode()


def old_2010_html(handle: str, post_id: str, text: str, when: str, charset: str) -> bytes:
    """A 2009–2010 status page (``span.entry-content`` in ``#status_{id}``), in ``charset``."""
    e = html.escape
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en" lang="en"><head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}" />
<meta content="{handle}" name="page-user-screen_name" />
<title>Twitter / {handle}: {e(text)}</title>
</head><body class="status" id="show">
<div id="container" class="subpage"><div id="permalink">
<div class="full-entry">
<ol class="statuses"><li class="hentry status latest-status" id="status_{post_id}">
<span class="status-body"><span class="entry-content">{e(text)}</span>
<span class="meta entry-meta"><a class="entry-date" rel="bookmark" href="https://twitter.com/{handle}/status/{post_id}">
<span class="published timestamp" data="{{time:'{when}'}}">about 1 hour ago</span></a>
<span>from web</span></span></span></li></ol>
<a href="/{handle}" class="tweet-url screen-name">{handle}</a>
</div></div></div></body></html>
""".encode(charset)


def mobile_html(handle: str, name: str, post_id: str, text: str) -> bytes:
    """A legacy mobile.twitter.com status page (``table.main-tweet``)."""
    e = html.escape
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<title>{e(name)} on Twitter: "{e(text)}"</title>
<link rel="canonical" href="https://twitter.com/{handle}/status/{post_id}"></head>
<body class="tweets-show-page"><div id="container"><div id="main_content">
<div class="timeline"><table class="main-tweet" summary="Tweet">
<tr class="tweet-header"><td class="avatar" rowspan="3"><a href="/{handle}"><img alt="{e(name)}"
 src="https://pbs.twimg.com/profile_images/1/a_bigger.jpg"></a></td>
<td class="user-info"><a href="/{handle}"><div class="fullname">{e(name)}</div>
<span class="username"><span>@</span>{handle}</span></a></td></tr>
<tr><td colspan="2" class="tweet-content"><div class="tweet-text" data-id="{post_id}">
<div class="dir-ltr" dir="ltr">{e(text)}</div></div></td></tr>
<tr><td colspan="2" class="meta-and-actions"><span class="metadata">
<a href="/{handle}/status/{post_id}">4:05 PM - 11 Jun 2017</a></span></td></tr>
</table></div></div></div></body></html>
""".encode()


def title_only_html(name: str, text: str) -> bytes:
    """An X-era app shell whose post survives only in the ``<title>``."""
    e = html.escape
    return f"""<!DOCTYPE html><html dir="ltr" lang="en"><head><meta charset="utf-8">
<title>{e(name)} on X: &quot;{e(text)}&quot; / X</title></head>
<body><noscript>JavaScript is not available.</noscript><div id="react-root"></div></body></html>
""".encode()


def nitter_html(handle: str, name: str, post_id: str, text: str, title: str) -> bytes:
    """A nitter-style mirror page (``div.main-tweet`` with ``div.tweet-content``)."""
    e = html.escape
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{e(name)} (@{handle}): "{e(text)}" | nitter</title></head>
<body><div class="container"><div class="conversation"><div class="main-thread">
<div id="m" class="main-tweet"><div class="timeline-item" data-username="{handle}">
<div class="tweet-body"><div><div class="tweet-header">
<a class="tweet-avatar" href="/{handle}"><img class="avatar round" src="/pic/x.jpg" alt=""></a>
<div class="tweet-name-row"><div class="fullname-and-username">
<a class="fullname" href="/{handle}" title="{e(name)}">{e(name)}</a>
<a class="username" href="/{handle}" title="@{handle}">@{handle}</a></div>
<span class="tweet-date"><a href="/{handle}/status/{post_id}#m" title="{title}">1h</a></span>
</div></div></div>
<div class="tweet-content media-body" dir="auto">{e(text)}</div>
</div></div></div></div></div></div></body></html>
""".encode()


def api_v1_json(handle: str, post_id: str, text: str, created: str) -> bytes:
    """A v1.1 ``statuses/show`` answer (text HTML-escaped, as the API sends it)."""
    record = {
        "created_at": created,
        "id": int(post_id),
        "id_str": post_id,
        "full_text": html.escape(text, quote=False),
        "truncated": False,
        "entities": {"hashtags": [], "urls": []},
        "user": {"id_str": "3000", "screen_name": handle, "name": handle},
    }
    return json.dumps(record).encode()


def api_v2_json(handle: str, post_id: str, text: str, created: str) -> bytes:
    """A v2 ``tweets/:id`` answer with the author expanded."""
    record = {
        "data": {"id": post_id, "text": text, "author_id": "4000", "created_at": created},
        "includes": {"users": [{"id": "4000", "username": handle, "name": handle}]},
    }
    return json.dumps(record).encode()


def oembed_json(handle: str, name: str, post_id: str, text: str, when: str) -> bytes:
    """An oEmbed answer: the official blockquote in ``html``."""
    e = html.escape
    blockquote = (
        f'<blockquote class="twitter-tweet"><p lang="en" dir="ltr">{e(text)} '
        f'<a href="https://t.co/Hj4Kl5Mn">pic.twitter.com/Hj4Kl5Mn</a></p>&mdash; {e(name)} '
        f'(@{handle}) <a href="https://twitter.com/{handle}/status/{post_id}?ref_src=twsrc%5Etfw">'
        f"{when}</a></blockquote>\n"
    )
    record = {
        "url": f"https://twitter.com/{handle}/status/{post_id}",
        "author_name": name,
        "author_url": f"https://twitter.com/{handle}",
        "html": blockquote,
        "type": "rich",
        "provider_name": "Twitter",
    }
    return json.dumps(record).encode()


def graphql_json(handle: str, post_id: str, text: str, created: str) -> bytes:
    """A GraphQL ``TweetResultByRestId`` answer (the post behind a visibility wrapper)."""
    tweet = {
        "__typename": "Tweet",
        "rest_id": post_id,
        "core": {"user_results": {"result": {"legacy": {"screen_name": handle}}}},
        "legacy": {"full_text": text, "created_at": created, "id_str": post_id},
    }
    wrapped = {"__typename": "TweetWithVisibilityResults", "tweet": tweet}
    return json.dumps({"data": {"tweetResult": {"result": wrapped}}}).encode()


def graphql_tombstone_json(sentence: str) -> bytes:
    """A GraphQL answer whose post is a ``TweetTombstone``."""
    stone = {"__typename": "TweetTombstone", "tombstone": {"text": {"text": sentence}}}
    return json.dumps({"data": {"tweetResult": {"result": stone}}}).encode()


def api_error_json(code: int, message: str) -> bytes:
    """A v1.1 error answer (``{"errors": [{"code", "message"}]}``)."""
    return json.dumps({"errors": [{"code": code, "message": message}]}).encode()


def notice_html(sentence: str) -> bytes:
    """A legacy page announcing the post is gone (withheld, unavailable, age-restricted)."""
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>Twitter</title></head>
<body class="three-col logged-out"><div class="permalink-container">
<div class="StreamItemContent--withheld"><p class="tombstone-text">{html.escape(sentence)}</p>
</div></div></body></html>
""".encode()
