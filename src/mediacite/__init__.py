"""mediacite: find social-media post citations in articles and prove them against web archives.

The public façade::

    import mediacite

    citations = mediacite.extract(open("story.txt", "rb").read())
    for c in citations:
        print(c.handle, c.date, c.media)

Extraction (:func:`extract`, :func:`extract_text`, :func:`extract_html`, :func:`extract_path`)
never touches the network. Resolution against web archives lives in :mod:`mediacite.resolve`.
"""

from __future__ import annotations

from mediacite.errors import (
    ArchiveError,
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
from mediacite.extract import extract, extract_html, extract_path, iter_path
from mediacite.extract.text import extract_text
from mediacite.models import Citation, Resolution, Snapshot, Span
from mediacite.formats import STYLES, format_citation, robust_link
from mediacite.results import CitationList, ResolutionList

__all__ = [
    "ArchiveError",
    "ArchiveResponseError",
    "ArchiveTimeout",
    "ArchiveUnavailable",
    "BinaryInputError",
    "BlockedHost",
    "Citation",
    "CitationList",
    "DecodingError",
    "InputError",
    "MediaciteError",
    "STYLES",
    "RateLimited",
    "Resolution",
    "ResolutionList",
    "Snapshot",
    "Span",
    "__version__",
    "extract",
    "extract_html",
    "extract_path",
    "extract_text",
    "format_citation",
    "iter_path",
    "robust_link",
]

__version__ = "0.1.0"
