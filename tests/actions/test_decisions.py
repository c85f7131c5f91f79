"""Take it, snooze, escalate now, delegate, not relevant: who may, what changes, what is recorded."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.actions.service import Action, apply_action
from bot.clock import FrozenClock
from bot.db.models import Card, Escalation, EscalationEvent, Mention, Notification, Person, RuleFeedback
from bot.domain import Role
from bot.errors import ActionRefused
from bot.escalation.deadlines import sweep_due
from bot.escalation.directory import load_directory
from bot.escalation.people import sync_people
from bot.escalation.pipeline import process_pending
from bot.rules import Playbook, compile_playbook, parse_playbook
from tests.support.factories import link, mention, store

ANA, MARC, LUCIA, ADMIN = 1001, 1002, 1003, 1004


@pytest.fixture
async def escalation(db_session: AsyncSession, example_playbook: Playbook, clock: FrozenClock) -> Escalation:
    await sync_people(db_session, example_playbook, clock.now())
    for key, user in (("ana", ANA), ("marc", MARC), ("lucia", LUCIA), ("admin", ADMIN)):
        await link(db_session, key, telegram_user_id=user, now=clock.now())
    await store(db_session, mention(), now=clock.now())
    await process_pending(db_session, compile_playbook(example_playbook), clock.now())
    found = await db_session.scalar(select(Escalation))
    assert found is not None
    return found


async def act(
    session: AsyncSession, escalation: Escalation, action: Action, user: int, clock: FrozenClock, **kw: object
) -> None:
    await apply_action(session, escalation.id, action, telegram_user_id=user, now=clock.now(), **kw)  # type: ignore[arg-type]


async def events(session: AsyncSession, kind: str) -> list[EscalationEvent]:
    return list((await session.scalars(select(EscalationEvent).where(EscalationEvent.kind == kind))).all())


async def test_take_it_makes_the_presser_owner_and_starts_the_respond_clock(
    db_session: AsyncSession, escalation: Escalation, clock: FrozenClock, example_playbook: Playbook
) -> None:
    await act(db_session, escalation, Action.TAKE, MARC, clock, playbook=example_playbook)
    marc = await db_session.scalar(select(Person).where(Person.key == "marc"))
    assert marc is not None
    assert (escalation.state, escalation.owner_person_id) == ("acknowledged", marc.id)
    assert escalation.respond_due_at == clock.now() + timedelta(minutes=15)
    with pytest.raises(ActionRefused, match="already yours"):
        await act(db_session, escalation, Action.TAKE, MARC, clock, playbook=example_playbook)


async def test_snooze_sets_until_and_the_sweep_reopens_and_pages_again(
    db_session: AsyncSession, escalation: Escalation, clock: FrozenClock, example_playbook: Playbook
) -> None:
    await act(db_session, escalation, Action.SNOOZE, ANA, clock, arg=30, playbook=example_playbook)
    assert escalation.state == "snoozed"
    assert escalation.snoozed_until == clock.now() + timedelta(minutes=30)
    assert escalation.ack_due_at is None
    [snooze] = await events(db_session, "snooze")
    assert snooze.detail["until"] == (clock.now() + timedelta(minutes=30)).isoformat()
    clock.advance(minutes=31)
    directory = await load_directory(db_session, example_playbook.people, example_playbook.rotations, now=clock.now())
    result = await sweep_due(db_session, directory, clock.now())
    assert result.reopened == [escalation.id]
    assert escalation.state == "open"


@pytest.mark.parametrize("minutes", [None, 0, 60 * 24 * 8])
async def test_snooze_needs_a_sane_time(
    db_session: AsyncSession, escalation: Escalation, clock: FrozenClock, minutes: int | None
) -> None:
    with pytest.raises(ActionRefused, match="bad snooze"):
        await act(db_session, escalation, Action.SNOOZE, ANA, clock, arg=minutes)


async def test_escalate_now_pages_the_next_level_and_is_refused_at_the_top(
    db_session: AsyncSession, clock: FrozenClock, example_playbook: Playbook
) -> None:
    text = """
brand: {name: Movilia}
competitors: [{name: Vozzia, handles: ["@vozzia"]}]
people:
  - {id: ana, name: Ana Ruiz, role: executive, language: es}
  - {id: marc, name: Marc Vidal, role: executive}
escalation:
  on_call: ana
  policies:
    two: {levels: [{targets: [{person: ana}]}, {targets: [{person: marc}]}]}
  severity_policies: {critical: two, high: two}
"""
    playbook = parse_playbook(text)
    await sync_people(db_session, playbook, clock.now())
    await link(db_session, "ana", telegram_user_id=ANA, now=clock.now())
    await link(db_session, "marc", telegram_user_id=MARC, now=clock.now())
    await store(db_session, mention(), now=clock.now())
    await process_pending(db_session, compile_playbook(playbook), clock.now())
    escalation = await db_session.scalar(select(Escalation))
    assert escalation is not None
    await act(db_session, escalation, Action.ACKNOWLEDGE, ANA, clock, playbook=playbook)
    await act(db_session, escalation, Action.ESCALATE, ANA, clock, playbook=playbook)
    assert (escalation.state, escalation.level, escalation.current_targets) == ("open", 1, ["marc"])
    chats = set((await db_session.scalars(select(Card.chat_id))).all())
    assert chats == {ANA, MARC}
    with pytest.raises(ActionRefused, match="no higher level"):
        await act(db_session, escalation, Action.ESCALATE, MARC, clock, playbook=playbook)


async def test_not_relevant_resolves_and_stores_feedback_against_the_rules_that_fired(
    db_session: AsyncSession, escalation: Escalation, clock: FrozenClock, example_playbook: Playbook
) -> None:
    await act(db_session, escalation, Action.NOT_RELEVANT, ANA, clock, playbook=example_playbook)
    assert escalation.state == "resolved"
    feedback = await db_session.scalar(select(RuleFeedback))
    assert feedback is not None
    assert feedback.verdict == "not_relevant"
    fired = await db_session.scalar(select(Mention.assessment))
    assert fired is not None
    assert feedback.rules == list(dict.fromkeys(r["rule"] for r in fired["reasons"]))
    assert "competitor" in feedback.rules
    assert feedback.lanes == escalation.lanes
    assert feedback.reasons == escalation.reasons


async def test_delegate_hands_the_case_and_the_note_to_the_community_manager(
    db_session: AsyncSession, escalation: Escalation, clock: FrozenClock, example_playbook: Playbook
) -> None:
    lucia = await db_session.scalar(select(Person).where(Person.key == "lucia"))
    assert lucia is not None
    await act(
        db_session, escalation, Action.DELEGATE, ANA, clock, arg=lucia.id, note="Llámale hoy", playbook=example_playbook
    )
    assert (escalation.state, escalation.owner_person_id) == ("delegated", lucia.id)
    await db_session.flush()
    pending = (await db_session.scalars(select(Notification).where(Notification.chat_id == LUCIA))).all()
    assert sorted(n.kind for n in pending) == ["card_send", "text"]
    text = next(n for n in pending if n.kind == "text")
    assert text.payload == {"key": "delegate.note", "values": {"id": escalation.id, "note": "Llámale hoy"}}
    # Now hers: the community manager may act on it (she owns it).
    await act(db_session, escalation, Action.RESOLVE, LUCIA, clock, playbook=example_playbook)


async def test_delegating_to_someone_who_is_not_a_community_manager_is_refused(
    db_session: AsyncSession, escalation: Escalation, clock: FrozenClock, example_playbook: Playbook
) -> None:
    marc = await db_session.scalar(select(Person).where(Person.key == "marc"))
    assert marc is not None
    with pytest.raises(ActionRefused, match="no such community manager"):
        await act(db_session, escalation, Action.DELEGATE, ANA, clock, arg=marc.id, playbook=example_playbook)


async def test_who_may_act_follows_the_playbook(
    db_session: AsyncSession, escalation: Escalation, clock: FrozenClock, example_playbook: Playbook
) -> None:
    only_admins = example_playbook.model_copy(
        update={"replies": example_playbook.replies.model_copy(update={"may_act": [Role.ADMIN]})}
    )
    with pytest.raises(ActionRefused, match="not allowed"):  # an executive who is neither owner nor paged
        await act(db_session, escalation, Action.TAKE, MARC, clock, playbook=only_admins)
    await act(db_session, escalation, Action.TAKE, ADMIN, clock, playbook=only_admins)
    # Ana was paged for it (current level): she may act whatever the roles say.
    await act(db_session, escalation, Action.TAKE, ANA, clock, playbook=only_admins)
    with pytest.raises(ActionRefused, match="not allowed"):
        await act(db_session, escalation, Action.SNOOZE, LUCIA, clock, arg=30, playbook=only_admins)
