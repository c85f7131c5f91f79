"""Who may do what (the matrix is in docs/community-managers.md).

- Acting on an escalation (every card button, a reply, a delegation note, a snooze): a linked person who owns
  it, was paged for it at its current level, or holds a role the playbook allows (`replies.may_act`, by
  default admins and executives). Observers never act, whatever they hold.
- Reading an escalation (`/status N`): every linked person; observers and community managers see what the
  executives decided.
- Reporting (forwarding a message, `/escalate`, `/attach N`): community managers, executives and admins.
- Strangers (not linked) get a polite refusal and no information.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import Escalation, Person
from bot.domain import EscalationState, Role
from bot.errors import ActionRefused
from bot.escalation.people import person_by_telegram_user

__all__ = [
    "DEFAULT_MAY_ACT",
    "MAY_REPORT",
    "Actor",
    "authorize",
    "linked_person",
    "may_act_on",
    "may_report",
]

DEFAULT_MAY_ACT = frozenset({Role.ADMIN.value, Role.EXECUTIVE.value})
MAY_REPORT = frozenset({Role.ADMIN.value, Role.EXECUTIVE.value, Role.COMMUNITY_MANAGER.value})


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
    if person.role == Role.OBSERVER.value:
        return False
    return (
        escalation.owner_person_id == person.id
        or person.key in (escalation.current_targets or [])
        or person.role in may_act
    )


def may_report(person: Person) -> bool:
    """Forward a message into the bot, `/escalate`, `/attach N`."""
    return person.role in MAY_REPORT


async def authorize(
    session: AsyncSession,
    escalation_id: int,
    *,
    telegram_user_id: int,
    may_act: Collection[str] = DEFAULT_MAY_ACT,
    allow_closed: bool = False,
) -> Actor:
    """The person and the escalation (locked for update), or `ActionRefused` saying why not.

    `allow_closed` is a read (`/status N`): any linked person may read, also a closed case."""
    person = await linked_person(session, telegram_user_id)
    escalation = await session.get(Escalation, escalation_id, with_for_update=not allow_closed)
    if escalation is None:
        raise ActionRefused("no such escalation")
    if allow_closed:
        return Actor(person, escalation)
    if not may_act_on(person, escalation, may_act):
        raise ActionRefused("not allowed")
    if EscalationState(escalation.state).is_closed:
        raise ActionRefused("already resolved")
    return Actor(person, escalation)
