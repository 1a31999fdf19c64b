"""Regenerate ``src/mediacite/extract/months.json`` from the CLDR data that babel ships.

pip install babel && python tools/update_months.py
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import babel

from mediacite.extract.dates import LOCALES, cldr_month_names

TARGET = Path(__file__).resolve().parents[1] / "src" / "mediacite" / "extract" / "months.json"


def main() -> None:
    payload = {
        "source": f"Unicode CLDR via babel {babel.__version__}",
        "locales": list(LOCALES),
        "months": cldr_month_names(),
    }
    fd, tmp = tempfile.mkstemp(dir=TARGET.parent, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump(payload, out, ensure_ascii=False, indent=0, sort_keys=False)
        out.write("\n")
    os.replace(tmp, TARGET)
    print(f"wrote {len(payload['months'])} month names to {TARGET}")


if __name__ == "__main__":
    main()
