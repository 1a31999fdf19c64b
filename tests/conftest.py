"""Shared fixtures: the ../shared data (skipped when absent) and the project's own fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

from paths import FIXTURES, SHARED

# Property tests draw the same examples on every run, so a red build is one a rerun reproduces;
# `pytest --hypothesis-profile explore` draws new ones, as benchmarks/fuzz.py does at scale.
settings.register_profile("repeatable", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile("repeatable")


@pytest.fixture(scope="session")
def shared() -> Path:
    """The ../shared folder beside the project; tests using it skip when it is absent."""
    if not (SHARED / "seeds").is_dir():
        pytest.skip("../shared is absent (it is only beside the project in CI and dev checkouts)")
    return SHARED


@pytest.fixture(scope="session")
def fixtures() -> Path:
    return FIXTURES
