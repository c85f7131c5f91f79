"""The `generic` source: Directo's own mention JSON, signed with Standard Webhooks."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from pydantic import TypeAdapter, ValidationError

from bot.domain import NormalizedMention
from bot.errors import UnparseablePayload
from bot.sources import standard_webhooks

__all__ = ["GenericSource", "describe_validation_error"]

_MANY = TypeAdapter(list[NormalizedMention])
MAX_BATCH = 1000


class GenericSource:
    kind = "generic"

    def __init__(self, *, tolerance_seconds: int = 300) -> None:
        self._tolerance = tolerance_seconds

    def verify(self, raw: bytes, headers: Mapping[str, str], secrets: Sequence[str], now: datetime) -> None:
        standard_webhooks.verify(raw, headers, secrets, now, tolerance=self._tolerance)

    def parse(self, raw: bytes) -> list[NormalizedMention]:
        try:
            data = json.loads(raw)
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise UnparseablePayload(f"body is not JSON: {exc}") from None
        if isinstance(data, dict) and "mentions" in data:
            items, prefix = data["mentions"], "mentions"
            if not isinstance(items, list):
                raise UnparseablePayload("mentions: must be a list", field="mentions")
            if len(items) > MAX_BATCH:
                raise UnparseablePayload(f"mentions: at most {MAX_BATCH} per request", field="mentions")
        elif isinstance(data, dict):
            items, prefix = [data], ""
        else:
            raise UnparseablePayload('body must be a mention object or {"mentions": [...]}')
        try:
            return _MANY.validate_python(items)
        except ValidationError as exc:
            field, message = describe_validation_error(exc, prefix=prefix, single=not prefix)
            raise UnparseablePayload(message, field=field) from None


def describe_validation_error(exc: ValidationError, *, prefix: str, single: bool) -> tuple[str, str]:
    """The first problem as (`mentions[3].author.followers`, "mentions[3].author.followers: …")."""
    err = exc.errors()[0]
    loc: list[Any] = list(err["loc"])
    if single and loc and isinstance(loc[0], int):
        loc = loc[1:]
    field = prefix
    for part in loc:
        field += f"[{part}]" if isinstance(part, int) else (f".{part}" if field else str(part))
    count = exc.error_count()
    more = f" (and {count - 1} more problem{'s' if count > 2 else ''})" if count > 1 else ""
    return field, f"{field or 'body'}: {err['msg']}{more}"
