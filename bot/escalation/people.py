"""People: keep the `person` table in step with the playbook and look people up for routing."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import Person, PersonSetting, TelegramLink
from bot.rules.playbook import Playbook

__all__ = [
    "PersonStatus",
    "list_people",
    "person_by_key",
    "person_by_telegram_user",
    "person_language",
    "sync_people",
]


async def sync_people(session: AsyncSession, playbook: Playbook, now: datetime) -> None:
    """Add and update the playbook's people; people no longer in it are deactivated, never deleted."""
    existing = {p.key: p for p in (await session.scalars(select(Person))).all()}
    wanted = {p.id for p in playbook.people}
    for spec in playbook.people:
        row = existing.get(spec.id)
        if row is None:
            session.add(
                Person(key=spec.id, name=spec.name, role=spec.role.value, language=spec.language, updated_at=now)
            )
            continue
        changed = (row.name, row.role, row.language, row.active) != (
            spec.name,
            spec.role.value,
            spec.language,
            True,
        )
        if changed:
            row.name, row.role, row.language, row.active, row.updated_at = (
                spec.name,
                spec.role.value,
                spec.language,
                True,
                now,
            )
    for key, row in existing.items():
        if key not in wanted and row.active:
            row.active, row.updated_at = False, now
    await session.flush()


async def person_by_key(session: AsyncSession, key: str) -> Person | None:
    return await session.scalar(select(Person).where(Person.key == key, Person.active.is_(True)))


async def person_by_telegram_user(session: AsyncSession, telegram_user_id: int) -> tuple[Person, TelegramLink] | None:
    row = (
        await session.execute(
            select(Person, TelegramLink)
            .join(TelegramLink, TelegramLink.person_id == Person.id)
            .where(TelegramLink.telegram_user_id == telegram_user_id, Person.active.is_(True))
        )
    ).first()
    return (row[0], row[1]) if row else None


@dataclass(frozen=True)
class PersonStatus:
    key: str
    name: str
    role: str
    linked: bool
    reachable: bool
    telegram_username: str | None


async def list_people(session: AsyncSession) -> Sequence[PersonStatus]:
    rows = (
        await session.execute(
            select(Person, TelegramLink)
            .outerjoin(TelegramLink, TelegramLink.person_id == Person.id)
            .where(Person.active.is_(True))
            .order_by(Person.id)
        )
    ).all()
    return [
        PersonStatus(
            key=p.key,
            name=p.name,
            role=p.role,
            linked=link is not None,
            reachable=bool(link and link.reachable),
            telegram_username=link.username if link else None,
        )
        for p, link in rows
    ]


async def person_language(session: AsyncSession, person_id: int | None) -> str:
    """The language the bot speaks to this person (English when unknown)."""
    if person_id is None:
        return "en"
    setting = await session.get(PersonSetting, person_id)
    if setting is not None and setting.language:
        return setting.language  # chosen with /settings
    person = await session.get(Person, person_id)
    return person.language if person else "en"
