"""`directo drill` end to end against the local Bot API server: the app runs in sandbox mode, a scenario is
replayed through the signed webhook, every card says it is a drill, and the report reads each person's
times to acknowledge and to respond from the timeline."""

from __future__ import annotations

import asyncio
import json
import os
import sys
from pathlib import Path

import pytest

from bot.cli_drill import DrillProgress, bundled_drills, drill_mention, load_scenario, replay
from bot.sandbox_mode import sandbox_user_id
from tests.e2e.sandbox_support import running_sandbox, sandbox_settings
from tests.e2e.test_executive_card import data_for
from tests.support.app_server import GENERIC_SECRET, wait_until

pytestmark = pytest.mark.slow
ANA = sandbox_user_id("ana")
MARC = sandbox_user_id("marc")
ROAMING = next(p for p in bundled_drills() if p.stem == "roaming")


def test_bundled_scenarios_load_sorted_with_their_times() -> None:
    names = {p.stem for p in bundled_drills()}
    assert names == {"roaming", "outage-storm"}
    roaming = load_scenario(ROAMING)
    assert [s.at for s in roaming.mentions] == [0, 40, 90, 150, 240]
    storm = load_scenario(next(p for p in bundled_drills() if p.stem == "outage-storm"))
    assert len(storm.mentions) == 24
    languages = {s.mention.get("language") for s in storm.mentions}
    assert languages == {"es", "en"}


def test_a_drill_mention_never_collides_with_real_posts() -> None:
    sent = drill_mention({"id": "r2", "thread_id": "r1", "in_reply_to": "r1", "text": "x", "labels": ["vip"]}, "ab12")
    assert sent["id"] == "drill-ab12-r2"
    assert sent["thread_id"] == sent["in_reply_to"] == "drill-ab12-r1"
    assert sent["labels"] == ["vip", "drill"]


async def test_roaming_drill_reports_anas_times_to_acknowledge_and_respond(tmp_path: Path) -> None:
    settings = sandbox_settings(f"sqlite+aiosqlite:///{tmp_path / 'drill.sqlite3'}")
    async with running_sandbox(settings) as running:
        telegram, runtime = running.sandbox.telegram, running.sandbox.runtime
        assert runtime.sessions is not None
        progress = DrillProgress(load_scenario(ROAMING))
        drill = asyncio.create_task(
            replay(
                progress, url=running.url, secret=GENERIC_SECRET, sessions=runtime.sessions, speed=40, wait_seconds=30
            )
        )
        card = await telegram.state.wait_for_message(ANA, lambda m: "Escalada #" in m.text, timeout=10)
        assert card.text.startswith("🧯 SIMULACRO")
        telegram.act.press_button(ANA, card.message_id, data=data_for(card, "ack"))
        await telegram.state.wait_for_message(ANA, lambda m: m.message_id == card.message_id and "confirmada" in m.text)
        card = telegram.state.message(ANA, card.message_id)
        assert card is not None
        telegram.act.press_button(ANA, card.message_id, data=data_for(card, "draft", 1))
        draft = await telegram.state.wait_for_message(ANA, lambda m: "Borrador" in m.text)
        telegram.act.press_button(ANA, draft.message_id, data=data_for(draft, "send"))
        edited = await telegram.state.wait_for_message(
            ANA, lambda m: m.message_id == card.message_id and "respondida" in m.text
        )
        assert "SIMULACRO" in edited.text, "every version of the card says it is a drill"

        report = await asyncio.wait_for(drill, 30)
        assert progress.done
        assert report.mentions_sent == 5
        assert report.mentions_pending == 0
        assert [c.state for c in report.cases] == ["responded"]
        ana = next(p for p in report.people if p.person == "ana")
        assert ana.paged == 1
        assert len(ana.acknowledge_seconds) == 1
        assert len(ana.respond_seconds) == 1
        assert 0 <= ana.acknowledge_seconds[0] <= ana.respond_seconds[0] < 30
        text = report.text()
        assert "responded" in text
        assert "Ana Ruiz" in text


async def test_directo_drill_command_against_the_running_service(tmp_path: Path) -> None:
    """The command itself, in its own process: posts the outage storm, waits, prints the JSON report."""
    db = tmp_path / "drill.sqlite3"
    settings = sandbox_settings(f"sqlite+aiosqlite:///{db}")
    async with running_sandbox(settings) as running:
        env = {
            **os.environ,
            "DIRECTO_DATABASE_URL": settings.database_url,
            "DIRECTO_GENERIC_WEBHOOK_SECRET": GENERIC_SECRET,
        }
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            "drill",
            "outage-storm",
            "--speed",
            "100",
            "--wait",
            "3",
            "--json",
            "--url",
            running.url,
            cwd=tmp_path,
            env=env,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        out, err = await asyncio.wait_for(process.communicate(), 60)
        assert process.returncode == 0, err.decode()
        report = json.loads(out)
        assert report["scenario"] == "outage-storm"
        assert report["mentions_sent"] == 24
        assert report["cases"], "the storm opens at least one case"
        assert "[24/24] 202" in err.decode()
        telegram = running.sandbox.telegram
        await wait_until(lambda: any("DRILL" in m.text for m in telegram.state.bot_messages(MARC)))
        paged = {p["person"] for p in report["people"] if p["paged"]}
        assert paged, "someone was paged"
        assert all(not p["acknowledge_seconds"] for p in report["people"]), "nobody pressed anything"
