"""The generic source: Standard Webhooks signatures on raw bytes, and the mention JSON contract."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime, timedelta

import pytest
from standardwebhooks.webhooks import Webhook

from bot.errors import BadSignature, UnparseablePayload
from bot.sources import GenericSource
from bot.sources.standard_webhooks import sign, verify

SECRET = "whsec_" + base64.b64encode(b"s" * 32).decode()
OTHER_SECRET = "whsec_" + base64.b64encode(b"o" * 32).decode()
NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
BODY = json.dumps({"id": "1", "text": "¿Qué hago en Movilia? 😡"}, ensure_ascii=False).encode()


def headers(body: bytes = BODY, *, secret: str = SECRET, at: datetime = NOW, msg_id: str = "msg_1") -> dict[str, str]:
    stamp = int(at.timestamp())
    return {
        "webhook-id": msg_id,
        "webhook-timestamp": str(stamp),
        "webhook-signature": sign(secret, msg_id, stamp, body),
    }


def test_signature_from_the_reference_library_verifies() -> None:
    signature = Webhook(SECRET).sign("msg_ref", NOW, BODY.decode())
    verify(
        BODY,
        {"webhook-id": "msg_ref", "webhook-timestamp": str(int(NOW.timestamp())), "webhook-signature": signature},
        [SECRET],
        NOW,
    )


def test_our_signature_verifies_with_the_reference_library() -> None:
    wh = Webhook(SECRET)
    payload = wh.verify(BODY.decode(), headers(at=datetime.now(UTC)))
    assert payload["id"] == "1"


def test_body_with_accents_and_emoji_is_verified_on_raw_bytes() -> None:
    verify(BODY, headers(), [SECRET], NOW)


def test_reserialized_body_fails_verification() -> None:
    reserialized = json.dumps(json.loads(BODY)).encode()  # escapes the accents: other bytes
    with pytest.raises(BadSignature):
        verify(reserialized, headers(), [SECRET], NOW)


def test_wrong_secret_is_refused() -> None:
    with pytest.raises(BadSignature, match="no v1 signature"):
        verify(BODY, headers(secret=OTHER_SECRET), [SECRET], NOW)


def test_either_of_two_secrets_verifies_during_rotation() -> None:
    verify(BODY, headers(secret=OTHER_SECRET), [SECRET, OTHER_SECRET], NOW)


def test_one_matching_signature_among_several_is_enough() -> None:
    h = headers()
    h["webhook-signature"] = "v1,AAAA " + h["webhook-signature"]
    verify(BODY, h, [SECRET], NOW)


@pytest.mark.parametrize("skew", [timedelta(minutes=6), -timedelta(minutes=6)])
def test_timestamp_outside_five_minutes_is_refused(skew: timedelta) -> None:
    with pytest.raises(BadSignature, match="timestamp"):
        verify(BODY, headers(at=NOW + skew), [SECRET], NOW)


@pytest.mark.parametrize("missing", ["webhook-id", "webhook-timestamp", "webhook-signature"])
def test_missing_header_is_refused(missing: str) -> None:
    h = headers()
    del h[missing]
    with pytest.raises(BadSignature, match="missing"):
        verify(BODY, h, [SECRET], NOW)


def test_tampered_message_id_is_refused() -> None:
    h = headers()
    h["webhook-id"] = "msg_other"
    with pytest.raises(BadSignature):
        verify(BODY, h, [SECRET], NOW)


def test_parse_single_mention() -> None:
    [mention] = GenericSource().parse(BODY)
    assert mention.id == "1"
    assert mention.text.startswith("¿Qué")


def test_parse_batch_and_numeric_ids() -> None:
    body = json.dumps({"mentions": [{"id": 7, "text": "a"}, {"id": "8", "text": "b", "author": {"followers": "12"}}]})
    mentions = GenericSource().parse(body.encode())
    assert [m.id for m in mentions] == ["7", "8"]
    assert mentions[1].author.followers == 12


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"text": "no id"}, "id"),
        ({"id": "1"}, "text"),
        (
            {"mentions": [{"id": "1", "text": "ok"}, {"id": "2", "text": "x", "author": {"followers": -1}}]},
            "mentions[1].author.followers",
        ),
        ({"id": "1", "text": "x", "created_at": "2026-01-01T10:00:00"}, "created_at"),
        ({"mentions": {"id": "1"}}, "mentions"),
    ],
)
def test_invalid_mention_names_the_field(body: object, field: str) -> None:
    with pytest.raises(UnparseablePayload) as caught:
        GenericSource().parse(json.dumps(body).encode())
    assert caught.value.field == field
    assert field in caught.value.message


def test_non_json_body_is_unparseable() -> None:
    with pytest.raises(UnparseablePayload, match="not JSON"):
        GenericSource().parse(b"{nope")


def test_json_that_is_not_an_object_is_unparseable() -> None:
    with pytest.raises(UnparseablePayload, match="mention object"):
        GenericSource().parse(b"[1, 2]")
