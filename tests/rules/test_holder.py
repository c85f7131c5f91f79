"""Reload on change keeps the old playbook when the new one is invalid, and says why once."""

from __future__ import annotations

import os
from pathlib import Path

from bot.rules.holder import PlaybookHolder
from tests.rules.conftest import EXAMPLE


def _write(path: Path, text: str, tick: int) -> None:
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(tick * 10**9, tick * 10**9))


def test_an_unchanged_or_touched_file_is_not_reloaded(tmp_path: Path) -> None:
    path = tmp_path / "playbook.yaml"
    _write(path, EXAMPLE.read_text(encoding="utf-8"), 1)
    holder = PlaybookHolder.load(path)
    assert holder.check_for_changes() is None
    _write(path, EXAMPLE.read_text(encoding="utf-8"), 2)
    assert holder.check_for_changes() is None


def test_a_changed_file_replaces_the_playbook(tmp_path: Path) -> None:
    path = tmp_path / "playbook.yaml"
    _write(path, EXAMPLE.read_text(encoding="utf-8"), 1)
    holder = PlaybookHolder.load(path)
    _write(path, EXAMPLE.read_text(encoding="utf-8").replace("on_call: ana", "on_call: marc"), 2)
    result = holder.check_for_changes()
    assert result is not None
    assert result.replaced
    assert holder.playbook.escalation.on_call == "marc"


def test_an_invalid_file_keeps_the_old_playbook_and_says_why_once(tmp_path: Path) -> None:
    path = tmp_path / "playbook.yaml"
    _write(path, EXAMPLE.read_text(encoding="utf-8"), 1)
    holder = PlaybookHolder.load(path)
    _write(path, EXAMPLE.read_text(encoding="utf-8").replace("on_call: ana", "on_call: nobody"), 2)
    result = holder.check_for_changes()
    assert result is not None
    assert not result.replaced
    assert "nobody" in (result.error or "")
    assert holder.playbook.escalation.on_call == "ana"
    assert holder.check_for_changes() is None  # the same bad version is not reported again
