"""Time-zone aware building blocks for schedules: durations like `12h`/`7d`, local times like `09:00`,
and daily windows like `22:00-07:00` (quiet hours). Pure."""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BeforeValidator, PlainSerializer

__all__ = ["Duration", "LocalTime", "TimeWindow", "Zone", "parse_duration", "zone"]

_DURATION = re.compile(r"^\s*(\d+)\s*(s|m|min|h|d|w)\s*$")
_UNITS = {"s": "seconds", "m": "minutes", "min": "minutes", "h": "hours", "d": "days", "w": "weeks"}


def parse_duration(value: object) -> timedelta:
    """`30s`, `30m`, `12h`, `1d`, `2w` (or a timedelta) → timedelta; at least one second (seconds are for
    drills and tests; real policies think in minutes)."""
    if isinstance(value, timedelta):
        result = value
    elif isinstance(value, str) and (match := _DURATION.match(value)):
        result = timedelta(**{_UNITS[match.group(2)]: int(match.group(1))})
    else:
        raise ValueError(f"{value!r} is not a duration like 30s, 30m, 12h, 1d or 2w")
    if result < timedelta(seconds=1):
        raise ValueError("a duration is at least 1 second")
    return result


def _format_duration(value: timedelta) -> str:
    seconds = int(value.total_seconds())
    for unit, size in (("w", 7 * 86400), ("d", 86400), ("h", 3600), ("m", 60)):
        if seconds % size == 0:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"


def _parse_time(value: object) -> time:
    if isinstance(value, time):
        return value
    if isinstance(value, int):  # YAML reads 09:00 unquoted as sexagesimal minutes
        hours, minutes = divmod(value, 60)
        if 0 <= hours < 24:
            return time(hours, minutes)
    if isinstance(value, str):
        try:
            return time.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ValueError(f"{value!r} is not a time of day like 09:00")


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown time zone {name!r} (use an IANA name such as Europe/Madrid)") from None


def _check_zone(value: object) -> str:
    if not isinstance(value, str):
        raise ValueError("a time zone is a name such as Europe/Madrid")
    zone(value)
    return value


Duration = Annotated[timedelta, BeforeValidator(parse_duration), PlainSerializer(_format_duration, return_type=str)]
LocalTime = Annotated[
    time, BeforeValidator(_parse_time), PlainSerializer(lambda t: t.strftime("%H:%M"), return_type=str)
]
Zone = Annotated[str, BeforeValidator(_check_zone)]


class TimeWindow:
    """A daily window in local time, e.g. quiet hours `22:00-07:00` (may cross midnight)."""

    __slots__ = ("end", "start")

    def __init__(self, start: time, end: time) -> None:
        self.start, self.end = start, end

    @classmethod
    def parse(cls, value: str) -> TimeWindow:
        try:
            start, end = value.split("-")
            return cls(_parse_time(start), _parse_time(end))
        except ValueError:
            raise ValueError(f"{value!r} is not a window like 22:00-07:00") from None

    def contains(self, when: datetime, tz: ZoneInfo) -> bool:
        local = when.astimezone(tz).time()
        if self.start <= self.end:
            return self.start <= local < self.end
        return local >= self.start or local < self.end

    def __str__(self) -> str:
        return f"{self.start:%H:%M}-{self.end:%H:%M}"
