"""The card: escaped HTML, within Telegram's 4096 characters, in the reader's language, buttons by state."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from typing import Any

import pytest

from bot.escalation.cards import CardView, ThreadPost
from bot.telegram.callback_data import parse
from bot.telegram.card import render_card, utf16_len

NOW = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def view(**changes: Any) -> CardView:
    base: dict[str, Any] = {
        "escalation_id": 12,
        "state": "open",
        "severity": "critical",
        "lanes": ["churn", "competitor"],
        "reasons": ['churn: "que hago en movilia" (+6)'],
        "mention_count": 1,
        "opened_at": NOW,
        "ack_due_at": NOW + timedelta(minutes=5),
        "respond_due_at": None,
        "owner_name": "Ana Ruiz",
        "last_actor": None,
        "last_action": None,
        "last_action_at": None,
        "mention": {
            "text": "¿Qué hago en Movilia?",
            "platform": "x",
            "author": {"handle": "@rooney", "name": "Mr. Rooney", "followers": 15300, "verified": True},
        },
        "mention_url": "https://x.com/rooney/status/1",
        "language": "es",
        "now": NOW,
    }
    base.update(changes)
    return CardView(**base)


class _TagCheck(HTMLParser):
    ALLOWED = frozenset({"b", "i", "a", "blockquote", "code", "pre", "u", "s"})

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        assert tag in self.ALLOWED, tag
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack.pop() == tag


def test_card_says_severity_reasons_author_deadline_and_link_in_spanish() -> None:
    card = render_card(view())
    assert "CRÍTICO" in card.html
    assert "#churn" in card.html
    assert "que hago en movilia" in card.html
    assert "15,300 seguidores" in card.html
    assert "Confirmar en 5 min" in card.html
    assert 'href="https://x.com/rooney/status/1"' in card.html


def test_card_in_english_for_an_english_reader() -> None:
    assert "Acknowledge within 5 min" in render_card(view(language="en")).html


def test_user_text_is_escaped() -> None:
    html = render_card(view(mention={"text": "<b>pwn</b> & <script>", "author": {"name": "<i>x</i>"}})).html
    assert "<script>" not in html
    assert "&lt;b&gt;pwn&lt;/b&gt; &amp; &lt;script&gt;" in html
    assert "&lt;i&gt;x&lt;/i&gt;" in html
    checker = _TagCheck()
    checker.feed(html)
    assert checker.stack == []


def test_long_text_is_trimmed_within_4096_utf16_units() -> None:
    card = render_card(view(mention={"text": "😡 <&> " * 3000}))
    assert utf16_len(card.html) <= 4096
    assert "(recortado)" in card.html


def test_javascript_url_is_not_linked() -> None:
    assert "javascript" not in render_card(view(mention_url="javascript:alert(1)")).html


DRAFTS_AND_OWN = ["draft", "draft", "draft", "own"]
DECIDE = ["deleg", "esc", "snooze", "snooze", "snooze"]
CLOSE = ["resolve", "nrel"]


@pytest.mark.parametrize(
    ("state", "owner", "actions"),
    [
        ("open", False, ["ack", *DRAFTS_AND_OWN, *DECIDE, *CLOSE]),
        ("acknowledged", False, ["take", *DRAFTS_AND_OWN, *DECIDE, *CLOSE]),
        ("acknowledged", True, [*DRAFTS_AND_OWN, *DECIDE, *CLOSE]),
        ("responded", True, [*DRAFTS_AND_OWN, *CLOSE]),
        ("delegated", False, ["take", *DRAFTS_AND_OWN, "esc", "snooze", "snooze", "snooze", *CLOSE]),
        ("resolved", True, []),
    ],
)
def test_buttons_follow_the_state(state: str, owner: bool, actions: list[str]) -> None:
    card = render_card(view(state=state, last_actor="Ana Ruiz", viewer_is_owner=owner))
    buttons = [b for row in card.keyboard.inline_keyboard for b in row] if card.keyboard else []
    parsed = [parse(str(b.callback_data)) for b in buttons]
    assert [p.action.value for p in parsed if p] == actions
    assert all(p and p.escalation_id == 12 for p in parsed)
    assert all(len(str(b.callback_data).encode()) <= 64 for b in buttons)


def test_snooze_and_draft_buttons_carry_their_argument() -> None:
    card = render_card(view())
    assert card.keyboard is not None
    args = {
        (p.action.value, p.arg)
        for row in card.keyboard.inline_keyboard
        for b in row
        if (p := parse(str(b.callback_data)))
    }
    assert {("draft", 0), ("draft", 1), ("draft", 2), ("snooze", 30), ("snooze", 120), ("snooze", None)} <= args


def test_thread_counters_and_owner_are_shown() -> None:
    html = render_card(
        view(
            replies_to=ThreadPost("@movilia", "¿En qué podemos ayudarte?"),
            latest=(ThreadPost("@vozzia", "Vente con nosotros <3"),),
            mention_count=3,
            authors=2,
            reach=18_000,
        )
    ).html
    assert "En respuesta a:</b> <i>@movilia</i>: ¿En qué podemos ayudarte?" in html
    assert "<i>@vozzia</i>: Vente con nosotros &lt;3" in html
    assert "3 mención(es) · 2 autor(es) · 18,000 seguidores en total" in html
    assert "Responsable:</b> Ana Ruiz" in html


def test_snoozed_card_says_until_when_and_responded_card_says_how_fast() -> None:
    snoozed = render_card(view(state="snoozed", ack_due_at=None, snoozed_until=NOW + timedelta(minutes=30))).html
    assert "Pospuesta hasta las 09:30 UTC (quedan 30 min)" in snoozed
    responded = render_card(view(state="responded", ack_due_at=None, first_response_seconds=754)).html
    assert "respondida" in responded
    assert "Primera respuesta 12 min después de la primera mención" in responded


def test_acknowledged_card_names_who_and_the_respond_deadline() -> None:
    card = render_card(
        view(state="acknowledged", last_actor="Ana Ruiz", ack_due_at=None, respond_due_at=NOW + timedelta(minutes=15))
    )
    assert "confirmada por Ana Ruiz" in card.html
    assert "Responder en 15 min" in card.html


def test_overdue_deadline_says_so() -> None:
    assert re.search(r"vencida hace 2 min", render_card(view(now=NOW + timedelta(minutes=7))).html)


def test_same_state_same_fingerprint_and_change_changes_it() -> None:
    assert render_card(view()).fingerprint == render_card(view()).fingerprint
    assert render_card(view()).fingerprint != render_card(view(state="acknowledged")).fingerprint
