"""Rendering for notebooks and terminals: HTML tables and cards, plain-text summaries.

Everything a document or an archive supplied — post text, names, handles, dates as written,
URLs — is HTML-escaped before it reaches markup, attribute values included, and only
``http(s)`` URLs ever become links; the plain-text views show control characters as escapes
(:func:`mediacite.encoders.terminal_text`). These helpers back the ``_repr_html_`` and
``_repr_pretty_`` methods of :class:`~mediacite.models.Citation`,
:class:`~mediacite.models.Resolution` and the result lists (prose mentions too); nothing here
imports IPython.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol, TypeAlias, TypeGuard, cast

from mediacite.encoders import terminal_text
from mediacite.formats import post_url

if TYPE_CHECKING:
    from mediacite.models import Citation, Mention, Resolution

__all__ = [
    "MAX_ROWS",
    "PLATFORM_ICONS",
    "STATUS_COLORS",
    "PrettyPrinter",
    "citation_html",
    "citation_text",
    "mention_table_html",
    "mention_table_text",
    "resolution_html",
    "resolution_text",
    "table_html",
    "table_text",
]

MAX_ROWS = 60
"""Rows shown by the list reprs; longer lists show their head and tail."""

PLATFORM_ICONS: dict[str, str] = {
    "twitter": "\U0001f426",
    "instagram": "\U0001f4f7",
    "bluesky": "\U0001f98b",
    "mastodon": "\U0001f418",
    "threads": "\U0001f9f5",
    "tiktok": "\U0001f3b5",
    "youtube": "\u25b6\ufe0f",
    "facebook": "\U0001f4d8",
    "telegram": "\u2708\ufe0f",
    "reddit": "\U0001f47d",
}
"""A small icon per platform for the HTML table (a link symbol for others)."""

STATUS_COLORS: dict[str, str] = {
    "verified": "#1a7f37",
    "archived": "#0969da",
    "mismatch": "#bc4c00",
    "unavailable": "#9a6700",
    "not_archived": "#6e7781",
    "ambiguous": "#8250df",
    "error": "#cf222e",
}
"""Badge colour of each resolution status."""

_EXCERPT = 120
_TEXT_EXCERPT = 60
_STYLE = (
    "<style>"
    "table.mediacite{border-collapse:collapse;font-size:0.9em}"
    "table.mediacite td,table.mediacite th{text-align:left;vertical-align:top;"
    "padding:2px 8px;border-bottom:1px solid rgba(128,128,128,0.3)}"
    "table.mediacite .mc-status{color:#fff;border-radius:3px;padding:0 4px;white-space:nowrap}"
    "</style>"
)


class PrettyPrinter(Protocol):
    """The part of IPython's pretty printer the ``_repr_pretty_`` methods use."""

    def text(self, obj: str) -> None:
        """Write ``obj``."""


Item: TypeAlias = "Citation | Resolution"


def _is_resolution(item: Item) -> TypeGuard[Resolution]:
    """Whether ``item`` is a resolution (it carries the citation it resolves).

    Presentation reads records by their fields, so it needs no run-time import of the models.
    """
    return hasattr(item, "citation")


def _citation_of(item: Item) -> Citation:
    """The citation an item is, or resolves."""
    return item.citation if _is_resolution(item) else cast("Citation", item)


def _e(value: object) -> str:
    return html.escape("" if value is None else str(value))


def _excerpt(text: str | None, limit: int) -> str:
    if not text:
        return ""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def _link(url: str | None, shown: str) -> str:
    """Link an http(s) URL; anything else is shown as escaped text only."""
    if url and url.startswith(("https://", "http://")):
        return f'<a href="{_e(url)}" target="_blank" rel="noopener noreferrer">{_e(shown)}</a>'
    return _e(shown)


def _platform_cell(platform: str) -> str:
    icon = PLATFORM_ICONS.get(platform, "\U0001f517")
    return f'<span title="{_e(platform)}">{icon}</span> {_e(platform)}'


def _text_cell(c: Citation) -> str:
    if not c.text:
        return ""
    return f'<span title="{_e(c.text)}">{_e(_excerpt(c.text, _EXCERPT))}</span>'


def _date_cell(c: Citation) -> str:
    url = post_url(c)
    return _link(url, c.date or c.date_text or ("post" if url else ""))


def _media_cell(c: Citation) -> str:
    return "<br>".join(_link(f"https://{m}", m) for m in c.media)


def _status_badge(r: Resolution) -> str:
    color = STATUS_COLORS.get(r.status, "#6e7781")
    badge = f'<span class="mc-status" style="background:{color}">{_e(r.status)}</span>'
    if r.snapshot is not None:
        badge += " " + _link(r.snapshot.archived_url, r.snapshot.captured_at)
    if r.error:
        badge += f"<br><small>{_e(_excerpt(r.error, _EXCERPT))}</small>"
    return badge


def _where(c: Citation) -> str:
    return f"{c.source}:{c.line}" if c.source else f"line {c.line}"


def _row(item: Item) -> str:
    c = _citation_of(item)
    cells = [
        _platform_cell(c.platform),
        _e(c.author),
        f"@{_e(c.handle)}" if c.handle else "",
        _date_cell(c),
        _text_cell(c),
        _media_cell(c),
        _e(_where(c)),
    ]
    if _is_resolution(item):
        cells.append(_status_badge(item))
    return "<tr>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>"


def _shown(items: Sequence[Item], max_rows: int) -> tuple[list[Item], int]:
    """Pick the rows to show; return them and how many are left out of the middle."""
    if len(items) <= max_rows:
        return list(items), 0
    half = max_rows // 2
    return [*items[:half], *items[len(items) - half :]], len(items) - 2 * half


def table_html(items: Sequence[Item], *, title: str, max_rows: int = MAX_ROWS) -> str:
    """Render citations or resolutions as an HTML table (resolutions get a status column)."""
    resolutions = any(_is_resolution(item) for item in items)
    headers = ["platform", "author", "handle", "date", "text", "media", "where"]
    if resolutions:
        headers.append("status")
    head = "<tr>" + "".join(f"<th>{h}</th>" for h in headers) + "</tr>"
    shown, omitted = _shown(items, max_rows)
    rows = [_row(item) for item in shown]
    if omitted:
        gap = f'<tr><td colspan="{len(headers)}">\u2026 {omitted} more \u2026</td></tr>'
        rows.insert(len(shown) // 2, gap)
    noun = "resolution" if resolutions else "citation"
    caption = f"{_e(title)}: {len(items)} {noun}{'' if len(items) == 1 else 's'}"
    return (
        f'{_STYLE}<table class="mediacite"><caption style="text-align:left">{caption}</caption>'
        f"<thead>{head}</thead><tbody>{''.join(rows)}</tbody></table>"
    )


def _fields(c: Citation) -> list[tuple[str, str]]:
    """Label and HTML value of each known field of a citation, for the single-item card."""
    fields = [
        ("platform", _platform_cell(c.platform) + f" ({_e(c.kind)})"),
        ("author", _e(c.author)),
        ("handle", f"@{_e(c.handle)}" if c.handle else ""),
        ("date", _e(c.date) + (f" ({_e(c.date_text)})" if c.date_text else "")),
        ("posted at", _e(c.posted_at)),
        ("text", _e(c.text)),
        ("media", _media_cell(c)),
        ("links", "<br>".join(_link(u, u) for u in c.urls)),
        ("url", _link(c.url, c.url or "")),
        ("where", _e(f"{_where(c)}:{c.column}")),
        ("flags", _e(", ".join(c.flags))),
    ]
    return [(label, value) for label, value in fields if value]


def _card(fields: list[tuple[str, str]], title: str) -> str:
    rows = "".join(f"<tr><th>{label}</th><td>{value}</td></tr>" for label, value in fields)
    return (
        f'{_STYLE}<table class="mediacite"><caption style="text-align:left">{_e(title)}'
        f"</caption><tbody>{rows}</tbody></table>"
    )


def citation_html(citation: Citation) -> str:
    """One citation as an HTML card (only the fields it knows)."""
    return _card(_fields(citation), "Citation")


def resolution_html(resolution: Resolution) -> str:
    """One resolution as an HTML card: status and snapshot first, then the citation."""
    fields = [("status", _status_badge(resolution))]
    snapshot = resolution.snapshot
    if snapshot is not None:
        fields.append(("archive", _e(snapshot.archive)))
        fields.append(("original", _link(snapshot.original_url, snapshot.original_url)))
    if resolution.evidence:
        evidence = ", ".join(f"{k}: {v}" for k, v in resolution.evidence.items())
        fields.append(("evidence", _e(evidence)))
    return _card(fields + _fields(resolution.citation), "Resolution")


def _summary(c: Citation) -> str:
    who = f"@{c.handle}" if c.handle else (c.author or "?")
    return f"{who:<20} {c.date or '?':<10} {_excerpt(c.text or c.url or '', _TEXT_EXCERPT)}"


def _text_line(item: Item, width: int) -> str:
    if _is_resolution(item):
        return f"{item.status:<12} {_summary(item.citation)}"
    c = _citation_of(item)
    return f"{_where(c):<{width}} {_summary(c)}"


def table_text(items: Sequence[Item], *, title: str, max_rows: int = MAX_ROWS) -> str:
    """Render a plain-text listing for terminals: one line per item."""
    noun = "resolution" if any(_is_resolution(i) for i in items) else "citation"
    lines = [f"{title}: {len(items)} {noun}{'' if len(items) == 1 else 's'}"]
    shown, omitted = _shown(items, max_rows)
    width = max((len(_where(_citation_of(i))) for i in shown if not _is_resolution(i)), default=0)
    body = [_text_line(item, width) for item in shown]
    if omitted:
        body.insert(len(shown) // 2, f"\u2026 {omitted} more \u2026")
    return terminal_text("\n".join(lines + ["  " + line for line in body]))


def citation_text(citation: Citation) -> str:
    """One citation as a few labelled lines for terminals."""
    c = citation
    lines = [f"Citation({c.platform} {c.kind}, {_where(c)}:{c.column})"]
    for label, value in (
        ("author", c.author),
        ("handle", f"@{c.handle}" if c.handle else None),
        ("date", c.date and c.date + (f" ({c.date_text})" if c.date_text else "")),
        ("text", c.text),
        ("media", " ".join(c.media)),
        ("url", c.url),
    ):
        if value:
            lines.append(f"  {label:<7} {value}")
    return terminal_text("\n".join(lines))


def resolution_text(resolution: Resolution) -> str:
    """One resolution for terminals: status and archived URL, then the citation."""
    lines = [f"Resolution({resolution.status})"]
    if resolution.snapshot is not None:
        s = resolution.snapshot
        lines.append(f"  archived {s.archived_url} ({s.archive}, {s.captured_at})")
    if resolution.error:
        lines.append(f"  error   {resolution.error}")
    lines.extend("  " + line for line in citation_text(resolution.citation).splitlines())
    return terminal_text("\n".join(lines))


def _mention_row(m: Mention) -> str:
    who = " ".join(filter(None, (m.author, f"@{m.handle}" if m.handle else None)))
    backing = f"{m.sourced.line}:{m.sourced.column}" if m.sourced else "no"
    cells = [
        _platform_cell(m.platform),
        _e(who),
        _e(m.cue),
        _e(m.date or m.date_text),
        f'<span title="{_e(m.sentence)}">{_e(_excerpt(m.sentence, _EXCERPT))}</span>',
        _e(backing),
        _e(f"{m.source}:{m.line}" if m.source else f"line {m.line}"),
    ]
    return "<tr>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>"


def mention_table_html(mentions: Sequence[Mention], *, title: str, max_rows: int = MAX_ROWS) -> str:
    """Render prose mentions of posts as an HTML table.

    The ``cited`` column says where the backing citation sits, or ``no``.
    """
    headers = ["platform", "who", "cue", "date", "sentence", "cited", "where"]
    head = "<tr>" + "".join(f"<th>{h}</th>" for h in headers) + "</tr>"
    half = max_rows // 2
    shown = list(mentions) if len(mentions) <= max_rows else [*mentions[:half], *mentions[-half:]]
    rows = [_mention_row(m) for m in shown]
    omitted = len(mentions) - len(shown)
    if omitted:
        gap = f'<tr><td colspan="{len(headers)}">\u2026 {omitted} more \u2026</td></tr>'
        rows.insert(len(shown) // 2, gap)
    caption = f"{_e(title)}: {len(mentions)} mention{'' if len(mentions) == 1 else 's'}"
    return (
        f'{_STYLE}<table class="mediacite"><caption style="text-align:left">{caption}</caption>'
        f"<thead>{head}</thead><tbody>{''.join(rows)}</tbody></table>"
    )


def mention_table_text(mentions: Sequence[Mention], *, title: str, max_rows: int = MAX_ROWS) -> str:
    """Render prose mentions for terminals: one line per mention, saying whether it is cited."""
    lines = [f"{title}: {len(mentions)} mention{'' if len(mentions) == 1 else 's'}"]
    for m in list(mentions)[:max_rows]:
        cited = "cited" if m.sourced else "NOT CITED"
        who = _excerpt(m.author or (f"@{m.handle}" if m.handle else "?"), 24)
        lines.append(
            f"  line {m.line:<5} {m.platform:<10} {cited:<9} {who:<24} "
            f"{_excerpt(m.sentence, _TEXT_EXCERPT)}"
        )
    if len(mentions) > max_rows:
        lines.append(f"  \u2026 {len(mentions) - max_rows} more \u2026")
    return terminal_text("\n".join(lines))
