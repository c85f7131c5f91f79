"""Every lane, in both languages, with the hard cases next to the easy ones (table-driven, inline YAML)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
import yaml

from bot.domain import NormalizedMention
from bot.rules import CompiledPlaybook, evaluate
from tests.rules.conftest import NOW

CASES: list[dict[str, Any]] = yaml.safe_load("""
- {id: roaming_story_is_critical, text: "Movilia me cobra el roaming de datos en Francia y Vozzia no. ¿Qué hago en Movilia?",
   lanes: [complaint, churn, competitor], severity: critical}
- {id: churn_to_competitor_es, text: "Me paso a Vozzia mañana mismo", lanes: [churn, competitor], severity: critical}
- {id: churn_to_competitor_en, text: "I'm switching to Vozzia, Movilia", lanes: [churn, competitor], severity: critical}
- {id: churn_without_destination_es, text: "Me doy de baja de Movilia", lanes: [churn], severity: high}
- {id: churn_without_destination_en, text: "Cancelling my Movilia contract today", lanes: [churn], severity: high}
- {id: conditional_threat_is_churn, text: "Si no me lo arreglan hoy me cambio, Movilia", lanes: [churn], severity: high}
- {id: negated_churn_is_not_churn_es, text: "No pienso cambiarme de Movilia", lanes: [], severity: low}
- {id: negated_churn_is_not_churn_en, text: "I'm not leaving Movilia, ever", lanes: [], severity: low}
- {id: hearsay_is_not_churn, text: "Dicen que me cambie a Vozzia pero yo sigo con Movilia", lanes: [competitor], severity: low}
- {id: switching_to_us_is_good_news_es, text: "Me cambio de Vozzia a Movilia, por fin", lanes: [competitor], severity: low}
- {id: switching_to_us_is_good_news_en, text: "Just switched from Vozzia to Movilia", lanes: [competitor], severity: low}
- {id: rhetorical_question_needs_the_brand_alone, text: "¿Qué hago en Movilia para cambiar el titular?", lanes: [], severity: low}
- {id: plain_question_is_not_a_complaint_es, text: "¿Cómo activo el roaming con Movilia?", lanes: [], severity: low}
- {id: plain_question_is_not_a_complaint_en, text: "How do I turn on roaming with Movilia?", lanes: [], severity: low}
- {id: why_question_complains, text: "Why did Movilia raise my bill without telling me?", lanes: [complaint], severity: medium}
- {id: complaint_without_negative_words_es, text: "Llevo tres días sin internet @movilia", lanes: [complaint], severity: medium}
- {id: complaint_without_negative_words_en, text: "Movilia charged me twice for the same month", lanes: [complaint], severity: medium}
- {id: sarcasm_es, text: "Gracias por nada @movilia", lanes: [complaint], severity: medium}
- {id: sarcasm_en, text: "Thanks for nothing @movilia", lanes: [complaint], severity: medium}
- {id: praise_is_not_a_complaint, text: "Movilia roaming worked perfectly, thanks!", lanes: [], severity: low}
- {id: slang_fire_is_not_safety, text: "This Movilia ad is fire 🔥", lanes: [], severity: low}
- {id: safety_es, text: "Mi móvil de Movilia se ha incendiado cargando", lanes: [safety], severity: critical}
- {id: safety_en, text: "Someone did a SIM swap on my Movilia number", lanes: [safety], severity: critical}
- {id: safety_is_never_negated, text: "No puedo llamar a emergencias con Movilia", lanes: [safety], severity: critical}
- {id: legal_es, text: "Voy a demandar a Movilia, ya tengo abogado", lanes: [legal], severity: high}
- {id: legal_en, text: "Talking to my lawyer about Movilia", lanes: [legal], severity: high}
- {id: negated_legal_is_not_legal, text: "No voy a denunciar a Movilia, solo quiero una respuesta", lanes: [], severity: low}
- {id: competitor_customer_complaint_is_poaching, text: "Vozzia lleva tres días sin cobertura en mi pueblo", lanes: [competitor, poaching], severity: medium}
- {id: asking_for_alternatives_pages, text: "Vozzia doubled my bill. Any recommendations?", lanes: [competitor, poaching], severity: high}
- {id: news_naming_a_competitor_is_low, text: "Vozzia lanza una tarifa de 10 gigas", lanes: [competitor, media], severity: low,
   author: {name: "Diario Tecnológico", handle: "@diariotec"}}
- {id: journalist_asking_for_comment_pages, text: "I'm a reporter working on a story, can Movilia comment?", lanes: [media], severity: high}
- {id: executive_tagged_with_a_complaint, text: "@ana_ruiz_movilia llevo una semana sin señal", lanes: [complaint, executive], severity: high}
- {id: executive_praised_is_low, text: "Enhorabuena @ana_ruiz_movilia por la charla", lanes: [executive], severity: low}
- {id: influencer_complaint_pages, text: "Three days without fibre, Movilia", lanes: [complaint, influencer], severity: high,
   author: {followers: 250000}}
- {id: celebrity_praise_does_not_page, text: "Love the new Movilia campaign", lanes: [influencer], severity: low,
   author: {followers: 3000000, verified: true}}
- {id: viral_complaint_is_critical, text: "Movilia network is down across the city", lanes: [complaint, viral], severity: critical,
   metrics: {likes: 3000, reposts: 1000}, age: 30}
- {id: spam_is_ignored, text: "SORTEO: gana un iPhone con Movilia, haz clic aquí", lanes: [], severity: ignore}
- {id: own_account_is_ignored, text: "Hoy estrenamos tarifa", lanes: [], severity: ignore, author: {handle: "@movilia"}}
- {id: unrelated_is_ignored, text: "Qué calor hace hoy", lanes: [], severity: ignore}
""")


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_lane_and_severity(case: dict[str, Any], example: CompiledPlaybook) -> None:
    mention = NormalizedMention.model_validate(
        {
            "id": "1",
            "text": case["text"],
            "author": case.get("author", {}),
            "metrics": case.get("metrics", {}),
            "created_at": NOW - timedelta(minutes=case.get("age", 60)),
        }
    )
    got = evaluate(mention, example, NOW)
    assert ([lane.value for lane in got.lanes], got.severity.value) == (case["lanes"], case["severity"]), [
        str(r) for r in got.reasons
    ]


def test_every_point_of_score_carries_its_reason(example: CompiledPlaybook) -> None:
    got = evaluate(NormalizedMention(id="1", text="Me paso a Vozzia, Movilia"), example, NOW)
    assert got.score == sum(r.points for r in got.reasons)
    assert 'churn: "Me paso a Vozzia" (+7)' in [str(r) for r in got.reasons]


def test_route_is_always_set_with_a_policy(example: CompiledPlaybook) -> None:
    got = evaluate(NormalizedMention(id="7", text="hola", platform="x"), example, NOW)
    assert got.route is not None
    assert got.route.target == "ana"
    assert got.route.group_key == "thread:x:7"
    assert {"ack_timeout_minutes", "respond_timeout_minutes"} <= set(got.route.policy)
