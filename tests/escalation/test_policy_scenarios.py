"""Escalation policies, GoAlert-smoke-test style: a FrozenClock walks a case through its levels, and each
sweep is checked for exactly whom it paged. Nothing sleeps; deadlines are rows in the database."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.actions.service import Action, apply_action
from bot.clock import FrozenClock
from bot.db.models import Card, Escalation, EscalationEvent, Notification, Person, TelegramLink
from bot.escalation.deadlines import sweep_due
from bot.escalation.directory import load_directory
from bot.escalation.people import sync_people
from bot.escalation.pipeline import process_pending
from bot.rules import Playbook, compile_playbook, parse_playbook
from tests.support.factories import link, mention, store

MADRID = ZoneInfo("Europe/Madrid")
CHATS = {"sofia": 2001, "pablo": 2002, "marc": 2003, "ana": 2004, "carmen": 2005}

PLAYBOOK = """
brand: {name: Movilia}
people:
  - {id: ana, name: Ana Ruiz, role: executive, title: CEO, timezone: Europe/Madrid, manager: carmen}
  - {id: marc, name: Marc Vidal, role: executive, timezone: Europe/Madrid}
  - {id: sofia, name: Sofía Paz, role: executive, timezone: Europe/Madrid, quiet_hours: {start: "22:00", end: "07:00"}}
  - {id: pablo, name: Pablo Gil, role: executive, timezone: Europe/Madrid}
  - {id: carmen, name: Carmen Sol, role: admin, title: Chair, timezone: Europe/Madrid}
rotations:
  - id: execs
    timezone: Europe/Madrid
    handoff: "09:00"
    shift: 7d
    start: 2026-01-05
    members: [sofia, pablo]
    secondary: [marc]
rules:
  - {name: crisis, lane: complaint, match: {any: [crisis]}, score: 10, severity: critical}
  - {name: worry, lane: complaint, match: {any: [worry]}, score: 0, severity: high}
escalation:
  on_call: ana
  policies:
    standard:
      respond_timeout_minutes: 15
      levels:
        - {targets: [{rotation: execs}], ack_timeout: 5m}
        - {targets: [{rotation: execs, layer: secondary}], ack_timeout: 5m}
        - {targets: [{person: ana}], ack_timeout: 10m}
        - {targets: [{manager: true}], ack_timeout: 10m}
  severity_policies: {critical: standard, high: standard}
"""


def at(hour: int, minute: int, day: int = 5) -> datetime:
    return datetime(2026, 1, day, hour, minute, tzinfo=MADRID)


class Case:
    """One escalation driven through time: what each step paged, read back from the outbox and timeline."""

    def __init__(self, session: AsyncSession, playbook: Playbook, clock: FrozenClock) -> None:
        self.session, self.playbook, self.clock = session, playbook, clock
        self.seen_notifications = 0

    async def open(self, text: str = "crisis: no service anywhere") -> Escalation:
        await store(self.session, mention("m1", text=text), now=self.clock.now())
        await process_pending(self.session, compile_playbook(self.playbook), self.clock.now())
        escalation = await self.session.scalar(select(Escalation))
        assert escalation is not None
        return escalation

    async def sweep_at(self, when: datetime) -> None:
        self.clock.set(when)
        directory = await load_directory(
            self.session, self.playbook.people, self.playbook.rotations, now=self.clock.now()
        )
        await sweep_due(self.session, directory, self.clock.now())
        await self.session.flush()

    async def new_messages(self) -> list[tuple[str, str]]:
        """(person, kind) of notifications queued since the last call, cards and texts (not edits)."""
        rows = (await self.session.scalars(select(Notification).order_by(Notification.id))).all()
        fresh, self.seen_notifications = rows[self.seen_notifications :], len(rows)
        keys = {pid: key for key, pid in (await self.session.execute(select(Person.key, Person.id))).all()}
        out = []
        for row in fresh:
            if row.kind == "card_edit":
                continue
            kind = "card" if row.kind == "card_send" else (row.payload or {}).get("key", "?")
            out.append((keys[row.person_id] if row.person_id else "?", kind))
        return out

    async def events(self, kind: str) -> list[dict[str, object]]:
        rows = (await self.session.scalars(select(EscalationEvent).where(EscalationEvent.kind == kind))).all()
        return [row.detail for row in rows]


@pytest.fixture
def playbook() -> Playbook:
    return parse_playbook(PLAYBOOK)


@pytest.fixture
async def case(db_session: AsyncSession, playbook: Playbook, clock: FrozenClock) -> Case:
    clock.set(at(9, 0))
    await sync_people(db_session, playbook, clock.now())
    for key, chat in CHATS.items():
        await link(db_session, key, telegram_user_id=chat, now=clock.now())
    return Case(db_session, playbook, clock)


async def test_unanswered_critical_walks_the_policy_then_ceo_acks_and_is_reminded(case: Case) -> None:
    escalation = await case.open()
    assert await case.new_messages() == [("sofia", "card")]  # 09:00 on call (primary)
    assert escalation.ack_due_at == at(9, 5)

    await case.sweep_at(at(9, 4))
    assert await case.new_messages() == []  # not due yet

    await case.sweep_at(at(9, 5))
    assert await case.new_messages() == [("marc", "card")]  # level 2: secondary on call
    await case.sweep_at(at(9, 5))
    assert await case.new_messages() == [], "a second sweep at the same moment pages nobody"

    await case.sweep_at(at(9, 10))
    assert await case.new_messages() == [("ana", "card")]  # level 3: the CEO

    case.clock.set(at(9, 10))
    await apply_action(
        case.session, escalation.id, Action.ACKNOWLEDGE, telegram_user_id=CHATS["ana"], now=case.clock.now()
    )
    assert escalation.respond_due_at == at(9, 25)
    assert escalation.ack_due_at is None

    await case.sweep_at(at(9, 25))
    assert await case.new_messages() == [("ana", "nudge.respond_reminder")]  # reminded once
    await case.sweep_at(at(9, 29))
    assert await case.new_messages() == []

    await case.sweep_at(at(9, 30))
    assert await case.new_messages() == [("carmen", "card")]  # then the next level: the CEO's manager
    assert escalation.state == "open"
    assert [e["level"] for e in await case.events("level_paged")] == [1, 2, 3, 4]


async def test_unreachable_level_is_skipped_at_once(case: Case) -> None:
    marc = await case.session.scalar(select(Person).where(Person.key == "marc"))
    assert marc is not None
    link_row = await case.session.scalar(select(TelegramLink).where(TelegramLink.person_id == marc.id))
    assert link_row is not None
    link_row.reachable = False  # marc blocked the bot
    escalation = await case.open()
    await case.new_messages()

    await case.sweep_at(at(9, 5))
    assert await case.new_messages() == [("ana", "card")], "level 2 has nobody reachable: level 3 at once"
    [skipped] = await case.events("level_skipped")
    assert skipped["skipped"] == {"marc": "unreachable"}
    assert escalation.ack_due_at == at(9, 15)


async def test_quiet_hours_skip_high_but_not_critical(case: Case) -> None:
    case.clock.set(at(23, 30))  # sofia is on call and in quiet hours
    await case.open(text="worry")
    assert await case.new_messages() == [("marc", "card")]
    [skipped] = await case.events("level_skipped")
    assert skipped["skipped"] == {"sofia": "quiet hours"}


async def test_critical_reaches_someone_in_quiet_hours(case: Case) -> None:
    case.clock.set(at(23, 30))
    await case.open()
    assert await case.new_messages() == [("sofia", "card")]


async def test_the_next_week_pages_the_next_member(case: Case) -> None:
    case.clock.set(at(10, 0, day=12))
    await case.open()
    assert await case.new_messages() == [("pablo", "card")]


async def test_repeat_page_to_someone_with_the_card_is_a_reply_not_a_second_card(
    db_session: AsyncSession, clock: FrozenClock
) -> None:
    book = parse_playbook(
        PLAYBOOK.replace(
            "  severity_policies: {critical: standard, high: standard}",
            "    solo: {repeat: 1, levels: [{targets: [{person: ana}], ack_timeout: 5m}]}\n"
            "  severity_policies: {critical: solo, high: solo}",
        )
    )
    clock.set(at(9, 0))
    await sync_people(db_session, book, clock.now())
    await link(db_session, "ana", telegram_user_id=CHATS["ana"], now=clock.now())
    case = Case(db_session, book, clock)
    await case.open()
    assert await case.new_messages() == [("ana", "card")]
    await case.sweep_at(at(9, 5))
    assert await case.new_messages() == [("ana", "nudge.still_open")]
    assert len((await db_session.scalars(select(Card))).all()) == 1
    await case.sweep_at(at(9, 10))
    assert await case.new_messages() == []
    assert await case.events("policy_exhausted")


async def test_editing_the_playbook_never_changes_a_live_case(case: Case) -> None:
    escalation = await case.open()
    await case.new_messages()
    case.playbook = parse_playbook(
        PLAYBOOK.replace(
            "ack_timeout: 5m}\n        - {targets: [{rotation: execs, layer: secondary}]",
            "ack_timeout: 1m}\n        - {targets: [{person: pablo}]",
        )
    )
    await case.sweep_at(at(9, 5))
    assert await case.new_messages() == [("marc", "card")], "the snapshot taken at 09:00 still applies"
    assert escalation.policy["levels"][1]["targets"][0]["rotation"] == "execs"


async def test_snooze_that_ends_with_the_case_open_pages_again(case: Case) -> None:
    escalation = await case.open()
    await case.new_messages()
    escalation.state, escalation.snoozed_until, escalation.ack_due_at = "snoozed", at(9, 30), None
    await case.sweep_at(at(9, 20))
    assert await case.new_messages() == [], "the snooze pauses the clock"
    await case.sweep_at(at(9, 30))
    assert escalation.state == "open"
    assert await case.new_messages() == [("sofia", "nudge.still_open")], "the same level, as a reply to her card"
    assert escalation.ack_due_at == at(9, 35)
    assert await case.events("snooze_expired")


async def test_respond_deadline_comes_from_the_policy_snapshot(case: Case) -> None:
    case.playbook = parse_playbook(PLAYBOOK.replace("respond_timeout_minutes: 15", "respond_timeout_minutes: 40"))
    escalation = await case.open()
    await apply_action(
        case.session, escalation.id, Action.ACKNOWLEDGE, telegram_user_id=CHATS["sofia"], now=case.clock.now()
    )
    assert escalation.respond_due_at == at(9, 40)


async def test_quiet_hours_chosen_with_settings_win_over_the_playbook(case: Case) -> None:
    from bot.db.models import PersonSetting

    sofia = await case.session.scalar(select(Person).where(Person.key == "sofia"))
    assert sofia is not None
    case.session.add(PersonSetting(person_id=sofia.id, quiet_hours="off", updated_at=case.clock.now()))
    case.clock.set(at(23, 30))
    await case.open(text="worry")
    assert await case.new_messages() == [("sofia", "card")], "she switched her quiet hours off"
