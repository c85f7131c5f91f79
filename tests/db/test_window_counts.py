"""Window counts for spike detection come from the mention table (SQLite and, in CI, PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import Mention
from bot.db.window_counts import window_counts
from bot.domain import MentionStatus

NOW = datetime(2026, 3, 9, 10, 0, tzinfo=UTC)


def _mention(
    n: int,
    ago: timedelta,
    lanes: list[str],
    status: MentionStatus = MentionStatus.PROCESSED,
    *,
    topics: list[str] | None = None,
) -> Mention:
    assessment: dict[str, object] = {"lanes": lanes} if topics is None else {"lanes": lanes, "topics": topics}
    return Mention(
        source="generic",
        external_id=f"m{n}",
        platform="x",
        text="…",
        payload={},
        received_at=NOW - ago,
        status=status.value,
        assessment=assessment,
    )


async def test_counts_split_into_current_window_trailing_day_and_last_week(db_session: AsyncSession) -> None:
    db_session.add_all(
        [
            _mention(1, timedelta(minutes=2), ["complaint", "churn"]),
            _mention(2, timedelta(minutes=4), ["complaint"]),
            _mention(3, timedelta(hours=3), ["complaint"]),
            _mention(4, timedelta(days=7, minutes=10), ["complaint"]),
            _mention(5, timedelta(days=8), []),  # only sets how much history exists
            _mention(6, timedelta(minutes=1), ["complaint"], MentionStatus.PENDING),  # not triaged yet
        ]
    )
    await db_session.flush()
    counts = await window_counts(db_session, NOW)
    assert counts.current == {"lane:complaint": 2, "lane:churn": 1}
    assert counts.trailing_day == {"lane:complaint": 1}
    assert counts.same_hour_last_week == {"lane:complaint": 1}
    assert counts.history_hours == 8 * 24


async def test_without_a_week_of_history_there_is_no_weekly_baseline(db_session: AsyncSession) -> None:
    db_session.add(_mention(1, timedelta(hours=2), ["complaint"]))
    await db_session.flush()
    counts = await window_counts(db_session, NOW)
    assert counts.same_hour_last_week is None
    assert counts.history_hours == 2


async def test_last_spike_is_remembered_per_lane_for_the_cooldown(db_session: AsyncSession) -> None:
    db_session.add_all(
        [
            _mention(1, timedelta(minutes=20), ["complaint", "spike"]),
            _mention(2, timedelta(minutes=50), ["complaint", "spike"]),
            _mention(3, timedelta(minutes=10), ["churn"]),
        ]
    )
    await db_session.flush()
    counts = await window_counts(db_session, NOW)
    assert counts.last_spike_at["lane:complaint"] == NOW - timedelta(minutes=20)
    assert "lane:churn" not in counts.last_spike_at


async def test_topics_are_counted_next_to_lanes(db_session: AsyncSession) -> None:
    db_session.add_all(
        [
            _mention(1, timedelta(minutes=1), ["complaint"], topics=["outage"]),
            _mention(2, timedelta(minutes=3), ["complaint"], topics=["outage", "roaming"]),
            _mention(3, timedelta(hours=2), ["complaint"], topics=["outage"]),
            _mention(4, timedelta(hours=5), ["complaint"]),  # stored before assessments had topics
        ]
    )
    await db_session.flush()
    counts = await window_counts(db_session, NOW)
    assert counts.current == {"lane:complaint": 2, "topic:outage": 2, "topic:roaming": 1}
    assert counts.trailing_day == {"lane:complaint": 2, "topic:outage": 1}


async def test_a_spike_on_a_topic_starts_its_cooldown(db_session: AsyncSession) -> None:
    db_session.add(_mention(1, timedelta(minutes=12), ["complaint", "spike"], topics=["outage"]))
    await db_session.flush()
    counts = await window_counts(db_session, NOW)
    assert counts.last_spike_at["topic:outage"] == NOW - timedelta(minutes=12)
