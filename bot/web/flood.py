"""Flood control for webhook sources: a source that sends more mentions per second than configured gets
429 with Retry-After (the platform retries later; nothing is silently dropped), and the admins are told,
once per window, through the outbox."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime

__all__ = ["FloodGate", "Verdict"]


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    retry_after: int = 0
    first_refusal_in_window: bool = False


class _Bucket:
    __slots__ = ("at", "tokens")

    def __init__(self, tokens: float, at: float) -> None:
        self.tokens, self.at = tokens, at


class FloodGate:
    """A token bucket per source: `rate` mentions per second, bursts up to `burst` mentions."""

    def __init__(self, *, rate: float, burst: float, report_window_seconds: float = 600) -> None:
        self.rate, self.burst = rate, burst
        self._window = report_window_seconds
        self._buckets: dict[str, _Bucket] = {}
        self._reported: dict[str, float] = {}

    def admit(self, source: str, mentions: int, now: datetime) -> Verdict:
        t = now.timestamp()
        bucket = self._buckets.get(source)
        if bucket is None:
            bucket = self._buckets[source] = _Bucket(self.burst, t)
        bucket.tokens = min(self.burst, bucket.tokens + (t - bucket.at) * self.rate)
        bucket.at = t
        if mentions <= bucket.tokens:
            bucket.tokens -= mentions
            return Verdict(True)
        missing = min(mentions, self.burst) - bucket.tokens
        retry_after = max(1, math.ceil(missing / self.rate))
        first = t - self._reported.get(source, -math.inf) >= self._window
        if first:
            self._reported[source] = t
        return Verdict(False, retry_after=retry_after, first_refusal_in_window=first)
