"""Run `directo run` as a real child process (to kill it with SIGKILL and start it again)."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from tests.support.app_server import GENERIC_SECRET


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class DirectoProcess:
    def __init__(self, env: dict[str, str], log: Path) -> None:
        self.port = free_port()
        self.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "PTB_TIMEDELTA": "true",
            "DIRECTO_HOST": "127.0.0.1",
            "DIRECTO_PORT": str(self.port),
            "DIRECTO_GENERIC_WEBHOOK_SECRET": GENERIC_SECRET,
            "DIRECTO_LOG_LEVEL": "INFO",
            **env,
        }
        self.log = log
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def start(self, *, ready: str = "telegram") -> None:
        out = self.log.open("ab")
        self.proc = subprocess.Popen(  # noqa: ASYNC220 - a child we keep running and later kill
            [sys.executable, "-m", "bot", "run"],
            env=self.env,
            stdout=out,
            stderr=subprocess.STDOUT,
            cwd=self.log.parent,
        )
        out.close()
        deadline = time.monotonic() + 30
        async with httpx.AsyncClient(timeout=2) as client:
            while time.monotonic() < deadline:
                if self.proc.poll() is not None:
                    raise RuntimeError(f"directo exited with {self.proc.returncode}:\n{self.log.read_text()[-3000:]}")
                try:
                    body = (await client.get(f"{self.url}/healthz")).json()
                    if body["checks"][ready]["ok"]:
                        return
                except (httpx.HTTPError, ValueError, KeyError):
                    pass
                await asyncio.sleep(0.1)
        raise RuntimeError(f"directo did not become ready:\n{self.log.read_text()[-3000:]}")

    def kill(self) -> None:
        """SIGKILL: no shutdown code runs, exactly like a crash or an OOM kill."""
        assert self.proc is not None
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=10)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
