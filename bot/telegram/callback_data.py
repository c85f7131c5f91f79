"""Packed, typed callback data for inline buttons, well under Telegram's 64 bytes.

    d1:<action>:<escalation id>[:<arg>]     a card or conversation button; <arg> is a small number
                                            (snooze minutes, draft index, conversation id, person id)
    s1:<setting>:<value>                    a /settings button (lang:es, lang:en)

Plain text in the button itself (not PTB's in-memory `arbitrary_callback_data`), so a button pressed after
a restart still means what it said. Parsing is pure and refuses anything it did not produce.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.actions.service import Action

__all__ = ["ButtonPress", "SettingPress", "pack", "pack_setting", "parse", "parse_setting"]

VERSION = "d1"
SETTINGS = "s1"
MAX_BYTES = 64
_MAX_DIGITS = 18
SETTING_VALUES = {"lang": ("es", "en")}


@dataclass(frozen=True)
class ButtonPress:
    action: Action
    escalation_id: int
    arg: int | None = None


@dataclass(frozen=True)
class SettingPress:
    setting: str
    value: str


def pack(action: Action, escalation_id: int, arg: int | None = None) -> str:
    data = f"{VERSION}:{action.value}:{escalation_id}" + (f":{arg}" if arg is not None else "")
    if len(data.encode()) > MAX_BYTES:
        raise ValueError("callback data over 64 bytes")
    return data


def _number(text: str) -> int | None:
    return int(text) if text.isdigit() and len(text) <= _MAX_DIGITS else None


def parse(data: str | None) -> ButtonPress | None:
    """The press, or None for anything malformed, from another version, or forged."""
    if not data or len(data.encode()) > MAX_BYTES:
        return None
    parts = data.split(":")
    if len(parts) not in (3, 4) or parts[0] != VERSION:
        return None
    escalation_id = _number(parts[2])
    arg = _number(parts[3]) if len(parts) == 4 else None
    if escalation_id is None or (len(parts) == 4 and arg is None):
        return None
    try:
        action = Action(parts[1])
    except ValueError:
        return None
    return ButtonPress(action=action, escalation_id=escalation_id, arg=arg)


def pack_setting(setting: str, value: str) -> str:
    if value not in SETTING_VALUES.get(setting, ()):
        raise ValueError(f"unknown setting {setting}={value}")
    return f"{SETTINGS}:{setting}:{value}"


def parse_setting(data: str | None) -> SettingPress | None:
    if not data or len(data.encode()) > MAX_BYTES:
        return None
    parts = data.split(":")
    if len(parts) != 3 or parts[0] != SETTINGS or parts[2] not in SETTING_VALUES.get(parts[1], ()):
        return None
    return SettingPress(parts[1], parts[2])
