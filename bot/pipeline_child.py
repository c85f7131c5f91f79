"""Entry point of the pipeline's child process, started by `bot.scheduling.pipeline_process.PipelineProcess`.

Not a command for people. It imports only what triage and settling need (not the web framework, the Telegram
library or the report's charts): the child is started with the web process and again after a crash, and
until it runs, mentions wait (seconds of imports on a busy 2-core machine).
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import signal
import socket
import sys
from pathlib import Path
from typing import Any

from bot.clock import SystemClock
from bot.db.engine import create_engine, create_session_factory
from bot.logs import configure_logging
from bot.metrics import Metrics
from bot.rules.holder import PlaybookHolder
from bot.scheduling.pipeline_process import CHILD_CONFIG_ENV, ChildChannel, serve_child
from bot.scheduling.pipeline_worker import PipelineWorker

__all__ = ["main"]

log = logging.getLogger(__name__)


def main() -> None:
    config = json.loads(os.environ[CHILD_CONFIG_ENV])
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
        worker = PipelineWorker(
            create_session_factory(engine),
            playbooks,
            SystemClock(),
            Metrics(),
            on_batch=channel.report,
            idle_poll_seconds=float(config.get("idle_poll_seconds", 2.0)),
        )
        await serve_child(worker, playbooks, channel, parent_pid=int(config["parent_pid"]))
    finally:
        await engine.dispose()
