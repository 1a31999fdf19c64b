"""Dates as written in citations.

Month names come from the Unicode CLDR, shipped as a snapshot in ``months.json`` (made by
``tools/update_months.py`` from babel's CLDR data) for every locale in :data:`LOCALES`,
so ``May 3, 2023``, ``25. September 2018``, ``13 de septiembre de 2017``, ``16 мая 2018 г.``,
``2019年6月7日`` and ``2019년 12월 1일`` all parse the same way.

A clock time written after a date is part of it, in any language: one or two short words, the
time, and a time-zone abbreviation (``at 9:10am PDT``, ``um 12:30 PDT``, ``в 1:10 PDT``,
``pada 9:50 PDT``) — the shape of Instagram's credit lines and of comment attributions. A time
written before the date with a dash (``9:46 AM - 5 Nov 2017``) is the stamp of a rendered
tweet card.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from importlib import resources

import attrs
import regex

from mediacite._patterns import compile_later

__all__ = [
    "LOCALES",
    "ParsedDate",
    "date_pattern",
    "match_date",
    "month_words",
]

LOCALES: tuple[str, ...] = (
    "en",
    "de",
    "fr",
    "es",
    "pt",
    "it",
    "nl",
    "ru",
    "uk",
    "pl",
    "tr",
    "sv",
    "da",
    "nb",
    "fi",
    "cs",
    "sk",
    "ro",
    "hu",
    "hr",
    "sl",
    "ca",
    "id",
    "ms",
    "tl",
    "el",
    "bg",
    "sr",
    "lt",
    "lv",
    "et",
    "is",
    "ga",
    "cy",
    "eu",
    "gl",
    "vi",
    "ar",
    "fa",
    "he",
    "hi",
    "bn",
    "ur",
)
"""Locales whose CLDR month names (wide and abbreviated, format and stand-alone) are read."""


@attrs.frozen
class ParsedDate:
    """A date found in text: the ISO date, the text as written, and where it sits.

    A date written without a year (``May 3``) has ``date`` ``None``; :meth:`in_year` completes it.
    """

    date: str | None
    text: str
    start: int
    end: int
    month: int
    day: int
    clock: str | None = None
    """The clock time written with the date (``10:04am``), if any."""
    zone: str | None = None
    """The time-zone abbreviation after that clock time (``PDT``), if any."""
    stamp: bool = False
    """The clock time comes first, as on a rendered tweet card (``9:46 AM - 5 Nov 2017``)."""

    def in_year(self, year: int) -> str | None:
        """The ISO date of this month and day in ``year`` (``None`` if there is no such day)."""
        try:
            return dt.date(year, self.month, self.day).isoformat()
        except ValueError:
            return None


@functools.cache
def _month_names() -> dict[str, int]:
    """The CLDR month names shipped with the package (see ``tools/update_months.py``)."""
    data = resources.files("mediacite.extract").joinpath("months.json").read_text("utf-8")
    names: dict[str, int] = json.loads(data)["months"]
    return names


@functools.cache
def month_words() -> frozenset[str]:
    """Every CLDR month name and abbreviation of :data:`LOCALES`, case-folded."""
    return frozenset(_month_names())


_TIME = r"\d{1,2}:\d{2}(?::\d{2})?(?:\s?[AaPp]\.?\s?[Mm]\.?)?"
_CONNECTOR = r"(?-i:\p{Ll}{1,6})\.?"
"""A short lower-case word between a date and its time (``at``, ``um``, ``à``, ``в``, ``pada``,
``a las``); a capitalised word there starts a new sentence."""


@functools.cache
def date_pattern() -> regex.Pattern[str]:
    """The compiled pattern matching one date in any supported shape.

    Month names are matched as words and checked against the CLDR names afterwards.
    """
    month = r"[^\W\d_]{2,15}\.?"
    year = r"\d{4}(?!\d)"
    day = r"\d{1,2}(?!\d)"
    shapes = [
        # 05:38 PM - 07 Jun 2019 (publisher cards)
        rf"(?:(?P<stamp>{_TIME})\s*[-–·]\s*)?(?P<d1>{day})\.?\s+(?:de\s+)?(?P<m1>{month})"
        rf"(?:,?\s+(?:de\s+)?(?P<y1>{year})(?:\s?г\.?)?)?",
        # May 3, 2023 / 9:14 AM · May 3, 2023 (a post's own page, cards since 2019)
        rf"(?:(?P<stamp>{_TIME})\s*[-–·]\s*)?"
        rf"(?P<m2>{month})\s+(?P<d2>{day})(?:st|nd|rd|th)?(?:,?\s+(?P<y2>{year}))?",
        # Fri Sep 30 15:13:45 UTC+0000 2016
        rf"(?:\w{{3}}\s+)?(?P<m3>{month})\s+(?P<d3>{day})\s+\d{{2}}:\d{{2}}:\d{{2}}\s+"
        rf"(?:UTC|GMT)?[+-]\d{{4}}\s+(?P<y3>{year})",
        # 2019年6月7日 / 2019년 12월 1일
        rf"(?P<y4>{year})\s?[年년]\s?(?P<m4>\d{{1,2}})\s?[月월]\s?(?P<d4>{day})\s?[日일]",
        # 2026-04-01 / 2026-04-01T03:14:06.000Z
        rf"(?P<y5>{year})-(?P<m5>\d{{2}})-(?P<d5>\d{{2}})(?!\d)"
        rf"(?:[T ]\d{{2}}:\d{{2}}(?::\d{{2}}(?:\.\d+)?)?(?:Z|[+-]\d{{2}}:?\d{{2}})?)?",
    ]
    # … at 9:10am PDT / um 12:30 PDT / в 1:10 PDT / a las 9:50 PDT
    clock = (
        rf"(?:(?:[ \t\u00a0]{_CONNECTOR}){{0,2}}[ \t\u00a0](?P<clock>{_TIME})(?!\d)"
        r"(?:[ \t\u00a0](?P<zone>\p{Lu}{2,5})(?![\w]))?)?"
    )
    alternatives = "|".join(f"(?:{shape})" for shape in shapes)
    return regex.compile(f"(?:{alternatives}){clock}", regex.IGNORECASE)


@functools.cache
def _group_numbers() -> tuple[tuple[tuple[int, int, int], ...], int, int, int]:
    """The numbers of :func:`date_pattern`'s groups.

    Day, month and year of each shape, then clock, stamp and zone (read by number:
    ``regex``'s ``groupdict`` costs more than the match).
    """
    index = date_pattern().groupindex
    shapes = tuple((index[f"d{n}"], index[f"m{n}"], index[f"y{n}"]) for n in "12345")
    return shapes, index["clock"], index["stamp"], index["zone"]


def _month_number(token: str) -> int | None:
    if token.isdigit():
        return int(token)
    return _month_names().get(token.casefold().rstrip("."))


_LEAD_WORD = compile_later(r"[^\W\d_]{1,15}")


def _cannot_start_date(text: str, pos: int) -> bool:
    """A cheap test that rules out most text: a date starts with a digit or a month name.

    (Three-letter words pass: they may be a weekday before ``Sep 30 15:13:45 …``.)
    """
    if pos >= len(text) or not text[pos].isalnum():
        return True
    word = _LEAD_WORD.match(text, pos)
    if word is None or len(word.group()) == 3:
        return False
    return word.group().casefold() not in _month_names()


def match_date(text: str, pos: int = 0, endpos: int | None = None) -> ParsedDate | None:
    """Parse the date that starts exactly at ``text[pos]``; ``None`` if there is none there."""
    if _cannot_start_date(text, pos):
        return None
    found = date_pattern().match(text, pos, len(text) if endpos is None else endpos)
    if found is None:
        return None
    group = found.group
    shapes, clock_group, stamp_group, zone_group = _group_numbers()
    for day_group, month_group, year_group in shapes:
        if group(day_group) is None:
            continue
        month = _month_number(group(month_group))
        if month is None:
            return None
        day = int(group(day_group))
        text = group().rstrip()
        end = found.start() + len(text)
        year = group(year_group)
        try:
            when = dt.date(2000 if year is None else int(year), month, day)
        except ValueError:
            return None
        iso = None if year is None else when.isoformat()
        zone = group(zone_group)
        if zone is not None and not zone.isupper():
            zone = None
            text = text[: found.start(zone_group) - found.start()].rstrip()
            end = found.start() + len(text)
        return ParsedDate(
            iso,
            text,
            found.start(),
            end,
            month,
            day,
            clock=group(clock_group) or group(stamp_group),
            zone=zone,
            stamp=group(stamp_group) is not None,
        )
    return None
