"""Reading platform JSON with paths: every accessor names the field it refuses (`entry[0].changes[1].value.id`).

Platforms are loose about types (ids as numbers or strings, booleans as "true", counts as "12"), so the
readers accept those spellings and refuse anything else with `UnparseablePayload(field=path)`.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from typing import Any

from pydantic import ValidationError

from bot.domain import NormalizedMention
from bot.errors import UnparseablePayload

__all__ = [
    "MAX_ITEMS",
    "at",
    "bad",
    "build_mention",
    "index",
    "load_json",
    "opt_bool",
    "opt_int",
    "opt_obj",
    "opt_str",
    "opt_str_list",
    "opt_time",
    "req_list",
    "req_obj",
    "req_str",
]

MAX_ITEMS = 1000
_DIGITS = re.compile(r"[0-9]+")


def load_json(raw: bytes) -> Any:
    try:
        return json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UnparseablePayload(f"body is not JSON: {exc}") from None


def at(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def index(path: str, i: int) -> str:
    return f"{path}[{i}]"


def bad(path: str, problem: str) -> UnparseablePayload:
    return UnparseablePayload(f"{path or 'body'}: {problem}", field=path or None)


def req_obj(value: Any, path: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise bad(path, "must be an object")
    return value


def opt_obj(parent: dict[str, Any], key: str, path: str) -> dict[str, Any]:
    """The object at `key`, or {} when it is missing or null."""
    value = parent.get(key)
    return {} if value is None else req_obj(value, at(path, key))


def req_list(parent: dict[str, Any], key: str, path: str) -> list[Any]:
    value = parent.get(key)
    if not isinstance(value, list):
        raise bad(at(path, key), "must be a list")
    if len(value) > MAX_ITEMS:
        raise bad(at(path, key), f"at most {MAX_ITEMS} per request")
    return value


def opt_str(parent: dict[str, Any], key: str, path: str) -> str | None:
    """A string (numbers are ids written as numbers: kept as their digits); missing, null or "" is None."""
    value = parent.get(key)
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise bad(at(path, key), "must be a string")
    if isinstance(value, int):
        return str(value)
    if not isinstance(value, str):
        raise bad(at(path, key), "must be a string")
    return value


def req_str(parent: dict[str, Any], key: str, path: str) -> str:
    value = opt_str(parent, key, path)
    if value is None:
        raise bad(at(path, key), "is required")
    return value


def opt_int(parent: dict[str, Any], key: str, path: str) -> int:
    """A non-negative count; missing or null is 0; "12" is 12."""
    value = parent.get(key)
    if value is None or value == "":
        return 0
    if isinstance(value, str) and _DIGITS.fullmatch(value.strip()):
        return int(value.strip())
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    if isinstance(value, float) and value.is_integer() and value >= 0:
        return int(value)
    raise bad(at(path, key), "must be a non-negative whole number")


def opt_bool(parent: dict[str, Any], key: str, path: str) -> bool | None:
    """true/false, or the strings "true"/"false" (X sends both); missing or null is None."""
    value = parent.get(key)
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    raise bad(at(path, key), "must be true or false")


def opt_str_list(parent: dict[str, Any], key: str, path: str) -> tuple[str, ...]:
    value = parent.get(key)
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise bad(at(path, key), "must be a list of strings")
    return tuple(value)


def opt_time(parent: dict[str, Any], key: str, path: str, *, unit: str = "iso") -> datetime | None:
    """A time as ISO 8601 (`unit="iso"`), Unix seconds (`"s"`), Unix milliseconds (`"ms"`) or X's
    `Wed Oct 10 20:19:24 +0000 2018` (`"x"`). Numbers are accepted for "iso" as Unix seconds."""
    value = parent.get(key)
    if value is None or value == "":
        return None
    try:
        if unit in ("s", "ms") or (isinstance(value, int | float) and not isinstance(value, bool)):
            seconds = float(value) / (1000 if unit == "ms" else 1)
            return datetime.fromtimestamp(seconds, tz=UTC)
        if not isinstance(value, str):
            raise TypeError
        if unit == "x":
            return datetime.strptime(value, "%a %b %d %H:%M:%S %z %Y")
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except (TypeError, ValueError, OverflowError, OSError):
        raise bad(at(path, key), "is not a valid time") from None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


def build_mention(fields: dict[str, Any], path: str) -> NormalizedMention:
    """Validate the normalized form; a problem names the source item's path and the normalized field."""
    try:
        return NormalizedMention.model_validate(fields)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        raise bad(path, f"{where}: {err['msg']}") from None
