"""Proactive budgets: one message a second per private chat (bursts of 3), 20 a minute per group, 30 a
second overall — and a busy chat never holds back another."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.telegram.budget import Budgets, Limits

T0 = datetime(2026, 1, 1, tzinfo=UTC)


def test_private_chat_gets_a_burst_then_one_per_second() -> None:
    budgets = Budgets()
    assert [budgets.reserve(1, T0) for _ in range(3)] == [0, 0, 0]
    assert budgets.reserve(1, T0) == 1.0
    assert budgets.reserve(1, T0 + timedelta(seconds=1)) == 0


def test_a_busy_chat_does_not_hold_back_another() -> None:
    budgets = Budgets()
    for _ in range(3):
        budgets.reserve(1, T0)
    assert budgets.reserve(1, T0) > 0
    assert budgets.reserve(2, T0) == 0


def test_group_gets_twenty_a_minute() -> None:
    budgets = Budgets()
    assert all(budgets.reserve(-100, T0) == 0 for _ in range(20))
    assert budgets.reserve(-100, T0) == 3.0  # one more token every 3 s


def test_thirty_a_second_overall() -> None:
    budgets = Budgets(Limits(private_burst=1))
    assert all(budgets.reserve(chat, T0) == 0 for chat in range(1, 31))
    assert budgets.reserve(31, T0) > 0
