"""Shared by the storm and latency benchmarks: the real app as `python -m bot run` in its own process, wired to a
fake Bot API server that runs in the benchmark's own event loop, and an open-loop (paced) load generator.

- `prepare_database(url, playbook, chats)`: migrate, sync the playbook's people and write a `telegram_link` row
  per person (as `tests/e2e/test_sigkill.py` does), so the app can page them without invites.
- `DirectoApp`: `python -m bot run` with `DIRECTO_*` variables only (no developer `.env`: its cwd is a temporary
  directory), ready when `/healthz` says Telegram is up; stopped with SIGINT, then SIGKILL if it hangs.
- `paced_load(...)`: sends request `i` at `t0 + i / rate` (open loop: a slow server does not slow the sender)
  over a pool of keep-alive connections (the raw protocol of `_loadgen`), recording each POST's send time on
  `time.time()`, the clock the fake server stamps its call log with.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
from _loadgen import _Connection
from _servers import BENCH_SECRET, _children, _cpu_seconds, _plain, free_port

from bot.sources.standard_webhooks import sign

__all__ = [
    "DirectoApp",
    "PacedResult",
    "alternating_rounds",
    "backlog_sampler",
    "card_stamps",
    "load_average",
    "paced_load",
    "pending_mentions",
    "prepare_database",
    "signed_post",
]

ROOT = Path(__file__).resolve().parent.parent


async def prepare_database(url: str, playbook: str, chats: dict[str, int]) -> None:
    """Migrate, create the playbook's people and link each `chats` key (person id) to its Telegram chat."""
    from sqlalchemy.pool import NullPool

    from bot.clock import SystemClock
    from bot.db.engine import create_engine, create_session_factory
    from bot.db.migrate import upgrade
    from bot.db.models import Person, TelegramLink
    from bot.escalation.people import sync_people
    from bot.rules import parse_playbook

    engine = create_engine(url, poolclass=NullPool)
    try:
        await upgrade(engine)
        async with create_session_factory(engine)() as session, session.begin():
            from sqlalchemy import select

            now = SystemClock().now()
            await sync_people(session, parse_playbook(playbook), now)
            for key, chat in chats.items():
                person = await session.scalar(select(Person).where(Person.key == key))
                assert person is not None, key
                session.add(TelegramLink(person_id=person.id, telegram_user_id=chat, chat_id=chat, linked_at=now))
    finally:
        await engine.dispose()


class DirectoApp:
    """`python -m bot run` in a process of its own (its pipeline worker in a child process, the default)."""

    def __init__(self, env: dict[str, str], workdir: Path) -> None:
        self.port = free_port()
        self.log_path = workdir / "directo.log"
        self.workdir = workdir
        self.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "PYTHONPATH": str(ROOT),
            "PTB_TIMEDELTA": "true",
            "DIRECTO_HOST": "127.0.0.1",
            "DIRECTO_PORT": str(self.port),
            "DIRECTO_GENERIC_WEBHOOK_SECRET": BENCH_SECRET,
            "DIRECTO_LOG_LEVEL": "WARNING",
            "DIRECTO_LOG_FORMAT": "text",
            **env,
        }
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def start(self, timeout: float = 60.0) -> None:  # noqa: ASYNC109 - a start-up deadline, not a cancel scope
        with self.log_path.open("ab") as out:
            self.process = subprocess.Popen(  # noqa: ASYNC220 - a child we keep running and stop later
                [sys.executable, "-m", "bot", "run"],
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
                cwd=self.workdir,
            )
        deadline = time.monotonic() + timeout
        async with httpx.AsyncClient(timeout=2) as client:
            while time.monotonic() < deadline:
                if self.process.poll() is not None:
                    raise RuntimeError(f"directo exited with {self.process.returncode}:\n{self.log_tail()}")
                with contextlib.suppress(httpx.HTTPError, ValueError, KeyError):
                    body = (await client.get(f"{self.url}/healthz")).json()
                    if body["checks"]["telegram"]["ok"] and body["checks"]["worker"]["ok"]:
                        return  # Telegram linked and the pipeline process has started its worker
                await asyncio.sleep(0.1)
        raise RuntimeError(f"directo did not become ready within {timeout} s:\n{self.log_tail()}")

    def cpu_seconds(self) -> tuple[float, float]:
        """(web process, pipeline child process) CPU seconds so far."""
        if self.process is None:
            return 0.0, 0.0
        pid = self.process.pid
        return _cpu_seconds(pid), sum(_cpu_seconds(child) for child in _children(pid))

    async def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGINT)  # graceful: the lifespan shutdown runs
        for _ in range(300):
            if self.process.poll() is not None:
                return
            await asyncio.sleep(0.1)
        self.process.kill()
        self.process.wait()

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except FileNotFoundError:
            return ""

    def error_lines(self) -> list[str]:
        try:
            text = self.log_path.read_text(errors="replace")
        except FileNotFoundError:
            return []
        return [line for line in text.splitlines() if "Traceback" in line or " ERROR " in line or "CRITICAL" in line]


def signed_post(payload: dict[str, Any], msg_id: str, path: str = "/webhooks/generic") -> bytes:
    """A whole HTTP/1.1 request, signed with Standard Webhooks at this moment."""
    body = json.dumps(payload, ensure_ascii=False).encode()
    stamp = int(time.time())
    head = (
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\nwebhook-id: {msg_id}\r\nwebhook-timestamp: {stamp}\r\n"
        f"webhook-signature: {sign(BENCH_SECRET, msg_id, stamp, body)}\r\n\r\n"
    )
    return head.encode() + body


@dataclass
class PacedResult:
    planned: int
    seconds: float = 0.0
    sent_at: dict[int, float] = field(default_factory=dict)  # index → time.time() at send, for `track`ed ones
    latencies: list[float] = field(default_factory=list)  # POST → 202, seconds
    statuses: Counter[int] = field(default_factory=Counter)
    accepted: int = 0  # mentions the app said it stored (sum of "accepted")
    errors: int = 0
    late: float = 0.0  # how far the sender fell behind its schedule at worst, seconds
    client_cpu: float = 0.0


MakeRequest = Callable[[int], bytes]


async def paced_load(
    port: int,
    make: MakeRequest,
    *,
    rate: float,
    count: int,
    track: Callable[[int], bool] = lambda i: False,
    connections: int = 64,
) -> PacedResult:
    """Open loop: request `i` (made by `make(i)`) leaves at `t0 + i / rate` on a free keep-alive connection."""
    loop = asyncio.get_running_loop()
    free: asyncio.Queue[_Connection] = asyncio.Queue()
    for _ in range(connections):
        free.put_nowait((await loop.create_connection(_Connection, "127.0.0.1", port))[1])
    out = PacedResult(planned=count)
    cpu0 = time.process_time()
    tasks: set[asyncio.Task[None]] = set()

    async def one(i: int, conn: _Connection) -> None:
        request = make(i)
        started = time.perf_counter()
        if track(i):
            out.sent_at[i] = time.time()
        try:
            status, body = await conn.send(request)
        except (ConnectionError, OSError):
            out.errors += 1
            conn = (await loop.create_connection(_Connection, "127.0.0.1", port))[1]
        else:
            out.latencies.append(time.perf_counter() - started)
            out.statuses[status] += 1
            if status == 202:
                out.accepted += int(json.loads(body).get("accepted", 0))
        free.put_nowait(conn)

    t0 = time.perf_counter()
    for i in range(count):
        due = t0 + i / rate
        delay = due - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        else:
            out.late = max(out.late, -delay)
        conn = await free.get()
        task = asyncio.create_task(one(i, conn))
        tasks.add(task)
        task.add_done_callback(tasks.discard)
    if tasks:
        await asyncio.gather(*tasks)
    out.seconds = time.perf_counter() - t0
    out.client_cpu = (time.process_time() - cpu0) / out.seconds
    while not free.empty():
        conn = free.get_nowait()
        if conn.transport is not None:
            conn.transport.close()
    return out


async def pending_mentions(database_url: str) -> int:
    """Rows still waiting for triage, read straight from the database (in a thread for SQLite)."""
    if database_url.startswith("sqlite"):
        import sqlite3

        path = database_url.split(":///", 1)[1]

        def count() -> int:
            with contextlib.closing(sqlite3.connect(path, timeout=5)) as db:
                return int(db.execute("SELECT count(*) FROM mention WHERE status = 'pending'").fetchone()[0])

        return await asyncio.to_thread(count)
    import asyncpg  # type: ignore[import-untyped]

    conn = await asyncpg.connect(_plain(database_url))
    try:
        return int(await conn.fetchval("SELECT count(*) FROM mention WHERE status = 'pending'"))
    finally:
        await conn.close()


async def metric(app_url: str, name: str, client: httpx.AsyncClient) -> float | None:
    try:
        text = (await client.get(f"{app_url}/metrics")).text
    except httpx.HTTPError:
        return None
    for line in text.splitlines():
        if line.startswith(name + " ") or line.startswith(name + "{"):
            return float(line.rsplit(" ", 1)[1])
    return None


async def backlog_sampler(
    app_url: str, database_url: str, samples: list[tuple[float, int, float | None]], *, every: float = 1.0
) -> None:
    """Every `every` seconds until cancelled: (seconds since start, pending rows in the database,
    `directo_pipeline_backlog` from /metrics)."""
    t0 = time.perf_counter()
    async with httpx.AsyncClient(timeout=5) as client:
        while True:
            pending = await pending_mentions(database_url)
            gauge = await metric(app_url, "directo_pipeline_backlog", client)
            samples.append((time.perf_counter() - t0, pending, gauge))
            await asyncio.sleep(every)


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


CARD_STAMPS_SQL = """
SELECT m.external_id, m.received_at, m.processed_at, n.sent_at
FROM mention m JOIN escalation e ON e.first_mention_id = m.id
JOIN notification n ON n.escalation_id = e.id AND n.kind = 'card_send'
"""


async def card_stamps(url: str) -> list[tuple[str, float, float | None, float | None]]:
    """For each case's first card: (external id of the mention that opened it, when the webhook stamped it,
    when the pipeline batch that took it started, when the notifier marked the card `sending`), as Unix times
    on the app's clock (this host's)."""
    if url.startswith("sqlite"):
        import sqlite3

        with sqlite3.connect(url.split(":///", 1)[1]) as db:
            rows = db.execute(CARD_STAMPS_SQL).fetchall()
    else:
        import asyncpg  # type: ignore[import-untyped]
        from _servers import _plain

        conn = await asyncpg.connect(_plain(url))
        try:
            rows = [tuple(r) for r in await conn.fetch(CARD_STAMPS_SQL)]
        finally:
            await conn.close()

    def ts(value: Any) -> float | None:
        if value is None:
            return None
        if isinstance(value, str):
            value = datetime.fromisoformat(value)
        return float((value if value.tzinfo else value.replace(tzinfo=UTC)).timestamp())

    return [(str(e), ts(r) or 0.0, ts(p), ts(n)) for e, r, p, n in rows]


async def alternating_rounds(
    args: Any, one_round: Callable[[str, int, Any], Awaitable[dict[str, Any]]]
) -> list[dict[str, Any]]:
    """`args.repeats` rounds, each over the databases `args.database` names (both: SQLite, then PostgreSQL)."""
    databases = ["sqlite", "postgres"] if args.database == "both" else [args.database]
    return [await one_round(database, r, args) for r in range(1, args.repeats + 1) for database in databases]
