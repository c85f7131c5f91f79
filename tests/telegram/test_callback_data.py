"""Callback data: packed, typed, ≤ 64 bytes; anything we did not produce parses to None."""

from __future__ import annotations

import pytest

from bot.actions.service import Action
from bot.telegram.callback_data import ButtonPress, pack, parse


@pytest.mark.parametrize("action", list(Action))
def test_pack_and_parse_round_trip(action: Action) -> None:
    data = pack(action, 987654321012)
    assert len(data.encode()) <= 64
    assert parse(data) == ButtonPress(action=action, escalation_id=987654321012)


@pytest.mark.parametrize(
    "data",
    [
        None,
        "",
        "d1:ack",
        "d1:ack:x1",
        "d2:ack:1",
        "d1:delete:1",
        "d1:ack:1:extra",
        "d1:ack:-1",
        "d1:ack:" + "9" * 40,
        "x" * 65,
    ],
)
def test_forged_or_foreign_data_is_refused(data: str | None) -> None:
    assert parse(data) is None


def test_arguments_and_settings_round_trip() -> None:
    from bot.telegram.callback_data import SettingPress, pack_setting, parse_setting

    data = pack(Action.SEND, 987654321012345678, 987654321012345678)
    assert len(data.encode()) <= 64
    assert parse(data) == ButtonPress(Action.SEND, 987654321012345678, 987654321012345678)
    assert parse("d1:snooze:4:30") == ButtonPress(Action.SNOOZE, 4, 30)
    assert parse_setting(pack_setting("lang", "es")) == SettingPress("lang", "es")
    for forged in ("s1:lang:fr", "s1:tz:es", "s2:lang:es", "d1:lang:0:es", None):
        assert parse_setting(forged) is None
    with pytest.raises(ValueError, match="unknown setting"):
        pack_setting("lang", "fr")
