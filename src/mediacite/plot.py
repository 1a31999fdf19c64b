"""The citation timeline: posts cited per day per handle, resolved vs. unresolved.

matplotlib is imported when :func:`timeline` is called, never with :mod:`mediacite`; it comes
with the ``mediacite[plot]`` extra.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Literal

from mediacite.formats import ARCHIVED_STATUSES
from mediacite.models import Citation, Resolution

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["UNKNOWN_HANDLE", "timeline"]

UNKNOWN_HANDLE = "(no handle)"
"""The row label of citations whose handle is unknown (bare media links)."""

State = Literal["cited", "resolved", "unresolved"]

_STYLES: dict[State, dict[str, Any]] = {
    "cited": {"offset": 0.0, "color": "#0969da", "facecolors": "#0969da", "label": "cited"},
    "resolved": {
        "offset": -0.15,
        "color": "#1a7f37",
        "facecolors": "#1a7f37",
        "label": "resolved (archived)",
    },
    "unresolved": {
        "offset": 0.15,
        "color": "#bc4c00",
        "facecolors": "none",
        "label": "unresolved",
    },
}
_AREA = 70.0


def _import_matplotlib() -> tuple[Any, Any]:
    """Import pyplot and matplotlib.dates, or explain which extra provides them."""
    try:
        import matplotlib.dates as mdates
        import matplotlib.pyplot as plt
    except ImportError as exc:
        raise ImportError("timeline() needs matplotlib: pip install 'mediacite[plot]'") from exc
    return plt, mdates


def _state(item: Citation | Resolution) -> State:
    if isinstance(item, Citation):
        return "cited"
    return "resolved" if item.snapshot and item.status in ARCHIVED_STATUSES else "unresolved"


def _day(iso: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(iso[:10]) if iso else None
    except ValueError:
        return None


def timeline(
    items: Iterable[Citation | Resolution],
    *,
    ax: Axes | None = None,
    title: str | None = None,
) -> Axes:
    """Plot how many posts each handle had cited on each day.

    One row per handle (most cited first), one dot per day, its area growing with the count
    (written beside it when above one). Resolutions are split into resolved (found archived:
    filled) and unresolved (hollow); plain citations are drawn as "cited". Citations without
    a date cannot be placed; the title says how many were left out. Draws on ``ax`` or on a
    new figure, and returns the axes.
    """
    plt, mdates = _import_matplotlib()

    counts: Counter[tuple[str, dt.date, State]] = Counter()
    undated = 0
    for item in items:
        citation = item.citation if isinstance(item, Resolution) else item
        day = _day(citation.date)
        if day is None:
            undated += 1
            continue
        counts[(citation.handle or UNKNOWN_HANDLE, day, _state(item))] += 1

    per_handle: Counter[str] = Counter()
    for (handle, _, _), n in counts.items():
        per_handle[handle] += n
    handles = sorted(per_handle, key=lambda h: (-per_handle[h], h.lower()))
    row = {handle: i for i, handle in enumerate(handles)}

    if ax is None:
        _, ax = plt.subplots(figsize=(8.0, 1.5 + 0.4 * min(len(handles), 40)))
    for state, style in _STYLES.items():
        cells = [(key, n) for key, n in counts.items() if key[2] == state]
        if not cells:
            continue
        xs = [float(mdates.date2num(day)) for (_, day, _), _ in cells]
        ys = [row[handle] + style["offset"] for (handle, _, _), _ in cells]
        ax.scatter(
            xs,
            ys,
            s=[_AREA * n for _, n in cells],
            facecolors=style["facecolors"],
            edgecolors=style["color"],
            linewidths=1.5,
            label=style["label"],
            zorder=3,
        )
        for x, y, (_, n) in zip(xs, ys, cells, strict=True):
            if n > 1:
                ax.annotate(str(n), (x, y), xytext=(8, -4),
                            textcoords="offset points", fontsize=8)  # fmt: skip

    ax.set_yticks(range(len(handles)), [h if h == UNKNOWN_HANDLE else "@" + h for h in handles])
    ax.set_ylim(max(len(handles), 1) - 0.5, -0.5)
    days = sorted({day for (_, day, _) in counts})
    if days:
        pad = dt.timedelta(days=1)
        ax.set_xlim(mdates.date2num(days[0] - pad), mdates.date2num(days[-1] + pad))
        span = (days[-1] - days[0]).days + 2
        locator = (
            mdates.DayLocator(interval=max(1, span // 8))
            if span <= 60
            else mdates.AutoDateLocator(maxticks=10)
        )
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, markerscale=0.7)
    else:
        ax.text(0.5, 0.5, "no dated citations", ha="center", va="center", transform=ax.transAxes)
    ax.grid(axis="x", alpha=0.3)
    heading = title or "Posts cited per day per handle"
    if undated:
        heading += f" ({undated} undated not shown)"
    ax.set_title(heading)
    ax.set_xlabel("date cited")
    return ax
