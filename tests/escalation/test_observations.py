"""Decision-speed timings read from the timeline, for the metrics."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from bot.actions.service import Action, apply_action
from bot.clock import FrozenClock
from bot.escalation.observations import new_timings, queue_depths
from bot.escalation.people import sync_people
from bot.escalation.pipeline import process_pending
from bot.rules import compile_playbook, parse_playbook
from tests.escalation.test_policy_scenarios import CHATS, PLAYBOOK, at
from tests.support.factories import link, mention, store


async def test_first_page_and_ack_timings(db_session: AsyncSession, clock: FrozenClock) -> None:
    book = parse_playbook(PLAYBOOK)
    clock.set(at(9, 0))
    await sync_people(db_session, book, clock.now())
    await link(db_session, "sofia", telegram_user_id=CHATS["sofia"], now=clock.now())
    await store(db_session, mention("t1", text="crisis"), now=clock.now())
    clock.advance(seconds=2)  # triaged two seconds after it arrived
    await process_pending(db_session, compile_playbook(book), clock.now())
    clock.advance(seconds=90)
    from sqlalchemy import select

    from bot.db.models import Escalation

    escalation = await db_session.scalar(select(Escalation))
    assert escalation is not None
    await apply_action(db_session, escalation.id, Action.ACKNOWLEDGE, telegram_user_id=CHATS["sofia"], now=clock.now())
    await db_session.flush()

    timings, last = await new_timings(db_session, 0)
    assert {(t.kind, t.severity, t.seconds) for t in timings} == {
        ("first_page", "critical", 2.0),
        ("ack", "critical", 90.0),
    }
    again, _ = await new_timings(db_session, last)
    assert again == [], "each event is read once"
    assert await queue_depths(db_session) == (0, 1)
