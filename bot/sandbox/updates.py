"""Getting updates: long polling (getUpdates) and the webhook settings."""

from __future__ import annotations

import asyncio
import re
from typing import Any

from .context import ApiContext, conflict
from .errors import bad_request
from .params import Params
from .state import Webhook

__all__ = ["METHODS"]

_SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
_WEBHOOK_CONFLICT = "can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"


async def get_updates(ctx: ApiContext, p: Params) -> Any:
    state = ctx.state
    if state.webhook is not None:
        raise conflict(_WEBHOOK_CONFLICT)
    offset = p.integer("offset")
    limit = min(max(p.integer("limit", 100) or 100, 1), 100)
    timeout = max(p.integer("timeout", 0) or 0, 0)
    allowed = _allowed_updates(p)
    if allowed is not None:
        state.allowed_updates = allowed
    if offset is not None:
        state.confirm_updates(offset)
    ctx.poll_generation += 1  # a newer getUpdates ends a waiting older one, as Telegram does
    mine = ctx.poll_generation
    state.notify()
    deadline = asyncio.get_running_loop().time() + timeout
    while not state.updates and not ctx.closing:
        remaining = deadline - asyncio.get_running_loop().time()
        if remaining <= 0:
            break
        await state.wait_changed(remaining)
        if ctx.poll_generation != mine:
            raise conflict("terminated by other getUpdates request; make sure that only one bot instance is running")
        if state.webhook is not None:
            raise conflict(_WEBHOOK_CONFLICT)
    return state.updates[:limit]


def _allowed_updates(p: Params) -> list[str] | None:
    allowed = p.json("allowed_updates")
    if allowed is None:
        return None
    if not isinstance(allowed, list) or not all(isinstance(kind, str) for kind in allowed):
        raise bad_request("can't parse allowed_updates JSON object")
    return list(allowed)


async def set_webhook(ctx: ApiContext, p: Params) -> Any:
    state = ctx.state
    url = p.text("url") or ""
    if p.flag("drop_pending_updates"):
        state.drop_pending_updates()
    allowed = _allowed_updates(p)
    if allowed is not None:
        state.allowed_updates = allowed
    if not url:
        state.webhook = None
        return True
    if not url.startswith(("https://", "http://")):
        raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
    secret = p.text("secret_token")
    if secret is not None and not _SECRET.match(secret):
        raise bad_request("secret token contains unallowed characters")
    state.webhook = Webhook(url=url, secret_token=secret, max_connections=p.integer("max_connections", 40) or 40)
    state.notify()
    return True


async def delete_webhook(ctx: ApiContext, p: Params) -> Any:
    if p.flag("drop_pending_updates"):
        ctx.state.drop_pending_updates()
    ctx.state.webhook = None
    ctx.state.notify()
    return True


async def get_webhook_info(ctx: ApiContext, p: Params) -> Any:
    state = ctx.state
    hook = state.webhook
    info: dict[str, Any] = {
        "url": hook.url if hook else "",
        "has_custom_certificate": False,
        "pending_update_count": len(state.updates),
    }
    if hook is not None:
        info["max_connections"] = hook.max_connections
        if hook.last_error_date is not None:
            info["last_error_date"] = hook.last_error_date
            info["last_error_message"] = hook.last_error_message
        if state.allowed_updates:
            info["allowed_updates"] = state.allowed_updates
    return info


METHODS = {
    "getUpdates": get_updates,
    "setWebhook": set_webhook,
    "deleteWebhook": delete_webhook,
    "getWebhookInfo": get_webhook_info,
}
