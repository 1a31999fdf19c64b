"""Regular expressions compiled on first use behave as compiled ones, and compile once."""

from __future__ import annotations

import subprocess
import sys

import regex

from mediacite._patterns import compile_later


def test_a_deferred_pattern_matches_as_the_compiled_one() -> None:
    source = r"(?P<word>\w+)@(?P<host>[a-z.]+)"
    lazy, eager = compile_later(source, regex.IGNORECASE), regex.compile(source, regex.I)
    text = "mail ANA@example.org or bo@x.net"
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in eager.finditer(text)]
    assert lazy.search(text).group("host") == "example.org"
    assert lazy.sub("-", text) == eager.sub("-", text)
    assert lazy.pattern == source and lazy.groupindex == eager.groupindex


def test_named_lists_and_bytes_patterns() -> None:
    listed = compile_later(r"\L<words>", words=["cat", "dog"])
    assert [m.group() for m in listed.finditer("a dog and a cat")] == ["dog", "cat"]
    assert compile_later(rb"\d+").findall(b"a1b22") == [b"1", b"22"]


def test_it_compiles_once_and_then_calls_the_compiled_methods() -> None:
    lazy = compile_later(r"\d")
    assert lazy.match("7")
    compiled = vars(lazy)["_compiled"]
    assert lazy.match.__self__ is compiled
    lazy.findall("12")
    assert vars(lazy)["_compiled"] is compiled


def test_importing_the_readers_compiles_nothing() -> None:
    code = (
        "import regex, sys\n"
        "calls = []\n"
        "original = regex.compile\n"
        "regex.compile = lambda *a, **k: calls.append(a) or original(*a, **k)\n"
        "import mediacite.extract.text, mediacite.extract.markdown, mediacite.check\n"
        "print(len(calls))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "0"


def test_import_mediacite_loads_no_reader() -> None:
    code = (
        "import sys, mediacite\n"
        "print(sorted(m for m in sys.modules if m.startswith('mediacite')))\n"
        "print(mediacite.extract('Calm day. pic.twitter.com/AbCdEfGhIj — Ana (@ana) May 3, 2023')"
        "[0].handle)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded, handle = done.stdout.strip().split("\n")
    assert loaded == "['mediacite', 'mediacite.extract']"
    assert handle == "ana"
