"""The pipeline step: triage pending mentions and open or attach escalations, in the caller's transaction."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.engine import is_postgres_session
from bot.db.mentions import claim_pending
from bot.db.models import Mention
from bot.domain import MentionStatus, NormalizedMention
from bot.escalation.directory import Directory, load_directory
from bot.escalation.lifecycle import EscalationOutcome, attach_mention, open_or_attach
from bot.escalation.team import apply_floor, confirm_to_reporter, requested_case
from bot.rules import CompiledPlaybook, WindowStats, evaluate

__all__ = ["BatchResult", "process_pending"]

log = logging.getLogger(__name__)


@dataclass
class BatchResult:
    processed: int = 0
    failed: int = 0
    escalations_opened: list[int] = field(default_factory=list)
    escalations_touched: list[int] = field(default_factory=list)
    severities: list[str] = field(default_factory=list)


async def process_pending(
    session: AsyncSession,
    playbook: CompiledPlaybook,
    now: datetime,
    *,
    limit: int = 200,
    window_stats: WindowStats | None = None,
) -> BatchResult:
    """Claim up to `limit` pending mentions and settle each. The caller commits (or rolls back: then
    every claimed mention is pending again, so nothing is lost and nothing is done twice)."""
    skip_locked = is_postgres_session(session)
    rows = (await session.scalars(claim_pending(limit, skip_locked=skip_locked))).all()
    result = BatchResult()
    directory: Directory | None = None  # loaded once per batch, and only if something escalates
    for row in rows:
        row.attempts += 1
        try:
            mention = NormalizedMention.model_validate(row.payload)
            assessment = evaluate(mention, playbook, now, window_stats=window_stats, source=row.source)
            assessment = apply_floor(assessment, row.payload or {})  # a forwarder's chosen severity
        except Exception as exc:  # a mention that cannot be triaged must not block the queue
            log.exception("mention %s could not be triaged", row.id)
            row.status, row.error, row.processed_at = MentionStatus.FAILED.value, repr(exc)[:2000], now
            result.failed += 1
            continue
        row.severity, row.score = assessment.severity.value, assessment.score
        row.assessment = assessment.model_dump(mode="json", exclude={"route"})
        row.status, row.processed_at = MentionStatus.PROCESSED.value, now
        result.processed += 1
        result.severities.append(assessment.severity.value)
        outcome: EscalationOutcome | None = None
        chosen = await requested_case(session, row.payload or {})
        if chosen is not None:
            outcome = await attach_mention(session, chosen, row, assessment, now)
        elif assessment.escalates:
            if directory is None:
                directory = await load_directory(
                    session, playbook.playbook.people, playbook.playbook.rotations, now=now
                )
            outcome = await open_or_attach(
                session, row, assessment, now, playbook=playbook.playbook, directory=directory
            )
        if outcome is not None:
            (result.escalations_opened if outcome.opened else result.escalations_touched).append(outcome.escalation_id)
            await _confirm(session, row, outcome, now)
    return result


async def _confirm(session: AsyncSession, row: Mention, outcome: EscalationOutcome, now: datetime) -> None:
    """A forwarded mention's reporter learns the case number (nothing for other sources)."""
    await confirm_to_reporter(session, row, outcome.escalation_id, opened=outcome.opened, now=now)
