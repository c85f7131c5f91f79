"""Proactive Telegram budgets, so flood control (429) stays rare: about 1 message/s per private chat, 20
per minute per group, 30/s overall. Token buckets on the injected clock; asking costs nothing when the
answer is "wait", so one busy chat never holds back the others."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

__all__ = ["Budgets", "Limits"]


@dataclass(frozen=True)
class Limits:
    private_per_second: float = 1.0
    private_burst: float = 3.0
    group_per_minute: float = 20.0
    global_per_second: float = 30.0


class _Bucket:
    __slots__ = ("at", "burst", "rate", "tokens")

    def __init__(self, rate: float, burst: float, now: float) -> None:
        self.rate, self.burst, self.tokens, self.at = rate, burst, burst, now

    def wait(self, now: float) -> float:
        self.tokens = min(self.burst, self.tokens + (now - self.at) * self.rate)
        self.at = now
        return 0.0 if self.tokens >= 1 else (1 - self.tokens) / self.rate

    def take(self) -> None:
        self.tokens -= 1


class Budgets:
    def __init__(self, limits: Limits | None = None) -> None:
        self.limits = limits or Limits()
        self._chats: dict[int, _Bucket] = {}
        self._global: _Bucket | None = None

    def reserve(self, chat_id: int, now: datetime) -> float:
        """0 and one message spent when `chat_id` may get one now; otherwise the seconds to wait."""
        t = now.timestamp()
        limits = self.limits
        if self._global is None:
            self._global = _Bucket(limits.global_per_second, limits.global_per_second, t)
        chat = self._chats.get(chat_id)
        if chat is None:
            if chat_id < 0:  # groups and channels have negative ids
                chat = _Bucket(limits.group_per_minute / 60, limits.group_per_minute, t)
            else:
                chat = _Bucket(limits.private_per_second, limits.private_burst, t)
            self._chats[chat_id] = chat
        wait = max(chat.wait(t), self._global.wait(t))
        if wait == 0:
            chat.take()
            self._global.take()
        return wait
