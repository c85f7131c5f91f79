"""sendMessage, edits, deletes: the real Message objects, and Telegram's refusals word for word."""

from __future__ import annotations

import json

import httpx
import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest, Forbidden

from bot.sandbox import FakeBotApiServer

from .conftest import ALICE, Api

KEYBOARD = {"inline_keyboard": [[{"text": "Ack", "callback_data": "ack:1"}]]}


async def test_send_message_returns_a_message_from_the_bot(bot: Bot, server: FakeBotApiServer) -> None:
    sent = await bot.send_message(ALICE, "<b>Hola</b> Alice", parse_mode="HTML")
    assert sent.message_id == 1
    assert sent.text == "Hola Alice"
    assert sent.chat.id == ALICE
    assert sent.from_user is not None
    assert sent.from_user.id == server.state.bot.id
    assert [(e.type, e.offset, e.length) for e in sent.entities] == [("bold", 0, 4)]
    assert server.state.bot_messages(ALICE)[0].text == "Hola Alice"


async def test_send_message_accepts_form_and_query_encodings(http: httpx.AsyncClient, server: FakeBotApiServer) -> None:
    markup = json.dumps(KEYBOARD)
    form = await http.post(
        f"/bot{server.token}/sendMessage", data={"chat_id": str(ALICE), "text": "a", "reply_markup": markup}
    )
    query = await http.get(f"/bot{server.token}/sendMessage", params={"chat_id": ALICE, "text": "b"})
    multipart = await http.post(
        f"/bot{server.token}/sendMessage",
        data={"chat_id": str(ALICE), "text": "c"},
        files={"doc": ("x.txt", b"xyz")},
    )
    assert [r.json()["result"]["text"] for r in (form, query, multipart)] == ["a", "b", "c"]
    assert form.json()["result"]["reply_markup"] == KEYBOARD


async def test_send_message_rejects_text_over_4096_utf16_units(api: Api) -> None:
    assert await api.ok("sendMessage", chat_id=ALICE, text="a" * 4096)
    # 2048 emoji are 2048 characters for Python but 4096 UTF-16 units; one more unit is too many.
    assert await api.ok("sendMessage", chat_id=ALICE, text="😀" * 2048)
    assert await api.error("sendMessage", chat_id=ALICE, text="😀" * 2048 + "a") == (
        400,
        "Bad Request: message is too long",
    )


async def test_send_message_counts_the_length_after_entity_parsing(api: Api) -> None:
    assert await api.ok("sendMessage", chat_id=ALICE, text="<b>" + "a" * 4096 + "</b>", parse_mode="HTML")


async def test_send_message_rejects_empty_text(api: Api) -> None:
    for text in ("", "   ", "<b> </b>"):
        assert await api.error("sendMessage", chat_id=ALICE, text=text, parse_mode="HTML") == (
            400,
            "Bad Request: message text is empty",
        )


async def test_send_message_rejects_unparseable_html_with_telegrams_text(api: Api) -> None:
    assert await api.error("sendMessage", chat_id=ALICE, text="<div>x</div>", parse_mode="HTML") == (
        400,
        'Bad Request: can\'t parse entities: Unsupported start tag "div" at byte offset 0',
    )


async def test_send_message_rejects_callback_data_over_64_bytes(bot: Bot) -> None:
    button = InlineKeyboardButton("x", callback_data="é" * 33)  # 66 bytes, 33 characters
    with pytest.raises(BadRequest, match="Button_data_invalid"):
        await bot.send_message(ALICE, "hi", reply_markup=InlineKeyboardMarkup([[button]]))


async def test_send_message_rejects_more_than_100_buttons(api: Api) -> None:
    rows = [[{"text": str(i), "callback_data": str(i)}] for i in range(101)]
    status, _description = await api.error(
        "sendMessage", chat_id=ALICE, text="x", reply_markup={"inline_keyboard": rows}
    )
    assert status == 400
    assert await api.ok("sendMessage", chat_id=ALICE, text="x", reply_markup={"inline_keyboard": rows[:100]})


async def test_send_message_to_unknown_chat_is_chat_not_found(api: Api) -> None:
    assert await api.error("sendMessage", chat_id=999, text="x") == (400, "Bad Request: chat not found")


async def test_send_message_to_a_user_who_blocked_the_bot_is_forbidden(bot: Bot, server: FakeBotApiServer) -> None:
    server.act.block_bot(ALICE)
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(ALICE, "hi")
    server.act.unblock_bot(ALICE)
    assert (await bot.send_message(ALICE, "hi")).text == "hi"


async def test_send_message_to_a_user_who_never_started_the_bot_is_forbidden(
    api: Api, server: FakeBotApiServer
) -> None:
    server.act.create_user(2002, "Carol", started=False)
    assert await api.error("sendMessage", chat_id=2002, text="x") == (
        403,
        "Forbidden: bot can't initiate conversation with a user",
    )


async def test_send_message_replies_and_force_reply(bot: Bot, server: FakeBotApiServer) -> None:
    question = server.act.send_text(ALICE, "question")
    sent = await bot.send_message(
        ALICE, "answer?", reply_to_message_id=question.message_id, reply_markup={"force_reply": True}
    )
    assert sent.reply_to_message is not None
    assert sent.reply_to_message.text == "question"
    with pytest.raises(BadRequest, match="Message to be replied not found"):
        await bot.send_message(ALICE, "x", reply_to_message_id=99)


async def test_edit_message_text_keeps_history_and_sets_edit_date(bot: Bot, server: FakeBotApiServer) -> None:
    sent = await bot.send_message(
        ALICE,
        "v1",
        reply_markup=InlineKeyboardMarkup.from_button(InlineKeyboardButton("a", callback_data="a")),
    )
    edited = await bot.edit_message_text("v2", chat_id=ALICE, message_id=sent.message_id)
    assert not isinstance(edited, bool)
    assert edited.text == "v2"
    assert edited.edit_date is not None
    assert edited.reply_markup is None  # editMessageText without reply_markup removes the keyboard
    stored = server.state.message(ALICE, sent.message_id)
    assert stored is not None
    assert [v.text for v in stored.history] == ["v1"]


async def test_edit_identical_to_current_content_is_not_modified(api: Api) -> None:
    sent = await api.ok("sendMessage", chat_id=ALICE, text="same", reply_markup=KEYBOARD)
    status, description = await api.error(
        "editMessageText", chat_id=ALICE, message_id=sent["message_id"], text="same", reply_markup=KEYBOARD
    )
    assert (status, description) == (
        400,
        "Bad Request: message is not modified: specified new message content and reply markup are exactly the "
        "same as a current content and reply markup of the message",
    )
    status, _ = await api.error(
        "editMessageReplyMarkup", chat_id=ALICE, message_id=sent["message_id"], reply_markup=KEYBOARD
    )
    assert status == 400
    removed = await api.ok("editMessageReplyMarkup", chat_id=ALICE, message_id=sent["message_id"])
    assert "reply_markup" not in removed


async def test_edit_of_unknown_message_is_message_to_edit_not_found(api: Api) -> None:
    assert await api.error("editMessageText", chat_id=ALICE, message_id=42, text="x") == (
        400,
        "Bad Request: message to edit not found",
    )


async def test_edit_longer_than_4096_is_message_too_long(api: Api) -> None:
    sent = await api.ok("sendMessage", chat_id=ALICE, text="short")
    assert await api.error("editMessageText", chat_id=ALICE, message_id=sent["message_id"], text="a" * 4097) == (
        400,
        "Bad Request: MESSAGE_TOO_LONG",
    )


async def test_delete_message_hides_it_from_the_chat(bot: Bot, server: FakeBotApiServer) -> None:
    sent = await bot.send_message(ALICE, "bye")
    assert await bot.delete_message(ALICE, sent.message_id) is True
    assert server.state.messages(ALICE) == []
    with pytest.raises(BadRequest, match="Message to delete not found"):
        await bot.delete_message(ALICE, sent.message_id)


async def test_chat_action_get_chat_and_leave_chat(bot: Bot, server: FakeBotApiServer) -> None:
    server.act.create_group(-100500, "War room", member_ids=[ALICE], supergroup=True)
    assert await bot.send_chat_action(ALICE, "typing") is True
    chat = await bot.get_chat(-100500)
    assert (chat.type, chat.title) == ("supergroup", "War room")
    assert await bot.leave_chat(-100500) is True
    with pytest.raises(Forbidden, match="not a member of the supergroup chat"):
        await bot.send_message(-100500, "x")


async def test_bot_commands_per_scope_and_language(bot: Bot) -> None:
    from telegram import BotCommand, BotCommandScopeAllPrivateChats

    await bot.set_my_commands([BotCommand("start", "Start")])
    await bot.set_my_commands(
        [BotCommand("ayuda", "Ayuda")], scope=BotCommandScopeAllPrivateChats(), language_code="es"
    )
    assert [c.command for c in await bot.get_my_commands()] == ["start"]
    assert [
        c.command for c in await bot.get_my_commands(scope=BotCommandScopeAllPrivateChats(), language_code="es")
    ] == ["ayuda"]
    await bot.delete_my_commands()
    assert await bot.get_my_commands() == ()


async def test_wrong_token_is_unauthorized_and_unknown_method_not_found(
    http: httpx.AsyncClient, server: FakeBotApiServer
) -> None:
    wrong = await http.post("/bot1:wrong/getMe")
    assert (wrong.status_code, wrong.json()) == (
        401,
        {"ok": False, "error_code": 401, "description": "Unauthorized"},
    )
    unknown = await http.post(f"/bot{server.token}/sendTelepathy")
    assert (unknown.status_code, unknown.json()["description"]) == (404, "Not Found")


async def test_get_me_describes_the_bot(bot: Bot, server: FakeBotApiServer) -> None:
    me = await bot.get_me()
    assert (me.id, me.username, me.is_bot) == (server.state.bot.id, "directo_sandbox_bot", True)
