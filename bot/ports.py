"""Ports: the interfaces use-cases and edges depend on, implemented by adapters (and by test fakes)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Protocol

from bot.domain import NormalizedMention

__all__ = ["SourceAdapter"]


class SourceAdapter(Protocol):
    """Turns one webhook request of a platform into normalized mentions. Pure: no database, no clock."""

    kind: str

    def verify(self, raw: bytes, headers: Mapping[str, str], secrets: Sequence[str], now: datetime) -> None:
        """Raise `BadSignature` unless the request was signed with one of `secrets` (checked on raw bytes)."""
        ...

    def parse(self, raw: bytes) -> list[NormalizedMention]:
        """Raise `UnparseablePayload` (naming the field) unless every mention in the body is valid."""
        ...
