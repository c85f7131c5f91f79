"""Which source ids exist, their adapter and their live secrets, following the playbook in force."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from bot.ports import SourceAdapter
from bot.rules.holder import PlaybookHolder
from bot.rules.playbook import Playbook
from bot.sources import GenericSource
from bot.sources.standard_webhooks import decode_secret

__all__ = ["ConfiguredSource", "SourceRegistry"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ConfiguredSource:
    id: str
    adapter: SourceAdapter
    secrets: tuple[str, ...]


class SourceRegistry:
    def __init__(
        self,
        playbooks: PlaybookHolder,
        env: Callable[[], Mapping[str, str]],
        *,
        tolerance_seconds: int = 300,
    ) -> None:
        self._playbooks = playbooks
        self._env = env
        self._tolerance = tolerance_seconds
        self._built_for: Playbook | None = None
        self._sources: dict[str, ConfiguredSource] = {}

    def get(self, source_id: str) -> ConfiguredSource | None:
        playbook = self._playbooks.playbook
        if playbook is not self._built_for:
            self._sources = self._build(playbook)
            self._built_for = playbook
        return self._sources.get(source_id)

    def _build(self, playbook: Playbook) -> dict[str, ConfiguredSource]:
        env = self._env()
        out: dict[str, ConfiguredSource] = {}
        for spec in playbook.sources:
            secrets = []
            for name in spec.secret_env:
                value = env.get(name, "")
                if not value:
                    log.warning(
                        "source %r: %s is not set; requests to /webhooks/%s will be refused",
                        spec.id,
                        name,
                        spec.id,
                    )
                    continue
                try:
                    decode_secret(value)
                except ValueError:
                    log.error("source %r: %s is not a whsec_<base64> secret; it is ignored", spec.id, name)
                    continue
                secrets.append(value)
            out[spec.id] = ConfiguredSource(spec.id, GenericSource(tolerance_seconds=self._tolerance), tuple(secrets))
        return out
