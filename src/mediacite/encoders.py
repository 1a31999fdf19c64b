r"""Output encoders: make text from documents and archives harmless for the medium it goes to.

Post text, names, URLs and file names come from third parties. :func:`terminal_text` shows
control characters (ESC, CSI/OSC sequences, C0 and C1 controls, DEL) and bidirectional
overrides as visible escapes (``\\x1b``, ``\\u202e``), so nothing a document says can move the
cursor, retitle the terminal, hide text or reorder a line. :func:`csv_cell` keeps a cell from
being read as a spreadsheet formula: a cell starting with ``=``, ``+``, ``-``, ``@``, tab or
carriage return (after any apostrophes) gets one leading apostrophe (``'``), as OWASP advises;
the rule is exactly reversible with :func:`csv_value`. HTML escaping lives with the HTML
writers (:mod:`mediacite.formats`, :mod:`mediacite.display`).
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["CSV_FORMULA_START", "csv_cell", "csv_value", "terminal_line", "terminal_text"]

CSV_FORMULA_START = "=+-@\t\r"
"""First characters that make spreadsheets (Excel, LibreOffice, Google Sheets) read a formula."""

_FORMULA = re.compile(r"'*[=+\-@\t\r]")
_QUOTED_FORMULA = re.compile(r"'(?='*[=+\-@\t\r])")

_BIDI = (*range(0x202A, 0x202F), *range(0x2066, 0x206A))
"""Embeddings, overrides and isolates (the "Trojan Source" characters)."""


def _escape(code: int) -> str:
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


_TERMINAL = {code: _escape(code) for code in (*range(0x20), 0x7F, *range(0x80, 0xA0), *_BIDI)}
_TERMINAL[0x09] = " "
_LINE = {**_TERMINAL, 0x0A: " ", 0x0D: " ", 0x2028: " ", 0x2029: " "}
_TERMINAL[0x0A] = "\n"


def terminal_text(text: str) -> str:
    """``text`` safe to print on a terminal: controls and bidi overrides shown as escapes.

    Newlines are kept; tabs become spaces.
    """
    return text.translate(_TERMINAL)


def terminal_line(text: str) -> str:
    """Like :func:`terminal_text`, on one line: line breaks become spaces."""
    return text.translate(_LINE)


def csv_cell(value: Any) -> Any:
    """A CSV cell for ``value``: empty for ``None``, lists joined with spaces, formulas defused.

    Numbers pass unchanged; a string that a spreadsheet would run as a formula gets a leading
    apostrophe (see the module docstring). Ids are digit strings and never change.
    """
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        value = " ".join(str(v) for v in value)
    if isinstance(value, str) and _FORMULA.match(value):
        return "'" + value
    return value


def csv_value(cell: str) -> str:
    """Undo :func:`csv_cell`'s apostrophe: the text as the record holds it."""
    return cell[1:] if _QUOTED_FORMULA.match(cell) else cell
