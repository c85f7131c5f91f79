"""The pipeline: pending mentions become assessments, urgent ones escalations with deadlines and a queued card."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import FrozenClock
from bot.db.models import Card, Escalation, EscalationEvent, EscalationMention, Mention, Notification
from bot.escalation.people import sync_people
from bot.escalation.pipeline import process_pending
from bot.rules import Playbook, compile_playbook, evaluate
from tests.support.factories import link, mention, store


async def _ready(session: AsyncSession, playbook: Playbook, clock: FrozenClock, *, linked: bool = True) -> None:
    await sync_people(session, playbook, clock.now())
    if linked:
        await link(session, "ana", telegram_user_id=1001, now=clock.now())


async def test_critical_mention_opens_escalation_with_ack_deadline_and_queues_card(
    db_session: AsyncSession, example_playbook: Playbook, clock: FrozenClock
) -> None:
    await _ready(db_session, example_playbook, clock)
    await store(db_session, mention(), now=clock.now())

    result = await process_pending(db_session, compile_playbook(example_playbook), clock.now())

    assert result.processed == 1
    [escalation] = (await db_session.scalars(select(Escalation))).all()
    assert escalation.severity == "critical"
    assert escalation.state == "open"
    assert escalation.ack_due_at == clock.now() + timedelta(minutes=5)
    assert "churn" in escalation.lanes
    [card] = (await db_session.scalars(select(Card))).all()
    assert card.chat_id == 1001
    [notification] = (await db_session.scalars(select(Notification))).all()
    assert (notification.kind, notification.status, notification.chat_id) == ("card_send", "pending", 1001)
    kinds = (await db_session.scalars(select(EscalationEvent.kind).order_by(EscalationEvent.id))).all()
    assert kinds == ["opened", "paged", "level_paged"]


async def test_mention_is_processed_once(
    db_session: AsyncSession, example_playbook: Playbook, clock: FrozenClock
) -> None:
    await _ready(db_session, example_playbook, clock)
    await store(db_session, mention(), now=clock.now())
    compiled = compile_playbook(example_playbook)

    first = await process_pending(db_session, compiled, clock.now())
    second = await process_pending(db_session, compiled, clock.now())

    assert (first.processed, second.processed) == (1, 0)
    assert await db_session.scalar(select(func.count()).select_from(Escalation)) == 1


async def test_same_thread_attaches_to_open_escalation_and_queues_one_edit(
    db_session: AsyncSession, example_playbook: Playbook, clock: FrozenClock
) -> None:
    await _ready(db_session, example_playbook, clock)
    compiled = compile_playbook(example_playbook)
    await store(db_session, mention("m1", thread_id="t1"), now=clock.now())
    await process_pending(db_session, compiled, clock.now())
    clock.advance(seconds=30)
    await store(db_session, mention("m2", thread_id="t1"), mention("m3", thread_id="t1"), now=clock.now())

    result = await process_pending(db_session, compiled, clock.now())

    assert result.escalations_opened == []
    [escalation] = (await db_session.scalars(select(Escalation))).all()
    assert escalation.mention_count == 3
    assert await db_session.scalar(select(func.count()).select_from(EscalationMention)) == 3
    kinds = (await db_session.scalars(select(Notification.kind).order_by(Notification.id))).all()
    assert kinds == ["card_send"], "an edit is not queued while the send is still pending"


async def test_quiet_mention_is_assessed_but_not_escalated(
    db_session: AsyncSession, example_playbook: Playbook, clock: FrozenClock
) -> None:
    await _ready(db_session, example_playbook, clock)
    await store(db_session, mention("q1", text="Qué buena la cobertura de Movilia en la playa"), now=clock.now())

    result = await process_pending(db_session, compile_playbook(example_playbook), clock.now())

    assert result.processed == 1
    row = await db_session.scalar(select(Mention))
    assert row is not None
    assert row.status == "processed"
    assert row.severity in ("low", "ignore")
    assert await db_session.scalar(select(func.count()).select_from(Escalation)) == 0


async def test_unlinked_target_is_recorded_not_paged(
    db_session: AsyncSession, example_playbook: Playbook, clock: FrozenClock
) -> None:
    await _ready(db_session, example_playbook, clock, linked=False)
    await store(db_session, mention(), now=clock.now())

    await process_pending(db_session, compile_playbook(example_playbook), clock.now())

    skipped = await db_session.scalar(select(EscalationEvent).where(EscalationEvent.kind == "level_skipped"))
    assert skipped is not None
    assert skipped.detail["skipped"] == {"ana": "not linked"}
    exhausted = await db_session.scalar(select(EscalationEvent).where(EscalationEvent.kind == "policy_exhausted"))
    assert exhausted is not None
    assert await db_session.scalar(select(func.count()).select_from(Notification)) == 0


async def test_malformed_stored_payload_fails_that_mention_only(
    db_session: AsyncSession, example_playbook: Playbook, clock: FrozenClock
) -> None:
    await _ready(db_session, example_playbook, clock)
    await store(db_session, mention("ok1"), mention("bad1"), now=clock.now())
    bad = await db_session.scalar(select(Mention).where(Mention.external_id == "bad1"))
    assert bad is not None
    bad.payload = {"id": "bad1"}  # no text: cannot be triaged
    await db_session.flush()

    result = await process_pending(db_session, compile_playbook(example_playbook), clock.now())

    assert (result.processed, result.failed) == (1, 1)
    await db_session.refresh(bad)  # the pipeline settles rows with a bulk UPDATE, not through this object
    assert bad.status == "failed"
    assert bad.error


async def test_same_thread_after_the_group_window_opens_a_new_case(
    db_session: AsyncSession, example_playbook: Playbook, clock: FrozenClock
) -> None:
    await _ready(db_session, example_playbook, clock)
    compiled = compile_playbook(example_playbook)
    await store(db_session, mention("w1", thread_id="tw"), now=clock.now())
    await process_pending(db_session, compiled, clock.now())
    clock.advance(minutes=example_playbook.escalation.group_window_minutes + 1)
    await store(db_session, mention("w2", thread_id="tw"), now=clock.now())
    result = await process_pending(db_session, compiled, clock.now())
    assert len(result.escalations_opened) == 1
    assert await db_session.scalar(select(func.count()).select_from(Escalation)) == 2


async def test_lower_severity_attaches_without_paging(
    db_session: AsyncSession, example_playbook: Playbook, clock: FrozenClock
) -> None:
    await _ready(db_session, example_playbook, clock)
    compiled = compile_playbook(example_playbook)
    await store(db_session, mention("h1", thread_id="th"), now=clock.now())
    await process_pending(db_session, compiled, clock.now())
    sends_before = await db_session.scalar(select(func.count()).where(Notification.kind == "card_send"))
    await store(
        db_session, mention("h2", thread_id="th", text="Movilia me cobra de más en la factura"), now=clock.now()
    )
    await process_pending(db_session, compiled, clock.now())
    assert await db_session.scalar(select(func.count()).where(Notification.kind == "card_send")) == sends_before
    [escalation] = (await db_session.scalars(select(Escalation))).all()
    assert escalation.severity == "critical"


async def test_storm_batch_joins_the_open_case_with_one_event_and_one_edit(
    db_session: AsyncSession, example_playbook: Playbook, clock: FrozenClock
) -> None:
    await _ready(db_session, example_playbook, clock)
    compiled = compile_playbook(example_playbook)
    await store(db_session, mention("s0", thread_id="storm"), now=clock.now())
    await process_pending(db_session, compiled, clock.now())
    await db_session.execute(update(Notification).values(status="sent"))  # the card went out
    clock.advance(seconds=30)
    await store(db_session, *(mention(f"s{n}", thread_id="storm") for n in range(1, 51)), now=clock.now())

    result = await process_pending(db_session, compiled, clock.now())

    assert result.processed == 50
    [escalation] = (await db_session.scalars(select(Escalation))).all()
    assert escalation.mention_count == 51
    assert await db_session.scalar(select(func.count()).select_from(EscalationMention)) == 51
    attached = (
        await db_session.scalars(select(EscalationEvent).where(EscalationEvent.kind.like("mention%_attached")))
    ).all()
    assert [(e.kind, e.detail["count"]) for e in attached] == [("mentions_attached", 50)]
    edits = (await db_session.scalars(select(Notification).where(Notification.kind == "card_edit"))).all()
    assert len(edits) == 1, "one coalesced edit of the card for the whole batch"


async def test_case_opened_by_a_batch_takes_its_most_severe_mention(
    db_session: AsyncSession, example_playbook: Playbook, clock: FrozenClock
) -> None:
    await _ready(db_session, example_playbook, clock)
    compiled = compile_playbook(example_playbook)
    high = mention("h1", text="Me doy de baja de Movilia, estoy harto", thread_id="t9")
    critical = mention("c1", text="Me cambio a Vozzia, adiós Movilia", thread_id="t9")
    first, second = (evaluate(m, compiled, clock.now()) for m in (high, critical))
    assert (first.severity.value, second.severity.value) == ("high", "critical")
    assert first.route is not None
    assert second.route is not None
    assert first.route.group_key == second.route.group_key, "precondition: one case for both"
    await store(db_session, high, critical, now=clock.now())

    result = await process_pending(db_session, compiled, clock.now())

    [escalation] = (await db_session.scalars(select(Escalation))).all()
    assert result.escalations_opened == [escalation.id]
    assert (escalation.severity, escalation.mention_count) == ("critical", 2)
    opener = await db_session.scalar(select(Mention.external_id).where(Mention.id == escalation.first_mention_id))
    assert opener == "c1", "the critical mention opens the case, so its policy and reasons lead"
