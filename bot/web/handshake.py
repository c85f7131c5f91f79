"""`GET /webhooks/{source}`: the platforms' verification handshakes (X's CRC, Meta's hub.challenge,
LinkedIn's challengeCode): pure HMACs, answered at once. Mentions arrive by POST on the same path
(`bot.web.ingest`)."""

from __future__ import annotations

import logging

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse

from bot.web.deps import WebDeps
from bot.web.ingest import take_query

__all__ = ["router"]

log = logging.getLogger(__name__)
router = APIRouter()


@router.get("/webhooks/{source_id}")
async def answer_handshake(source_id: str, request: Request) -> Response:
    deps: WebDeps = request.app.state.deps
    source = deps.sources.get(source_id)
    if source is None:
        return JSONResponse({"error": f"no source {source_id!r} in the playbook"}, status_code=404)
    # Kinds that carry their secret in the URL: read it and blank it in the scope, so no access log prints it.
    query = take_query(request.scope) if source.spec.query_secret else dict(request.query_params.items())
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
