"""The `linkedin` source: Community Management API organization social action notifications.

- Endpoint validation: `GET ?challengeCode=<uuid>` (LinkedIn repeats it about every 2 hours and blocks
  the endpoint after 3 failures in a row) is answered within 3 s with 200 and
  `{"challengeCode": …, "challengeResponse": <lowercase hex HMAC-SHA256(key=client secret, msg=code)>}`.
- Every POST carries `X-LI-Signature`: the lowercase hex HMAC-SHA256, under the client secret, of the
  string `"hmacsha256=" + <raw JSON body>`. LinkedIn's page words this loosely, so we also accept the
  HMAC of the bare body and a header value written as `hmacsha256=<hex>` (all forms need the secret).
- Bodies: `{"type": "ORGANIZATION_SOCIAL_ACTION_NOTIFICATIONS", "notifications": [...]}` (batches of up
  to 10). Used: `COMMENT`, `COMMENT_EDIT`, `COMMENT_DELETE`, `SHARE`, `SHARE_MENTION`; `ADMIN_COMMENT` is
  the brand's own; `LIKE` and anything else are acknowledged and counted as ignored.
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
from bot.sources.payload import at, bad, build_mention, index, load_json, opt_obj, opt_str, opt_time, req_list, req_obj
from bot.sources.signatures import hex_hmac, matches_any, require_header

__all__ = ["SIGNATURE_HEADER", "LinkedInSource", "challenge_response", "sign"]

SIGNATURE_HEADER = "x-li-signature"
NOTIFICATIONS = "ORGANIZATION_SOCIAL_ACTION_NOTIFICATIONS"
_PREFIX = b"hmacsha256="
_COMMENTS = {"COMMENT": EventKind.CREATED, "COMMENT_EDIT": EventKind.EDITED, "COMMENT_DELETE": EventKind.REMOVED}
_SHARES = frozenset({"SHARE", "SHARE_MENTION"})


def challenge_response(challenge_code: str, client_secret: str) -> dict[str, str]:
    """The JSON body that passes LinkedIn's endpoint validation."""
    return {"challengeCode": challenge_code, "challengeResponse": hex_hmac(client_secret, challenge_code.encode())}


def sign(body: bytes, client_secret: str) -> str:
    """The `X-LI-Signature` value LinkedIn sends with `body` (for tests and curl)."""
    return hex_hmac(client_secret, _PREFIX + body)


class LinkedInSource:
    kind = "linkedin"

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
        offered = require_header(headers, SIGNATURE_HEADER).lower().removeprefix("hmacsha256=")
        expected = [sign(raw, s) for s in secrets] + [hex_hmac(s, raw) for s in secrets]
        if not matches_any(offered, expected):
            raise BadSignature("X-LI-Signature does not match the client secret")

    def handshake(self, query: Mapping[str, str], secrets: SourceSecrets) -> HandshakeResult | None:
        code = query.get("challengeCode")
        if code is None:
            return None
        if not secrets.signing:
            return HandshakeResult(503, '{"error": "no client secret configured"}', reason="no client secret")
        if not code:
            return HandshakeResult(400, '{"error": "empty challengeCode"}', reason="empty challengeCode")
        return HandshakeResult(200, json.dumps(challenge_response(code, secrets.signing[0])))

    def parse(self, raw: bytes) -> list[NormalizedMention]:
        return self.parse_batch(raw).mentions

    def parse_batch(self, raw: bytes) -> ParsedBatch:
        body = req_obj(load_json(raw), "")
        kind = opt_str(body, "type", "") or "?"
        notifications = req_list(body, "notifications", "")
        if kind != NOTIFICATIONS:
            return ParsedBatch((), {kind: len(notifications)}, 0)
        items: list[ParsedItem] = []
        ignored: Counter[str] = Counter()
        own = 0
        for i, notification in enumerate(notifications):
            path = index("notifications", i)
            result = self._notification(req_obj(notification, path), path)
            if isinstance(result, ParsedItem):
                items.append(result)
            elif result is None:
                own += 1
            else:
                ignored[result] += 1
        return ParsedBatch(tuple(items), dict(ignored), own)

    def _notification(self, note: dict[str, Any], path: str) -> ParsedItem | str | None:
        """An item; None for the brand's own; or the action name when the action is not used."""
        action = opt_str(note, "action", path) or "?"
        if action == "ADMIN_COMMENT":
            return None
        decorated = opt_obj(note, "decoratedGeneratedActivity", path)
        decorated_path = at(path, "decoratedGeneratedActivity")
        if action in _COMMENTS:
            event, key = _COMMENTS[action], "comment"
        elif action in _SHARES:
            event, key = EventKind.CREATED, "share"
        else:
            return action
        activity = opt_obj(decorated, key, decorated_path)
        activity_path = at(decorated_path, key)
        owner = opt_str(activity, "owner", activity_path) or opt_str(note, "actor", path)
        if owner == opt_str(note, "organizationalEntity", path) or self._settings.is_own(owner):
            return None
        return _item(note, path, activity, activity_path, event=event, owner=owner, comment=key == "comment")


def _item(
    note: dict[str, Any],
    path: str,
    activity: dict[str, Any],
    activity_path: str,
    *,
    event: EventKind,
    owner: str | None,
    comment: bool,
) -> ParsedItem:
    entity = opt_str(activity, "entity", activity_path) or opt_str(note, "generatedActivity", path)
    if entity is None:
        raise bad(at(path, "generatedActivity"), "is required (no decorated activity entity either)")
    source_post = opt_str(note, "sourcePost", path)
    text = opt_str(activity, "text", activity_path) or opt_str(
        opt_obj(activity, "message", activity_path), "text", at(activity_path, "message")
    )
    thread = source_post if comment or note.get("action") == "SHARE" else None
    fields = {
        "id": entity,
        "text": text or "",
        "platform": "linkedin",
        "url": f"https://www.linkedin.com/feed/update/{thread or entity}/",
        "created_at": opt_time(note, "lastModifiedAt", path, unit="ms"),
        "thread_id": thread,
        "in_reply_to": (opt_str(activity, "object", activity_path) or source_post) if comment else None,
    }
    return ParsedItem(
        build_mention(fields, path),
        event,
        author_id=owner,
        text_unavailable=text is None and event is not EventKind.REMOVED,
        delivery_id=opt_str(note, "notificationId", path),
    )
