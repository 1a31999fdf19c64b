"""A generated batch of citations with an archive to match, for fault tests and the benchmark.

Realistic repetition: handles are cited with Zipf-like popularity, and within a handle a few
posts are quoted again and again (the same viral post appears in many articles). Posts fall
in news bursts over half a year. About 1 in 8 posts was never archived; most archived posts
sit under twitter.com (legacy HTML or a JSON capture), some only under mobile.twitter.com or
x.com with a query string. About 1 in 7 citations is a byline without a post id.
"""

from __future__ import annotations

import datetime as dt
import random

import attrs

from mediacite.models import Citation

from .corpus import Page, legacy_html, make_id, syndication_json, utc


@attrs.frozen
class Workload:
    pages: tuple[Page, ...]
    citations: tuple[Citation, ...]
    variants_per_citation: tuple[int, ...]

    @property
    def naive_lookups(self) -> int:
        """One lookup per URL variant per citation, as a naive client would do."""
        return sum(self.variants_per_citation)


def _zipf_weights(n: int, s: float) -> list[float]:
    return [1 / (rank**s) for rank in range(1, n + 1)]


def generate(citations: int = 1000, handles: int = 200, seed: int = 7) -> Workload:
    rng = random.Random(seed)
    start = utc(2024, 1, 1)
    names = [f"Reporter{i:03d}" for i in range(handles)]
    pages: list[Page] = []
    posts: dict[str, list[tuple[str, str, dt.datetime, bool]]] = {}
    sequence = 0
    for handle in names:
        burst = start + dt.timedelta(days=rng.randrange(0, 170))
        count = rng.randint(3, 12)
        own = []
        for _ in range(count):
            sequence += 1
            when = burst + dt.timedelta(hours=rng.uniform(0, 24 * 9))
            post_id = make_id(when, sequence)
            text = f"Update {sequence} from {handle}: " + " ".join(
                rng.choice(["river", "council", "budget", "storm", "vote", "school", "road"])
                for _ in range(8)
            )
            archived = rng.random() > 0.12
            own.append((post_id, text, when, archived))
            if not archived:
                continue
            captured = when + dt.timedelta(hours=rng.uniform(1, 72))
            where = rng.random()
            if where < 0.75:
                url = f"https://twitter.com/{handle}/status/{post_id}"
                body = legacy_html(handle, handle, post_id, text, "x")
                headers: tuple[tuple[str, str], ...] = (("Content-Type", "text/html"),)
            elif where < 0.9:
                url = f"https://twitter.com/{handle}/status/{post_id}"
                body = syndication_json(handle, handle, post_id, text, when.isoformat())
                headers = (("Content-Type", "application/json"),)
            else:
                host = rng.choice(["mobile.twitter.com", "x.com"])
                url = f"https://{host}/{handle}/status/{post_id}?s=20"
                body = legacy_html(handle, handle, post_id, text, "x")
                headers = (("Content-Type", "text/html"),)
            pages.append(Page(url=url, captured=captured, headers=headers, body=body))
            if rng.random() < 0.3:
                later = captured + dt.timedelta(days=rng.uniform(30, 400))
                pages.append(Page(url=url, captured=later, headers=headers, body=body))
        posts[handle] = own

    handle_weights = _zipf_weights(handles, 1.0)
    out: list[Citation] = []
    variants: list[int] = []
    for index in range(citations):
        # every handle is cited at least once, then popularity decides
        handle = names[index] if index < handles else rng.choices(names, handle_weights)[0]
        own = posts[handle]
        post_id, text, when, _archived = rng.choices(own, _zipf_weights(len(own), 1.2))[0]
        date = when.date().isoformat()
        if rng.random() < 1 / 7:
            out.append(
                Citation(platform="twitter", kind="byline", handle=handle, date=date, text=text)
            )
        else:
            out.append(
                Citation(
                    platform="twitter",
                    kind="blockquote",
                    handle=handle,
                    post_id=post_id,
                    date=date,
                    text=text,
                )
            )
        variants.append(3)  # twitter.com, x.com, mobile.twitter.com, one lookup each
    return Workload(tuple(pages), tuple(out), tuple(variants))
