"""Shared fixtures for the rules tests: the bundled example playbook, compiled once."""

from __future__ import annotations

from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

import pytest

from bot.rules import CompiledPlaybook, compile_playbook, load_playbook

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
EXAMPLE = Path(str(resources.files("bot") / "examples" / "playbook.yaml"))
TRIAGE_DATA = Path(__file__).resolve().parents[1] / "data" / "triage"


@pytest.fixture(scope="session")
def example() -> CompiledPlaybook:
    return compile_playbook(load_playbook(EXAMPLE))
