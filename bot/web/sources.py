"""Which source ids exist, their adapter and their live secrets, following the playbook in force.

One adapter per playbook source, built from `bot.sources.registry.ADAPTERS` with the source's settings
(the brand's own account ids; the brand's `handles` when the source lists none). Secrets are read from the
environment variables the playbook names and checked with the kind's own rule (`KINDS[kind].check_secret`).
A problem (a variable not set, a malformed secret, Meta's verify token missing) is logged when the registry
is built (at start and whenever the playbook changes) and the source answers 401 until it is fixed: the
environment is read again, at most every `recheck_seconds`, while any source has a problem.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from bot.rules.holder import PlaybookHolder
from bot.rules.playbook import Playbook, Source
from bot.sources.base import SourceSecrets, SourceSettings, WebhookSource
from bot.sources.registry import ADAPTERS, KINDS, KindSpec

__all__ = ["ConfiguredSource", "SourceRegistry"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ConfiguredSource:
    id: str
    kind: str
    adapter: WebhookSource
    secrets: SourceSecrets
    problems: tuple[str, ...] = ()
    """Why some secret cannot be used (logged at start); with no usable signing secret, requests get 401."""

    @property
    def spec(self) -> KindSpec:
        return KINDS[self.kind]

    @property
    def refusal(self) -> str | None:
        """Why every request must be refused (no usable secret), or None."""
        if self.secrets.signing:
            return None
        return "this source has no secret configured" + (f" ({'; '.join(self.problems)})" if self.problems else "")


class SourceRegistry:
    def __init__(
        self,
        playbooks: PlaybookHolder,
        env: Callable[[], Mapping[str, str]],
        *,
        tolerance_seconds: int = 300,
        recheck_seconds: float = 10.0,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._playbooks = playbooks
        self._env = env
        self._tolerance = tolerance_seconds
        self._recheck = recheck_seconds
        self._monotonic = monotonic
        self._logged: dict[str, tuple[str, ...]] = {}
        self._sources: dict[str, ConfiguredSource] = {}
        self._built_for: Playbook | None = None
        self._built_at = 0.0
        self._rebuild(playbooks.playbook)  # at start: secret problems are logged now, not at the first request

    @property
    def playbook(self) -> Playbook:
        """The playbook in force."""
        return self._playbooks.playbook

    def get(self, source_id: str) -> ConfiguredSource | None:
        playbook = self._playbooks.playbook
        if playbook is not self._built_for or self._stale():
            self._rebuild(playbook)
        return self._sources.get(source_id)

    def secret_values(self) -> list[str]:
        """Every live secret, for the log filter that masks them."""
        out: list[str] = []
        for source in self._sources.values():
            out.extend(source.secrets.signing)
            if source.secrets.verify_token:
                out.append(source.secrets.verify_token)
        return out

    def _stale(self) -> bool:
        has_problems = any(s.problems for s in self._sources.values())
        return has_problems and self._monotonic() - self._built_at >= self._recheck

    def _rebuild(self, playbook: Playbook) -> None:
        env = self._env()
        self._sources = {spec.id: self._configure(spec, playbook, env) for spec in playbook.sources}
        self._built_for, self._built_at = playbook, self._monotonic()
        for source in self._sources.values():
            self._log_change(source)

    def _configure(self, source: Source, playbook: Playbook, env: Mapping[str, str]) -> ConfiguredSource:
        spec = KINDS[source.kind]
        own = source.brand_account_ids if source.brand_account_ids is not None else playbook.brand.handles
        settings = SourceSettings(
            brand_account_ids=frozenset(own) if source.kind != "generic" else frozenset(),
            tolerance_seconds=self._tolerance,
        )
        problems: list[str] = []
        signing: list[str] = []
        for name in source.secret_env:
            value = env.get(name, "")
            problem = f"{name} is not set" if not value else spec.check_secret(value)
            if problem is None:
                signing.append(value)
            else:
                problems.append(problem if problem.startswith(name) else f"{name}: {problem}")
        token: str | None = None
        if source.verify_token_env is not None:
            token = env.get(source.verify_token_env) or None
            if token is None:
                problems.append(f"{source.verify_token_env} (the verify token) is not set")
        adapter = ADAPTERS[source.kind](settings)
        return ConfiguredSource(source.id, source.kind, adapter, SourceSecrets(tuple(signing), token), tuple(problems))

    def _log_change(self, source: ConfiguredSource) -> None:
        """Log a source's problems once, when they appear or change, and when they are fixed."""
        before = self._logged.get(source.id, ())
        if source.problems == before:
            return
        self._logged[source.id] = source.problems
        if not source.problems:
            log.info("source %r: its secrets are set now; /webhooks/%s accepts requests", source.id, source.id)
        elif source.refusal is not None:
            log.error(
                "source %r (%s): %s; requests to /webhooks/%s are refused with 401 until it is fixed (needs %s)",
                source.id,
                source.kind,
                "; ".join(source.problems),
                source.id,
                source.spec.secret,
            )
        else:
            log.warning("source %r (%s): %s", source.id, source.kind, "; ".join(source.problems))
