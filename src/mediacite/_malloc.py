"""Let glibc keep the memory a streamed read frees, for the next chunk to reuse.

Reading a large file allocates and frees buffers of a few MiB per chunk: the bytes read, the
decoded text, the text a step reads. glibc serves allocations that large from fresh ``mmap``
pages, or gives them back to the kernel when they are freed at the top of the heap, so every
chunk faults its pages in again: about 70,000 page faults for 200 MB of text, a third of the
time of reading text without citations (``benchmarks/text_speed.py``). With higher mmap and
trim thresholds glibc reuses what was freed instead.

The setting is process-wide, so only processes mediacite owns make it: the command line and
the worker processes of a corpus run (:mod:`mediacite.corpus.pool`). Importing mediacite never
does; elsewhere than glibc (macOS, Windows, musl) nothing is done.
"""

from __future__ import annotations

import os

__all__ = ["MMAP_THRESHOLD", "TRIM_THRESHOLD", "keep_freed_memory"]

MMAP_THRESHOLD = 32 << 20
"""Allocations below this come from the heap, where freed memory is reused (glibc's largest)."""

TRIM_THRESHOLD = 64 << 20
"""Free memory at the top of the heap kept for reuse before any is given back to the kernel."""

_M_TRIM_THRESHOLD = -1
_M_MMAP_THRESHOLD = -3


def keep_freed_memory() -> bool:
    """Ask glibc to keep freed memory for reuse; whether it is done (``False``: not glibc)."""
    try:
        if not os.confstr("CS_GNU_LIBC_VERSION"):
            return False
    except (AttributeError, ValueError, OSError):
        return False
    import ctypes

    mallopt = ctypes.CDLL(None).mallopt
    return bool(mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD)) and bool(
        mallopt(_M_TRIM_THRESHOLD, TRIM_THRESHOLD)
    )
