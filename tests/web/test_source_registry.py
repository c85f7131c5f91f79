"""The source registry: one adapter per playbook source, secrets from the environment, problems logged once
at start and the source refusing requests until the environment is fixed."""

from __future__ import annotations

import logging
import re
import typing
from pathlib import Path

import pytest

from bot.config import bundled_playbook_path
from bot.rules.holder import PlaybookHolder
from bot.rules.playbook import parse_playbook
from bot.rules.sections import Source
from bot.sources.registry import ADAPTERS, KINDS
from bot.web.sources import SourceRegistry
from tests.web.sources_support import ENV, write_playbook


class Ticks:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_the_playbook_knows_every_kind_the_registry_has() -> None:
    kinds = set(typing.get_args(typing.get_type_hints(Source)["kind"]))
    assert kinds == set(KINDS) == set(ADAPTERS)


def test_a_missing_secret_is_logged_at_start_and_refused_until_it_is_set(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    env = {k: v for k, v in ENV.items() if k != "T_X"}
    ticks = Ticks()
    with caplog.at_level(logging.INFO, logger="bot.web.sources"):
        registry = SourceRegistry(PlaybookHolder.load(write_playbook(tmp_path)), lambda: env, monotonic=ticks)
        assert "source 'x' (x): T_X is not set" in caplog.text, "logged when built, before any request"
        assert "the other secret" not in caplog.text
        x = registry.get("x")
        assert x is not None
        assert x.secrets.signing == (ENV["T_X_OLD"],), "the rotation's other secret still verifies"
        caplog.clear()

        env.pop("T_X_OLD")
        ticks.now = 11
        x = registry.get("x")
        assert x is not None
        assert x.refusal is not None
        assert "T_X is not set; T_X_OLD is not set" in x.refusal
        assert "refused with 401 until it is fixed" in caplog.text
        caplog.clear()

        env.update(T_X=ENV["T_X"], T_X_OLD=ENV["T_X_OLD"])
        ticks.now = 15
        assert registry.get("x").refusal is not None  # type: ignore[union-attr]  # not re-read yet
        ticks.now = 22
        fixed = registry.get("x")
        assert fixed is not None
        assert fixed.refusal is None
        assert fixed.secrets.signing == (ENV["T_X"], ENV["T_X_OLD"])
        assert "its secrets are set now" in caplog.text
        caplog.clear()
        ticks.now = 100
        registry.get("x")
        assert caplog.text == "", "nothing more to say"


def test_a_source_without_problems_does_not_reread_the_environment(tmp_path: Path) -> None:
    reads = []

    def env() -> dict[str, str]:
        reads.append(1)
        return ENV

    ticks = Ticks()
    registry = SourceRegistry(PlaybookHolder.load(write_playbook(tmp_path)), env, monotonic=ticks)
    ticks.now = 1000
    for _ in range(5):
        registry.get("x")
    assert len(reads) == 1


def test_secret_values_are_offered_for_log_masking(tmp_path: Path) -> None:
    registry = SourceRegistry(PlaybookHolder.load(write_playbook(tmp_path)), lambda: ENV)
    assert set(registry.secret_values()) == set(ENV.values())


def test_the_example_playbooks_commented_sources_load_when_uncommented() -> None:
    text = bundled_playbook_path().read_text(encoding="utf-8")
    start, end = text.index("\nsources:"), text.index("\n# Additions to")
    uncommented = re.sub(r"^  # (- |  )", r"  \1", text[start:end], flags=re.MULTILINE)
    book = parse_playbook(text[:start] + uncommented + text[end:])
    assert [s.kind for s in book.sources] == ["generic", "x", "meta", "linkedin", "youscan", "octolens"]
    env_names = {n for s in book.sources for n in [*s.secret_env, s.verify_token_env] if n}
    example_env = Path(__file__).resolve().parents[2].joinpath(".env.example").read_text(encoding="utf-8")
    for name in env_names:
        assert f"{name}=" in example_env, f"{name} is not in .env.example"
