"""mediacite: find social-media post citations in articles and prove them against web archives.

The public façade::

    import mediacite

    citations = mediacite.extract(open("story.txt", "rb").read())
    for c in citations:
        print(c.handle, c.date, c.media)

Extraction (:func:`extract`, :func:`extract_text`, :func:`extract_html`, :func:`extract_path`,
:func:`extract_corpus`) never touches the network; :func:`extract_url` fetches one page.
``extract(..., mentions=True)`` (or :func:`extract_mentions`) also finds the sentences that
report a post, cited or not ("Trump tweeted on Monday that …").
Resolution against web archives lives in :mod:`mediacite.resolver`, imported on first use;
``mediacite.resolve(citations, archive=...)`` resolves a list.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from mediacite._api import (
    extract,
    extract_corpus,
    extract_html,
    extract_markdown,
    extract_mentions,
    extract_path,
    extract_text,
    extract_url,
    iter_path,
)
from mediacite.errors import (
    ArchiveError,
    ArchiveRejected,
    ArchiveResponseError,
    ArchiveTimeout,
    ArchiveUnavailable,
    BinaryInputError,
    BlockedHost,
    DecodingError,
    FetchError,
    InputError,
    LockfileError,
    MediaciteError,
    RateLimited,
    UntrustedArchive,
    UsageError,
)
from mediacite.formats import STYLES, format_citation, robust_link
from mediacite.models import REGIONS, Backing, Citation, Mention, Resolution, Snapshot, Span
from mediacite.results import CitationList, MentionList, ResolutionList

__all__ = [
    "REGIONS",
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
    "FetchError",
    "InputError",
    "LockfileError",
    "MediaciteError",
    "Mention",
    "MentionList",
    "RateLimited",
    "Resolution",
    "ResolutionList",
    "Snapshot",
    "Span",
    "UntrustedArchive",
    "UsageError",
    "__version__",
    "extract",
    "extract_corpus",
    "extract_html",
    "extract_markdown",
    "extract_mentions",
    "extract_path",
    "extract_text",
    "extract_url",
    "format_citation",
    "iter_path",
    "resolve",
    "robust_link",
]

if TYPE_CHECKING:
    from mediacite.resolver import resolve as resolve

    __version__: str


def __getattr__(name: str) -> Any:
    """Load what is costly only when it is first asked for.

    ``resolve`` imports :mod:`mediacite.resolver` (httpx and all); ``__version__`` reads the
    package metadata.
    """
    if name == "resolve":
        return importlib.import_module("mediacite.resolver").resolve
    if name == "__version__":
        from mediacite._version import version

        return version()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
