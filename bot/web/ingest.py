"""`/webhooks/{source}`: platforms' verification handshakes (GET) and mentions (POST).

POST: verify the signature on the raw bytes, parse the whole batch (any bad field: 422 naming it, nothing
stored), hand the new mentions and the edits and removals to the group-commit writer, and answer 202 once
they are committed, with what happened to each item:
`{"accepted": n, "duplicates": m, "ignored": k, "own": o, "updated": u}`. Event kinds Directo does not use
are acknowledged (counted in `ignored`), so platforms do not disable the webhook.

For kinds whose secret travels in the URL (YouScan, Octolens), the query string is removed from the request
scope once read, so no access log (uvicorn's, if turned on) prints it.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse

from bot.domain import NormalizedMention
from bot.errors import BadSignature, IngestError, PayloadTooLarge, UnknownSource
from bot.escalation.notices import queue_flood_report
from bot.sources.base import EventKind, ParsedBatch
from bot.web.deps import WebDeps
from bot.web.group_commit import ChangeKind
from bot.web.sources import ConfiguredSource

__all__ = ["router"]

log = logging.getLogger(__name__)
router = APIRouter()

_CHANGES = {EventKind.EDITED: ChangeKind.EDITED, EventKind.REMOVED: ChangeKind.REMOVED}


@router.get("/webhooks/{source_id}")
async def answer_handshake(source_id: str, request: Request) -> Response:
    """X's CRC, Meta's hub.challenge, LinkedIn's challengeCode: pure HMACs, answered at once."""
    deps: WebDeps = request.app.state.deps
    source = deps.sources.get(source_id)
    if source is None:
        return JSONResponse({"error": f"no source {source_id!r} in the playbook"}, status_code=404)
    query = _take_query(request, source)
    result = source.adapter.handshake(query, source.secrets)
    if result is None:
        if not source.spec.handshake:
            return JSONResponse({"error": f"{source.kind} sources have no GET handshake"}, status_code=404)
        log.warning("GET /webhooks/%s is no %s handshake (expected %s)", source_id, source.kind, source.spec.handshake)
        deps.metrics.webhook_rejected.labels(source_id, "400").inc()
        return JSONResponse({"error": f"not a handshake; expected {source.spec.handshake}"}, status_code=400)
    if result.reason is not None:
        log.warning("handshake for source %r refused with %d: %s", source_id, result.status, result.reason)
        deps.metrics.webhook_rejected.labels(source_id, str(result.status)).inc()
    return Response(result.body, status_code=result.status, media_type=result.content_type)


@router.post("/webhooks/{source_id}", status_code=202)
async def receive_mentions(source_id: str, request: Request) -> JSONResponse:
    deps: WebDeps = request.app.state.deps
    try:
        batch = await _verified_batch(deps, source_id, request)
    except IngestError as exc:
        deps.metrics.webhook_rejected.labels(source_id, str(exc.status_code)).inc()
        if exc.status_code == 401:
            log.warning("webhook %s refused: %s", source_id, exc.message)
        body: dict[str, object] = {"error": exc.message}
        if exc.field is not None:
            body["field"] = exc.field
        return JSONResponse(body, status_code=exc.status_code)
    refused = _flood_check(deps, source_id, len(batch.items))
    if refused is not None:
        return refused
    created, changes = _split(batch)
    try:
        result = await deps.writer.store(source_id, created, deps.clock.now(), changes=changes)
    except Exception:
        deps.metrics.webhook_rejected.labels(source_id, "503").inc()
        return JSONResponse({"error": "could not store the mentions; nothing was kept, retry"}, status_code=503)
    deps.metrics.mentions_received.labels(source_id).inc(result.accepted)
    deps.metrics.mentions_duplicate.labels(source_id).inc(result.duplicates)
    if batch.ignored:
        log.debug("webhook %s: ignored %s", source_id, dict(batch.ignored))
    answer = {
        "accepted": result.accepted,
        "duplicates": result.duplicates,
        "ignored": batch.ignored_count + result.missing,
        "own": batch.own,
        "updated": result.updated,
    }
    return JSONResponse(answer, status_code=202)


def _flood_check(deps: WebDeps, source_id: str, items: int) -> JSONResponse | None:
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
    return JSONResponse(
        {"error": f"source {source_id!r} is over its rate; nothing was stored; retry after {verdict.retry_after} s"},
        status_code=429,
        headers={"Retry-After": str(verdict.retry_after)},
    )


async def _report_flood(deps: WebDeps, source_id: str, retry_after: int, now: datetime) -> None:
    try:
        async with deps.sessions() as session, session.begin():
            await queue_flood_report(session, deps.sources.playbook, source_id, retry_after, now)
    except Exception:
        log.exception("could not queue the flood report for source %s", source_id)


async def _verified_batch(deps: WebDeps, source_id: str, request: Request) -> ParsedBatch:
    source = deps.sources.get(source_id)
    if source is None:
        raise UnknownSource(f"no source {source_id!r} in the playbook")
    query = _take_query(request, source) if source.spec.query_secret else None
    raw = await _read_body(request, deps.max_body_bytes)
    refusal = source.refusal
    if refusal is not None:
        raise BadSignature(refusal)
    source.adapter.verify(raw, request.headers, source.secrets.signing, deps.clock.now(), query=query)
    return source.adapter.parse_batch(raw)


def _take_query(request: Request, source: ConfiguredSource) -> dict[str, str]:
    """The query parameters; for kinds that carry the secret there, also blank the query string in the
    scope so access logs never print it."""
    query = dict(request.query_params.items())
    if source.spec.query_secret:
        request.scope["query_string"] = b""
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


async def _read_body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise PayloadTooLarge(f"body over {limit} bytes")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise PayloadTooLarge(f"body over {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)
