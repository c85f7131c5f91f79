"""The pipeline worker in its own process: woken at once by the web side's byte, reporting escalation changes
back at once, started again when it dies, and gone when its parent goes."""

from __future__ import annotations

import asyncio
import os
import signal
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.pool import NullPool

from bot.app import PIPELINE_CHILD_COMMAND
from bot.clock import SystemClock
from bot.config import bundled_playbook_path
from bot.db.engine import create_engine, create_session_factory
from bot.db.migrate import upgrade
from bot.db.models import Mention
from bot.escalation.people import sync_people
from bot.metrics import Metrics
from bot.rules import load_playbook
from bot.scheduling.pipeline_process import PipelineProcess
from tests.support.app_server import wait_until
from tests.support.factories import ROAMING_TEXT, mention, store

pytestmark = pytest.mark.slow

IDLE_POLL = 60.0  # the child's safety-net poll: longer than any wait below, so only a wake-up explains triage


class Database:
    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = create_engine(url, poolclass=NullPool)
        self.sessions = create_session_factory(self.engine)

    async def add(self, external_id: str) -> None:
        async with self.sessions() as session, session.begin():
            await store(session, mention(external_id, ROAMING_TEXT), now=SystemClock().now())

    async def processed(self, external_id: str) -> bool:
        async with self.sessions() as session:
            status = await session.scalar(select(Mention.status).where(Mention.external_id == external_id))
        return status == "processed"

    async def pending(self) -> int:
        async with self.sessions() as session:
            return int(await session.scalar(select(func.count()).where(Mention.status == "pending")) or 0)


@pytest.fixture
async def database(empty_db_url: str) -> AsyncIterator[Database]:
    db = Database(empty_db_url)
    await upgrade(db.engine)
    async with db.sessions() as session, session.begin():
        await sync_people(session, load_playbook(bundled_playbook_path()), SystemClock().now())
    yield db
    await db.engine.dispose()


def child_config(database: Database, **extra: object) -> dict[str, object]:
    """The configuration the app hands its pipeline child, on this test's database and the bundled playbook."""
    return {
        "database_url": database.url,
        "playbook": str(bundled_playbook_path()),
        "log_level": "WARNING",
        "log_format": "text",
        **extra,
    }


def child_of(pipeline: PipelineProcess) -> int:
    assert pipeline.pid is not None
    return pipeline.pid


async def test_the_child_is_woken_at_once_reports_back_and_is_restarted_after_a_kill(database: Database) -> None:
    changes: list[float] = []
    metrics = Metrics()
    pipeline = PipelineProcess(
        PIPELINE_CHILD_COMMAND,
        child_config(database, idle_poll_seconds=IDLE_POLL),
        metrics,
        on_escalation_change=lambda: changes.append(time.monotonic()),
        restart_delay=0.1,
    )
    pipeline.start()
    assert not pipeline.ready, "not ready before the child says its worker runs"
    try:
        await database.add("before-start")  # taken by the child's first drain, whenever it is up
        await wait_until(lambda: database.processed("before-start"), within=30)
        await wait_until(lambda: changes, within=5)
        assert pipeline.alive
        assert pipeline.ready

        await database.add("not-woken")
        await asyncio.sleep(1.0)
        assert not await database.processed("not-woken"), "without a wake-up the child waits for its poll"

        changes.clear()
        woken_at = time.monotonic()
        pipeline.wake()
        await wait_until(lambda: database.processed("not-woken"), within=2, interval=0.005)
        await wait_until(lambda: changes, within=2, interval=0.005)
        assert changes[0] - woken_at < 1.0, "the web side heard about the escalation within the second"
        assert metrics.escalations_opened._value.get() >= 1  # counted in the web process's registry

        first = child_of(pipeline)
        os.kill(first, signal.SIGKILL)
        await wait_until(lambda: not pipeline.ready, within=10)  # /healthz says "starting" meanwhile
        await wait_until(lambda: pipeline.alive and pipeline.pid != first, within=10)
        await wait_until(lambda: pipeline.ready, within=30)
        assert pipeline.restarts >= 1
        await database.add("after-restart")
        pipeline.wake()  # lost if the new child is still starting: its first drain takes the mention anyway
        await wait_until(lambda: database.processed("after-restart"), within=30)
    finally:
        await pipeline.stop()
    assert not pipeline.alive
    assert await database.pending() == 0


async def test_a_stopped_child_leaves_its_mentions_pending(database: Database) -> None:
    pipeline = PipelineProcess(
        PIPELINE_CHILD_COMMAND,
        child_config(database),
        Metrics(),
    )
    pipeline.start()
    await wait_until(lambda: pipeline.alive, within=10)
    pid = child_of(pipeline)
    await pipeline.stop()
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    await database.add("while-stopped")
    pipeline.wake()  # no child: a no-op, never an error
    assert await database.pending() == 1


async def test_with_telegram_the_child_delivers_the_page_and_its_token_is_in_no_environment(
    database: Database,
) -> None:
    from bot.db.models import Card
    from bot.escalation.outbox import enqueue_text
    from bot.sandbox import FakeBotApiServer
    from tests.support.factories import link

    ana_chat = 5001
    metrics = Metrics()
    async with FakeBotApiServer() as telegram:
        telegram.act.create_user(ana_chat, "Ana", username="ana_ruiz", language_code="es")
        async with database.sessions() as session, session.begin():
            await link(session, "ana", telegram_user_id=ana_chat, now=SystemClock().now())
        pipeline = PipelineProcess(
            PIPELINE_CHILD_COMMAND,
            child_config(
                database,
                idle_poll_seconds=IDLE_POLL,
                telegram={
                    "api_url": telegram.url,
                    "private_per_second": 1.0,
                    "group_per_minute": 20.0,
                    "global_per_second": 30.0,
                    "card_edit_interval_seconds": 5.0,
                    "idle_poll_seconds": IDLE_POLL,  # so only a wake-up explains a delivery below
                },
            ),
            metrics,
            telegram_token=telegram.token,
        )
        assert pipeline.delivers_outbox
        pipeline.start()
        try:
            await wait_until(lambda: pipeline.ready and pipeline.notifier_alive, within=30)
            environ = Path(f"/proc/{child_of(pipeline)}/environ").read_bytes()  # noqa: ASYNC240 - a tiny file
            assert telegram.token.encode() not in environ

            await database.add("urgent")
            pipeline.wake()
            card = await telegram.state.wait_for_message(ana_chat, lambda m: "CRÍTICO" in m.text, timeout=15)
            assert card.reply_markup is not None, "the card, with its buttons, from the pipeline's process"

            def sent() -> float:
                return sum(
                    s.value
                    for m in metrics.notifications_sent.collect()
                    for s in m.samples
                    if s.name.endswith("_total")
                )

            await wait_until(lambda: sent() >= 1, within=10)  # counted in the web process's registry

            # What the web process queues (a nudge under the card), delivered on its `n` byte, not a poll.
            async with database.sessions() as session, session.begin():
                row = await session.scalar(select(Card).where(Card.chat_id == ana_chat))
                assert row is not None
                await enqueue_text(
                    session,
                    card=row,
                    key="nudge.still_open",
                    now=SystemClock().now(),
                    values={"id": row.escalation_id, "count": 1},
                )
            pipeline.wake_notifier()
            nudge = await telegram.state.wait_for_message(
                ana_chat, lambda m: m.message_id != card.message_id, timeout=IDLE_POLL / 4
            )
            assert nudge.reply_to is not None
            assert nudge.reply_to.message_id == card.message_id
        finally:
            await pipeline.stop()
    assert not pipeline.notifier_alive
