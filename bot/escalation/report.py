"""The decision-speed report: how fast the people who can decide were reached and answered, where the chain
broke, and which rules cry wolf. Read-only: takes a session, never commits.

Scope: the escalations opened in `[since, now]`. Every figure is defined in `docs/report.md`:

- time to first page: from the first mention's arrival to the case's first `level_paged` event;
- time to acknowledgement: `opened_at` → `acknowledged_at` (Acknowledge or Take; a reply sent without either
  counts as the acknowledgement);
- time to first response: `first_response_seconds` (first mention's arrival → the first reply chosen);
- deadline: `opened_at` + the first level's `ack_timeout` + `respond_timeout`, from the case's policy snapshot;
  the share answered within it counts only cases that were answered or whose deadline has passed by `now`;
- beyond level 1: a case that paged or skipped a level ≥ 2, or repeated its policy; why: each event that moved
  it on (`ack_timeout`, `respond_timeout`, `level_skipped`, `escalate_now`).
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import Escalation, EscalationEvent, EscalationMention, Mention, OutboundReply, Person, RuleFeedback
from bot.domain import Lane, Severity
from bot.domain.policy import EscalationPolicy
from bot.domain.schedule import parse_duration

__all__ = [
    "REASONS",
    "Breakdown",
    "CaseBeyond",
    "NoisyRule",
    "PersonLine",
    "Report",
    "Stat",
    "build_report",
    "median",
    "parse_since",
    "percentile",
]

# Why a case went past its first level, in the order the report lists them.
REASONS = ("no_answer", "no_reply_in_time", "unreachable", "quiet_hours", "on_leave", "nobody_on_call", "by_hand")
_EVENT_KINDS = (
    "level_paged",
    "level_skipped",
    "paged",
    "ack_timeout",
    "respond_timeout",
    "delivery_failed",
    "escalate_now",
    "acknowledge",
    "take",
)


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True)


class Stat(_Model):
    """One timing over a set of cases, in seconds (None when no case has it)."""

    count: int
    median: float | None
    p90: float | None


class Breakdown(_Model):
    key: str  # "all", a severity or a lane
    escalations: int
    acknowledged: int
    responded: int
    to_first_page: Stat
    to_ack: Stat
    to_first_response: Stat
    deadline_due: int  # answered, or past their deadline at `now`
    within_deadline: int
    share_within_deadline: float | None


class CaseBeyond(_Model):
    escalation_id: int
    severity: str
    lanes: list[str]
    highest_level: int
    reasons: list[str]


class PersonLine(_Model):
    person: str
    name: str
    role: str
    pages: int  # `paged` events: cards and "still open" nudges
    escalations_paged: int
    acknowledged: int  # cases this person acknowledged or took
    responses: int  # replies this person chose
    median_to_ack: float | None  # from their first page on the case (or its opening) to their press
    median_to_response: float | None  # from their first page on the case (or its opening) to their first reply


class NoisyRule(_Model):
    rule: str
    not_relevant: int
    fired_in: int  # escalations of the period whose mentions this rule fired on


class Report(_Model):
    since: datetime
    until: datetime
    overall: Breakdown
    by_severity: list[Breakdown]
    by_lane: list[Breakdown]
    beyond_level_1: int
    beyond_reasons: dict[str, int]
    beyond_cases: list[CaseBeyond]
    people: list[PersonLine]
    noisy_rules: list[NoisyRule]


# -- pure helpers -------------------------------------------------------------------------------------------


def percentile(values: Iterable[float], q: float) -> float | None:
    """The q-th percentile (0–100) with linear interpolation between closest ranks (numpy's default)."""
    ordered = sorted(values)
    if not ordered:
        return None
    rank = (len(ordered) - 1) * q / 100
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def median(values: Iterable[float]) -> float | None:
    return percentile(values, 50)


def _ms(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def stat(values: Sequence[float]) -> Stat:
    """Count, median and 90th percentile, rounded to the millisecond."""
    return Stat(count=len(values), median=_ms(median(values)), p90=_ms(percentile(values, 90)))


_SINCE = re.compile(r"^\d{4}-\d{2}-\d{2}")


def parse_since(value: str, now: datetime) -> datetime:
    """`7d`, `12h`, `2w` (before `now`) or an ISO date / date-time (UTC when no zone is given)."""
    if _SINCE.match(value.strip()):
        when = datetime.fromisoformat(value.strip())
        return when if when.tzinfo else when.replace(tzinfo=now.tzinfo)
    return now - parse_duration(value)


def deadline_of(policy: dict[str, Any], opened_at: datetime) -> datetime:
    snapshot = EscalationPolicy.model_validate(policy)
    return opened_at + snapshot.levels[0].ack_timeout + snapshot.respond_timeout


def _reason_of_skip(why: str) -> str:
    return {"quiet hours": "quiet_hours", "on leave": "on_leave"}.get(why, "unreachable")


@dataclass
class CaseFacts:
    """One escalation and its timeline, as read from the database."""

    id: int
    severity: str
    lanes: list[str]
    opened_at: datetime
    received_at: datetime
    acknowledged_at: datetime | None
    responded_at: datetime | None
    first_response_seconds: float | None
    deadline: datetime
    events: list[EscalationEvent] = field(default_factory=list)
    replies: list[tuple[int | None, datetime]] = field(default_factory=list)  # (person id, when)

    def first_page_seconds(self) -> float | None:
        paged = next((e for e in self.events if e.kind == "level_paged"), None)
        return None if paged is None else (paged.at - self.received_at).total_seconds()

    def ack_seconds(self) -> float | None:
        return None if self.acknowledged_at is None else (self.acknowledged_at - self.opened_at).total_seconds()

    def highest_level(self) -> int:
        levels = [int(e.detail.get("level", 1)) for e in self.events if e.kind in ("level_paged", "level_skipped")]
        repeated = any(int(e.detail.get("round", 0)) > 0 for e in self.events if e.kind == "level_paged")
        return max([*levels, 2 if repeated else 1])

    def reasons(self) -> list[str]:
        """Why the case moved past a level: each event that moved it on, named by its cause."""
        found: set[str] = set()
        failed_since_page = False
        for event in self.events:
            if event.kind == "level_paged":
                failed_since_page = False
            elif event.kind == "delivery_failed":
                failed_since_page = True
            elif event.kind == "ack_timeout":
                found.add("unreachable" if failed_since_page else "no_answer")
            elif event.kind == "respond_timeout":
                found.add("no_reply_in_time")
            elif event.kind == "escalate_now":
                found.add("by_hand")
            elif event.kind == "level_skipped":
                skipped = event.detail.get("skipped") or {}
                found.update(_reason_of_skip(str(why)) for why in skipped.values())
                if not skipped:
                    found.add("nobody_on_call")
        return [r for r in REASONS if r in found]


def breakdown(key: str, cases: Sequence[CaseFacts], now: datetime) -> Breakdown:
    due = [c for c in cases if c.responded_at is not None or c.deadline <= now]
    within = [c for c in due if c.responded_at is not None and c.responded_at <= c.deadline]
    first_page = [s for c in cases if (s := c.first_page_seconds()) is not None]
    ack = [s for c in cases if (s := c.ack_seconds()) is not None]
    response = [c.first_response_seconds for c in cases if c.first_response_seconds is not None]
    return Breakdown(
        key=key,
        escalations=len(cases),
        acknowledged=sum(c.acknowledged_at is not None for c in cases),
        responded=sum(c.responded_at is not None for c in cases),
        to_first_page=stat(first_page),
        to_ack=stat(ack),
        to_first_response=stat(response),
        deadline_due=len(due),
        within_deadline=len(within),
        share_within_deadline=len(within) / len(due) if due else None,
    )


def _severity_order(value: str) -> tuple[int, str]:
    try:
        return -Severity(value).rank, value
    except ValueError:
        return 0, value


def _lane_order(value: str) -> tuple[int, str]:
    lanes = [lane.value for lane in Lane]
    return (lanes.index(value), value) if value in lanes else (len(lanes), value)


def people_lines(cases: Sequence[CaseFacts], people: dict[int, Person]) -> list[PersonLine]:
    by_key = {p.key: p for p in people.values()}
    pages: Counter[str] = Counter()
    first_paged: dict[tuple[str, int], datetime] = {}
    acks: dict[str, list[float]] = defaultdict(list)
    responses: dict[str, list[float]] = defaultdict(list)
    reply_count: Counter[str] = Counter()
    for case in cases:
        for event in case.events:
            if event.kind == "paged" and event.detail.get("person") in by_key:
                key = str(event.detail["person"])
                pages[key] += 1
                first_paged.setdefault((key, case.id), event.at)
        pressed: set[str] = set()
        for event in case.events:
            actor = people.get(event.actor_person_id or 0)
            if event.kind in ("acknowledge", "take") and actor is not None and actor.key not in pressed:
                pressed.add(actor.key)
                start = first_paged.get((actor.key, case.id), case.opened_at)
                acks[actor.key].append((event.at - start).total_seconds())
        replied: set[str] = set()
        for person_id, when in sorted(case.replies, key=lambda r: r[1]):
            author = people.get(person_id or 0)
            if author is None:
                continue
            reply_count[author.key] += 1
            if author.key not in replied:
                replied.add(author.key)
                start = first_paged.get((author.key, case.id), case.opened_at)
                responses[author.key].append((when - start).total_seconds())
    involved = set(pages) | set(acks) | set(reply_count)
    lines = [
        PersonLine(
            person=key,
            name=by_key[key].name,
            role=by_key[key].role,
            pages=pages[key],
            escalations_paged=sum(1 for k, _ in first_paged if k == key),
            acknowledged=len(acks[key]),
            responses=reply_count[key],
            median_to_ack=_ms(median(acks[key])),
            median_to_response=_ms(median(responses[key])),
        )
        for key in involved
    ]
    return sorted(lines, key=lambda line: (-line.pages, -line.acknowledged, line.person))


def summarize(
    cases: Sequence[CaseFacts],
    people: dict[int, Person],
    *,
    since: datetime,
    now: datetime,
    feedback: Sequence[list[str]] = (),
    fired: dict[str, int] | None = None,
    top_rules: int = 10,
) -> Report:
    severities = sorted({c.severity for c in cases}, key=_severity_order)
    lanes = sorted({lane for c in cases for lane in c.lanes}, key=_lane_order)
    beyond = [c for c in cases if c.highest_level() >= 2]
    reasons = Counter(r for c in beyond for r in c.reasons())
    noisy = Counter(rule for rules in feedback for rule in dict.fromkeys(rules))
    return Report(
        since=since,
        until=now,
        overall=breakdown("all", cases, now),
        by_severity=[breakdown(s, [c for c in cases if c.severity == s], now) for s in severities],
        by_lane=[breakdown(lane, [c for c in cases if lane in c.lanes], now) for lane in lanes],
        beyond_level_1=len(beyond),
        beyond_reasons={r: reasons[r] for r in REASONS if reasons[r]},
        beyond_cases=[
            CaseBeyond(
                escalation_id=c.id,
                severity=c.severity,
                lanes=list(c.lanes),
                highest_level=c.highest_level(),
                reasons=c.reasons(),
            )
            for c in beyond
        ],
        people=people_lines(cases, people),
        noisy_rules=[
            NoisyRule(rule=rule, not_relevant=count, fired_in=(fired or {}).get(rule, 0))
            for rule, count in sorted(noisy.items(), key=lambda item: (-item[1], item[0]))[:top_rules]
        ],
    )


# -- reading the database -----------------------------------------------------------------------------------


async def build_report(session: AsyncSession, *, since: datetime, now: datetime, top_rules: int = 10) -> Report:
    """The report for the escalations opened in `[since, now]`."""
    rows = (
        await session.execute(
            select(Escalation, Mention.received_at)
            .join(Mention, Mention.id == Escalation.first_mention_id)
            .where(Escalation.opened_at >= since, Escalation.opened_at <= now)
            .order_by(Escalation.id)
        )
    ).all()
    cases = {
        e.id: CaseFacts(
            id=e.id,
            severity=e.severity,
            lanes=[str(lane) for lane in e.lanes],
            opened_at=e.opened_at,
            received_at=received_at,
            acknowledged_at=e.acknowledged_at,
            responded_at=e.responded_at,
            first_response_seconds=e.first_response_seconds,
            deadline=deadline_of(e.policy, e.opened_at),
        )
        for e, received_at in rows
    }
    ids = list(cases)
    for event in await _in_chunks(session, ids, _events):
        cases[event.escalation_id].events.append(event)
    for reply in await _in_chunks(session, ids, _replies):
        cases[reply.escalation_id].replies.append((reply.person_id, reply.created_at))
    feedback = [list(map(str, f.rules)) for f in await _in_chunks(session, ids, _feedback)]
    fired: Counter[str] = Counter()
    for rules in (await _in_chunks(session, ids, _fired_rules)) if feedback else []:
        fired.update(rules)
    people = {p.id: p for p in (await session.scalars(select(Person))).all()}
    return summarize(
        list(cases.values()), people, since=since, now=now, feedback=feedback, fired=dict(fired), top_rules=top_rules
    )


async def _in_chunks(session: AsyncSession, ids: list[int], query: Any) -> list[Any]:
    """Run `query(session, chunk)` over the ids 500 at a time (SQLite's bound-parameter limit is near)."""
    out: list[Any] = []
    for start in range(0, len(ids), 500):
        out.extend(await query(session, ids[start : start + 500]))
    return out


async def _events(session: AsyncSession, ids: list[int]) -> Sequence[EscalationEvent]:
    return (
        await session.scalars(
            select(EscalationEvent)
            .where(EscalationEvent.escalation_id.in_(ids), EscalationEvent.kind.in_(_EVENT_KINDS))
            .order_by(EscalationEvent.at, EscalationEvent.id)
        )
    ).all()


async def _replies(session: AsyncSession, ids: list[int]) -> Sequence[OutboundReply]:
    return (
        await session.scalars(
            select(OutboundReply).where(OutboundReply.escalation_id.in_(ids)).order_by(OutboundReply.id)
        )
    ).all()


async def _feedback(session: AsyncSession, ids: list[int]) -> Sequence[RuleFeedback]:
    return (
        await session.scalars(
            select(RuleFeedback)
            .where(RuleFeedback.escalation_id.in_(ids), RuleFeedback.verdict == "not_relevant")
            .order_by(RuleFeedback.id)
        )
    ).all()


async def _fired_rules(session: AsyncSession, ids: list[int]) -> list[set[str]]:
    """Per escalation, the rules that fired on any of its mentions."""
    rows = (
        await session.execute(
            select(EscalationMention.escalation_id, Mention.assessment)
            .join(Mention, Mention.id == EscalationMention.mention_id)
            .where(EscalationMention.escalation_id.in_(ids))
        )
    ).all()
    per_case: dict[int, set[str]] = defaultdict(set)
    for escalation_id, assessment in rows:
        for reason in (assessment or {}).get("reasons") or []:
            if isinstance(reason, dict) and reason.get("rule"):
                per_case[escalation_id].add(str(reason["rule"]))
    return list(per_case.values())
