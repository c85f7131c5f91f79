"""The playbook in force, replaced whole on reload; an invalid new playbook leaves the old one in place.

The app calls `reload()` on SIGHUP and `check_for_changes()` every few seconds: it reloads when the file's
modification time, size or content hash changed since the last load, and reports a refused reload once per
version of the file (not every tick).
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path

from bot.errors import PlaybookError
from bot.rules.compiler import CompiledPlaybook, compile_playbook
from bot.rules.playbook import Playbook, load_playbook, parse_playbook

__all__ = ["PlaybookHolder", "ReloadResult"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ReloadResult:
    """What a reload attempt did: `replaced`, or kept the old playbook with `error` saying why."""

    replaced: bool
    error: str | None = None

    def __bool__(self) -> bool:
        return self.replaced


@dataclass(frozen=True)
class _Stamp:
    mtime_ns: int
    size: int
    digest: str | None = None


class PlaybookHolder:
    def __init__(self, path: Path, playbook: Playbook) -> None:
        self.path = path
        self._compiled = compile_playbook(playbook)
        self._stamp = self._stat()
        self._refused: _Stamp | None = None
        self.last_error: str | None = None

    @classmethod
    def load(cls, path: Path) -> PlaybookHolder:
        return cls(path, load_playbook(path))

    @property
    def compiled(self) -> CompiledPlaybook:
        return self._compiled

    @property
    def playbook(self) -> Playbook:
        return self._compiled.playbook

    def reload(self) -> ReloadResult:
        """Load the file again (SIGHUP); on error keep the playbook in force and say why."""
        try:
            text = self.path.read_bytes()
        except OSError as exc:
            return self._refuse(f"{self.path}: cannot read the file: {exc.strerror or exc}", None)
        stamp = self._stat(text)
        try:
            playbook = parse_playbook(text.decode("utf-8"), file=str(self.path))
        except (PlaybookError, UnicodeDecodeError) as exc:
            return self._refuse(str(exc), stamp)
        self._compiled, self._stamp, self._refused, self.last_error = compile_playbook(playbook), stamp, None, None
        log.info("playbook reloaded from %s", self.path)
        return ReloadResult(replaced=True)

    def check_for_changes(self) -> ReloadResult | None:
        """Reload when the file changed since the last load (None when it did not, or when this version
        was already refused)."""
        stamp = self._stat()
        if stamp is None or self._same(stamp, self._stamp) or self._same(stamp, self._refused):
            return None
        text = self.path.read_bytes() if stamp.size < 10_000_000 else b""
        digest = hashlib.sha256(text).hexdigest()
        if self._stamp is not None and digest == self._stamp.digest:
            self._stamp = _Stamp(stamp.mtime_ns, stamp.size, digest)  # touched, not changed
            return None
        return self.reload()

    def _refuse(self, why: str, stamp: _Stamp | None) -> ReloadResult:
        log.error("playbook reload refused, keeping the previous one: %s", why)
        self._refused, self.last_error = stamp, why
        return ReloadResult(replaced=False, error=why)

    @staticmethod
    def _same(a: _Stamp | None, b: _Stamp | None) -> bool:
        return a is not None and b is not None and (a.mtime_ns, a.size) == (b.mtime_ns, b.size)

    def _stat(self, text: bytes | None = None) -> _Stamp | None:
        try:
            st = self.path.stat()
        except OSError:
            return None
        if text is None:
            try:
                text = self.path.read_bytes()
            except OSError:
                return _Stamp(st.st_mtime_ns, st.st_size)
        return _Stamp(st.st_mtime_ns, st.st_size, hashlib.sha256(text).hexdigest())
