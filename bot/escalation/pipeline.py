"""The pipeline step: triage pending mentions and open or attach escalations, in the caller's transaction.

A batch is settled in three moves, so that the work per mention stays small and the write lock short:

1. claim the oldest pending mentions (plain rows; on PostgreSQL `FOR UPDATE SKIP LOCKED`);
2. triage every one of them: pure, no statement, so on SQLite nothing holds the write lock meanwhile;
3. record all their outcomes in one executemany UPDATE (which takes SQLite's write lock), then settle the
   urgent ones per case: the mentions that share a group key join one case with one lookup, one timeline
   event and one card refresh, however many they are (a storm is one case, not ten thousand updates of it).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.engine import is_postgres_session
from bot.db.mentions import claim_pending, settle_mentions
from bot.domain import Assessment, MentionStatus, NormalizedMention
from bot.escalation.directory import Directory, load_directory
from bot.escalation.lifecycle import EscalationOutcome, Joining, attach_mentions, open_or_attach
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


@dataclass(frozen=True)
class _Triaged:
    mention_id: int
    payload: dict[str, Any]
    assessment: Assessment


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
    claimed = (await session.execute(claim_pending(limit, skip_locked=is_postgres_session(session)))).all()
    result = BatchResult()
    outcomes: list[dict[str, Any]] = []
    triaged: list[_Triaged] = []
    for mention_id, source, payload in claimed:
        payload = payload or {}
        try:
            mention = NormalizedMention.model_validate(payload)
            assessment = evaluate(mention, playbook, now, window_stats=window_stats, source=source)
            assessment = apply_floor(assessment, payload)  # a forwarder's chosen severity
            dumped = assessment.model_dump(mode="json", exclude={"route"})
        except Exception as exc:  # a mention that cannot be triaged must not block the queue
            log.exception("mention %s could not be triaged", mention_id)
            outcomes.append(_outcome(mention_id, MentionStatus.FAILED, now, error=repr(exc)[:2000]))
            result.failed += 1
            continue
        outcomes.append(
            _outcome(
                mention_id,
                MentionStatus.PROCESSED,
                now,
                severity=assessment.severity.value,
                score=assessment.score,
                assessment=dumped,
            )
        )
        result.processed += 1
        result.severities.append(assessment.severity.value)
        triaged.append(_Triaged(mention_id, payload, assessment))
    await settle_mentions(session, outcomes)
    await _settle_cases(session, triaged, playbook, now, result)
    return result


def _outcome(
    mention_id: int,
    status: MentionStatus,
    now: datetime,
    *,
    severity: str | None = None,
    score: float | None = None,
    assessment: dict[str, Any] | None = None,
    error: str | None = None,
) -> dict[str, Any]:
    return {
        "b_id": mention_id,
        "b_status": status.value,
        "b_processed_at": now,
        "b_severity": severity,
        "b_score": score,
        "b_assessment": assessment,
        "b_error": error,
    }


async def _settle_cases(
    session: AsyncSession, triaged: list[_Triaged], playbook: CompiledPlaybook, now: datetime, result: BatchResult
) -> None:
    """Mentions a reporter asked to join a case go there; urgent ones join or open the case on their key."""
    by_key: dict[str, list[_Triaged]] = {}
    for item in triaged:
        chosen = await requested_case(session, item.payload)  # no statement unless the payload asks for a case
        if chosen is not None:
            await attach_mentions(session, chosen, [(item.mention_id, item.assessment)], now)
            await _record(session, [item], EscalationOutcome(chosen.id, opened=False, paged=False), now, result)
        elif item.assessment.escalates:
            assert item.assessment.route is not None, "an escalating assessment always has a route"
            by_key.setdefault(item.assessment.route.group_key, []).append(item)
    if not by_key:
        return
    directory: Directory = await load_directory(session, playbook.playbook.people, playbook.playbook.rotations, now=now)
    for items in by_key.values():
        joining: list[Joining] = [(i.mention_id, i.assessment) for i in items]
        outcome = await open_or_attach(session, joining, now, playbook=playbook.playbook, directory=directory)
        await _record(session, items, outcome, now, result)


async def _record(
    session: AsyncSession, items: list[_Triaged], outcome: EscalationOutcome, now: datetime, result: BatchResult
) -> None:
    (result.escalations_opened if outcome.opened else result.escalations_touched).append(outcome.escalation_id)
    for item in items:  # a forwarded mention's reporter learns the case number (nothing for other sources)
        opened = outcome.opened and outcome.opener == item.mention_id
        await confirm_to_reporter(session, item.mention_id, item.payload, outcome.escalation_id, opened=opened, now=now)
