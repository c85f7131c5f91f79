"""`POST /webhooks/{source}` over real HTTP against the real app: 202 only after the commit, clear errors."""

from __future__ import annotations

import json
import time

import pytest
from sqlalchemy import func, select

from bot.db.models import Mention
from tests.support.app_server import RunningApp, app_settings, running_app, wait_until
from tests.support.factories import ROAMING_TEXT


@pytest.fixture
async def app(empty_db_url: str) -> RunningApp:  # type: ignore[misc]
    async with running_app(app_settings(empty_db_url)) as running:
        yield running


async def _stored(app: RunningApp) -> int:
    assert app.runtime.sessions is not None
    async with app.runtime.sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(Mention)) or 0)


async def test_signed_mention_is_stored_before_202(app: RunningApp) -> None:
    response = await app.post_mentions({"id": "t1", "text": ROAMING_TEXT, "author": {"handle": "@rooney"}})
    assert response.status_code == 202
    assert response.json() == {"accepted": 1, "duplicates": 0, "ignored": 0, "own": 0, "updated": 0}
    assert await _stored(app) == 1


async def test_batch_and_redelivery_counts_duplicates(app: RunningApp) -> None:
    batch = {"mentions": [{"id": "a", "text": "uno"}, {"id": "b", "text": "dos"}, {"id": "a", "text": "uno otra vez"}]}
    first = await app.post_mentions(batch)
    again = await app.post_mentions(batch)
    assert first.json() == {"accepted": 2, "duplicates": 1, "ignored": 0, "own": 0, "updated": 0}
    assert again.json() == {"accepted": 0, "duplicates": 3, "ignored": 0, "own": 0, "updated": 0}
    assert await _stored(app) == 2


async def test_concurrent_requests_share_commits_and_lose_nothing(app: RunningApp) -> None:
    import asyncio

    responses = await asyncio.gather(*(app.post_mentions({"id": f"c{i}", "text": "hola"}) for i in range(60)))
    assert all(r.status_code == 202 for r in responses)
    assert sum(r.json()["accepted"] for r in responses) == 60
    assert await _stored(app) == 60


async def test_bad_signature_is_401_and_stores_nothing(app: RunningApp) -> None:
    wrong = "whsec_" + "A" * 43 + "="
    response = await app.post_mentions({"id": "x", "text": "hola"}, secret=wrong)
    assert response.status_code == 401
    assert "signature" in response.json()["error"]
    assert await _stored(app) == 0


async def test_replayed_old_request_is_401(app: RunningApp) -> None:
    response = await app.post_mentions({"id": "x", "text": "hola"}, at=time.time() - 600)
    assert response.status_code == 401
    assert "timestamp" in response.json()["error"]


async def test_unknown_source_is_404(app: RunningApp) -> None:
    response = await app.post_mentions({"id": "x", "text": "hola"}, source="nope")
    assert response.status_code == 404


async def test_invalid_mention_is_422_naming_the_field_and_batch_is_all_or_nothing(app: RunningApp) -> None:
    response = await app.post_mentions({"mentions": [{"id": "ok", "text": "bien"}, {"id": "bad"}]})
    assert response.status_code == 422
    assert response.json()["field"] == "mentions[1].text"
    assert await _stored(app) == 0


async def test_unparseable_body_is_422(app: RunningApp) -> None:
    response = await app.post_mentions(b"{not json")
    assert response.status_code == 422
    assert "not JSON" in response.json()["error"]


async def test_body_over_the_limit_is_413(app: RunningApp) -> None:
    response = await app.post_mentions({"id": "big", "text": "x" * (1024 * 1024 + 10)})
    assert response.status_code == 413
    assert await _stored(app) == 0


async def test_source_without_configured_secret_refuses_everything(empty_db_url: str) -> None:
    async with running_app(app_settings(empty_db_url), env={}) as app:
        response = await app.post_mentions({"id": "x", "text": "hola"})
    assert response.status_code == 401
    assert "no secret" in response.json()["error"]


async def test_healthz_without_telegram_is_ok_and_says_so(app: RunningApp) -> None:
    async def healthy() -> dict[str, object] | None:
        body: dict[str, object] = (await app.client.get("/healthz")).json()
        return body if body["status"] == "ok" else None

    # The pipeline's process says when its worker runs; until then the worker check says "starting".
    body = await wait_until(healthy, within=30)
    assert body["checks"]["telegram"] == {"ok": True, "detail": "not configured"}
    assert body["checks"]["worker"]["ok"] is True


async def test_metrics_count_received_mentions(app: RunningApp) -> None:
    await app.post_mentions({"id": "m", "text": "hola"})
    text = (await app.client.get("/metrics")).text
    assert 'directo_mentions_received_total{source="generic"} 1.0' in text


async def test_telegram_webhook_is_404_when_not_in_webhook_mode(app: RunningApp) -> None:
    response = await app.client.post("/telegram/webhook", content=json.dumps({"update_id": 1}))
    assert response.status_code == 404


async def test_a_flooding_source_gets_429_with_retry_after_and_admins_are_told(empty_db_url: str) -> None:
    from bot.db.models import Notification, Person, TelegramLink

    async with running_app(app_settings(empty_db_url, source_max_per_second=1, source_burst=3)) as app:
        assert app.runtime.sessions is not None
        async with app.runtime.sessions() as session, session.begin():
            admin = await session.scalar(select(Person).where(Person.key == "admin"))
            assert admin is not None
            session.add(
                TelegramLink(person_id=admin.id, telegram_user_id=77, chat_id=77, linked_at=app.runtime.clock.now())
            )
        assert (
            await app.post_mentions({"mentions": [{"id": f"f{i}", "text": "hola"} for i in range(3)]})
        ).status_code == 202
        refused = await app.post_mentions({"mentions": [{"id": f"g{i}", "text": "hola"} for i in range(3)]})
        assert refused.status_code == 429
        assert int(refused.headers["retry-after"]) >= 1
        assert "nothing was stored" in refused.json()["error"]
        assert (await app.post_mentions({"id": "h1", "text": "hola"})).status_code == 429

        async def reported() -> int:
            assert app.runtime.sessions is not None
            async with app.runtime.sessions() as session:
                rows = (await session.scalars(select(Notification).where(Notification.chat_id == 77))).all()
            return len([r for r in rows if (r.payload or {}).get("key") == "flood.report"])

        from tests.support.app_server import wait_until

        assert await wait_until(reported) == 1, "told once, not once per refused request"
        assert await _stored(app) == 3


async def test_an_unexpected_failure_is_500_and_acknowledges_nothing(
    app: RunningApp, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    import bot.web.ingest

    def broken(batch: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(bot.web.ingest, "_split", broken)
    response = await app.post_mentions({"id": "x", "text": "hola"})
    assert response.status_code == 500
    assert "nothing was acknowledged" in response.json()["error"]
    assert "POST /webhooks/generic failed" in caplog.text
    assert await _stored(app) == 0


async def test_a_body_sent_in_chunks_is_read_whole(app: RunningApp) -> None:
    from bot.sources.standard_webhooks import sign
    from tests.support.app_server import GENERIC_SECRET

    raw = json.dumps({"id": "chunked", "text": "hola " * 2000}).encode()
    stamp = int(time.time())
    headers = {
        "webhook-id": "m1",
        "webhook-timestamp": str(stamp),
        "webhook-signature": sign(GENERIC_SECRET, "m1", stamp, raw),
    }

    async def pieces():  # type: ignore[no-untyped-def]
        for start in range(0, len(raw), 1000):
            yield raw[start : start + 1000]

    response = await app.client.post("/webhooks/generic", content=pieces(), headers=headers)
    assert response.status_code == 202
    assert response.json()["accepted"] == 1
    assert await _stored(app) == 1


async def test_a_client_that_goes_away_mid_body_gets_nothing_stored(app: RunningApp) -> None:
    import asyncio

    host, port = app.url.removeprefix("http://").split(":")
    _reader, writer = await asyncio.open_connection(host, int(port))
    writer.write(b"POST /webhooks/generic HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n" + b"{" * 100)
    await writer.drain()
    writer.close()
    await writer.wait_closed()
    # The app is still serving and stored nothing of the abandoned request.
    assert (await app.post_mentions({"id": "after", "text": "hola"})).status_code == 202
    assert await _stored(app) == 1


async def test_a_path_below_a_source_is_not_a_webhook(app: RunningApp) -> None:
    for path in ("/webhooks/generic/extra", "/webhooks/"):
        response = await app.client.post(path, content=b"{}")
        assert response.status_code in (404, 405), path
    assert await _stored(app) == 0
