"""The outbound-webhook publisher for chosen replies, built from the playbook in force when a reply is sent.

The secret is read from the environment variable the playbook names (`replies.webhook.secret_env`) at that
moment, so a rotated secret needs no restart. Requests are signed with Standard Webhooks' `sign()`.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from types import TracebackType

import httpx

from bot.clock import Clock
from bot.ports import OutgoingReply, PublishResult
from bot.publishing.webhook import WebhookPublisher
from bot.rules.playbook import Playbook
from bot.sources.standard_webhooks import sign

__all__ = ["ReplyWebhook", "webhook_publisher"]

log = logging.getLogger(__name__)


class ReplyWebhook:
    """`async with` gives a publisher with its own HTTP client, closed afterwards."""

    def __init__(
        self, playbook: Playbook, clock: Clock, env: Mapping[str, str], transport: httpx.AsyncBaseTransport | None
    ) -> None:
        spec = playbook.replies.webhook
        assert spec is not None
        self._spec, self._secret, self._clock = spec, env.get(spec.secret_env), clock
        self._client = httpx.AsyncClient(transport=transport)

    async def __aenter__(self) -> ReplyWebhook:
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self._client.aclose()

    async def publish(self, reply: OutgoingReply) -> PublishResult:
        if not self._secret:
            log.warning("reply webhook: %s is not set; nothing was sent", self._spec.secret_env)
            return PublishResult("webhook", False, self._spec.url, 0, f"{self._spec.secret_env} is not set")
        publisher = WebhookPublisher(
            self._spec.url,
            self._secret,
            client=self._client,
            sign=sign,
            clock=self._clock,
            max_attempts=self._spec.max_attempts,
            timeout=self._spec.timeout_seconds,
        )
        return await publisher.publish(reply)


def webhook_publisher(
    playbook: Playbook,
    clock: Clock,
    env: Mapping[str, str] | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
) -> ReplyWebhook | None:
    if playbook.replies.webhook is None:
        return None
    return ReplyWebhook(playbook, clock, os.environ if env is None else env, transport)
