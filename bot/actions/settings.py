"""What a person changes with /settings: the bot's language and their quiet hours (over the playbook's)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import Person, PersonSetting
from bot.errors import ActionRefused

__all__ = ["PersonSettings", "language_of", "parse_quiet_hours", "set_language", "set_quiet_hours", "settings_of"]

LANGUAGES = ("es", "en")
_QUIET = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$")


@dataclass(frozen=True)
class PersonSettings:
    language: str
    quiet_hours: str | None  # "23:00-07:00"; "off" turns the playbook's off; None: the playbook's


async def settings_of(session: AsyncSession, person: Person) -> PersonSettings:
    row = await session.get(PersonSetting, person.id)
    return PersonSettings(
        language=(row.language if row else None) or person.language,
        quiet_hours=row.quiet_hours if row else None,
    )


async def language_of(session: AsyncSession, person: Person) -> str:
    return (await settings_of(session, person)).language


async def _row(session: AsyncSession, person: Person, now: datetime) -> PersonSetting:
    row = await session.get(PersonSetting, person.id, with_for_update=True)
    if row is None:
        try:  # two presses at once may both create it: the loser reads the winner's row
            async with session.begin_nested():
                session.add(PersonSetting(person_id=person.id, updated_at=now))
        except IntegrityError:
            pass
        row = await session.get(PersonSetting, person.id, with_for_update=True, populate_existing=True)
        assert row is not None
    row.updated_at = now
    return row


async def set_language(session: AsyncSession, person: Person, language: str, now: datetime) -> None:
    if language not in LANGUAGES:
        raise ActionRefused("unknown language")
    (await _row(session, person, now)).language = language


def parse_quiet_hours(text: str) -> str:
    """`23:00-07:00` or `off`; anything else is refused."""
    value = text.strip().lower().replace(" ", "").replace("–", "-")
    if value in ("off", "no", "none", "ninguna"):
        return "off"
    if not _QUIET.match(value):
        raise ActionRefused("bad quiet hours")
    return value


async def set_quiet_hours(session: AsyncSession, person: Person, text: str, now: datetime) -> str:
    value = parse_quiet_hours(text)
    (await _row(session, person, now)).quiet_hours = value
    return value
