"""The signals that tuning slice 6 taught, on sentences of their own (not from any corpus), one family at a time and
in both languages: security and fraud as harm to customers (exposed identity or bank data, SIM-swap and smishing
with money lost, account takeovers), a person at risk from our staff, injuries in shops, reporters publishing a
story (critical) against a reporter only asking about a problem (high), churn threats to the competitor's handle,
and the hard negatives of the same words: others moving, "sooner … than leave", the competitor doing it free,
moving house, figures of speech, a competitor's breach, and fraud words as the topic of a film, a course or a
warning."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
import yaml

from bot.domain import NormalizedMention
from bot.rules import CompiledPlaybook, evaluate
from tests.rules.conftest import NOW

CASES: list[dict[str, Any]] = yaml.safe_load("""
# data that identifies or pays, exposed: two words anywhere in the mention
- {id: exposed_bank_data_is_safety_en, text: "Movilia says my card details and date of birth were leaked. Great.",
   lanes: [safety], severity: critical}
- {id: exposed_id_data_is_safety_es, text: "Según el correo de Movilia, mi pasaporte y mi IBAN están expuestos",
   lanes: [safety], severity: critical}
- {id: a_stolen_customer_database_is_safety, text: "Movilia admits hackers stole customer data, passports included",
   lanes: [safety], severity: critical}
- {id: updating_bank_details_is_not_safety, text: "Updated my bank details in the Movilia app, took a minute",
   lanes: [], severity: low}
- {id: a_data_plan_is_not_data, text: "¿La tarifa de datos de Movilia sirve en Portugal?", lanes: [], severity: low}
- {id: a_competitors_breach_is_not_ours, text: "Vozzia leaked its customers' bank details, so glad I'm with Movilia",
   lanes: [competitor], severity: low}
- {id: a_competitors_breach_is_not_ours_es, text: "A Vozzia le robaron los DNI de sus clientes, menos mal que estoy en Movilia",
   lanes: [competitor], severity: low}
- {id: a_breach_course_is_a_topic, text: "Our team did a course on data breach response, Movilia fibre held up all day",
   lanes: [], severity: low}
# fraud that cost money: a fraud word and a loss anywhere in the mention
- {id: smishing_with_money_lost_en, text: "A fake Movilia bill text, same sender as the real ones. Clicked the link, lost £300",
   lanes: [complaint, safety], severity: critical}
- {id: a_sim_swap_that_emptied_an_account_es, text: "Con un duplicado de mi SIM hecho en Movilia me vaciaron los ahorros",
   lanes: [safety], severity: critical}
- {id: a_fraudster_given_my_number_en, text: "Movilia gave my number to a fraudster and he emptied my savings",
   lanes: [safety], severity: critical}
- {id: a_takeover_with_orders_in_my_name_es, text: "Alguien entró en mi cuenta de Movilia y hay tres móviles a mi nombre",
   lanes: [safety], severity: critical}
- {id: a_fraud_film_is_a_topic, text: "That new film about a phishing gang is great, watched it on Movilia TV",
   lanes: [], severity: low}
- {id: a_fraud_series_is_a_topic_es, text: "Qué buena la serie sobre el fraude de las tarjetas, la vi con la fibra de Movilia",
   lanes: [], severity: low}
- {id: a_warning_about_scams_is_not_a_scam, text: "Movilia sent a text to warn about fraudsters posing as their staff, good on them",
   lanes: [], severity: low}
# a person at risk from our staff
- {id: a_technician_threatening_es, text: "El técnico de Movilia se puso agresivo cuando le pedí que se fuera",
   lanes: [safety], severity: critical}
- {id: an_engineer_harassing_en, text: "The Movilia engineer got my number from the job sheet and keeps messaging me at night. I'm scared",
   lanes: [safety], severity: critical}
- {id: a_drunk_installer_es, text: "El instalador que mandó Movilia llegó borracho y casi se cae por la escalera con mi hijo al lado",
   lanes: [complaint, safety], severity: critical}
- {id: a_kind_technician_is_praise, text: "El técnico de Movilia fue muy amable con mi abuela, gracias",
   lanes: [], severity: low}
- {id: not_scared_of_the_engineer, text: "The Movilia engineer was great, my dog was not aggressive for once",
   lanes: [], severity: low}
# injuries in shops
- {id: a_slip_in_a_shop_en, text: "Slipped on a wet floor at the Movilia store and cracked my wrist",
   lanes: [safety], severity: critical}
- {id: a_fall_in_a_shop_es, text: "En la tienda de Movilia se cayó una estantería y mi madre se ha roto el brazo",
   lanes: [safety], severity: critical}
- {id: a_wet_floor_sign_is_not_an_injury, text: "The Movilia store had a wet floor sign up, nobody slipped", lanes: [],
   severity: low}
- {id: an_injury_elsewhere_is_not_ours, text: "Me rompí el tobillo en el gimnasio, menos mal que la app de Movilia va bien",
   lanes: [], severity: low}
# churn threats to the competitor's handle
- {id: the_family_lines_go_to_the_handle_en, text: "Sort it by Thursday, Movilia, or all four family lines go to @vozzia",
   lanes: [churn, competitor], severity: critical}
- {id: the_business_lines_pass_to_the_handle_es, text: "Si el lunes sigo sin fibra, las líneas del bar pasan a @vozzia",
   lanes: [churn, competitor, complaint], severity: critical}
# not churn: others moving, rather-than, moving house, the competitor doing it free
- {id: everyone_else_moving_is_not_churn, text: "Everybody in my street is switching to Vozzia. I'm not, Movilia is fine",
   lanes: [competitor], severity: low}
- {id: my_colleagues_moving_is_not_churn_es, text: "Mis compañeros se pasan a Vozzia, yo sigo en Movilia",
   lanes: [competitor], severity: low}
- {id: sooner_than_leave_is_loyalty, text: "I'd rather give up pizza than leave Movilia", lanes: [], severity: low}
- {id: antes_que_dejar_is_loyalty, text: "Antes dejo de comer jamón que dejar Movilia", lanes: [], severity: low}
- {id: moving_house_is_not_churn_es, text: "Nos mudamos a Sevilla, ¿cómo nos llevamos la fibra de Movilia?",
   lanes: [], severity: low}
- {id: moving_house_is_not_churn_en, text: "Relocating next month, can I take my Movilia line with me?", lanes: [],
   severity: low}
- {id: moving_house_to_the_competitor_is_churn, text: "New flat next week and I'm taking the broadband to Vozzia",
   lanes: [churn, competitor], severity: critical}
- {id: the_competitor_free_is_high_not_churn, text: "Vozzia unlocked my phone for free and Movilia wants £25",
   lanes: [competitor, complaint], severity: high}
- {id: the_competitor_free_is_high_not_churn_es, text: "Vozzia hizo la portabilidad gratis y Movilia me pide 10 euros",
   lanes: [competitor, complaint], severity: high}
# found on a second round of probes: the pairs need their two words in one sentence, and a customer's own
# account changes, a stolen phone or a worry about a late visit are not dangers
- {id: a_late_engineer_is_not_a_danger, text: "I'm scared the Movilia engineer won't turn up on time again", lanes: [],
   severity: low}
- {id: aggressive_sales_is_not_a_danger, text: "The Movilia technician was aggressive about selling me TV, annoying",
   lanes: [complaint], severity: medium}
- {id: a_threat_of_a_fee_is_not_a_danger, text: "El técnico de Movilia dice que me cobrará la visita, qué morro",
   lanes: [complaint], severity: medium}
- {id: my_own_password_change_is_not_fraud, text: "Changed my password after the Movilia app update, ordered a new case too",
   lanes: [], severity: low}
- {id: reading_my_bank_account_is_not_a_breach, text: "I accessed my bank account from the Movilia wifi on the train, so fast",
   lanes: [], severity: low}
- {id: a_stolen_phone_is_not_a_breach, text: "My phone was stolen in Madrid and Movilia blocked the SIM in minutes, thank you",
   lanes: [], severity: low}
- {id: a_threatening_technician_en, text: "Your technician threatened me when I refused to pay him cash, Movilia",
   lanes: [safety], severity: critical}
- {id: an_installer_knows_where_i_live_es, text: "El operario de Movilia me sigue escribiendo, sabe dónde vivo y me da miedo",
   lanes: [safety], severity: critical}
- {id: a_hacked_account_with_a_loan_es, text: "Me han hackeado la cuenta de Movilia y hay un préstamo a mi nombre",
   lanes: [safety], severity: critical}
# a third round of probes, in words no earlier case used
- {id: a_breach_notice_with_an_nie, text: "Movilia's breach notice says my NIE and card number may have been accessed",
   lanes: [safety], severity: critical}
- {id: compromised_card_numbers_es, text: "El aviso de Movilia dice que mi NIE y el número de tarjeta se han visto comprometidos",
   lanes: [safety], severity: critical}
- {id: a_drained_account_after_a_port, text: "Movilia let someone port my number and now my PayPal is drained",
   lanes: [safety], severity: critical}
- {id: a_link_in_a_text_and_a_charge_es, text: "Recibí un SMS de Movilia, el de siempre, con un enlace; metí la tarjeta y me cargaron 700 euros",
   lanes: [safety], severity: critical}
- {id: identity_theft_in_a_shop_es, text: "Suplantaron mi identidad en una tienda de Movilia y sacaron un préstamo",
   lanes: [safety], severity: critical}
- {id: an_account_takeover, text: "Account takeover at Movilia: they changed my PIN and ported my number",
   lanes: [churn, safety], severity: critical}
- {id: a_technician_touching_es, text: "El técnico de Movilia le tocó el culo a mi hija mientras instalaba el router",
   lanes: [safety], severity: critical}
- {id: an_engineer_groping, text: "The engineer Movilia sent groped me in my own kitchen", lanes: [safety],
   severity: critical}
- {id: a_screen_falling_on_a_child, text: "A TV screen fell on my son at the Movilia shop", lanes: [safety],
   severity: critical}
- {id: a_fall_on_an_unmarked_step_es, text: "Me caí en la tienda de Movilia por un escalón sin señalizar y me rompí el tobillo",
   lanes: [safety], severity: critical}
- {id: our_story_goes_live, text: "Our story on Movilia's overcharging goes live at 6pm", lanes: [complaint, media],
   severity: critical}
- {id: we_interviewed_customers_es, text: "Hemos entrevistado a 15 clientes de Movilia que pagan por fibra que no llega",
   lanes: [media], severity: critical}
- {id: a_family_plan_moving_to_the_handle, text: "Last chance @Movilia: fix it by Friday or the family plan (5 lines) moves to @vozzia",
   lanes: [churn, competitor], severity: critical}
- {id: a_hack_is_a_trick, text: "Hack: Movilia's router has a hidden 5GHz setting", lanes: [], severity: low}
- {id: a_phishing_filter_does_not_page, text: "Big Movilia fan, the new phishing filter caught three scam texts this week",
   lanes: [complaint], severity: medium}
- {id: a_rumoured_competitor_hack_is_theirs, text: "Rumour that Vozzia got hacked, anyone know?", lanes: [competitor],
   severity: low}
- {id: everyone_leaving_them_for_us, text: "Everyone's leaving Vozzia for Movilia this year", lanes: [competitor],
   severity: low}
# a fourth round of probes: more staff (a shop employee), more bodies (an elbow), others moving ("todo el mundo")
- {id: a_newsroom_that_spoke_to_staff, text: "Tonight at 10: our reporters spoke to Movilia engineers about unsafe installs",
   lanes: [media], severity: critical}
- {id: a_technician_back_at_night_es, text: "El técnico de Movilia volvió de noche a mi portal sin avisar, me da pánico",
   lanes: [complaint, safety], severity: critical}
- {id: a_shop_employee_attacking_es, text: "Un empleado de la tienda de Movilia me agredió cuando reclamé la factura",
   lanes: [complaint, safety], severity: critical}
- {id: a_shop_employee_pushing, text: "A staff member at the Movilia shop pushed my mum and she fell", lanes: [safety],
   severity: critical}
- {id: a_fracture_on_a_wet_shop_floor, text: "The floor was soaking at the Movilia store, I fell and fractured my elbow",
   lanes: [safety], severity: critical}
- {id: slipping_at_home_is_not_ours, text: "Slipped on ice outside my house, Movilia signal was fine to call my husband",
   lanes: [], severity: low}
- {id: a_documentary_on_sim_swaps_is_a_topic,
   text: "Watching a documentary about SIM swap fraud, scary stuff, my Movilia account has 2FA", lanes: [], severity: low}
- {id: praise_of_a_keynote_is_not_a_complaint, text: "Fantastic keynote by Movilia's Head of Customer Care at the conference",
   lanes: [executive], severity: low}
- {id: everybody_switching_is_not_me_es, text: "Todo el mundo se cambia a Vozzia, pero yo de Movilia no me muevo",
   lanes: [competitor], severity: low}
- {id: a_free_tariff_change_at_the_competitor_es, text: "Con Vozzia el cambio de tarifa es gratis y Movilia me cobra 10 euros",
   lanes: [competitor, complaint], severity: high}
- {id: a_reporter_asking_comment_on_an_outage, text: "Journalist at the Post: any comment from Movilia on the outage in Hull?",
   lanes: [media], severity: high}
# a fifth round: topics that must not hide a danger ("of course", "no training", "in the news again"), headings
# that make one ("News: …"), and a disclaimer right after the brand's name
- {id: of_course_is_not_a_course, text: "Of course the Movilia battery exploded on the first charge",
   lanes: [complaint, safety], severity: critical}
- {id: in_the_news_again_is_still_ours, text: "Movilia in the news again: a battery fire at the Leeds shop burned a customer's hand",
   lanes: [safety], severity: critical}
- {id: no_training_is_not_a_topic, text: "The Movilia technician had no training and left live wires hanging in my hall",
   lanes: [safety], severity: critical}
- {id: a_news_heading_makes_a_topic_es, text: "Noticias: un incendio en una nave de Getafe, sin heridos. La señal de Movilia aguantó",
   lanes: [], severity: low}
- {id: a_disclaimer_after_the_name_es, text: "El fraude fiscal es un tema, pero Movilia no tiene nada que ver",
   lanes: [], severity: low}
- {id: a_disclaimer_after_the_name_en, text: "Got a nasty shock from the toaster, Movilia had nothing to do with it obviously",
   lanes: [], severity: low}
- {id: a_disclaimer_about_something_else_is_not_ours, text: "Me dio calambre el router de Movilia y no tiene nada que ver con la lluvia",
   lanes: [safety], severity: critical}
# a sixth round: impersonation in a shop, a card typed in and money vanished, photos and a visit nobody asked for
- {id: impersonated_in_a_shop_es, text: "Un tío se hizo pasar por mí en una tienda de Movilia, le dieron una SIM nueva y me fundió la tarjeta",
   lanes: [safety], severity: critical}
- {id: a_card_entered_and_money_vanished, text: "Got a Movilia text from their usual number saying my account was locked, entered my card and £650 vanished",
   lanes: [safety], severity: critical}
- {id: photos_from_the_technician_es, text: "El técnico de Movilia me manda fotos por WhatsApp desde que vino a instalar, estoy asustada",
   lanes: [safety], severity: critical}
- {id: an_engineer_back_uninvited, text: "The Movilia engineer came back uninvited at 11pm and wouldn't leave my doorstep",
   lanes: [safety], severity: critical}
- {id: a_tidy_technician_is_praise_es, text: "El técnico de Movilia dejó todo limpio, estoy encantada", lanes: [],
   severity: low}
# figures of speech
- {id: burned_into_memory_is_not_safety, text: "The Movilia jingle is burnt into my brain", lanes: [], severity: low}
- {id: grabado_a_fuego_is_not_safety, text: "Tengo grabado a fuego el número de Movilia", lanes: [], severity: low}
""")

WITH_AUTHOR: list[dict[str, Any]] = yaml.safe_load("""
# reporters publishing a story about a problem are critical; a reporter only asking about a problem is high
- {id: publishing_today_es, text: "Hoy publicamos los cobros de Movilia a clientes ya dados de baja",
   author: {name: "Lucía Gil, periodista", handle: "@luciagil"}, lanes: [media], severity: critical}
- {id: we_spoke_to_customers_en, text: "We spoke to 30 Movilia customers left without a landline for a month. Full story on our site",
   author: {name: "Valley News", handle: "@valleynews"}, lanes: [media], severity: critical}
- {id: story_out_tonight_en, text: "Story out tonight on Movilia's call centre, after speaking to former staff",
   author: {name: "Priya Shah, reporter", handle: "@priyashah"}, lanes: [media], severity: critical}
- {id: asking_about_an_outage_is_high_en, text: "Reporter at the Valley News: does Movilia have a statement on today's outage?",
   author: {name: "Valley News"}, lanes: [media], severity: high}
- {id: asking_about_a_fault_is_high_es, text: "Periodista de Radio Sur, ¿puede Movilia darnos su versión sobre la avería de ayer?",
   author: {name: "Radio Sur"}, lanes: [media], severity: high}
- {id: a_story_on_the_outage_asking_comment_stays_critical,
   text: "Reporter here, working on a story about the Movilia outage. Comment?",
   author: {name: "Dan Poole, reporter"}, lanes: [media, complaint], severity: critical}
- {id: a_podcast_about_us_is_not_a_story, text: "Hemos hablado de Movilia en el programa de hoy, qué buena cobertura",
   author: {name: "Radio Sur"}, lanes: [media], severity: low}
# an influencer's business outage closed with one word of sarcasm
- {id: a_business_outage_closed_by_sarcasm_en, text: "Card reader offline at my shop all Saturday because of Movilia. Lovely.",
   author: {followers: 1600000, verified: true, handle: "@shopkeeperkim"}, lanes: [complaint, influencer],
   severity: critical}
- {id: praise_of_an_executives_talk_is_not_a_complaint, text: "Brilliant talk by Ana Ruiz on rural 5G, Movilia gets it",
   author: {followers: 20000, handle: "@techfan"}, lanes: [executive], severity: low}
""")


def _check(got: Any, case: dict[str, Any]) -> None:
    reasons = [(r.rule, r.evidence) for r in got.reasons]
    assert sorted(lane.value for lane in got.lanes) == sorted(case["lanes"]), reasons
    assert got.severity.value == case["severity"], reasons


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_tuning6_signal(case: dict[str, Any], example: CompiledPlaybook) -> None:
    _check(evaluate(NormalizedMention(id="1", text=case["text"]), example, NOW), case)


@pytest.mark.parametrize("case", WITH_AUTHOR, ids=[c["id"] for c in WITH_AUTHOR])
def test_tuning6_signal_with_author_or_metrics(case: dict[str, Any], example: CompiledPlaybook) -> None:
    mention = NormalizedMention(
        id="1",
        text=case["text"],
        author=case.get("author", {}),
        metrics=case.get("metrics", {}),
        created_at=NOW - timedelta(minutes=40),
    )
    _check(evaluate(mention, example, NOW), case)
