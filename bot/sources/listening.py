"""Social-listening tools that push mentions by webhook: YouScan and Octolens.

Neither signs its requests (as documented in 2026). The secret travels in the webhook URL:
YouScan supports HTTP Basic credentials in the URL (`https://user:password@host/webhooks/{id}`, secret
`user:password`); Octolens suggests a `?secret=` query parameter. Both are also accepted as
`Authorization: Bearer <secret>` (for a forwarder in between). TLS is what protects the body.

- YouScan (`WebhookMention`, one mention per POST; a list is accepted too): `mentionId`, `text` (with
  `<b>` highlights), `title`, `url`, `published`, `author{name, nickname, profileId, subscribers}`,
  `language` (3-letter ISO 639), `sourceName`, `likes`/`reposts`/`comments`, `discussionId`,
  `parentPostId`, `tags`.
- Octolens (one mention per POST): `{"action": "mention_created" | "mention_updated", "data": {title,
  body, url, timestamp, author, authorName, authorFollowerCount, source, sourceId, language, keywords,
  tags, …}}`; any other action is acknowledged and ignored.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from bot.domain import NormalizedMention
from bot.sources.base import EventKind, HandshakeResult, ParsedBatch, ParsedItem, SourceSecrets, SourceSettings
from bot.sources.payload import (
    MAX_ITEMS,
    at,
    bad,
    build_mention,
    index,
    load_json,
    opt_int,
    opt_obj,
    opt_str,
    opt_str_list,
    opt_time,
    req_obj,
    req_str,
)
from bot.sources.signatures import check_shared_token

__all__ = ["OctolensSource", "YouScanSource", "platform_of"]

_OCTOLENS_ACTIONS = {"mention_created": EventKind.CREATED, "mention_updated": EventKind.EDITED}
_HIGHLIGHT = re.compile(r"</?b>", re.IGNORECASE)
_ISO3 = {"eng": "en", "spa": "es", "por": "pt", "fra": "fr", "fre": "fr", "deu": "de", "ger": "de", "ita": "it",
         "cat": "ca", "glg": "gl", "eus": "eu", "baq": "eu", "rus": "ru", "ukr": "uk", "pol": "pl", "nld": "nl",
         "dut": "nl", "tur": "tr"}  # fmt: skip
_PLATFORMS = {"twitter": "x", "twitter.com": "x", "x.com": "x", "instagram.com": "instagram",
              "facebook.com": "facebook", "linkedin.com": "linkedin", "youtube.com": "youtube",
              "tiktok.com": "tiktok", "reddit.com": "reddit"}  # fmt: skip


def platform_of(source: str | None) -> str:
    """`twitter.com` → `x`, `instagram.com` → `instagram`; other names lower-cased as they come."""
    if not source:
        return "unknown"
    name = source.strip().lower().removeprefix("www.")
    return _PLATFORMS.get(name, name)[:50]


class _UnsignedTool:
    kind = ""
    tool = ""

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
        check_shared_token(headers, query, secrets, tool=self.tool)

    def handshake(self, query: Mapping[str, str], secrets: SourceSecrets) -> HandshakeResult | None:
        return None

    def parse(self, raw: bytes) -> list[NormalizedMention]:
        return self.parse_batch(raw).mentions

    def parse_batch(self, raw: bytes) -> ParsedBatch:
        raise NotImplementedError


class YouScanSource(_UnsignedTool):
    kind = "youscan"
    tool = "YouScan"

    def parse_batch(self, raw: bytes) -> ParsedBatch:
        data = load_json(raw)
        if isinstance(data, list):
            if len(data) > MAX_ITEMS:
                raise bad("", f"at most {MAX_ITEMS} mentions per request")
            pairs = [(req_obj(item, index("", i)), index("", i)) for i, item in enumerate(data)]
        else:
            pairs = [(req_obj(data, ""), "")]
        items = [self._mention(mention, path) for mention, path in pairs]
        kept = tuple(item for item in items if item is not None)
        return ParsedBatch(kept, {}, len(items) - len(kept))

    def _mention(self, data: dict[str, Any], path: str) -> ParsedItem | None:
        author_path = at(path, "author")
        author = opt_obj(data, "author", path)
        author_id = opt_str(author, "profileId", author_path)
        handle = opt_str(author, "nickname", author_path)
        if self._settings.is_own(author_id, handle):
            return None
        title = _plain(opt_str(data, "title", path))
        text = _plain(opt_str(data, "text", path))
        fields = {
            "id": req_str(data, "mentionId", path),
            "text": _join(title, text),
            "platform": platform_of(opt_str(data, "sourceName", path)),
            "url": opt_str(data, "url", path),
            "language": _language(opt_str(data, "language", path)),
            "created_at": opt_time(data, "published", path),
            "author": {
                "handle": handle,
                "name": opt_str(author, "name", author_path),
                "followers": opt_int(author, "subscribers", author_path),
            },
            "thread_id": opt_str(data, "discussionId", path),
            "in_reply_to": opt_str(data, "parentPostId", path),
            "metrics": {
                "reposts": opt_int(data, "reposts", path),
                "likes": opt_int(data, "likes", path),
                "replies": opt_int(data, "comments", path),
            },
        }
        return ParsedItem(
            build_mention(fields, path),
            author_id=author_id,
            text_unavailable=not (title or text),
            labels=opt_str_list(data, "tags", path),
        )


class OctolensSource(_UnsignedTool):
    kind = "octolens"
    tool = "Octolens"

    def parse_batch(self, raw: bytes) -> ParsedBatch:
        body = req_obj(load_json(raw), "")
        action = opt_str(body, "action", "") or "?"
        event = _OCTOLENS_ACTIONS.get(action)
        if event is None:
            return ParsedBatch((), {action: 1}, 0)
        data = req_obj(body.get("data"), "data")
        handle = opt_str(data, "author", "data")
        if self._settings.is_own(handle):
            return ParsedBatch((), {}, 1)
        source = opt_str(data, "source", "data")
        source_id = opt_str(data, "sourceId", "data")
        url = opt_str(data, "url", "data")
        mention_id = f"{platform_of(source)}:{source_id}" if source_id else url
        if mention_id is None:
            raise bad("data.sourceId", "is required (or data.url)")
        title = opt_str(data, "title", "data")
        text = opt_str(data, "body", "data")
        fields = {
            "id": mention_id,
            "text": _join(title, text),
            "platform": platform_of(source),
            "url": url,
            "language": opt_str(data, "language", "data"),
            "created_at": opt_time(data, "timestamp", "data"),
            "author": {
                "handle": handle,
                "name": opt_str(data, "authorName", "data"),
                "followers": opt_int(data, "authorFollowerCount", "data"),
            },
        }
        labels = opt_str_list(data, "keywords", "data") + opt_str_list(data, "tags", "data")
        item = ParsedItem(build_mention(fields, "data"), event, text_unavailable=not (title or text), labels=labels)
        return ParsedBatch((item,), {}, 0)


def _plain(text: str | None) -> str | None:
    return _HIGHLIGHT.sub("", text) if text else text


def _join(title: str | None, text: str | None) -> str:
    if title and text and not text.startswith(title):
        return f"{title}\n\n{text}"
    return text or title or ""


def _language(code: str | None) -> str | None:
    if code is None:
        return None
    code = code.strip().lower()
    return code if len(code) == 2 else _ISO3.get(code)
