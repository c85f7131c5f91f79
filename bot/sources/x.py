"""The `x` source: X's Account Activity API (and the v2 filtered-stream webhooks), signed by X.

- CRC: X sends `GET ?crc_token=…` at registration, then about hourly; the answer is
  `{"response_token": "sha256=<base64 HMAC-SHA256(key=consumer secret, msg=crc_token)>"}`. A wrong or
  late answer marks the webhook invalid and stops delivery.
- Every POST carries `x-twitter-webhooks-signature: sha256=<base64 HMAC-SHA256 of the raw body>` under
  the same consumer secret. There is no timestamp: replays are absorbed by the idempotent store.
- Account Activity bodies: `{"for_user_id", "user_has_blocked"?, "tweet_create_events": [...]}`, or one
  of the other event kinds (favorites, follows, DMs …), acknowledged and counted as ignored;
  `tweet_delete_events` become removals. Filtered-stream bodies: `{"data", "includes", "matching_rules"}`
  (or a list of them).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from bot.domain import NormalizedMention
from bot.errors import BadSignature
from bot.sources.base import EventKind, HandshakeResult, ParsedBatch, ParsedItem, SourceSecrets, SourceSettings
from bot.sources.payload import (
    MAX_ITEMS,
    at,
    bad,
    build_mention,
    index,
    load_json,
    opt_bool,
    opt_str,
    opt_time,
    req_list,
    req_obj,
    req_str,
)
from bot.sources.signatures import b64_hmac, matches_any, require_header
from bot.sources.x_posts import v1_tweet, v2_post

__all__ = ["SIGNATURE_HEADER", "XSource", "crc_response", "sign"]

SIGNATURE_HEADER = "x-twitter-webhooks-signature"
_CREATE = "tweet_create_events"
_DELETE = "tweet_delete_events"


def crc_response(crc_token: str, consumer_secret: str) -> dict[str, str]:
    """The body that answers X's challenge-response check."""
    return {"response_token": "sha256=" + b64_hmac(consumer_secret, crc_token.encode())}


def sign(body: bytes, consumer_secret: str) -> str:
    """The `x-twitter-webhooks-signature` value X sends with `body` (for tests and curl)."""
    return "sha256=" + b64_hmac(consumer_secret, body)


class XSource:
    kind = "x"

    def __init__(self, settings: SourceSettings | None = None) -> None:
        self._settings = settings or SourceSettings()

    def verify(
        self,
        raw: bytes,
        headers: Mapping[str, str],
        secrets: Sequence[str],
        now: datetime,
        *,
        query: Mapping[str, str] | None = None,
    ) -> None:
        offered = require_header(headers, SIGNATURE_HEADER)
        if not offered.startswith("sha256="):
            raise BadSignature(f"{SIGNATURE_HEADER} must start with sha256=")
        if not matches_any(offered, [sign(raw, secret) for secret in secrets]):
            raise BadSignature(f"{SIGNATURE_HEADER} does not match the consumer secret")

    def handshake(self, query: Mapping[str, str], secrets: SourceSecrets) -> HandshakeResult | None:
        token = query.get("crc_token")
        if token is None:
            return None
        if not secrets.signing:
            return HandshakeResult(503, '{"error": "no consumer secret configured"}', reason="no consumer secret")
        if not token:
            return HandshakeResult(400, '{"error": "empty crc_token"}', reason="empty crc_token")
        return HandshakeResult(200, json.dumps(crc_response(token, secrets.signing[0])))

    def parse(self, raw: bytes) -> list[NormalizedMention]:
        return self.parse_batch(raw).mentions

    def parse_batch(self, raw: bytes) -> ParsedBatch:
        data = load_json(raw)
        if isinstance(data, list):
            return self._filtered_stream_list(data)
        body = req_obj(data, "")
        if "data" in body:
            return self._filtered_stream([(body, "")])
        return self._account_activity(body)

    def _account_activity(self, body: dict[str, Any]) -> ParsedBatch:
        for_user = opt_str(body, "for_user_id", "")
        blocked = opt_bool(body, "user_has_blocked", "")
        items: list[ParsedItem] = []
        own = 0
        if _CREATE in body:
            for i, tweet in enumerate(req_list(body, _CREATE, "")):
                path = index(_CREATE, i)
                item = v1_tweet(req_obj(tweet, path), path, self._settings, for_user_id=for_user, blocked=blocked)
                if item is None:
                    own += 1
                else:
                    items.append(item)
        if _DELETE in body:
            items.extend(
                _deletion(req_obj(d, index(_DELETE, i)), index(_DELETE, i), for_user)
                for i, d in enumerate(req_list(body, _DELETE, ""))
            )
        ignored = Counter({key: _count(value) for key, value in body.items() if _is_other_event(key)})
        return ParsedBatch(tuple(items), dict(ignored), own)

    def _filtered_stream_list(self, data: list[Any]) -> ParsedBatch:
        if len(data) > MAX_ITEMS:
            raise bad("", f"at most {MAX_ITEMS} posts per request")
        return self._filtered_stream([(req_obj(item, index("", i)), index("", i)) for i, item in enumerate(data)])

    def _filtered_stream(self, envelopes: list[tuple[dict[str, Any], str]]) -> ParsedBatch:
        items = [v2_post(envelope, path, self._settings) for envelope, path in envelopes]
        kept = tuple(item for item in items if item is not None)
        return ParsedBatch(kept, {}, len(items) - len(kept))


def _deletion(event: dict[str, Any], path: str, for_user: str | None) -> ParsedItem:
    status_path = at(path, "status")
    status = req_obj(event.get("status"), status_path)
    post_id = opt_str(status, "id_str", status_path) or req_str(status, "id", status_path)
    fields = {
        "id": post_id,
        "text": "",
        "platform": "x",
        "created_at": opt_time(event, "timestamp_ms", path, unit="ms"),
    }
    author = opt_str(status, "user_id_str", status_path) or opt_str(status, "user_id", status_path)
    return ParsedItem(build_mention(fields, path), EventKind.REMOVED, author_id=author, for_user_id=for_user)


def _is_other_event(key: str) -> bool:
    return key not in (_CREATE, _DELETE) and (key.endswith("_events") or key == "user_event")


def _count(value: object) -> int:
    return len(value) if isinstance(value, list) else 1
