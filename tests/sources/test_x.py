"""The `x` source: CRC, x-twitter-webhooks-signature on raw bytes, Account Activity and filtered-stream bodies."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from bot.errors import BadSignature, UnparseablePayload
from bot.sources import EventKind, ParsedBatch, SourceSecrets, SourceSettings, XSource
from bot.sources.x import crc_response, sign
from tests.sources.samples import NOW, OTHER_SECRET, X_SECRET, raw

HEADER = "x-twitter-webhooks-signature"


def batch(name: str, *, brand: frozenset[str] = frozenset()) -> ParsedBatch:
    return XSource(SourceSettings(brand_account_ids=brand)).parse_batch(raw("x", name))


# --- CRC --------------------------------------------------------------------------------------------


def test_crc_response_matches_openssl() -> None:
    # printf %s crc-token-1234 | openssl dgst -sha256 -hmac x-consumer-secret-for-tests -binary | base64
    expected = "sha256=zmvxdeb+DqNus77wZgwJF7bF9QMsu+UFw5vpitlfbyo="
    assert crc_response("crc-token-1234", X_SECRET) == {"response_token": expected}


def test_crc_handshake_answers_json_with_the_first_secret() -> None:
    result = XSource().handshake({"crc_token": "crc-token-1234"}, SourceSecrets(signing=(X_SECRET, OTHER_SECRET)))
    assert result is not None
    assert (result.status, result.content_type, result.reason) == (200, "application/json", None)
    assert json.loads(result.body) == crc_response("crc-token-1234", X_SECRET)


def test_get_without_crc_token_is_not_a_handshake() -> None:
    assert XSource().handshake({"foo": "bar"}, SourceSecrets(signing=(X_SECRET,))) is None


def test_crc_without_a_configured_secret_is_refused_with_a_reason() -> None:
    result = XSource().handshake({"crc_token": "t"}, SourceSecrets())
    assert result is not None
    assert result.status == 503
    assert result.reason == "no consumer secret"


# --- signatures -------------------------------------------------------------------------------------


def test_signature_over_raw_bytes_with_accents_and_emoji_verifies() -> None:
    body = raw("x", "tweet_create_truncated_es.json")
    XSource().verify(body, {HEADER: sign(body, X_SECRET)}, [X_SECRET], NOW)


def test_signature_header_name_is_case_insensitive() -> None:
    body = raw("x", "favorite_events.json")
    XSource().verify(body, {"X-Twitter-Webhooks-Signature": sign(body, X_SECRET)}, [X_SECRET], NOW)


def test_tampered_body_is_refused() -> None:
    body = raw("x", "tweet_create_truncated_es.json")
    tampered = body.replace(b"TRES", b"DOS")
    with pytest.raises(BadSignature, match="does not match"):
        XSource().verify(tampered, {HEADER: sign(body, X_SECRET)}, [X_SECRET], NOW)


def test_reserialized_body_is_refused() -> None:
    body = raw("x", "tweet_create_truncated_es.json")
    reserialized = json.dumps(json.loads(body)).encode()
    with pytest.raises(BadSignature):
        XSource().verify(reserialized, {HEADER: sign(body, X_SECRET)}, [X_SECRET], NOW)


def test_signature_under_another_secret_is_refused() -> None:
    body = raw("x", "favorite_events.json")
    with pytest.raises(BadSignature):
        XSource().verify(body, {HEADER: sign(body, OTHER_SECRET)}, [X_SECRET], NOW)


def test_either_secret_verifies_during_rotation() -> None:
    body = raw("x", "favorite_events.json")
    XSource().verify(body, {HEADER: sign(body, OTHER_SECRET)}, [X_SECRET, OTHER_SECRET], NOW)


def test_missing_or_malformed_signature_header_is_refused() -> None:
    body = raw("x", "favorite_events.json")
    with pytest.raises(BadSignature, match="missing"):
        XSource().verify(body, {}, [X_SECRET], NOW)
    with pytest.raises(BadSignature, match="sha256="):
        XSource().verify(body, {HEADER: sign(body, X_SECRET).removeprefix("sha256=")}, [X_SECRET], NOW)


def test_replayed_request_yields_the_same_ids_for_the_idempotent_store() -> None:
    # X signs no timestamp, so a replay verifies; it must map onto the same mention ids.
    body = raw("x", "tweet_create_batch_en.json")
    first, second = XSource().parse(body), XSource().parse(body)
    assert [m.id for m in first] == [m.id for m in second]


# --- Account Activity: tweet_create_events ----------------------------------------------------------


def test_truncated_tweet_takes_the_full_text_from_extended_tweet() -> None:
    [item] = batch("tweet_create_truncated_es.json").items
    m = item.mention
    assert m.text.startswith("@movilia llevo TRES semanas sin fibra en Logroño")
    assert m.text.endswith("#MoviliaNoFunciona #atencionalcliente")
    assert "…" not in m.text
    assert item.hashtags == ("MoviliaNoFunciona", "atencionalcliente")
    assert item.user_mentions == ("movilia", "vozzia")


def test_tweet_maps_id_author_reply_context_and_time() -> None:
    [item] = batch("tweet_create_truncated_es.json").items
    m = item.mention
    assert m.id == "1900000000000000001"
    assert m.platform == "x"
    assert m.url == "https://x.com/lucia_fdez/status/1900000000000000001"
    assert m.language == "es"
    assert m.created_at == datetime(2026, 3, 1, 11, 58, 40, tzinfo=UTC)
    assert (m.author.handle, m.author.name, m.author.followers, m.author.verified) == (
        "lucia_fdez",
        "Lucía Fernández 🌻",
        18250,
        False,
    )
    assert m.in_reply_to == m.thread_id == "1899999999999999999"
    assert (m.metrics.reposts, m.metrics.likes, m.metrics.replies, m.metrics.quotes) == (42, 97, 11, 3)
    assert item.author_id == "1500000000000000111"
    assert item.for_user_id == "1400000000000000001"


@pytest.mark.parametrize(("value", "expected"), [("false", False), ("true", True), (True, True), (False, False)])
def test_user_has_blocked_is_read_as_a_boolean_or_a_string(value: object, expected: bool) -> None:
    body = json.loads(raw("x", "tweet_create_truncated_es.json"))
    body["user_has_blocked"] = value
    [item] = XSource().parse_batch(json.dumps(body).encode()).items
    assert item.author_blocked is expected


def test_quote_takes_the_quoted_status_as_thread_and_its_larger_metrics() -> None:
    quote = batch("tweet_create_batch_en.json").items[0]
    m = quote.mention
    assert m.author.handle == "markoneill_tech"
    assert m.author.verified is True
    assert m.thread_id == "1899000000000000001"
    assert m.in_reply_to is None
    assert (m.metrics.reposts, m.metrics.likes, m.metrics.replies, m.metrics.quotes) == (1200, 5400, 230, 58)
    assert quote.author_blocked is True


def test_retweet_takes_the_original_text_and_metrics() -> None:
    retweet = batch("tweet_create_batch_en.json").items[1]
    m = retweet.mention
    assert m.id == "1900000000000000003"
    assert m.text == (
        "RT @zoe_adams: Roaming charges in Lisbon again?! @movilia told me EU roaming was free. "
        "Vozzia never did this to me 🙄"
    )
    assert m.metrics.likes == 5400
    assert (m.author.followers, m.author.verified) == (310, False)  # "310" and "false" as strings


def test_the_subscribed_accounts_own_tweet_is_skipped_and_counted() -> None:
    result = batch("tweet_create_batch_en.json")
    assert [i.mention.id for i in result.items] == ["1900000000000000002", "1900000000000000003"]
    assert result.own == 1


def test_brand_accounts_from_settings_are_skipped_by_id_or_handle() -> None:
    result = batch("tweet_create_batch_en.json", brand=frozenset({"@MarkONeill_Tech"}))
    assert [i.mention.id for i in result.items] == ["1900000000000000003"]
    assert result.own == 2


@pytest.mark.parametrize(
    ("name", "ignored"),
    [
        ("favorite_events.json", {"favorite_events": 1}),
        ("direct_message_events.json", {"direct_message_events": 1, "direct_message_indicate_typing_events": 1}),
    ],
)
def test_other_event_kinds_are_acknowledged_and_counted_as_ignored(name: str, ignored: dict[str, int]) -> None:
    result = batch(name)
    assert result.items == ()
    assert result.ignored == ignored
    assert XSource().parse(raw("x", name)) == []


def test_tweet_deletion_is_a_removal_of_the_existing_mention() -> None:
    result = batch("tweet_delete_events.json")
    [item] = result.items
    assert (item.event, item.mention.id, item.author_id) == (
        EventKind.REMOVED,
        "1900000000000000001",
        "1500000000000000111",
    )
    assert result.mentions == []


# --- v2 filtered stream -----------------------------------------------------------------------------


def test_filtered_stream_post_takes_note_tweet_text_author_and_rules() -> None:
    [item] = batch("filtered_stream_v2.json").items
    m = item.mention
    assert m.text.startswith("Day 9 without mobile data in Valencia.")
    assert m.text.endswith("#Movilia #fail")
    assert (m.author.handle, m.author.name, m.author.followers) == ("jordipuig", "Jordi Puig i Vidal", 4301)
    assert m.created_at == datetime(2026, 3, 1, 11, 57, tzinfo=UTC)
    assert m.thread_id is None  # the post starts its own conversation
    assert (m.metrics.likes, m.metrics.reposts) == (31, 5)
    assert item.labels == ("brand-es-en", "competitor-vozzia")
    assert item.hashtags == ("Movilia", "fail")
    assert item.user_mentions == ("movilia", "vozzia")


def test_filtered_stream_list_reads_replies_and_skips_the_brand() -> None:
    result = batch("filtered_stream_v2_reply_es.json", brand=frozenset({"1400000000000000001"}))
    [item] = result.items
    assert item.mention.in_reply_to == "1899500000000000077"
    assert item.mention.thread_id == "1899500000000000000"
    assert item.mention.author.verified is True
    assert "¿De verdad la CEO" in item.mention.text
    assert result.own == 1


# --- errors: the path of the offending field, all or nothing -----------------------------------------


def _with(mutate: object) -> bytes:
    body = json.loads(raw("x", "tweet_create_batch_en.json"))
    mutate(body)  # type: ignore[operator]
    return json.dumps(body).encode()


@pytest.mark.parametrize(
    ("mutate", "field"),
    [
        (lambda b: b["tweet_create_events"][1].pop("user"), "tweet_create_events[1].user"),
        (
            lambda b: b["tweet_create_events"][0]["user"].update(followers_count=-3),
            "tweet_create_events[0].user.followers_count",
        ),
        (lambda b: b["tweet_create_events"][0].update(created_at="yesterday"), "tweet_create_events[0].created_at"),
        (lambda b: b.update(user_has_blocked="maybe"), "user_has_blocked"),
        (lambda b: b.update(tweet_create_events={"id": 1}), "tweet_create_events"),
        (
            lambda b: b["tweet_create_events"][1]["retweeted_status"].update(text=["x"]),
            "tweet_create_events[1].retweeted_status.text",
        ),
    ],
)
def test_bad_field_refuses_the_whole_batch_naming_its_path(mutate: object, field: str) -> None:
    with pytest.raises(UnparseablePayload) as caught:
        XSource().parse_batch(_with(mutate))
    assert caught.value.field == field
    assert caught.value.message.startswith(field)


def test_non_json_body_is_unparseable() -> None:
    with pytest.raises(UnparseablePayload, match="not JSON"):
        XSource().parse(b"\xff{")
