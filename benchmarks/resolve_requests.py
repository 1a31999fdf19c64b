"""How many archive requests resolving 1,000 citations costs, against a counting archive.

Generates 1,000 citations of 200 handles with realistic repetition (Zipf-popular handles,
viral posts quoted again and again, news bursts; see ``tests/resolve_support/workload.py``),
serves a matching Wayback-shaped archive on 127.0.0.1, resolves the batch, and prints the
requests the server counted per citation (lookups, playbacks, all) next to what a naive client
would send (one CDX lookup per URL variant per citation, one playback per citation), and next
to a floor no verifying client can go below: one lookup per cited handle plus one playback per
distinct archived post (a post's text can only be checked by playing it back).
Target: <= 0.5 requests per citation, all counted.

Run: ``python benchmarks/resolve_requests.py`` (no network beyond loopback; a few seconds).
"""

from __future__ import annotations

import html
import json
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from mediacite.models import Citation
from mediacite.resolver import Cache, Policy, RateLimit, WaybackArchive, resolve
from mediacite.twitter import parse_status_url
from resolve_support.fake_wayback import FakeWayback
from resolve_support.fault_server import serve
from resolve_support.pages import Page
from resolve_support.workload import generate

TARGET = 0.5
"""Archive requests per citation, lookups and playbacks together (issue 17)."""
UNTHROTTLED = Policy(search=RateLimit(100_000, 1.0), playback=RateLimit(100_000, 1.0))


def main() -> int:
    workload = generate(citations=1000, handles=200)
    citations = workload.citations
    n = len(citations)
    posts = {c.post_id for c in citations if c.post_id}
    without_id = sum(1 for c in citations if not c.post_id)
    handles = {c.handle for c in citations}
    print(
        f"citations: {n} ({len(handles)} handles, {len(posts)} distinct post ids, "
        f"{without_id} without an id); archive: {len(workload.pages)} captures"
    )
    with tempfile.TemporaryDirectory() as tmp, serve(FakeWayback(workload.pages)) as server:
        archive = WaybackArchive(server.url, policy=UNTHROTTLED)
        with Cache(Path(tmp) / "cache.sqlite3") as cache, httpx.Client(timeout=30) as client:
            started = time.perf_counter()
            resolutions = resolve(citations, archive, client=client, cache=cache)
            elapsed = time.perf_counter() - started
            counts = Counter(hit.kind for hit in server.hits)
            server.hits.clear()
            resolve(citations, archive, client=client, cache=cache)
            rerun = len(server.hits)

    lookups, playbacks = counts["cdx"], counts["playback"]
    naive = workload.naive_lookups
    floor = _floor(workload.pages, citations)
    print(f"statuses: {dict(sorted(Counter(r.status for r in resolutions).items()))}")
    print()
    print(f"{'':34}{'requests':>10}{'per citation':>14}")
    print(f"{'mediacite lookups (CDX)':34}{lookups:>10}{lookups / n:>14.3f}")
    print(f"{'mediacite playbacks (verification)':34}{playbacks:>10}{playbacks / n:>14.3f}")
    print(
        f"{'mediacite, all requests':34}{lookups + playbacks:>10}{(lookups + playbacks) / n:>14.3f}"
    )
    print(f"{'naive lookups (1 per URL variant)':34}{naive:>10}{naive / n:>14.3f}")
    print(f"{'naive, + 1 playback per citation':34}{naive + n:>10}{(naive + n) / n:>14.3f}")
    print(f"{'floor (handles + archived posts)':34}{floor:>10}{floor / n:>14.3f}")
    print()
    print(
        f"lookups vs naive: {lookups / naive:.3f}x; all requests vs naive: "
        f"{(lookups + playbacks) / (naive + n):.3f}x"
    )
    print(f"re-run with the cache: {rerun} requests; first run took {elapsed:.1f} s on loopback")
    met = (lookups + playbacks) / n <= TARGET
    print(f"target <= {TARGET} requests per citation, all counted: {'met' if met else 'MISSED'}")
    if not met and floor / n > TARGET:
        print(f"(the floor of any client that verifies every post is {floor / n:.3f})")
    return 0 if met else 1


def _floor(pages: Sequence[Page], citations: Sequence[Citation]) -> int:
    """One lookup per cited handle plus one playback per distinct cited post that is archived.

    A post cited without an id counts when an archived post of its handle has its text.
    """
    archived: dict[str, Page] = {}
    by_text: dict[tuple[str, str], str] = {}
    for page in pages:
        ref = parse_status_url(page.url)
        if ref is not None:
            archived[ref.post_id] = page
            by_text[((ref.handle or "").casefold(), _text_of(page))] = ref.post_id
    posts = {c.post_id for c in citations if c.post_id in archived}
    for c in citations:
        found = by_text.get(((c.handle or "").casefold(), c.text or ""))
        if not c.post_id and found:
            posts.add(found)
    handles = {(c.handle or "").casefold() for c in citations}
    return len(handles) + len(posts)


def _text_of(page: Page) -> str:
    marker = b'og:description" content="\xe2\x80\x9c'
    if marker in page.body:
        start = page.body.index(marker) + len(marker)
        return html.unescape(page.body[start : page.body.index(b"\xe2\x80\x9d", start)].decode())
    data = json.loads(page.body)
    return str(data.get("text") or "")


if __name__ == "__main__":
    raise SystemExit(main())
