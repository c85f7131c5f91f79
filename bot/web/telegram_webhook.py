"""`POST /telegram/webhook`: updates from Telegram in webhook mode, checked by their secret token header."""

from __future__ import annotations

import hmac
import json
import logging

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse

from bot.web.deps import WebDeps

__all__ = ["router"]

log = logging.getLogger(__name__)
router = APIRouter()


@router.post("/telegram/webhook")
async def telegram_webhook(request: Request) -> Response:
    deps: WebDeps = request.app.state.deps
    if deps.telegram_feed is None or deps.telegram_secret is None:
        return JSONResponse({"error": "Telegram webhook mode is not enabled"}, status_code=404)
    offered = request.headers.get("x-telegram-bot-api-secret-token", "")
    if not hmac.compare_digest(offered.encode(), deps.telegram_secret.encode()):
        log.warning("Telegram webhook call with a wrong or missing secret token refused")
        return JSONResponse({"error": "bad secret token"}, status_code=401)
    try:
        update = json.loads(await request.body())
    except (UnicodeDecodeError, json.JSONDecodeError):
        return JSONResponse({"error": "body is not JSON"}, status_code=422)
    if not isinstance(update, dict) or "update_id" not in update:
        return JSONResponse({"error": "not a Telegram update"}, status_code=422)
    await deps.telegram_feed(update)
    return Response(status_code=200)
