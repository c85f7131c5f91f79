"""A playbook with one source of every kind, its environment, and signed requests built from the samples."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import yaml
from sqlalchemy import func, select

from bot.config import bundled_playbook_path
from bot.db.models import Mention
from bot.sources import linkedin, meta, x
from bot.sources.standard_webhooks import sign as standard_sign
from tests.sources.samples import (
    GENERIC_SECRET,
    LINKEDIN_SECRET,
    META_SECRET,
    META_VERIFY_TOKEN,
    OCTOLENS_SECRET,
    OTHER_SECRET,
    X_SECRET,
    YOUSCAN_SECRET,
    raw,
    signatures,
)
from tests.support.app_server import RunningApp, app_settings, running_app

ENV = {
    "T_GENERIC": GENERIC_SECRET,
    "T_X": X_SECRET,
    "T_X_OLD": OTHER_SECRET,
    "T_META": META_SECRET,
    "T_META_TOKEN": META_VERIFY_TOKEN,
    "T_LINKEDIN": LINKEDIN_SECRET,
    "T_YOUSCAN": YOUSCAN_SECRET,
    "T_OCTOLENS": OCTOLENS_SECRET,
}

SOURCES: list[dict[str, Any]] = [
    {"id": "generic", "kind": "generic", "secret_env": "T_GENERIC"},
    {"id": "x", "kind": "x", "secret_env": ["T_X", "T_X_OLD"]},  # brand_account_ids: the brand's handles
    {"id": "meta", "kind": "meta", "secret_env": "T_META", "verify_token_env": "T_META_TOKEN"},
    {"id": "linkedin", "kind": "linkedin", "secret_env": "T_LINKEDIN",
     "brand_account_ids": ["urn:li:organization:2414183"]},
    {"id": "youscan", "kind": "youscan", "secret_env": "T_YOUSCAN"},
    {"id": "octolens", "kind": "octolens", "secret_env": "T_OCTOLENS"},
]  # fmt: skip


def write_playbook(directory: Path, sources: list[dict[str, Any]] = SOURCES) -> Path:
    """The bundled example playbook with `sources` replaced."""
    data = yaml.safe_load(bundled_playbook_path().read_text(encoding="utf-8"))
    data["sources"] = sources
    path = directory / "playbook.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@asynccontextmanager
async def sources_app(
    database_url: str, directory: Path, *, env: dict[str, str] | None = None, sources: list[dict[str, Any]] = SOURCES
) -> AsyncIterator[RunningApp]:
    settings = app_settings(database_url, playbook=write_playbook(directory, sources))
    async with running_app(settings, env=ENV if env is None else env) as app:
        yield app


def signed(kind: str, body: bytes, *, secret: str | None = None) -> dict[str, str]:
    """The headers the platform would send with `body` (re-signed, for bodies the test changed)."""
    if kind == "x":
        return {x.SIGNATURE_HEADER: x.sign(body, secret or X_SECRET)}
    if kind == "meta":
        return {meta.SIGNATURE_HEADER: meta.sign(body, secret or META_SECRET)}
    if kind == "linkedin":
        return {linkedin.SIGNATURE_HEADER: linkedin.sign(body, secret or LINKEDIN_SECRET)}
    if kind == "generic":
        msg_id, stamp = f"msg_{time.monotonic_ns()}", int(time.time())
        signature = standard_sign(secret or GENERIC_SECRET, msg_id, stamp, body)
        return {"webhook-id": msg_id, "webhook-timestamp": str(stamp), "webhook-signature": signature}
    raise ValueError(f"{kind} does not sign")


def sample_request(kind: str, name: str) -> tuple[bytes, dict[str, str], dict[str, str]]:
    """(body, headers, query) of a sample exactly as stored, with its recorded credentials."""
    body = raw(kind, name)
    if kind == "generic":  # its stored signature has a fixed timestamp: sign again for now
        return body, signed("generic", body), {}
    sigs = signatures(kind)
    return body, dict(sigs["headers"][name]), dict(sigs.get("query", {}).get(name, {}))


async def post_sample(app: RunningApp, kind: str, name: str) -> httpx.Response:
    body, headers, query = sample_request(kind, name)
    return await post(app, kind, body, headers, query)


async def post(
    app: RunningApp, source: str, body: bytes, headers: dict[str, str], query: dict[str, str] | None = None
) -> httpx.Response:
    headers = {"content-type": "application/json", **headers}
    return await app.client.post(f"/webhooks/{source}", content=body, headers=headers, params=query or None)


async def stored(app: RunningApp, source: str | None = None) -> int:
    assert app.runtime.sessions is not None
    stmt = select(func.count()).select_from(Mention)
    if source is not None:
        stmt = stmt.where(Mention.source == source)
    async with app.runtime.sessions() as session:
        return int(await session.scalar(stmt) or 0)


async def mention(app: RunningApp, source: str, external_id: str) -> Mention:
    assert app.runtime.sessions is not None
    async with app.runtime.sessions() as session:
        row = await session.scalar(select(Mention).where(Mention.source == source, Mention.external_id == external_id))
    assert row is not None, f"no mention {source}/{external_id}"
    return row


def counts(accepted: int = 0, duplicates: int = 0, ignored: int = 0, own: int = 0, updated: int = 0) -> dict[str, int]:
    return {"accepted": accepted, "duplicates": duplicates, "ignored": ignored, "own": own, "updated": updated}
