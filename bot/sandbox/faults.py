"""Fault injection: make the next calls (or all calls for a while) fail with 5xx or hang."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

__all__ = ["Fault", "FaultInjector"]


@dataclass
class Fault:
    """Hang for ``hang`` seconds, then answer ``status`` (or, with ``status=None``, answer normally)."""

    status: int | None = 500
    hang: float = 0.0
    remaining: int | None = 1  # calls still affected; None: until ``until``
    until: float | None = None  # clock time the fault ends; None: until ``remaining`` reaches 0
    methods: frozenset[str] | None = None  # lower-case method names; None: every method

    def expired(self, now: float) -> bool:
        if self.until is not None and now >= self.until:
            return True
        return self.remaining is not None and self.remaining <= 0

    def applies(self, method: str, now: float) -> bool:
        return not self.expired(now) and (self.methods is None or method.lower() in self.methods)


class FaultInjector:
    """The faults waiting to hit calls, consumed in the order they were added."""

    def __init__(self, clock: Callable[[], float]) -> None:
        self.clock = clock
        self.faults: list[Fault] = []

    def add(
        self,
        *,
        status: int | None = 500,
        hang: float = 0.0,
        count: int | None = 1,
        duration: float | None = None,
        methods: Iterable[str] | None = None,
    ) -> Fault:
        """Affect the next ``count`` calls, or with ``duration`` every call for that many seconds."""
        if status is None and hang <= 0:
            raise ValueError("a fault needs a status or a hang time")
        fault = Fault(
            status=status,
            hang=hang,
            remaining=None if duration is not None else count,
            until=None if duration is None else self.clock() + duration,
            methods=None if methods is None else frozenset(m.lower() for m in methods),
        )
        self.faults.append(fault)
        return fault

    def clear(self) -> None:
        self.faults.clear()

    def take(self, method: str) -> Fault | None:
        """The fault that hits this call of ``method``, if any (counting it)."""
        now = self.clock()
        self.faults = [f for f in self.faults if not f.expired(now)]
        for fault in self.faults:
            if fault.applies(method, now):
                if fault.remaining is not None:
                    fault.remaining -= 1
                return fault
        return None
