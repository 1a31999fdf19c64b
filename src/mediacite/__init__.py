"""mediacite: find social-media post citations in articles and prove them against web archives.

The public façade::

    import mediacite

    citations = mediacite.extract(open("story.txt", "rb").read())
    for c in citations:
        print(c.handle, c.date, c.media)

Extraction (:func:`extract`, :func:`extract_text`, :func:`extract_html`, :func:`extract_path`)
never touches the network. ``extract(..., mentions=True)`` (or :func:`extract_mentions`) also
finds the sentences that report a post without citing it ("Trump tweeted on Monday that …").
Resolution against web archives lives in :mod:`mediacite.resolve`, imported on first use;
``mediacite.resolve(citations, archive=...)`` resolves a list.
"""

from __future__ import annotations

import importlib
import sys
from typing import TYPE_CHECKING, Any

from mediacite.errors import (
    ArchiveError,
    ArchiveRejected,
    ArchiveResponseError,
    ArchiveTimeout,
    ArchiveUnavailable,
    BinaryInputError,
    BlockedHost,
    DecodingError,
    InputError,
    MediaciteError,
    RateLimited,
)
from mediacite.extract import extract, extract_html, extract_mentions, extract_path, iter_path
from mediacite.extract.text import extract_text
from mediacite.formats import STYLES, format_citation, robust_link
from mediacite.models import Backing, Citation, Mention, Resolution, Snapshot, Span
from mediacite.results import CitationList, MentionList, ResolutionList

__all__ = [
    "STYLES",
    "ArchiveError",
    "ArchiveRejected",
    "ArchiveResponseError",
    "ArchiveTimeout",
    "ArchiveUnavailable",
    "Backing",
    "BinaryInputError",
    "BlockedHost",
    "Citation",
    "CitationList",
    "DecodingError",
    "InputError",
    "MediaciteError",
    "Mention",
    "MentionList",
    "RateLimited",
    "Resolution",
    "ResolutionList",
    "Snapshot",
    "Span",
    "__version__",
    "extract",
    "extract_html",
    "extract_mentions",
    "extract_path",
    "extract_text",
    "format_citation",
    "iter_path",
    "resolve",
    "robust_link",
]

__version__ = "0.1.0"

if TYPE_CHECKING:
    from mediacite.resolve.resolver import resolve as resolve


def __getattr__(name: str) -> Any:
    """Import :mod:`mediacite.resolve` (httpx and all) only when it is first used."""
    if name == "resolve":
        importlib.import_module("mediacite.resolve")
        return sys.modules["mediacite.resolve"]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
