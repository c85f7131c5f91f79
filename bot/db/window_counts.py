"""Counts of processed mentions per lane and per topic, for spike detection (`bot.rules.spike` decides; this
only counts).

The counts come from the `mention` table, so a restart or a second instance sees the same state. Lanes and
topics (the playbook rules' topics, e.g. "outage") are read from the stored assessment JSON and counted here,
which works the same on SQLite and PostgreSQL; the query touches the trailing day and the hour around the
same time a week ago. Assessments stored before topics existed simply count no topic.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import Mention
from bot.domain import MentionStatus

__all__ = ["WindowCounts", "window_counts"]

BUCKET = timedelta(minutes=5)
DAY = timedelta(days=1)
WEEK = timedelta(days=7)
HALF_HOUR = timedelta(minutes=30)
SPIKE = "spike"


@dataclass(frozen=True)
class WindowCounts:
    """Satisfies `bot.rules.spike.WindowStats`; keys are "lane:<lane>" and "topic:<topic>"."""

    current: dict[str, int] = field(default_factory=dict)
    trailing_day: dict[str, int] = field(default_factory=dict)
    same_hour_last_week: dict[str, int] | None = None
    history_hours: float = 0.0
    last_spike_at: dict[str, datetime] = field(default_factory=dict)


async def window_counts(session: AsyncSession, now: datetime) -> WindowCounts:
    """Counts for the 5-minute window ending at `now`, the trailing day before it, and (once a week of
    history exists) the hour centred on `now` a week ago."""
    oldest = await session.scalar(
        select(func.min(Mention.received_at)).where(Mention.status == MentionStatus.PROCESSED.value)
    )
    history = (now - oldest).total_seconds() / 3600 if oldest is not None else 0.0
    week_ago = now - WEEK
    lanes, topics = Mention.assessment["lanes"], Mention.assessment["topics"]
    rows = await session.execute(
        select(Mention.received_at, lanes, topics).where(
            Mention.status == MentionStatus.PROCESSED.value,
            or_(
                (Mention.received_at >= now - DAY) & (Mention.received_at < now),
                (Mention.received_at >= week_ago - HALF_HOUR) & (Mention.received_at < week_ago + HALF_HOUR),
            ),
        )
    )
    current: Counter[str] = Counter()
    day: Counter[str] = Counter()
    week: Counter[str] = Counter()
    last_spike: dict[str, datetime] = {}
    for received_at, stored_lanes, stored_topics in rows:
        keys = _keys("lane", stored_lanes) + _keys("topic", stored_topics)
        if received_at < now - DAY:
            week.update(keys)
            continue
        (current if received_at >= now - BUCKET else day).update(keys)
        if f"lane:{SPIKE}" in keys:
            for key in keys:
                if received_at > last_spike.get(key, received_at - BUCKET):
                    last_spike[key] = received_at
    return WindowCounts(
        current=dict(current),
        trailing_day=dict(day),
        same_hour_last_week=dict(week) if history >= WEEK.total_seconds() / 3600 else None,
        history_hours=history,
        last_spike_at=last_spike,
    )


def _keys(kind: str, stored: Any) -> list[str]:
    values: Iterable[Any] = stored if isinstance(stored, list) else []
    return [f"{kind}:{value}" for value in dict.fromkeys(values) if isinstance(value, str)]
