"""YouScan and Octolens: unsigned tools authenticated by the secret in the webhook URL, and their payloads."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime

import pytest

from bot.errors import BadSignature, UnparseablePayload
from bot.sources import EventKind, OctolensSource, SourceSecrets, SourceSettings, YouScanSource
from bot.sources.listening import platform_of
from tests.sources.samples import NOW, OCTOLENS_SECRET, OTHER_SECRET, YOUSCAN_SECRET, raw


def basic(credentials: str) -> dict[str, str]:
    return {"Authorization": "Basic " + base64.b64encode(credentials.encode()).decode()}


# --- credentials ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("headers", "query"),
    [
        (basic(YOUSCAN_SECRET), None),  # https://directo:s3cret-pässword@host/webhooks/youscan
        ({"authorization": f"Bearer {YOUSCAN_SECRET}"}, None),
        ({}, {"secret": YOUSCAN_SECRET}),
    ],
)
def test_youscan_credentials_from_the_url_are_accepted(headers: dict[str, str], query: dict[str, str] | None) -> None:
    YouScanSource().verify(raw("youscan", "mention_es.json"), headers, [YOUSCAN_SECRET], NOW, query=query)


@pytest.mark.parametrize(
    ("headers", "query", "match"),
    [
        ({}, None, "no credentials"),
        ({}, {}, "no credentials"),
        (basic("directo:wrong"), None, "do not match"),
        ({"authorization": "Basic !!!notbase64"}, None, "no credentials"),
        ({}, {"secret": "guess"}, "do not match"),
    ],
)
def test_missing_or_wrong_credentials_are_refused(
    headers: dict[str, str], query: dict[str, str] | None, match: str
) -> None:
    with pytest.raises(BadSignature, match=match):
        YouScanSource().verify(raw("youscan", "mention_es.json"), headers, [YOUSCAN_SECRET], NOW, query=query)


def test_octolens_secret_in_the_query_string_verifies_and_rotation_works() -> None:
    body = raw("octolens", "mention_created_en.json")
    OctolensSource().verify(body, {}, [OCTOLENS_SECRET], NOW, query={"secret": OCTOLENS_SECRET})
    OctolensSource().verify(body, {}, [OTHER_SECRET, OCTOLENS_SECRET], NOW, query={"secret": OCTOLENS_SECRET})
    with pytest.raises(BadSignature):
        OctolensSource().verify(body, {}, [OCTOLENS_SECRET], NOW)


def test_listening_tools_have_no_handshake() -> None:
    secrets = SourceSecrets(signing=(OCTOLENS_SECRET,))
    assert OctolensSource().handshake({"secret": OCTOLENS_SECRET}, secrets) is None
    assert YouScanSource().handshake({"challenge": "x"}, secrets) is None


# --- YouScan ----------------------------------------------------------------------------------------


def test_youscan_mention_drops_highlights_and_maps_language_platform_and_reach() -> None:
    [item] = YouScanSource().parse_batch(raw("youscan", "mention_es.json")).items
    m = item.mention
    assert m.text == (
        "Otra vez sin cobertura en el centro de Sevilla con Movilia 😤📵. "
        "Si esto sigue así me cambio a Vozzia, que al menos contesta."
    )
    assert (m.id, m.platform, m.language) == ("241032672", "instagram", "es")
    assert m.created_at == datetime(2026, 3, 1, 11, 45, 3, tzinfo=UTC)
    assert (m.author.handle, m.author.name, m.author.followers) == ("rocio.dguez", "Rocío Domínguez", 23400)
    assert (m.metrics.likes, m.metrics.replies, m.metrics.reposts) == (312, 48, 0)
    assert m.thread_id == "3300000000000000001"
    assert (item.author_id, item.labels) == ("5544332211", ("cobertura", "churn"))


def test_youscan_forum_comment_joins_title_and_text_and_reads_string_counts() -> None:
    [m] = YouScanSource().parse(raw("youscan", "mention_en_forum.json"))
    assert m.text.startswith(
        "Movilia roaming charges – anyone got a refund?\n\nGot charged €38 for 2 days in Porto 🤦."
    )
    assert (m.language, m.platform, m.metrics.likes) == ("en", "forum.example.invalid", 7)
    assert (m.thread_id, m.in_reply_to) == ("9912", "9912-1")


def test_youscan_list_of_mentions_is_one_batch_and_the_brands_own_is_skipped() -> None:
    body = b"[" + raw("youscan", "mention_es.json") + b"," + raw("youscan", "mention_en_forum.json") + b"]"
    result = YouScanSource(SourceSettings(brand_account_ids=frozenset({"@Rocio.Dguez"}))).parse_batch(body)
    assert [i.mention.id for i in result.items] == ["241032999"]
    assert result.own == 1


@pytest.mark.parametrize(
    ("mutate", "field"),
    [
        (lambda b: b.pop("mentionId"), "mentionId"),
        (lambda b: b.update(published="ayer"), "published"),
        (lambda b: b["author"].update(subscribers="muchos"), "author.subscribers"),
        (lambda b: b.update(tags="churn"), "tags"),
    ],
)
def test_youscan_bad_field_is_named(mutate: object, field: str) -> None:
    body = json.loads(raw("youscan", "mention_es.json"))
    mutate(body)  # type: ignore[operator]
    with pytest.raises(UnparseablePayload) as caught:
        YouScanSource().parse(json.dumps(body).encode())
    assert caught.value.field == field


# --- Octolens ---------------------------------------------------------------------------------------


def test_octolens_created_mention_is_keyed_by_platform_and_source_id() -> None:
    [item] = OctolensSource().parse_batch(raw("octolens", "mention_created_en.json")).items
    m = item.mention
    assert (m.id, m.platform, m.language) == ("reddit:1abc234", "reddit", "en")
    assert m.text.startswith("Switching from Movilia to Vozzia?\n\nMovilia has been down for 6 hours in Barcelona 🚨")
    assert (m.author.handle, m.author.followers) == ("throwaway_bcn", 132)
    assert m.url == "https://www.reddit.com/r/Spain/comments/1abc234/switching_from_movilia/"
    assert (item.event, item.labels) == (EventKind.CREATED, ("Movilia", "Vozzia", "churn-risk"))


def test_octolens_updated_mention_is_an_edit_of_the_same_id() -> None:
    source = OctolensSource()
    [item] = source.parse_batch(raw("octolens", "mention_updated_es.json")).items
    assert (item.event, item.mention.id, item.mention.platform) == (EventKind.EDITED, "x:1900000000000000099", "x")
    assert item.mention.text.startswith("@movilia lleváis 2 días")
    assert item.mention.author.followers == 5120
    assert source.parse(raw("octolens", "mention_updated_es.json")) == []


def test_octolens_test_ping_and_unknown_actions_are_acknowledged_and_ignored() -> None:
    result = OctolensSource().parse_batch(raw("octolens", "test_ping.json"))
    assert (result.items, result.ignored) == ((), {"webhook_test": 1})


def test_octolens_brand_handle_is_skipped() -> None:
    source = OctolensSource(SourceSettings(brand_account_ids=frozenset({"throwaway_bcn"})))
    assert source.parse_batch(raw("octolens", "mention_created_en.json")).own == 1


@pytest.mark.parametrize(
    ("mutate", "field"),
    [
        (lambda b: b.pop("data"), "data"),
        (lambda b: b["data"].update(sourceId=None, url=None), "data.sourceId"),
        (lambda b: b["data"].update(authorFollowerCount=-1), "data.authorFollowerCount"),
        (lambda b: b["data"].update(timestamp="now"), "data.timestamp"),
    ],
)
def test_octolens_bad_field_is_named(mutate: object, field: str) -> None:
    body = json.loads(raw("octolens", "mention_created_en.json"))
    mutate(body)  # type: ignore[operator]
    with pytest.raises(UnparseablePayload) as caught:
        OctolensSource().parse(json.dumps(body).encode())
    assert caught.value.field == field


@pytest.mark.parametrize(
    ("source", "platform"),
    [("twitter", "x"), ("www.instagram.com", "instagram"), ("Reddit", "reddit"), (None, "unknown"), ("hn", "hn")],
)
def test_platform_names_are_normalized(source: str | None, platform: str) -> None:
    assert platform_of(source) == platform
