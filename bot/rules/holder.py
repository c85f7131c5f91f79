"""The playbook in force, replaced whole on reload; an invalid new playbook leaves the old one in place."""

from __future__ import annotations

import logging
from pathlib import Path

from bot.errors import PlaybookError
from bot.rules.engine import CompiledPlaybook, compile_playbook
from bot.rules.playbook import Playbook, load_playbook

__all__ = ["PlaybookHolder"]

log = logging.getLogger(__name__)


class PlaybookHolder:
    def __init__(self, path: Path, playbook: Playbook) -> None:
        self.path = path
        self._compiled = compile_playbook(playbook)

    @classmethod
    def load(cls, path: Path) -> PlaybookHolder:
        return cls(path, load_playbook(path))

    @property
    def compiled(self) -> CompiledPlaybook:
        return self._compiled

    @property
    def playbook(self) -> Playbook:
        return self._compiled.playbook

    def reload(self) -> bool:
        """Load the file again; on error keep the playbook in force and say why. True when replaced."""
        try:
            playbook = load_playbook(self.path)
        except PlaybookError as exc:
            log.error("playbook reload refused, keeping the previous one: %s", exc)
            return False
        self._compiled = compile_playbook(playbook)
        log.info("playbook reloaded from %s", self.path)
        return True
