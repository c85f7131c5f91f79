"""Triage: `evaluate(mention, playbook, now)` → `Assessment`. Pure: no I/O, no clock of its own.

Every point of score carries the words that earned it, so a page always says why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from bot.domain import Assessment, Lane, NormalizedMention, Reason, Route, Severity
from bot.rules.playbook import Playbook, Rule
from bot.rules.text import KeywordMatcher, fold

__all__ = ["CompiledPlaybook", "compile_playbook", "evaluate"]


@dataclass(frozen=True)
class _CompiledRule:
    rule: Rule
    any_of: KeywordMatcher
    all_of: tuple[KeywordMatcher, ...]
    regexes: tuple[re.Pattern[str], ...]

    def evidence(self, folded: str, original: str) -> str | None:
        found = self.any_of.find_all(folded) if self.rule.match.any else []
        if self.rule.match.any and not found:
            return None
        for matcher in self.all_of:
            words = matcher.find_all(folded)
            if not words:
                return None
            found += words
        for regex in self.regexes:
            hit = regex.search(original)
            if hit is None:
                return None
            found.append(hit.group(0))
        return ", ".join(found)


@dataclass(frozen=True)
class CompiledPlaybook:
    playbook: Playbook
    rules: tuple[_CompiledRule, ...]


def compile_playbook(playbook: Playbook) -> CompiledPlaybook:
    """Compile once per playbook load; evaluation then does no regex building."""
    compiled = tuple(
        _CompiledRule(
            rule=rule,
            any_of=KeywordMatcher(rule.match.any),
            all_of=tuple(KeywordMatcher([word]) for word in rule.match.all),
            regexes=tuple(re.compile(p, re.IGNORECASE) for p in rule.match.regex),
        )
        for rule in playbook.rules
    )
    return CompiledPlaybook(playbook=playbook, rules=compiled)


def evaluate(mention: NormalizedMention, compiled: CompiledPlaybook, now: datetime) -> Assessment:
    del now  # reserved for velocity and spike signals, which depend on time
    folded = fold(mention.text)
    reasons: list[Reason] = []
    floor = Severity.IGNORE
    for item in compiled.rules:
        evidence = item.evidence(folded, mention.text)
        if evidence is None:
            continue
        reasons.append(Reason(rule=item.rule.name, lane=item.rule.lane, evidence=evidence, points=item.rule.score))
        if item.rule.severity is not None:
            floor = floor if floor.rank >= item.rule.severity.rank else item.rule.severity
    score = sum(r.points for r in reasons)
    severity = _severity_for(score, compiled.playbook).at_least(floor)
    lanes = sorted({r.lane for r in reasons if r.lane is not None}, key=list(Lane).index)
    route = Route(
        target=compiled.playbook.escalation.on_call,
        group_key=_group_key(mention),
        policy=compiled.playbook.escalation.model_dump(),
    )
    return Assessment(severity=severity, lanes=lanes, score=score, reasons=reasons, route=route)


def _severity_for(score: float, playbook: Playbook) -> Severity:
    t = playbook.thresholds
    for severity, threshold in (
        (Severity.CRITICAL, t.critical),
        (Severity.HIGH, t.high),
        (Severity.MEDIUM, t.medium),
        (Severity.LOW, t.low),
    ):
        if score >= threshold:
            return severity
    return Severity.IGNORE


def _group_key(mention: NormalizedMention) -> str:
    """Mentions of one thread form one case; a mention with no thread is its own case."""
    thread = mention.thread_id or mention.in_reply_to or mention.id
    return f"thread:{mention.platform}:{thread}"
