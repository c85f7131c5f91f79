"""Sandbox mode: `directo run` with no Telegram token plays Telegram locally and serves `/sandbox`.

Everything but Telegram is the real thing. The project's fake Bot API server (`bot.sandbox`) starts in
this process, in the same event loop, on a port of its own on 127.0.0.1; the bot is pointed at it through
the ordinary settings (`DIRECTO_TELEGRAM_TOKEN` / `DIRECTO_TELEGRAM_API_URL`), so python-telegram-bot
long-polls it over HTTP exactly as it would api.telegram.org. Why in-process on its own port:

- in-process: one command, one Ctrl-C, no second process to find or leave behind, and the page reads the
  very same state the bot writes to;
- its own port: the bot must reach the Bot API while Directo's lifespan is still starting (the app's own
  port only listens once the lifespan is done), and a separate address keeps "the bot talks HTTP to
  Telegram" literally true.

The same fake server's Starlette app is also mounted at `/sandbox/telegram`, so the page polls its
control API (`/_sandbox/...`) from the page's own origin. Each person of the playbook gets a fake user and
is linked through the real path: an invite code stored by `bot.actions.linking`, then `/start <code>` sent
by that user, which the bot's handler redeems (the bot's "linked" greeting is the first message on each
phone). Mentions fired from the page are signed with the generic source's secret and POSTed over HTTP to
this same server's `/webhooks/generic`, like `directo send`; drills run `bot.cli_drill`'s replay the same
way.

Routes added to the app (the sandbox's only ones; none exists without sandbox mode):

| `GET /sandbox/`                  | the page (`bot/sandbox/web`)                                        |
| `GET /sandbox/api/config`        | people and their chat ids, sample mentions, drills                  |
| `POST /sandbox/api/mentions`     | a mention (or `{"mentions": [...]}`), signed and POSTed to the webhook |
| `POST /sandbox/api/drills/NAME`  | start a bundled drill; `GET /sandbox/api/drills/runs/ID` its progress and report |
| `/sandbox/telegram/...`          | the fake Bot API server (its `/_sandbox/...` control API)           |
"""

from __future__ import annotations

import asyncio
import base64
import json
import logging
import secrets
import socket
import zlib
from collections.abc import AsyncIterator, Callable, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from importlib import resources
from pathlib import Path
from typing import Any

import httpx
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, RedirectResponse
from pydantic import SecretStr

from bot.actions.linking import create_invite
from bot.app import Runtime, build_app, secret_environment
from bot.cli_drill import DrillProgress, bundled_drills, load_scenario, replay, signed_post
from bot.clock import Clock
from bot.config import Settings, TelegramMode
from bot.domain.oncall import Layer, on_call
from bot.rules.sections import Person as PlaybookPerson
from bot.sandbox import FakeBotApiServer
from bot.sandbox.page import page_app

__all__ = ["SANDBOX_PATH", "Sandbox", "build_sandbox_app", "sandbox_user_id"]

log = logging.getLogger(__name__)
SANDBOX_PATH = "/sandbox"
GENERIC_SECRET_ENV = "DIRECTO_GENERIC_WEBHOOK_SECRET"  # noqa: S105 - the name of a variable
LINK_TIMEOUT_SECONDS = 30.0
CUSTOM_EXAMPLE = {
    "id": "my-mention-1",
    "platform": "x",
    "url": "https://x.com/sam_travels/status/42",
    "text": "No signal in the whole city since this morning and @movilia says nothing. Switching to Vozzia today.",
    "language": "en",
    "author": {"handle": "@sam_travels", "name": "Sam Carter", "followers": 48200, "verified": True},
}


def sandbox_user_id(person_key: str) -> int:
    """A stable fake Telegram user id per person (the same on every start, so old links stay valid)."""
    return 700_000_000 + zlib.crc32(person_key.encode()) % 100_000_000


@dataclass
class Sandbox:
    """What sandbox mode adds to the app: the fake Telegram, its people, and the page's actions."""

    telegram: FakeBotApiServer
    runtime: Runtime
    env: Callable[[], Mapping[str, str]]
    linked: asyncio.Event = field(default_factory=asyncio.Event)
    drills: dict[str, DrillProgress] = field(default_factory=dict)
    tasks: set[asyncio.Task[Any]] = field(default_factory=set)
    self_url: str | None = None

    @property
    def people(self) -> list[PlaybookPerson]:
        return list(self.runtime.playbooks.playbook.people)

    def spawn(self, coro: Any, name: str) -> asyncio.Task[Any]:
        task = asyncio.create_task(coro, name=name)
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)
        return task

    async def link_people(self) -> None:
        """Wait for the bot to be up, then link every person through an invite and `/start <code>`."""
        runtime = self.runtime
        while not runtime.telegram_ready:  # noqa: ASYNC110 - the app sets a flag, not an event
            await asyncio.sleep(0.05)
        assert runtime.sessions is not None
        waiting = []
        for person in self.people:
            uid = sandbox_user_id(person.id)
            if uid not in self.telegram.state.users:
                first, _, last = person.name.partition(" ")
                self.telegram.act.create_user(
                    uid, first, last_name=last or None, username=person.id, language_code=person.language, started=False
                )
            async with runtime.sessions() as session, session.begin():
                invite = await create_invite(session, person.id, now=runtime.clock.now(), ttl=timedelta(minutes=10))
            sent = self.telegram.act.send_text(uid, f"/start {invite.code}")
            waiting.append(self._answered(uid, sent.message_id))
        await asyncio.gather(*waiting)
        self.linked.set()
        log.info("Sandbox: linked %s", ", ".join(p.id for p in self.people))

    async def _answered(self, chat_id: int, after: int) -> None:
        await self.telegram.state.wait_for_message(
            chat_id, lambda m: m.message_id > after, timeout=LINK_TIMEOUT_SECONDS
        )

    def config(self) -> dict[str, Any]:
        now = self.runtime.clock.now()
        on_duty = {
            key
            for rotation in self.runtime.playbooks.playbook.rotations
            for layer in (Layer.PRIMARY,)
            for key in on_call(rotation, now, layer).people
        }
        return {
            "telegram": "telegram",
            "mentions_url": "api/mentions",
            "drills_url": "api/drills",
            "people": [
                {
                    "key": p.id,
                    "name": p.name,
                    "role": str(p.role),
                    "title": p.title,
                    "language": p.language,
                    "chat_id": sandbox_user_id(p.id),
                    "on_call": p.id in on_duty,
                }
                for p in self.people
            ],
            "samples": sample_mentions(),
            "drills": [
                {"name": s.name, "title": s.title, "description": s.description}
                for s in (load_scenario(path) for path in bundled_drills())
            ],
            "custom_example": CUSTOM_EXAMPLE,
        }

    def secret(self) -> str:
        return self.env()[GENERIC_SECRET_ENV]

    async def fire(self, body: Any) -> httpx.Response:
        """Sign `body` like `directo send` and POST it to this server's own `/webhooks/generic`."""
        assert self.self_url is not None
        raw = json.dumps(body, ensure_ascii=False).encode()
        async with httpx.AsyncClient(timeout=10) as client:
            return await signed_post(client, f"{self.self_url}/webhooks/generic", self.secret(), raw)


def sample_mentions() -> list[dict[str, Any]]:
    """The bundled example mentions (`bot/examples/mentions/*.json`), roaming story first."""
    folder = Path(str(resources.files("bot") / "examples" / "mentions"))
    samples = []
    for path in sorted(folder.glob("*.json"), key=lambda p: (p.stem != "roaming", p.stem)):
        mention = json.loads(path.read_text(encoding="utf-8"))
        language = str(mention.get("language") or "")
        author = (mention.get("author") or {}).get("name") or "?"
        samples.append({"name": path.name, "title": f"{path.stem} ({language}) · {author}", "mention": mention})
    return samples


def fresh_copy(body: Any, stamp: str) -> Any:
    """A sample fired again is a new post: new ids, so it is neither a duplicate nor part of the last case."""
    if isinstance(body, dict) and isinstance(body.get("mentions"), list):
        return {**body, "mentions": [fresh_copy(m, stamp) for m in body["mentions"]]}
    if not isinstance(body, dict):
        return body
    copy = dict(body)
    for key in ("id", "thread_id", "in_reply_to"):
        if copy.get(key) is not None:
            copy[key] = f"{copy[key]}-{stamp}"
    return copy


def _with_generic_secret(env: Callable[[], Mapping[str, str]]) -> Callable[[], Mapping[str, str]]:
    """The app's secrets, plus a generated generic-source secret when neither `.env` nor the environment has one
    (so the page's signed POSTs work on a bare checkout)."""
    generated = "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()

    def lookup() -> Mapping[str, str]:
        return {GENERIC_SECRET_ENV: generated, **env()}

    return lookup


def _free_port(host: str) -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


def build_sandbox_app(
    settings: Settings,
    *,
    clock: Clock | None = None,
    env: Callable[[], Mapping[str, str]] = secret_environment,
) -> FastAPI:
    """The whole service, pointed at a fake Telegram started with it, plus the `/sandbox` page."""
    telegram = FakeBotApiServer(port=_free_port("127.0.0.1"))
    settings = settings.model_copy(
        update={
            "telegram_token": SecretStr(telegram.token),
            "telegram_api_url": f"http://127.0.0.1:{telegram.port}",
            "telegram_mode": TelegramMode.POLLING,
        }
    )
    env = _with_generic_secret(env)
    app = build_app(settings, clock=clock, env=env)
    sandbox = Sandbox(telegram=telegram, runtime=app.state.runtime, env=env)
    app.state.sandbox = sandbox
    inner = app.router.lifespan_context

    @asynccontextmanager
    async def lifespan(application: FastAPI) -> AsyncIterator[Any]:
        await telegram.start()
        try:
            async with inner(application) as state:
                sandbox.spawn(sandbox.link_people(), "sandbox-link-people")
                try:
                    yield state
                finally:
                    for task in list(sandbox.tasks):
                        task.cancel()
                    await asyncio.gather(*sandbox.tasks, return_exceptions=True)
        finally:
            await telegram.stop()

    app.router.lifespan_context = lifespan
    _routes(app, sandbox)
    return app


def _routes(app: FastAPI, sandbox: Sandbox) -> None:
    def remember_url(request: Request) -> None:
        if sandbox.self_url is None:
            host, port = request.scope.get("server") or ("127.0.0.1", 80)
            sandbox.self_url = f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else host}:{port}"  # noqa: S104

    async def config(request: Request) -> JSONResponse:
        return JSONResponse(sandbox.config())

    async def mentions(request: Request) -> JSONResponse:
        remember_url(request)
        try:
            body = await request.json()
        except ValueError:
            return JSONResponse({"error": "the body is not JSON"}, status_code=400)
        response = await sandbox.fire(fresh_copy(body, secrets.token_hex(3)))
        try:
            answer: Any = response.json()
        except ValueError:
            answer = response.text
        return JSONResponse({"status": response.status_code, "body": answer}, status_code=200)

    async def start_drill(request: Request) -> JSONResponse:
        remember_url(request)
        name = request.path_params["name"]
        paths = {p.stem: p for p in bundled_drills()}
        if name not in paths:
            return JSONResponse({"error": f"no bundled drill {name!r}"}, status_code=404)
        progress = DrillProgress(load_scenario(paths[name]))
        sandbox.drills[progress.run_id] = progress
        assert sandbox.runtime.sessions is not None
        assert sandbox.self_url is not None
        sandbox.spawn(
            replay(
                progress,
                url=sandbox.self_url,
                secret=sandbox.secret(),
                sessions=sandbox.runtime.sessions,
                speed=1.0,
                wait_seconds=15 * 60,
            ),
            f"drill-{progress.run_id}",
        )
        return JSONResponse({"id": progress.run_id}, status_code=201)

    async def drill_status(request: Request) -> JSONResponse:
        progress = sandbox.drills.get(request.path_params["run_id"])
        if progress is None:
            return JSONResponse({"error": "no such drill run"}, status_code=404)
        return JSONResponse({"id": progress.run_id, "done": progress.done, "text": progress.text()})

    async def to_page(request: Request) -> RedirectResponse:
        return RedirectResponse(f"{SANDBOX_PATH}/")

    app.add_api_route(f"{SANDBOX_PATH}/api/config", config, methods=["GET"], include_in_schema=False)
    app.add_api_route(f"{SANDBOX_PATH}/api/mentions", mentions, methods=["POST"], include_in_schema=False)
    app.add_api_route(
        f"{SANDBOX_PATH}/api/drills/runs/{{run_id}}", drill_status, methods=["GET"], include_in_schema=False
    )
    app.add_api_route(f"{SANDBOX_PATH}/api/drills/{{name}}", start_drill, methods=["POST"], include_in_schema=False)
    app.add_api_route(SANDBOX_PATH, to_page, methods=["GET"], include_in_schema=False)
    app.mount(f"{SANDBOX_PATH}/telegram", sandbox.telegram.app)
    app.mount(SANDBOX_PATH, page_app())
