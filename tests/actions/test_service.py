"""Pressing Acknowledge or Resolve: who may, what changes, what is recorded."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.actions.service import Action, apply_action
from bot.clock import FrozenClock
from bot.db.models import Escalation, EscalationEvent, Notification
from bot.errors import ActionRefused
from bot.escalation.people import sync_people
from bot.escalation.pipeline import process_pending
from bot.rules import Playbook, compile_playbook
from tests.support.factories import link, mention, store

ANA, LUCIA, STRANGER = 1001, 1003, 999


@pytest.fixture
async def escalation(db_session: AsyncSession, example_playbook: Playbook, clock: FrozenClock) -> Escalation:
    await sync_people(db_session, example_playbook, clock.now())
    await link(db_session, "ana", telegram_user_id=ANA, now=clock.now())
    await link(db_session, "lucia", telegram_user_id=LUCIA, now=clock.now())
    await store(db_session, mention(), now=clock.now())
    await process_pending(db_session, compile_playbook(example_playbook), clock.now())
    found = await db_session.scalar(select(Escalation))
    assert found is not None
    return found


async def test_acknowledge_sets_state_owner_and_respond_deadline(
    db_session: AsyncSession, escalation: Escalation, clock: FrozenClock
) -> None:
    clock.advance(minutes=2)
    result = await apply_action(db_session, escalation.id, Action.ACKNOWLEDGE, telegram_user_id=ANA, now=clock.now())
    assert result.state == "acknowledged"
    assert escalation.acknowledged_at == clock.now()
    assert escalation.ack_due_at is None
    assert escalation.respond_due_at == clock.now() + timedelta(minutes=15)
    event = await db_session.scalar(select(EscalationEvent).where(EscalationEvent.kind == "acknowledge"))
    assert event is not None
    assert event.detail == {"by": "ana"}


async def test_action_queues_an_edit_of_the_card(
    db_session: AsyncSession, escalation: Escalation, clock: FrozenClock
) -> None:
    send = await db_session.scalar(select(Notification))
    assert send is not None
    send.status = "sent"
    await apply_action(db_session, escalation.id, Action.ACKNOWLEDGE, telegram_user_id=ANA, now=clock.now())
    await db_session.flush()
    kinds = (await db_session.scalars(select(Notification.kind).where(Notification.status == "pending"))).all()
    assert kinds == ["card_edit"]


async def test_resolve_closes_and_stops_the_clocks(
    db_session: AsyncSession, escalation: Escalation, clock: FrozenClock
) -> None:
    result = await apply_action(db_session, escalation.id, Action.RESOLVE, telegram_user_id=ANA, now=clock.now())
    assert result.state == "resolved"
    assert (escalation.ack_due_at, escalation.respond_due_at) == (None, None)


async def test_press_on_resolved_case_changes_nothing(
    db_session: AsyncSession, escalation: Escalation, clock: FrozenClock
) -> None:
    await apply_action(db_session, escalation.id, Action.RESOLVE, telegram_user_id=ANA, now=clock.now())
    with pytest.raises(ActionRefused, match="already resolved"):
        await apply_action(db_session, escalation.id, Action.ACKNOWLEDGE, telegram_user_id=ANA, now=clock.now())


async def test_acknowledging_twice_is_refused(
    db_session: AsyncSession, escalation: Escalation, clock: FrozenClock
) -> None:
    await apply_action(db_session, escalation.id, Action.ACKNOWLEDGE, telegram_user_id=ANA, now=clock.now())
    with pytest.raises(ActionRefused, match="already acknowledged"):
        await apply_action(db_session, escalation.id, Action.ACKNOWLEDGE, telegram_user_id=ANA, now=clock.now())


@pytest.mark.parametrize(("user", "why"), [(STRANGER, "not linked"), (LUCIA, "not allowed")])
async def test_stranger_and_community_manager_cannot_act_on_someone_elses_case(
    db_session: AsyncSession, escalation: Escalation, clock: FrozenClock, user: int, why: str
) -> None:
    with pytest.raises(ActionRefused, match=why):
        await apply_action(db_session, escalation.id, Action.RESOLVE, telegram_user_id=user, now=clock.now())
    assert escalation.state == "open"


async def test_unknown_escalation_is_refused(
    db_session: AsyncSession, escalation: Escalation, clock: FrozenClock
) -> None:
    with pytest.raises(ActionRefused, match="no such escalation"):
        await apply_action(db_session, escalation.id + 100, Action.RESOLVE, telegram_user_id=ANA, now=clock.now())
