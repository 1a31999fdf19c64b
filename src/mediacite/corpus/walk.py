"""Directory walks: which files of a folder are articles, and ``--glob`` on relative paths.

A walk reads article-like files only: HTML, text and Markdown by their extension (also when
gzip, bzip2 or xz compressed: ``page.html.gz``), files without an extension whose first bytes
are text (not JSON), files with another extension whose first bytes are HTML, and the corpus
containers (JSONL, WARC, WACZ). Data, configuration, lockfiles, images and binaries are never
read as articles, and hidden files and folders (``.git``) are not entered. ``glob`` patterns
match the path relative to the walked folder (``**/*.txt``, ``2023/*/index.html``); a pattern
without ``/`` matches the file name at any depth (``*.txt``).
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterator

from mediacite.errors import InputError
from mediacite.extract.decode import HTML_SUFFIXES, SNIFF_BYTES, is_html, looks_binary
from mediacite.inputs import decompress, open_input, peek, strip_compression

__all__ = [
    "ARTICLE_SUFFIXES",
    "CONTAINER_SUFFIXES",
    "MARKDOWN_SUFFIXES",
    "NOT_ARTICLE_SUFFIXES",
    "compile_glob",
    "is_article",
    "walk",
]

log = logging.getLogger("mediacite.corpus")

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdx", ".svx", ".njk", ".liquid")
"""Markdown and the templates static-site generators write posts in (MDX, Svelte, Nunjucks,
Liquid)."""
ARTICLE_SUFFIXES = (*HTML_SUFFIXES, ".txt", ".text", *MARKDOWN_SUFFIXES)
"""Extensions of the files a walk reads as articles (compressed or not)."""
CONTAINER_SUFFIXES = (".jsonl", ".ndjson", ".warc", ".arc", ".wacz")
"""Corpus containers a walk reads record by record (compressed or not)."""
NOT_ARTICLE_SUFFIXES = frozenset(
    {
        ".json",
        ".yaml",
        ".yml",
        ".toml",
        ".lock",
        ".ini",
        ".cfg",
        ".conf",
        ".env",
        ".csv",
        ".tsv",
        ".xml",
        ".rss",
        ".atom",
        ".sum",
        ".mod",
        ".js",
        ".mjs",
        ".cjs",
        ".ts",
        ".css",
        ".scss",
        ".map",
        ".py",
        ".rb",
        ".go",
        ".rs",
        ".java",
        ".sh",
        ".sql",
        ".png",
        ".jpg",
        ".jpeg",
        ".gif",
        ".webp",
        ".svg",
        ".ico",
        ".bmp",
        ".tif",
        ".tiff",
        ".avif",
        ".heic",
        ".mp3",
        ".mp4",
        ".m4a",
        ".wav",
        ".ogg",
        ".webm",
        ".mov",
        ".avi",
        ".pdf",
        ".doc",
        ".docx",
        ".xls",
        ".xlsx",
        ".ppt",
        ".pptx",
        ".odt",
        ".zip",
        ".tar",
        ".tgz",
        ".7z",
        ".rar",
        ".zst",
        ".woff",
        ".woff2",
        ".ttf",
        ".otf",
        ".eot",
        ".exe",
        ".dll",
        ".so",
        ".dylib",
        ".bin",
        ".pyc",
        ".o",
        ".a",
        ".class",
        ".jar",
        ".db",
        ".sqlite",
        ".parquet",
        ".pkl",
        ".npy",
    }
)
"""Data, configuration, lockfiles, code, images, media and binaries: never articles."""


def compile_glob(pattern: str) -> re.Pattern[str]:
    """A regular expression for a glob over ``/``-separated relative paths.

    ``**/`` matches any number of folders (none included), ``**`` anything, ``*`` and ``?``
    anything but ``/``, ``[...]`` a character class. A pattern without ``/`` is matched
    against the file name wherever the file is.
    """
    if "/" not in pattern:
        pattern = "**/" + pattern
    out: list[str] = []
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:[^/]*/)*")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        elif pattern[i] == "[" and (close := pattern.find("]", i + 2)) > 0:
            body = pattern[i + 1 : close]
            body = "^" + body[1:] if body.startswith("!") else body
            out.append(f"[{body.replace(chr(92), chr(92) * 2)}]")
            i = close + 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out) + r"\Z", re.DOTALL)


def _suffix(name: str) -> str:
    return os.path.splitext(strip_compression(name))[1].lower()


def _sniffed(path: str, name: str, *, text_ok: bool) -> bool:
    """Whether a file's first bytes make it an article (HTML; text when ``text_ok``)."""
    try:
        with open_input(path) as raw:
            stream, inner = decompress(raw, name)
            head, _ = peek(stream, SNIFF_BYTES)
    except (OSError, InputError):
        return True  # let the reader report why it cannot be read
    if is_html(head, inner):
        return True
    if not text_ok or looks_binary(head):
        return False
    return not head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith((b"{", b"["))


def is_article(path: str) -> tuple[bool, str]:
    """Whether a walk reads ``path``, and why (for the ``-vv`` log)."""
    name = os.path.basename(path)
    suffix = _suffix(name)
    if name.lower().endswith(CONTAINER_SUFFIXES) or strip_compression(name).lower().endswith(
        CONTAINER_SUFFIXES
    ):
        return True, "corpus container"
    if suffix in ARTICLE_SUFFIXES:
        return True, f"article ({suffix})"
    if suffix in NOT_ARTICLE_SUFFIXES:
        return False, f"not an article ({suffix})"
    if not suffix:
        return (
            (True, "text or HTML by content")
            if _sniffed(path, name, text_ok=True)
            else (
                False,
                "not text, or JSON",
            )
        )
    if _sniffed(path, name, text_ok=False):
        return True, f"HTML by content ({suffix})"
    return False, f"not an article ({suffix}, not HTML)"


def walk(root: str, glob: str | None = None) -> Iterator[str | tuple[str, str]]:
    """The article-like files under ``root``, sorted; ``(path, reason)`` for unreadable folders.

    ``glob`` filters by the path relative to ``root`` (see :func:`compile_glob`).
    """
    matcher = compile_glob(glob) if glob else None
    errors: list[tuple[str, str]] = []

    def report(exc: OSError) -> None:
        errors.append((exc.filename or root, exc.strerror or str(exc)))

    for folder, dirs, files in os.walk(root, onerror=report, followlinks=False):
        yield from errors
        errors.clear()
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = os.path.join(folder, name)
            relative = os.path.relpath(path, root).replace(os.sep, "/")
            if matcher is not None and not matcher.match(relative):
                continue
            read, why = is_article(path)
            log.debug("%s %s: %s", "reading" if read else "skipping", path, why)
            if read:
                yield path
    yield from errors
