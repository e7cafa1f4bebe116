"""core.dates: the days and times people type in a shell, in their local zone or in UTC."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from coachtui.core.dates import NotADate, day_end, day_start, parse_day, parse_moment

TODAY = date(2026, 11, 25)  # a Wednesday


@pytest.mark.parametrize("text, expected", [
    ("today", TODAY),
    ("Yesterday", TODAY - timedelta(days=1)),
    ("3d", TODAY - timedelta(days=3)),
    ("3 days ago", TODAY - timedelta(days=3)),
    ("2w", TODAY - timedelta(days=14)),
    ("1 week", TODAY - timedelta(days=7)),
    ("wednesday", TODAY),                           # today is one: today
    ("monday", date(2026, 11, 23)),                 # the latest one
    ("thursday", date(2026, 11, 19)),               # never one in the future
    ("last wednesday", date(2026, 11, 18)),         # "last": before today
    ("last  Monday", date(2026, 11, 23)),
    ("2026-01-31", date(2026, 1, 31)),
])
def test_days_people_type(text, expected):
    assert parse_day(text, TODAY) == expected


@pytest.mark.parametrize("text, says", [
    ("someday", "'someday' is not a date; use today, yesterday, 3d"),
    ("20260131", "is not a date"),                  # one ISO spelling only
    ("2026-W05-1", "is not a date"),
    ("2026-02-30", "'2026-02-30' is not a day of the calendar"),
    ("last", "is not a date"),
    ("999999d", "is before the calendar begins"),
])
def test_what_is_not_a_day_is_said(text, says):
    with pytest.raises(NotADate) as error:
        parse_day(text, TODAY)
    assert says in str(error.value)


def test_a_day_starts_at_local_midnight_unless_utc(zone):
    # Auckland is UTC+13 in November: its Wednesday begins on Tuesday 11:00 UTC.
    zone("Pacific/Auckland")
    assert day_start(TODAY, utc=False) == datetime(2026, 11, 24, 11, 0, tzinfo=timezone.utc)
    assert day_end(TODAY, utc=False) == datetime(2026, 11, 25, 11, 0, tzinfo=timezone.utc)
    assert day_start(TODAY, utc=True) == datetime(2026, 11, 25, tzinfo=timezone.utc)
    assert day_end(date.max, utc=False) is None
    assert day_start(date.min, utc=False) is None  # before year 1 in UTC: no bound at all


def test_a_day_follows_daylight_saving(zone):
    zone("Europe/Berlin")  # UTC+2 in summer, UTC+1 in winter
    assert day_start(date(2026, 7, 1), utc=False).hour == 22
    assert day_start(date(2026, 12, 1), utc=False).hour == 23


def test_moments_are_local_by_default(zone):
    zone("America/Los_Angeles")  # UTC-8 in November
    now = datetime(2026, 11, 25, 3, 0, tzinfo=timezone.utc)  # still Tuesday 19:00 there
    at = parse_moment("yesterday 17:30", now, utc=False)
    assert at.astimezone(timezone.utc) == datetime(2026, 11, 24, 1, 30, tzinfo=timezone.utc)
    at = parse_moment("yesterday 17:30", now, utc=True)
    assert at == datetime(2026, 11, 24, 17, 30, tzinfo=timezone.utc)
    assert parse_moment("now", now, utc=False) == now
    assert parse_moment("2026-11-20T08:05", now, utc=True) == \
        datetime(2026, 11, 20, 8, 5, tzinfo=timezone.utc)
    # A day alone keeps the time of day it is now (local: 19:00).
    assert parse_moment("monday", now, utc=False).astimezone(timezone.utc) == \
        datetime(2026, 11, 24, 3, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize("text, says", [
    ("today 25:00", "is not a time of day"),
    ("tomorrow", "is not a date"),
    ("today 23:59", "is in the future"),
])
def test_what_is_not_a_moment_is_said(text, says):
    now = datetime(2026, 11, 25, 9, 0, tzinfo=timezone.utc)
    with pytest.raises(NotADate) as error:
        parse_moment(text, now, utc=True)
    assert says in str(error.value)
