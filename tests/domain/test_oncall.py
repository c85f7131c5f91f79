"""Rotations: hand-offs at a local time across DST and week boundaries, layers, overrides."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import yaml
from pydantic import ValidationError

from bot.domain.oncall import Layer, Rotation, on_call, shift_at

MADRID = ZoneInfo("Europe/Madrid")


def rotation(text: str) -> Rotation:
    return Rotation.model_validate(yaml.safe_load(text))


WEEKLY = rotation(
    """
    id: execs
    timezone: Europe/Madrid
    handoff: "09:00"
    shift: 7d
    start: 2026-01-05          # a Monday
    members: [ana, marc, sofia]
    secondary: [marc, sofia]
    """
)


def madrid(*args: int) -> datetime:
    return datetime(*args, tzinfo=MADRID)  # type: ignore[misc]


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        (madrid(2026, 1, 5, 9, 0), "ana"),
        (madrid(2026, 1, 12, 8, 59), "ana"),  # the last minute before the Monday hand-off
        (madrid(2026, 1, 12, 9, 0), "marc"),  # week boundary
        (madrid(2026, 1, 19, 9, 0), "sofia"),
        (madrid(2026, 1, 26, 9, 0), "ana"),  # wraps around
    ],
)
def test_weekly_rotation_hands_off_on_monday_at_nine(when: datetime, expected: str) -> None:
    assert on_call(WEEKLY, when).people == (expected,)


def test_before_the_start_nobody_is_on_call_and_the_first_shift_is_next() -> None:
    before = madrid(2026, 1, 1, 12, 0)
    assert on_call(WEEKLY, before).people == ()
    assert on_call(WEEKLY, before, offset=1).people == ("ana",)


def test_handoff_stays_at_nine_local_across_spring_forward() -> None:
    # Europe/Madrid jumps from 02:00 to 03:00 on Sunday 2026-03-29.
    daily = rotation(
        """
        id: daily
        timezone: Europe/Madrid
        handoff: "09:00"
        shift: 1d
        start: 2026-03-27
        members: [ana, marc]
        """
    )
    sunday = shift_at(daily, madrid(2026, 3, 29, 12, 0))
    assert sunday is not None
    assert sunday.starts_at.astimezone(MADRID).hour == 9
    assert sunday.ends_at.astimezone(MADRID).hour == 9
    assert sunday.starts_at.astimezone(UTC).hour == 7  # CEST
    saturday = shift_at(daily, madrid(2026, 3, 28, 12, 0))
    assert saturday is not None
    assert saturday.ends_at - saturday.starts_at == timedelta(hours=23)  # the short night
    assert on_call(daily, madrid(2026, 3, 29, 8, 59)).people == ("marc",)
    assert on_call(daily, madrid(2026, 3, 29, 9, 0)).people == ("ana",)


def test_handoff_stays_at_nine_local_across_fall_back() -> None:
    # Europe/Madrid falls back from 03:00 to 02:00 on Sunday 2026-10-25.
    daily = rotation(
        """
        id: daily
        timezone: Europe/Madrid
        handoff: "09:00"
        shift: 1d
        start: 2026-10-23
        members: [ana, marc]
        """
    )
    saturday = shift_at(daily, madrid(2026, 10, 24, 12, 0))
    assert saturday is not None
    assert saturday.ends_at - saturday.starts_at == timedelta(hours=25)
    assert on_call(daily, datetime(2026, 10, 25, 7, 59, tzinfo=UTC)).people == ("marc",)  # 08:59 CET
    assert on_call(daily, datetime(2026, 10, 25, 8, 0, tzinfo=UTC)).people == ("ana",)  # 09:00 CET


def test_twelve_hour_shifts_hand_off_at_nine_and_twenty_one() -> None:
    halves = rotation(
        """
        id: halves
        timezone: America/New_York
        handoff: "09:00"
        shift: 12h
        start: 2026-03-07
        members: [day, night]
        """
    )
    ny = ZoneInfo("America/New_York")
    # New York springs forward on 2026-03-08.
    assert on_call(halves, datetime(2026, 3, 8, 8, 59, tzinfo=ny)).people == ("night",)
    assert on_call(halves, datetime(2026, 3, 8, 9, 0, tzinfo=ny)).people == ("day",)
    assert on_call(halves, datetime(2026, 3, 8, 21, 0, tzinfo=ny)).people == ("night",)


def test_secondary_layer_has_its_own_order() -> None:
    when = madrid(2026, 1, 12, 10, 0)
    assert on_call(WEEKLY, when, Layer.SECONDARY).people == ("sofia",)


def test_next_on_call_is_the_following_shift() -> None:
    result = on_call(WEEKLY, madrid(2026, 1, 7, 10, 0), offset=1)
    assert result.people == ("marc",)
    assert result.shift is not None
    assert result.shift.starts_at == madrid(2026, 1, 12, 9, 0)


OVERRIDES = rotation(
    """
    id: execs
    timezone: Europe/Madrid
    handoff: "09:00"
    shift: 7d
    start: 2026-01-05
    members: [ana, marc]
    overrides:
      - {person: lucia, from: "2026-01-06T18:00:00+01:00", to: "2026-01-07T09:00:00+01:00"}
      - {person: sofia, from: "2026-01-08T00:00:00+01:00", to: "2026-01-09T00:00:00+01:00", mode: add}
      - {person: pablo, from: "2026-01-13T00:00:00+01:00", to: "2026-01-14T00:00:00+01:00", replaces: ana}
    """
)


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        (madrid(2026, 1, 6, 17, 59), ("ana",)),
        (madrid(2026, 1, 6, 18, 0), ("lucia",)),  # replaces whoever is on call
        (madrid(2026, 1, 7, 9, 0), ("ana",)),  # the override's end is exclusive
        (madrid(2026, 1, 8, 12, 0), ("ana", "sofia")),  # added alongside
        (madrid(2026, 1, 13, 12, 0), ("marc",)),  # replaces ana only, and marc holds that week
    ],
)
def test_overrides_replace_or_add(when: datetime, expected: tuple[str, ...]) -> None:
    assert on_call(OVERRIDES, when).people == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("id: r\nhandoff: '25:00'\nstart: 2026-01-01\nmembers: [a]", "time of day"),
        ("id: r\nhandoff: '09:00'\nshift: 10 years\nstart: 2026-01-01\nmembers: [a]", "duration"),
        ("id: r\nhandoff: '09:00'\nstart: 2026-01-01\nmembers: []", "at least 1"),
        ("id: r\ntimezone: Mars/Olympus\nhandoff: '09:00'\nstart: 2026-01-01\nmembers: [a]", "unknown time zone"),
        (
            "id: r\nhandoff: '09:00'\nstart: 2026-01-01\nmembers: [a]\n"
            "overrides: [{person: b, from: '2026-01-02T09:00:00', to: '2026-01-03T09:00:00+00:00'}]",
            "offset",
        ),
    ],
)
def test_bad_rotation_says_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        rotation(text)


def test_unquoted_yaml_time_is_read_as_a_time_of_day() -> None:
    parsed = rotation("id: r\nhandoff: 09:30\nstart: 2026-01-01\nmembers: [a]")
    assert parsed.handoff.hour == 9
    assert parsed.handoff.minute == 30
