"""Reading Bot API parameters the way Telegram does, whatever the body encoding.

A query string, a form or a multipart body carries every value as a string, objects JSON-encoded (that
is how python-telegram-bot sends them); a JSON body carries native values. :class:`Params` accepts both.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from .errors import bad_request

__all__ = ["Params"]

_TRUE = {"true", "1", "yes", "on"}


class Params:
    """The parameters of one call, with typed getters that fail like Telegram does."""

    def __init__(self, raw: Mapping[str, Any]) -> None:
        self.raw = dict(raw)

    def __contains__(self, name: str) -> bool:
        return self.raw.get(name) not in (None, "")

    def text(self, name: str, default: str | None = None) -> str | None:
        value = self.raw.get(name)
        if value is None:
            return default
        return value if isinstance(value, str) else json.dumps(value)

    def integer(self, name: str, default: int | None = None) -> int | None:
        value = self.raw.get(name)
        if value is None or value == "":
            return default
        if isinstance(value, bool):
            raise bad_request(f"invalid {name} specified")
        try:
            return int(value)
        except (TypeError, ValueError):
            raise bad_request(f"invalid {name} specified") from None

    def required_int(self, name: str) -> int:
        value = self.integer(name)
        if value is None:
            raise bad_request(f"{name} is empty")
        return value

    def flag(self, name: str) -> bool:
        value = self.raw.get(name)
        if isinstance(value, str):
            return value.strip().lower() in _TRUE
        return bool(value)

    def json(self, name: str, what: str | None = None) -> Any:
        """A JSON-valued parameter, decoded when it came as a string."""
        value = self.raw.get(name)
        if not isinstance(value, str):
            return value
        if value == "":
            return None
        try:
            return json.loads(value)
        except ValueError:
            raise bad_request(f"can't parse {what or name} JSON object") from None

    def chat_id(self, name: str = "chat_id") -> int | str:
        """A chat id: an integer or an ``@username``."""
        value = self.raw.get(name)
        if value is None or value == "":
            raise bad_request("chat_id is empty")
        if isinstance(value, str) and value.startswith("@"):
            return value
        parsed = self.integer(name)
        assert parsed is not None
        return parsed
