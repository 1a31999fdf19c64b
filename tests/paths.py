"""Where things are, for every test module: the project root, ../shared, fixtures, examples."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
FIXTURES = ROOT / "tests" / "fixtures"
EXAMPLES = ROOT / "examples"
