"""The pipeline worker in its own process, so triage never competes with webhook ingest for the GIL.

`PipelineProcess` (in the web process) starts the child, wakes it after every group commit, hears back when it
opened or changed escalations, and starts it again when it dies. `serve_child` (in the child) runs the
`PipelineWorker` until the web process goes away.

The two talk over one Unix socketpair, inherited by the child (`pass_fds`):

* web → child: one byte per wake-up of the pipeline (`w`) or of the outbox's delivery (`n`: something the web
  process queued, a button's edit, a nudge), or `r` to reload the playbook (SIGHUP). Bytes that pile up while
  the child is busy are read at once and count as one wake-up, so the web side never blocks on it.
* child → web: one JSON line per pipeline batch: `{"changed": bool, "severities": {...}, "opened": n}`, for the
  metrics, and, when the child delivers the outbox, `{"notifier": {"alive": bool, "sent": {...}, "failed":
  {...}}}` with the delivery counts since the last such line.

When Telegram is configured the child also delivers the outbox (`bot.telegram.notifier.Notifier`): a page goes
out from the process that opened its case, right after the batch's commit, instead of queueing behind the web
process's requests (docs/benchmarks.md, Latency). The bot token reaches it through a pipe read once at start,
never through its environment.
* end of file: the other side is gone. The child exits when the web process closes its end or dies (also on
  SIGKILL: the kernel closes the socket); the web process starts a new child when the child's end closes.

The database stays the truth: a child killed mid-batch leaves its mentions pending (the batch is one
transaction), and the next child takes them at start.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import socket
import subprocess
import time
from collections import Counter
from collections.abc import Callable, Coroutine, Mapping, Sequence
from typing import Any

from bot.escalation.pipeline import BatchResult
from bot.metrics import Metrics
from bot.rules.holder import PlaybookHolder
from bot.scheduling.pipeline_worker import PipelineWorker

__all__ = ["CHILD_CONFIG_ENV", "ChildChannel", "PipelineProcess", "serve_child"]

log = logging.getLogger(__name__)

CHILD_CONFIG_ENV = "DIRECTO_PIPELINE_CHILD"
"""The environment variable carrying the child's configuration (JSON, with the socket's fd number)."""
WAKE, NOTIFY, RELOAD = b"w", b"n", b"r"
_SECRET_MARKERS = ("TOKEN", "SECRET", "PASSWORD", "CREDENTIAL", "KEY")  # the child needs none of them


class PipelineProcess:
    """The web process's handle on the pipeline child: same surface as `PipelineWorker` (start, stop, wake,
    alive), so the composition root wires either."""

    def __init__(
        self,
        command: Sequence[str],
        config: Mapping[str, Any],
        metrics: Metrics,
        *,
        on_escalation_change: Callable[[], None] = lambda: None,
        telegram_token: str | None = None,
        restart_delay: float = 0.5,
        max_restart_delay: float = 10.0,
        stop_timeout: float = 10.0,
    ) -> None:
        self._command = list(command)
        self._config = dict(config)
        self._metrics = metrics
        self._on_change = on_escalation_change
        self._token = telegram_token
        self._restart_delay = restart_delay
        self._max_restart_delay = max_restart_delay
        self._stop_timeout = stop_timeout
        self._task: asyncio.Task[None] | None = None
        self._proc: subprocess.Popen[bytes] | None = None
        self._sock: socket.socket | None = None
        self._buffer = b""
        self.ready = False
        """The current child has started its worker (it says so once its imports and playbook are done)."""
        self.restarts = 0
        """How many times the child was started again after it died."""
        self.notifier_alive = False
        """The current child delivers the outbox (it says so once its bot has answered)."""

    @property
    def delivers_outbox(self) -> bool:
        """The child delivers the outbox (Telegram is configured)."""
        return self._token is not None

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc is not None and self._proc.poll() is None else None

    @property
    def alive(self) -> bool:
        return self._task is not None and not self._task.done() and self.pid is not None

    def start(self) -> None:
        self._task = asyncio.create_task(self._supervise(), name="pipeline-process")

    async def stop(self) -> None:
        """Close our end (the child finishes its batch and exits), then wait; terminate it if it lingers."""
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
            self._task = None
        self._disconnect()
        proc, self._proc = self._proc, None
        if proc is not None:
            await asyncio.to_thread(_reap, proc, self._stop_timeout)

    def wake(self) -> None:
        self._send(WAKE)

    def wake_notifier(self) -> None:
        self._send(NOTIFY)

    def reload(self) -> None:
        self._send(RELOAD)

    def _send(self, byte: bytes) -> None:
        if self._sock is None:
            return  # (re)starting: the child drains everything pending when it starts
        with contextlib.suppress(BlockingIOError, InterruptedError):  # full: the child has bytes to read anyway
            self._sock.send(byte)

    async def _supervise(self) -> None:
        delay = self._restart_delay
        while True:
            started = time.monotonic()
            closed = await self._spawn()
            await closed
            self._disconnect()
            proc, self._proc = self._proc, None
            code = await asyncio.to_thread(_reap, proc, self._stop_timeout) if proc is not None else None
            if time.monotonic() - started > 30:
                delay = self._restart_delay  # it ran for a while: a fresh failure, not a crash loop
            log.error("the pipeline process exited (code %s); starting it again in %.1f s", code, delay)
            await asyncio.sleep(delay)
            delay = min(delay * 2, self._max_restart_delay)
            self.restarts += 1

    async def _spawn(self) -> asyncio.Future[None]:
        ours, theirs = socket.socketpair()
        env = {k: v for k, v in os.environ.items() if not any(m in k.upper() for m in _SECRET_MARKERS)}
        config = {**self._config, "fd": theirs.fileno(), "parent_pid": os.getpid()}
        passed = [theirs.fileno()]
        token_read = None
        if self._token is not None:  # through a pipe, so it is in no environment a `ps e` could show
            token_read, token_write = os.pipe()
            os.write(token_write, self._token.encode())
            os.close(token_write)
            config["token_fd"] = token_read
            passed.append(token_read)
        env[CHILD_CONFIG_ENV] = json.dumps(config)
        try:
            # Popen, not asyncio's subprocess: the socket, not a child watcher, tells us when the child is gone.
            self._proc = subprocess.Popen(self._command, env=env, pass_fds=passed)  # noqa: S603, ASYNC220
        except BaseException:
            ours.close()
            raise
        finally:
            theirs.close()
            if token_read is not None:
                os.close(token_read)
        log.info("pipeline process started (pid %d)", self._proc.pid)
        ours.setblocking(False)
        self._sock, self._buffer = ours, b""
        closed: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        asyncio.get_running_loop().add_reader(ours, self._readable, ours, closed)
        return closed

    def _readable(self, sock: socket.socket, closed: asyncio.Future[None]) -> None:
        try:
            data = sock.recv(65536)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            data = b""
        if not data:
            asyncio.get_running_loop().remove_reader(sock)
            if not closed.done():
                closed.set_result(None)
            return
        *lines, self._buffer = (self._buffer + data).split(b"\n")
        changed = False
        for line in lines:
            changed |= self._report(line)
        if changed:
            self._on_change()

    def _report(self, line: bytes) -> bool:
        try:
            report = json.loads(line)
        except ValueError:
            log.warning("unreadable report from the pipeline process: %r", line[:200])
            return False
        if report.get("ready"):
            self.ready = True
            log.info("pipeline process %s ready", self.pid)
            return False
        notifier = report.get("notifier")
        if notifier is not None:
            self.notifier_alive = bool(notifier.get("alive"))
            for kind, count in notifier.get("sent", {}).items():
                self._metrics.notifications_sent.labels(kind).inc(count)
            for reason, count in notifier.get("failed", {}).items():
                self._metrics.notifications_failed.labels(reason).inc(count)
            return False
        for severity, count in report.get("severities", {}).items():
            self._metrics.mentions_processed.labels(severity).inc(count)
        self._metrics.escalations_opened.inc(report.get("opened", 0))
        return bool(report.get("changed"))

    def _disconnect(self) -> None:
        self.ready = False
        self.notifier_alive = False
        sock, self._sock = self._sock, None
        if sock is not None:
            with contextlib.suppress(ValueError, RuntimeError):  # not registered, or the loop is closing
                asyncio.get_running_loop().remove_reader(sock)
            sock.close()


def _reap(proc: subprocess.Popen[bytes], timeout: float) -> int:
    """Wait for the child; SIGTERM it if it does not exit in time, then SIGKILL."""
    for action in (None, proc.terminate, proc.kill):
        if action is not None:
            with contextlib.suppress(ProcessLookupError):
                action()
        try:
            return proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            log.warning("the pipeline process (pid %d) did not exit in %.0f s", proc.pid, timeout)
    return proc.wait()


class ChildChannel:
    """The child's end of the socketpair: wakes the worker, reports batches, notices the parent leaving."""

    def __init__(self, sock: socket.socket) -> None:
        self._sock = sock
        self._sock.setblocking(False)
        self._out = bytearray()
        self.closed: asyncio.Future[None] | None = None
        self.wake_notifier: Callable[[], None] | None = None
        """Set once the child's notifier runs: what an `n` from the web process calls."""

    def attach(self, worker: PipelineWorker, playbooks: PlaybookHolder) -> None:
        loop = asyncio.get_running_loop()
        self.closed = loop.create_future()

        def readable() -> None:
            try:
                data = self._sock.recv(65536)
            except (BlockingIOError, InterruptedError):
                return
            except OSError:
                data = b""
            if not data:
                self._close()
                return
            if RELOAD in data:
                playbooks.reload()
            if NOTIFY in data and self.wake_notifier is not None:
                self.wake_notifier()
            if WAKE in data or RELOAD in data:
                worker.wake()

        loop.add_reader(self._sock, readable)

    def announce_ready(self) -> None:
        """Tell the web process the worker runs (its `/healthz` says "starting" until then)."""
        self._out += b'{"ready": true}\n'
        self._flush()

    def report(self, result: BatchResult) -> None:
        """Tell the web process what a batch did (it wakes the notifier when escalations changed)."""
        changed = bool(result.escalations_opened or result.escalations_touched)
        line = {"changed": changed, "severities": Counter(result.severities), "opened": len(result.escalations_opened)}
        self._out += json.dumps(line).encode() + b"\n"
        self._flush()

    def report_notifier(self, *, alive: bool, sent: Mapping[str, float], failed: Mapping[str, float]) -> None:
        """Tell the web process whether the outbox is being delivered, and what went out since the last report."""
        line = {"notifier": {"alive": alive, "sent": dict(sent), "failed": dict(failed)}}
        self._out += json.dumps(line).encode() + b"\n"
        self._flush()

    def _flush(self) -> None:
        loop = asyncio.get_running_loop()
        try:
            sent = self._sock.send(self._out) if self._out else 0
        except (BlockingIOError, InterruptedError):
            sent = 0
        except OSError:
            self._close()
            return
        del self._out[:sent]
        with contextlib.suppress(ValueError, RuntimeError):
            loop.remove_writer(self._sock)
        if self._out:
            loop.add_writer(self._sock, self._flush)

    def _close(self) -> None:
        loop = asyncio.get_running_loop()
        with contextlib.suppress(ValueError, RuntimeError):
            loop.remove_reader(self._sock)
            loop.remove_writer(self._sock)
        if self.closed is not None and not self.closed.done():
            self.closed.set_result(None)


async def serve_child(
    worker: PipelineWorker,
    playbooks: PlaybookHolder,
    channel: ChildChannel,
    *,
    parent_pid: int,
    check_seconds: float = 2.0,
    companion: Callable[[], Coroutine[Any, Any, None]] | None = None,
) -> None:
    """Run the worker until the web process closes the socket or dies; reload the playbook when its file
    changes. The worker drains whatever is pending at start, so nothing waits for a first wake-up.

    `companion` (the outbox's delivery, when Telegram is configured) runs beside the worker, started once the
    worker runs and stopped when it stops; if it ends by itself, the child fails and is started again."""
    channel.attach(worker, playbooks)
    assert channel.closed is not None
    worker.start()
    channel.announce_ready()
    beside: asyncio.Task[None] | None = None
    if companion is not None:
        beside = asyncio.create_task(companion(), name="pipeline-companion")
    try:
        while not channel.closed.done():
            await asyncio.wait([channel.closed], timeout=check_seconds)
            if os.getppid() != parent_pid:
                log.warning("the web process (pid %d) is gone; the pipeline process stops", parent_pid)
                break
            if not worker.alive:
                raise RuntimeError("the pipeline worker stopped")
            if beside is not None and beside.done():
                raise RuntimeError("the outbox's delivery stopped") from beside.exception()
            playbooks.check_for_changes()
    finally:
        if beside is not None:
            beside.cancel()
            await asyncio.gather(beside, return_exceptions=True)
        await worker.stop()
