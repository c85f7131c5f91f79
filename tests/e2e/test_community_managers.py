"""Community managers end to end over the fake Bot API server with the real app: forwarding each kind of
message into the bot, /escalate with a severity and a note, /attach, the team chat mirroring every case and
an action in any chat updating every copy of the card, strangers, and groups the bot must leave."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.sandbox import FakeBotApiServer, origin_channel, origin_chat, origin_hidden_user, origin_user
from tests.e2e.cm_support import (
    STRANGER,
    TEAM,
    USERS,
    answer_to,
    bot_says,
    community_app,
    escalation,
    fake_telegram,
    now_stamp,
    playbook_file,
    pressed,
    stored_mention,
)
from tests.e2e.test_executive_card import data_for
from tests.support.app_server import RunningApp, wait_until

pytestmark = pytest.mark.slow
LUCIA, ANA = USERS["lucia"], USERS["ana"]
COMPLAINT = "Llevo tres días sin servicio y nadie me contesta. Me paso a Vozzia."


@pytest.fixture
async def telegram() -> AsyncIterator[FakeBotApiServer]:
    async with fake_telegram() as server:
        yield server


@pytest.fixture
async def app(empty_db_url: str, telegram: FakeBotApiServer, tmp_path: Path) -> AsyncIterator[RunningApp]:
    async with community_app(empty_db_url, telegram, playbook_file(tmp_path)) as running:
        yield running


def _case_number(text: str) -> int:
    match = re.search(r"#(\d+)", text)
    assert match is not None, text
    return int(match.group(1))


def _origin(telegram: FakeBotApiServer, kind: str) -> dict[str, Any]:
    date = now_stamp() - 60
    if kind == "user":
        user = telegram.act.create_user(9101, "Rooney", username="rooney", last_name="Mr")
        return origin_user(user, date)
    if kind == "hidden_user":
        return origin_hidden_user("Anonymous Customer", date)
    if kind == "chat":
        group = telegram.act.create_group(-1009202, "Clientes Movilia", supergroup=True, username="clientes_movilia")
        return origin_chat(group, date, author_signature="mod")
    channel = telegram.act.create_channel(-1009303, "Telecom News", username="telecomnews")
    return origin_channel(channel, 42, date)


EXPECTED_AUTHOR = {
    "user": ({"name": "Rooney Mr", "handle": "@rooney"}, None),
    "hidden_user": ({"name": "Anonymous Customer"}, None),
    "chat": ({"name": "Clientes Movilia (mod)", "handle": "@clientes_movilia"}, None),
    "channel": ({"name": "Telecom News", "handle": "@telecomnews"}, "https://t.me/telecomnews/42"),
}


@pytest.mark.parametrize("kind", ["user", "hidden_user", "chat", "channel"])
async def test_a_forward_of_each_origin_becomes_a_case(app: RunningApp, telegram: FakeBotApiServer, kind: str) -> None:
    forwarded = telegram.act.forward(LUCIA, COMPLAINT, _origin(telegram, kind))
    confirmation = await bot_says(telegram, LUCIA, "📨")
    assert "abierta" in confirmation.text  # Lucía reads Spanish
    number = _case_number(confirmation.text)

    mention = await stored_mention(app, f"{LUCIA}:{forwarded.message_id}")
    author, url = EXPECTED_AUTHOR[kind]
    assert {k: mention.payload["author"].get(k) for k in ("name", "handle")} == {"handle": None, **author}
    assert mention.payload.get("url") == url
    assert mention.payload["forward_origin"] == kind
    assert mention.payload["reporter"]["person_key"] == "lucia"
    assert mention.payload["severity_floor"] == "high"
    assert mention.platform == "telegram"
    case = await escalation(app, number)
    assert case.severity in ("high", "critical")
    assert any(r.startswith('forwarded: "Lucía Gómez (high)') for r in case.reasons)

    # The team chat mirrors the case: its card, with the author.
    card = await bot_says(telegram, TEAM, f"Escalation #{number}")
    assert author["name"] in card.text


async def test_escalate_with_a_severity_a_note_and_a_link(app: RunningApp, telegram: FakeBotApiServer) -> None:
    telegram.act.send_text(LUCIA, "/escalate critical cliente VIP, 1M seguidores https://x.com/rooney/status/77")
    confirmation = await bot_says(telegram, LUCIA, "📨")
    assert "CRÍTICO" in confirmation.text
    number = _case_number(confirmation.text)
    case = await escalation(app, number)
    assert case.severity == "critical"
    assert 'forwarded: "Lucía Gómez (critical): cliente VIP, 1M seguidores" (+0)' in case.reasons
    first = await stored_mention(app, f"{LUCIA}:{telegram.state.messages(LUCIA)[0].message_id}")
    assert (first.platform, first.payload["url"], first.payload["note"]) == (
        "x",
        "https://x.com/rooney/status/77",
        "cliente VIP, 1M seguidores",
    )
    team_card = await bot_says(telegram, TEAM, f"Escalation #{number}")
    assert "CRITICAL" in team_card.text

    # /escalate with plain text: the text is the mention; no severity word means high.
    telegram.act.send_text(LUCIA, "/escalate Han cortado la línea a mi madre sin avisar")
    second = await bot_says(telegram, LUCIA, f"#{number + 1} ")
    assert "ALTO" in second.text or "CRÍTICO" in second.text

    # /escalate in reply to a forward joins that forward's case and raises its severity.
    forwarded = telegram.act.forward(LUCIA, "Qué vergüenza de compañía", origin_hidden_user("Pepe", now_stamp()))
    opened = await bot_says(telegram, LUCIA, f"#{number + 2} ")
    telegram.act.reply(LUCIA, forwarded.message_id, "/escalate critical lo está compartiendo mucha gente")
    joined = await bot_says(telegram, LUCIA, "Añadido")
    assert _case_number(joined.text) == _case_number(opened.text) == number + 2
    assert (await escalation(app, number + 2)).severity == "critical"


async def test_attach_and_replying_to_the_confirmation_join_the_case(
    app: RunningApp, telegram: FakeBotApiServer
) -> None:
    telegram.act.forward(LUCIA, COMPLAINT, origin_hidden_user("Cliente", now_stamp()))
    confirmation = await bot_says(telegram, LUCIA, "📨")
    number = _case_number(confirmation.text)

    other = telegram.act.forward(LUCIA, "Yo tampoco tengo servicio", origin_hidden_user("Otra", now_stamp()))
    telegram.act.reply(LUCIA, other.message_id, f"/attach {number}")
    attached = await bot_says(telegram, LUCIA, "Añadido a la escalada")
    assert _case_number(attached.text) == number
    # The forward itself opened a case of its own (a forward alone escalates); /attach adds it to #number.

    telegram.act.reply(LUCIA, confirmation.message_id, "Otro más: https://x.com/otra/status/9")
    second = await bot_says(telegram, LUCIA, "3 menciones)")
    assert _case_number(second.text) == number
    case = await escalation(app, number)
    assert case.mention_count == 3

    assert "no está abierta" in await answer_to(telegram, LUCIA, "/attach 999 https://x.com/a/status/1")
    assert "Uso: /attach" in await answer_to(telegram, LUCIA, "/attach")


async def test_an_action_in_any_chat_updates_every_copy_of_the_card(
    app: RunningApp, telegram: FakeBotApiServer
) -> None:
    telegram.act.send_text(LUCIA, "/escalate critical https://x.com/rooney/status/5 me voy a Vozzia mañana")
    number = _case_number((await bot_says(telegram, LUCIA, "📨")).text)
    team_card = await bot_says(telegram, TEAM, f"Escalation #{number}")
    anas_card = await bot_says(telegram, ANA, f"Escalada #{number}")

    # Ana acknowledges in the team chat: her private card changes too.
    assert (
        await pressed(telegram, TEAM, team_card, data_for(team_card, "ack"), ANA)
        == "Confirmada. Corre el plazo para responder."
    )
    await telegram.state.wait_for_message(
        ANA, lambda m: m.message_id == anas_card.message_id and "confirmada por Ana Ruiz" in m.text, timeout=15
    )
    await telegram.state.wait_for_message(
        TEAM, lambda m: m.message_id == team_card.message_id and "acknowledged by Ana Ruiz" in m.text, timeout=15
    )

    # The reverse: Ana resolves from her private card; the team chat's card says so.
    anas_card = telegram.state.message(ANA, anas_card.message_id)
    assert anas_card is not None
    assert await pressed(telegram, ANA, anas_card, data_for(anas_card, "resolve"), ANA) == "Resuelta."
    await telegram.state.wait_for_message(
        TEAM, lambda m: m.message_id == team_card.message_id and "resolved by Ana Ruiz" in m.text, timeout=15
    )


async def test_strangers_get_a_polite_refusal_and_no_information(app: RunningApp, telegram: FakeBotApiServer) -> None:
    telegram.act.forward(STRANGER, COMPLAINT, origin_hidden_user("X", now_stamp()))
    refusal = await bot_says(telegram, STRANGER, "private")
    assert "#" not in refusal.text
    for command in ("/escalate critical https://x.com/a/status/1", "/attach 1 hola", "/status 1", "/queue"):
        assert "this bot is private" in await answer_to(telegram, STRANGER, command)
    assert "observers" in (await answer_to(telegram, USERS["olga"], "/escalate critical hola")).lower()
    assert app.runtime.sessions is not None


async def test_the_bot_leaves_groups_that_are_not_team_chats(app: RunningApp, telegram: FakeBotApiServer) -> None:
    telegram.act.create_group(-1007777, "Random group", member_ids=[STRANGER], bot_is_member=False)
    telegram.act.add_bot_to_group(-1007777, by_user_id=STRANGER)
    await wait_until(lambda: telegram.state.calls_to("leaveChat"), within=15)
    assert [c.params["chat_id"] for c in telegram.state.calls_to("leaveChat")] in ([-1007777], ["-1007777"])
    assert not telegram.state.chats[-1007777].bot_is_member

    # The team chat is in the playbook: re-adding the bot there does not make it leave.
    telegram.act.remove_bot_from_group(TEAM, by_user_id=USERS["admin"])
    telegram.act.add_bot_to_group(TEAM, by_user_id=USERS["admin"])
    assert "Directo" in await answer_to(telegram, USERS["lucia"], "/help")  # later updates are handled meanwhile
    assert len(telegram.state.calls_to("leaveChat")) == 1
