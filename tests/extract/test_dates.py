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
