"""Publishing adapters: how an executive's reply reaches the platform (deep links, outbound webhooks).

They implement `bot.ports.ReplyPublisher`; they may use httpx but never the database.
"""

from bot.publishing.links import IntentLinkPublisher, intent_link
from bot.publishing.webhook import WebhookPublisher

__all__ = ["IntentLinkPublisher", "WebhookPublisher", "intent_link"]
