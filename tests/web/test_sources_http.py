"""Every source kind over real HTTP against the real app: handshakes, signatures, the brand's own posts,
batches, edits and removals, ignored events, and mentions that end up triaged (and escalated)."""

from __future__ import annotations

import base64
import json
import logging
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.db.models import EscalationMention, Mention
from bot.sources.linkedin import challenge_response
from bot.sources.x import crc_response
from tests.sources.samples import LINKEDIN_SECRET, META_VERIFY_TOKEN, OTHER_SECRET, X_SECRET, raw
from tests.support.app_server import RunningApp, wait_until
from tests.web.sources_support import (
    ENV,
    counts,
    mention,
    post,
    post_sample,
    sample_request,
    signed,
    sources_app,
    stored,
)


@pytest.fixture
async def app(empty_db_url: str, tmp_path: Path) -> AsyncIterator[RunningApp]:
    async with sources_app(empty_db_url, tmp_path) as running:
        yield running


# --- handshakes ------------------------------------------------------------------------------------------


async def test_x_crc_is_answered_with_the_first_consumer_secret(app: RunningApp) -> None:
    started = time.perf_counter()
    response = await app.client.get("/webhooks/x", params={"crc_token": "test123"})
    elapsed = time.perf_counter() - started
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    assert response.json() == crc_response("test123", X_SECRET)
    assert elapsed < 1.0, "X drops webhooks whose CRC answer is late"


async def test_meta_verification_echoes_the_challenge_as_text(app: RunningApp) -> None:
    query = {"hub.mode": "subscribe", "hub.verify_token": META_VERIFY_TOKEN, "hub.challenge": "1158201444"}
    response = await app.client.get("/webhooks/meta", params=query)
    assert response.status_code == 200
    assert response.text == "1158201444"
    assert response.headers["content-type"].startswith("text/plain")


async def test_meta_verification_with_a_wrong_token_is_403_and_logged(
    app: RunningApp, caplog: pytest.LogCaptureFixture
) -> None:
    query = {"hub.mode": "subscribe", "hub.verify_token": "guess", "hub.challenge": "1158201444"}
    with caplog.at_level(logging.WARNING, logger="bot.web.ingest"):
        response = await app.client.get("/webhooks/meta", params=query)
    assert response.status_code == 403
    assert "1158201444" not in response.text
    assert "handshake for source 'meta' refused with 403: hub.verify_token does not match" in caplog.text


async def test_linkedin_challenge_is_answered_with_hex_hmac(app: RunningApp) -> None:
    code = "f3b1c0de-7e57-4c0d-9e00-1234567890ab"
    response = await app.client.get("/webhooks/linkedin", params={"challengeCode": code})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    assert response.json() == challenge_response(code, LINKEDIN_SECRET)
    assert len(response.json()["challengeResponse"]) == 64


async def test_a_get_that_is_no_handshake_is_400_and_logged(app: RunningApp, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="bot.web.ingest"):
        response = await app.client.get("/webhooks/x", params={"hello": "1"})
    assert response.status_code == 400
    assert "crc_token" in response.json()["error"]
    assert "GET /webhooks/x is no x handshake" in caplog.text


async def test_empty_crc_token_is_refused_and_logged(app: RunningApp, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="bot.web.ingest"):
        response = await app.client.get("/webhooks/x?crc_token=")
    assert response.status_code == 400
    assert "empty crc_token" in caplog.text


@pytest.mark.parametrize("source", ["generic", "youscan", "octolens"])
async def test_kinds_without_a_handshake_answer_404_to_get(app: RunningApp, source: str) -> None:
    response = await app.client.get(f"/webhooks/{source}", params={"crc_token": "x"})
    assert response.status_code == 404


async def test_get_of_an_unknown_source_is_404(app: RunningApp) -> None:
    assert (await app.client.get("/webhooks/tiktok", params={"crc_token": "x"})).status_code == 404


# --- signed posts, the brand's own, batches and ignored events ------------------------------------------

SAMPLES = [
    ("x", "tweet_create_truncated_es.json", counts(accepted=1)),
    ("x", "tweet_create_batch_en.json", counts(accepted=2, own=1)),
    ("x", "filtered_stream_v2.json", counts(accepted=1)),
    ("x", "filtered_stream_v2_reply_es.json", counts(accepted=1, own=1)),
    ("x", "favorite_events.json", counts(ignored=1)),
    ("x", "direct_message_events.json", counts(ignored=2)),
    ("x", "tweet_delete_events.json", counts(ignored=1)),  # a removal of a mention never stored
    ("meta", "instagram_comment_es.json", counts(accepted=1)),
    ("meta", "instagram_comments_batch.json", counts(accepted=2, own=1, ignored=1)),
    ("meta", "instagram_mentions_ids_only.json", counts(accepted=2)),
    ("meta", "messenger_only.json", counts(ignored=1)),
    # a new comment and its edit in one batch, a removal of a comment never stored, a reaction, the Page's own
    ("meta", "page_feed_batch.json", counts(accepted=2, updated=1, ignored=2, own=1)),
    ("linkedin", "comment_es.json", counts(accepted=1)),
    # two shares; an edit of a comment never stored (stored as new); a removal never stored and a LIKE; the page's own
    ("linkedin", "notifications_batch.json", counts(accepted=3, ignored=2, own=1)),
    ("youscan", "mention_es.json", counts(accepted=1)),
    ("youscan", "mention_en_forum.json", counts(accepted=1)),
    ("octolens", "mention_created_en.json", counts(accepted=1)),
    ("octolens", "mention_updated_es.json", counts(accepted=1)),  # an update of a mention never stored
    ("octolens", "test_ping.json", counts(ignored=1)),
    ("generic", "zapier_all_strings.json", counts(accepted=1)),
    ("generic", "make_batch_numeric_ids.json", counts(accepted=2)),
]


@pytest.mark.parametrize(("kind", "name", "expected"), SAMPLES, ids=[f"{k}/{n}" for k, n, _ in SAMPLES])
async def test_each_sample_is_answered_202_with_its_counts_and_a_replay_is_a_duplicate(
    app: RunningApp, kind: str, name: str, expected: dict[str, int]
) -> None:
    first = await post_sample(app, kind, name)
    assert first.status_code == 202, first.text
    assert first.json() == expected
    assert await stored(app, kind) == expected["accepted"]
    again = await post_sample(app, kind, name)  # X and Meta sign no timestamp: a replay is the same bytes
    assert again.status_code == 202
    assert again.json()["accepted"] == 0
    assert again.json()["updated"] == 0
    assert await stored(app, kind) == expected["accepted"]


TAMPERED = [
    ("x", "tweet_create_truncated_es.json"),
    ("meta", "instagram_comment_es.json"),
    ("linkedin", "comment_es.json"),
    ("generic", "zapier_all_strings.json"),
]


@pytest.mark.parametrize(("kind", "name"), TAMPERED)
async def test_a_tampered_body_is_401_and_stores_nothing(app: RunningApp, kind: str, name: str) -> None:
    body, headers, _ = sample_request(kind, name)
    tampered = body.replace(b"e", b"E", 1)  # one byte
    assert tampered != body
    response = await post(app, kind, tampered, headers)
    assert response.status_code == 401
    assert await stored(app) == 0


@pytest.mark.parametrize("kind", ["x", "meta", "linkedin", "generic"])
async def test_a_signature_under_another_secret_is_401(app: RunningApp, kind: str) -> None:
    body = raw(kind, {"x": "tweet_create_truncated_es.json", "meta": "instagram_comment_es.json",
                      "linkedin": "comment_es.json", "generic": "zapier_all_strings.json"}[kind])  # fmt: skip
    secret = "whsec_" + base64.b64encode(b"w" * 32).decode() if kind == "generic" else "not-the-secret"
    response = await post(app, kind, body, signed(kind, body, secret=secret))
    assert response.status_code == 401
    assert await stored(app) == 0


async def test_a_missing_signature_header_is_401(app: RunningApp) -> None:
    response = await post(app, "x", raw("x", "tweet_create_truncated_es.json"), {})
    assert response.status_code == 401
    assert "x-twitter-webhooks-signature" in response.json()["error"]


async def test_meta_signature_covers_the_escaped_bytes_not_a_reserialized_body(app: RunningApp) -> None:
    body, headers, _ = sample_request("meta", "instagram_comment_es.json")
    assert b"\\u00" in body, "the sample escapes non-ASCII characters as Meta does"
    reserialized = json.dumps(json.loads(body), ensure_ascii=False).encode()
    assert (await post(app, "meta", reserialized, headers)).status_code == 401
    assert (await post(app, "meta", body, headers)).status_code == 202


async def test_x_accepts_the_old_secret_during_a_rotation(app: RunningApp) -> None:
    body = raw("x", "tweet_create_truncated_es.json")
    response = await post(app, "x", body, signed("x", body, secret=OTHER_SECRET))
    assert response.status_code == 202
    assert response.json()["accepted"] == 1


@pytest.mark.parametrize(
    ("source", "headers", "query", "status"),
    [
        (
            "youscan",
            {"authorization": "Basic " + base64.b64encode("directo:s3cret-pässword".encode()).decode()},
            {},
            202,
        ),
        ("youscan", {"authorization": "Basic " + base64.b64encode(b"directo:wrong").decode()}, {}, 401),
        ("youscan", {}, {}, 401),
        ("octolens", {}, {"secret": "octolens-url-token-for-tests"}, 202),
        ("octolens", {}, {"secret": "wrong"}, 401),
        ("octolens", {"authorization": "Bearer octolens-url-token-for-tests"}, {}, 202),
    ],
)
async def test_listening_tools_are_checked_by_the_credentials_in_their_url(
    app: RunningApp, source: str, headers: dict[str, str], query: dict[str, str], status: int
) -> None:
    name = "mention_es.json" if source == "youscan" else "mention_created_en.json"
    response = await post(app, source, raw(source, name), headers, query)
    assert response.status_code == status, response.text
    assert await stored(app) == (1 if status == 202 else 0)


async def test_a_bad_field_is_422_naming_it_and_the_batch_stores_nothing(app: RunningApp) -> None:
    data = json.loads(raw("x", "tweet_create_batch_en.json"))
    data["tweet_create_events"][1]["user"] = "markoneill_tech"
    body = json.dumps(data, ensure_ascii=False).encode()
    response = await post(app, "x", body, signed("x", body))
    assert response.status_code == 422
    assert response.json() == {
        "error": "tweet_create_events[1].user: must be an object",
        "field": "tweet_create_events[1].user",
    }
    assert await stored(app) == 0


async def test_a_meta_batch_with_a_bad_change_stores_nothing(app: RunningApp) -> None:
    data = json.loads(raw("meta", "instagram_comments_batch.json"))
    data["entry"][0]["changes"][-1]["value"] = []
    body = json.dumps(data).encode()
    response = await post(app, "meta", body, signed("meta", body))
    assert response.status_code == 422
    assert response.json()["field"].startswith("entry[0].changes[")
    assert await stored(app) == 0


async def test_a_brand_account_listed_in_the_playbook_is_skipped(empty_db_url: str, tmp_path: Path) -> None:
    from tests.web.sources_support import SOURCES

    sources = [
        {**s, "brand_account_ids": ["@MarkONeill_Tech"]} if s["id"] == "x" else s for s in SOURCES
    ]  # as if that account were the brand's: case and @ do not matter
    async with sources_app(empty_db_url, tmp_path, sources=sources) as app:
        response = await post_sample(app, "x", "tweet_create_batch_en.json")
    assert response.json() == counts(accepted=1, own=2)


# --- the stored mention: extras, edits and removals -----------------------------------------------------


async def test_extras_are_stored_with_the_mention(app: RunningApp) -> None:
    await post_sample(app, "x", "tweet_create_truncated_es.json")
    await post_sample(app, "meta", "instagram_mentions_ids_only.json")
    await post_sample(app, "youscan", "mention_es.json")
    tweet = await mention(app, "x", "1900000000000000001")
    assert tweet.payload["author_id"] == "1500000000000000111"
    assert "movilia" in tweet.payload["user_mentions"]
    assert tweet.text.startswith("@movilia llevo TRES semanas sin fibra")
    assert len(tweet.text) > 140, "the full text of a truncated tweet"
    ids_only = await mention(app, "meta", "17860000000000005")
    assert ids_only.payload["text_unavailable"] is True
    assert ids_only.text == ""
    youscan = await mention(app, "youscan", "241032672")
    assert youscan.payload["labels"]
    assert "hashtags" not in youscan.payload, "empty extras are left out of the payload"


async def test_generic_payload_keeps_its_documented_shape(app: RunningApp) -> None:
    await post_sample(app, "generic", "zapier_all_strings.json")
    row = await mention(app, "generic", "4711")
    assert set(row.payload) <= {"id", "platform", "url", "text", "language", "created_at", "author",
                                "thread_id", "in_reply_to", "metrics"}  # fmt: skip


async def test_a_linkedin_comment_edit_and_removal_are_recorded_on_the_stored_mention(app: RunningApp) -> None:
    await post_sample(app, "linkedin", "comment_es.json")
    comment_id = "urn:li:comment:(urn:li:activity:7300000000000000001,7300000000000000501)"
    before = await mention(app, "linkedin", comment_id)
    response = await post_sample(app, "linkedin", "notifications_batch.json")
    assert response.json() == counts(accepted=2, updated=1, ignored=2, own=1)
    after = await mention(app, "linkedin", comment_id)
    assert after.id == before.id
    assert after.text.startswith("Actualizo: ya me han devuelto el cargo")
    assert after.payload["history"] == [
        {"event": "edited", "at": after.payload["edited_at"], "previous_text": before.text}
    ]
    again = await post_sample(app, "linkedin", "notifications_batch.json")  # LinkedIn re-delivers for hours
    assert again.json() == counts(duplicates=3, ignored=2, own=1)
    assert len((await mention(app, "linkedin", comment_id)).payload["history"]) == 1


async def test_an_x_deletion_flags_the_stored_tweet_as_removed_once(app: RunningApp) -> None:
    await post_sample(app, "x", "tweet_create_truncated_es.json")
    response = await post_sample(app, "x", "tweet_delete_events.json")
    assert response.json() == counts(updated=1)
    row = await mention(app, "x", "1900000000000000001")
    assert row.payload["removed"] is True
    assert row.text.startswith("@movilia llevo TRES semanas"), "the text stays for the record"
    assert [e["event"] for e in row.payload["history"]] == ["removed"]
    again = await post_sample(app, "x", "tweet_delete_events.json")
    assert again.json() == counts(duplicates=1)


async def test_meta_edit_in_the_same_batch_lands_on_the_comment_just_stored(app: RunningApp) -> None:
    await post_sample(app, "meta", "page_feed_batch.json")
    row = await mention(app, "meta", "900000000000001_800000000000001")
    assert row.payload["history"][0]["event"] == "edited"
    assert row.payload["history"][0]["previous_text"] != row.text


async def test_an_octolens_update_lands_on_the_same_mention(app: RunningApp) -> None:
    body = json.loads(raw("octolens", "mention_updated_es.json"))
    query = {"secret": "octolens-url-token-for-tests"}
    created = {**body, "action": "mention_created", "data": {**body["data"], "body": "primera versión"}}
    first = await post(app, "octolens", json.dumps(created).encode(), {}, query)
    assert first.json() == counts(accepted=1)
    response = await post_sample(app, "octolens", "mention_updated_es.json")
    assert response.json() == counts(updated=1)
    row = await mention(app, "octolens", "x:1900000000000000099")
    assert row.payload["history"][0]["previous_text"] == "primera versión"


# --- from webhook to triage and escalation --------------------------------------------------------------

URGENT = [
    ("x", "tweet_create_truncated_es.json", "1900000000000000001"),
    ("meta", "instagram_comment_es.json", "17860000000000001"),
    ("linkedin", "notifications_batch.json", "urn:li:share:7300000000000000777"),
    ("youscan", "mention_es.json", "241032672"),
    ("octolens", "mention_created_en.json", "reddit:1abc234"),
    ("generic", "zapier_all_strings.json", "4711"),
]


async def test_a_mention_from_each_kind_is_triaged_and_an_urgent_one_escalates(app: RunningApp) -> None:
    for kind, name, _ in URGENT:
        assert (await post_sample(app, kind, name)).status_code == 202
    await post_sample(app, "meta", "instagram_mentions_ids_only.json")  # no text: triaged, nothing to escalate
    assert app.runtime.sessions is not None
    sessions = app.runtime.sessions

    async def all_processed() -> bool:
        async with sessions() as session:
            return not (await session.scalars(select(Mention.id).where(Mention.status != "processed"))).all()

    await wait_until(all_processed)
    for kind, _, external_id in URGENT:
        row = await mention(app, kind, external_id)
        assert row.severity in ("high", "critical"), (kind, row.severity, row.assessment)
        async with sessions() as session:
            linked = await session.scalar(select(EscalationMention).where(EscalationMention.mention_id == row.id))
        assert linked is not None, f"the {kind} mention opened or joined an escalation"
    ids_only = await mention(app, "meta", "17860000000000005")
    assert ids_only.status == "processed"


# --- secrets --------------------------------------------------------------------------------------------


async def test_a_source_whose_secret_is_not_set_refuses_with_401_and_says_so_at_start(
    empty_db_url: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    env = {k: v for k, v in ENV.items() if k not in ("T_LINKEDIN", "T_META_TOKEN")}
    with caplog.at_level(logging.WARNING, logger="bot.web.sources"):
        async with sources_app(empty_db_url, tmp_path, env=env) as app:
            started = caplog.text
            post_response = await post_sample(app, "linkedin", "comment_es.json")
            crc = await app.client.get("/webhooks/linkedin", params={"challengeCode": "abc"})
            meta_query = {"hub.mode": "subscribe", "hub.verify_token": META_VERIFY_TOKEN, "hub.challenge": "1"}
            meta_handshake = await app.client.get("/webhooks/meta", params=meta_query)
            meta_post = await post_sample(app, "meta", "instagram_comment_es.json")
    assert "source 'linkedin' (linkedin): T_LINKEDIN is not set" in started
    assert "T_META_TOKEN (the verify token) is not set" in started
    assert post_response.status_code == 401
    assert "T_LINKEDIN is not set" in post_response.json()["error"]
    assert crc.status_code == 503
    assert meta_handshake.status_code == 403, "no verify token: the handshake cannot be answered"
    assert meta_post.status_code == 202, "the app secret is set: posts are still verified and taken"


async def test_a_generic_secret_that_is_not_whsec_is_refused(empty_db_url: str, tmp_path: Path) -> None:
    env = {**ENV, "T_GENERIC": "just-a-password"}
    async with sources_app(empty_db_url, tmp_path, env=env) as app:
        response = await post_sample(app, "generic", "zapier_all_strings.json")
    assert response.status_code == 401
    assert "T_GENERIC" in response.json()["error"]
