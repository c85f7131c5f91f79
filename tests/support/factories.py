"""Small builders for test data."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.mentions import insert_new_mentions, mention_row
from bot.db.models import Person, TelegramLink
from bot.domain import NormalizedMention

ROAMING_TEXT = "Acabo de descubrir que @vozzia no cobra datos en el extranjero. ¿Qué hago en Movilia? @movilia"


def mention(external_id: str = "m1", text: str = ROAMING_TEXT, **fields: Any) -> NormalizedMention:
    return NormalizedMention.model_validate({"id": external_id, "text": text, "platform": "x", **fields})


async def store(session: AsyncSession, *mentions: NormalizedMention, now: datetime, source: str = "generic") -> None:
    await insert_new_mentions(session, [mention_row(source, m, now) for m in mentions])


async def link(
    session: AsyncSession, key: str, *, telegram_user_id: int, now: datetime, username: str | None = None
) -> Person:
    from sqlalchemy import select

    person = await session.scalar(select(Person).where(Person.key == key))
    assert person is not None, key
    session.add(
        TelegramLink(
            person_id=person.id,
            telegram_user_id=telegram_user_id,
            chat_id=telegram_user_id,
            linked_at=now,
            username=username,
        )
    )
    await session.flush()
    return person
