"""Invite codes: single use, expiring, one Telegram account per person; refusals reveal nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.actions.linking import create_invite, hash_code, redeem_invite
from bot.clock import FrozenClock
from bot.db.models import InviteCode, TelegramLink
from bot.errors import LinkingError
from bot.escalation.people import list_people, sync_people
from bot.rules import Playbook

TTL = timedelta(hours=24)


@pytest.fixture
async def people(db_session: AsyncSession, example_playbook: Playbook, clock: FrozenClock) -> AsyncSession:
    await sync_people(db_session, example_playbook, clock.now())
    return db_session


async def test_invite_links_the_account_and_shows_in_people(people: AsyncSession, clock: FrozenClock) -> None:
    invite = await create_invite(people, "ana", now=clock.now(), ttl=TTL)
    person = await redeem_invite(
        people, invite.code, telegram_user_id=42, chat_id=42, username="ana_r", now=clock.now()
    )
    assert person.key == "ana"
    status = {p.key: p for p in await list_people(people)}
    assert status["ana"].linked
    assert status["ana"].telegram_username == "ana_r"
    assert not status["marc"].linked


async def test_only_the_code_hash_is_stored(people: AsyncSession, clock: FrozenClock) -> None:
    invite = await create_invite(people, "ana", now=clock.now(), ttl=TTL)
    stored = await people.scalar(select(InviteCode))
    assert stored is not None
    assert stored.code_hash == hash_code(invite.code)
    assert invite.code not in stored.code_hash


async def test_code_is_single_use(people: AsyncSession, clock: FrozenClock) -> None:
    invite = await create_invite(people, "ana", now=clock.now(), ttl=TTL)
    await redeem_invite(people, invite.code, telegram_user_id=42, chat_id=42, username=None, now=clock.now())
    with pytest.raises(LinkingError):
        await redeem_invite(people, invite.code, telegram_user_id=43, chat_id=43, username=None, now=clock.now())


async def test_expired_code_is_refused(people: AsyncSession, clock: FrozenClock) -> None:
    invite = await create_invite(people, "ana", now=clock.now(), ttl=TTL)
    clock.advance(TTL + timedelta(seconds=1))
    with pytest.raises(LinkingError):
        await redeem_invite(people, invite.code, telegram_user_id=42, chat_id=42, username=None, now=clock.now())


async def test_unknown_code_is_refused(people: AsyncSession, clock: FrozenClock) -> None:
    with pytest.raises(LinkingError):
        await redeem_invite(people, "not-a-code", telegram_user_id=42, chat_id=42, username=None, now=clock.now())


async def test_one_telegram_account_cannot_link_two_people(people: AsyncSession, clock: FrozenClock) -> None:
    first = await create_invite(people, "ana", now=clock.now(), ttl=TTL)
    second = await create_invite(people, "marc", now=clock.now(), ttl=TTL)
    await redeem_invite(people, first.code, telegram_user_id=42, chat_id=42, username=None, now=clock.now())
    with pytest.raises(LinkingError):
        await redeem_invite(people, second.code, telegram_user_id=42, chat_id=42, username=None, now=clock.now())


async def test_relinking_a_person_replaces_the_old_account(people: AsyncSession, clock: FrozenClock) -> None:
    for user_id in (42, 77):
        invite = await create_invite(people, "ana", now=clock.now(), ttl=TTL)
        await redeem_invite(
            people, invite.code, telegram_user_id=user_id, chat_id=user_id, username=None, now=clock.now()
        )
    links = (await people.scalars(select(TelegramLink))).all()
    assert [(link.telegram_user_id, link.chat_id) for link in links] == [(77, 77)]


async def test_invite_for_unknown_person_is_refused(people: AsyncSession, clock: FrozenClock) -> None:
    with pytest.raises(LinkingError, match="no person 'nobody'"):
        await create_invite(people, "nobody", now=clock.now(), ttl=TTL)
