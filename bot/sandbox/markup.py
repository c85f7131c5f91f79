"""Reply markup validation: inline keyboards, force_reply and friends, refused as Telegram refuses them."""

from __future__ import annotations

from typing import Any

from .errors import bad_request

__all__ = ["MAX_CALLBACK_DATA_BYTES", "MAX_INLINE_BUTTONS", "callback_buttons", "validate_reply_markup"]

MAX_CALLBACK_DATA_BYTES = 64
MAX_INLINE_BUTTONS = 100
_BUTTON_ACTIONS = (
    "url",
    "callback_data",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)
_OTHER_KINDS = ("keyboard", "remove_keyboard", "force_reply")


def validate_reply_markup(markup: Any) -> dict[str, Any] | None:
    """Return the markup if Telegram would take it, else raise its 400."""
    if markup is None:
        return None
    if not isinstance(markup, dict):
        raise bad_request("can't parse reply keyboard markup JSON object")
    if "inline_keyboard" in markup:
        _validate_inline_keyboard(markup["inline_keyboard"])
    elif not any(kind in markup for kind in _OTHER_KINDS):
        raise bad_request("can't parse reply keyboard markup JSON object")
    return markup


def _validate_inline_keyboard(rows: Any) -> None:
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad_request('can\'t parse inline keyboard button: field "inline_keyboard" must be an Array')
    buttons = [button for row in rows for button in row]
    if len(buttons) > MAX_INLINE_BUTTONS:
        raise bad_request("REPLY_MARKUP_TOO_LONG")
    for button in buttons:
        _validate_button(button)


def _validate_button(button: Any) -> None:
    if not isinstance(button, dict) or not isinstance(button.get("text"), str):
        raise bad_request('can\'t parse inline keyboard button: Field "text" must be of type String')
    actions = [key for key in _BUTTON_ACTIONS if key in button]
    if not actions:
        raise bad_request("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard")
    if not button["text"].strip():
        raise bad_request("BUTTON_TEXT_EMPTY")
    if "callback_data" in button:
        data = button["callback_data"]
        if not isinstance(data, str) or not 1 <= len(data.encode("utf-8")) <= MAX_CALLBACK_DATA_BYTES:
            raise bad_request("BUTTON_DATA_INVALID")


def callback_buttons(markup: dict[str, Any] | None) -> list[dict[str, Any]]:
    """The callback buttons of an inline keyboard, row by row."""
    if not markup or "inline_keyboard" not in markup:
        return []
    return [b for row in markup["inline_keyboard"] for b in row if "callback_data" in b]
