"""The signals that tuning slice 4 taught, on sentences of their own (not from any corpus): inflected move verbs and
the "verb + service + to + competitor" pattern, names that only own the thing moved, safety told as a thing and its
state, lifelines, fraud by somebody else, failures of a service with no negative word, sarcasm closed by praise,
rhetorical negation, looking at other carriers, reports that quote a regulator, fire alarms, reporters' openings."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from bot.domain import NormalizedMention
from bot.rules import CompiledPlaybook, evaluate
from bot.rules.inflect import expand, inflect
from tests.rules.conftest import NOW

CASES: list[dict[str, Any]] = yaml.safe_load("""
- {id: porting_lines_to_competitor_is_critical_churn_es, text: "Portaremos el número de la tienda a Vozzia",
   lanes: [churn, competitor], severity: critical}
- {id: transferring_lines_to_competitor_is_critical_churn_en, text: "We transferred the office lines to Vozzia on Friday",
   lanes: [churn, competitor], severity: critical}
- {id: moving_a_service_to_a_competitor_through_many_words, text: "Estamos migrando todas las líneas de la oficina a Vozzia",
   lanes: [churn, competitor], severity: critical}
- {id: swapping_us_for_the_competitor_is_churn_es, text: "Cambié Movilia por Vozzia la semana pasada",
   lanes: [churn, competitor], severity: critical}
- {id: swapping_the_competitor_for_us_is_good_news, text: "Swapped Vozzia for Movilia and never looked back",
   lanes: [competitor], severity: low}
- {id: competitor_here_i_come_is_churn, text: "Vozzia, here I come", lanes: [churn, competitor], severity: critical}
- {id: a_city_here_i_come_is_not_churn, text: "Madrid, allá voy, con la tarifa de Movilia", lanes: [], severity: low}
- {id: signing_a_competitor_contract_is_churn, text: "He contratado Vozzia para toda la familia",
   lanes: [churn, competitor], severity: critical}
- {id: our_contract_is_not_a_customer_arriving, text: "¿Dónde veo el contrato de Movilia en la app?", lanes: [], severity: low}
- {id: moving_a_line_to_a_new_phone_is_not_churn_en, text: "Moving my Movilia number to the new phone today",
   lanes: [], severity: low}
- {id: moving_a_line_to_a_new_home_is_not_churn_es, text: "Traslado la línea de Movilia a la casa del pueblo",
   lanes: [], severity: low}
- {id: leaving_a_thing_somewhere_is_not_leaving_us, text: "Left my Movilia charger at the hotel, typical me",
   lanes: [], severity: low}
- {id: what_changes_with_a_competitor_moves_nothing, text: "¿Qué cambia con Vozzia este año?", lanes: [competitor],
   severity: low}
- {id: device_and_a_dangerous_state_is_safety_es, text: "El cargador de Movilia se ha chamuscado enchufado",
   lanes: [safety], severity: critical}
- {id: device_and_a_dangerous_state_is_safety_en, text: "The Movilia modem is scorching and the case has charred",
   lanes: [safety], severity: critical}
- {id: cable_hanging_is_safety_en, text: "Movilia left a wire dangling over the footpath", lanes: [safety], severity: critical}
- {id: pole_down_is_safety_es, text: "El poste de Movilia está caído en la carretera", lanes: [complaint, safety],
   severity: critical}
- {id: harmless_charger_talk_is_not_safety_es, text: "El cargador de Movilia es rapidísimo y la batería dura un montón",
   lanes: [], severity: low}
- {id: harmless_battery_talk_is_not_safety_en, text: "Battery on my Movilia phone lasts ages", lanes: [], severity: low}
- {id: somebody_else_moving_my_number_is_fraud, text: "Someone moved my number to another SIM, Movilia help",
   lanes: [safety], severity: critical}
- {id: a_lifeline_that_fails_is_safety, text: "La teleasistencia de mi abuela con Movilia no funciona desde ayer",
   lanes: [complaint, safety], severity: critical}
- {id: a_lifeline_that_works_is_not_safety, text: "The personal alarm on Movilia works a treat for my nan",
   lanes: [], severity: low}
- {id: a_service_failing_is_a_complaint_en, text: "The Movilia app keeps kicking me out", lanes: [complaint],
   severity: medium}
- {id: a_service_failing_is_a_complaint_es, text: "Se me desconecta el wifi de Movilia cada hora", lanes: [complaint],
   severity: medium}
- {id: a_failure_word_about_prices_is_not_a_complaint, text: "Movilia drops the price of fibre in May", lanes: [],
   severity: low}
- {id: a_failure_that_never_happens_is_not_a_complaint, text: "The Movilia app never logs me out", lanes: [], severity: low}
- {id: praise_closing_a_complaint_is_sarcasm_en, text: "Third bill this month from Movilia. Wonderful.",
   lanes: [complaint], severity: medium}
- {id: praise_closing_a_complaint_is_sarcasm_es, text: "Otra factura con errores de Movilia. Fantástico.",
   lanes: [complaint], severity: medium}
- {id: praise_closing_praise_is_praise, text: "New Movilia plan is cheaper. Wonderful.", lanes: [], severity: low}
- {id: a_reason_not_to_leave_is_churn_es, text: "Dame un motivo para no darme de baja, Movilia", lanes: [churn],
   severity: high}
- {id: a_reason_not_to_cancel_is_churn_en, text: "Movilia, one reason not to cancel?", lanes: [churn], severity: high}
- {id: no_reason_to_leave_is_negated, text: "No reason to leave Movilia, it just works", lanes: [], severity: low}
- {id: looking_at_other_carriers_is_churn, text: "Mirando otras operadoras esta tarde, Movilia", lanes: [churn],
   severity: high}
- {id: looking_at_our_phone_is_not_churn, text: "Mirando el móvil nuevo de Movilia en la tienda", lanes: [], severity: low}
- {id: a_regulator_quoted_in_a_ranking_is_not_legal, text: "Según la OCU, Movilia tiene la mejor fibra", lanes: [],
   severity: low}
- {id: a_regulator_in_a_complaint_is_still_legal, text: "Voy a ir a la OCU por la factura de Movilia",
   lanes: [complaint, legal], severity: high}
- {id: a_fire_alarm_is_not_a_fire_en, text: "Fire alarm test at the Movilia store this morning", lanes: [], severity: low}
- {id: a_fire_alarm_is_not_a_fire_es, text: "Prueba de la alarma de incendios en la oficina de Movilia", lanes: [],
   severity: low}
- {id: a_producer_asking_for_comment_pages, text: "Producer at Radio Kent here, can Movilia comment on the new masts?",
   lanes: [media], severity: high}
- {id: writing_for_an_outlet_is_media, text: "Escribo para la revista Conecta: ¿Movilia quiere comentar su nueva tarifa?",
   lanes: [media], severity: high}
- {id: passing_lines_to_a_competitor_is_churn, text: "Pasaré mis dos líneas a Vozzia el mes que viene",
   lanes: [churn, competitor], severity: critical}
- {id: passing_a_bill_to_another_account_is_not_churn, text: "Pasa la línea de Movilia a mi cuenta nueva", lanes: [],
   severity: low}
- {id: off_to_the_competitor_is_churn, text: "Off to Vozzia I go", lanes: [churn, competitor], severity: critical}
- {id: off_to_our_shop_is_not_churn, text: "Off to the Movilia shop for a new phone", lanes: [], severity: low}
- {id: leaving_a_device_behind_is_not_leaving_es, text: "Me dejo el cargador de Movilia en casa siempre", lanes: [],
   severity: low}
- {id: leaving_a_contract_is_leaving, text: "I'm leaving my Movilia contract early", lanes: [churn], severity: high}
- {id: somebody_taking_over_my_line_is_fraud_es, text: "Alguien se ha hecho con mi línea de Movilia", lanes: [safety],
   severity: critical}
- {id: a_care_alarm_that_stopped_working_is_safety, text: "My mum's care alarm hasn't worked since Movilia switched off 3G",
   lanes: [complaint, safety], severity: critical}
- {id: an_app_closing_itself_is_a_complaint, text: "La app de Movilia se cierra sola cada vez que entro",
   lanes: [complaint], severity: medium}
- {id: asking_how_to_port_to_us_is_not_churn, text: "How do I transfer my number to Movilia from Vozzia?",
   lanes: [competitor], severity: low}
- {id: a_competitors_customer_asking_us_to_beat_a_price_is_poaching,
   text: "Vozzia customer: if Movilia beats my price I'm switching", lanes: [competitor, poaching], severity: high}
""")


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_described_signal(case: dict[str, Any], example: CompiledPlaybook) -> None:
    got = evaluate(NormalizedMention(id="1", text=case["text"]), example, NOW)
    reasons = [(r.rule, r.evidence) for r in got.reasons]
    assert sorted(lane.value for lane in got.lanes) == sorted(case["lanes"]), reasons
    assert got.severity.value == case["severity"], reasons


@pytest.mark.parametrize(
    ("verb", "language", "forms"),
    [
        ("portar", "es", {"porto", "portamos", "porte", "portare", "portado", "portando", "portarla"}),
        ("mover", "es", {"muevo", "mueve", "movemos", "moviendo", "movido"}),
        ("transfer", "en", {"transfers", "transferring", "transferred"}),
        ("move", "en", {"moves", "moving", "moved", "movin"}),
        ("port", "en", {"ports", "porting", "ported", "portin"}),
        ("swap", "en", {"swaps", "swapping", "swapped"}),
        ("take", "en", {"takes", "taking", "took", "taken"}),
    ],
)
def test_verbs_are_inflected(verb: str, language: str, forms: set[str]) -> None:
    assert forms <= set(inflect(verb, language))


def test_only_the_marked_word_of_a_phrase_is_inflected() -> None:
    assert "transferred my" in expand("transfer~ my", "en")
    assert expand("me doy de baja", "es") == ["me doy de baja"]
    assert all(p.endswith(" todo") for p in expand("cancelar~ todo", "es"))
