"""Drafts from templates (slots filled per lane and language) and the lint, table-driven over the example playbook."""

from __future__ import annotations

import pytest

from bot.actions.drafts import DraftFacts, Lint, draft, drafts, lint
from bot.rules import Playbook, parse_playbook
from bot.rules.replies import Intent
from tests.support.factories import ROAMING_TEXT


def facts(**changes: object) -> DraftFacts:
    base: dict[str, object] = {
        "language": "es",
        "lanes": ["churn", "competitor"],
        "platform": "x",
        "author_name": "Mr. Rooney",
        "author_handle": "@rooney",
        "text": ROAMING_TEXT,
        "topics": [],
        "person_key": "ana",
    }
    base.update(changes)
    return DraftFacts(**base)  # type: ignore[arg-type]


def test_three_drafts_of_different_intent_in_the_readers_language(example_playbook: Playbook) -> None:
    made = drafts(example_playbook, facts())
    assert [d.intent for d in made] == [Intent.ACKNOWLEDGE, Intent.OFFER, Intent.APOLOGY]
    acknowledge, offer, apology = (d.text for d in made)
    assert acknowledge.startswith("Hola Mr. Rooney, soy Ana Ruiz, CEO de Movilia.")
    assert acknowledge.endswith("— Ana (CEO)")
    assert "te ofrezco roaming gratis 3 meses" in offer
    assert all(len(d.text) <= 280 for d in made)
    # The apology has no churn template in the playbook: the built-in one, whose {topic} nobody filled.
    assert "{topic}" in apology
    assert [w.kind for w in made[2].warnings] == [Lint.UNFILLED_SLOT]


def test_topic_and_english_and_handle_when_the_name_is_unknown(example_playbook: Playbook) -> None:
    made = draft(
        example_playbook,
        facts(language="en", lanes=["complaint"], author_name=None, topics=["roaming"], person_key="marc"),
        Intent.APOLOGY,
    )
    assert made.text.startswith("@rooney, we're sorry: we fell short on roaming.")
    assert made.text.endswith("— Marc, Head of Customer Care")
    assert made.warnings == []


def test_offer_slot_falls_back_to_the_maximum_discount() -> None:
    book = parse_playbook(
        """
brand: {name: Movilia}
people: [{id: ceo, name: Eva Sanz, role: executive, decides: {max_discount_percent: 20}}]
escalation: {on_call: ceo}
"""
    )
    assert "a 20% discount" in draft(book, facts(language="en", person_key="ceo"), Intent.OFFER).text


@pytest.mark.parametrize(
    ("text", "platform", "kinds"),
    [
        ("Hola Rooney, lo resuelvo yo hoy. — Ana", "x", []),
        ("Hola {first_name}, lo resuelvo yo.", "x", [Lint.UNFILLED_SLOT]),
        ("a" * 281, "x", [Lint.OVER_LENGTH]),
        ("a" * 281, "linkedin", []),
        ("Mejor que Vozzia, seguro.", "x", [Lint.COMPETITOR]),
        ("Te hago un 60% de descuento.", "x", [Lint.OUT_OF_SCOPE]),
        ("Te hago un 50% de descuento.", "x", []),
        ("Te devolvemos todo: reembolso completo.", "x", [Lint.OUT_OF_SCOPE]),
        ("Tres meses de roaming gratis, hecho.", "x", [Lint.OUT_OF_SCOPE]),
        ("Tienes 3 meses de roaming gratis.", "x", []),
        ("Esto es una mierda, lo sé.", "x", [Lint.PROFANITY]),
        ("Sé que parece un timo.", "x", [Lint.PROFANITY]),
        ("   ", "x", [Lint.EMPTY]),
    ],
)
def test_lint(example_playbook: Playbook, text: str, platform: str, kinds: list[Lint]) -> None:
    assert [w.kind for w in lint(example_playbook, facts(platform=platform), text)] == kinds


def test_naming_a_competitor_is_allowed_when_the_playbook_says_so(example_playbook: Playbook) -> None:
    allowed = example_playbook.model_copy(
        update={"replies": example_playbook.replies.model_copy(update={"forbid_competitor_names": False})}
    )
    assert lint(allowed, facts(), "Mejor que @vozzia.") == []
