"""The one error type of the fake Bot API: what Telegram answers when it refuses a call."""

from __future__ import annotations

from typing import Any

__all__ = ["BotApiError", "bad_request", "forbidden"]


class BotApiError(Exception):
    """A refusal, rendered as Telegram's `{"ok": false, "error_code": …, "description": …}`."""

    def __init__(self, error_code: int, description: str, parameters: dict[str, Any] | None = None) -> None:
        super().__init__(description)
        self.error_code = error_code
        self.description = description
        self.parameters = parameters

    def to_json(self) -> dict[str, Any]:
        body: dict[str, Any] = {"ok": False, "error_code": self.error_code, "description": self.description}
        if self.parameters:
            body["parameters"] = self.parameters
        return body


def bad_request(detail: str) -> BotApiError:
    """400 `Bad Request: <detail>`."""
    return BotApiError(400, f"Bad Request: {detail}")


def forbidden(detail: str) -> BotApiError:
    """403 `Forbidden: <detail>`."""
    return BotApiError(403, f"Forbidden: {detail}")
