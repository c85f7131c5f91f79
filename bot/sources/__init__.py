"""Source adapters: verify a platform's signature on the raw bytes and parse its payload. Pure."""

from bot.sources.generic import GenericSource

__all__ = ["GenericSource"]
