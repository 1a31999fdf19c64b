"""Regenerate or check ``src/mediacite/extract/months.json``, the CLDR month-name snapshot.

    pip install babel
    python tools/update_months.py           # rewrite the snapshot from the installed babel
    python tools/update_months.py --check   # exit 1 when the snapshot differs from it

The snapshot is data shipped with the package, so that parsing needs neither babel nor its
start-up time. It is refreshed on purpose, by a person reading the diff: new CLDR releases
add and change names (babel 2.17 added Persian genitive forms, for example). Tests check the
shipped snapshot's shape and behaviour, never that it equals the babel installed by chance.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

import babel
from babel import Locale

from mediacite.extract.dates import LOCALES

TARGET = Path(__file__).resolve().parents[1] / "src" / "mediacite" / "extract" / "months.json"


def cldr_month_names() -> dict[str, int]:
    """Every month name of ``LOCALES`` in the CLDR data babel ships.

    Keys are case-folded names without a trailing dot; names that mean different months in
    different locales are left out.
    """
    names: dict[str, int] = {}
    clashes: set[str] = set()
    for code in LOCALES:
        months = Locale.parse(code).months
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for number, name in months[context][width].items():
                    key = name.casefold().rstrip(".")
                    if not key or any(ch.isdigit() for ch in key):
                        continue
                    if names.setdefault(key, number) != number:
                        clashes.add(key)
    for key in clashes:
        del names[key]
    return dict(sorted(names.items()))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args()
    months = cldr_month_names()
    if args.check:
        shipped = json.loads(TARGET.read_text("utf-8"))["months"]
        added = sorted(set(months) - set(shipped))
        removed = sorted(set(shipped) - set(months))
        changed = sorted(k for k in set(months) & set(shipped) if months[k] != shipped[k])
        if not (added or removed or changed):
            print(f"months.json matches babel {babel.__version__}")
            return 0
        print(f"months.json differs from babel {babel.__version__}:")
        for label, keys in (("added", added), ("removed", removed), ("changed", changed)):
            if keys:
                print(f"  {label}: {', '.join(keys)}")
        return 1
    payload = {
        "source": f"Unicode CLDR via babel {babel.__version__}",
        "locales": list(LOCALES),
        "months": months,
    }
    fd, tmp = tempfile.mkstemp(dir=TARGET.parent, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump(payload, out, ensure_ascii=False, indent=0, sort_keys=False)
        out.write("\n")
    os.replace(tmp, TARGET)
    print(f"wrote {len(months)} month names to {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
