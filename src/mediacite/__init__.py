"""mediacite: find social-media post citations in articles and prove them against web archives.

The public façade::

    import mediacite

    citations = mediacite.extract(open("story.txt", "rb").read())
    for c in citations:
        print(c.handle, c.date, c.media)

Extraction (:func:`extract`, :func:`extract_text`, :func:`extract_html`, :func:`extract_path`,
:func:`extract_corpus`) never touches the network; :func:`extract_url` fetches one page.
Resolution against web archives lives in :mod:`mediacite.resolver`, imported on first use;
``mediacite.resolve(citations, archive=...)`` resolves a list.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

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

_HOMES = {
    "extract": "mediacite._api",
    "extract_corpus": "mediacite._api",
    "extract_html": "mediacite._api",
    "extract_path": "mediacite._api",
    "extract_text": "mediacite._api",
    "extract_url": "mediacite._api",
    "iter_path": "mediacite._api",
    "ArchiveError": "mediacite.errors",
    "ArchiveRejected": "mediacite.errors",
    "ArchiveResponseError": "mediacite.errors",
    "ArchiveTimeout": "mediacite.errors",
    "ArchiveUnavailable": "mediacite.errors",
    "BinaryInputError": "mediacite.errors",
    "BlockedHost": "mediacite.errors",
    "DecodingError": "mediacite.errors",
    "FetchError": "mediacite.errors",
    "InputError": "mediacite.errors",
    "MediaciteError": "mediacite.errors",
    "RateLimited": "mediacite.errors",
    "STYLES": "mediacite.formats",
    "format_citation": "mediacite.formats",
    "robust_link": "mediacite.formats",
    "REGIONS": "mediacite.models",
    "Citation": "mediacite.models",
    "Resolution": "mediacite.models",
    "Snapshot": "mediacite.models",
    "Span": "mediacite.models",
    "CitationList": "mediacite.results",
    "ResolutionList": "mediacite.results",
    "resolve": "mediacite.resolver",
    "extract_markdown": "mediacite._api",
    "extract_mentions": "mediacite._api",
    "Backing": "mediacite.models",
    "Mention": "mediacite.models",
    "MentionList": "mediacite.results",
    "LockfileError": "mediacite.errors",
    "UntrustedArchive": "mediacite.errors",
    "UsageError": "mediacite.errors",
}
"""The module each public name lives in, imported the first time the name is asked for."""

if TYPE_CHECKING:
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
    from mediacite.formats import (
        STYLES,
        format_citation,
        robust_link,
    )
    from mediacite.models import (
        REGIONS,
        Backing,
        Citation,
        Mention,
        Resolution,
        Snapshot,
        Span,
    )
    from mediacite.resolver import resolve
    from mediacite.results import CitationList, MentionList, ResolutionList

    __version__: str


# The readers' package ``mediacite.extract`` shares its name with the function ``extract``, and
# importing a package sets it as an attribute of its parent. So it is imported here, before
# anything else can (it holds no code, only its docstring), and that attribute is dropped: the
# name is then always the function, found through ``__getattr__``.
importlib.import_module("mediacite.extract")
del globals()["extract"]


def __getattr__(name: str) -> Any:
    """Import what a public name needs the first time it is asked for.

    ``import mediacite`` itself imports nothing: a pre-commit hook or a notebook pays only
    for what it uses (``resolve`` brings httpx; the readers their regular expressions and
    platform rules; ``__version__`` reads the package metadata). Each name is then kept in
    the module, so it is looked up once.
    """
    if name == "__version__":
        from mediacite._version import version

        return version()
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
