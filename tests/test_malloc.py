"""The command line's allocator setting: freed chunk buffers are reused, not faulted in again."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

from mediacite._malloc import keep_freed_memory


def _glibc() -> bool:
    try:
        return bool(os.confstr("CS_GNU_LIBC_VERSION"))
    except (AttributeError, ValueError, OSError):
        return False


glibc_only = pytest.mark.skipif(not _glibc(), reason="the setting is glibc's")

_STREAM = textwrap.dedent(
    """
    import io, resource, sys
    from mediacite._malloc import keep_freed_memory
    from mediacite.extract.text import iter_text_stream
    if sys.argv[1] == "keep":
        assert keep_freed_memory()
    line = "\\u201cWe were told nothing,\\u201d she said of the caf\\u00e9 on Main Street.\\n"
    data = io.BytesIO((line * 400_000).encode("utf-8"))
    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    assert list(iter_text_stream(data)) == []
    print(resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before)
    """
)


def _faults(mode: str) -> int:
    done = subprocess.run(
        [sys.executable, "-c", _STREAM, mode], capture_output=True, text=True, check=True
    )
    return int(done.stdout)


@glibc_only
def test_freed_chunks_are_reused_instead_of_faulted_in_again() -> None:
    # Streaming 28 MB of text without citations: each 1 MiB chunk allocates and frees a few MiB.
    default, kept = _faults("default"), _faults("keep")
    assert kept * 3 < default, (kept, default)


@glibc_only
def test_glibc_takes_the_setting() -> None:
    assert keep_freed_memory() is True


def test_importing_and_extracting_leave_the_allocator_alone() -> None:
    probe = (
        "import sys, mediacite\n"
        "mediacite.extract_text('pic.twitter.com/abcDEF12 — A (@a) May 3, 2023')\n"
        "print('ctypes' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
