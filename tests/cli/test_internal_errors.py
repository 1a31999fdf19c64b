"""No traceback reaches a user: a bug in any command is one line on stderr and exit status 2."""

from __future__ import annotations

import subprocess
import sys

import pytest

from mediacite import cli


def test_an_unexpected_exception_is_one_line_and_exit_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(args: object) -> int:
        raise RuntimeError("two\nlines")

    for command in ("check", "lock", "resolve", "extract"):
        module = cli.check if command in ("check", "lock") else getattr(cli, command)
        monkeypatch.setattr(module, "run", broken)
        assert cli.main([command, "story.md"]) == 2
        err = capsys.readouterr().err
        assert err.startswith(
            "mediacite: internal error: RuntimeError: two lines (at test_internal"
        )
        assert err.endswith("); please report it\n") and err.count("\n") == 1


def test_a_closed_standard_input_is_no_traceback() -> None:
    program = (
        "import os, runpy, sys; os.close(0); sys.stdin = None; "
        "sys.argv = ['mediacite', 'extract', '-']; runpy.run_module('mediacite', run_name='__main__')"
    )
    done = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.startswith("mediacite: ") and "standard input is closed" in done.stderr
