"""The `meta` source: Instagram (comments, @mentions) and Facebook Page (feed) webhooks of one Meta app.

- Verification request: `GET ?hub.mode=subscribe&hub.verify_token=…&hub.challenge=…`; answer the
  challenge as plain text with 200 when the token is the one typed into the app dashboard, else 403.
- Every POST carries `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body under the app
  secret>`. Meta signs the body as it sends it, with non-ASCII characters escaped (`\\u00f1`): verify
  those bytes, never a re-serialized body. No timestamp: replays are absorbed by the idempotent store.
- Bodies: `{"object": "instagram" | "page", "entry": [{"id", "time", "changes": [{"field", "value"}]}]}`.
  Used: Instagram `comments`, `live_comments`, `mentions`; Page `feed` (comments and posts; `verb`
  `edited`/`remove` become events against the mention's id). Everything else (reactions, Messenger
  `messaging`, other fields) is acknowledged and counted as ignored.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from bot.domain import NormalizedMention
from bot.errors import BadSignature
from bot.sources.base import HandshakeResult, ParsedBatch, ParsedItem, SourceSecrets, SourceSettings
from bot.sources.meta_changes import OWN, feed_change, instagram_comment, instagram_mention
from bot.sources.payload import at, index, load_json, opt_str, opt_time, req_list, req_obj, req_str
from bot.sources.signatures import hex_hmac, matches_any, require_header

__all__ = ["SIGNATURE_HEADER", "MetaSource", "meta_handshake", "sign"]

SIGNATURE_HEADER = "x-hub-signature-256"


def meta_handshake(query: Mapping[str, str], verify_token: str | None) -> tuple[int, str]:
    """(status, plain-text body) for Meta's verification request."""
    if query.get("hub.mode") != "subscribe":
        return 400, "hub.mode must be subscribe"
    if not verify_token:
        return 403, "no verify token configured for this source"
    if not matches_any(query.get("hub.verify_token", ""), [verify_token]):
        return 403, "hub.verify_token does not match"
    challenge = query.get("hub.challenge", "")
    if not challenge:
        return 400, "hub.challenge is missing"
    return 200, challenge


def sign(body: bytes, app_secret: str) -> str:
    """The `X-Hub-Signature-256` value Meta sends with `body` (for tests and curl)."""
    return "sha256=" + hex_hmac(app_secret, body)


class MetaSource:
    kind = "meta"

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
        offered = require_header(headers, SIGNATURE_HEADER).lower()
        if not offered.startswith("sha256="):
            raise BadSignature("X-Hub-Signature-256 must start with sha256=")
        if not matches_any(offered, [sign(raw, secret) for secret in secrets]):
            raise BadSignature("X-Hub-Signature-256 does not match the app secret (verify the raw body)")

    def handshake(self, query: Mapping[str, str], secrets: SourceSecrets) -> HandshakeResult | None:
        if "hub.mode" not in query and "hub.challenge" not in query:
            return None
        status, body = meta_handshake(query, secrets.verify_token)
        return HandshakeResult(status, body, "text/plain", reason=None if status == 200 else body)

    def parse(self, raw: bytes) -> list[NormalizedMention]:
        return self.parse_batch(raw).mentions

    def parse_batch(self, raw: bytes) -> ParsedBatch:
        body = req_obj(load_json(raw), "")
        kind = req_str(body, "object", "")
        items: list[ParsedItem] = []
        ignored: Counter[str] = Counter()
        own = 0
        for i, entry in enumerate(req_list(body, "entry", "")):
            path = index("entry", i)
            entry_obj = req_obj(entry, path)
            for key in ("messaging", "standby"):
                if key in entry_obj:
                    ignored[key] += len(entry_obj[key]) if isinstance(entry_obj[key], list) else 1
            if "changes" not in entry_obj:
                continue
            for j, change in enumerate(req_list(entry_obj, "changes", path)):
                result = self._change(kind, req_obj(change, index(at(path, "changes"), j)), entry_obj, path, j)
                if isinstance(result, ParsedItem):
                    items.append(result)
                elif result == OWN:
                    own += 1
                else:
                    ignored[result] += 1
        return ParsedBatch(tuple(items), dict(ignored), own)

    def _change(self, kind: str, change: dict[str, Any], entry: dict[str, Any], path: str, j: int) -> ParsedItem | str:
        change_path = index(at(path, "changes"), j)
        field = req_str(change, "field", change_path)
        value_path = at(change_path, "value")
        value = req_obj(change.get("value"), value_path)
        account = req_str(entry, "id", path)
        time = opt_time(entry, "time", path)
        if kind == "instagram" and field in ("comments", "live_comments"):
            return instagram_comment(value, value_path, account=account, time=time, settings=self._settings)
        if kind == "instagram" and field == "mentions":
            return instagram_mention(value, value_path, time=time)
        if kind == "page" and field == "feed":
            result = feed_change(value, value_path, account=account, time=time, settings=self._settings)
            if result is not None:
                return result
            return f"feed:{opt_str(value, 'item', value_path) or '?'}:{opt_str(value, 'verb', value_path) or '?'}"
        return f"{kind}:{field}"
