"""Flood control: bursts pass, a sustained flood gets 429 with a Retry-After, admins are told once per window."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.web.flood import FloodGate

T0 = datetime(2026, 1, 1, tzinfo=UTC)


def test_burst_passes_then_flood_is_refused_with_retry_after() -> None:
    gate = FloodGate(rate=100, burst=500)
    assert gate.admit("x", 500, T0).allowed
    refused = gate.admit("x", 100, T0)
    assert not refused.allowed
    assert refused.retry_after == 1
    assert gate.admit("x", 100, T0 + timedelta(seconds=1)).allowed


def test_sources_have_their_own_budget() -> None:
    gate = FloodGate(rate=10, burst=10)
    assert gate.admit("x", 10, T0).allowed
    assert not gate.admit("x", 1, T0).allowed
    assert gate.admit("y", 10, T0).allowed


def test_admins_are_told_once_per_window() -> None:
    gate = FloodGate(rate=1, burst=1, report_window_seconds=600)
    gate.admit("x", 1, T0)
    firsts = [gate.admit("x", 1, T0 + timedelta(seconds=s)).first_refusal_in_window for s in (0, 1, 2)]
    assert firsts == [True, False, False]
    gate.admit("x", 5, T0 + timedelta(seconds=700))
    assert gate.admit("x", 5, T0 + timedelta(seconds=700)).first_refusal_in_window is False


def test_batch_larger_than_the_burst_waits_for_a_full_bucket() -> None:
    gate = FloodGate(rate=10, burst=20)
    gate.admit("x", 20, T0)
    verdict = gate.admit("x", 50, T0)
    assert verdict.retry_after == 2  # the bucket refills to its 20 in 2 s; the platform then sends smaller batches
