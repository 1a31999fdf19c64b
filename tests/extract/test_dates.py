from __future__ import annotations

import pytest

from mediacite.extract.dates import match_date
from mediacite.snowflake import snowflake_time


def test_month_snapshot_is_well_formed() -> None:
    """The shipped CLDR snapshot covers every locale; tools/update_months.py refreshes it."""
    import json
    from importlib import resources

    from mediacite.extract.dates import LOCALES

    shipped = json.loads(
        resources.files("mediacite.extract").joinpath("months.json").read_text("utf-8")
    )
    assert shipped["locales"] == list(LOCALES)
    assert shipped["source"].startswith("Unicode CLDR")
    months = shipped["months"]
    assert all(1 <= n <= 12 for n in months.values())
    assert all(k == k.casefold() and not k.endswith(".") for k in months)
    for name, number in (("january", 1), ("mai", 5), ("мая", 5), ("septiembre", 9)):
        assert months[name] == number


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("Dec 5, 2016 at 9:10am PST", "2016-12-05"),
        ("Fri Sep 30 15:13:45 UTC+0000 2016", "2016-09-30"),
        ("2026-04-01T03:14:06.000Z", "2026-04-01"),
        ("1 oct. 2019", "2019-10-01"),
        ("3. listopadu 2019", "2019-11-03"),
        ("3 Kasım 2019", "2019-11-03"),
    ],
)
def test_match_date(text: str, iso: str) -> None:
    found = match_date(text)
    assert found is not None and (found.date, found.text) == (iso, text)


@pytest.mark.parametrize(
    "text", ["May 33, 2023", "Foo 3, 2023", "February 30, 2020", "2023-13-01", "February 30", ""]
)
def test_not_dates(text: str) -> None:
    assert match_date(text) is None


def test_snowflake() -> None:
    when = snowflake_time("1196501054197649413")
    assert when is not None and when.isoformat().startswith("2019-11-18T18:50:55.892")
    assert snowflake_time("29700859246") is None
    assert snowflake_time("12abc") is None
    assert snowflake_time("9" * 25) is None


def test_dates_without_year() -> None:
    found = match_date("3 May 20234")
    assert found is not None and (found.date, found.text) == (None, "3 May")
    assert found.in_year(2023) == "2023-05-03"
    leap = match_date("Feb 29")
    assert leap is not None and leap.in_year(2023) is None and leap.in_year(2024) == "2024-02-29"


@pytest.mark.parametrize(
    ("text", "iso", "clock", "zone"),
    [
        ("Jan 26, 2016 at 10:04am PST", "2016-01-26", "10:04am", "PST"),
        ("Mär 12, 2018 um 12:30 PDT", "2018-03-12", "12:30", "PDT"),
        ("19 Апр 2020 в 1:10 PDT", "2020-04-19", "1:10", "PDT"),
        ("Mei 28, 2016 pada 9:50 PDT", "2016-05-28", "9:50", "PDT"),
        ("12 mar 2018 a las 12:30 PDT", "2018-03-12", "12:30", "PDT"),
        ("October 26, 2012 at 1:32 am", "2012-10-26", "1:32 am", None),
    ],
)
def test_clock_time_after_a_date_in_any_language(
    text: str, iso: str, clock: str, zone: str | None
) -> None:
    found = match_date(text)
    assert found is not None
    assert (found.date, found.text, found.clock, found.zone) == (iso, text, clock, zone)
    assert not found.stamp


@pytest.mark.parametrize(
    ("text", "iso", "stamp", "clock"),
    [
        ("9:46 AM - 5 Nov 2017 “The", "2017-11-05", "9:46 AM - 5 Nov 2017", "9:46 AM"),
        ("9:14 AM · May 3, 2023\n12", "2023-05-03", "9:14 AM · May 3, 2023", "9:14 AM"),
        ("11:02 PM · Mar 14, 2024", "2024-03-14", "11:02 PM · Mar 14, 2024", "11:02 PM"),
    ],
)
def test_card_stamp_is_a_clock_time_before_the_date(
    text: str, iso: str, stamp: str, clock: str
) -> None:
    found = match_date(text)
    assert found is not None and found.stamp
    assert (found.date, found.text, found.clock) == (iso, stamp, clock)


def test_words_after_a_clock_time_are_not_a_zone() -> None:
    found = match_date("March 14, 2024 at 9:10 the bridge")
    assert found is not None and (found.text, found.zone) == ("March 14, 2024 at 9:10", None)
