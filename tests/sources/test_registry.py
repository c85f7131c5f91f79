"""The kind registry, the uniform handshake, and every stored sample verifying with its stored signature."""

from __future__ import annotations

import json

import pytest

from bot.sources import SourceSecrets, SourceSettings
from bot.sources.registry import ADAPTERS, KINDS, GenericWebhookSource, handshake
from tests.sources.samples import GENERIC_SECRET, NOW, X_SECRET, payload_files, raw, signatures


def test_every_kind_has_a_factory_and_a_description() -> None:
    assert set(ADAPTERS) == set(KINDS) == {"generic", "x", "meta", "linkedin", "youscan", "octolens"}
    for kind, factory in ADAPTERS.items():
        assert factory(SourceSettings()).kind == kind
        assert KINDS[kind].kind == kind


def test_only_meta_needs_a_verify_token_and_only_unsigned_tools_read_the_query() -> None:
    assert [k for k, spec in KINDS.items() if spec.verify_token] == ["meta"]
    assert sorted(k for k, spec in KINDS.items() if spec.query_secret) == ["octolens", "youscan"]
    assert sorted(k for k, spec in KINDS.items() if spec.handshake) == ["linkedin", "meta", "x"]


@pytest.mark.parametrize(
    ("kind", "value", "ok"),
    [
        ("generic", GENERIC_SECRET, True),
        ("generic", "not-a-whsec", False),
        ("x", X_SECRET, True),
        ("x", "  ", False),
        ("youscan", "", False),
    ],
)
def test_secret_checks_say_why_a_secret_cannot_be_used(kind: str, value: str, ok: bool) -> None:
    problem = KINDS[kind].check_secret(value)
    assert (problem is None) is ok
    if not ok:
        assert problem


@pytest.mark.parametrize("kind", sorted(ADAPTERS))
def test_a_get_without_handshake_parameters_is_none_for_every_kind(kind: str) -> None:
    assert handshake(kind, {}, SourceSecrets(signing=("s",), verify_token="t")) is None


@pytest.mark.parametrize(
    ("kind", "query", "content_type"),
    [
        ("x", {"crc_token": "abc"}, "application/json"),
        ("meta", {"hub.mode": "subscribe", "hub.verify_token": "t", "hub.challenge": "42"}, "text/plain"),
        ("linkedin", {"challengeCode": "abc"}, "application/json"),
    ],
)
def test_uniform_handshake_answers_each_platforms_check(kind: str, query: dict[str, str], content_type: str) -> None:
    result = handshake(kind, query, SourceSecrets(signing=("s",), verify_token="t"))
    assert result is not None
    assert (result.status, result.content_type, result.reason) == (200, content_type, None)


def _cases() -> list[tuple[str, str]]:
    return [(kind, name) for kind in sorted(ADAPTERS) for name in payload_files(kind)]


@pytest.mark.parametrize(("kind", "name"), _cases())
def test_every_sample_verifies_with_its_stored_signature_and_parses(kind: str, name: str) -> None:
    stored = signatures(kind)
    adapter = ADAPTERS[kind](SourceSettings())
    query = stored.get("query", {}).get(name)
    adapter.verify(raw(kind, name), stored["headers"][name], [stored["secret"]], NOW, query=query)
    result = adapter.parse_batch(raw(kind, name))
    assert len(result.items) + result.ignored_count + result.own >= 1


def test_every_kind_has_samples_in_spanish_and_english_with_accents_and_emoji() -> None:
    for kind, factory in ADAPTERS.items():
        batches = [factory(SourceSettings()).parse_batch(raw(kind, name)) for name in payload_files(kind)]
        texts = " ".join(item.mention.text for result in batches for item in result.items)
        assert any(ch in texts for ch in "áéíóúñ¿¡"), kind
        assert any(ord(ch) > 0x1F000 for ch in texts), kind
        assert any(word in texts.split() for word in ("the", "is", "and", "from", "to", "on")), kind


def test_generic_through_the_registry_behaves_like_the_generic_source() -> None:
    body = raw("generic", "make_batch_numeric_ids.json")
    adapter = GenericWebhookSource(SourceSettings(tolerance_seconds=60))
    result = adapter.parse_batch(body)
    assert [i.mention.id for i in result.items] == [m.id for m in adapter.parse(body)]
    assert (result.ignored, result.own) == ({}, 0)
    headers = signatures("generic")["headers"]["make_batch_numeric_ids.json"]
    adapter.verify(body, headers, [GENERIC_SECRET], NOW, query={"ignored": "yes"})


def test_signature_files_name_the_secret_they_were_made_with() -> None:
    for kind in ADAPTERS:
        stored = signatures(kind)
        assert stored["secret"]
        assert set(stored["headers"]) == set(payload_files(kind))
        json.dumps(stored)
