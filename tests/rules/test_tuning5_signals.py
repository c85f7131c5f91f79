"""The signals that tuning slice 5 taught, on sentences of their own (not from any corpus), one family at a time and
in both languages: churn threats with a day and a place, porting slang and a competitor's SIM arriving, injuries as
harm + body part, gas and other physical dangers, safety words that do not page (questions, a cleared brand,
figures of speech), celebrities' idioms, reporters' stories on a problem, viral complaints, namesake businesses and
the brand's own regional or service accounts."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
import yaml

from bot.domain import NormalizedMention
from bot.rules import CompiledPlaybook, evaluate
from tests.rules.conftest import NOW

CASES: list[dict[str, Any]] = yaml.safe_load("""
# churn threats: being at a competitor's shop, with a day or a condition in the sentence
- {id: threat_with_a_day_and_a_shop_es, text: "Como no me den la fibra el miércoles, el jueves estamos en la tienda de Vozzia",
   lanes: [churn, competitor], severity: critical}
- {id: threat_with_a_day_and_a_shop_en, text: "You've got till Sunday. Monday morning I'm at the Vozzia store",
   lanes: [churn, competitor], severity: critical}
- {id: walking_into_the_competitor_on_a_condition, text: "If Movilia doesn't fix this by Friday I'm walking into Vozzia",
   lanes: [churn, competitor], severity: critical}
- {id: being_a_competitors_customer_is_not_a_threat, text: "Estoy en Vozzia desde 2019 y muy contenta",
   lanes: [competitor], severity: low}
- {id: a_venue_named_after_the_competitor_is_not_a_shop, text: "I'm in the Vozzia arena tomorrow for the concert",
   lanes: [competitor], severity: low}
- {id: being_at_our_shop_is_not_churn, text: "Mañana estoy en la tienda de Movilia para recoger el móvil", lanes: [],
   severity: low}
- {id: going_closing_a_condition_is_churn, text: "Si Vozzia me iguala el precio, me voy. Tú verás, Movilia",
   lanes: [churn, competitor], severity: critical}
# porting slang, codes, abbreviations and a competitor's SIM that arrives or goes live
- {id: a_competitors_chip_arriving_is_churn_es, text: "Me llegó ayer el chip de Vozzia, lo activo esta noche",
   lanes: [churn, competitor], severity: critical}
- {id: a_competitors_esim_going_live_is_churn_en, text: "my vozzia esim is active now, see ya",
   lanes: [churn, competitor], severity: critical}
- {id: our_sim_arriving_from_the_competitor_is_good_news, text: "Got my PAC from Vozzia, the Movilia SIM lands tomorrow",
   lanes: [competitor], severity: low}
- {id: a_porting_code_is_churn, text: "Requested my STAC code from Movilia this morning", lanes: [churn], severity: high}
- {id: not_requesting_a_porting_code_is_not_churn, text: "Not requesting my PAC after all, Movilia sorted it",
   lanes: [], severity: low}
- {id: signed_up_w_is_churn, text: "Signed up w/ Vozzia for the family, 4 lines", lanes: [churn, competitor],
   severity: critical}
- {id: pa_is_toward, text: "Me piro pa Vozzia, Movilia no hay quien la aguante", lanes: [churn, competitor, complaint],
   severity: critical}
- {id: a_porting_request_to_us_is_not_churn, text: "Mi portabilidad a Movilia es el jueves, adiós Vozzia",
   lanes: [competitor], severity: low}
- {id: a_new_job_at_the_competitor_is_not_churn, text: "El lunes empiezo a trabajar en Vozzia", lanes: [competitor],
   severity: low}
# more moves found on fresh probes, and the look-alikes that are not moves
- {id: a_phrase_with_its_own_preposition_after_a_condition,
   text: "If Movilia can't fix my signal by Friday I'm porting to Vozzia", lanes: [churn, competitor, complaint],
   severity: critical}
- {id: passing_over_in_the_past_is_churn, text: "Ya me pasé a Vozzia y no me arrepiento", lanes: [churn, competitor],
   severity: critical}
- {id: signing_a_service_with_the_competitor_is_churn, text: "Acabo de contratar la fibra con Vozzia",
   lanes: [churn, competitor], severity: critical}
- {id: dropping_us_for_the_competitor_is_churn, text: "Dropping Movilia for Vozzia this weekend",
   lanes: [churn, competitor], severity: critical}
- {id: joined_the_competitor_is_churn, text: "Had enough, joined Vozzia today", lanes: [churn, competitor],
   severity: critical}
- {id: a_contract_with_the_competitor_is_a_noun, text: "Mi contrato con Vozzia acaba en marzo, ¿qué me ofrece Movilia?",
   lanes: [competitor], severity: low}
- {id: it_happened_to_me_with_the_competitor_is_not_a_move, text: "Me pasó lo mismo con Vozzia el año pasado",
   lanes: [competitor], severity: low}
- {id: somebody_elses_sim_is_not_churn, text: "La SIM de Vozzia de mi hermano le llegó ayer", lanes: [competitor],
   severity: low}
- {id: a_sim_when_the_post_moves_to_us, text: "My SIM from Vozzia arrived but I'm going with Movilia instead",
   lanes: [competitor], severity: low}
- {id: the_competitors_town_is_not_its_shop, text: "I'm in Vozzia's home town this weekend, Movilia data is great",
   lanes: [competitor], severity: low}
- {id: going_after_the_competitor_courted_me, text: "Vozzia me hizo una oferta que no pude rechazar, me voy",
   lanes: [churn, competitor], severity: critical}
- {id: going_home_after_naming_the_competitor_is_not_churn, text: "Vozzia cierra a las 8, me voy", lanes: [competitor],
   severity: low}
- {id: farewell_to_us_is_leaving_us, text: "Adiós a Movilia después de 10 años, ya estoy con Vozzia",
   lanes: [churn, competitor], severity: critical}
- {id: the_competitor_getting_my_money_is_churn, text: "Vozzia's getting my money from now on",
   lanes: [churn, competitor], severity: critical}
- {id: getting_my_money_back_is_a_refund, text: "Vozzia's getting my money back for me? no way", lanes: [competitor],
   severity: low}
- {id: shopping_around_with_no_object_is_churn, text: "Shopping around, Movilia is too expensive now", lanes: [churn],
   severity: high}
- {id: signing_off_a_thank_you_is_not_leaving_es, text: "Gracias por la ayuda, hasta luego Movilia", lanes: [],
   severity: low}
- {id: signing_off_a_thank_you_is_not_leaving_en, text: "Thanks for sorting it, bye Movilia!", lanes: [], severity: low}
- {id: a_sarcastic_thank_you_and_goodbye_is_leaving, text: "Gracias por nada, adiós Movilia",
   lanes: [churn, complaint], severity: high}
- {id: being_at_the_competitor_for_work_is_not_churn, text: "El lunes estoy en Vozzia para una reunión de trabajo",
   lanes: [competitor], severity: low}
- {id: a_dropped_g_is_still_a_move, text: "portin my numbr to vozzia tmrw", lanes: [churn, competitor], severity: critical}
- {id: an_abbreviated_me_is_still_a_move, text: "m paso a vozzia xq movilia es un desastre",
   lanes: [churn, competitor, complaint], severity: critical}
- {id: an_abbreviated_de_links_a_sim, text: "ya tngo la sim d vozzia", lanes: [churn, competitor], severity: critical}
- {id: leaving_our_shop_is_not_leaving_us, text: "Leaving the Movilia shop now, great service", lanes: [],
   severity: low}
# injuries as a harm and the part of the body it hit
- {id: a_burned_arm_is_safety_es, text: "Mi hija se ha quemado el brazo con el cargador de Movilia", lanes: [safety],
   severity: critical}
- {id: burned_fingers_are_safety_en, text: "My grandad burned his fingers on the Movilia power bank", lanes: [safety],
   severity: critical}
- {id: a_broken_ankle_is_safety, text: "He broke his ankle on the cable the Movilia engineer left on the stairs",
   lanes: [safety], severity: critical}
- {id: a_phone_broken_in_the_hand_is_not_an_injury, text: "Se me rompió el móvil de Movilia en la mano, qué rabia",
   lanes: [], severity: low}
- {id: a_burn_the_brand_is_cleared_of_es, text: "Me he quemado la mano con el horno, nada que ver con Movilia",
   lanes: [], severity: low}
- {id: a_burn_the_brand_is_cleared_of_en, text: "Burned my hand cooking, nothing to do with Movilia", lanes: [], severity: low}
- {id: not_the_brands_fault_clears_safety, text: "Burned my hand on the oven, not Movilia's fault", lanes: [complaint],
   severity: medium}
# gas and the other physical dangers
- {id: a_smell_of_gas_is_safety_es, text: "Hay un olor a gas muy fuerte desde que vino el técnico de Movilia",
   lanes: [safety], severity: critical}
- {id: a_gas_main_hit_is_safety_en, text: "The Movilia crew hit a gas main digging the trench", lanes: [safety],
   severity: critical}
- {id: a_zap_is_safety, text: "The Movilia socket sparked and my son got zapped", lanes: [safety], severity: critical}
- {id: a_short_circuit_is_safety, text: "El router de Movilia ha hecho un cortocircuito", lanes: [safety],
   severity: critical}
- {id: an_open_manhole_is_safety, text: "Movilia's crew left an open manhole by the bus stop", lanes: [safety],
   severity: critical}
- {id: a_failed_911_call_is_safety, text: "No pude llamar al 911 con Movilia cuando mi papá se desmayó",
   lanes: [complaint, safety], severity: critical}
- {id: a_router_on_fire_is_safety, text: "My Movilia router is on fire", lanes: [safety], severity: critical}
- {id: an_unfenced_trench_is_safety, text: "Los operarios de Movilia dejaron una zanja sin vallar delante del colegio",
   lanes: [safety], severity: critical}
- {id: a_slip_in_the_shop_is_safety, text: "Mum slipped on the wet floor in the Movilia store and hit her head",
   lanes: [safety], severity: critical}
- {id: a_shop_open_with_cables_is_not_safety, text: "The Movilia shop is open till 8 and they have cables on sale",
   lanes: [], severity: low}
- {id: sparks_from_a_device_are_safety_es, text: "Mi router de Movilia empezó a soltar chispas", lanes: [safety],
   severity: critical}
- {id: sparks_from_a_device_are_safety_en, text: "The Movilia charger sparked and left a burn mark on my daughter's hand",
   lanes: [safety], severity: critical}
- {id: melted_cables_are_safety, text: "Se fundieron los cables del router de Movilia", lanes: [safety],
   severity: critical}
- {id: a_mast_down_is_safety, text: "The Movilia mast fell onto the road during the storm", lanes: [safety],
   severity: critical}
- {id: a_gas_smell_is_safety_en, text: "Strong gas smell after the Movilia engineer drilled the wall", lanes: [safety],
   severity: critical}
- {id: an_ad_that_sparked_a_debate_is_not_safety, text: "The new Movilia ad sparked a debate", lanes: [],
   severity: low}
- {id: a_cable_falling_behind_the_sofa_is_not_safety, text: "El cable del cargador de Movilia se cayó detrás del sofá",
   lanes: [], severity: low}
- {id: a_figurative_broken_back_is_not_safety, text: "Broke my back carrying the Movilia box upstairs haha", lanes: [],
   severity: low}
- {id: an_injury_with_none_of_our_things_is_not_ours, text: "Mi hijo se rompió el brazo jugando al fútbol, y Movilia nos dio datos extra",
   lanes: [], severity: low}
- {id: a_figurative_headache_is_not_an_injury, text: "Trying to understand the Movilia bill hurt my head",
   lanes: [complaint], severity: medium}
- {id: a_mind_blown_is_not_an_explosion_es, text: "Me explotó la cabeza con la velocidad de la fibra de Movilia",
   lanes: [], severity: low}
- {id: a_mind_blown_is_not_an_explosion_en, text: "My mind exploded at the Movilia price, so cheap", lanes: [],
   severity: low}
- {id: burning_through_data_is_not_a_burn, text: "Burned through my Movilia data in a week lol", lanes: [],
   severity: low}
- {id: a_lighter_out_of_gas_is_not_safety, text: "Se me acabó el gas del mechero, Movilia, regaladme uno", lanes: [],
   severity: low}
- {id: a_gas_station_is_not_safety, text: "Movilia 5G is great at the gas station on Route 9", lanes: [], severity: low}
- {id: a_game_on_fire_is_not_safety, text: "This game is on fire, the Movilia stream is perfect", lanes: [],
   severity: low}
- {id: a_match_as_a_fire_is_not_safety, text: "El derbi fue un incendio, y la app de Movilia ni un corte", lanes: [],
   severity: low}
- {id: burnt_out_from_work_is_not_safety, text: "Burnt out from the week, Movilia TV and bed", lanes: [], severity: low}
- {id: a_crowd_exploding_is_not_safety, text: "The crowd exploded at the Movilia stage", lanes: [], severity: low}
- {id: a_hospital_in_a_question_is_not_safety, text: "¿Tiene cobertura Movilia dentro del hospital de Basurto?",
   lanes: [], severity: low}
# reporters: a story looking for affected customers is about a problem; a reporter's praise is not a story
- {id: a_story_looking_for_the_affected_is_critical_en,
   text: "Working on a piece about Movilia's roaming charges, would love to hear from affected customers",
   lanes: [media], severity: critical}
- {id: an_investigation_looking_for_the_affected_is_critical_es,
   text: "Estamos investigando las facturas de Movilia, buscamos afectados", lanes: [media], severity: critical}
- {id: a_reporter_praising_is_not_a_story, text: "Periodista aquí: la fibra de Movilia en la redacción va genial",
   lanes: [media], severity: low}
- {id: watching_a_report_is_not_media, text: "Vi un reportaje sobre Vozzia anoche, curioso", lanes: [competitor],
   severity: low}
- {id: a_story_of_my_life_is_not_media, text: "Long story short, Movilia sorted my bill in five minutes", lanes: [],
   severity: low}
- {id: a_reporter_speaking_as_a_customer_is_not_a_story, text: "Soy periodista y uso Movilia desde hace años, cero quejas",
   lanes: [media], severity: low}
- {id: a_reporter_asking_a_personal_question_is_not_a_story,
   text: "Journalist here, quick question: does Movilia's eSIM work in Japan?", lanes: [media], severity: low}
- {id: a_reporter_asking_for_comment_still_pages, text: "Journalist here: would Movilia like to comment on the new tariffs?",
   lanes: [media], severity: high}
- {id: a_reporter_asking_the_press_office_to_call_still_pages,
   text: "Soy periodista y escribo sobre la cobertura rural. ¿Me puede llamar vuestro gabinete de prensa, Movilia?",
   lanes: [media], severity: high}
# unnamed new carrier
- {id: looking_for_a_new_company_is_churn, text: "Buscando compañía nueva, Movilia me tiene harta",
   lanes: [churn, complaint], severity: high}
- {id: shopping_around_for_a_phone_case_is_not_churn, text: "Shopping around for a case for my Movilia phone",
   lanes: [], severity: low}
""")

# Cases that need an author or metrics: celebrities, viral complaints, namesakes and the brand's own accounts.
WITH_AUTHOR: list[dict[str, Any]] = yaml.safe_load("""
- {id: a_celebrity_idiom_is_a_complaint_es, text: "Tres semanas esperando a que Movilia me dé de alta la fibra. De chiste.",
   author: {followers: 2000000, verified: true, handle: "@actor_x"}, lanes: [complaint, influencer], severity: critical}
- {id: a_celebrity_idiom_is_a_complaint_en, text: "Movilia cancelled my engineer again. Beyond a joke.",
   author: {followers: 1500000, handle: "@singer_y"}, lanes: [complaint, influencer], severity: critical}
- {id: unreal_closing_a_wait_is_sarcasm, text: "Two hours on hold with Movilia. Unreal.",
   author: {followers: 3000000, verified: true, handle: "@host_z"}, lanes: [complaint, influencer], severity: critical}
- {id: a_celebrity_counting_failures_is_a_complaint, text: "Querida Movilia: 3 técnicos, 0 soluciones.",
   author: {followers: 2500000, verified: true, handle: "@star"}, lanes: [complaint, influencer], severity: critical}
- {id: one_job_is_a_complaint, text: "Movilia, you had ONE job",
   author: {followers: 2500000, verified: true, handle: "@star"}, lanes: [complaint, influencer], severity: critical}
- {id: a_celebrity_wondering_about_life_is_not_a_complaint,
   text: "What is going on with my life, the Movilia concert was amazing",
   author: {followers: 2500000, verified: true, handle: "@star"}, lanes: [influencer], severity: low}
- {id: paying_for_one_thing_and_getting_another, text: "Imagine paying for 'unlimited' and getting 2GB. Movilia, explain.",
   author: {followers: 2500000, verified: true, handle: "@star"}, lanes: [complaint, influencer], severity: critical}
- {id: a_viral_warning_about_charges, text: "PSA: Movilia is charging people for calls they never made",
   metrics: {likes: 4000, reposts: 1000, replies: 400}, lanes: [complaint, viral], severity: critical}
- {id: a_celebrity_praising_is_not_a_page, text: "Alucinante lo rápido que va Movilia en la gira",
   author: {followers: 3000000, verified: true, handle: "@host_z"}, lanes: [influencer], severity: low}
- {id: a_complaint_far_past_the_viral_rate_is_critical, text: "Movilia has doubled everyone's bill in our building",
   metrics: {likes: 4000, reposts: 1000, replies: 400}, lanes: [complaint, viral], severity: critical}
- {id: viral_praise_is_not_a_page, text: "Movilia's new ad went viral, love it",
   metrics: {likes: 4000, reposts: 1000, replies: 400}, lanes: [viral], severity: low}
- {id: the_brands_regional_account_is_ours, text: "Update: service is back in Cardiff, thanks for your patience",
   author: {handle: "@MoviliaUK", name: "Movilia UK"}, lanes: [], severity: ignore}
- {id: the_brands_help_account_is_ours, text: "Sentimos las molestias, escríbenos por DM y lo revisamos",
   author: {handle: "@movilia_soporte"}, lanes: [], severity: ignore}
- {id: a_fan_account_is_not_ours, text: "Movilia is down again in Leeds", author: {handle: "@movilia_fan"},
   lanes: [complaint], severity: medium}
- {id: a_namesake_business_is_ignored_es, text: "Cafetería Movilia, el mejor desayuno de Huesca", lanes: [],
   severity: ignore}
- {id: a_namesake_business_is_ignored_en, text: "Movilia Yoga studio opens in Leeds next week", lanes: [],
   severity: ignore}
- {id: a_complaint_next_to_a_business_word_is_still_ours, text: "Movilia fibre at our cafe has been down all day",
   lanes: [complaint], severity: medium}
""")


def _check(got: Any, case: dict[str, Any]) -> None:
    reasons = [(r.rule, r.evidence) for r in got.reasons]
    assert sorted(lane.value for lane in got.lanes) == sorted(case["lanes"]), reasons
    assert got.severity.value == case["severity"], reasons


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_tuning5_signal(case: dict[str, Any], example: CompiledPlaybook) -> None:
    _check(evaluate(NormalizedMention(id="1", text=case["text"]), example, NOW), case)


@pytest.mark.parametrize("case", WITH_AUTHOR, ids=[c["id"] for c in WITH_AUTHOR])
def test_tuning5_signal_with_author_or_metrics(case: dict[str, Any], example: CompiledPlaybook) -> None:
    mention = NormalizedMention(
        id="1",
        text=case["text"],
        author=case.get("author", {}),
        metrics=case.get("metrics", {}),
        created_at=NOW - timedelta(minutes=40),
    )
    _check(evaluate(mention, example, NOW), case)
