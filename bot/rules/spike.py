"""Spike detection, the pure part: is this 5-minute window's volume for a lane or topic far above its baseline?

The counts come from the database (`bot.db.window_counts`), so a restart or a second instance sees the same
state; this module only decides. A spike fires when all hold:

- the window's count (this mention included) ≥ `floor`;
- count / expected ≥ `ratio`;
- the Poisson tail P(X ≥ count | expected) ≤ `alpha`;
- no spike fired for the same key within `cooldown_minutes`.

Expected volume per bucket is the trailing day's rate and, once a week of history exists, at least the rate of
the same hour a week ago. Cold start (under a day of history): the rate over the history there is, but never
below `cold_start_per_bucket`, so the first busy morning does not page anyone.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from bot.rules.sections import Spike

__all__ = ["BUCKET_MINUTES", "SpikeVerdict", "WindowStats", "decide", "poisson_tail"]

BUCKET_MINUTES = 5
BUCKETS_PER_HOUR = 60 // BUCKET_MINUTES
DAY_BUCKETS = 24 * BUCKETS_PER_HOUR - 1  # the trailing day excludes the current window
MIN_EXPECTED = 0.1


class WindowStats(Protocol):
    """Counts per key ("lane:complaint", "topic:roaming") of processed mentions, as the database sees them."""

    @property
    def current(self) -> Mapping[str, int]:
        """In the current window [now - 5 min, now)."""
        ...

    @property
    def trailing_day(self) -> Mapping[str, int]:
        """In [now - 24 h, now - 5 min)."""
        ...

    @property
    def same_hour_last_week(self) -> Mapping[str, int] | None:
        """In the hour centred on now - 7 days; None until a week of history exists."""
        ...

    @property
    def history_hours(self) -> float:
        """Hours since the oldest processed mention (capped at a day is enough)."""
        ...

    @property
    def last_spike_at(self) -> Mapping[str, datetime]:
        """When a spike last fired for each key."""
        ...


@dataclass(frozen=True)
class SpikeVerdict:
    key: str
    count: int
    expected: float
    p_value: float
    cold_start: bool
    fired: bool

    @property
    def ratio(self) -> float:
        return self.count / self.expected

    def __str__(self) -> str:
        cold = ", cold start" if self.cold_start else ""
        return (
            f"{self.key}: {self.count} in {BUCKET_MINUTES} min vs {self.expected:.1f} expected "
            f"(×{self.ratio:.1f}, p={self.p_value:.1g}{cold})"
        )


def decide(key: str, stats: WindowStats, settings: Spike, now: datetime) -> SpikeVerdict:
    """The verdict for `key`, counting the mention being evaluated in the current window."""
    count = stats.current.get(key, 0) + 1
    cold = stats.history_hours < 24
    buckets = max(stats.history_hours * BUCKETS_PER_HOUR - 1, 1) if cold else DAY_BUCKETS
    expected = stats.trailing_day.get(key, 0) / buckets
    if cold:
        expected = max(expected, settings.cold_start_per_bucket)
    if stats.same_hour_last_week is not None:
        expected = max(expected, stats.same_hour_last_week.get(key, 0) / BUCKETS_PER_HOUR)
    expected = max(expected, MIN_EXPECTED)
    p_value = poisson_tail(count, expected)
    last = stats.last_spike_at.get(key)
    cooling = last is not None and now - last < timedelta(minutes=settings.cooldown_minutes)
    fired = count >= settings.floor and count / expected >= settings.ratio and p_value <= settings.alpha and not cooling
    return SpikeVerdict(key, count, expected, p_value, cold, fired)


def poisson_tail(k: int, lam: float) -> float:
    """P(X ≥ k) for X ~ Poisson(lam), summed directly so tiny tails keep their precision."""
    if k <= 0:
        return 1.0
    if lam <= 0:
        return 0.0
    if k <= lam:
        return max(0.0, 1.0 - _sum_down(k - 1, lam))
    term = math.exp(-lam + k * math.log(lam) - math.lgamma(k + 1))
    total, i = term, k
    while term > total * 1e-16:
        i += 1
        term *= lam / i
        total += term
    return min(1.0, total)


def _sum_down(k: int, lam: float) -> float:
    """P(X ≤ k), from the top term down."""
    term = math.exp(-lam + k * math.log(lam) - math.lgamma(k + 1))
    total, i = term, k
    while i > 0 and term > total * 1e-16:
        term *= i / lam
        i -= 1
        total += term
    return min(1.0, total)
