"""A small, cheap HTTP/1.1 load generator: raw asyncio protocols on uvloop, keep-alive, one request in flight
per connection (closed loop), latencies taken per request with `perf_counter`.

It costs a few microseconds of client CPU per request (no HTTP library, no header objects), so on a 2-core
machine it leaves most of a core to the server; `client_cpu` in the result says how much it used.
"""

from __future__ import annotations

import asyncio
import resource
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import cast

__all__ = ["LoadResult", "percentile", "run_load"]

MakeRequest = Callable[[], bytes]


@dataclass
class LoadResult:
    seconds: float
    latencies: list[float] = field(default_factory=list)
    statuses: Counter[int] = field(default_factory=Counter)
    accepted: int = 0  # responses whose body says `"accepted":1`
    errors: int = 0  # connections that broke
    client_cpu: float = 0.0  # client process CPU seconds / wall seconds (1.0 = one core)

    @property
    def requests(self) -> int:
        return len(self.latencies)

    @property
    def rate(self) -> float:
        return self.statuses[202] / self.seconds if self.seconds else 0.0


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


class _Connection(asyncio.Protocol):
    """Parses back-to-back responses with a Content-Length; hands each to the waiting future."""

    def __init__(self) -> None:
        self.transport: asyncio.Transport | None = None
        self._buffer = bytearray()
        self._waiter: asyncio.Future[tuple[int, bytes]] | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = cast(asyncio.Transport, transport)  # uvloop's transports do not subclass asyncio's

    def send(self, request: bytes) -> asyncio.Future[tuple[int, bytes]]:
        assert self.transport is not None
        self._waiter = asyncio.get_running_loop().create_future()
        self.transport.write(request)
        return self._waiter

    def data_received(self, data: bytes) -> None:
        self._buffer += data
        end = self._buffer.find(b"\r\n\r\n")
        if end < 0:
            return
        head = bytes(self._buffer[:end]).lower()
        length = _content_length(head)
        if len(self._buffer) < end + 4 + length:
            return
        status = int(head[9:12])
        body = bytes(self._buffer[end + 4 : end + 4 + length])
        del self._buffer[: end + 4 + length]
        if self._waiter is not None and not self._waiter.done():
            self._waiter.set_result((status, body))

    def connection_lost(self, exc: Exception | None) -> None:
        if self._waiter is not None and not self._waiter.done():
            self._waiter.set_exception(exc or ConnectionError("connection closed by the server"))


async def _one_connection(host: str, port: int, make: MakeRequest, deadline: float, out: LoadResult) -> None:
    loop = asyncio.get_running_loop()
    _, conn = await loop.create_connection(_Connection, host, port)
    latencies, statuses, clock = out.latencies, out.statuses, time.perf_counter
    try:
        while clock() < deadline:
            request = make()
            started = clock()
            try:
                status, body = await conn.send(request)
            except (ConnectionError, OSError):
                out.errors += 1
                _, conn = await loop.create_connection(_Connection, host, port)
                continue
            latencies.append(clock() - started)
            statuses[status] += 1
            if b'"accepted":1' in body:
                out.accepted += 1
    finally:
        if conn.transport is not None:
            conn.transport.close()


async def run_load(host: str, port: int, make: MakeRequest, *, concurrency: int, seconds: float) -> LoadResult:
    """`concurrency` keep-alive connections, each sending its next request as soon as the last one is answered."""
    out = LoadResult(seconds=seconds)
    cpu_before = _cpu_seconds()
    started = time.perf_counter()
    deadline = started + seconds
    await asyncio.gather(*(_one_connection(host, port, make, deadline, out) for _ in range(concurrency)))
    out.seconds = time.perf_counter() - started
    out.client_cpu = (_cpu_seconds() - cpu_before) / out.seconds
    return out


def _content_length(head: bytes) -> int:
    start = head.find(b"\ncontent-length:")
    if start < 0:
        return 0
    stop = head.find(b"\r", start)
    return int(head[start + 16 : stop if stop >= 0 else None])


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime
