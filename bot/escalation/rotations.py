"""Rotations at run time: the playbook's rotations plus the overrides people agreed on from Telegram
(/cover, /swap), and the requests and decisions that create those overrides."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import Person, RotationOverride
from bot.domain.oncall import Layer, OnCall, Override, OverrideMode, Rotation, next_shift_of, on_call
from bot.errors import ActionRefused

__all__ = [
    "OnCallLine",
    "decide_override",
    "merged_rotations",
    "on_call_summary",
    "request_cover",
    "request_swap",
]

# Overrides that ended longer ago than this no longer matter to anyone.
KEEP = timedelta(days=2)


async def merged_rotations(session: AsyncSession, rotations: Iterable[Rotation], now: datetime) -> dict[str, Rotation]:
    """The playbook's rotations with the active overrides from the database added."""
    by_id = {r.id: r for r in rotations}
    rows = (
        await session.scalars(
            select(RotationOverride).where(RotationOverride.status == "active", RotationOverride.end_at > now - KEEP)
        )
    ).all()
    extra: dict[str, list[Override]] = {}
    for row in rows:
        if row.rotation_id not in by_id:
            continue
        extra.setdefault(row.rotation_id, []).append(
            Override(
                person=row.person_key,
                start=row.start_at,
                end=row.end_at,
                layer=Layer(row.layer),
                mode=OverrideMode.REPLACE,
                replaces=row.replaces,
            )
        )
    return {
        rid: rotation.model_copy(update={"overrides": [*rotation.overrides, *extra.get(rid, [])]})
        for rid, rotation in by_id.items()
    }


@dataclass(frozen=True)
class OnCallLine:
    rotation: str
    layer: Layer
    now: OnCall
    next: OnCall


def on_call_summary(rotations: Iterable[Rotation], now: datetime) -> list[OnCallLine]:
    """Who is on call now and next, per rotation and layer (for /oncall)."""
    lines = []
    for rotation in rotations:
        for layer in (Layer.PRIMARY, Layer.SECONDARY):
            if rotation.layer_members(layer):
                lines.append(
                    OnCallLine(
                        rotation.id, layer, on_call(rotation, now, layer), on_call(rotation, now, layer, offset=1)
                    )
                )
    return lines


def _rotation_of(rotations: dict[str, Rotation], key: str) -> Rotation:
    for rotation in rotations.values():
        if key in rotation.members or key in rotation.secondary:
            return rotation
    raise ActionRefused(f"{key} is in no rotation")


async def request_cover(
    session: AsyncSession,
    *,
    requester: Person,
    covered: Person,
    rotations: dict[str, Rotation],
    start: datetime,
    end: datetime,
    now: datetime,
) -> RotationOverride:
    """`requester` offers to take `covered`'s place from `start` to `end`; pending until `covered` confirms."""
    if requester.id == covered.id:
        raise ActionRefused("you cannot cover yourself")
    if end <= start or end <= now:
        raise ActionRefused("the period must end after it starts, in the future")
    rotation = _rotation_of(rotations, covered.key)
    layer = Layer.PRIMARY if covered.key in rotation.members else Layer.SECONDARY
    row = RotationOverride(
        rotation_id=rotation.id,
        layer=layer.value,
        person_key=requester.key,
        replaces=covered.key,
        start_at=start,
        end_at=end,
        kind="cover",
        status="pending",
        requested_by_person_id=requester.id,
        created_at=now,
    )
    session.add(row)
    await session.flush()
    return row


async def request_swap(
    session: AsyncSession, *, requester: Person, other: Person, rotations: dict[str, Rotation], now: datetime
) -> Sequence[RotationOverride]:
    """Swap the requester's next shift with `other`'s next shift in a rotation they share."""
    for rotation in rotations.values():
        if requester.key in rotation.members and other.key in rotation.members:
            mine, theirs = next_shift_of(rotation, requester.key, now), next_shift_of(rotation, other.key, now)
            if mine is None or theirs is None:
                break
            rows = [
                RotationOverride(
                    rotation_id=rotation.id,
                    layer="primary",
                    person_key=taker,
                    replaces=giver,
                    start_at=start,
                    end_at=end,
                    kind="swap",
                    status="pending",
                    requested_by_person_id=requester.id,
                    created_at=now,
                )
                for taker, giver, (start, end) in (
                    (other.key, requester.key, (mine.starts_at, mine.ends_at)),
                    (requester.key, other.key, (theirs.starts_at, theirs.ends_at)),
                )
            ]
            session.add_all(rows)
            await session.flush()
            return rows
    raise ActionRefused("you share no rotation with upcoming shifts for both of you")


async def decide_override(
    session: AsyncSession, override_ids: Sequence[int], *, decider: Person, accept: bool, now: datetime
) -> Sequence[RotationOverride]:
    """The covered person confirms or declines. Only they may decide, and only once."""
    rows = (await session.scalars(select(RotationOverride).where(RotationOverride.id.in_(override_ids)))).all()
    if not rows:
        raise ActionRefused("no such request")
    for row in rows:
        if row.status != "pending":
            raise ActionRefused("already decided")
        asked = row.replaces if row.kind == "cover" else None
        if row.kind == "cover" and asked != decider.key:
            raise ActionRefused("not yours to decide")
        if row.kind == "swap" and decider.id == row.requested_by_person_id:
            raise ActionRefused("not yours to decide")
    for row in rows:
        row.status, row.decided_at = ("active" if accept else "declined"), now
    return rows
