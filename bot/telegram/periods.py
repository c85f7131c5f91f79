"""Parse the period of `/cover @person PERIOD`. Pure: a function of (text, time zone, now)."""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta

from bot.domain.schedule import zone

__all__ = ["parse_period"]

_CLOCKS = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)-([01]?\d|2[0-3]):([0-5]\d)$")
_STAMPS = re.compile(r"^(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2})-(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2})$")


def parse_period(text: str, timezone: str, now: datetime) -> tuple[datetime, datetime] | None:
    """`18:00-23:00` (today in `timezone`; an end at or before the start is the next day) or
    `2026-03-10T09:00-2026-03-11T09:00` (local times in `timezone`). None when it is neither."""
    tz = zone(timezone)
    text = text.strip()
    if match := _CLOCKS.match(text):
        h1, m1, h2, m2 = (int(g) for g in match.groups())
        today = now.astimezone(tz).date()
        start = datetime.combine(today, time(h1, m1), tzinfo=tz)
        end = datetime.combine(today, time(h2, m2), tzinfo=tz)
        if end <= start:
            end += timedelta(days=1)
        return start, end
    if match := _STAMPS.match(text):
        try:
            start = datetime.fromisoformat(match.group(1).replace(" ", "T")).replace(tzinfo=tz)
            end = datetime.fromisoformat(match.group(2).replace(" ", "T")).replace(tzinfo=tz)
        except ValueError:
            return None
        return (start, end) if end > start else None
    return None
