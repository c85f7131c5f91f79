"""Rotations: who is on call at a given moment. Pure: a function of (rotation, now).

A rotation hands off at a local time in its time zone, every `shift` of wall-clock time (so a 09:00 hand-off
stays at 09:00 across daylight-saving changes: that shift is an hour shorter or longer). Each layer
(primary, secondary) walks its own ordered members. Overrides for a period add a person to a layer or
replace someone in it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from bot.domain.schedule import Duration, LocalTime, Zone, zone

__all__ = [
    "Layer",
    "OnCall",
    "Override",
    "OverrideMode",
    "Rotation",
    "Shift",
    "next_shift_of",
    "on_call",
    "shift_at",
    "shift_by_index",
]

PersonKey = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]{0,62}$")]


class Layer(StrEnum):
    PRIMARY = "primary"
    SECONDARY = "secondary"


class OverrideMode(StrEnum):
    REPLACE = "replace"
    ADD = "add"


class Override(BaseModel):
    """`person` covers `[start, end)`: replacing `replaces` (or whoever is on call), or added alongside."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    person: PersonKey
    start: datetime = Field(alias="from")
    end: datetime = Field(alias="to")
    layer: Layer = Layer.PRIMARY
    mode: OverrideMode = OverrideMode.REPLACE
    replaces: PersonKey | None = None

    @model_validator(mode="after")
    def _sane(self) -> Override:
        if self.start.tzinfo is None or self.end.tzinfo is None:
            raise ValueError("override times need an offset, e.g. 2026-03-10T09:00:00+01:00")
        if self.end <= self.start:
            raise ValueError("an override ends after it starts")
        if self.mode is OverrideMode.ADD and self.replaces:
            raise ValueError("`replaces` only goes with mode: replace")
        return self

    def active(self, now: datetime) -> bool:
        return self.start <= now < self.end


class Rotation(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: PersonKey
    timezone: Zone = "UTC"
    handoff: LocalTime
    shift: Duration = timedelta(days=7)
    start: date
    members: list[PersonKey] = Field(min_length=1)
    secondary: list[PersonKey] = Field(default_factory=list)
    overrides: list[Override] = Field(default_factory=list)

    def layer_members(self, layer: Layer) -> list[str]:
        return self.members if layer is Layer.PRIMARY else self.secondary


@dataclass(frozen=True)
class Shift:
    index: int
    starts_at: datetime
    ends_at: datetime


@dataclass(frozen=True)
class OnCall:
    rotation: str
    layer: Layer
    people: tuple[str, ...]
    shift: Shift | None


def _boundary(rotation: Rotation, index: int) -> datetime:
    """Start of shift `index` in UTC (wall-clock arithmetic in the rotation's zone, then converted: in UTC,
    differences are real durations, whereas Python subtracts same-zone datetimes on the wall clock)."""
    first = datetime.combine(rotation.start, rotation.handoff)
    return (first + index * rotation.shift).replace(tzinfo=zone(rotation.timezone)).astimezone(UTC)


def shift_by_index(rotation: Rotation, index: int) -> Shift:
    return Shift(index=index, starts_at=_boundary(rotation, index), ends_at=_boundary(rotation, index + 1))


def next_shift_of(rotation: Rotation, key: str, now: datetime, layer: Layer = Layer.PRIMARY) -> Shift | None:
    """The first shift after the current one that `key` holds in `layer` (before overrides), if any."""
    members = rotation.layer_members(layer)
    if key not in members:
        return None
    current = shift_at(rotation, now)
    index = (current.index if current else -1) + 1
    for candidate in range(index, index + len(members)):
        if members[candidate % len(members)] == key:
            return shift_by_index(rotation, candidate)
    return None


def shift_at(rotation: Rotation, now: datetime) -> Shift | None:
    """The shift in force at `now`, or None before the rotation starts."""
    tz = zone(rotation.timezone)
    local = now.astimezone(tz).replace(tzinfo=None)
    elapsed = local - datetime.combine(rotation.start, rotation.handoff)
    index = elapsed // rotation.shift
    # Wall-clock arithmetic can be off by one next to a DST jump; settle on real instants.
    while index >= 0 and _boundary(rotation, index) > now:
        index -= 1
    while _boundary(rotation, index + 1) <= now:
        index += 1
    if index < 0:
        return None
    return Shift(index=index, starts_at=_boundary(rotation, index), ends_at=_boundary(rotation, index + 1))


def on_call(rotation: Rotation, now: datetime, layer: Layer = Layer.PRIMARY, *, offset: int = 0) -> OnCall:
    """Who holds `layer` at `now` (offset=1: the next shift, as it stands now), overrides applied."""
    members = rotation.layer_members(layer)
    current = shift_at(rotation, now)
    if current is None and offset > 0:  # before the start, "next" is the first shift
        first = Shift(0, _boundary(rotation, 0), _boundary(rotation, 1))
        shift: Shift | None = first if offset == 1 else None
    elif current is None:
        shift = None
    else:
        index = current.index + offset
        shift = Shift(index, _boundary(rotation, index), _boundary(rotation, index + 1))
    if shift is None or not members:
        return OnCall(rotation.id, layer, (), shift)
    people = [members[shift.index % len(members)]]
    when = now if offset == 0 else shift.starts_at
    return OnCall(rotation.id, layer, tuple(_apply_overrides(rotation, layer, people, when)), shift)


def _apply_overrides(rotation: Rotation, layer: Layer, people: list[str], when: datetime) -> list[str]:
    for override in rotation.overrides:
        if override.layer is not layer or not override.active(when):
            continue
        if override.mode is OverrideMode.ADD:
            people = [*people, override.person]
        elif override.replaces is None:
            people = [override.person]
        else:
            people = [override.person if p == override.replaces else p for p in people]
    return list(dict.fromkeys(people))
