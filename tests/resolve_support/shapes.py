"""Fixture captures for every archived shape, every tombstone kind and every status rule.

Handles and texts are invented; the markup follows the real shapes (see ``pages.py``). Each
case names the status resolving its citation must give, and for tombstones the kind
``evidence.tombstone`` must report. :data:`MIRROR_CASES` need ``Options(mirrors=MIRRORS)``.
"""

from __future__ import annotations

import datetime as dt

import attrs

from mediacite.models import Citation

from .pages import (
    SHELL_HTML,
    Page,
    api_error_json,
    api_v1_json,
    api_v2_json,
    graphql_json,
    graphql_tombstone_json,
    legacy_2013_html,
    legacy_html,
    make_id,
    mobile_html,
    nitter_html,
    notice_html,
    oembed_json,
    old_2010_html,
    redirect,
    title_only_html,
    utc,
)

MIRRORS = ("nitter.net",)
"""The mirror hosts the mirror cases need."""

JSON = (("Content-Type", "application/json; charset=utf-8"),)


@attrs.frozen
class Case:
    """A citation and what resolving it against the corpus must give."""

    name: str
    citation: Citation
    status: str
    snapshot_contains: str | None = None
    tombstone: str | None = None
    shape: str | None = None


def cite(kind: str = "byline", **fields: object) -> Citation:
    return Citation(platform="twitter", kind=kind, **fields)  # type: ignore[arg-type]


def _status(handle: str, post_id: str, host: str = "twitter.com") -> str:
    return f"https://{host}/{handle}/status/{post_id}"


def _later(when: dt.datetime, hours: int = 20) -> dt.datetime:
    return when + dt.timedelta(hours=hours)


# -- shapes -------------------------------------------------------------------------------------

T13 = utc(2014, 4, 2, 7, 40)
ID_T13 = make_id(T13, 21)
ID_T13_SIBLING = make_id(utc(2014, 4, 2, 15, 5), 22)
ID_T13_REPLY = make_id(utc(2014, 4, 2, 8, 1), 23)
TEXT_T13 = "Northbound lanes on the harbour bridge reopen after overnight repairs #roadworks"
CITED_T13 = f"{TEXT_T13} 🌉 example.org/roads/clos…"

ID_OLD = "24187345678"  # before Snowflake (Nov 2010): the time is read from the page
TEXT_OLD = "Ferry timetable changes from Monday: the 7:15 sailing moves to 7:30 — café reopens."

T_MOB = utc(2017, 6, 11, 16, 5)
ID_MOB = make_id(T_MOB, 24)
TEXT_MOB = "Stadtrat: Müller kündigt 2 € Rabatt auf Monatskarten für Pendler an"

T_IWEB = utc(2019, 7, 8, 12, 0)
ID_IWEB = make_id(T_IWEB, 25)
TEXT_IWEB = "Small craft advisory in effect for the northern coast until Friday evening."

T_TITLE = utc(2023, 9, 12, 18, 30)
ID_TITLE = make_id(T_TITLE, 26)
TEXT_TITLE = "Tickets for the autumn season go on sale tomorrow at 10:00."

T_V1 = utc(2016, 2, 3, 10, 0)
ID_V1 = make_id(T_V1, 27)
TEXT_V1 = "Wind & rain warning upgraded to amber for the coast <until 18:00>."

T_V2 = utc(2022, 3, 8, 9, 30)
ID_V2 = make_id(T_V2, 28)
TEXT_V2 = "All branches open late on Thursdays from next week."

T_OEMBED = utc(2021, 5, 18, 14, 0)
ID_OEMBED = make_id(T_OEMBED, 29)
TEXT_OEMBED = "The restored mural is back on display in the east wing."

T_GQL = utc(2024, 2, 20, 7, 15)
ID_GQL = make_id(T_GQL, 30)
TEXT_GQL = "Line 4 runs every 6 minutes again after the signal upgrade."

T_NITTER = utc(2022, 11, 2, 11, 45)
ID_NITTER = make_id(T_NITTER, 31)
TEXT_NITTER = "River level at the old mill gauge: 3.2 m and falling."


def _shape_pages() -> list[Page]:
    html = (("Content-Type", "text/html; charset=utf-8"),)
    cp1252 = (("Content-Type", "text/html; charset=windows-1252"),)
    mob = mobile_html("ValleyNews", "Valley News", ID_MOB, TEXT_MOB).decode()
    return [
        Page(
            url=_status("TransitDesk", ID_T13),
            captured=_later(T13),
            headers=html,
            body=legacy_2013_html(
                "TransitDesk",
                "Transit Desk",
                ID_T13,
                TEXT_T13,
                int(T13.timestamp()),
                reply_id=ID_T13_REPLY,
            ),
        ),
        Page(
            url=_status("TransitDesk", ID_T13_SIBLING),
            captured=_later(T13, 30),
            body=legacy_html(
                "TransitDesk", "Transit Desk", ID_T13_SIBLING, "Bus stop B moves 50 m east.", "x"
            ),
        ),
        Page(
            url=_status("HarbourLog", ID_OLD),
            captured=utc(2010, 9, 15, 6, 0),
            headers=(("Content-Type", "text/html"),),
            body=old_2010_html(
                "HarbourLog", ID_OLD, TEXT_OLD, "Tue Sep 14 09:12:00 +0000 2010", "windows-1252"
            ),
        ),
        Page(
            url=_status("ValleyNews", ID_MOB, "mobile.twitter.com") + "?p=v",
            captured=_later(T_MOB),
            headers=cp1252,
            body=mob.encode("cp1252"),
        ),
        Page(
            url=f"https://twitter.com/i/web/status/{ID_IWEB}",
            captured=_later(T_IWEB),
            body=legacy_html("CoastGuardNW", "Coast Guard NW", ID_IWEB, TEXT_IWEB, "x"),
        ),
        Page(
            url=_status("MetroArts", ID_TITLE, "x.com"),
            captured=_later(T_TITLE),
            body=title_only_html("Metro Arts", TEXT_TITLE),
        ),
        Page(
            url=_status("WeatherOffice", ID_V1),
            captured=_later(T_V1),
            headers=JSON,
            body=api_v1_json("WeatherOffice", ID_V1, TEXT_V1, "Wed Feb 03 10:00:00 +0000 2016"),
        ),
        Page(
            url=_status("CityLibrary", ID_V2),
            captured=_later(T_V2),
            headers=JSON,
            body=api_v2_json("CityLibrary", ID_V2, TEXT_V2, "2022-03-08T09:30:00.000Z"),
        ),
        Page(
            url=_status("MuseumNotes", ID_OEMBED),
            captured=_later(T_OEMBED),
            headers=JSON,
            body=oembed_json("MuseumNotes", "Museum Notes", ID_OEMBED, TEXT_OEMBED, "May 18, 2021"),
        ),
        Page(
            url=_status("TransitAuth", ID_GQL),
            captured=_later(T_GQL),
            headers=JSON,
            body=graphql_json("TransitAuth", ID_GQL, TEXT_GQL, "Tue Feb 20 07:15:00 +0000 2024"),
        ),
        Page(
            url=f"https://nitter.net/RiverWatch/status/{ID_NITTER}",
            captured=_later(T_NITTER),
            body=nitter_html(
                "RiverWatch", "River Watch", ID_NITTER, TEXT_NITTER, "Nov 2, 2022 · 11:45 AM UTC"
            ),
        ),
    ]


SHAPE_CASES: tuple[Case, ...] = (
    Case(
        "legacy html 2013-2016, no id, beside another post of the day",
        cite(handle="TransitDesk", date="2014-04-02", text=CITED_T13),
        "verified",
        f"TransitDesk/status/{ID_T13}",
        shape="legacy-html",
    ),
    Case(
        "legacy html 2010, pre-Snowflake id, windows-1252",
        cite(handle="HarbourLog", post_id=ID_OLD, date="2010-09-14", text=TEXT_OLD),
        "verified",
        f"HarbourLog/status/{ID_OLD}",
        shape="legacy-html",
    ),
    Case(
        "mobile html, charset from the header",
        cite(handle="ValleyNews", post_id=ID_MOB, date="2017-06-11", text=TEXT_MOB),
        "verified",
        f"mobile.twitter.com/ValleyNews/status/{ID_MOB}",
        shape="mobile-html",
    ),
    Case(
        "only under /i/web/status",
        cite(handle="CoastGuardNW", post_id=ID_IWEB, date="2019-07-08", text=TEXT_IWEB),
        "verified",
        f"i/web/status/{ID_IWEB}",
        shape="legacy-html",
    ),
    Case(
        "X shell with the post in the title",
        cite(handle="MetroArts", post_id=ID_TITLE, date="2023-09-12", text=TEXT_TITLE),
        "verified",
        f"x.com/MetroArts/status/{ID_TITLE}",
        shape="og-meta",
    ),
    Case(
        "API v1.1 JSON, escaped text",
        cite(handle="WeatherOffice", post_id=ID_V1, date="2016-02-03", text=TEXT_V1),
        "verified",
        f"WeatherOffice/status/{ID_V1}",
        shape="api-json",
    ),
    Case(
        "API v2 JSON",
        cite(handle="CityLibrary", post_id=ID_V2, date="2022-03-08", text=TEXT_V2),
        "verified",
        f"CityLibrary/status/{ID_V2}",
        shape="api-v2-json",
    ),
    Case(
        "oEmbed JSON",
        cite(handle="MuseumNotes", post_id=ID_OEMBED, date="2021-05-18", text=TEXT_OEMBED),
        "verified",
        f"MuseumNotes/status/{ID_OEMBED}",
        shape="oembed-json",
    ),
    Case(
        "GraphQL JSON",
        cite(handle="TransitAuth", post_id=ID_GQL, date="2024-02-20", text=TEXT_GQL),
        "verified",
        f"TransitAuth/status/{ID_GQL}",
        shape="graphql-json",
    ),
)

MIRROR_CASES: tuple[Case, ...] = (
    Case(
        "nitter mirror page",
        cite(handle="RiverWatch", post_id=ID_NITTER, date="2022-11-02", text=TEXT_NITTER),
        "verified",
        f"nitter.net/RiverWatch/status/{ID_NITTER}",
        shape="nitter-html",
    ),
)

# -- tombstones ---------------------------------------------------------------------------------

_TOMBSTONES: tuple[tuple[str, str, dt.datetime], ...] = (
    ("deleted", "GoneNow", utc(2023, 10, 5, 9, 0)),
    ("suspended", "BannedDesk", utc(2020, 1, 15, 9, 0)),
    ("withheld", "Censored1", utc(2019, 5, 5, 9, 0)),
    ("age_restricted", "NightClubX", utc(2023, 12, 1, 22, 0)),
    ("protected", "LockedAcct", utc(2018, 3, 3, 9, 0)),
    ("violated_rules", "RuleBreaker", utc(2023, 8, 8, 8, 0)),
    ("unavailable", "VanishedPost", utc(2017, 9, 9, 9, 0)),
    ("not_found", "ApiGone", utc(2015, 6, 6, 6, 0)),
)


def _tombstone_id(index: int, when: dt.datetime) -> str:
    return make_id(when, 40 + index)


def _tombstone_page(kind: str, handle: str, post_id: str, when: dt.datetime) -> Page:
    url, later = _status(handle, post_id), _later(when, 24 * 30)
    if kind == "deleted":
        body = graphql_tombstone_json("This Post was deleted by the Post author. Learn more")
        return Page(url=url, captured=later, headers=JSON, body=body)
    if kind == "suspended":
        return redirect(url, "https://twitter.com/account/suspended", later)
    if kind == "protected":
        target = f"https://twitter.com/login?redirect_after_login=%2F{handle}%2Fstatus%2F{post_id}"
        return redirect(url, target, later)
    if kind == "violated_rules":
        body = graphql_tombstone_json("This Post violated the X Rules. Learn more")
        return Page(url=url, captured=later, headers=JSON, body=body)
    if kind == "not_found":
        body = api_error_json(144, "No status found with that ID.")
        return Page(url=url, captured=later, headers=JSON, body=body)
    sentences = {
        "withheld": f"This Tweet from @{handle} has been withheld in: Germany, based on local "
        "law(s). Learn more",
        "age_restricted": "Age-restricted adult content. This content might not be appropriate "
        "for people under 18 years old. To view this media, you'll need to log in to X.",
        "unavailable": "This Tweet is unavailable.",
    }
    return Page(url=url, captured=later, body=notice_html(sentences[kind]))


TOMBSTONE_PAGES: tuple[Page, ...] = tuple(
    _tombstone_page(kind, handle, _tombstone_id(i, when), when)
    for i, (kind, handle, when) in enumerate(_TOMBSTONES)
)

TOMBSTONE_CASES: tuple[Case, ...] = tuple(
    Case(
        f"tombstone: {kind}",
        cite(handle=handle, post_id=_tombstone_id(i, when), date=when.date().isoformat(), text="x"),
        "unavailable",
        tombstone=kind,
    )
    for i, (kind, handle, when) in enumerate(_TOMBSTONES)
)

# -- status rules -------------------------------------------------------------------------------

T_PHOTO = utc(2018, 8, 8, 8, 8)
ID_PHOTO = make_id(T_PHOTO, 50)
T_QUIET = utc(2020, 10, 10, 10, 0)
ID_QUIET = make_id(T_QUIET, 51)
T_TWIN = utc(2021, 6, 1, 9, 0)
ID_TWIN_READ = make_id(T_TWIN, 52)
ID_TWIN_SHELL = make_id(utc(2021, 6, 1, 16, 0), 53)
T_FOG = utc(2021, 7, 7, 9, 0)
ID_FOG_1 = make_id(T_FOG, 54)
ID_FOG_2 = make_id(utc(2021, 7, 7, 19, 0), 55)


def _textless(handle: str, post_id: str) -> bytes:
    """A permalink page showing who posted, but whose text element is empty."""
    page = legacy_html(handle, handle, post_id, "PLACEHOLDER", "x").decode()
    page = page.replace(">PLACEHOLDER</p>", "></p>").replace("“PLACEHOLDER”", "")
    return page.replace('<meta property="og:description" content="">', "").encode()


def _rule_pages() -> list[Page]:
    return [
        Page(
            url=_status("PhotoWire", ID_PHOTO),
            captured=_later(T_PHOTO),
            body=_textless("PhotoWire", ID_PHOTO),
        ),
        Page(url=_status("QuietAccount", ID_QUIET), captured=_later(T_QUIET), body=SHELL_HTML),
        Page(
            url=_status("TwinPosts", ID_TWIN_READ),
            captured=_later(T_TWIN),
            body=legacy_html("TwinPosts", "Twin", ID_TWIN_READ, "Morning briefing at nine.", "x"),
        ),
        Page(url=_status("TwinPosts", ID_TWIN_SHELL), captured=_later(T_TWIN, 30), body=SHELL_HTML),
        Page(url=_status("FoggyDesk", ID_FOG_1), captured=_later(T_FOG), body=SHELL_HTML),
        Page(url=_status("FoggyDesk", ID_FOG_2), captured=_later(T_FOG, 30), body=SHELL_HTML),
    ]


RULE_CASES: tuple[Case, ...] = (
    Case(
        "archived: the post is shown but its text cannot be read",
        cite(handle="PhotoWire", post_id=ID_PHOTO, date="2018-08-08", text="Storm damage photos"),
        "archived",
        f"PhotoWire/status/{ID_PHOTO}",
    ),
    Case(
        "archived: only an app shell was captured",
        cite(handle="QuietAccount", post_id=ID_QUIET, date="2020-10-10", text="Anything."),
        "archived",
        f"QuietAccount/status/{ID_QUIET}",
    ),
    Case(
        "archived by elimination: the other post of the day disagrees",
        cite(handle="TwinPosts", date="2021-06-01", text="Evening update on the road closures."),
        "archived",
        f"TwinPosts/status/{ID_TWIN_SHELL}",
    ),
    Case(
        "ambiguous: two posts of the day cannot be told apart",
        cite(handle="FoggyDesk", date="2021-07-07", text="Visibility down to 50 m on the bay."),
        "ambiguous",
    ),
    Case(
        "ambiguous: no handle to look anything up",
        cite(date="2021-07-07", text="Who said this?"),
        "ambiguous",
    ),
)


PAGES: tuple[Page, ...] = (*_shape_pages(), *TOMBSTONE_PAGES, *_rule_pages())
CASES: tuple[Case, ...] = (*SHAPE_CASES, *TOMBSTONE_CASES, *RULE_CASES)
