"""Acting as users: buttons, forwards, groups, blocking; and the read-outs tests rely on."""

from __future__ import annotations

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest

from bot.sandbox import FakeBotApiServer, origin_channel, origin_chat, origin_hidden_user, origin_user

from .conftest import ALICE, BOB, Api

KEYBOARD = InlineKeyboardMarkup(
    [[InlineKeyboardButton("Ack", callback_data="ack:7"), InlineKeyboardButton("Snooze", callback_data="snooze:7")]]
)


async def test_pressing_a_button_sends_a_callback_query_and_records_the_answer(
    bot: Bot, server: FakeBotApiServer
) -> None:
    sent = await bot.send_message(ALICE, "Escalation #7", reply_markup=KEYBOARD)
    query_id = server.act.press_button(ALICE, sent.message_id, text="Snooze")
    (update,) = await bot.get_updates()
    query = update.callback_query
    assert query is not None
    assert (query.id, query.data, query.from_user.id) == (query_id, "snooze:7", ALICE)
    assert query.message is not None
    assert query.message.message_id == sent.message_id
    assert await bot.answer_callback_query(query.id, text="Snoozed") is True
    answered = server.state.callback_queries[query_id]
    assert answered.answered
    assert answered.answer is not None
    assert answered.answer["text"] == "Snoozed"
    with pytest.raises(BadRequest, match="Query is too old"):
        await bot.answer_callback_query(query.id)


async def test_answering_an_unknown_or_expired_callback_query_fails(api: Api, server: FakeBotApiServer) -> None:
    description = "Bad Request: query is too old and response timeout expired or query ID is invalid"
    assert await api.error("answerCallbackQuery", callback_query_id="nope") == (400, description)
    sent = await api.ok(
        "sendMessage",
        chat_id=ALICE,
        text="x",
        reply_markup={"inline_keyboard": [[{"text": "a", "callback_data": "a"}]]},
    )
    query_id = server.act.press_button(ALICE, sent["message_id"])
    server.state.callback_queries[query_id].created_at -= 60
    assert await api.error("answerCallbackQuery", callback_query_id=query_id) == (400, description)


async def test_replies_and_all_four_forward_origins_reach_the_bot(bot: Bot, server: FakeBotApiServer) -> None:
    server.act.create_user(BOB, "Bob")
    channel = server.act.create_channel(-1009, "Brand news", username="brandnews")
    group = server.act.create_group(-555, "Customers", member_ids=[BOB])
    sent = await bot.send_message(ALICE, "Write your answer")
    server.act.reply(ALICE, sent.message_id, "My answer")
    for origin in (
        origin_user(server.state.users[BOB], 1_700_000_000),
        origin_hidden_user("Anon Customer", 1_700_000_001),
        origin_chat(group, 1_700_000_002, author_signature="admin"),
        origin_channel(channel, 42, 1_700_000_003),
    ):
        server.act.forward(ALICE, "this thread", origin)
    reply, *forwards = [u.message for u in await bot.get_updates()]
    assert reply is not None
    assert reply.reply_to_message is not None
    assert reply.reply_to_message.message_id == sent.message_id
    kinds = [(m.forward_origin.type, m.forward_origin.date.timestamp()) for m in forwards if m and m.forward_origin]
    assert kinds == [
        ("user", 1_700_000_000),
        ("hidden_user", 1_700_000_001),
        ("chat", 1_700_000_002),
        ("channel", 1_700_000_003),
    ]


async def test_group_membership_and_blocking_send_my_chat_member_updates(bot: Bot, server: FakeBotApiServer) -> None:
    server.act.create_group(-100777, "Ops", member_ids=[ALICE], supergroup=True, forum=True, bot_is_member=False)
    server.act.add_bot_to_group(-100777, by_user_id=ALICE)
    server.act.send_text(-100777, "/status@directo_sandbox_bot", from_user_id=ALICE, message_thread_id=5)
    server.act.block_bot(ALICE)
    added, message, blocked = await bot.get_updates()
    assert added.my_chat_member is not None
    assert added.my_chat_member.new_chat_member.status == "member"
    assert message.message is not None
    assert message.message.message_thread_id == 5
    assert message.message.entities[0].type == "bot_command"
    assert blocked.my_chat_member is not None
    assert blocked.my_chat_member.new_chat_member.status == "kicked"
    sent = await bot.send_message(-100777, "in topic", message_thread_id=5)
    assert sent.message_thread_id == 5


async def test_wait_for_message_sees_edits_and_times_out(bot: Bot, server: FakeBotApiServer) -> None:
    sent = await bot.send_message(ALICE, "pending")
    await bot.edit_message_text("done", chat_id=ALICE, message_id=sent.message_id)
    edited = await server.state.wait_for_message(ALICE, lambda m: m.text == "done", timeout=1)
    assert edited.edit_date is not None
    with pytest.raises(TimeoutError):
        await server.state.wait_for_message(ALICE, lambda m: m.text == "never", timeout=0.05)
    assert [c.method for c in server.state.calls] == ["getMe", "sendMessage", "editMessageText"]
    assert server.state.calls[-1].ok
