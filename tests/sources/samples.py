"""Sample payloads in tests/data/sources/<kind>/ and the secrets their stored signatures were made with."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parents[1] / "data" / "sources"
NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)

X_SECRET = "x-consumer-secret-for-tests"
META_SECRET = "meta-app-secret-for-tests"
META_VERIFY_TOKEN = "movilia-verify-2026"
LINKEDIN_SECRET = "linkedin-client-secret-for-tests"
YOUSCAN_SECRET = "directo:s3cret-pässword"
OCTOLENS_SECRET = "octolens-url-token-for-tests"
GENERIC_SECRET = "whsec_" + base64.b64encode(b"s" * 32).decode()
OTHER_SECRET = "an-older-secret-being-rotated-out"


def raw(kind: str, name: str) -> bytes:
    """The file's exact bytes: what the platform would have sent and signed."""
    return (DATA / kind / name).read_bytes()


def signatures(kind: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((DATA / kind / "signatures.json").read_text(encoding="utf-8"))
    return data


def payload_files(kind: str) -> list[str]:
    return sorted(p.name for p in (DATA / kind).glob("*.json") if p.name != "signatures.json")
