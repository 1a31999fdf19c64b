"""The installed version of mediacite, read once from the package metadata (``pyproject.toml``)."""

from __future__ import annotations

import functools

__all__ = ["version"]


@functools.cache
def version() -> str:
    """The version pip installed (``0+unknown`` when running from an uninstalled tree)."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    try:
        return installed("mediacite")
    except PackageNotFoundError:
        return "0+unknown"
