"""Meta webhook changes to mentions: Instagram `comments` / `live_comments` / `mentions`, Page `feed`.

Ids are kept as Meta sends them (so edits and removals land on the mention they change, and the Graph
API can fetch what arrived as ids only). The brand's own posts are skipped: the author is the entry's
own account (`entry[].id`), or one of the brand's account ids.
"""

from __future__ import annotations

from typing import Any

from bot.sources.base import EventKind, ParsedItem, SourceSettings
from bot.sources.payload import at, build_mention, opt_obj, opt_str, opt_time, req_str

__all__ = ["OWN", "feed_change", "instagram_comment", "instagram_mention"]

OWN = "own"
"""Returned instead of an item when the brand wrote it."""

_FEED_VERBS = {"add": EventKind.CREATED, "edited": EventKind.EDITED, "remove": EventKind.REMOVED}
_FEED_POSTS = frozenset({"post", "status", "photo", "video", "share"})


def instagram_comment(
    value: dict[str, Any], path: str, *, account: str, time: Any, settings: SourceSettings
) -> ParsedItem | str:
    author = opt_obj(value, "from", path)
    author_path = at(path, "from")
    author_id = opt_str(author, "id", author_path)
    handle = opt_str(author, "username", author_path)
    if author_id == account or settings.is_own(author_id, handle):
        return OWN
    media_id = opt_str(opt_obj(value, "media", path), "id", at(path, "media"))
    parent = opt_str(value, "parent_id", path)
    text = opt_str(value, "text", path)
    fields = {
        "id": req_str(value, "id", path),
        "text": text or "",
        "platform": "instagram",
        "created_at": time,
        "author": {"handle": handle},
        "thread_id": media_id,
        "in_reply_to": parent or media_id,
    }
    return ParsedItem(build_mention(fields, path), author_id=author_id, text_unavailable=text is None)


def instagram_mention(value: dict[str, Any], path: str, *, time: Any) -> ParsedItem:
    """`mentions` carries ids only (a comment or a caption that @mentions the account): text to fetch later."""
    media_id = req_str(value, "media_id", path)
    comment_id = opt_str(value, "comment_id", path)
    fields = {
        "id": comment_id or media_id,
        "text": "",
        "platform": "instagram",
        "created_at": time,
        "thread_id": media_id,
        "in_reply_to": media_id if comment_id else None,
    }
    return ParsedItem(build_mention(fields, path), text_unavailable=True)


def feed_change(
    value: dict[str, Any], path: str, *, account: str, time: Any, settings: SourceSettings
) -> ParsedItem | str | None:
    """A Page `feed` change: new, edited or removed comments and posts (None: a kind we do not use)."""
    item = opt_str(value, "item", path)
    event = _FEED_VERBS.get(opt_str(value, "verb", path) or "")
    if event is None or not (item == "comment" or item in _FEED_POSTS):
        return None
    author = opt_obj(value, "from", path)
    author_id = opt_str(author, "id", at(path, "from"))
    if author_id == account or settings.is_own(author_id):
        return OWN
    post_id = req_str(value, "post_id", path)
    is_comment = item == "comment"
    parent = opt_str(value, "parent_id", path)
    message = opt_str(value, "message", path)
    post = opt_obj(value, "post", path)
    fields = {
        "id": req_str(value, "comment_id", path) if is_comment else post_id,
        "text": message or "",
        "platform": "facebook",
        "url": opt_str(post, "permalink_url", at(path, "post")) or f"https://www.facebook.com/{post_id}",
        "created_at": opt_time(value, "created_time", path) or time,
        "author": {"name": opt_str(author, "name", at(path, "from"))},
        "thread_id": post_id if is_comment else None,
        "in_reply_to": (parent or post_id) if is_comment else None,
    }
    unavailable = message is None and event is not EventKind.REMOVED
    return ParsedItem(build_mention(fields, path), event, author_id=author_id, text_unavailable=unavailable)
