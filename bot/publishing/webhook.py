"""A chosen reply POSTed to a URL from the playbook, signed with Standard Webhooks, with retries.

The body: `{"type": "reply.chosen", "timestamp": "…", "data": {reply fields}}`; headers `webhook-id`
(`reply_<id>`, the same on every retry so the receiver can de-duplicate), `webhook-timestamp` (the clock's
now, not the reply's time: receivers refuse stale timestamps),
`webhook-signature` (`v1,<base64 HMAC-SHA256>`). Network errors, 429 and 5xx are retried with a growing
pause; any other answer is final. The signer is injected (the edge passes `bot.sources.standard_webhooks.sign`)
since adapters do not import each other.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from dataclasses import asdict

import httpx

from bot.clock import Clock
from bot.ports import OutgoingReply, PublishResult

__all__ = ["Signer", "WebhookPublisher"]

Signer = Callable[[str, str, int, bytes], str]


class WebhookPublisher:
    kind = "webhook"

    def __init__(
        self,
        url: str,
        secret: str,
        *,
        client: httpx.AsyncClient,
        sign: Signer,
        clock: Clock,
        max_attempts: int = 3,
        timeout: float = 5.0,
        pause: Callable[[float], Awaitable[None]] = asyncio.sleep,
        backoff: float = 0.5,
    ) -> None:
        self._url, self._secret, self._client, self._sign, self._clock = url, secret, client, sign, clock
        self._max_attempts, self._timeout, self._pause, self._backoff = max_attempts, timeout, pause, backoff

    def body(self, reply: OutgoingReply) -> bytes:
        data = asdict(reply)
        data["created_at"] = reply.created_at.isoformat()
        envelope = {"type": "reply.chosen", "timestamp": reply.created_at.isoformat(), "data": data}
        return json.dumps(envelope, ensure_ascii=False, separators=(",", ":")).encode()

    async def publish(self, reply: OutgoingReply) -> PublishResult:
        raw = self.body(reply)
        msg_id = f"reply_{reply.reply_id}"
        stamp = int(self._clock.now().timestamp())  # when it is sent: receivers refuse stale timestamps
        headers = {
            "content-type": "application/json",
            "webhook-id": msg_id,
            "webhook-timestamp": str(stamp),
            "webhook-signature": self._sign(self._secret, msg_id, stamp, raw),
        }
        detail = ""
        for attempt in range(1, self._max_attempts + 1):
            try:
                response = await self._client.post(self._url, content=raw, headers=headers, timeout=self._timeout)
            except httpx.HTTPError as exc:
                detail = f"{type(exc).__name__}: {exc}"
            else:
                detail = f"HTTP {response.status_code}"
                if response.is_success:
                    return PublishResult("webhook", True, self._url, attempt, detail)
                if response.status_code != 429 and response.status_code < 500:
                    return PublishResult("webhook", False, self._url, attempt, detail)
            if attempt < self._max_attempts:
                await self._pause(self._backoff * 2 ** (attempt - 1))
        return PublishResult("webhook", False, self._url, self._max_attempts, detail)
