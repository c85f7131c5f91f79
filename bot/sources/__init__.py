"""Source adapters: verify a platform's signature on the raw bytes and parse its payload. Pure.

`registry.ADAPTERS` maps each kind to its adapter factory and `registry.KINDS` says what each needs;
`base` holds the shared result types (`ParsedBatch`, `HandshakeResult`, `SourceSecrets`, `SourceSettings`).
"""

from bot.sources.base import (
    EventKind,
    HandshakeResult,
    ParsedBatch,
    ParsedItem,
    SourceSecrets,
    SourceSettings,
    WebhookSource,
)
from bot.sources.generic import GenericSource
from bot.sources.linkedin import LinkedInSource
from bot.sources.listening import OctolensSource, YouScanSource
from bot.sources.meta import MetaSource
from bot.sources.x import XSource

__all__ = [
    "EventKind",
    "GenericSource",
    "HandshakeResult",
    "LinkedInSource",
    "MetaSource",
    "OctolensSource",
    "ParsedBatch",
    "ParsedItem",
    "SourceSecrets",
    "SourceSettings",
    "WebhookSource",
    "XSource",
    "YouScanSource",
]
