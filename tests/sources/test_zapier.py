"""Zapier and Make forward mentions through the generic source; Zapier writes every value as a string."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from bot.errors import UnparseablePayload
from bot.sources import GenericSource
from bot.sources.standard_webhooks import verify
from tests.sources.samples import GENERIC_SECRET, NOW, raw, signatures


def test_zapier_all_strings_mention_is_accepted_with_numbers_and_booleans_read_from_strings() -> None:
    [m] = GenericSource().parse(raw("generic", "zapier_all_strings.json"))
    assert m.id == "4711"
    assert m.text == 'Cliente VIP: "Si no me devolvéis los 120 € hoy, me voy a Vozzia" 😠'
    assert (m.author.followers, m.author.verified) == (1200, True)
    assert (m.metrics.reposts, m.metrics.likes, m.metrics.replies, m.metrics.quotes) == (3, 27, 4, 0)
    assert m.created_at == datetime(2026, 3, 1, 11, 30, tzinfo=UTC)


def test_make_batch_with_numeric_ids_is_accepted_as_strings() -> None:
    mentions = GenericSource().parse(raw("generic", "make_batch_numeric_ids.json"))
    assert [m.id for m in mentions] == ["1900000000000000201", "1900000000000000202"]
    assert mentions[1].thread_id == "1900000000000000190"
    assert (mentions[1].author.followers, mentions[1].author.verified) == (15, False)


@pytest.mark.parametrize("value", ["1", "yes", "True", "false", "0"])
def test_zapier_boolean_spellings_are_accepted(value: str) -> None:
    body = {"id": "1", "text": "x", "author": {"verified": value}}
    [m] = GenericSource().parse(json.dumps(body).encode())
    assert m.author.verified is (value.lower() in ("1", "yes", "true"))


@pytest.mark.parametrize(
    ("author", "field"),
    [({"followers": ""}, "author.followers"), ({"followers": "1,200"}, "author.followers")],
)
def test_empty_or_formatted_numbers_are_refused_naming_the_field(author: dict[str, str], field: str) -> None:
    # Zapier sends "" for an unmapped field: map it, or leave the key out of the Zap's data.
    body = {"id": "1", "text": "x", "author": author}
    with pytest.raises(UnparseablePayload) as caught:
        GenericSource().parse(json.dumps(body).encode())
    assert caught.value.field == field


def test_the_stored_zapier_sample_signature_verifies() -> None:
    headers = signatures("generic")["headers"]["zapier_all_strings.json"]
    verify(raw("generic", "zapier_all_strings.json"), headers, [GENERIC_SECRET], NOW)
