"""Deep links that open the platform's composer with the reply prefilled, in the executive's own account.

- X: the Web Intent `https://twitter.com/intent/tweet?text=…&in_reply_to=<post id>` (a reply in the thread);
- LinkedIn: the share URL `https://www.linkedin.com/sharing/share-offsite/?url=<post>` (LinkedIn takes no
  prefilled text there, so the text is also given ready to copy);
- anything else: no link that could prefill, so the text ready to copy and the original's address.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlencode

from bot.ports import OutgoingReply, PublishResult

__all__ = ["IntentLinkPublisher", "intent_link", "x_post_id"]

X_INTENT = "https://twitter.com/intent/tweet"
LINKEDIN_SHARE = "https://www.linkedin.com/sharing/share-offsite/"
_X_STATUS = re.compile(r"^https?://(?:www\.|mobile\.)?(?:x|twitter)\.com/[^/]+/status(?:es)?/(\d+)")


def x_post_id(url: str | None, in_reply_to: str | None) -> str | None:
    """The numeric id of the X post being answered: from its URL, else the mention's own id."""
    match = _X_STATUS.match(url or "")
    if match:
        return match.group(1)
    return in_reply_to if in_reply_to and in_reply_to.isdigit() else None


def intent_link(reply: OutgoingReply) -> PublishResult:
    platform = reply.platform.lower()
    if platform in ("x", "twitter"):
        params = {"text": reply.text}
        post_id = x_post_id(reply.original_url, reply.in_reply_to)
        if post_id:
            params["in_reply_to"] = post_id
        return PublishResult("intent_link", True, f"{X_INTENT}?{urlencode(params, quote_via=quote)}")
    if platform == "linkedin" and reply.original_url:
        return PublishResult(
            "share_link", True, f"{LINKEDIN_SHARE}?{urlencode({'url': reply.original_url}, quote_via=quote)}"
        )
    return PublishResult("copy", True, reply.original_url)


class IntentLinkPublisher:
    """No I/O: the link is the publication; the executive taps it and posts from their own account."""

    kind = "intent_link"

    async def publish(self, reply: OutgoingReply) -> PublishResult:
        return intent_link(reply)
