"""`POST /webhooks/{source}`: mentions in, answered 202 once they are committed.

Verify the signature on the raw bytes, parse the whole batch (any bad field: 422 naming it, nothing stored),
hand the new mentions and the edits and removals to the group-commit writer, and answer 202 once they are
committed, with what happened to each item:
`{"accepted": n, "duplicates": m, "ignored": k, "own": o, "updated": u}`. Event kinds Directo does not use
are acknowledged (counted in `ignored`), so platforms do not disable the webhook.

This is the hottest path of the service, so it is served at the ASGI level (`WebhookEndpoint`), before
FastAPI's routing, dependency solving and middleware: under load those cost more CPU per request than the
signature, the parsing and the group commit together (docs/benchmarks.md, Ingest). Every other route,
including the platforms' GET handshakes on the same path (`bot.web.handshake`), stays on FastAPI.

For kinds whose secret travels in the URL (YouScan, Octolens), the query string is removed from the request
scope once read, so no access log (uvicorn's, if turned on) prints it.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import parse_qsl

from starlette.datastructures import Headers

from bot.domain import NormalizedMention
from bot.errors import BadSignature, IngestError, PayloadTooLarge, UnknownSource
from bot.escalation.notices import queue_flood_report
from bot.sources.base import EventKind, ParsedBatch
from bot.web.deps import WebDeps
from bot.web.group_commit import ChangeKind

__all__ = ["PREFIX", "Reply", "WebhookEndpoint", "receive_mentions"]

log = logging.getLogger(__name__)

PREFIX = "/webhooks/"
_CHANGES = {EventKind.EDITED: ChangeKind.EDITED, EventKind.REMOVED: ChangeKind.REMOVED}

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]


@dataclass(frozen=True)
class Reply:
    status: int
    body: dict[str, object]
    headers: dict[str, str] = field(default_factory=dict)


class _Disconnected(Exception):
    """The client went away before its body arrived: nothing to answer, nothing stored."""


class WebhookEndpoint:
    """The ASGI handler for `POST /webhooks/{source}`; `deps` returns the app's WebDeps once started."""

    def __init__(self, deps: Callable[[], WebDeps | None]) -> None:
        self._deps = deps

    @staticmethod
    def source_of(scope: Scope) -> str | None:
        """The source id when this request is a webhook POST this endpoint serves, else None."""
        if scope["type"] != "http" or scope["method"] != "POST":
            return None
        path: str = scope["path"]
        if not path.startswith(PREFIX):
            return None
        source_id = path[len(PREFIX) :]
        return source_id if source_id and "/" not in source_id else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send, source_id: str) -> None:
        deps = self._deps()
        try:
            if deps is None:
                reply = Reply(503, {"error": "starting; retry"})
            else:
                reply = await receive_mentions(deps, source_id, scope, _BodyReader(receive))
        except _Disconnected:
            return
        except Exception:
            log.exception("POST %s%s failed; answered 500, nothing of it was acknowledged", PREFIX, source_id)
            reply = Reply(500, {"error": "internal error; nothing was acknowledged, retry"})
        await _send_json(send, reply)


class _BodyReader:
    def __init__(self, receive: Receive) -> None:
        self._receive = receive

    async def read(self, limit: int) -> bytes:
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await self._receive()
            if message["type"] == "http.disconnect":
                raise _Disconnected
            chunk: bytes = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                raise PayloadTooLarge(f"body over {limit} bytes")
            chunks.append(chunk)
            if not message.get("more_body", False):
                return chunks[0] if len(chunks) == 1 else b"".join(chunks)


async def receive_mentions(deps: WebDeps, source_id: str, scope: Scope, body: _BodyReader) -> Reply:
    metrics = deps.metrics
    try:
        batch = await _verified_batch(deps, source_id, scope, body)
    except IngestError as exc:
        metrics.webhook_rejected.labels(source_id, str(exc.status_code)).inc()
        if exc.status_code == 401:
            log.warning("webhook %s refused: %s", source_id, exc.message)
        answer: dict[str, object] = {"error": exc.message}
        if exc.field is not None:
            answer["field"] = exc.field
        return Reply(exc.status_code, answer)
    refused = _flood_check(deps, source_id, len(batch.items))
    if refused is not None:
        return refused
    created, changes = _split(batch)
    try:
        result = await deps.writer.store(source_id, created, deps.clock.now(), changes=changes)
    except Exception:
        metrics.webhook_rejected.labels(source_id, "503").inc()
        return Reply(503, {"error": "could not store the mentions; nothing was kept, retry"})
    metrics.count_stored(source_id, result.accepted, result.duplicates)
    if batch.ignored:
        log.debug("webhook %s: ignored %s", source_id, dict(batch.ignored))
    return Reply(
        202,
        {
            "accepted": result.accepted,
            "duplicates": result.duplicates,
            "ignored": batch.ignored_count + result.missing,
            "own": batch.own,
            "updated": result.updated,
        },
    )


def _flood_check(deps: WebDeps, source_id: str, items: int) -> Reply | None:
    """429 with Retry-After when the source is past its rate (the platform retries; nothing is dropped
    silently), and the admins are told once per window."""
    if deps.flood is None or items == 0:
        return None
    now = deps.clock.now()
    verdict = deps.flood.admit(source_id, items, now)
    if verdict.allowed:
        return None
    deps.metrics.webhook_rejected.labels(source_id, "429").inc()
    if verdict.first_refusal_in_window:
        log.warning("source %s is over its rate; answering 429 (retry after %d s)", source_id, verdict.retry_after)
        task = asyncio.create_task(_report_flood(deps, source_id, verdict.retry_after, now))
        deps.background.add(task)
        task.add_done_callback(deps.background.discard)
    return Reply(
        429,
        {"error": f"source {source_id!r} is over its rate; nothing was stored; retry after {verdict.retry_after} s"},
        {"retry-after": str(verdict.retry_after)},
    )


async def _report_flood(deps: WebDeps, source_id: str, retry_after: int, now: datetime) -> None:
    try:
        async with deps.sessions() as session, session.begin():
            await queue_flood_report(session, deps.sources.playbook, source_id, retry_after, now)
    except Exception:
        log.exception("could not queue the flood report for source %s", source_id)


async def _verified_batch(deps: WebDeps, source_id: str, scope: Scope, body: _BodyReader) -> ParsedBatch:
    source = deps.sources.get(source_id)
    if source is None:
        raise UnknownSource(f"no source {source_id!r} in the playbook")
    headers = Headers(scope=scope)
    declared = headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > deps.max_body_bytes:
        raise PayloadTooLarge(f"body over {deps.max_body_bytes} bytes")
    query = take_query(scope) if source.spec.query_secret else None
    raw = await body.read(deps.max_body_bytes)
    refusal = source.refusal
    if refusal is not None:
        raise BadSignature(refusal)
    source.adapter.verify(raw, headers, source.secrets.signing, deps.clock.now(), query=query)
    return source.adapter.parse_batch(raw)


def take_query(scope: Scope) -> dict[str, str]:
    """The query parameters (the last of a repeated name wins), and the query string blanked in the scope so
    access logs never print a secret carried there."""
    query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True))
    scope["query_string"] = b""
    return query


def _split(batch: ParsedBatch) -> tuple[list[NormalizedMention], list[tuple[ChangeKind, NormalizedMention]]]:
    created: list[NormalizedMention] = []
    changes: list[tuple[ChangeKind, NormalizedMention]] = []
    for item in batch.items:
        if item.event is EventKind.CREATED:
            created.append(item.normalized())
        else:
            changes.append((_CHANGES[item.event], item.normalized()))
    return created, changes


async def _send_json(send: Send, reply: Reply) -> None:
    # The same encoding as Starlette's JSONResponse.
    content = json.dumps(reply.body, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode()
    headers = [(b"content-length", str(len(content)).encode()), (b"content-type", b"application/json")]
    headers += [(name.encode("latin-1"), value.encode("latin-1")) for name, value in reply.headers.items()]
    await send({"type": "http.response.start", "status": reply.status, "headers": headers})
    await send({"type": "http.response.body", "body": content})
