"""`FakeBotApiServer`: the fake Telegram running in-process on 127.0.0.1, on a free port by default."""

from __future__ import annotations

import asyncio
import contextlib
import socket
import time
from collections.abc import Callable, Generator
from types import TracebackType

import httpx
import uvicorn

from .actors import Actors
from .app import build_app
from .context import ApiContext
from .faults import FaultInjector
from .limits import RateLimiter
from .state import SandboxState, User
from .webhook import WebhookDelivery

__all__ = ["DEFAULT_TOKEN", "FakeBotApiServer"]

DEFAULT_TOKEN = "123456789:SANDBOX-fake-token"  # noqa: S105 - the fake server's own made-up token


class _InProcessServer(uvicorn.Server):
    """uvicorn without signal handlers (the host owns them) that stops as soon as it is told to."""

    exit_requested: asyncio.Event | None = None

    @contextlib.contextmanager
    def capture_signals(self) -> Generator[None, None, None]:
        yield

    async def main_loop(self) -> None:
        self.exit_requested = asyncio.Event()
        counter = 0
        while not await self.on_tick(counter):
            counter += 10  # on_tick refreshes the Date header when counter % 10 == 0
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.exit_requested.wait(), 1.0)

    def request_exit(self) -> None:
        self.should_exit = True
        if self.exit_requested is not None:
            self.exit_requested.set()


class FakeBotApiServer:
    """A fake Bot API server for one bot token; ``async with FakeBotApiServer() as server: ...``."""

    def __init__(
        self,
        token: str = DEFAULT_TOKEN,
        *,
        bot_username: str = "directo_sandbox_bot",
        bot_first_name: str = "Directo",
        host: str = "127.0.0.1",
        port: int = 0,
        rate_limits: bool = False,
        strict_ampersand: bool = True,
        callback_query_ttl: float = 15.0,
        webhook_retry_delays: tuple[float, ...] = (0.05, 0.2, 0.5, 1.0),
        clock: Callable[[], float] = time.time,
    ) -> None:
        bot_id = int(token.split(":", 1)[0]) if token.split(":", 1)[0].isdigit() else 123456789
        self.token = token
        self.host = host
        self.port = port
        self.state = SandboxState(User(bot_id, bot_first_name, is_bot=True, username=bot_username), clock=clock)
        self.limiter = RateLimiter(clock, enabled=rate_limits)
        self.faults = FaultInjector(clock)
        self.act = Actors(self.state)
        self.ctx = ApiContext(
            self.state, self.limiter, strict_ampersand=strict_ampersand, callback_query_ttl=callback_query_ttl
        )
        self.app = build_app(self.ctx, self.act, self.faults, token=token)
        self._retry_delays = webhook_retry_delays
        self._server: _InProcessServer | None = None
        self._tasks: list[asyncio.Task[None]] = []
        self._client: httpx.AsyncClient | None = None
        self.webhook: WebhookDelivery | None = None

    @property
    def url(self) -> str:
        """The server's root, e.g. ``http://127.0.0.1:54321``; the bot calls ``{url}/bot{token}/{method}``."""
        if self._server is None:
            raise RuntimeError("the server is not started")
        return f"http://{self.host}:{self.port}"

    @property
    def base_url(self) -> str:
        """What python-telegram-bot takes as ``base_url``: ``{url}/bot``."""
        return f"{self.url}/bot"

    def set_rate_limits(self, enabled: bool) -> None:
        """Switch Telegram's flood limits on or off (buckets start full)."""
        self.limiter.enabled = enabled
        self.limiter.reset()

    async def start(self) -> None:
        if self._server is not None:
            raise RuntimeError("the server is already started")
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        # Accepted sockets inherit this: without it every answer waits ~40 ms for a delayed ACK.
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.bind((self.host, self.port))
        self.port = sock.getsockname()[1]
        config = uvicorn.Config(self.app, log_level="warning", lifespan="off", ws="none", timeout_graceful_shutdown=2)
        self._server = _InProcessServer(config)
        self.ctx.closing = False
        serving = asyncio.create_task(self._server.serve(sockets=[sock]))
        self._tasks.append(serving)
        while not self._server.started:
            if serving.done():
                sock.close()
                self._server = None
                serving.result()
                raise RuntimeError("the sandbox server stopped while starting")
            await asyncio.sleep(0.005)
        self._client = httpx.AsyncClient(timeout=httpx.Timeout(5.0))
        self.webhook = WebhookDelivery(self.ctx, self._client, retry_delays=self._retry_delays)
        self._tasks.append(asyncio.create_task(self.webhook.run()))

    async def stop(self) -> None:
        """End long polls and webhook delivery, then stop uvicorn and close the webhook client."""
        if self._server is None:
            return
        self.ctx.closing = True
        self.state.notify()
        self._server.request_exit()
        for task in self._tasks:
            if task is not self._tasks[0]:
                task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._tasks.clear()
        if self._client is not None:
            await self._client.aclose()
            self._client = None
        self._server = None

    async def __aenter__(self) -> FakeBotApiServer:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.stop()
