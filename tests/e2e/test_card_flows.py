"""End to end in Spanish: the other flows of the card and the commands. Write my own then cancel, a custom
snooze typed in reply to a ForceReply prompt, a delegation with a note, /queue, /help, /status for a
stranger, /settings, and the command menu registered in both languages."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from bot.db.models import Escalation, EscalationEvent, Person, PersonSetting, ReplyConversation
from bot.sandbox import FakeBotApiServer
from tests.e2e.test_executive_card import STRANGER, buttons, data_for, press, roaming_card, telegram  # noqa: F401
from tests.e2e.test_walking_skeleton import ANA, bot_settings
from tests.support.app_server import running_app, wait_until

pytestmark = pytest.mark.slow


async def test_own_words_cancel_custom_snooze_delegate_and_commands(
    empty_db_url: str,
    telegram: FakeBotApiServer,  # noqa: F811
) -> None:
    settings = bot_settings(empty_db_url, telegram)
    async with running_app(settings) as app:
        card = await roaming_card(app, telegram, settings)
        menus = {c.params.get("language_code"): c.params["commands"] for c in telegram.state.calls_to("setMyCommands")}
        for language in ("es", "en", None):
            menu = menus[language]
            commands = json.loads(menu) if isinstance(menu, str) else menu
            assert {"queue", "status", "help", "settings"} <= {c["command"] for c in commands}
        assert "Mis escaladas abiertas" in str(menus["es"])
        assert "My open escalations" in str(menus["en"])

        # ✍️ Write my own, then Cancel from the preview: nothing is recorded.
        assert await press(telegram, card, data_for(card, "own")) == "Escríbela abajo."
        prompt = await telegram.state.wait_for_message(ANA, lambda m: "con tus palabras" in m.text, timeout=10)
        assert "@rooney" in prompt.text
        telegram.act.reply(ANA, prompt.message_id, "Lo miro yo ahora mismo.")
        preview = await telegram.state.wait_for_message(ANA, lambda m: "Tu respuesta" in m.text, timeout=10)
        assert await press(telegram, preview, data_for(preview, "cancel")) == "Cancelado."
        await telegram.state.wait_for_message(ANA, lambda m: "La tarjeta sigue arriba" in m.text, timeout=10)

        # 💤 Other…: the bot asks; "45m" snoozes.
        other = next(b["callback_data"] for b in buttons(card) if b["text"] == "💤 Otro…")
        assert await press(telegram, card, other) == "Responde abajo."
        ask = await telegram.state.wait_for_message(ANA, lambda m: "¿cuánto la pospongo?" in m.text, timeout=10)
        telegram.act.reply(ANA, ask.message_id, "45m")
        await telegram.state.wait_for_message(ANA, lambda m: m.text.startswith("💤 Pospuesta hasta"), timeout=10)
        await telegram.state.wait_for_message(
            ANA, lambda m: m.message_id == card.message_id and "quedan 45 min" in m.text, timeout=10
        )

        # /queue lists it; /help lists the commands; a stranger's /status gets the refusal.
        telegram.act.send_text(ANA, "/queue")
        queue = await telegram.state.wait_for_message(ANA, lambda m: "Tus escaladas abiertas" in m.text, timeout=10)
        assert "#1 🔴 pospuesta" in queue.text
        telegram.act.send_text(ANA, "/help")
        await telegram.state.wait_for_message(ANA, lambda m: "/status N" in m.text, timeout=10)
        telegram.act.send_text(STRANGER, "/status 1")
        refusal = await telegram.state.wait_for_message(STRANGER, timeout=10)
        assert "privado" in refusal.text

        # 👥 Delegate: one community manager in the playbook, so the bot asks for the note at once.
        assert await press(telegram, card, data_for(card, "deleg")) == "Responde abajo."
        ask = await telegram.state.wait_for_message(ANA, lambda m: "una nota para Lucía Gómez" in m.text, timeout=10)
        telegram.act.reply(ANA, ask.message_id, "Llámale hoy y ofrécele la tarifa sin permanencia")
        await telegram.state.wait_for_message(ANA, lambda m: "Delegada a Lucía Gómez" in m.text, timeout=10)

        # /settings: English, and quiet hours.
        telegram.act.send_text(ANA, "/settings")
        shown = await telegram.state.wait_for_message(ANA, lambda m: "Ajustes" in m.text, timeout=10)
        assert [b["text"] for b in buttons(shown)] == ["Español", "English"]
        query = telegram.act.press_button(ANA, shown.message_id, text="English")
        await wait_until(lambda: telegram.state.callback_queries[query].answered)
        assert (telegram.state.callback_queries[query].answer or {}).get("text") == "Saved."
        telegram.act.send_text(ANA, "/settings quiet 22:30-07:00")
        await telegram.state.wait_for_message(ANA, lambda m: m.text == "Quiet hours: 22:30-07:00.", timeout=10)

        assert app.runtime.sessions is not None
        async with app.runtime.sessions() as session:
            escalation = await session.scalar(select(Escalation))
            lucia = await session.scalar(select(Person).where(Person.key == "lucia"))
            conversations = (await session.scalars(select(ReplyConversation).order_by(ReplyConversation.id))).all()
            delegate = await session.scalar(select(EscalationEvent).where(EscalationEvent.kind == "delegate"))
            setting = await session.scalar(select(PersonSetting))
        assert escalation is not None
        assert lucia is not None
        assert (escalation.state, escalation.owner_person_id) == ("delegated", lucia.id)
        assert [(c.kind, c.state) for c in conversations] == [
            ("reply", "cancelled"),
            ("snooze", "done"),
            ("delegate", "done"),
        ]
        assert delegate is not None
        assert delegate.detail["note"] == "Llámale hoy y ofrécele la tarifa sin permanencia"
        assert setting is not None
        assert (setting.language, setting.quiet_hours) == ("en", "22:30-07:00")
