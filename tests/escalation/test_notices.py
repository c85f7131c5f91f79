"""Rotation notices: a reminder before the shift, a hand-over at its start listing open escalations, the
admins' daily check of unreachable people and gaps, and the low-priority digest — each queued once."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import FrozenClock
from bot.db.models import Notification, Person
from bot.escalation.directory import load_directory
from bot.escalation.notices import find_gaps, queue_daily_checks, queue_digests, queue_rotation_notices
from bot.escalation.people import sync_people
from bot.escalation.pipeline import process_pending
from bot.rules import Playbook, compile_playbook, parse_playbook
from bot.telegram.notifier import render_payload
from tests.escalation.test_policy_scenarios import PLAYBOOK, at
from tests.support.factories import link, mention, store

NOTICE_PLAYBOOK = PLAYBOOK.replace(
    "  - {id: pablo, name: Pablo Gil, role: executive, timezone: Europe/Madrid}",
    "  - {id: pablo, name: Pablo Gil, role: executive, timezone: Europe/Madrid, digest_at: '08:30'}",
)


@pytest.fixture
def playbook() -> Playbook:
    return parse_playbook(NOTICE_PLAYBOOK)


async def _ready(session: AsyncSession, playbook: Playbook, clock: FrozenClock, *, skip: tuple[str, ...] = ()) -> None:
    await sync_people(session, playbook, clock.now())
    for i, key in enumerate(["ana", "marc", "sofia", "pablo", "carmen"]):
        if key not in skip:
            await link(session, key, telegram_user_id=3000 + i, now=clock.now())


async def _queued(session: AsyncSession) -> list[tuple[str, str, str]]:
    """(person, key, rendered English text) of every queued message."""
    rows = (await session.scalars(select(Notification).order_by(Notification.id))).all()
    keys = {pid: key for key, pid in (await session.execute(select(Person.key, Person.id))).all()}
    return [
        (keys.get(r.person_id or 0, "?"), r.payload["key"], render_payload(r.payload, "en")) for r in rows if r.payload
    ]


async def _run(session: AsyncSession, playbook: Playbook, clock: FrozenClock) -> int:
    directory = await load_directory(session, playbook.people, playbook.rotations, now=clock.now())
    queued = await queue_rotation_notices(session, directory, clock.now())
    queued += await queue_daily_checks(session, directory, playbook, clock.now())
    queued += await queue_digests(session, directory, playbook, clock.now())
    await session.flush()
    return queued


async def test_reminder_an_hour_before_and_handover_at_the_start_with_open_cases(
    db_session: AsyncSession, playbook: Playbook, clock: FrozenClock
) -> None:
    clock.set(at(8, 0, day=12))  # Monday: pablo takes over from sofia at 09:00
    await _ready(db_session, playbook, clock)
    await store(db_session, mention("open1", text="crisis total"), now=clock.now())
    await process_pending(db_session, compile_playbook(playbook), clock.now())
    before = len(await _queued(db_session))

    clock.set(at(8, 0, day=12))
    await _run(db_session, playbook, clock)
    clock.set(at(8, 15, day=12))
    await _run(db_session, playbook, clock)
    reminders = [q for q in (await _queued(db_session))[before:] if q[1] == "rotation.reminder"]
    assert [q[0] for q in reminders] == ["pablo"], "one reminder, within the hour before, not repeated"

    clock.set(at(9, 0, day=12))
    await _run(db_session, playbook, clock)
    await _run(db_session, playbook, clock)
    handovers = [q for q in await _queued(db_session) if q[1] == "rotation.handover" and q[0] == "pablo"]
    assert len(handovers) == 1
    assert "You inherit 1 open escalation(s)" in handovers[0][2]
    assert "critical · open · 1 mention(s)" in handovers[0][2]  # ids differ: PostgreSQL sequences ignore rollbacks


async def test_daily_check_reports_unlinked_people_and_gaps_to_admins_once_a_day(
    db_session: AsyncSession, clock: FrozenClock
) -> None:
    book = parse_playbook(NOTICE_PLAYBOOK.replace("start: 2026-01-05", "start: 2026-01-06"))
    clock.set(at(9, 30, day=5))  # the rotation only starts tomorrow: a gap
    await _ready(db_session, book, clock, skip=("marc",))
    await _run(db_session, book, clock)
    clock.advance(timedelta(hours=2))
    await _run(db_session, book, clock)
    checks = [q for q in await _queued(db_session) if q[1].startswith("daily_check")]
    assert [q[0] for q in checks] == ["carmen"]
    text = checks[0][2]
    assert "Marc Vidal: not linked" in text
    assert "execs (primary): nobody on call from 2026-01-05 08:30 UTC" in text


async def test_daily_check_says_all_is_well(db_session: AsyncSession, playbook: Playbook, clock: FrozenClock) -> None:
    clock.set(at(9, 30, day=6))
    await _ready(db_session, playbook, clock)
    await _run(db_session, playbook, clock)
    checks = [q for q in await _queued(db_session) if q[1].startswith("daily_check")]
    assert [q[1] for q in checks] == ["daily_check.ok"]


async def test_digest_gathers_low_mentions_at_the_persons_hour(
    db_session: AsyncSession, playbook: Playbook, clock: FrozenClock
) -> None:
    clock.set(at(7, 0, day=7))
    await _ready(db_session, playbook, clock)
    await store(
        db_session,
        mention("low1", text="Movilia tiene buena cobertura"),
        mention("low2", text="Movilia y el wifi"),
        now=clock.now(),
    )
    await process_pending(db_session, compile_playbook(playbook), clock.now())
    await _run(db_session, playbook, clock)
    assert not [q for q in await _queued(db_session) if q[1] == "digest.title"], "not before 08:30 local"
    clock.set(at(8, 30, day=7))
    await _run(db_session, playbook, clock)
    await _run(db_session, playbook, clock)
    digests = [q for q in await _queued(db_session) if q[1] == "digest.title"]
    assert [q[0] for q in digests] == ["pablo"]
    assert "2 low-priority mention(s)" in digests[0][2]


def test_no_gap_when_the_rotation_covers_the_next_day(playbook: Playbook) -> None:
    assert find_gaps(list(playbook.rotations), at(12, 0, day=7)) == []
