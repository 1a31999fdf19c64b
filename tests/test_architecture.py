"""The package's shape: no import cycles, resolution never imports extraction, a pinned surface.

Imports are read from the source (module level and inside functions alike); imports under
``if TYPE_CHECKING:`` are left out, since they do not run. Parent packages a submodule import
executes implicitly are not edges: only what a module itself asks for counts.
"""

from __future__ import annotations

import ast
import importlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from paths import ROOT

SRC = ROOT / "src"
PACKAGE = SRC / "mediacite"


def _module_name(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and _is_type_checking(node):
            for child in node.orelse:
                yield from _imports(child)
            continue
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
        yield from _imports(node)


def _targets(node: ast.Import | ast.ImportFrom) -> Iterator[str]:
    if isinstance(node, ast.Import):
        for alias in node.names:
            yield alias.name
        return
    base = node.module or ""
    if not base.startswith("mediacite"):
        return
    for alias in node.names:
        sub = f"{base}.{alias.name}"
        yield sub if sub in MODULES else base


def edges() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for name, path in MODULES.items():
        tree = ast.parse(path.read_text("utf-8"), str(path))
        graph[name] = {
            t for node in _imports(tree) for t in _targets(node) if t in MODULES and t != name
        }
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_cycles() -> None:
    assert _cycles(edges()) == []


def test_the_cycle_finder_finds_cycles() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def _reachable(graph: dict[str, set[str]], start: str) -> set[str]:
    seen = {start}
    todo = [start]
    while todo:
        for nxt in graph[todo.pop()]:
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def test_resolution_never_imports_extraction() -> None:
    graph = edges()
    for name in MODULES:
        if name.startswith("mediacite.resolver"):
            reached = _reachable(graph, name)
            assert not {m for m in reached if m.startswith(("mediacite.extract", "mediacite._api"))}
            assert "mediacite.cli" not in reached


def test_extraction_never_imports_resolution_or_the_command_line() -> None:
    graph = edges()
    for name in MODULES:
        if name.startswith("mediacite.extract"):
            reached = _reachable(graph, name)
            assert not {m for m in reached if m.startswith(("mediacite.resolver", "mediacite.cli"))}
            assert "mediacite.results" not in reached, "readers return lists; the façade wraps"


PUBLIC = [
    "ArchiveError",
    "ArchiveRejected",
    "ArchiveResponseError",
    "ArchiveTimeout",
    "ArchiveUnavailable",
    "Backing",
    "BinaryInputError",
    "BlockedHost",
    "Citation",
    "CitationList",
    "DecodingError",
    "FetchError",
    "InputError",
    "LockfileError",
    "MediaciteError",
    "Mention",
    "MentionList",
    "REGIONS",
    "RateLimited",
    "Resolution",
    "ResolutionList",
    "STYLES",
    "Snapshot",
    "Span",
    "UntrustedArchive",
    "UsageError",
    "__version__",
    "extract",
    "extract_corpus",
    "extract_html",
    "extract_markdown",
    "extract_mentions",
    "extract_path",
    "extract_text",
    "extract_url",
    "format_citation",
    "iter_path",
    "resolve",
    "robust_link",
]

DOCUMENTED_MODULES = [
    "mediacite.models",
    "mediacite.errors",
    "mediacite.results",
    "mediacite.formats",
    "mediacite.encoders",
    "mediacite.display",
    "mediacite.plot",
    "mediacite.corpus",
    "mediacite.dask",
    "mediacite.check",
    "mediacite.resolver",
    "mediacite.twitter",
    "mediacite.snowflake",
]


def test_public_names_are_pinned() -> None:
    import mediacite

    assert sorted(mediacite.__all__) == sorted(PUBLIC)
    for name in PUBLIC:
        assert getattr(mediacite, name) is not None


@pytest.mark.parametrize("name", DOCUMENTED_MODULES)
def test_documented_modules_are_public_and_documented(name: str) -> None:
    module = importlib.import_module(name)
    assert module.__doc__ and module.__doc__.strip()
    assert hasattr(module, "__all__")
    assert f"`{name}`" in (ROOT / "docs" / "api.md").read_text("utf-8")


def test_every_module_says_its_job() -> None:
    for name, path in MODULES.items():
        doc = ast.get_docstring(ast.parse(path.read_text("utf-8")))
        assert doc and len(doc.split()) >= 5, f"{name} has no module docstring"


def test_resolve_is_a_function_and_resolver_a_module() -> None:
    import types

    import mediacite
    import mediacite.resolver

    assert isinstance(mediacite.resolve, types.FunctionType)
    assert mediacite.resolve is mediacite.resolver.resolve
    assert isinstance(mediacite.resolver, types.ModuleType)
