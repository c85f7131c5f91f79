"""The HTTP edge: webhooks in, health and metrics out."""

from fastapi import APIRouter

from bot.web import health, ingest, telegram_webhook
from bot.web.deps import HealthCheck, WebDeps
from bot.web.group_commit import MentionWriter, StoreResult
from bot.web.sources import SourceRegistry

__all__ = ["HealthCheck", "MentionWriter", "SourceRegistry", "StoreResult", "WebDeps", "routers"]


def routers() -> list[APIRouter]:
    """Every route of the app, as an explicit list (wiring happens in the composition root)."""
    return [ingest.router, health.router, telegram_webhook.router]
