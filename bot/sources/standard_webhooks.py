"""Standard Webhooks signatures (https://www.standardwebhooks.com), verified over the raw request bytes.

Written here rather than taken from the `standardwebhooks` package because verification must take the
time as an argument (sources are pure and tested with a frozen clock) and accept two secrets during a
rotation; the test suite signs with that package to prove the two interoperate.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
from collections.abc import Mapping, Sequence
from datetime import datetime

from bot.errors import BadSignature

__all__ = ["decode_secret", "sign", "verify"]

PREFIX = "whsec_"


def decode_secret(secret: str) -> bytes:
    """`whsec_<base64>` (or bare base64) → key bytes. A malformed secret is a configuration error."""
    try:
        return base64.b64decode(secret.removeprefix(PREFIX), validate=True)
    except (binascii.Error, ValueError):
        raise ValueError("a Standard Webhooks secret looks like whsec_<base64>") from None


def sign(secret: str, msg_id: str, timestamp: int, body: bytes) -> str:
    """The `v1,<base64>` signature for a message (used by tests, benchmarks and the outbound webhook)."""
    content = f"{msg_id}.{timestamp}.".encode() + body
    digest = hmac.new(decode_secret(secret), content, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def verify(
    body: bytes, headers: Mapping[str, str], secrets: Sequence[str], now: datetime, *, tolerance: int = 300
) -> None:
    msg_id = headers.get("webhook-id")
    stamp = headers.get("webhook-timestamp")
    signatures = headers.get("webhook-signature")
    if not (msg_id and stamp and signatures):
        raise BadSignature("missing webhook-id, webhook-timestamp or webhook-signature header")
    try:
        timestamp = int(stamp)
    except ValueError:
        raise BadSignature("webhook-timestamp is not a Unix time in seconds") from None
    if abs(now.timestamp() - timestamp) > tolerance:
        raise BadSignature(f"webhook-timestamp is more than {tolerance} s away from now (replay or clock skew)")
    content = f"{msg_id}.{timestamp}.".encode() + body
    offered = [part.split(",", 1)[1] for part in signatures.split() if part.startswith("v1,")]
    for secret in secrets:
        expected = base64.b64encode(hmac.new(decode_secret(secret), content, hashlib.sha256).digest()).decode()
        if any(hmac.compare_digest(expected, candidate) for candidate in offered):
            return
    raise BadSignature("no v1 signature matches this source's secret")
