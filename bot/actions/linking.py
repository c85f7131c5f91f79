"""Invite codes and linking a Telegram account to a person on `/start <code>`."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import InviteCode, Person, TelegramLink
from bot.errors import LinkingError
from bot.escalation.people import person_by_key

__all__ = ["Invite", "create_invite", "hash_code", "redeem_invite"]

# Deep-link payloads may use A-Z a-z 0-9 _ - and be at most 64 characters; 32 url-safe characters ≈ 192 bits.
CODE_BYTES = 24


@dataclass(frozen=True)
class Invite:
    person_key: str
    person_name: str
    code: str
    expires_at: datetime


def hash_code(code: str) -> str:
    return hashlib.sha256(code.encode()).hexdigest()


async def create_invite(session: AsyncSession, person_key: str, *, now: datetime, ttl: timedelta) -> Invite:
    person = await person_by_key(session, person_key)
    if person is None:
        raise LinkingError(f"no person {person_key!r} in the playbook (see `directo people`)")
    code = secrets.token_urlsafe(CODE_BYTES)
    session.add(InviteCode(person_id=person.id, code_hash=hash_code(code), created_at=now, expires_at=now + ttl))
    return Invite(person_key=person.key, person_name=person.name, code=code, expires_at=now + ttl)


async def redeem_invite(
    session: AsyncSession,
    code: str,
    *,
    telegram_user_id: int,
    chat_id: int,
    username: str | None,
    now: datetime,
) -> Person:
    """Link the Telegram account to the invite's person. Any failure says only that the code cannot be used."""
    invite = await session.scalar(select(InviteCode).where(InviteCode.code_hash == hash_code(code)))
    if invite is None or invite.used_at is not None or invite.expires_at <= now:
        raise LinkingError("unknown, used or expired code")
    person = await session.get(Person, invite.person_id)
    if person is None or not person.active:
        raise LinkingError("the invited person is no longer in the playbook")
    other = await session.scalar(select(TelegramLink).where(TelegramLink.telegram_user_id == telegram_user_id))
    if other is not None and other.person_id != person.id:
        raise LinkingError("this Telegram account is already linked to someone else")
    link = await session.scalar(select(TelegramLink).where(TelegramLink.person_id == person.id))
    if link is None:
        session.add(
            TelegramLink(
                person_id=person.id,
                telegram_user_id=telegram_user_id,
                chat_id=chat_id,
                username=username,
                linked_at=now,
            )
        )
    else:  # re-linking (a new phone, a new account) replaces the old link
        link.telegram_user_id, link.chat_id, link.username, link.linked_at = (
            telegram_user_id,
            chat_id,
            username,
            now,
        )
        link.reachable, link.unreachable_reason = True, None
    invite.used_at, invite.used_by_telegram_user_id = now, telegram_user_id
    await session.flush()
    return person
