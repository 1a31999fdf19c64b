"""HTML bytes to text as browsers do it: byte-order marks, declared and sniffed charsets.

The one place that turns HTML bytes of unknown encoding into text. Extraction
(:mod:`mediacite.extract.decode`) and resolution (archived pages, :mod:`mediacite.resolver`)
both decode through it; it imports nothing else from mediacite.
"""

from __future__ import annotations

import codecs
import re

__all__ = ["SNIFF_BYTES", "bom_encoding", "sniff_html"]

SNIFF_BYTES = 4096
"""Bytes of a document's head that decide HTML vs text and hold its ``<meta charset>``
(browsers' prescan reads 1024; pages with long ``<head>`` comments need more)."""

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_META_CHARSET = re.compile(
    rb"""<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:\-]+)""", re.IGNORECASE
)
_LABELS = {
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "l1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "iso8859-1": "cp1252",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "shift-jis": "cp932",
    "shift_jis": "cp932",
    "sjis": "cp932",
    "x-sjis": "cp932",
    "euc-kr": "cp949",
    "utf-16": "utf-8",
    "utf-16le": "utf-8",
    "utf-16be": "utf-8",
    "x-user-defined": "cp1252",
}
"""Encoding labels that the HTML standard decodes with a superset (or, for UTF-16 declared in
ASCII-compatible bytes, ignores)."""

_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_SINGLE_BYTE = ("cp125", "iso8859", "latin", "koi8", "mac-roman", "cp437", "cp850")
_UTF16_SNIFF_BYTES = 512
"""Bytes looked at to recognise UTF-16 without a byte-order mark by its NUL bytes."""


def bom_encoding(data: bytes) -> tuple[str | None, int]:
    """Return the encoding named by a byte-order mark at the start of ``data`` and its length."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name, len(bom)
    return None, 0


def _charset_label(name: str) -> str | None:
    """The Python codec for an encoding label, or ``None`` if there is none."""
    label = name.strip().strip("\"'").lower()
    label = _LABELS.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _declared_charset(encoding: str) -> str:
    """``charset=…`` of a Content-Type value, or the value itself."""
    low = encoding.lower()
    at = low.find("charset=")
    if at < 0:
        return encoding
    return encoding[at + len("charset=") :].split(";")[0]


def _sniff_utf16(head: bytes) -> str | None:
    """UTF-16 without a byte-order mark: ASCII markup with every other byte NUL."""
    sample = head[:_UTF16_SNIFF_BYTES]
    if len(sample) < 8:
        return None
    even, odd = sample[0::2], sample[1::2]
    if even.count(0) > len(even) * 0.8 and odd.count(0) < len(odd) * 0.2:
        return "utf-16-be"
    if odd.count(0) > len(odd) * 0.8 and even.count(0) < len(even) * 0.2:
        return "utf-16-le"
    return None


def _mostly_utf8(data: bytes) -> bool:
    """Whether invalid UTF-8 still looks like UTF-8 with a few bad bytes.

    The alternative is a single-byte charset mislabelled as UTF-8.
    """
    valid = len(_UTF8_SEQUENCE.findall(data))
    high = len(data) - len(data.decode("ascii", "ignore"))
    return valid * 2 >= high - valid


def sniff_html(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """Decode an HTML page; return the text and the codec used. Never raises on bad bytes.

    The order is that of browsers: a byte-order mark; ``encoding`` (a codec name or an HTTP
    ``Content-Type`` value); the ``<meta charset>`` in the first bytes; UTF-16 recognised by
    its NUL bytes; UTF-8 when the bytes are valid UTF-8; windows-1252. A declared single-byte
    charset loses to UTF-8 when the bytes are valid UTF-8 with multi-byte sequences (a common
    mislabelling). Bytes invalid in the chosen codec become U+FFFD.
    """
    bom, skip = bom_encoding(data)
    if bom is not None:
        return codecs.decode(data[skip:], bom, "replace"), bom
    chosen = _charset_label(_declared_charset(encoding)) if encoding else None
    explicit = chosen is not None
    if chosen is None:
        found = _META_CHARSET.search(data[:SNIFF_BYTES])
        if found is not None:
            chosen = _charset_label(found.group(1).decode("ascii", "replace"))
    if chosen is None:
        chosen = _sniff_utf16(data)
    if chosen is None or (not explicit and chosen.startswith(_SINGLE_BYTE) and not data.isascii()):
        try:
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            chosen = chosen or "cp1252"
    if chosen == "utf-8" and not explicit:
        try:
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            if not _mostly_utf8(data):
                chosen = "cp1252"
    return codecs.decode(data, chosen, "replace"), chosen
