"""Telegram's flood limits, switchable: per private chat, per group, and overall.

Token buckets: a private chat gets about one message a second with a short burst, a group twenty a
minute, the whole bot thirty a second. A refused call gets 429 `Too Many Requests: retry after N` with
``parameters.retry_after``, as Telegram answers.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from .errors import BotApiError

__all__ = ["RateLimiter", "too_many_requests"]


def too_many_requests(retry_after: int) -> BotApiError:
    return BotApiError(429, f"Too Many Requests: retry after {retry_after}", {"retry_after": retry_after})


@dataclass
class _Bucket:
    capacity: float
    per_second: float
    tokens: float
    updated: float

    def wait_time(self, now: float) -> float:
        """Seconds until one token is available (0 when one is available now)."""
        self.tokens = min(self.capacity, self.tokens + (now - self.updated) * self.per_second)
        self.updated = now
        return 0.0 if self.tokens >= 1 else (1 - self.tokens) / self.per_second


class RateLimiter:
    """Refuses sends beyond Telegram's limits while :attr:`enabled`."""

    def __init__(
        self,
        clock: Callable[[], float],
        *,
        enabled: bool = False,
        private_per_second: float = 1.0,
        private_burst: int = 3,
        group_per_minute: int = 20,
        global_per_second: int = 30,
    ) -> None:
        self.clock = clock
        self.enabled = enabled
        self._private = (float(private_burst), private_per_second)
        self._group = (float(group_per_minute), group_per_minute / 60)
        self._global = _Bucket(global_per_second, global_per_second, global_per_second, clock())
        self._chats: dict[int, _Bucket] = {}

    def reset(self) -> None:
        """Refill every bucket."""
        self._chats.clear()
        self._global.tokens = self._global.capacity

    def check(self, chat_id: int, *, private: bool) -> None:
        """Take one token for a message to ``chat_id`` or raise the 429 Telegram would send."""
        if not self.enabled:
            return
        now = self.clock()
        capacity, rate = self._private if private else self._group
        chat = self._chats.setdefault(chat_id, _Bucket(capacity, rate, capacity, now))
        wait = max(chat.wait_time(now), self._global.wait_time(now))
        if wait > 0:
            raise too_many_requests(max(1, math.ceil(wait)))
        chat.tokens -= 1
        self._global.tokens -= 1
