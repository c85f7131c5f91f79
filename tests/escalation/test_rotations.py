"""Cover and swap requests: pending until the right person decides, once; merged into on-call when agreed."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import FrozenClock
from bot.db.models import Person
from bot.domain.oncall import on_call
from bot.errors import ActionRefused
from bot.escalation.people import sync_people
from bot.escalation.rotations import decide_override, merged_rotations, request_cover, request_swap
from bot.rules import parse_playbook
from bot.telegram.oncall_commands import pack_decision, parse_decision
from tests.escalation.test_policy_scenarios import PLAYBOOK, at

BOOK = parse_playbook(PLAYBOOK)


async def people(session: AsyncSession, clock: FrozenClock) -> dict[str, Person]:
    await sync_people(session, BOOK, clock.now())
    rows = (await session.scalars(select(Person))).all()
    return {p.key: p for p in rows}


async def test_agreed_cover_changes_who_is_on_call_for_that_slice(db_session: AsyncSession, clock: FrozenClock) -> None:
    clock.set(at(10, 0, day=6))
    who = await people(db_session, clock)
    rotations = await merged_rotations(db_session, BOOK.rotations, clock.now())
    row = await request_cover(
        db_session,
        requester=who["pablo"],
        covered=who["sofia"],
        rotations=rotations,
        start=at(18, 0, day=6),
        end=at(23, 0, day=6),
        now=clock.now(),
    )
    pending = await merged_rotations(db_session, BOOK.rotations, clock.now())
    assert on_call(pending["execs"], at(19, 0, day=6)).people == ("sofia",), "pending changes nothing"

    await decide_override(db_session, [row.id], decider=who["sofia"], accept=True, now=clock.now())
    merged = await merged_rotations(db_session, BOOK.rotations, clock.now())
    assert on_call(merged["execs"], at(19, 0, day=6)).people == ("pablo",)
    assert on_call(merged["execs"], at(23, 0, day=6)).people == ("sofia",)


async def test_only_the_covered_person_decides_and_only_once(db_session: AsyncSession, clock: FrozenClock) -> None:
    clock.set(at(10, 0, day=6))
    who = await people(db_session, clock)
    rotations = await merged_rotations(db_session, BOOK.rotations, clock.now())
    row = await request_cover(
        db_session,
        requester=who["pablo"],
        covered=who["sofia"],
        rotations=rotations,
        start=at(18, 0, day=6),
        end=at(23, 0, day=6),
        now=clock.now(),
    )
    for decider in ("marc", "pablo"):
        with pytest.raises(ActionRefused, match="not yours"):
            await decide_override(db_session, [row.id], decider=who[decider], accept=True, now=clock.now())
    await decide_override(db_session, [row.id], decider=who["sofia"], accept=False, now=clock.now())
    with pytest.raises(ActionRefused, match="already decided"):
        await decide_override(db_session, [row.id], decider=who["sofia"], accept=True, now=clock.now())


async def test_swap_trades_the_next_shifts(db_session: AsyncSession, clock: FrozenClock) -> None:
    clock.set(at(10, 0, day=6))
    who = await people(db_session, clock)
    rotations = await merged_rotations(db_session, BOOK.rotations, clock.now())
    rows = await request_swap(
        db_session, requester=who["sofia"], other=who["pablo"], rotations=rotations, now=clock.now()
    )
    await decide_override(db_session, [r.id for r in rows], decider=who["pablo"], accept=True, now=clock.now())
    merged = await merged_rotations(db_session, BOOK.rotations, clock.now())
    # sofia's next shift is the week of the 19th, pablo's the week of the 12th: they trade
    assert on_call(merged["execs"], at(12, 0, day=13)).people == ("sofia",)
    assert on_call(merged["execs"], at(12, 0, day=20)).people == ("pablo",)


async def test_cover_refuses_nonsense(db_session: AsyncSession, clock: FrozenClock) -> None:
    clock.set(at(10, 0, day=6))
    who = await people(db_session, clock)
    rotations = await merged_rotations(db_session, BOOK.rotations, clock.now())
    with pytest.raises(ActionRefused, match="cover yourself"):
        await request_cover(
            db_session,
            requester=who["sofia"],
            covered=who["sofia"],
            rotations=rotations,
            start=at(18, 0, day=6),
            end=at(19, 0, day=6),
            now=clock.now(),
        )
    with pytest.raises(ActionRefused, match="in no rotation"):
        await request_cover(
            db_session,
            requester=who["sofia"],
            covered=who["ana"],
            rotations=rotations,
            start=at(18, 0, day=6),
            end=at(19, 0, day=6),
            now=clock.now(),
        )
    with pytest.raises(ActionRefused, match="end after"):
        await request_cover(
            db_session,
            requester=who["pablo"],
            covered=who["sofia"],
            rotations=rotations,
            start=at(18, 0, day=6),
            end=at(18, 0, day=6) - timedelta(hours=1),
            now=clock.now(),
        )


@pytest.mark.parametrize("data", ["o1:a:1", "o1:d:12-13", "o1:a:" + "9" * 18])
def test_decision_callback_round_trips(data: str) -> None:
    parsed = parse_decision(data)
    assert parsed is not None
    assert pack_decision(*parsed) == data


@pytest.mark.parametrize("data", [None, "", "o1:x:1", "o1:a:", "o1:a:1-2-3", "o2:a:1", "o1:a:-1", "d1:ack:1"])
def test_decision_callback_refuses_anything_else(data: str | None) -> None:
    assert parse_decision(data) is None
