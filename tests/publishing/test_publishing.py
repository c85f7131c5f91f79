"""Publishing: intent links that reply from the executive's own account, and the signed outbound webhook."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from standardwebhooks import Webhook

from bot.clock import SystemClock
from bot.ports import OutgoingReply
from bot.publishing import IntentLinkPublisher, WebhookPublisher, intent_link
from bot.sources.standard_webhooks import sign
from tests.support.app_server import GENERIC_SECRET

AT = datetime(2026, 3, 1, 9, 12, tzinfo=UTC)


def reply(**changes: object) -> OutgoingReply:
    base: dict[str, object] = {
        "reply_id": 7,
        "escalation_id": 3,
        "platform": "x",
        "text": "Hola Rooney & co: 3 meses gratis #roaming",
        "in_reply_to": "1",
        "original_url": "https://x.com/rooney/status/1790000000000000001",
        "author_handle": "@rooney",
        "person_key": "ana",
        "person_name": "Ana Ruiz",
        "created_at": AT,
    }
    base.update(changes)
    return OutgoingReply(**base)  # type: ignore[arg-type]


def test_x_intent_replies_to_the_post_from_its_url() -> None:
    result = intent_link(reply())
    url = urlsplit(result.link or "")
    assert (result.how, url.netloc, url.path) == ("intent_link", "twitter.com", "/intent/tweet")
    assert parse_qs(url.query) == {
        "text": ["Hola Rooney & co: 3 meses gratis #roaming"],
        "in_reply_to": ["1790000000000000001"],
    }


def test_x_intent_without_a_numeric_id_is_a_plain_post() -> None:
    result = intent_link(reply(original_url=None, in_reply_to="abc"))
    assert "in_reply_to" not in parse_qs(urlsplit(result.link or "").query)


def test_linkedin_gets_the_share_url_and_others_copy_ready_text() -> None:
    linkedin = intent_link(reply(platform="linkedin", original_url="https://www.linkedin.com/feed/update/urn:li:1"))
    assert linkedin.how == "share_link"
    assert linkedin.link == (
        "https://www.linkedin.com/sharing/share-offsite/?url=https%3A%2F%2Fwww.linkedin.com%2Ffeed%2Fupdate%2Furn%3Ali%3A1"
    )
    other = intent_link(reply(platform="instagram", original_url="https://instagram.com/p/x"))
    assert (other.how, other.link) == ("copy", "https://instagram.com/p/x")


async def test_intent_publisher_does_no_io() -> None:
    assert (await IntentLinkPublisher().publish(reply())).how == "intent_link"


def _publisher(handler: httpx.MockTransport, pauses: list[float], attempts: int = 3) -> WebhookPublisher:
    async def pause(seconds: float) -> None:
        pauses.append(seconds)

    client = httpx.AsyncClient(transport=handler)
    return WebhookPublisher(
        "https://suite.example/hook",
        GENERIC_SECRET,
        client=client,
        sign=sign,
        clock=SystemClock(),
        max_attempts=attempts,
        pause=pause,
    )


async def test_webhook_is_signed_with_standard_webhooks_and_retried_on_5xx() -> None:
    seen: list[httpx.Request] = []

    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(503 if len(seen) < 3 else 204)

    pauses: list[float] = []
    result = await _publisher(httpx.MockTransport(handle), pauses).publish(reply())
    assert (result.ok, result.attempts, result.detail) == (True, 3, "HTTP 204")
    assert pauses == [0.5, 1.0]
    assert {r.headers["webhook-id"] for r in seen} == {"reply_7"}, "one message id across retries"
    # The reference implementation of the scheme accepts the signature.
    verified = Webhook(GENERIC_SECRET).verify(seen[-1].content, dict(seen[-1].headers))
    assert verified["type"] == "reply.chosen"
    assert verified["data"]["text"] == "Hola Rooney & co: 3 meses gratis #roaming"
    assert json.loads(seen[-1].content)["data"]["person_key"] == "ana"


@pytest.mark.parametrize(("status", "attempts"), [(400, 1), (500, 3)])
async def test_webhook_gives_up_on_4xx_at_once_and_on_5xx_after_the_last_try(status: int, attempts: int) -> None:
    pauses: list[float] = []
    result = await _publisher(httpx.MockTransport(lambda _r: httpx.Response(status)), pauses).publish(reply())
    assert (result.ok, result.attempts, result.detail) == (False, attempts, f"HTTP {status}")


async def test_webhook_network_errors_are_retried_and_reported() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    result = await _publisher(httpx.MockTransport(refuse), [], attempts=2).publish(reply())
    assert (result.ok, result.attempts) == (False, 2)
    assert result.detail is not None
    assert "ConnectError" in result.detail
