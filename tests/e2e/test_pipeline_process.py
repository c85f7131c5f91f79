"""`directo run` triages in a child process: a killed child is started again (and /healthz says so), and the
child does not outlive the web process, even when that one is SIGKILLed."""

from __future__ import annotations

import os
import re
import signal
from pathlib import Path

import httpx
import pytest

from tests.support.app_server import wait_until
from tests.support.process import DirectoProcess

pytestmark = pytest.mark.slow


def children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


def running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


async def worker_check(url: str) -> dict[str, object]:
    async with httpx.AsyncClient(timeout=5) as client:
        body = (await client.get(f"{url}/healthz")).json()
    return dict(body["checks"]["worker"])


def pipeline_pid(detail: object) -> int | None:
    match = re.search(r"pipeline process (\d+)", str(detail))
    return int(match.group(1)) if match else None


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads the process tree from /proc")
async def test_the_pipeline_child_is_restarted_and_dies_with_its_parent(empty_db_url: str, tmp_path: Path) -> None:
    directo = DirectoProcess({"DIRECTO_DATABASE_URL": empty_db_url, "DIRECTO_LOG_FORMAT": "text"}, tmp_path / "log")
    try:
        await directo.start(ready="worker")
        assert directo.proc is not None
        parent = directo.proc.pid
        check = await worker_check(directo.url)
        first = pipeline_pid(check["detail"])
        assert first in children(parent), check

        os.kill(first, signal.SIGKILL)

        async def restarted() -> int | None:
            check = await worker_check(directo.url)
            pid = pipeline_pid(check["detail"])
            return pid if check["ok"] and pid not in (None, first) else None

        second = await wait_until(restarted, within=15)
        assert "restarted 1 times" in str((await worker_check(directo.url))["detail"])
        assert "the pipeline process exited" in (tmp_path / "log").read_text()

        directo.kill()  # SIGKILL: no shutdown code runs in the web process
        await wait_until(lambda: not running(second), within=10)  # the child exits when its parent dies
    finally:
        directo.stop()
