"""Spike detection: Poisson tail, floor, ratio, cold start, the weekly baseline and the cooldown."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import pytest

from bot.domain import Lane, NormalizedMention
from bot.rules import CompiledPlaybook, evaluate
from bot.rules.sections import Spike
from bot.rules.spike import decide, poisson_tail
from tests.rules.conftest import NOW


@dataclass
class Stats:
    current: dict[str, int] = field(default_factory=dict)
    trailing_day: dict[str, int] = field(default_factory=dict)
    same_hour_last_week: dict[str, int] | None = None
    history_hours: float = 24 * 30
    last_spike_at: dict[str, datetime] = field(default_factory=dict)


KEY = "lane:complaint"


@pytest.mark.parametrize(("k", "lam"), [(0, 2.0), (1, 2.0), (3, 2.0), (10, 2.0), (50, 40.0)])
def test_poisson_tail_matches_the_textbook_sum(k: int, lam: float) -> None:
    exact = 1 - sum(math.exp(-lam) * lam**i / math.factorial(i) for i in range(k))
    assert poisson_tail(k, lam) == pytest.approx(exact, abs=1e-12)


def test_poisson_tail_keeps_precision_far_in_the_tail() -> None:
    assert 0 < poisson_tail(60, 2.0) < 1e-50


def test_a_burst_over_a_quiet_baseline_fires() -> None:
    verdict = decide(KEY, Stats(current={KEY: 19}, trailing_day={KEY: 287}), Spike(), NOW)
    assert verdict.fired
    assert (verdict.count, verdict.expected) == (20, 1.0)
    assert "lane:complaint: 20 in 5 min vs 1.0 expected (×20.0" in str(verdict)


@pytest.mark.parametrize(
    ("stats", "why"),
    [
        (Stats(current={KEY: 5}, trailing_day={KEY: 0}), "below the floor"),
        (Stats(current={KEY: 30}, trailing_day={KEY: 287 * 12}), "not three times the baseline"),
        (Stats(current={KEY: 30}, trailing_day={KEY: 0}, same_hour_last_week={KEY: 12 * 12}), "a normal Monday"),
        (Stats(current={KEY: 19}, last_spike_at={KEY: NOW - timedelta(minutes=10)}), "cooling down"),
    ],
)
def test_a_spike_does_not_fire_when(stats: Stats, why: str) -> None:
    assert not decide(KEY, stats, Spike(), NOW).fired, why


def test_cold_start_expects_at_least_the_configured_rate() -> None:
    stats = Stats(current={KEY: 9}, trailing_day={KEY: 0}, history_hours=1)
    verdict = decide(KEY, stats, Spike(cold_start_per_bucket=2.0), NOW)
    assert verdict.cold_start
    assert verdict.expected == 2.0
    assert verdict.fired  # 10 in 5 min against 2 expected: p ≈ 5e-5


def test_a_spike_adds_its_lane_and_shows_the_numbers(example: CompiledPlaybook) -> None:
    mention = NormalizedMention(id="1", text="Otra vez sin cobertura en Bilbao @movilia")
    got = evaluate(mention, example, NOW, window_stats=Stats(current={KEY: 40}, trailing_day={KEY: 287}))
    assert Lane.SPIKE in got.lanes
    assert any(r.rule == "spike" and "41 in 5 min" in r.evidence for r in got.reasons)


def test_no_window_stats_means_no_spike_lane(example: CompiledPlaybook) -> None:
    mention = NormalizedMention(id="1", text="Otra vez sin cobertura en Bilbao @movilia")
    assert Lane.SPIKE not in evaluate(mention, example, NOW).lanes
