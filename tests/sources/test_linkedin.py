"""The `linkedin` source: challengeCode validation, X-LI-Signature, organization social action notifications."""

from __future__ import annotations

import json

import pytest

from bot.errors import BadSignature, UnparseablePayload
from bot.sources import EventKind, LinkedInSource, ParsedBatch, SourceSecrets, SourceSettings
from bot.sources.linkedin import challenge_response, sign
from bot.sources.signatures import hex_hmac
from tests.sources.samples import LINKEDIN_SECRET, NOW, OTHER_SECRET, raw

HEADER = "x-li-signature"
CODE = "f3b1c0de-7e57-4c0d-9e00-1234567890ab"
COMMENT = "urn:li:comment:(urn:li:activity:7300000000000000001,7300000000000000501)"


def batch(name: str, *, brand: frozenset[str] = frozenset()) -> ParsedBatch:
    return LinkedInSource(SourceSettings(brand_account_ids=brand)).parse_batch(raw("linkedin", name))


# --- endpoint validation ----------------------------------------------------------------------------


def test_challenge_response_is_the_hex_hmac_of_the_code_as_openssl_computes_it() -> None:
    # printf %s f3b1c0de-… | openssl dgst -sha256 -hmac linkedin-client-secret-for-tests
    assert challenge_response(CODE, LINKEDIN_SECRET) == {
        "challengeCode": CODE,
        "challengeResponse": "ce36719bb8aaeab0ecf32c42dcca21fdd1d3a65d247d5f3df18e65ccdd2532a8",
    }


def test_handshake_answers_json_with_code_and_response() -> None:
    result = LinkedInSource().handshake({"challengeCode": CODE}, SourceSecrets(signing=(LINKEDIN_SECRET,)))
    assert result is not None
    assert (result.status, result.content_type) == (200, "application/json")
    assert json.loads(result.body) == challenge_response(CODE, LINKEDIN_SECRET)


def test_handshake_without_secret_is_refused_and_without_code_is_not_a_handshake() -> None:
    refused = LinkedInSource().handshake({"challengeCode": CODE}, SourceSecrets())
    assert refused is not None
    assert (refused.status, refused.reason) == (503, "no client secret")
    assert LinkedInSource().handshake({}, SourceSecrets(signing=(LINKEDIN_SECRET,))) is None


# --- X-LI-Signature ---------------------------------------------------------------------------------


def test_signature_is_the_hex_hmac_of_the_prefixed_body_as_openssl_computes_it() -> None:
    # (printf hmacsha256=; printf %s '{"type":"X"}') | openssl dgst -sha256 -hmac linkedin-client-secret-for-tests
    assert sign(b'{"type":"X"}', LINKEDIN_SECRET) == "1142dd1f331cb13f2e34beb301a858efa481543dc10bc555e79e8cbfd0963a7c"


def test_signed_body_with_accents_and_emoji_verifies() -> None:
    body = raw("linkedin", "comment_es.json")
    LinkedInSource().verify(body, {HEADER: sign(body, LINKEDIN_SECRET)}, [LINKEDIN_SECRET], NOW)


@pytest.mark.parametrize(
    "offered",
    [
        lambda body: "hmacsha256=" + sign(body, LINKEDIN_SECRET),  # the prefix written into the header
        lambda body: hex_hmac(LINKEDIN_SECRET, body),  # the HMAC of the bare body
        lambda body: sign(body, LINKEDIN_SECRET).upper(),
    ],
)
def test_other_readings_of_the_documented_scheme_also_verify(offered: object) -> None:
    body = raw("linkedin", "comment_es.json")
    LinkedInSource().verify(body, {"X-LI-Signature": offered(body)}, [LINKEDIN_SECRET], NOW)  # type: ignore[operator]


def test_tampered_body_wrong_secret_and_missing_header_are_refused() -> None:
    body = raw("linkedin", "comment_es.json")
    with pytest.raises(BadSignature):
        LinkedInSource().verify(body + b" ", {HEADER: sign(body, LINKEDIN_SECRET)}, [LINKEDIN_SECRET], NOW)
    with pytest.raises(BadSignature):
        LinkedInSource().verify(body, {HEADER: sign(body, OTHER_SECRET)}, [LINKEDIN_SECRET], NOW)
    with pytest.raises(BadSignature, match="missing"):
        LinkedInSource().verify(body, {}, [LINKEDIN_SECRET], NOW)


def test_second_secret_verifies_during_rotation() -> None:
    body = raw("linkedin", "comment_es.json")
    LinkedInSource().verify(body, {HEADER: sign(body, OTHER_SECRET)}, [LINKEDIN_SECRET, OTHER_SECRET], NOW)


# --- notifications ----------------------------------------------------------------------------------


def test_comment_becomes_a_mention_on_the_pages_post() -> None:
    [item] = batch("comment_es.json").items
    m = item.mention
    assert m.id == COMMENT
    assert m.text.startswith("Muy bonito el anuncio, pero a mí me siguen cobrando roaming en Oporto 😒")
    assert m.platform == "linkedin"
    assert m.thread_id == m.in_reply_to == "urn:li:activity:7300000000000000001"
    assert m.url == "https://www.linkedin.com/feed/update/urn:li:activity:7300000000000000001/"
    assert m.created_at is not None
    assert m.created_at.year == 2026
    assert (item.author_id, item.delivery_id) == ("urn:li:person:xYz789", "5603453321")


def test_batch_keeps_mentions_shares_edits_and_deletes_and_skips_likes_and_admin_comments() -> None:
    result = batch("notifications_batch.json")
    assert [(i.event, i.mention.id) for i in result.items] == [
        (EventKind.CREATED, "urn:li:share:7300000000000000777"),
        (EventKind.CREATED, "urn:li:share:7300000000000000778"),
        (EventKind.EDITED, COMMENT),
        (EventKind.REMOVED, "urn:li:comment:(urn:li:activity:7300000000000000001,7300000000000000503)"),
    ]
    assert result.ignored == {"LIKE": 1}
    assert result.own == 1
    mention, share, edit, delete = result.items
    assert mention.mention.text.startswith("Tras 14 años como cliente de @Movilia me paso a Vozzia")
    assert mention.mention.thread_id is None
    assert share.mention.thread_id == "urn:li:activity:7300000000000000001"
    assert edit.mention.text.startswith("Actualizo: ya me han devuelto")  # from comment.message.text
    assert (delete.mention.text, delete.text_unavailable, delete.author_id) == ("", False, "urn:li:person:zZz000")
    assert [m.id for m in LinkedInSource().parse(raw("linkedin", "notifications_batch.json"))] == [
        "urn:li:share:7300000000000000777",
        "urn:li:share:7300000000000000778",
    ]


def test_brand_people_listed_in_settings_are_skipped() -> None:
    result = batch("notifications_batch.json", brand=frozenset({"urn:li:person:qRs456"}))
    assert result.own == 2
    assert result.items[0].mention.id == "urn:li:share:7300000000000000778"


def test_another_notification_type_is_acknowledged_and_ignored() -> None:
    body = json.dumps({"type": "LEAD_ACTION", "notifications": [{}, {}]}).encode()
    result = LinkedInSource().parse_batch(body)
    assert (result.items, result.ignored) == ((), {"LEAD_ACTION": 2})


def test_comment_without_text_is_flagged_text_unavailable() -> None:
    body = json.loads(raw("linkedin", "comment_es.json"))
    del body["notifications"][0]["decoratedGeneratedActivity"]
    [item] = LinkedInSource().parse_batch(json.dumps(body).encode()).items
    assert (item.mention.id, item.mention.text, item.text_unavailable) == (
        "urn:li:comment:(urn:li:activity:7300000000000000001,7300000000000000501)",
        "",
        True,
    )


@pytest.mark.parametrize(
    ("mutate", "field"),
    [
        (
            lambda n: n.pop("generatedActivity") and n["decoratedGeneratedActivity"]["share"].pop("entity"),
            "notifications[0].generatedActivity",
        ),
        (lambda n: n.update(lastModifiedAt="soon"), "notifications[0].lastModifiedAt"),
        (lambda n: n.update(decoratedGeneratedActivity=[]), "notifications[0].decoratedGeneratedActivity"),
    ],
)
def test_bad_notification_refuses_the_batch_naming_its_path(mutate: object, field: str) -> None:
    body = json.loads(raw("linkedin", "notifications_batch.json"))
    mutate(body["notifications"][0])  # type: ignore[operator]
    with pytest.raises(UnparseablePayload) as caught:
        LinkedInSource().parse_batch(json.dumps(body).encode())
    assert caught.value.field == field
