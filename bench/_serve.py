"""One server for a benchmark, in its own process: `python bench/_serve.py KIND --port N [--database-url URL]`.

KIND is `app` (the real Directo app from `build_app(settings)`), `app-ingest-only` (the same app with its
pipeline worker never started: a diagnostic that separates the webhook path from triage), `baseline` (a bare FastAPI endpoint that
verifies and parses like the app but stores nothing) or `trivial` (a raw ASGI app that answers 202 at once,
used to measure what the load generator can drive). All three run under the same uvicorn options.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from bot.clock import SystemClock
from bot.errors import IngestError
from bot.sources import GenericSource

# The same for every kind of server, and printed with the results.
UVICORN_OPTIONS: dict[str, Any] = {
    "loop": "uvloop",
    "http": "httptools",
    "access_log": False,
    "log_level": "warning",
    "lifespan": "on",
    "backlog": 2048,
}
SECRET_ENV = "DIRECTO_GENERIC_WEBHOOK_SECRET"  # noqa: S105 - the name of a variable, not a secret

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]


def build_baseline() -> FastAPI:
    """`POST /webhooks/generic`: the app's verify and parse on the raw bytes, then 202 without storing."""
    source, secrets, clock = GenericSource(), (os.environ[SECRET_ENV],), SystemClock()
    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)

    @app.post("/webhooks/{source_id}", status_code=202)
    async def receive(source_id: str, request: Request) -> JSONResponse:
        raw = await request.body()
        try:
            source.verify(raw, request.headers, secrets, clock.now())
            mentions = source.parse(raw)
        except IngestError as exc:
            return JSONResponse({"error": exc.message}, status_code=exc.status_code)
        return JSONResponse({"accepted": len(mentions), "duplicates": 0}, status_code=202)

    return app


async def trivial(scope: Scope, receive: Receive, send: Send) -> None:
    """Reads the body and answers 202: no framework, no work, so only the client and uvicorn are measured."""
    if scope["type"] == "lifespan":
        while (await receive())["type"] != "lifespan.shutdown":
            await send({"type": "lifespan.startup.complete"})
        await send({"type": "lifespan.shutdown.complete"})
        return
    more = True
    while more:
        more = (await receive()).get("more_body", False)
    body = b'{"accepted":1,"duplicates":0}'
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": 202, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def build(kind: str, database_url: str | None) -> Any:
    if kind == "baseline":
        return build_baseline()
    if kind == "trivial":
        return trivial
    from bot.app import build_app
    from bot.config import Settings

    ingest_only = kind == "app-ingest-only"
    if ingest_only:
        from bot.scheduling.pipeline_worker import PipelineWorker

        PipelineWorker.start = lambda self: None  # type: ignore[method-assign]  # diagnostic only: no triage

    if database_url is None:
        raise SystemExit("--database-url is required for the app")
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None,
        database_url=database_url,
        telegram_token=None,
        log_level="WARNING",
        pipeline_process=not ingest_only,  # the diagnostic's worker is in-process, so the patch above holds
        source_max_per_second=1e9,  # flood control out of reach: this measures what ingest can store
        source_burst=1e9,
    )
    return build_app(settings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("kind", choices=["app", "app-ingest-only", "baseline", "trivial"])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    uvicorn.run(build(args.kind, args.database_url), host="127.0.0.1", port=args.port, **UVICORN_OPTIONS)


if __name__ == "__main__":
    main()
