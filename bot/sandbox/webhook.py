"""Webhook delivery: while a webhook is set, POST each pending update to it, in order, one at a time.

A failed delivery (non-2xx answer, connection error, timeout) is retried with growing pauses; like
Telegram, the sandbox never skips an update, and it shows the last error in getWebhookInfo.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

import httpx

from .context import ApiContext
from .state import JSON, Webhook

__all__ = ["SECRET_HEADER", "DeliveryAttempt", "WebhookDelivery"]

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"  # noqa: S105 - a header name, not a secret


@dataclass(frozen=True)
class DeliveryAttempt:
    update_id: int
    url: str
    at: float
    status_code: int | None  # None: no HTTP answer
    error: str | None


class WebhookDelivery:
    """The loop that pushes updates; run it as a task, it ends when ``ctx.closing`` is set."""

    def __init__(
        self,
        ctx: ApiContext,
        client: httpx.AsyncClient,
        *,
        retry_delays: tuple[float, ...] = (0.05, 0.2, 0.5, 1.0),
    ) -> None:
        self.ctx = ctx
        self.client = client
        self.retry_delays = retry_delays
        self.attempts: list[DeliveryAttempt] = []

    async def run(self) -> None:
        state = self.ctx.state
        failures = 0
        while not self.ctx.closing:
            hook = state.webhook
            if hook is None or not state.updates:
                failures = 0
                await state.wait_changed(1.0)
                continue
            update = state.updates[0]
            if await self._deliver(hook, update):
                failures = 0
                state.confirm_updates(update["update_id"] + 1)
                continue
            await asyncio.sleep(self.retry_delays[min(failures, len(self.retry_delays) - 1)])
            failures += 1

    async def _deliver(self, hook: Webhook, update: JSON) -> bool:
        headers = {SECRET_HEADER: hook.secret_token} if hook.secret_token else {}
        status: int | None = None
        try:
            response = await self.client.post(hook.url, json=update, headers=headers)
            status = response.status_code
            error = (
                None if response.is_success else f"Wrong response from the webhook: {status} {response.reason_phrase}"
            )
        except httpx.HTTPError as exc:
            error = f"Connection failed: {type(exc).__name__}: {exc}"
        state = self.ctx.state
        self.attempts.append(DeliveryAttempt(update["update_id"], hook.url, state.clock(), status, error))
        if error is not None:
            hook.last_error_date = state.now()
            hook.last_error_message = error
        return error is None
