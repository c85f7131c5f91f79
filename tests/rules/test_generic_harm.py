"""Tuning 7: generic severe-harm markers, kind-free. A complaint about us (or a harm stated plainly) carrying one of
six markers is critical whatever the situation: money taken (a loss verb and an amount with its currency), bodily
harm or a medical emergency, an emergency service or alert failing, a vulnerable person with a danger, someone
else's data shown, impostors in the brand's colours with a theft or a request for cards or PINs. Each marker is a
reason with points. Sentences of their own (not from any corpus), each marker in both languages, and the hard
negatives: figures of speech, news not about us, the competitor's problems, questions about insurance or features,
jokes, praise naming hospitals or kids, and amounts in ordinary bills."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from bot.domain import NormalizedMention
from bot.rules import CompiledPlaybook, evaluate
from tests.rules.conftest import NOW

CASES: list[dict[str, Any]] = yaml.safe_load("""
# (1) money lost or taken
- {id: money_taken_es, text: "Movilia me sacó 480 € del banco con una permanencia que nunca firmé, qué vergüenza",
   severity: critical, marker: money taken}
- {id: money_taken_en, text: "£1,250 gone from my account after Movilia's billing glitch and nobody answers",
   severity: critical, marker: money taken}
- {id: money_taken_without_consent_plainly_en, text: "Movilia took €300 from my card without my consent",
   severity: critical, marker: money taken}
# (2) bodily harm or a medical emergency
- {id: bodily_harm_es, text: "Mi padre necesitó puntos de sutura tras tropezar con la zanja que abrió Movilia delante de casa, nadie nos ha llamado",
   severity: critical, marker: bodily harm}
- {id: bodily_harm_en, text: "My neighbour needed stitches after tripping in the trench Movilia dug outside, nobody has called us",
   severity: critical, marker: bodily harm}
# (3) an emergency service or alert failing
- {id: emergency_service_es, text: "No pudimos avisar a los bomberos porque la red de Movilia estaba caída toda la noche",
   severity: critical, marker: emergency service}
- {id: emergency_service_en, text: "The emergency alert never reached our Movilia phones during the wildfire warning, shameful",
   severity: critical, marker: emergency service}
# (4) a vulnerable person with a danger
- {id: vulnerable_person_es, text: "Mi abuelo de 91 años está incomunicado desde el martes sin la línea de Movilia, nadie contesta",
   severity: critical, marker: vulnerable person}
- {id: vulnerable_person_en, text: "My elderly dad has been cut off and frightened for four days, Movilia still hasn't fixed the line",
   severity: critical, marker: vulnerable person}
# (5) someone else's data shown
- {id: someone_elses_data_es, text: "La app de Movilia me enseña las facturas y la dirección de otro cliente",
   severity: critical, marker: someone else's data}
- {id: someone_elses_data_en, text: "My Movilia account page shows a stranger's address and call history",
   severity: critical, marker: someone else's data}
# (6) impostors using the brand
- {id: impostor_es, text: "Unos falsos técnicos de Movilia entraron en casa de mi vecina y se llevaron su cartera",
   severity: critical, marker: impostor}
- {id: impostor_en, text: "A man in a Movilia hi-vis vest came to my mum's door and asked for her card PIN",
   severity: critical, marker: impostor}
# hard negatives
- {id: figure_of_speech_es, text: "Me muero de risa con el tuit de Movilia", severity: low}
- {id: burnt_toast_en, text: "Burnt the toast waiting on hold to Movilia", severity: medium}
- {id: killing_it_en, text: "Movilia's new app is killing it", severity: low}
- {id: daylight_robbery_en, text: "This Movilia bill is daylight robbery", severity: medium}
- {id: robo_factura_es, text: "La factura de Movilia es un robo", severity: medium}
- {id: ordinary_bill_es, text: "Pago 40 € al mes a Movilia por la fibra", severity: low}
- {id: ordinary_price_en, text: "Paid £500 for my new phone at Movilia, happy with it", severity: low}
- {id: insurance_question_es, text: "¿El seguro de Movilia cubre si se me cae el móvil?", severity: low}
- {id: feature_question_en, text: "How do I turn on emergency alerts on my Movilia phone?", severity: low}
- {id: news_not_about_us_en, text: "News: pensioner loses £3,000 to a fake bank caller, police say", severity: ignore}
- {id: competitor_money_es, text: "Vozzia le quitó 200 € a mi madre sin permiso, menos mal que yo estoy en Movilia", severity: low}
- {id: competitor_data_en, text: "Vozzia showed me a stranger's address in their app, glad I'm with Movilia", severity: low}
- {id: praise_hospital_en, text: "Great Movilia signal at the hospital today, thanks", severity: low}
- {id: praise_hospital_es, text: "Perfecta la cobertura de Movilia en el hospital, gracias", severity: low}
- {id: praise_kids_es, text: "A mis hijos les encanta la tarifa joven de Movilia", severity: low}
- {id: joke_fell_en, text: "Fell off my chair laughing at the Movilia advert", severity: low}
- {id: working_alarm_es, text: "La teleasistencia de Movilia le va de maravilla a mi abuela", severity: low}
- {id: discount_en, text: "Movilia took £5 off my bill, thanks", severity: low}
- {id: discount_es, text: "Me han quitado 10 € de descuento en la factura de Movilia, qué morro", severity: medium}
- {id: lost_count_en, text: "I've lost count of how many times Movilia charged me £50 for nothing", severity: medium}
- {id: time_and_money_en, text: "Took 3 weeks and £60 for Movilia to fix my line, terrible", severity: medium}
- {id: a_joke_with_kids_en, text: "My kids are scared of the Movilia mascot lol", severity: low}
- {id: a_joke_with_a_grandmother_es, text: "Mi abuela dice que Movilia es un peligro de lo mala que es la cobertura jaja",
   severity: medium}
- {id: fell_ill_en, text: "Movilia said the engineer fell ill so nobody came, again", severity: medium}
""")


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_generic_harm(case: dict[str, Any], example: CompiledPlaybook) -> None:
    got = evaluate(NormalizedMention(id="1", text=case["text"]), example, NOW)
    reasons = [(r.rule, r.evidence, r.points) for r in got.reasons]
    assert got.severity.value == case["severity"], reasons
    if "marker" in case:  # the marker is a reason of its own, with its points
        marked = [r for r in got.reasons if r.rule == "severe-harm" and r.evidence.startswith(case["marker"])]
        assert marked, reasons
        assert all(r.points > 0 for r in marked), reasons
    else:
        assert not any(r.rule.startswith("severe-harm") and r.points > 1 for r in got.reasons), reasons
