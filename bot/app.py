"""The composition root: `build_app(settings)` wires every part together, explicitly, in one place.

Nothing is built at import time: the engine, the writer, the pipeline worker, the notifier and the PTB
application are made in the lifespan and handed down.

The pipeline worker runs in a child process of its own by default (`bot.pipeline_child` is that process's
entry point; `bot.scheduling.pipeline_process` explains the protocol), so triage never takes the GIL from
webhook ingest. It runs in the web process when `DIRECTO_PIPELINE_PROCESS=false`, when the app is given a
clock (a test's `FrozenClock` cannot cross a process boundary) and on an in-memory SQLite database.
"""

from __future__ import annotations

import asyncio
import logging
import os
import secrets
import signal
import sys
from collections.abc import AsyncIterator, Callable, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from dotenv import dotenv_values
from fastapi import FastAPI
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.clock import Clock, SystemClock
from bot.config import Settings, TelegramMode
from bot.db.engine import create_engine, create_session_factory, is_postgres, is_sqlite_file
from bot.db.loop_thread import DatabaseThread
from bot.db.migrate import upgrade
from bot.escalation.people import sync_people
from bot.metrics import Metrics
from bot.rules.holder import PlaybookHolder
from bot.scheduling.checkpoint import WalCheckpointer
from bot.scheduling.deadlines import DeadlineSweeper
from bot.scheduling.notices import RotationNotices
from bot.scheduling.observe import Observer
from bot.scheduling.pipeline_process import PipelineProcess
from bot.scheduling.pipeline_worker import PipelineWorker
from bot.scheduling.scheduler import Job, build_scheduler
from bot.telegram.application import (
    TelegramBot,
    build_application,
    feed_update,
    start_telegram,
    stop_telegram,
)
from bot.telegram.deps import BotDeps
from bot.telegram.notifier import Notifier, build_notifier
from bot.web import DirectoASGI, MentionWriter, SourceRegistry, WebDeps, routers
from bot.web.flood import FloodGate

__all__ = ["Runtime", "build_app", "secret_environment"]

log = logging.getLogger(__name__)
TELEGRAM_RETRY_SECONDS = 5.0
WAL_CHECKPOINT_SECONDS = 1.0
PIPELINE_CHILD_COMMAND = (sys.executable, "-c", "from bot.pipeline_child import main; main()")


def secret_environment() -> Mapping[str, str]:
    """Where playbooks' `secret_env` names are looked up: `.env`, then the process environment."""
    values = {k: v for k, v in dotenv_values(".env").items() if v is not None}
    values.update(os.environ)
    return values


@dataclass
class Runtime:
    """Everything the lifespan built, exposed for tests and the CLI."""

    settings: Settings
    clock: Clock
    playbooks: PlaybookHolder
    metrics: Metrics = field(default_factory=Metrics)
    engine: AsyncEngine | None = None
    sessions: async_sessionmaker[AsyncSession] | None = None
    writer: MentionWriter | None = None
    worker: PipelineWorker | PipelineProcess | None = None
    pipeline_in_child: bool = False
    checkpointer: WalCheckpointer | None = None
    notifier: Notifier | None = None
    notifier_database: DatabaseThread | None = None
    telegram: TelegramBot | None = None
    telegram_ready: bool = False
    telegram_task: asyncio.Task[None] | None = None
    env: Callable[[], Mapping[str, str]] = secret_environment
    sweeper: DeadlineSweeper | None = None
    background: set[asyncio.Task[None]] = field(default_factory=set)
    scheduler: AsyncIOScheduler | None = None


def build_app(
    settings: Settings,
    *,
    clock: Clock | None = None,
    env: Callable[[], Mapping[str, str]] = secret_environment,
    migrate: bool = True,
) -> FastAPI:
    """The whole service as an ASGI app. Loads the playbook now, so a bad one stops start-up here."""
    runtime = Runtime(
        settings=settings, clock=clock or SystemClock(), playbooks=PlaybookHolder.load(settings.playbook), env=env
    )
    runtime.pipeline_in_child = settings.pipeline_process and clock is None
    sources = SourceRegistry(runtime.playbooks, env, tolerance_seconds=settings.webhook_tolerance_seconds)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await _start(runtime, app, sources, migrate=migrate)
        try:
            yield
        finally:
            await _stop(runtime)

    app = DirectoASGI(title="Directo", version="0.1.0", lifespan=lifespan, docs_url=None, redoc_url=None)
    for router in routers():
        app.include_router(router)
    app.state.runtime = runtime
    return app


async def _start(runtime: Runtime, app: FastAPI, sources: SourceRegistry, *, migrate: bool) -> None:
    settings = runtime.settings
    runtime.engine = create_engine(settings.database_url)
    if runtime.engine.dialect.name == "sqlite" and not is_sqlite_file(runtime.engine):
        runtime.pipeline_in_child = False  # another process cannot see an in-memory database
    if migrate:
        await upgrade(runtime.engine)
    runtime.sessions = sessions = create_session_factory(runtime.engine)
    async with sessions() as session, session.begin():
        await sync_people(session, runtime.playbooks.playbook, runtime.clock.now())

    notifier_wake: Callable[[], None] = lambda: None  # noqa: E731 - replaced once Telegram is configured
    if settings.telegram_token is not None:
        notifier_wake = _prepare_telegram(runtime)
    else:
        log.warning(
            "Telegram is not configured (DIRECTO_TELEGRAM_TOKEN is empty): webhooks and /healthz are served "
            "and escalations are recorded, but no cards are sent. Get a token from @BotFather and set it."
        )
    runtime.worker = _pipeline(runtime, notifier_wake)
    runtime.writer = MentionWriter(
        sessions,
        on_commit=runtime.worker.wake,
        writers=2 if runtime.engine.dialect.name == "postgresql" else 1,
    )
    runtime.writer.start()
    runtime.worker.start()
    runtime.sweeper = DeadlineSweeper(sessions, runtime.playbooks, runtime.clock, on_change=notifier_wake)
    if is_sqlite_file(runtime.engine):
        runtime.checkpointer = WalCheckpointer(runtime.engine)
    runtime.scheduler = build_scheduler(
        [
            Job("deadline-sweep", runtime.sweeper.sweep, settings.sweep_interval_seconds),
            Job("playbook-watch", lambda: _reload_playbook(runtime, only_if_changed=True), 5.0),
            Job("metrics", _observer(runtime).run, 5.0),
            Job(
                "rotation-notices",
                RotationNotices(sessions, runtime.playbooks, runtime.clock, on_queued=notifier_wake).run,
                30.0,
            ),
            *(
                [Job("wal-checkpoint", runtime.checkpointer.run, WAL_CHECKPOINT_SECONDS)]
                if runtime.checkpointer
                else []
            ),
        ]
    )
    runtime.scheduler.start()
    _handle_sighup(runtime)
    app.state.deps = WebDeps(
        sessions=sessions,
        sources=sources,
        writer=runtime.writer,
        metrics=runtime.metrics,
        clock=runtime.clock,
        max_body_bytes=settings.max_body_bytes,
        health_checks=_health_checks(runtime),
        telegram_feed=_webhook_feed(runtime),
        telegram_secret=_webhook_secret(runtime),
        flood=FloodGate(rate=settings.source_max_per_second, burst=settings.source_burst),
    )


def _pipeline(runtime: Runtime, notifier_wake: Callable[[], None]) -> PipelineWorker | PipelineProcess:
    """The pipeline worker: in a child process (the default), or in this one. The child also delivers the
    outbox when Telegram is configured (`bot.pipeline_child`)."""
    assert runtime.engine is not None
    assert runtime.sessions is not None
    settings = runtime.settings
    if runtime.pipeline_in_child:
        config: dict[str, Any] = {
            "database_url": settings.database_url,
            "playbook": str(runtime.playbooks.path),
            "log_level": settings.log_level,
            "log_format": settings.log_format,
        }
        token = settings.telegram_token.get_secret_value() if settings.telegram_token is not None else None
        if token is not None:
            config["telegram"] = {"api_url": settings.telegram_api_url, **_outbox_settings(settings)}
        # The child wakes its own notifier after a batch that changed escalations.
        return PipelineProcess(PIPELINE_CHILD_COMMAND, config, runtime.metrics, telegram_token=token)
    return PipelineWorker(
        runtime.sessions, runtime.playbooks, runtime.clock, runtime.metrics, on_escalation_change=notifier_wake
    )


async def _reload_playbook(runtime: Runtime, *, only_if_changed: bool) -> None:
    """Reload the playbook (on SIGHUP, or when the file changed); keep the old one when the new is invalid,
    and bring the people table in step when it loads."""
    result = runtime.playbooks.check_for_changes() if only_if_changed else runtime.playbooks.reload()
    if result is None or not result.replaced or runtime.sessions is None:
        return
    async with runtime.sessions() as session, session.begin():
        await sync_people(session, runtime.playbooks.playbook, runtime.clock.now())


def _observer(runtime: Runtime) -> Observer:
    assert runtime.sessions is not None
    sweeper = runtime.sweeper
    return Observer(
        runtime.sessions,
        runtime.clock,
        runtime.metrics,
        last_sweep_at=lambda: sweeper.last_sweep_at if sweeper else None,
    )


def _handle_sighup(runtime: Runtime) -> None:
    loop = asyncio.get_running_loop()

    def on_sighup() -> None:
        if isinstance(runtime.worker, PipelineProcess):
            runtime.worker.reload()  # the pipeline's own process reloads its copy too
        task = loop.create_task(_reload_playbook(runtime, only_if_changed=False))
        runtime.background.add(task)
        task.add_done_callback(runtime.background.discard)

    try:
        loop.add_signal_handler(signal.SIGHUP, on_sighup)
    except (NotImplementedError, RuntimeError, AttributeError):  # no SIGHUP (Windows) or not the main thread
        log.debug("SIGHUP reload is not available here; the playbook file is still watched")


def _prepare_telegram(runtime: Runtime) -> Callable[[], None]:
    settings = runtime.settings
    assert settings.telegram_token is not None
    assert runtime.sessions is not None
    os.environ.setdefault("PTB_TIMEDELTA", "true")  # opt in to PTB's timedelta durations (no warnings)
    webhook = settings.telegram_mode is TelegramMode.WEBHOOK
    if webhook and settings.telegram_webhook_secret is None:
        settings.telegram_webhook_secret = _random_secret()
    holder: dict[str, Notifier] = {}

    def wake_outbox() -> None:
        if isinstance(runtime.worker, PipelineProcess):
            runtime.worker.wake_notifier()  # the pipeline's process delivers the outbox
        elif "n" in holder:
            holder["n"].wake()

    deps = BotDeps(
        sessions=runtime.sessions,
        clock=runtime.clock,
        wake_outbox=wake_outbox,
        playbooks=runtime.playbooks,
        env=runtime.env,
        # The worker is built after the bot; a forward wakes it at once rather than at its next poll.
        wake_pipeline=lambda: runtime.worker.wake() if runtime.worker is not None else None,
    )
    runtime.telegram = build_application(
        token=settings.telegram_token.get_secret_value(),
        api_url=settings.telegram_api_url,
        deps=deps,
        webhook_mode=webhook,
    )
    runtime.telegram_task = asyncio.create_task(_keep_starting_telegram(runtime), name="telegram-start")
    if not runtime.pipeline_in_child:
        runtime.notifier = holder["n"] = _notifier(runtime)
    return wake_outbox


def _notifier(runtime: Runtime) -> Notifier:
    """The outbox's delivery in this process (when the pipeline runs here too)."""
    settings = runtime.settings
    assert runtime.engine is not None
    assert runtime.sessions is not None
    assert runtime.telegram is not None
    if is_sqlite_file(runtime.engine) or is_postgres(runtime.engine):  # a thread's connection sees the same data
        runtime.notifier_database = DatabaseThread(settings.database_url, name="notifier-database")
        runtime.notifier_database.start()
    return build_notifier(
        runtime.telegram.bot,
        runtime.sessions,
        runtime.clock,
        runtime.metrics,
        _outbox_settings(settings),
        playbook=lambda: runtime.playbooks.playbook,
        database=runtime.notifier_database,
    )


def _outbox_settings(settings: Settings) -> dict[str, float]:
    """What the notifier needs of the settings, in either process (`bot.telegram.notifier.build_notifier`)."""
    return {
        "private_per_second": settings.telegram_private_per_second,
        "group_per_minute": settings.telegram_group_per_minute,
        "global_per_second": settings.telegram_global_per_second,
        "card_edit_interval_seconds": settings.card_edit_interval_seconds,
    }


def _random_secret() -> Any:
    from pydantic import SecretStr

    return SecretStr(secrets.token_urlsafe(32))


async def _keep_starting_telegram(runtime: Runtime) -> None:
    """Start the bot, retrying while the Bot API is unreachable; the HTTP side serves meanwhile."""
    settings, application = runtime.settings, runtime.telegram
    assert application is not None
    webhook_url = f"{settings.public_url}/telegram/webhook" if settings.telegram_mode is TelegramMode.WEBHOOK else None
    secret = settings.telegram_webhook_secret.get_secret_value() if settings.telegram_webhook_secret else None
    while True:
        try:
            await start_telegram(application, webhook_url=webhook_url, secret=secret)
            break
        except Exception as exc:
            log.error(
                "Telegram could not start (%s: %s); retrying in %.0f s",
                type(exc).__name__,
                exc,
                TELEGRAM_RETRY_SECONDS,
            )
            await _reset_application(application)
            await asyncio.sleep(TELEGRAM_RETRY_SECONDS)
    if runtime.notifier is not None:  # else the pipeline's process delivers the outbox
        runtime.notifier.start()
    runtime.telegram_ready = True


async def _reset_application(application: TelegramBot) -> None:
    try:
        await stop_telegram(application)
    except Exception:  # a half-started application may refuse to stop; it is rebuilt by initialize()
        log.debug("ignoring an error while resetting the Telegram application", exc_info=True)


def _webhook_feed(runtime: Runtime) -> Callable[[dict[str, Any]], Any] | None:
    application = runtime.telegram
    if application is None or runtime.settings.telegram_mode is not TelegramMode.WEBHOOK:
        return None

    async def feed(data: dict[str, Any]) -> None:
        await feed_update(application, data)

    return feed


def _webhook_secret(runtime: Runtime) -> str | None:
    secret = runtime.settings.telegram_webhook_secret
    return secret.get_secret_value() if secret and runtime.telegram is not None else None


def _health_checks(runtime: Runtime) -> dict[str, Callable[[], Any]]:
    async def database() -> tuple[bool, str]:
        assert runtime.engine is not None
        async with runtime.engine.connect() as conn:
            await conn.execute(text("SELECT 1"))
        return True, runtime.engine.dialect.name

    async def telegram() -> tuple[bool, str]:
        if runtime.telegram is None:
            return True, "not configured"
        if not runtime.telegram_ready:
            return False, "starting (the Bot API has not answered yet)"
        name = f"@{runtime.telegram.bot.username}"
        pipeline = runtime.worker
        if runtime.notifier is None and isinstance(pipeline, PipelineProcess):
            if not pipeline.notifier_alive:
                return False, f"{name}; the outbox's delivery (pipeline process) is starting"
            return True, f"{name}; outbox delivered by the pipeline process {pipeline.pid}"
        return (runtime.notifier is not None and runtime.notifier.alive), name

    async def worker() -> tuple[bool, str]:
        if runtime.writer is None or not runtime.writer.alive:
            return False, "mention writer stopped"
        pipeline = runtime.worker
        if isinstance(pipeline, PipelineProcess):
            if pipeline.alive and not pipeline.ready:
                return False, f"pipeline process {pipeline.pid} starting"
            if pipeline.alive:
                return True, f"running (pipeline process {pipeline.pid}, restarted {pipeline.restarts} times)"
            return False, "pipeline process not running (being restarted)"
        alive = pipeline is not None and pipeline.alive
        return alive, "running" if alive else "stopped"

    async def scheduler() -> tuple[bool, str]:
        if runtime.scheduler is None or not runtime.scheduler.running or runtime.sweeper is None:
            return False, "stopped"
        lag = (runtime.clock.now() - runtime.sweeper.last_sweep_at).total_seconds()
        limit = max(30.0, 10 * runtime.settings.sweep_interval_seconds)
        return lag < limit, f"last deadline sweep {lag:.0f} s ago"

    return {"database": database, "telegram": telegram, "worker": worker, "scheduler": scheduler}


async def _stop(runtime: Runtime) -> None:
    if runtime.scheduler is not None and runtime.scheduler.running:
        runtime.scheduler.shutdown(wait=False)
    if runtime.telegram_task is not None:
        runtime.telegram_task.cancel()
        await asyncio.gather(runtime.telegram_task, return_exceptions=True)
    if runtime.notifier is not None:
        await runtime.notifier.stop()
    if runtime.notifier_database is not None:
        await runtime.notifier_database.stop()
    if runtime.telegram is not None:
        await _reset_application(runtime.telegram)
    if runtime.writer is not None:
        await runtime.writer.stop()
    if runtime.worker is not None:
        await runtime.worker.stop()
    if runtime.checkpointer is not None:
        await runtime.checkpointer.close()
    if runtime.engine is not None:
        await runtime.engine.dispose()
