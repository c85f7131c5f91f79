"""The `meta` source: hub.* verification, X-Hub-Signature-256 on Meta's escaped raw bytes, IG and Page changes."""

from __future__ import annotations

import json

import pytest

from bot.errors import BadSignature, UnparseablePayload
from bot.sources import EventKind, MetaSource, ParsedBatch, SourceSecrets, SourceSettings
from bot.sources.meta import meta_handshake, sign
from tests.sources.samples import META_SECRET, META_VERIFY_TOKEN, NOW, OTHER_SECRET, raw

HEADER = "x-hub-signature-256"
SUBSCRIBE = {"hub.mode": "subscribe", "hub.verify_token": META_VERIFY_TOKEN, "hub.challenge": "1158201444"}


def batch(name: str, *, brand: frozenset[str] = frozenset()) -> ParsedBatch:
    return MetaSource(SourceSettings(brand_account_ids=brand)).parse_batch(raw("meta", name))


# --- verification request ---------------------------------------------------------------------------


def test_handshake_echoes_the_challenge_when_the_token_matches() -> None:
    assert meta_handshake(SUBSCRIBE, META_VERIFY_TOKEN) == (200, "1158201444")


@pytest.mark.parametrize(
    ("query", "token", "status"),
    [
        ({**SUBSCRIBE, "hub.verify_token": "guess"}, META_VERIFY_TOKEN, 403),
        (SUBSCRIBE, None, 403),
        ({**SUBSCRIBE, "hub.mode": "unsubscribe"}, META_VERIFY_TOKEN, 400),
        ({k: v for k, v in SUBSCRIBE.items() if k != "hub.challenge"}, META_VERIFY_TOKEN, 400),
    ],
)
def test_handshake_is_refused_when_token_mode_or_challenge_is_wrong(
    query: dict[str, str], token: str | None, status: int
) -> None:
    assert meta_handshake(query, token)[0] == status


def test_adapter_handshake_answers_plain_text_and_gives_the_reason_for_a_refusal() -> None:
    ok = MetaSource().handshake(SUBSCRIBE, SourceSecrets(signing=(META_SECRET,), verify_token=META_VERIFY_TOKEN))
    assert ok is not None
    assert (ok.status, ok.body, ok.content_type, ok.reason) == (200, "1158201444", "text/plain", None)
    refused = MetaSource().handshake(SUBSCRIBE, SourceSecrets(signing=(META_SECRET,), verify_token="other"))
    assert refused is not None
    assert (refused.status, refused.reason) == (403, "hub.verify_token does not match")


def test_get_without_hub_parameters_is_not_a_handshake() -> None:
    assert MetaSource().handshake({}, SourceSecrets(verify_token=META_VERIFY_TOKEN)) is None


# --- signatures -------------------------------------------------------------------------------------


def test_body_with_escaped_non_ascii_verifies_on_its_raw_bytes() -> None:
    body = raw("meta", "instagram_comment_es.json")
    assert b"\\u00e9" in body  # Meta escapes é as \u00e9 in the body it signs
    MetaSource().verify(body, {HEADER: sign(body, META_SECRET)}, [META_SECRET], NOW)


def test_body_reserialized_with_real_accents_fails_verification() -> None:
    body = raw("meta", "instagram_comment_es.json")
    unescaped = json.dumps(json.loads(body), ensure_ascii=False, separators=(",", ":")).encode()
    with pytest.raises(BadSignature, match="raw body"):
        MetaSource().verify(unescaped, {HEADER: sign(body, META_SECRET)}, [META_SECRET], NOW)


def test_tampered_body_is_refused() -> None:
    body = raw("meta", "page_feed_batch.json")
    with pytest.raises(BadSignature):
        MetaSource().verify(body.replace(b"2 horas", b"1 hora"), {HEADER: sign(body, META_SECRET)}, [META_SECRET], NOW)


def test_signature_prefix_and_header_case_are_tolerated_and_rotation_works() -> None:
    body = raw("meta", "page_feed_batch.json")
    header = sign(body, OTHER_SECRET).replace("sha256=", "SHA256=")
    MetaSource().verify(body, {"X-Hub-Signature-256": header}, [META_SECRET, OTHER_SECRET], NOW)


@pytest.mark.parametrize("headers", [{}, {HEADER: "sha1=abc"}, {HEADER: "sha256=00"}])
def test_missing_or_wrong_signature_is_refused(headers: dict[str, str]) -> None:
    with pytest.raises(BadSignature):
        MetaSource().verify(raw("meta", "page_feed_batch.json"), headers, [META_SECRET], NOW)


# --- Instagram --------------------------------------------------------------------------------------


def test_instagram_comment_is_decoded_with_accents_and_emoji() -> None:
    [item] = batch("instagram_comment_es.json").items
    m = item.mention
    assert (
        m.text
        == "¡Qué vergüenza! 😤 Tres días sin línea y nadie responde. Me voy a Vozzia y os denuncio en Consumo. @movilia"
    )
    assert (m.id, m.platform, m.author.handle) == ("17860000000000001", "instagram", "marta.gómez_ok")
    assert (m.thread_id, m.in_reply_to) == ("17900000000000001", "17860000000000000")
    assert m.created_at is not None
    assert item.author_id == "17841400000000777"
    assert item.text_unavailable is False


def test_instagram_batch_skips_the_brands_reply_and_counts_unused_fields() -> None:
    result = batch("instagram_comments_batch.json")
    assert [i.mention.id for i in result.items] == ["17860000000000002", "17860000000000004"]
    assert result.items[1].mention.text == "¿Y la tarifa sin permanencia para cuándo? 🤷\u200d♀️"
    assert result.own == 1
    assert result.ignored == {"instagram:story_insights": 1}


def test_instagram_mentions_with_ids_only_are_flagged_text_unavailable() -> None:
    items = batch("instagram_mentions_ids_only.json").items
    assert [(i.mention.id, i.mention.thread_id, i.mention.text, i.text_unavailable) for i in items] == [
        ("17860000000000005", "17900000000000004", "", True),
        ("17900000000000005", "17900000000000005", "", True),
    ]


# --- Facebook Page feed -----------------------------------------------------------------------------


def test_page_feed_records_new_edited_and_removed_comments_against_their_ids() -> None:
    result = batch("page_feed_batch.json")
    events = [(i.event, i.mention.id) for i in result.items]
    assert events == [
        (EventKind.CREATED, "900000000000001_800000000000001"),
        (EventKind.EDITED, "900000000000001_800000000000001"),
        (EventKind.REMOVED, "900000000000001_800000000000002"),
        (EventKind.CREATED, "104000000000001_900000000000003"),
    ]
    created, edited = result.items[0].mention, result.items[1].mention
    assert created.url == "https://www.facebook.com/movilia/posts/pfbid0abc"
    assert (created.thread_id, created.author.name) == ("104000000000001_900000000000001", "José Ángel Martín")
    assert "3 horas" in edited.text
    assert result.items[2].mention.in_reply_to == "900000000000001_800000000000001"


def test_page_feed_skips_the_pages_own_post_and_ignores_reactions() -> None:
    result = batch("page_feed_batch.json")
    assert result.own == 1
    assert result.ignored == {"feed:reaction:add": 1}
    assert [m.id for m in MetaSource().parse(raw("meta", "page_feed_batch.json"))] == [
        "900000000000001_800000000000001",
        "104000000000001_900000000000003",
    ]


def test_visitor_post_is_a_mention_with_the_page_url() -> None:
    post = batch("page_feed_batch.json").items[3].mention
    assert post.text.startswith("Visitor post: I was promised a refund")
    assert post.url == "https://www.facebook.com/104000000000001_900000000000003"
    assert post.thread_id is None


def test_messenger_events_are_acknowledged_and_ignored() -> None:
    result = batch("messenger_only.json")
    assert (result.items, result.ignored) == ((), {"messaging": 1})


# --- errors -----------------------------------------------------------------------------------------


def _with(name: str, mutate: object) -> bytes:
    body = json.loads(raw("meta", name))
    mutate(body)  # type: ignore[operator]
    return json.dumps(body).encode()


@pytest.mark.parametrize(
    ("name", "mutate", "field"),
    [
        (
            "instagram_comments_batch.json",
            lambda b: b["entry"][1]["changes"][0]["value"].pop("id"),
            "entry[1].changes[0].value.id",
        ),
        (
            "instagram_mentions_ids_only.json",
            lambda b: b["entry"][0]["changes"][1]["value"].clear(),
            "entry[0].changes[1].value.media_id",
        ),
        (
            "page_feed_batch.json",
            lambda b: b["entry"][0]["changes"][5]["value"].pop("post_id"),
            "entry[0].changes[5].value.post_id",
        ),
        ("page_feed_batch.json", lambda b: b["entry"][0]["changes"][0].update(value="x"), "entry[0].changes[0].value"),
        ("page_feed_batch.json", lambda b: b.pop("entry"), "entry"),
        ("page_feed_batch.json", lambda b: b.pop("object"), "object"),
    ],
)
def test_bad_field_refuses_the_whole_batch_naming_its_path(name: str, mutate: object, field: str) -> None:
    with pytest.raises(UnparseablePayload) as caught:
        MetaSource().parse_batch(_with(name, mutate))
    assert caught.value.field == field
