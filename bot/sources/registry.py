"""Which source kinds exist: kind → adapter factory, and what each kind needs from the playbook and env.

The composition root (not an import side effect) builds one adapter per playbook source:

    spec = KINDS[source.kind]
    adapter = ADAPTERS[source.kind](SourceSettings(brand_account_ids=frozenset(source.brand_account_ids)))
    problem = spec.check_secret(value)          # None, or why this secret cannot be used
    result = adapter.handshake(request.query_params, SourceSecrets(signing=..., verify_token=...))
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from bot.sources import standard_webhooks
from bot.sources.base import HandshakeResult, ParsedBatch, ParsedItem, SourceSecrets, SourceSettings, WebhookSource
from bot.sources.generic import GenericSource
from bot.sources.linkedin import LinkedInSource
from bot.sources.listening import OctolensSource, YouScanSource
from bot.sources.meta import MetaSource
from bot.sources.x import XSource

__all__ = ["ADAPTERS", "KINDS", "AdapterFactory", "GenericWebhookSource", "KindSpec", "handshake"]

AdapterFactory = Callable[[SourceSettings], WebhookSource]


class GenericWebhookSource(GenericSource):
    """The generic source with the uniform surface of the platform adapters (same behaviour)."""

    def __init__(self, settings: SourceSettings | None = None) -> None:
        super().__init__(tolerance_seconds=(settings or SourceSettings()).tolerance_seconds)

    def verify(
        self,
        raw: bytes,
        headers: Mapping[str, str],
        secrets: Sequence[str],
        now: datetime,
        *,
        query: Mapping[str, str] | None = None,
    ) -> None:
        super().verify(raw, headers, secrets, now)

    def parse_batch(self, raw: bytes) -> ParsedBatch:
        return ParsedBatch(tuple(ParsedItem(mention) for mention in self.parse(raw)))

    def handshake(self, query: Mapping[str, str], secrets: SourceSecrets) -> HandshakeResult | None:
        return None


def _whsec(value: str) -> str | None:
    try:
        standard_webhooks.decode_secret(value)
    except ValueError as exc:
        return str(exc)
    return None


def _present(value: str) -> str | None:
    return None if value.strip() else "is empty"


def _user_password(value: str) -> str | None:
    return None if value.strip() else "is empty (use user:password from the webhook URL, or a token)"


@dataclass(frozen=True)
class KindSpec:
    """What a kind needs. `secret` names the secret `secret_env` points at (one, or two while rotating)."""

    kind: str
    summary: str
    secret: str
    check_secret: Callable[[str], str | None]
    verify_token: bool = False
    """Needs `verify_token_env` (Meta's verification request)."""
    brand_account_ids: str = ""
    """What to list in `brand_account_ids` so the brand's own posts are skipped ("" = not used)."""
    handshake: str = ""
    """The GET verification the platform performs ("" = none)."""
    query_secret: bool = False
    """The secret may arrive in the URL's query string: pass `query=` to `verify` and keep it out of logs."""


ADAPTERS: dict[str, AdapterFactory] = {
    "generic": GenericWebhookSource,
    "x": XSource,
    "meta": MetaSource,
    "linkedin": LinkedInSource,
    "youscan": YouScanSource,
    "octolens": OctolensSource,
}

KINDS: dict[str, KindSpec] = {
    "generic": KindSpec(
        "generic",
        "Directo's mention JSON signed with Standard Webhooks (also Zapier, Make, n8n)",
        "Standard Webhooks secret, whsec_<base64>",
        _whsec,
    ),
    "x": KindSpec(
        "x",
        "X Account Activity API and v2 filtered-stream webhooks",
        "the X app's consumer secret (API key secret)",
        _present,
        brand_account_ids="numeric X user ids or @handles of the brand's accounts",
        handshake="CRC: GET ?crc_token=…",
    ),
    "meta": KindSpec(
        "meta",
        "Instagram (comments, mentions) and Facebook Page (feed) webhooks of a Meta app",
        "the Meta app secret",
        _present,
        verify_token=True,
        brand_account_ids="Instagram user ids / Page ids of the brand (the subscribed account is skipped anyway)",
        handshake="GET ?hub.mode=subscribe&hub.verify_token=…&hub.challenge=…",
    ),
    "linkedin": KindSpec(
        "linkedin",
        "LinkedIn organization social action notifications (comments, shares, mentions of the page)",
        "the LinkedIn app's client secret",
        _present,
        brand_account_ids="URNs of the brand's organization and people (urn:li:organization:…)",
        handshake="GET ?challengeCode=…",
    ),
    "youscan": KindSpec(
        "youscan",
        "YouScan topic webhooks",
        "user:password put in the webhook URL (or a token sent as ?secret= / Bearer)",
        _user_password,
        brand_account_ids="profile ids or nicknames of the brand's accounts",
        query_secret=True,
    ),
    "octolens": KindSpec(
        "octolens",
        "Octolens view webhooks",
        "a random token put in the webhook URL as ?secret=…",
        _present,
        brand_account_ids="handles of the brand's accounts",
        query_secret=True,
    ),
}


def handshake(kind: str, query: Mapping[str, str], secrets: SourceSecrets) -> HandshakeResult | None:
    """The answer to `GET /webhooks/{id}` for a source of `kind`; None when the request is no handshake."""
    return ADAPTERS[kind](SourceSettings()).handshake(query, secrets)
