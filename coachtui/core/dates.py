"""Dates and times as people type them in a shell: `today`, `yesterday`, `3d`, `2w`,
`friday`, `last monday`, `2026-01-31`, `yesterday 17:30`.

A small parser of our own (jrnl's habits without a date library). Pure: the present moment
is passed in, already in the zone the person means (their local one by default, UTC with
`--utc`), and every answer is given in that zone. A day bound becomes a UTC instant only in
`day_start`, which the journal index compares with entries' UTC times.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, timezone

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_AGO = re.compile(r"(\d{1,6})\s*(d|days?|w|weeks?)(\s+ago)?")
_TIME = re.compile(r"(\d{1,2}):(\d{2})")
# A few minutes' grace for clocks a little apart: "now" typed a moment ago is not future.
FUTURE_GRACE = timedelta(minutes=5)

DAY_HELP = ("today, yesterday, 3d, 2w, a weekday (friday), last monday or YYYY-MM-DD")
WHEN_HELP = DAY_HELP + ", with a time if you like (yesterday 17:30); or now"


class NotADate(ValueError):
    """The text is not a date or time we understand; str() is one sentence saying why."""


def parse_day(text: str, today: date) -> date:
    """The day `text` names, counted back from `today`. Weekday names are the latest such
    day up to today (today itself on that weekday); `last friday` is the one before today."""
    words = " ".join(text.casefold().split())
    if _ISO_DAY.fullmatch(words):
        # fromisoformat alone would also take "20260131" or "2026-W05-1": one spelling only.
        try:
            return date.fromisoformat(words)
        except ValueError:
            raise NotADate(f"{text!r} is not a day of the calendar") from None
    if words == "today":
        return today
    if words == "yesterday":
        return _back(today, 1, text)
    ago = _AGO.fullmatch(words)
    if ago:
        count = int(ago.group(1)) * (7 if ago.group(2).startswith("w") else 1)
        return _back(today, count, text)
    last = words.startswith("last ")
    name = words.removeprefix("last ")
    if name in WEEKDAYS:
        back = (today.weekday() - WEEKDAYS.index(name)) % 7
        return _back(today, back or (7 if last else 0), text)
    raise NotADate(f"{text!r} is not a date; use {DAY_HELP}")


def parse_moment(text: str, now: datetime, utc: bool) -> datetime:
    """The moment `text` names, in the person's zone (local, or UTC): a day (as
    `parse_day`) optionally followed by HH:MM, or `now`. A day without a time keeps the
    time of day it is now. A moment after `now` (beyond a few minutes) is refused: a
    reflection looks back."""
    now = now_in(utc, now)
    words = " ".join(text.casefold().split())
    words = re.sub(r"^(\d{4}-\d{2}-\d{2})t", r"\1 ", words)  # ISO's 2026-01-31T17:30
    if words == "now":
        return now
    day_part, at = words, None
    found = re.fullmatch(r"(.*?)\s*(?:at\s+)?" + _TIME.pattern, words)
    if found:
        day_part = found.group(1)
        hour, minute = int(found.group(2)), int(found.group(3))
        if hour > 23 or minute > 59:
            raise NotADate(f"{text!r}: {hour}:{minute:02d} is not a time of day (00:00-23:59)")
        at = time(hour, minute)
    day = parse_day(day_part, now.date()) if day_part else now.date()
    moment = datetime.combine(day, at or now.time().replace(microsecond=0))
    try:  # a naive time's astimezone() reads it as local time, with that day's DST
        moment = moment.replace(tzinfo=timezone.utc) if utc else moment.astimezone()
    except (OverflowError, ValueError, OSError):
        raise NotADate(f"{text!r} is outside the calendar") from None
    if moment > now + FUTURE_GRACE:
        raise NotADate(f"{text!r} is in the future; a reflection is about what has happened")
    return moment


def day_start(day: date, utc: bool) -> datetime | None:
    """The UTC instant the person's day begins: a UTC day, or the local one (the zone the
    process runs in, TZ included). None where that instant is outside the calendar."""
    try:
        if utc:
            return datetime(day.year, day.month, day.day, tzinfo=timezone.utc)
        # A naive time's astimezone() reads it as local time, DST included.
        return datetime(day.year, day.month, day.day).astimezone().astimezone(timezone.utc)
    except (OverflowError, ValueError, OSError):
        return None


def day_end(day: date, utc: bool) -> datetime | None:
    """Where an inclusive last day ends (the next day's start); None after the calendar."""
    return None if day == date.max else day_start(day + timedelta(days=1), utc)


def now_in(utc: bool, clock: datetime | None = None) -> datetime:
    """The present moment (or `clock`) in the person's zone: local, or UTC."""
    moment = clock or datetime.now(timezone.utc)
    return moment.astimezone(timezone.utc) if utc else moment.astimezone()


def local(moment: datetime) -> datetime:
    """A stored (UTC) time in the local time zone, to show. A valid entry may be dated at the
    edge of the calendar (year 1, year 9999), where the local zone's offset leaves it: then
    it stays in UTC rather than crash the screen (astimezone raises OverflowError)."""
    try:
        return moment.astimezone()
    except (OverflowError, ValueError, OSError):
        return moment


def _back(today: date, days: int, text: str) -> date:
    try:
        return today - timedelta(days=days)
    except OverflowError:
        raise NotADate(f"{text!r} is before the calendar begins") from None
