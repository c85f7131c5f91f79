"""The permission matrix of docs/community-managers.md, end to end: every command and every button against
every role (admin, executive, community manager, observer) and a stranger, over the fake Bot API server with
the real app. Buttons are pressed on the team chat's card, where everyone can see them; whether a press
acts depends only on who pressed."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.actions.service import Action
from bot.db.models import Escalation
from bot.sandbox import FakeBotApiServer
from bot.telegram.callback_data import pack
from tests.e2e.cm_support import STRANGER, TEAM, USERS, answer_to, bot_says, community_app, fake_telegram, playbook_file
from tests.e2e.test_executive_card import forged_press
from tests.support.app_server import RunningApp

pytestmark = pytest.mark.slow
WHO = {"admin": USERS["admin"], "executive": USERS["marc"], "community_manager": USERS["lucia"]}
WHO |= {"observer": USERS["olga"], "stranger": STRANGER}
MAY_ACT = {"admin", "executive"}  # the example playbook's replies.may_act
REFUSED = {"You can't act on this escalation.", "No puedes actuar sobre esta escalada."}
PRIVATE = "this bot is private"

# Every button a card, a draft preview or a prompt can carry (arg: snooze minutes, draft index, conversation).
BUTTONS = [
    (Action.DRAFT, 0),
    (Action.DRAFT, 1),
    (Action.DRAFT, 2),
    (Action.OWN, None),
    (Action.SEND, 1),
    (Action.EDIT, 1),
    (Action.CANCEL, 1),
    (Action.SNOOZE, None),
    (Action.DELEGATE, None),
    (Action.ACKNOWLEDGE, None),
    (Action.TAKE, None),
    (Action.SNOOZE, 30),
    (Action.SNOOZE, 120),
    (Action.ESCALATE, None),
    (Action.NOT_RELEVANT, None),
    (Action.RESOLVE, None),
]


@pytest.fixture
async def telegram() -> AsyncIterator[FakeBotApiServer]:
    async with fake_telegram() as server:
        yield server


@pytest.fixture
async def app(empty_db_url: str, telegram: FakeBotApiServer, tmp_path: Path) -> AsyncIterator[RunningApp]:
    async with community_app(empty_db_url, telegram, playbook_file(tmp_path)) as running:
        yield running


@pytest.mark.parametrize("role", sorted(WHO))
async def test_every_button_against_every_role(app: RunningApp, telegram: FakeBotApiServer, role: str) -> None:
    telegram.act.send_text(USERS["lucia"], "/escalate critical https://x.com/rooney/status/5 me voy a Vozzia")
    card = await bot_says(telegram, TEAM, "Escalation #1")
    answers = {}
    for action, arg in BUTTONS:
        answers[(action.value, arg)] = await forged_press(telegram, WHO[role], card, pack(action, 1, arg))
    if role in MAY_ACT:
        assert not [k for k, a in answers.items() if a in REFUSED], answers
    else:
        assert {k: a for k, a in answers.items() if a not in REFUSED} == {}
        assert app.runtime.sessions is not None
        async with app.runtime.sessions() as session:
            case = await session.get(Escalation, 1)
        assert case is not None
        assert case.state == "open", "a refused press changes nothing"


# What each role gets for each command (a fragment of the bot's answer). "act" means a normal answer.
COMMANDS = {
    "/help": {"stranger": PRIVATE},
    "/queue": {"stranger": PRIVATE},
    "/status 1": {"stranger": PRIVATE},
    "/settings": {"stranger": PRIVATE},
    "/oncall": {"stranger": PRIVATE},
    "/escalate critical https://x.com/a/status/9 ojo": {"stranger": PRIVATE, "observer": "Observers"},
    "/attach 1 https://x.com/b/status/8": {"stranger": PRIVATE, "observer": "Observers"},
    "/start": {"stranger": PRIVATE},
}


@pytest.mark.parametrize("role", sorted(WHO))
async def test_every_command_against_every_role(app: RunningApp, telegram: FakeBotApiServer, role: str) -> None:
    telegram.act.send_text(USERS["lucia"], "/escalate critical https://x.com/rooney/status/5 me voy a Vozzia")
    await bot_says(telegram, TEAM, "Escalation #1")
    await bot_says(telegram, USERS["lucia"], "📨")
    uid = WHO[role]
    for command, expected in COMMANDS.items():
        reports = command.startswith(("/escalate", "/attach")) and role not in expected
        answer = await (_confirmation(telegram, uid, command) if reports else answer_to(telegram, uid, command))
        if role in expected:
            assert expected[role] in answer, (command, answer)
            continue
        assert PRIVATE not in answer, (role, command, answer)
        assert "Observers" not in answer, (role, command, answer)
        if command == "/status 1":
            assert "#1" in answer, answer


async def _confirmation(telegram: FakeBotApiServer, uid: int, command: str) -> str:
    """The 📨 answer to a report (a card paged to the reporter may arrive first)."""
    before = {m.message_id for m in telegram.state.bot_messages(uid)}
    telegram.act.send_text(uid, command)
    message = await telegram.state.wait_for_message(
        uid, lambda m: m.message_id not in before and m.text.startswith("📨"), timeout=15
    )
    return message.text
