"""Result collections: what ``extract*`` and ``resolve`` return.

:class:`CitationList` is a plain ``list`` of :class:`~mediacite.models.Citation` with helpers
for export and display.
"""

from __future__ import annotations

import json
from typing import Any

from mediacite.models import Citation

__all__ = ["CitationList"]


class CitationList(list[Citation]):
    """A list of citations, in document order."""

    def to_records(self) -> list[dict[str, Any]]:
        """Plain dicts, one per citation (the JSON record of ``Citation.to_dict()``)."""
        return [c.to_dict() for c in self]

    def to_jsonl(self) -> str:
        """JSON Lines: one record per line."""
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in self.to_records())
