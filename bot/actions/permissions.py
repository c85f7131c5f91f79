"""Who may act on an escalation: a linked person who owns it, was paged for it at its current level, or
holds a role the playbook allows (`replies.may_act`, by default admins and executives)."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import Escalation, Person
from bot.domain import EscalationState, Role
from bot.errors import ActionRefused
from bot.escalation.people import person_by_telegram_user

__all__ = ["DEFAULT_MAY_ACT", "Actor", "authorize", "linked_person", "may_act_on"]

DEFAULT_MAY_ACT = frozenset({Role.ADMIN.value, Role.EXECUTIVE.value})


@dataclass(frozen=True)
class Actor:
    person: Person
    escalation: Escalation


async def linked_person(session: AsyncSession, telegram_user_id: int) -> Person:
    found = await person_by_telegram_user(session, telegram_user_id)
    if found is None:
        raise ActionRefused("not linked")
    return found[0]


def may_act_on(person: Person, escalation: Escalation, may_act: Collection[str]) -> bool:
    return (
        escalation.owner_person_id == person.id
        or person.key in (escalation.current_targets or [])
        or person.role in may_act
    )


async def authorize(
    session: AsyncSession,
    escalation_id: int,
    *,
    telegram_user_id: int,
    may_act: Collection[str] = DEFAULT_MAY_ACT,
    allow_closed: bool = False,
) -> Actor:
    """The presser and the escalation (locked for update), or `ActionRefused` saying why not."""
    person = await linked_person(session, telegram_user_id)
    escalation = await session.get(Escalation, escalation_id, with_for_update=True)
    if escalation is None:
        raise ActionRefused("no such escalation")
    if not may_act_on(person, escalation, may_act):
        raise ActionRefused("not allowed")
    if EscalationState(escalation.state).is_closed and not allow_closed:
        raise ActionRefused("already resolved")
    return Actor(person, escalation)
