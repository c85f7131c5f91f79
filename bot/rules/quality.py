"""Triage quality on a labelled corpus: per-lane precision, recall and F1, and the confusion of severities.

A corpus file is a YAML list of `{t: text, l: [lanes], s: severity}` with optional `a` (author), `m` (metrics)
and `age` (minutes between `created_at` and the evaluation time). See docs/triage-quality.md.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field

from bot.domain import Assessment, Lane, NormalizedMention, Severity
from bot.rules.compiler import CompiledPlaybook
from bot.rules.engine import evaluate

__all__ = ["EVAL_TIME", "Labelled", "Report", "parse_corpus", "score_corpus"]

EVAL_TIME = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
PAGING = (Severity.CRITICAL, Severity.HIGH)


class Labelled(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    t: str
    l: list[Lane]  # noqa: E741 - the corpus's own short keys
    s: Severity
    a: dict[str, Any] = Field(default_factory=dict)
    m: dict[str, int] = Field(default_factory=dict)
    age: float = 60

    def mention(self, index: int) -> NormalizedMention:
        created = EVAL_TIME - timedelta(minutes=self.age)
        return NormalizedMention(
            id=str(index), text=self.t, platform="x", created_at=created, author=self.a, metrics=self.m
        )


def parse_corpus(text: str) -> list[Labelled]:
    return [Labelled.model_validate(item) for item in yaml.safe_load(text) or []]


@dataclass
class Report:
    total: int = 0
    lanes: dict[Lane, Counter[str]] = field(default_factory=dict)  # tp, fp, fn per lane
    confusion: Counter[tuple[Severity, Severity]] = field(default_factory=Counter)  # (expected, got)
    misses: list[tuple[Labelled, Assessment]] = field(default_factory=list)

    def precision(self, lane: Lane) -> float:
        c = self.lanes.get(lane, Counter())
        return c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 1.0

    def recall(self, lane: Lane) -> float:
        c = self.lanes.get(lane, Counter())
        return c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 1.0

    def f1(self, lane: Lane) -> float:
        p, r = self.precision(lane), self.recall(lane)
        return 2 * p * r / (p + r) if p + r else 0.0

    def recall_of(self, severity: Severity) -> float:
        wanted = sum(n for (exp, _), n in self.confusion.items() if exp is severity)
        hit = self.confusion[(severity, severity)]
        return hit / wanted if wanted else 1.0

    def paging_precision(self) -> float:
        """Of what would page an executive (critical or high), how much should."""
        paged = sum(n for (_, got), n in self.confusion.items() if got in PAGING)
        right = sum(n for (exp, got), n in self.confusion.items() if got in PAGING and exp in PAGING)
        return right / paged if paged else 1.0

    def severity_accuracy(self) -> float:
        return sum(n for (e, g), n in self.confusion.items() if e is g) / self.total if self.total else 1.0


def score_corpus(corpus: list[Labelled], compiled: CompiledPlaybook) -> Report:
    report = Report()
    for index, item in enumerate(corpus):
        got = evaluate(item.mention(index), compiled, EVAL_TIME)
        report.total += 1
        report.confusion[(item.s, got.severity)] += 1
        expected, actual = set(item.l), set(got.lanes)
        for lane in expected | actual:
            counts = report.lanes.setdefault(lane, Counter())
            counts["tp" if lane in expected and lane in actual else "fn" if lane in expected else "fp"] += 1
        if expected != actual or item.s is not got.severity:
            report.misses.append((item, got))
    return report


def format_report(report: Report, title: str) -> str:
    lines = [f"## {title} ({report.total} mentions)", "", "| lane | precision | recall | F1 | support |"]
    lines.append("|---|---:|---:|---:|---:|")
    for lane in Lane:
        c = report.lanes.get(lane)
        if c is None:
            continue
        p, r, f = report.precision(lane), report.recall(lane), report.f1(lane)
        lines.append(f"| {lane.value} | {p:.2f} | {r:.2f} | {f:.2f} | {c['tp'] + c['fn']} |")
    order = list(Severity)
    lines += ["", "Severity confusion (rows: expected, columns: got)", ""]
    lines.append("| expected \\ got | " + " | ".join(s.value for s in order) + " |")
    lines.append("|---|" + "---:|" * len(order))
    for exp in order:
        lines.append(f"| {exp.value} | " + " | ".join(str(report.confusion[(exp, g)]) for g in order) + " |")
    lines += [
        "",
        f"- critical recall: {report.recall_of(Severity.CRITICAL):.3f}",
        f"- precision of paging (critical + high): {report.paging_precision():.3f}",
        f"- severity accuracy: {report.severity_accuracy():.3f}",
    ]
    return "\n".join(lines)
