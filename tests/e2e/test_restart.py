"""Restart: mentions accepted while the pipeline was down are processed after a restart, each once."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from bot.db.models import Escalation, EscalationMention, Mention
from tests.support.app_server import app_settings, running_app, wait_until
from tests.support.factories import ROAMING_TEXT

pytestmark = pytest.mark.slow


async def test_pending_mentions_survive_a_restart_and_are_processed_once(empty_db_url: str) -> None:
    settings = app_settings(empty_db_url)
    async with running_app(settings) as app:
        assert app.runtime.worker is not None
        await app.runtime.worker.stop()  # the pipeline is down; webhooks keep accepting
        batch = {"mentions": [{"id": f"r{i}", "text": ROAMING_TEXT, "thread_id": f"t{i % 3}"} for i in range(30)]}
        response = await app.post_mentions(batch)
        assert response.json() == {"accepted": 30, "duplicates": 0, "ignored": 0, "own": 0, "updated": 0}
        assert app.runtime.sessions is not None
        async with app.runtime.sessions() as session:
            pending = await session.scalar(select(func.count()).where(Mention.status == "pending"))
        assert pending == 30

    async with running_app(settings) as app:
        assert app.runtime.sessions is not None
        sessions = app.runtime.sessions

        async def all_processed() -> bool:
            async with sessions() as session:
                left = await session.scalar(select(func.count()).where(Mention.status != "processed"))
            return left == 0

        await wait_until(all_processed)
        async with sessions() as session:
            attempts = (await session.scalars(select(Mention.attempts))).all()
            links = await session.scalar(select(func.count()).select_from(EscalationMention))
            escalations = (await session.scalars(select(Escalation.mention_count))).all()
    assert set(attempts) == {1}, "each mention was triaged exactly once"
    assert links == 30
    assert sorted(escalations) == [10, 10, 10], "three threads, three escalations, every mention attached once"
