"""The examples in docs/*.md run, so the docs cannot rot.

In each page, from the project root and in page order:

* fenced ``python`` blocks are executed, sharing one namespace per page;
* fenced ``pycon`` blocks (``>>>`` prompts) are run as doctests (``...`` matches anything);
* fenced ``console`` blocks run each ``$ mediacite …`` command and compare what it prints
  with the lines below it (also with ``...`` wildcards).

A block right after an ``<!-- skip-test -->`` line is not run (for examples that need the
network or a live archive). Other fences (``sh``, ``json``, ``text``) are not run.
"""

from __future__ import annotations

import doctest
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from paths import ROOT

DOCS = sorted((ROOT / "docs").glob("*.md"))
FENCE = re.compile(
    r"(?P<skip><!-- skip-test -->\s*\n)?^```(?P<lang>[\w-]*)[^\n]*\n(?P<body>.*?)^```[ \t]*$",
    re.M | re.S,
)
RUN = {"python", "pycon", "console"}
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


def blocks(page: Path) -> list[tuple[str, str, int]]:
    """The (language, body, line) of each block of ``page`` that is to be run."""
    text = page.read_text(encoding="utf-8")
    return [
        (m["lang"], m["body"], text.count("\n", 0, m.start("body")) + 1)
        for m in FENCE.finditer(text)
        if m["lang"] in RUN and not m["skip"]
    ]


def run_console(body: str, where: str) -> None:
    checker = doctest.OutputChecker()
    commands = re.split(r"^\$ ", body, flags=re.M)[1:]
    for chunk in commands:
        command, _, expected = chunk.partition("\n")
        argv = shlex.split(command)
        assert argv[0] == "mediacite", f"{where}: only mediacite commands are run: {command}"
        done = subprocess.run(
            [sys.executable, "-m", "mediacite", *argv[1:]],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env={**os.environ, "NO_COLOR": "1", "COLUMNS": "100"},
            timeout=120,
            check=False,
        )
        assert checker.check_output(expected, done.stdout, FLAGS), (
            f"{where}: $ {command}\n--- expected\n{expected}--- got (exit {done.returncode})\n"
            f"{done.stdout}{done.stderr}"
        )


def run_doctest(body: str, namespace: dict[str, object], where: str, lineno: int) -> None:
    test = doctest.DocTestParser().get_doctest(body, namespace, where, where, lineno)
    report: list[str] = []
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    result = runner.run(test, out=report.append, clear_globs=False)
    namespace.update(test.globs)
    assert result.failed == 0, "".join(report)


@pytest.mark.parametrize("page", [p for p in DOCS if blocks(p)], ids=lambda p: p.name)
def test_page_examples_run(page: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("MPLBACKEND", "Agg")
    monkeypatch.setenv("MEDIACITE_CACHE", str(tmp_path / "cache.sqlite"))
    namespace: dict[str, object] = {"__name__": f"docs_{page.stem}"}
    for lang, body, line in blocks(page):
        where = f"{page.relative_to(ROOT)}:{line}"
        if lang == "python":
            exec(compile(body, where, "exec"), namespace)
        elif lang == "pycon":
            run_doctest(body, namespace, where, line)
        else:
            run_console(body, where)


def test_every_page_of_the_index_exists() -> None:
    index = (ROOT / "docs" / "README.md").read_text(encoding="utf-8")
    linked = re.findall(r"\]\(([\w./-]+\.md)\)", index)
    assert linked
    for name in linked:
        assert (ROOT / "docs" / name).is_file(), name
    assert {p.name for p in DOCS} - {"README.md"} <= set(linked), "every page is in the index"
