"""Shared fixtures: the ../shared data (skipped when absent) and the project's own fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

from paths import FIXTURES, SHARED


@pytest.fixture(scope="session")
def shared() -> Path:
    """The ../shared folder beside the project; tests using it skip when it is absent."""
    if not (SHARED / "seeds").is_dir():
        pytest.skip("../shared is absent (it is only beside the project in CI and dev checkouts)")
    return SHARED


@pytest.fixture(scope="session")
def fixtures() -> Path:
    return FIXTURES
