"""Regular expressions compiled on first use, so that importing a module compiles nothing.

The ``regex`` module compiles in Python, about a millisecond a pattern; a module-level
``NAME = regex.compile(...)`` therefore costs every process that imports the module, even one
that never uses the pattern (a pre-commit hook reading one story, a worker that reads only
text). :func:`compile_later` returns a stand-in that compiles the pattern the first time one
of its attributes is asked for and then binds the compiled pattern's methods to itself, so
later calls cost what calls on the compiled pattern cost.
"""

from __future__ import annotations

from typing import Any, AnyStr, cast

import regex

__all__ = ["compile_later"]

_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split")
"""The methods bound on the stand-in once it is compiled (the ones the package calls)."""


class _Deferred:
    """A pattern compiled the first time it is used (see :func:`compile_later`)."""

    def __init__(self, pattern: str | bytes, flags: int, options: dict[str, Any]) -> None:
        self._source = (pattern, flags, options)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name == "_source":
            raise AttributeError(name)
        compiled = self.__dict__.get("_compiled")
        if compiled is None:
            pattern, flags, options = self._source
            compiled = regex.compile(pattern, flags, **options)
            for method in _METHODS:
                setattr(self, method, getattr(compiled, method))
            self.__dict__["_compiled"] = compiled
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"compile_later({self._source[0]!r})"


def compile_later(pattern: AnyStr, flags: int = 0, **options: Any) -> regex.Pattern[AnyStr]:
    """``regex.compile(pattern, flags, **options)``, done the first time the pattern is used."""
    return cast("regex.Pattern[AnyStr]", _Deferred(pattern, flags, options))
