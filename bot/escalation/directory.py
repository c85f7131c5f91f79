"""The directory the policy engine consults: each person's availability (from the playbook) joined with
their Telegram reachability (from the database), and the rotations."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import Person, PersonSetting, TelegramLink
from bot.domain.enums import Role
from bot.domain.oncall import Rotation
from bot.domain.policy import PersonInfo
from bot.domain.schedule import TimeWindow
from bot.escalation.rotations import merged_rotations

__all__ = ["Directory", "PersonSpec", "load_directory"]


class LeaveSpec(Protocol):
    @property
    def start(self) -> datetime: ...
    @property
    def end(self) -> datetime: ...


class PersonSpec(Protocol):
    """What the playbook says about a person (the playbook's `Person` model satisfies this); `quiet_hours`
    prints as `22:00-07:00`."""

    @property
    def id(self) -> str: ...
    @property
    def role(self) -> Role: ...
    @property
    def timezone(self) -> str: ...
    @property
    def manager(self) -> str | None: ...
    @property
    def quiet_hours(self) -> object | None: ...
    @property
    def leave(self) -> Iterable[LeaveSpec]: ...


@dataclass(frozen=True)
class Directory:
    people: Mapping[str, PersonInfo]
    rotations: Mapping[str, Rotation]
    person_ids: Mapping[str, int]
    chats: Mapping[str, int]
    keys_by_id: Mapping[int, str]

    def reason_unreachable(self, key: str) -> str:
        return "not linked" if key not in self.chats else "unreachable"


async def load_directory(
    session: AsyncSession, people: Iterable[PersonSpec], rotations: Iterable[Rotation], *, now: datetime
) -> Directory:
    """People and rotations as they stand at `now`, overrides agreed on from Telegram included."""
    rows = (
        await session.execute(
            select(Person.key, Person.id, TelegramLink.chat_id, TelegramLink.reachable)
            .outerjoin(TelegramLink, TelegramLink.person_id == Person.id)
            .where(Person.active.is_(True))
        )
    ).all()
    ids = {key: pid for key, pid, _chat, _ok in rows}
    settings = {row.person_id: row for row in (await session.scalars(select(PersonSetting))).all()}
    chats = {key: chat for key, _pid, chat, _ok in rows if chat is not None}
    reachable = {key for key, _pid, chat, ok in rows if chat is not None and ok}
    infos = {
        spec.id: PersonInfo(
            key=spec.id,
            role=spec.role,
            timezone=spec.timezone,
            reachable=spec.id in reachable,
            manager=spec.manager,
            quiet_hours=_quiet_hours(spec, settings.get(ids.get(spec.id, -1))),
            leave=tuple((period.start, period.end) for period in spec.leave),
        )
        for spec in people
    }
    return Directory(
        people=infos,
        rotations=await merged_rotations(session, rotations, now),
        person_ids=ids,
        chats=chats,
        keys_by_id={pid: key for key, pid in ids.items()},
    )


def _quiet_hours(spec: PersonSpec, setting: PersonSetting | None) -> TimeWindow | None:
    """Quiet hours set with /settings win over the playbook's; "off" means none."""
    chosen = setting.quiet_hours if setting is not None and setting.quiet_hours else None
    if chosen == "off":
        return None
    if chosen:
        return TimeWindow.parse(chosen)
    return TimeWindow.parse(str(spec.quiet_hours)) if spec.quiet_hours else None
