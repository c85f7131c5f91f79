"""Every error Directo raises on purpose.

DirectoError
├── ConfigError                 a setting or the playbook is wrong; start-up stops with the reason
│   └── PlaybookError           carries the file, the line and the path inside the playbook
├── IngestError                 a webhook request is refused; carries the HTTP status to answer
│   ├── UnknownSource           404
│   ├── BadSignature            401
│   ├── PayloadTooLarge         413
│   └── UnparseablePayload      422, with the path of the offending field
├── LinkingError                an invite or a /start code cannot be used
├── ActionRefused               a person may not do this (or the case does not allow it now)
└── DeliveryError               a Telegram (or outbound) call failed; `retryable` says whether to try again
"""

from __future__ import annotations

__all__ = [
    "ActionRefused",
    "BadSignature",
    "ConfigError",
    "DeliveryError",
    "DirectoError",
    "IngestError",
    "LinkingError",
    "PayloadTooLarge",
    "PlaybookError",
    "UnknownSource",
    "UnparseablePayload",
]


class DirectoError(Exception):
    """The root of Directo's own errors."""


class ConfigError(DirectoError):
    """A setting is missing or wrong."""


class PlaybookError(ConfigError):
    """The playbook cannot be used; each problem names the file, line and path."""

    def __init__(self, file: str, problems: list[str]) -> None:
        self.file = file
        self.problems = problems
        super().__init__(f"{file}: " + "; ".join(problems) if len(problems) == 1 else self._multi(file, problems))

    @staticmethod
    def _multi(file: str, problems: list[str]) -> str:
        lines = "\n".join(f"  - {p}" for p in problems)
        return f"{file}: {len(problems)} problems\n{lines}"


class IngestError(DirectoError):
    status_code = 400

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class UnknownSource(IngestError):
    status_code = 404


class BadSignature(IngestError):
    status_code = 401


class PayloadTooLarge(IngestError):
    status_code = 413


class UnparseablePayload(IngestError):
    status_code = 422


class LinkingError(DirectoError):
    """An invite code is unknown, used or expired (the user is told only that it cannot be used)."""


class ActionRefused(DirectoError):
    """The presser may not act on this escalation, or the action does not apply in its state."""


class DeliveryError(DirectoError):
    def __init__(self, message: str, *, retryable: bool, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retryable = retryable
        self.retry_after = retry_after
