"""Triage: `evaluate(mention, compiled, now)` → `Assessment`. Pure: no I/O, no clock of its own.

Every point of score carries the words that earned it, so a page always says why. The order matters:
words first (complaint, churn, …), then the playbook's rules (which may require lanes), then reach and
velocity (which weigh only on a problem), then spikes (which need the lanes), then severity and the route.
"""

from __future__ import annotations

from datetime import datetime

from bot.domain import Assessment, Lane, NormalizedMention, Reason, Severity
from bot.rules.audience import read_audience, read_media, read_velocity
from bot.rules.compiler import CompiledPlaybook, compile_playbook
from bot.rules.custom import apply_rules
from bot.rules.routing import Facts
from bot.rules.scan import Scan, scan
from bot.rules.signals import Findings, brand_or_competitor_named, read_text
from bot.rules.spike import WindowStats, decide
from bot.rules.trusted import trusted_assessment, trusted_reason

__all__ = ["CompiledPlaybook", "compile_playbook", "evaluate"]

_LANE_ORDER = {lane: i for i, lane in enumerate(Lane)}
_RANK = {severity: severity.rank for severity in Severity}


def evaluate(
    mention: NormalizedMention,
    compiled: CompiledPlaybook,
    now: datetime,
    *,
    window_stats: WindowStats | None = None,
    source: str | None = None,
) -> Assessment:
    """Triage one mention. `window_stats` (counts from the database) enables the spike lane; `source` is
    the id of the source it came from, for routes that match on it."""
    s = scan(mention, compiled)
    out = Findings()
    read_text(s, compiled, out)
    read_media(mention, s, compiled, out)
    apply_rules(s, compiled, out)
    read_audience(mention, compiled, out)
    read_velocity(mention, compiled, now, out)
    if window_stats is not None:
        _read_spikes(window_stats, compiled, now, out)
    return _verdict(mention, s, compiled, out, source)


def _read_spikes(stats: WindowStats, compiled: CompiledPlaybook, now: datetime, out: Findings) -> None:
    settings = compiled.playbook.spike
    keys = [f"lane:{lane.value}" for lane in sorted(out.lanes, key=_LANE_ORDER.__getitem__)]
    keys = [k for k in keys if k.removeprefix("lane:") in compiled.spike_lanes]
    keys += [f"topic:{topic}" for topic in out.topics] if settings.enabled else []
    for key in keys:
        verdict = decide(key, stats, settings, now)
        if verdict.fired:
            out.add("spike", Lane.SPIKE, str(verdict), compiled.playbook.weights.spike)


def _verdict(
    mention: NormalizedMention, s: Scan, compiled: CompiledPlaybook, out: Findings, source: str | None
) -> Assessment:
    if out.spam is not None or out.own_account or out.unrelated is not None:
        if out.spam is not None:
            why = f"spam: {out.spam}"
        elif out.own_account:
            why = "posted by the brand's own account"
        else:
            why = f"another business with the brand's name: {out.unrelated}"
        reasons = [trusted_reason("ignored", None, why, 0)]
        return _assessment(mention, s, compiled, Severity.IGNORE, [], 0.0, reasons, [], source)
    score = sum(r.points for r in out.reasons)
    severity = _severity_for(score, compiled)
    if _RANK[out.floor] > _RANK[severity]:  # `severity.at_least(out.floor)`, without two property calls
        severity = out.floor
    lanes = sorted(out.lanes, key=_LANE_ORDER.__getitem__)
    if severity is Severity.IGNORE and (lanes or brand_or_competitor_named(s)):
        severity = Severity.LOW
    return _assessment(mention, s, compiled, severity, lanes, score, out.reasons, out.topics, source)


def _assessment(
    mention: NormalizedMention,
    s: Scan,
    compiled: CompiledPlaybook,
    severity: Severity,
    lanes: list[Lane],
    score: float,
    reasons: list[Reason],
    topics: list[str],
    source: str | None,
) -> Assessment:
    facts = Facts(mention=mention, folded=s.folded, severity=severity, lanes=lanes, topics=topics, source=source)
    route = compiled.router.route(facts)
    return trusted_assessment(severity, lanes, score, reasons, route, list(topics))


def _severity_for(score: float, compiled: CompiledPlaybook) -> Severity:
    for threshold, severity in compiled.severity_steps:
        if score >= threshold:
            return severity
    return Severity.IGNORE
