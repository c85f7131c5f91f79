"""The HTTP edge: webhooks in, health and metrics out."""

from fastapi import APIRouter

from bot.web import handshake, health, telegram_webhook
from bot.web.asgi import DirectoASGI
from bot.web.deps import HealthCheck, WebDeps
from bot.web.group_commit import MentionWriter, StoreResult
from bot.web.ingest import WebhookEndpoint
from bot.web.sources import SourceRegistry

__all__ = [
    "DirectoASGI",
    "HealthCheck",
    "MentionWriter",
    "SourceRegistry",
    "StoreResult",
    "WebDeps",
    "WebhookEndpoint",
    "routers",
]


def routers() -> list[APIRouter]:
    """Every route of the app, as an explicit list (wiring happens in the composition root)."""
    return [handshake.router, health.router, telegram_webhook.router]
