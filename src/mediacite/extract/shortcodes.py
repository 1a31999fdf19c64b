"""Site generators' shortcodes and components: read the calls in a story, and the posts they embed.

Static-site generators embed posts with template calls rather than HTML. :func:`scan` reads
each call in a text into a :class:`Call` (syntax, name, named and positional arguments, span):

* Hugo ``{{< name args >}}`` and ``{{% name args %}}``;
* Liquid and Nunjucks tags ``{% name args %}``, with ``{% include file.html args %}`` named
  after the included file (``tweet.html`` → ``tweet``);
* Zola and Tera ``{{ name(key=value, …) }}`` (also without its closing parenthesis);
* MDX, JSX, Astro and Svelte components ``<Name attr="…" attr={…} />`` (a capitalised name
  that is not all capitals, so ``<IFRAME>`` stays HTML), and custom elements (web
  components) ``<lite-youtube videoid="…">``, whose names hold a hyphen;
* Zenn ``@[name](argument)``; WordPress ``[name]content[/name]``, and ``[name args]`` when
  the name names a platform (``[tweet URL]``, ``[youtube URL]``);
* Markdown image syntax ``![alt](URL)``, which Obsidian and several site plugins render as an
  embed when the URL is a post.

It also reports what the template layer itself marks as code or comment, which is never a
citation: Hugo's escaped ``{{</* … */>}}``, Go ``{{/* … */}}``, Nunjucks ``{# … #}``, MDX
``{/* … */}`` and kramdown ``{::comment}`` comments, and the bodies of ``raw``, ``comment``,
``highlight``, ``code`` and ``codeblock`` blocks in Liquid or Hugo syntax.

:func:`embedded_post` asks the platforms (their :class:`~mediacite.extract.platforms._shared.
Embeds`) which post a call cites: any argument that is a post URL, whatever the call's name;
otherwise, for a call whose name names a platform, a path on the platform's site or a bare id
in its grammar, given positionally or by an id-like attribute (``id``, ``tweetId``,
``videoId``, ``status``, ``code`` …). So an unknown component is found by rule, not by a list
of names.

The scan is one pass over the text: each opener is looked at once, closers are found with
cached forward searches, and every pattern is possessive, so hostile input stays linear.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import attrs
import regex

from mediacite._patterns import compile_later
from mediacite.models import Kind

if TYPE_CHECKING:
    from mediacite.extract.platforms import Platform

__all__ = ["Call", "Embedded", "embedded_post", "scan"]

MAX_CALL_CHARS = 4096
"""Longest shortcode or component call read (its name and arguments); JSX props spread over a
few lines stay far below it."""

MAX_NAME_CHARS = 64
"""Longest shortcode or component name looked at for a platform's name."""

MAX_CHILDREN_CHARS = 2048
"""How far the closing tag of a component with children (``<Tweet>URL</Tweet>``) is looked for."""

MAX_COMMENT_CHARS = 1 << 16
"""How far the end of a template comment is looked for; an opener without one is text."""

MAX_BLOCK_CHARS = 1 << 20
"""How far the end of a raw, comment or highlight block is looked for."""

_CODE_BLOCKS = frozenset({"raw", "comment", "highlight", "code", "codeblock", "verbatim"})
"""Block calls whose body is code or a comment (Liquid, Jinja, Nunjucks and Hugo share them)."""

_INCLUDES = frozenset({"include", "includerelative", "includecached", "render"})
"""Liquid tags whose first argument is the file that does the work (``tweet.html``)."""

_USER_KEYS = frozenset({"user", "username", "handle", "author", "screenname", "account"})
_HOST_KEYS = frozenset({"host", "instance", "server", "domain"})
_ID_KEYS = frozenset({"id", "status", "code", "shortcode", "post", "video", "v"})
"""Attribute names (normalised) that hold a bare post id, besides every name ending in ``id``."""

_OPENER = compile_later(
    r"\{::comment\}|\{\{[<%]|\{%|\{\{|\{#|\{/\*|<[A-Z][\w.]*+|<[a-z][a-z0-9]*+-[a-z0-9-]*+"
    r"|@\[[a-z]|!\[|\[[a-z][\w-]*+[\s\]]"
)
_QUOTED = r""""(?:[^"\\]|\\.)*+"|'(?:[^'\\]|\\.)*+'|`[^`]*+`"""
_BRACED = r"\{(?:[^{}]|\{[^{}]*+\})*+\}"
_ARG = compile_later(
    r"[\s,]*+(?:(?P<key>[A-Za-z_@:][\w.:-]*+)\s*+=\s*+)?+"
    r"(?P<value>" + _QUOTED + r"|" + _BRACED + r"|[^\s,\"'`{}=<>]++(?:=[^\s,\"'`{}<>]*+)*+)"
)
_TAG_REST = compile_later(r"(?:[^>\"'`{}]|" + _QUOTED + r"|" + _BRACED + r")*+>")
_ZOLA = compile_later(r"([A-Za-z_][\w-]*+)\s*+\(")
_ZENN = compile_later(r"@\[([a-z][\w-]*+)\]\(\s*+([^()\s]++)[^()]*+\)")
_IMAGE = compile_later(
    r"!\[[^\[\]\n]{0,1000}+\]\(\s*+<?+([^\s<>()]++)>?+"
    r"(?:\s++(?:\"[^\"\n]*+\"|'[^'\n]*+'|\([^()\n]*+\)))?+\s*+\)"
)
_WORDPRESS = compile_later(r"\[([a-z][\w-]*+)((?:\s[^\[\]\n]*+)?+)\]")
_NAME = compile_later(r"[^\s(\"']*+")
_NOT_ALNUM = compile_later(r"[^a-z0-9]++")
_NAME_WORDS = compile_later(r"[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])")
"""The words of a name written in snake, kebab, camel or Pascal case."""


@attrs.frozen
class Call:
    """One shortcode or component call as written in a story."""

    syntax: str
    """``hugo``, ``liquid``, ``zola``, ``jsx``, ``zenn``, ``wordpress`` or ``image``."""
    name: str
    """The call's name as written (for includes, the included file's stem)."""
    attributes: tuple[tuple[str, str], ...]
    """Named arguments, ``(name, value)``, values unquoted."""
    args: tuple[str, ...]
    """Positional arguments, unquoted (a component's text content is one)."""
    start: int
    end: int


@attrs.frozen
class Embedded:
    """The post a call embeds, and the platform it is on."""

    platform: Platform
    fields: dict[str, Any]
    """Citation fields: ``post_id``, ``handle``, ``url`` (and what the platform adds)."""
    kind: Kind


class _Closers:
    """Forward searches for closing delimiters, cached so that many openers cost one pass."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._next: dict[str, tuple[int, int]] = {}
        """By needle: where the last search started and what it found (-1 for nothing)."""

    def find(self, needle: str, pos: int, limit: int) -> int:
        """The first ``needle`` at or after ``pos`` and before ``pos + limit``, else -1."""
        since, at = self._next.get(needle, (len(self.text) + 1, -1))
        if since > pos or (0 <= at < pos):
            at = self.text.find(needle, pos)
            self._next[needle] = (pos, at)
        return at if at >= 0 and at - pos < limit else -1


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == "{" and value[-1] == "}":
        value = value[1:-1].strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'`":
        value = value[1:-1]
    return value.strip()


def _arguments(inner: str) -> tuple[tuple[tuple[str, str], ...], tuple[str, ...]]:
    """Named and positional arguments of a call's argument text."""
    named: list[tuple[str, str]] = []
    positional: list[str] = []
    pos = 0
    while pos < len(inner):
        m = _ARG.match(inner, pos)
        if m is None or m.end() == pos:
            pos += 1
            continue
        value = _unquote(m.group("value"))
        if m.group("key"):
            named.append((m.group("key"), value))
        elif value:
            positional.append(value)
        pos = m.end()
    return tuple(named), tuple(positional)


def _split_name(inner: str) -> tuple[str, str]:
    """A call's name and the text of its arguments."""
    inner = inner.strip()
    name = _NAME.match(inner)
    cut = name.end() if name else 0
    return inner[:cut], inner[cut:]


def scan(text: str) -> tuple[list[Call], list[tuple[int, int]]]:
    """The calls in ``text``, and the spans the template layer marks as code or comment.

    ``text`` is a story whose Markdown code and HTML comments are already blanked out.
    """
    calls: list[Call] = []
    code: list[tuple[int, int]] = []
    closers = _Closers(text)
    pos = 0
    while (m := _OPENER.search(text, pos)) is not None:
        found = _read(text, m, closers)
        if found is None:
            pos = m.start() + 1
            continue
        end, call = found
        if call is None:
            code.append((m.start(), end))
        elif call.name or call.args or call.attributes:
            calls.append(call)
        pos = max(end, m.start() + 1)
    return calls, code


_Found = tuple[int, "Call | None"]
"""Where a construct ends, and its call (``None`` for code or a comment)."""


def _read(text: str, m: regex.Match[str], closers: _Closers) -> _Found | None:
    opener = m.group()
    start = m.start()
    if opener in ("{{<", "{{%"):
        return _hugo(text, start, opener[2], closers)
    if opener == "{%":
        return _liquid(text, start, closers)
    if opener == "{{":
        return _double_brace(text, start, closers)
    if opener == "{#":
        return _comment(start, closers.find("#}", start + 2, MAX_COMMENT_CHARS), 2)
    if opener == "{/*":
        return _comment(start, closers.find("*/}", start + 3, MAX_COMMENT_CHARS), 3)
    if opener == "{::comment}":
        return _comment(start, closers.find("{:/comment}", m.end(), MAX_BLOCK_CHARS), 11)
    if opener.startswith("<"):
        return _component(text, m, closers)
    if opener.startswith("@["):
        zenn = _ZENN.match(text, start)
        if zenn is None:
            return None
        return zenn.end(), Call("zenn", zenn.group(1), (), (zenn.group(2),), start, zenn.end())
    if opener == "![":
        image = _IMAGE.match(text, start)
        if image is None:
            return None
        return image.end(), Call("image", "", (), (image.group(1),), start, image.end())
    return _wordpress(text, start, closers)


def _comment(start: int, close: int, width: int) -> _Found | None:
    return (close + width, None) if close >= 0 else None


def _hugo(text: str, start: int, delimiter: str, closers: _Closers) -> _Found | None:
    closer = ">}}" if delimiter == "<" else "%}}"
    body = start + 3
    while body < len(text) and text[body] in " \t":
        body += 1
    if text.startswith("/*", body):
        escaped_end = _escaped_end(closer).search(text, body, body + MAX_COMMENT_CHARS)
        return (escaped_end.end(), None) if escaped_end else None
    close = closers.find(closer, body, MAX_CALL_CHARS)
    if close < 0:
        return None
    end = close + 3
    name, rest = _split_name(text[body:close].rstrip().removesuffix("/"))
    if not name or name.startswith("/"):
        return end, Call("hugo", "", (), (), start, end)
    if name.lower() in _CODE_BLOCKS:
        pattern = _hugo_end(name.lower())
        block_end = pattern.search(text, end, end + MAX_BLOCK_CHARS)
        return (block_end.end() if block_end else end), None
    named, positional = _arguments(rest)
    return end, Call("hugo", name, named, positional, start, end)


@functools.cache
def _escaped_end(closer: str) -> regex.Pattern[str]:
    return regex.compile(r"\*/[ \t]*+" + regex.escape(closer))


@functools.cache
def _hugo_end(name: str) -> regex.Pattern[str]:
    return regex.compile(r"\{\{[<%]\s*+/\s*+" + regex.escape(name) + r"\s*+[>%]\}\}", regex.I)


@functools.cache
def _liquid_end(name: str) -> regex.Pattern[str]:
    return regex.compile(r"\{%-?+\s*+end" + regex.escape(name) + r"\s*+-?+%\}", regex.I)


def _liquid(text: str, start: int, closers: _Closers) -> _Found | None:
    close = closers.find("%}", start + 2, MAX_CALL_CHARS)
    if close < 0:
        return None
    end = close + 2
    inner = text[start + 2 : close].strip().strip("-").strip()
    name, rest = _split_name(inner)
    key = _NOT_ALNUM.sub("", name.lower())
    if key in _CODE_BLOCKS:
        block_end = _liquid_end(name.lower()).search(text, end, end + MAX_BLOCK_CHARS)
        return (block_end.end() if block_end else end), None
    named, positional = _arguments(rest)
    if key in _INCLUDES and positional:
        included = positional[0].rsplit("/", 1)[-1]
        name, positional = included.split(".", 1)[0], positional[1:]
    return end, Call("liquid", name, named, positional, start, end)


def _double_brace(text: str, start: int, closers: _Closers) -> _Found | None:
    body = start + 2
    while body < len(text) and text[body] in " \t-":
        body += 1
    if text.startswith("/*", body):
        close = closers.find("*/", body, MAX_COMMENT_CHARS)
        if close < 0:
            return None
        end = closers.find("}}", close, MAX_CALL_CHARS)
        return (end + 2, None) if end >= 0 else None
    close = closers.find("}}", body, MAX_CALL_CHARS)
    if close < 0:
        return None
    end = close + 2
    inner = text[body:close].strip().rstrip("-").rstrip()
    zola = _ZOLA.match(inner)
    if zola is None:
        return end, Call("zola", "", (), (), start, end)
    named, positional = _arguments(inner[zola.end() :].removesuffix(")"))
    return end, Call("zola", zola.group(1), named, positional, start, end)


def _component(text: str, m: regex.Match[str], closers: _Closers) -> _Found | None:
    name = m.group()[1:]
    if name.isupper():
        return None
    rest = _TAG_REST.match(text, m.end(), m.end() + MAX_CALL_CHARS)
    if rest is None:
        return None
    end = rest.end()
    inner = text[m.end() : end - 1]
    named, positional = _arguments(inner.rstrip().removesuffix("/"))
    if not inner.rstrip().endswith("/"):
        close = closers.find(f"</{name}>", end, MAX_CHILDREN_CHARS)
        if close >= 0:
            children = text[end:close].strip()
            if children and "<" not in children:
                positional = (*positional, children)
            end = close + len(name) + 3
    return end, Call("jsx", name, named, positional, m.start(), end)


def _wordpress(text: str, start: int, closers: _Closers) -> _Found | None:
    m = _WORDPRESS.match(text, start)
    if m is None or text[m.end() : m.end() + 1] in ("(", "[", ":"):
        return None
    name = m.group(1)
    named, positional = _arguments(m.group(2))
    close = closers.find(f"[/{name}]", m.end(), MAX_CALL_CHARS)
    if close >= 0:
        content = text[m.end() : close].strip()
        end = close + len(name) + 3
        return end, Call("wordpress", name, named, (*positional, content), start, end)
    if not (named or positional) or not _named(name):
        return None
    return m.end(), Call("wordpress", name, named, positional, start, m.end())


# -- which post a call embeds -------------------------------------------------------------


def _norm(name: str) -> str:
    return _NOT_ALNUM.sub("", name.lower())


def _named(name: str) -> list[Platform]:
    """The platforms a call's name names.

    A whole word of the name (``x`` in ``x_simple`` or ``XEmbed``) is one of a platform's
    ``names``, or one of its ``words`` occurs anywhere in it.
    """
    name = name[:MAX_NAME_CHARS]
    joined = _norm(name)
    if not joined:
        return []
    words = {w.lower() for w in _NAME_WORDS.findall(name)}
    return [
        p
        for p in _platforms()
        if words & set(p.EMBEDS.names) or any(w in joined for w in p.EMBEDS.words)
    ]


def _platforms() -> tuple[Platform, ...]:
    from mediacite.extract.platforms import PLATFORMS

    return PLATFORMS


def embedded_post(call: Call) -> Embedded | None:
    """The post ``call`` embeds, if it embeds one (see the module docs for the rules)."""
    platforms = _platforms()
    named = _named(call.name)
    values = [(_norm(k), v) for k, v in call.attributes] + [("", v) for v in call.args]
    ordered = named + [p for p in platforms if p not in named]
    for key, value in values:
        if "/" not in value:
            continue
        for platform in ordered:
            ref = platform.EMBEDS.parse_url(value)
            if ref is not None:
                kind: Kind = "link" if key == "href" and not named else "shortcode"
                return Embedded(platform, platform.EMBEDS.fields(ref), kind)
    for platform in named:
        found = _by_id(platform, values)
        if found is not None:
            return found
    return None


def _by_id(platform: Platform, values: list[tuple[str, str]]) -> Embedded | None:
    """A call that names ``platform``: a path on its site, or a bare id in its grammar."""
    embeds = platform.EMBEDS
    for _, value in values:
        if "/" in value and "://" not in value and not value.startswith("//"):
            for site in embeds.sites:
                ref = embeds.parse_url(site + value.lstrip("/"))
                if ref is not None:
                    return Embedded(platform, embeds.fields(ref), "shortcode")
    user = next((v.lstrip("@") for k, v in values if k in _USER_KEYS and v), None)
    host = next((v.split("://")[-1].strip("/") for k, v in values if k in _HOST_KEYS), None)
    ids = [v for k, v in values if (not k or k in _ID_KEYS or k.endswith("id")) and v]
    post_id = next((v for v in ids if embeds.post_id.fullmatch(v)), None)
    if post_id is None:
        return None
    for template in _templates(embeds.id_urls, user, host):
        ref = embeds.parse_url(template.format(id=post_id, user=user, host=host))
        if ref is not None:
            return Embedded(platform, embeds.fields(ref), "shortcode")
    return None


def _templates(templates: tuple[str, ...], user: str | None, host: str | None) -> Iterator[str]:
    """The URL templates whose placeholders the call fills."""
    for template in templates:
        if ("{user}" in template and not user) or ("{host}" in template and not host):
            continue
        yield template
