"""Entry point of the pipeline's child process, started by `bot.scheduling.pipeline_process.PipelineProcess`.

Not a command for people. It imports what triage and settling need first (not the web framework or the
report's charts) and starts the worker: the child is started with the web process and again after a crash,
and until it runs, mentions wait (seconds of imports on a busy 2-core machine). When Telegram is configured it
then imports the Telegram library and delivers the outbox too (`_deliver_outbox`), so a page leaves from the
process that opened its case, right after the commit.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import signal
import socket
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bot.clock import SystemClock
from bot.db.engine import create_engine, create_session_factory
from bot.escalation.pipeline import BatchResult
from bot.logs import configure_logging
from bot.metrics import Metrics
from bot.rules.holder import PlaybookHolder
from bot.scheduling.pipeline_process import CHILD_CONFIG_ENV, ChildChannel, serve_child
from bot.scheduling.pipeline_worker import PipelineWorker

__all__ = ["main"]

log = logging.getLogger(__name__)

BOT_RETRY_SECONDS = 5.0
"""Between attempts to reach the Bot API at start (the web process's own bot retries on the same rhythm)."""
REPORT_SECONDS = 2.0
"""How often the delivery's health and counts reach the web process (its /healthz and /metrics)."""


def main() -> None:
    config = json.loads(os.environ[CHILD_CONFIG_ENV])
    if "token_fd" in config:  # read and closed before anything else runs
        with os.fdopen(int(config.pop("token_fd")), "rb") as pipe:
            config["token"] = pipe.read().decode()
    configure_logging(config["log_level"], [], fmt=config["log_format"])
    # Ctrl-C in a terminal reaches the whole process group: the web process stops this one by closing the socket.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        asyncio.run(_run(config))
    except Exception:
        log.exception("the pipeline process failed; the web process starts it again")
        sys.exit(1)


async def _run(config: dict[str, Any]) -> None:
    # This process's loop does nothing but the pipeline's database work: SQLite statements run inline, without
    # aiosqlite's per-statement thread hand-overs (bot.db.inline_sqlite). Its commits do not wait for an fsync
    # while they hold SQLite's one write lock (the webhook's group commit waits for that lock): what it writes is
    # derived from mentions already on disk, and a card leaves only after the web process's notifier has
    # claimed it in a commit that fsyncs, which puts every earlier commit on disk too.
    engine = create_engine(config["database_url"], inline_sqlite=True, fsync_each_commit=False)
    try:
        playbooks = PlaybookHolder.load(Path(config["playbook"]))
        channel = ChildChannel(socket.socket(fileno=int(config["fd"])))
        after_batch: list[Callable[[], None]] = []  # the notifier's wake-up, once it runs

        def on_batch(result: BatchResult) -> None:
            channel.report(result)
            if result.escalations_opened or result.escalations_touched:
                for wake in after_batch:
                    wake()

        worker = PipelineWorker(
            create_session_factory(engine),
            playbooks,
            SystemClock(),
            Metrics(),
            on_batch=on_batch,
            idle_poll_seconds=float(config.get("idle_poll_seconds", 2.0)),
        )
        token = config.get("token")

        async def deliver() -> None:
            assert token is not None
            await _deliver_outbox(config, token, playbooks, channel, after_batch)

        await serve_child(
            worker, playbooks, channel, parent_pid=int(config["parent_pid"]), companion=deliver if token else None
        )
    finally:
        await engine.dispose()


async def _deliver_outbox(
    config: dict[str, Any],
    token: str,
    playbooks: PlaybookHolder,
    channel: ChildChannel,
    after_batch: list[Callable[[], None]],
) -> None:
    """Deliver the outbox from this process until cancelled: the same `Notifier` the web process runs when the
    pipeline is in-process, on a connection of its own that fsyncs every commit (a card is marked `sending` on
    disk before it goes out, so a power cut never sends it twice)."""
    from bot.telegram.notifier import Notifier, build_notifier
    from bot.telegram.sending_bot import build_sending_bot

    telegram = config["telegram"]
    bot = build_sending_bot(token=token, api_url=telegram["api_url"])
    engine = create_engine(config["database_url"], inline_sqlite=True)
    metrics = Metrics()
    notifier: Notifier | None = None
    try:
        while True:
            try:
                await bot.initialize()
                break
            except Exception as exc:
                log.error("the outbox cannot reach the Bot API (%s: %s); retrying", type(exc).__name__, exc)
                await asyncio.sleep(BOT_RETRY_SECONDS)
        notifier = build_notifier(
            bot, create_session_factory(engine), SystemClock(), metrics, telegram, playbook=lambda: playbooks.playbook
        )
        notifier.start()
        channel.wake_notifier = notifier.wake
        after_batch.append(notifier.wake)
        counts = _Counts(metrics)
        while True:
            sent, failed = counts.since_last()
            channel.report_notifier(alive=notifier.alive, sent=sent, failed=failed)
            await asyncio.sleep(REPORT_SECONDS)
    finally:
        channel.wake_notifier = None
        after_batch.clear()
        if notifier is not None:
            await notifier.stop()
        with contextlib.suppress(Exception):
            await bot.shutdown()
        await engine.dispose()


class _Counts:
    """The delivery counters since the last report (the web process adds them to its own)."""

    def __init__(self, metrics: Metrics) -> None:
        self._metrics = metrics
        self._last: dict[tuple[str, str], float] = {}

    def since_last(self) -> tuple[dict[str, float], dict[str, float]]:
        out: tuple[dict[str, float], dict[str, float]] = ({}, {})
        for index, (counter, label) in enumerate(
            ((self._metrics.notifications_sent, "kind"), (self._metrics.notifications_failed, "reason"))
        ):
            for metric in counter.collect():
                for sample in metric.samples:
                    if not sample.name.endswith("_total"):
                        continue
                    key = (sample.name, sample.labels[label])
                    delta = sample.value - self._last.get(key, 0.0)
                    if delta:
                        out[index][sample.labels[label]] = delta
                        self._last[key] = sample.value
        return out
