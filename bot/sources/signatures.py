"""HMAC-SHA256 helpers shared by the platform schemes, and shared-token checks for unsigned tools.

Every check runs on the raw request bytes and compares in constant time; with two secrets (rotation)
any one matching is enough.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import hashlib
import hmac
from collections.abc import Iterable, Mapping, Sequence

from bot.errors import BadSignature

__all__ = ["b64_hmac", "check_shared_token", "header", "hex_hmac", "matches_any", "require_header"]


def hex_hmac(key: str, message: bytes) -> str:
    return hmac.new(key.encode(), message, hashlib.sha256).hexdigest()


def b64_hmac(key: str, message: bytes) -> str:
    return base64.b64encode(hmac.new(key.encode(), message, hashlib.sha256).digest()).decode()


def matches_any(offered: str, expected: Iterable[str]) -> bool:
    """Constant-time comparison against every expected value (no early exit on the first match)."""
    found = False
    for value in expected:
        found |= hmac.compare_digest(offered.encode(), value.encode())
    return found


def header(headers: Mapping[str, str], name: str) -> str | None:
    """A header by name, whatever its case (Starlette's headers already ignore case; plain dicts do not)."""
    value = headers.get(name)
    if value is None:
        wanted = name.lower()
        value = next((v for k, v in headers.items() if k.lower() == wanted), None)
    return value


def require_header(headers: Mapping[str, str], name: str) -> str:
    value = header(headers, name)
    if not value:
        raise BadSignature(f"missing {name} header")
    return value.strip()


def check_shared_token(
    headers: Mapping[str, str], query: Mapping[str, str] | None, secrets: Sequence[str], *, tool: str
) -> None:
    """For tools that do not sign (YouScan, Octolens): the secret comes back as HTTP Basic credentials
    from the URL (`https://user:password@host/...`, secret `user:password`), as `Authorization: Bearer`,
    or as the `secret` query parameter."""
    offered = _offered_tokens(headers, query)
    if not offered:
        raise BadSignature(f"{tool} requests carry no credentials: put the secret in the webhook URL")
    if not any(matches_any(token, secrets) for token in offered):
        raise BadSignature(f"the {tool} credentials do not match this source's secret")


def _offered_tokens(headers: Mapping[str, str], query: Mapping[str, str] | None) -> list[str]:
    tokens: list[str] = []
    auth = (header(headers, "authorization") or "").strip()
    scheme, _, value = auth.partition(" ")
    if scheme.lower() == "basic" and value:
        with contextlib.suppress(binascii.Error, UnicodeDecodeError):
            tokens.append(base64.b64decode(value.strip(), validate=True).decode())
    elif scheme.lower() == "bearer" and value:
        tokens.append(value.strip())
    if query is not None and query.get("secret"):
        tokens.append(query["secret"])
    return tokens
