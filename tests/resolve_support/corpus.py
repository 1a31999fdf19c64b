"""The archive fixture corpus: our own pages, modelled on the shapes tweets are archived in.

Pure data plus a WARC writer (warcio), no pytest: the pywb integration tests, the local
archive tests and ``examples/archive/build.py`` all build from this one corpus: the posts
below, then every archived shape, tombstone kind and status rule of ``shapes.py``.

Posts (handles and texts are invented):

* NewsDesk A: legacy twitter.com HTML under ``?ref_src=`` and bare URLs, a later revisit, a
  2021 "Something went wrong" shell, and a 2023 404 (gone after the copy worth linking).
* NewsDesk G and H: two posts on the same day, legacy HTML: an id-less byline citation must
  pick G by its text.
* CityHall B: og/meta-only HTML, archived only under ``mobile.twitter.com`` with ``?s=20``.
* SpaceAgency C: a JSON capture under twitter.com; x.com has only a 404 first capture.
* Gone D: only a deleted-post page (404): ``unavailable``, read from the index row.
* PhotoDesk E: reached from ``t.co/AbC123x`` (301 to ``/PhotoDesk/status/E/photo/1``);
  ``t.co/abc123x`` is a lowercase decoy captured closer to the cited date that points at
  Impostor F, which is archived too.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import io
import uuid
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import BinaryIO

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from mediacite.models import Citation

from . import shapes
from .pages import (
    DELETED_HTML,
    SHELL_HTML,
    Page,
    legacy_html,
    make_id,
    og_only_html,
    redirect,
    syndication_json,
    utc,
)

ID_A = make_id(utc(2019, 3, 14, 10, 2), 1)
ID_G = make_id(utc(2019, 3, 20, 9, 15), 2)
ID_H = make_id(utc(2019, 3, 20, 17, 40), 3)
ID_B = make_id(utc(2020, 6, 2, 13, 30), 4)
ID_C = make_id(utc(2023, 8, 1, 14, 0), 5)
ID_D = make_id(utc(2021, 2, 9, 8, 0), 6)
ID_E = make_id(utc(2018, 11, 5, 16, 45), 7)
ID_F = make_id(utc(2018, 11, 5, 18, 0), 8)
ID_UNARCHIVED = make_id(utc(2022, 5, 5, 5, 5), 9)

TEXT_A = "The bridge on Route 9 is closed in both directions after this morning's flooding."
TEXT_G = "Council votes 7-2 to extend library opening hours through the summer."
TEXT_H = "Reminder: tonight's council meeting is streamed live on our website."
TEXT_B = "Free water testing kits are available at every branch library starting Monday."
TEXT_C = "Launch window opens at 14:05 UTC. Weather is 80% go."
TEXT_E = "Sunrise over the harbour this morning, shot from the ferry terminal."
TEXT_F = "Totally real photo of the harbour, definitely not staged."


def _pages() -> list[Page]:
    legacy_a = legacy_html("NewsDesk", "News Desk", ID_A, TEXT_A, "10:02 AM - 14 Mar 2019")
    return [
        # NewsDesk A: query-string variant first, then the bare URL and a revisit of it.
        Page(
            url=f"https://twitter.com/NewsDesk/status/{ID_A}?ref_src=twsrc%5Etfw",
            captured=utc(2019, 3, 15, 8, 0, 0),
            body=legacy_a,
        ),
        Page(
            url=f"https://twitter.com/NewsDesk/status/{ID_A}",
            captured=utc(2019, 3, 22, 11, 30, 0),
            body=legacy_a,
        ),
        Page(
            url=f"https://twitter.com/NewsDesk/status/{ID_A}",
            captured=utc(2019, 9, 1, 0, 0, 0),
            body=legacy_a,
            revisit_of=utc(2019, 3, 22, 11, 30, 0),
        ),
        Page(
            url=f"https://twitter.com/NewsDesk/status/{ID_A}",
            captured=utc(2021, 1, 10, 0, 0, 0),
            body=SHELL_HTML,
        ),
        # ... and in 2023 the post is gone (a 404 row: a tombstone after the snapshot).
        Page(
            url=f"https://twitter.com/NewsDesk/status/{ID_A}",
            captured=utc(2023, 6, 1, 0, 0, 0),
            status="404 Not Found",
            body=DELETED_HTML,
        ),
        # NewsDesk G and H, same day.
        Page(
            url=f"https://twitter.com/NewsDesk/status/{ID_G}",
            captured=utc(2019, 3, 21, 6, 0, 0),
            body=legacy_html("NewsDesk", "News Desk", ID_G, TEXT_G, "9:15 AM - 20 Mar 2019"),
        ),
        Page(
            url=f"https://twitter.com/NewsDesk/status/{ID_H}?s=20",
            captured=utc(2019, 3, 21, 7, 0, 0),
            body=legacy_html("NewsDesk", "News Desk", ID_H, TEXT_H, "5:40 PM - 20 Mar 2019"),
        ),
        # CityHall B: only under mobile.twitter.com with ?s=20.
        Page(
            url=f"https://mobile.twitter.com/CityHall/status/{ID_B}?s=20",
            captured=utc(2020, 6, 3, 9, 0, 0),
            body=og_only_html("CityHall", "City Hall", ID_B, TEXT_B),
        ),
        # SpaceAgency C: JSON under twitter.com; x.com first capture is a 404.
        Page(
            url=f"https://x.com/SpaceAgency/status/{ID_C}",
            captured=utc(2023, 8, 1, 15, 0, 0),
            status="404 Not Found",
            body=DELETED_HTML,
        ),
        Page(
            url=f"https://twitter.com/SpaceAgency/status/{ID_C}",
            captured=utc(2023, 8, 2, 10, 0, 0),
            headers=(("Content-Type", "application/json; charset=utf-8"),),
            body=syndication_json(
                "SpaceAgency", "Space Agency", ID_C, TEXT_C, "2023-08-01T14:00:00.000Z"
            ),
        ),
        # Gone D: deleted-post page only.
        Page(
            url=f"https://twitter.com/Gone/status/{ID_D}",
            captured=utc(2021, 2, 12, 0, 0, 0),
            status="404 Not Found",
            body=DELETED_HTML,
        ),
        # PhotoDesk E via t.co, and the lowercase decoy to Impostor F.
        redirect(
            "https://t.co/AbC123x",
            f"https://twitter.com/PhotoDesk/status/{ID_E}/photo/1",
            utc(2018, 11, 20, 0, 0, 0),
        ),
        redirect(
            "https://t.co/abc123x",
            f"https://twitter.com/Impostor/status/{ID_F}/photo/1",
            utc(2018, 11, 6, 0, 0, 0),
        ),
        Page(
            url=f"https://twitter.com/PhotoDesk/status/{ID_E}",
            captured=utc(2018, 11, 21, 0, 0, 0),
            body=legacy_html("PhotoDesk", "Photo Desk", ID_E, TEXT_E, "4:45 PM - 5 Nov 2018"),
        ),
        Page(
            url=f"https://twitter.com/Impostor/status/{ID_F}",
            captured=utc(2018, 11, 6, 1, 0, 0),
            body=legacy_html("Impostor", "Impostor", ID_F, TEXT_F, "6:00 PM - 5 Nov 2018"),
        ),
    ]


PAGES: tuple[Page, ...] = (*_pages(), *shapes.PAGES)


Case = shapes.Case
cite = shapes.cite

BASE_CASES: tuple[Case, ...] = (
    Case(
        "legacy html, closest capture",
        cite(handle="NewsDesk", post_id=ID_A, date="2019-03-14", text=TEXT_A),
        "verified",
        f"NewsDesk/status/{ID_A}?ref_src=",
    ),
    Case(
        "no id: the post of the day whose text matches",
        cite(handle="NewsDesk", date="2019-03-20", text=TEXT_G),
        "verified",
        f"NewsDesk/status/{ID_G}",
    ),
    Case(
        "only under mobile.twitter.com ?s=20, og tags",
        cite(handle="CityHall", post_id=ID_B, date="2020-06-02", text=TEXT_B),
        "verified",
        f"mobile.twitter.com/CityHall/status/{ID_B}?s=20",
    ),
    Case(
        "JSON capture",
        cite(handle="SpaceAgency", post_id=ID_C, date="2023-08-01", text=TEXT_C),
        "verified",
        f"twitter.com/SpaceAgency/status/{ID_C}",
    ),
    Case(
        "t.co code, lowercase decoy not chosen",
        cite(
            handle="PhotoDesk",
            date="2018-11-05",
            text=TEXT_E,
            kind="rendered",
            media=("pic.twitter.com/AbC123xYz0",),
            urls=("https://t.co/AbC123x",),
        ),
        "verified",
        f"PhotoDesk/status/{ID_E}",
    ),
    Case(
        "deleted-post page only (a 404 row: a tombstone without playback)",
        cite(handle="Gone", post_id=ID_D, date="2021-02-09", text="Anything at all."),
        "unavailable",
        tombstone="not_found",
    ),
    Case(
        "never archived",
        cite(handle="Nobody", post_id=ID_UNARCHIVED, date="2022-05-05", text="Hello."),
        "not_archived",
    ),
    Case(
        "text disagrees",
        cite(
            handle="NewsDesk",
            post_id=ID_A,
            date="2019-03-14",
            text="The bridge on Route 9 has reopened to traffic in both directions.",
        ),
        "mismatch",
        f"NewsDesk/status/{ID_A}",
    ),
    Case(
        "no id: every post of the day disagrees",
        cite(handle="NewsDesk", date="2019-03-20", text="The marathon is cancelled this year."),
        "mismatch",
    ),
)

CASES: tuple[Case, ...] = (*BASE_CASES, *shapes.CASES)


def _record_id(page: Page, kind: str) -> str:
    name = f"{kind} {page.url} {page.captured.isoformat()}"
    return f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, name)}>"


def _warc_date(moment: dt.datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def write_warc(stream: BinaryIO, pages: Sequence[Page] = PAGES) -> None:
    """Write ``pages`` as gzipped WARC response (and revisit) records, deterministically."""
    writer = WARCWriter(stream, gzip=True)
    for page in pages:
        headers = [*page.headers, ("Content-Length", str(len(page.body)))]
        http_headers = StatusAndHeaders(page.status, headers, protocol="HTTP/1.1")
        warc_headers = {
            "WARC-Date": _warc_date(page.captured),
            "WARC-Record-ID": _record_id(page, "response"),
        }
        if page.revisit_of is not None:
            digest = "sha1:" + _base32_sha1(page.body)
            record = writer.create_revisit_record(
                page.url,
                digest=digest,
                refers_to_uri=page.url,
                refers_to_date=_warc_date(page.revisit_of),
                http_headers=http_headers,
                warc_headers_dict=warc_headers,
            )
        else:
            record = writer.create_warc_record(
                page.url,
                "response",
                payload=io.BytesIO(page.body),
                http_headers=http_headers,
                warc_headers_dict=warc_headers,
            )
        writer.write_record(record)


def _base32_sha1(data: bytes) -> str:
    return base64.b32encode(hashlib.sha1(data).digest()).decode()


def write_warc_file(path: Path, pages: Sequence[Page] = PAGES) -> Path:
    with path.open("wb") as stream:
        write_warc(stream, pages)
    return path


def citations(cases: Iterable[Case] = CASES) -> list[Citation]:
    return [case.citation for case in cases]
