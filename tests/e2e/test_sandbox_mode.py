"""Sandbox mode over HTTP: no token, so the fake Bot API server starts with the app; the playbook's people are
linked through invites and `/start`; the page and its API are served; a fired sample goes through the
signed webhook, the rules and the escalation to a real card."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from bot.cli import main
from bot.sandbox_mode import sandbox_user_id
from tests.e2e.sandbox_support import running_sandbox, sandbox_settings

pytestmark = pytest.mark.slow
ANA = sandbox_user_id("ana")


async def test_people_are_linked_and_the_page_is_served(empty_db_url: str) -> None:
    async with running_sandbox(sandbox_settings(empty_db_url)) as running:
        config = (await running.client.get("/sandbox/api/config")).json()
        people = {p["key"]: p for p in config["people"]}
        assert set(people) == {"ana", "marc", "sofia", "lucia", "admin"}
        assert people["ana"]["chat_id"] == ANA
        assert people["lucia"]["role"] == "community_manager"
        assert config["samples"][0]["name"] == "roaming.json"
        assert {d["name"] for d in config["drills"]} == {"roaming", "outage-storm"}
        telegram = running.sandbox.telegram
        for person in people.values():
            greeting = telegram.state.bot_messages(person["chat_id"])[0]
            assert ("vinculada" if person["language"] == "es" else "linked") in greeting.text
        assert (await running.client.get("/healthz")).json()["checks"]["telegram"]["detail"] == "@directo_sandbox_bot"

        redirect = await running.client.get("/sandbox")
        assert redirect.status_code == 307
        assert redirect.headers["location"] == "/sandbox/"
        page = await running.client.get("/sandbox/")
        assert "Directo <span>sandbox</span>" in page.text
        assert "renderText" in (await running.client.get("/sandbox/sandbox.js")).text
        # The fake server's control API, from the page's origin.
        changes = await running.client.get("/sandbox/telegram/_sandbox/changes", params={"since": -1})
        assert changes.json()["version"] > 0  # the /start messages and greetings


async def test_a_fired_sample_is_a_signed_webhook_call_and_becomes_a_card(empty_db_url: str) -> None:
    async with running_sandbox(sandbox_settings(empty_db_url)) as running:
        config = (await running.client.get("/sandbox/api/config")).json()
        roaming = config["samples"][0]["mention"]
        answer = (await running.client.post("/sandbox/api/mentions", json=roaming)).json()
        assert answer["status"] == 202
        assert answer["body"]["accepted"] == 1
        telegram = running.sandbox.telegram
        card = await telegram.state.wait_for_message(ANA, lambda m: "Escalada #1" in m.text, timeout=10)
        assert "#churn" in card.text
        assert card.reply_markup is not None
        # Fired again, it is a new post (new ids), not a duplicate: a second case.
        again = (await running.client.post("/sandbox/api/mentions", json=roaming)).json()
        assert again["body"]["accepted"] == 1
        await telegram.state.wait_for_message(ANA, lambda m: "Escalada #2" in m.text, timeout=10)
        # Nothing else is special: the webhook refuses unsigned calls as ever.
        assert (await running.client.post("/webhooks/generic", json=roaming)).status_code == 401
        bad = await running.client.post("/sandbox/api/mentions", content=b"{not json")
        assert bad.status_code == 400


def test_drill_help_lists_the_bundled_scenarios() -> None:
    result = CliRunner().invoke(main, ["drill", "--help"])
    assert result.exit_code == 0
    assert "roaming, outage-storm" in result.output
