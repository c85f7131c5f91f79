"""Acceptance, end to end in Spanish over the local Bot API server: the roaming story of the first source post.

A customer complains that his carrier (Movilia) charges roaming and the competitor (Vozzia) does not, tagging
both. Ana, the CEO, gets the card with churn + competitor reasons, opens the offer draft, edits it into her
own words, and sends it: the reply is recorded with who, what, when and how, the case is `responded`, the time
to first response is stored, and the card says so. Then: a stranger's press, a forged and a stale callback,
and a press on a resolved case change nothing and are all answered.
"""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import select

from bot.config import Settings
from bot.db.models import Escalation, EscalationEvent, OutboundReply, Person, ReplyConversation
from bot.sandbox import CallbackQuery, FakeBotApiServer, Message
from bot.telegram.callback_data import parse
from tests.e2e.test_walking_skeleton import ANA, bot_settings, link_ana, telegram_ready
from tests.support.app_server import RunningApp, running_app, wait_until
from tests.support.factories import ROAMING_TEXT

pytestmark = pytest.mark.slow
STRANGER = 6666
ROONEY = {
    "id": "1",
    "platform": "x",
    "text": ROAMING_TEXT,
    "url": "https://x.com/rooney/status/1",
    "author": {"handle": "@rooney", "name": "Mr. Rooney", "followers": 15300},
}
ANAS_WORDS = (
    "Mr. Rooney, soy Ana, la CEO. Tienes razón: desde hoy tienes roaming gratis 3 meses y sin permanencia. "
    "Escríbeme por privado y lo dejo hecho hoy mismo. — Ana"
)
_forged_ids = itertools.count(1)


@pytest.fixture
async def telegram() -> AsyncIterator[FakeBotApiServer]:
    async with FakeBotApiServer() as server:
        server.act.create_user(ANA, "Ana", username="ana_ruiz", language_code="es", started=False)
        server.act.create_user(STRANGER, "Eve", language_code="es")
        yield server


def buttons(message: Message) -> list[dict[str, Any]]:
    assert message.reply_markup is not None
    return [b for row in message.reply_markup["inline_keyboard"] for b in row]


def data_for(message: Message, action: str, arg: int | None = None) -> str:
    for button in buttons(message):
        press = parse(button.get("callback_data"))
        if press and press.action.value == action and (arg is None or press.arg == arg):
            return str(button["callback_data"])
    raise AssertionError(f"no {action} button on message {message.message_id}: {message.text}")


async def press(telegram: FakeBotApiServer, message: Message, data: str) -> str:
    """Ana presses a button; returns the toast once the callback is answered."""
    query_id = telegram.act.press_button(ANA, message.message_id, data=data)
    await wait_until(lambda: telegram.state.callback_queries[query_id].answered)
    return str((telegram.state.callback_queries[query_id].answer or {}).get("text"))


async def forged_press(telegram: FakeBotApiServer, user_id: int, message: Message, data: str) -> str:
    """A callback the client could send for `message` with any data (what a modified client or an old
    button produces); returns the toast once the bot answered it."""
    user = telegram.state.users[user_id]
    query = CallbackQuery(
        id=f"forged{next(_forged_ids):06d}", sender=user, message=message, data=data, created_at=telegram.state.clock()
    )
    telegram.state.callback_queries[query.id] = query
    telegram.state.push_update(
        "callback_query",
        {
            "id": query.id,
            "from": user.to_dict(),
            "message": message.to_dict(),
            "chat_instance": "1",
            "data": data,
        },
    )
    await wait_until(lambda: telegram.state.callback_queries[query.id].answered)
    return str((telegram.state.callback_queries[query.id].answer or {}).get("text"))


async def roaming_card(app: RunningApp, telegram: FakeBotApiServer, settings: Settings) -> Message:
    await wait_until(lambda: telegram_ready(app))
    await link_ana(settings, telegram)
    assert (await app.post_mentions(ROONEY)).status_code == 202
    return await telegram.state.wait_for_message(ANA, lambda m: "Escalada #" in m.text, timeout=10)


async def test_the_roaming_story_from_card_to_a_reply_in_anas_own_words(
    empty_db_url: str, telegram: FakeBotApiServer
) -> None:
    settings = bot_settings(empty_db_url, telegram)
    async with running_app(settings) as app:
        card = await roaming_card(app, telegram, settings)
        # The card: severity, lanes with their reasons, the author and reach, the deadline, the link.
        assert "CRÍTICO" in card.text
        assert "#churn" in card.text
        assert "#competitor" in card.text
        assert 'churn: "Qué hago en Movilia"' in card.text
        assert 'competitor: "@vozzia"' in card.text
        assert "Mr. Rooney @rooney (15,300 seguidores)" in card.text
        assert "Confirmar en 5 min" in card.text
        assert "1 mención(es) · 1 autor(es) · 15,300 seguidores en total" in card.text
        labels = [b["text"] for b in buttons(card)]
        assert {"📝 Acuse y privado", "📝 Oferta", "📝 Disculpa", "✍️ Escribir la mía", "⏫ Escalar ya"} <= set(labels)

        # The offer draft: full text, within her scope, with Confirm / Edit / Back.
        assert await press(telegram, card, data_for(card, "draft", 1)) == "Borrador abajo."
        draft = await telegram.state.wait_for_message(ANA, lambda m: "Borrador 2/3" in m.text, timeout=10)
        assert "roaming gratis 3 meses" in draft.text
        assert "Sin avisos" in draft.text
        assert "nada sale sin ti" in draft.text
        assert [b["text"] for b in buttons(draft)] == ["✅ Confirmar", "✏️ Editar", "↩️ Volver"]

        # Edit: the bot asks with ForceReply, and she answers in her own words.
        assert await press(telegram, draft, data_for(draft, "edit")) == "Escríbela abajo."
        prompt = await telegram.state.wait_for_message(ANA, lambda m: "con tus palabras" in m.text, timeout=10)
        assert prompt.reply_markup is not None
        assert prompt.reply_markup.get("force_reply") is True
        telegram.act.reply(ANA, prompt.message_id, ANAS_WORDS)
        preview = await telegram.state.wait_for_message(ANA, lambda m: "Tu respuesta" in m.text, timeout=10)
        assert ANAS_WORDS in preview.text
        assert f"{len(ANAS_WORDS)}/280 caracteres en x" in preview.text
        assert "Sin avisos" in preview.text
        assert [b["text"] for b in buttons(preview)] == ["📤 Enviar", "✏️ Editar", "✖️ Cancelar"]

        # Send: a link that opens X's composer replying to the post, from her own account.
        assert "Registrada" in await press(telegram, preview, data_for(preview, "send"))
        ready = await telegram.state.wait_for_message(ANA, lambda m: "lista para publicar" in m.text, timeout=10)
        [open_x] = buttons(ready)
        link = urlsplit(open_x["url"])
        assert (link.netloc, link.path) == ("twitter.com", "/intent/tweet")
        assert parse_qs(link.query) == {"text": [ANAS_WORDS], "in_reply_to": ["1"]}

        # The card, edited in place, says the case is responded and how fast.
        edited = await telegram.state.wait_for_message(
            ANA, lambda m: m.message_id == card.message_id and "respondida" in m.text, timeout=10
        )
        assert "Primera respuesta" in edited.text
        assert "Confirmar en" not in edited.text

        assert app.runtime.sessions is not None
        async with app.runtime.sessions() as session:
            escalation = await session.scalar(select(Escalation))
            ana = await session.scalar(select(Person).where(Person.key == "ana"))
            reply = await session.scalar(select(OutboundReply))
            kinds = (await session.scalars(select(EscalationEvent.kind).order_by(EscalationEvent.id))).all()
            conversation = await session.scalar(select(ReplyConversation))
        assert escalation is not None
        assert ana is not None
        assert reply is not None
        assert conversation is not None
        assert escalation.state == "responded"
        assert escalation.responded_at is not None
        assert escalation.first_response_seconds is not None
        assert escalation.first_response_seconds >= 0
        assert (reply.person_id, reply.text, reply.origin, reply.how) == (
            ana.id,
            ANAS_WORDS,
            "edited:offer",
            "intent_link",
        )
        assert reply.link == open_x["url"]
        assert reply.platform == "x"
        assert reply.in_reply_to == "1"
        assert reply.warnings == []
        assert conversation.state == "done"
        assert [k for k in kinds if k in ("reply_chosen", "first_response")] == ["reply_chosen", "first_response"]

        # /status shows the timeline; /queue still lists the case (responded is not resolved).
        telegram.act.send_text(ANA, f"/status {escalation.id}")
        status = await telegram.state.wait_for_message(ANA, lambda m: "🧾 Escalada" in m.text, timeout=10)
        assert "respuesta elegida · Ana Ruiz" in status.text
        assert "Primera respuesta" in status.text


async def test_stranger_forged_stale_and_closed_presses_change_nothing_and_are_answered(
    empty_db_url: str, telegram: FakeBotApiServer
) -> None:
    settings = bot_settings(empty_db_url, telegram)
    async with running_app(settings) as app:
        card = await roaming_card(app, telegram, settings)
        assert app.runtime.sessions is not None

        async def state() -> tuple[str, int]:
            assert app.runtime.sessions is not None
            async with app.runtime.sessions() as session:
                escalation = await session.scalar(select(Escalation))
                events = len((await session.scalars(select(EscalationEvent.id))).all())
            assert escalation is not None
            return escalation.state, events

        before = await state()
        # A stranger (not linked) presses Resolve on the card.
        toast = await forged_press(telegram, STRANGER, card, data_for(card, "resolve"))
        assert toast == "No puedes actuar sobre esta escalada."
        # Forged data, and a button for an escalation that does not exist.
        assert await forged_press(telegram, ANA, card, "d1:resolve:1;DROP TABLE") == "Este botón ya no es válido."
        assert await forged_press(telegram, ANA, card, "d1:resolve:999") == "Este botón ya no es válido."
        # A stale preview button: a conversation that is not hers (or no longer exists).
        assert await forged_press(telegram, ANA, card, "d1:send:1:424242") == "Este botón ya no es válido."
        assert await state() == before

        # Resolve, then every button of the old card is refused.
        old_buttons = [data_for(card, action) for action in ("ack", "draft", "own", "snooze", "esc")]
        assert await press(telegram, card, data_for(card, "resolve")) == "Resuelta."
        closed = await state()
        assert closed[0] == "resolved"
        for data in old_buttons:
            assert await forged_press(telegram, ANA, card, data) == "Esta escalada ya está resuelta."
        assert await state() == closed
        resolved_card = await telegram.state.wait_for_message(
            ANA, lambda m: m.message_id == card.message_id and "resuelta por Ana Ruiz" in m.text, timeout=10
        )
        assert resolved_card.reply_markup in (None, {"inline_keyboard": []})
