"""Start a `bench/_serve.py` server in its own process, wait until it accepts connections, read its CPU time, stop it.

Also the scratch databases: a fresh SQLite file in a temporary directory, or a scratch PostgreSQL database that is
dropped afterwards.
"""

from __future__ import annotations

import base64
import contextlib
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO
from urllib.parse import urlsplit, urlunsplit

import asyncpg  # type: ignore[import-untyped]

__all__ = ["BENCH_SECRET", "Server", "postgres_database", "sqlite_database", "stored_mentions"]

BENCH_SECRET = "whsec_" + base64.b64encode(b"directo-benchmark-secret-32byte!").decode()
SERVE = Path(__file__).with_name("_serve.py")
DEFAULT_POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
_TICKS = os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Server:
    kind: str
    port: int
    process: subprocess.Popen[bytes]

    @classmethod
    @contextlib.contextmanager
    def running(cls, kind: str, *, database_url: str | None = None, cwd: str | None = None) -> Iterator[Server]:
        """The server in a child process, with a clean environment: no developer `.env`, no Telegram token."""
        env = {k: v for k, v in os.environ.items() if not k.startswith("DIRECTO_")}
        env["DIRECTO_GENERIC_WEBHOOK_SECRET"] = BENCH_SECRET
        port = free_port()
        args = [sys.executable, str(SERVE), kind, "--port", str(port)]
        if database_url is not None:
            args += ["--database-url", database_url]
        with tempfile.TemporaryFile() as log:
            process = subprocess.Popen(
                args, env=env, cwd=cwd or tempfile.gettempdir(), stdout=log, stderr=subprocess.STDOUT
            )
            server = cls(kind, port, process)
            try:
                server._wait_ready()
                yield server
            finally:
                server._stop()
                _report_log(kind, log)

    def cpu_seconds(self) -> float:
        """User + system CPU time so far of the server process and its live children (the app's pipeline
        process), from /proc."""
        return sum(_cpu_seconds(pid) for pid in [self.process.pid, *_children(self.process.pid)])

    def child_cpu_seconds(self) -> float:
        """The children's share of `cpu_seconds` (the app's pipeline process)."""
        return sum(_cpu_seconds(pid) for pid in _children(self.process.pid))

    def _wait_ready(self, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the {self.kind} server exited with {self.process.returncode} while starting")
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", self.port), timeout=1):
                return
            time.sleep(0.05)
        raise RuntimeError(f"the {self.kind} server did not start within {timeout} s")

    def _stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)  # graceful: the app's lifespan shutdown runs
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def _cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except FileNotFoundError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / _TICKS


def _children(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except FileNotFoundError:
        return []


def _report_log(kind: str, log: IO[bytes]) -> None:
    """The server's own output (warnings, errors) goes to a file; its last lines are shown if it logged errors."""
    log.seek(0)
    lines = log.read().decode(errors="replace").splitlines()
    errors = [line for line in lines if "Traceback" in line or "ERROR" in line or "Error" in line]
    if errors:
        print(f"  ({kind} server logged {len(errors)} error lines; the last lines:)", file=sys.stderr)
        for line in lines[-8:]:
            print(f"  | {line}", file=sys.stderr)


@contextlib.contextmanager
def sqlite_database() -> Iterator[str]:
    """A fresh SQLite file (the app migrates it and sets WAL and synchronous=FULL itself)."""
    with tempfile.TemporaryDirectory(prefix="directo-bench-") as tmp:
        yield f"sqlite+aiosqlite:///{tmp}/bench.sqlite3"


@contextlib.asynccontextmanager
async def postgres_database(server_url: str | None = None) -> AsyncIterator[str]:
    """A scratch database on the server of `server_url` (or DIRECTO_BENCH_POSTGRES_URL), dropped afterwards."""
    admin = _plain(server_url or os.environ.get("DIRECTO_BENCH_POSTGRES_URL") or DEFAULT_POSTGRES_URL)
    name = f"directo_bench_{os.getpid()}_{time.monotonic_ns() % 10**9}"
    conn = await asyncpg.connect(admin)
    try:
        await conn.execute(f'CREATE DATABASE "{name}"')
        try:
            yield "postgresql+asyncpg://" + _with_database(admin, name).removeprefix("postgresql://")
        finally:
            await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await conn.close()


async def stored_mentions(database_url: str) -> int:
    """How many rows the mention table holds, read straight from the database after the server stopped."""
    if database_url.startswith("sqlite"):
        path = database_url.split(":///", 1)[1]
        with contextlib.closing(sqlite3.connect(path)) as db:
            return int(db.execute("SELECT count(*) FROM mention").fetchone()[0])
    conn = await asyncpg.connect(_plain(database_url))
    try:
        return int(await conn.fetchval("SELECT count(*) FROM mention"))
    finally:
        await conn.close()


def _plain(url: str) -> str:
    """asyncpg wants postgresql://…, without SQLAlchemy's +driver suffix."""
    scheme, rest = url.split("://", 1)
    return "postgresql://" + rest if scheme.startswith("postgres") else url


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))
