"""Packed, typed callback data for inline buttons: `d1:<action>:<escalation id>`, well under 64 bytes.

Plain text in the button itself (not PTB's in-memory `arbitrary_callback_data`), so a button pressed after
a restart still means what it said. Parsing is pure and refuses anything it did not produce.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.actions.service import Action

__all__ = ["ButtonPress", "pack", "parse"]

VERSION = "d1"
MAX_BYTES = 64


@dataclass(frozen=True)
class ButtonPress:
    action: Action
    escalation_id: int


def pack(action: Action, escalation_id: int) -> str:
    data = f"{VERSION}:{action.value}:{escalation_id}"
    if len(data.encode()) > MAX_BYTES:
        raise ValueError("callback data over 64 bytes")
    return data


def parse(data: str | None) -> ButtonPress | None:
    """The press, or None for anything malformed, from another version, or forged."""
    if not data or len(data.encode()) > MAX_BYTES:
        return None
    parts = data.split(":")
    if len(parts) != 3 or parts[0] != VERSION or not parts[2].isdigit() or len(parts[2]) > 18:
        return None
    try:
        action = Action(parts[1])
    except ValueError:
        return None
    return ButtonPress(action=action, escalation_id=int(parts[2]))
