"""`settle_mentions`: the pipeline's one UPDATE per batch, run on the driver's executemany, stores exactly what
it is given (JSON, UTC datetimes, NULLs) and only touches mentions still pending."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.mentions import settle_mentions
from bot.db.models import Mention
from tests.support.factories import mention, store


async def test_settled_mentions_read_back_exactly_and_settled_ones_are_left_alone(db_session: AsyncSession) -> None:
    now = datetime(2026, 11, 26, 3, 0, tzinfo=UTC)
    await store(db_session, mention("s1"), mention("s2"), mention("s3"), now=now)
    ids = {m.external_id: m.id for m in (await db_session.scalars(select(Mention))).all()}
    assessment = {"severity": "high", "lanes": ["churn"], "reasons": [{"text": "me paso a Vozzia «ya»", "points": 3}]}
    later = now + timedelta(seconds=5)
    outcomes = [
        {
            "b_id": ids["s1"],
            "b_status": "processed",
            "b_processed_at": later,
            "b_severity": "high",
            "b_score": 3.5,
            "b_assessment": assessment,
            "b_error": None,
        },
        {
            "b_id": ids["s2"],
            "b_status": "failed",
            "b_processed_at": later,
            "b_severity": None,
            "b_score": None,
            "b_assessment": None,
            "b_error": "ValueError('bad')",
        },
    ]
    await settle_mentions(db_session, outcomes)
    # A second settle of s1 (another worker got there first) changes nothing: only pending rows are settled.
    await settle_mentions(db_session, [{**outcomes[0], "b_severity": "low", "b_score": 0.0}])
    db_session.expire_all()
    rows = {m.external_id: m for m in (await db_session.scalars(select(Mention))).all()}
    assert (rows["s1"].status, rows["s1"].severity, rows["s1"].score, rows["s1"].attempts) == (
        "processed",
        "high",
        3.5,
        1,
    )
    assert rows["s1"].assessment == assessment
    assert rows["s1"].processed_at == later
    assert rows["s1"].processed_at.tzinfo is not None
    assert (rows["s2"].status, rows["s2"].error, rows["s2"].assessment, rows["s2"].severity) == (
        "failed",
        "ValueError('bad')",
        None,
        None,
    )
    assert (rows["s3"].status, rows["s3"].processed_at, rows["s3"].attempts) == ("pending", None, 0)
