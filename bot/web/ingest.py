"""`POST /webhooks/{source}`: verify on the raw bytes, parse, store durably, then answer 202."""

from __future__ import annotations

import logging

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from bot.errors import BadSignature, IngestError, PayloadTooLarge, UnknownSource
from bot.web.deps import WebDeps

__all__ = ["router"]

log = logging.getLogger(__name__)
router = APIRouter()


@router.post("/webhooks/{source_id}", status_code=202)
async def receive_mentions(source_id: str, request: Request) -> JSONResponse:
    deps: WebDeps = request.app.state.deps
    try:
        source = deps.sources.get(source_id)
        if source is None:
            raise UnknownSource(f"no source {source_id!r} in the playbook")
        raw = await _read_body(request, deps.max_body_bytes)
        if not source.secrets:
            raise BadSignature("this source has no secret configured")
        source.adapter.verify(raw, request.headers, source.secrets, deps.clock.now())
        mentions = source.adapter.parse(raw)
    except IngestError as exc:
        deps.metrics.webhook_rejected.labels(source_id, str(exc.status_code)).inc()
        if exc.status_code == 401:
            log.warning("webhook %s refused: %s", source_id, exc.message)
        body: dict[str, object] = {"error": exc.message}
        if exc.field is not None:
            body["field"] = exc.field
        return JSONResponse(body, status_code=exc.status_code)
    try:
        result = await deps.writer.store(source_id, mentions, deps.clock.now())
    except Exception:
        deps.metrics.webhook_rejected.labels(source_id, "503").inc()
        return JSONResponse({"error": "could not store the mentions; nothing was kept, retry"}, status_code=503)
    deps.metrics.mentions_received.labels(source_id).inc(result.accepted)
    deps.metrics.mentions_duplicate.labels(source_id).inc(result.duplicates)
    return JSONResponse({"accepted": result.accepted, "duplicates": result.duplicates}, status_code=202)


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
