"""Route unit tests for a playbook (`directo playbook test PLAYBOOK CASES.yaml`).

```yaml
now: 2026-03-02T10:00:00+00:00     # optional: the time evaluation runs at (velocity depends on it)
cases:
  - name: roaming story            # optional, shown in the report
    mention: {text: "…", author: {followers: 120}}   # the generic mention form; `id` is optional
    source: generic                # optional: the source it came from
    expect:                        # every key optional; only the keys given are compared
      severity: critical
      lanes: [complaint, churn, competitor]           # the exact set of lanes
      route: {target: ana, policy: default, group_key: "thread:x:1"}
```
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from bot.domain import Assessment, Lane, NormalizedMention, Severity
from bot.errors import PlaybookError
from bot.rules.compiler import CompiledPlaybook
from bot.rules.engine import evaluate

__all__ = ["Case", "CaseFile", "check_case", "parse_cases"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ExpectedRoute(_Strict):
    target: str | None = None
    policy: str | None = None
    group_key: str | None = None


class Expect(_Strict):
    severity: Severity | None = None
    lanes: list[Lane] | None = None
    route: ExpectedRoute | None = None


class Case(_Strict):
    name: str | None = None
    mention: dict[str, Any]
    source: str | None = None
    expect: Expect


class CaseFile(_Strict):
    now: datetime = Field(default_factory=lambda: datetime(2026, 3, 2, 10, 0, tzinfo=UTC))
    cases: list[Case] = Field(min_length=1)


def parse_cases(text: str, *, file: str = "<cases>") -> CaseFile:
    try:
        return CaseFile.model_validate(yaml.safe_load(text))
    except yaml.YAMLError as exc:
        raise PlaybookError(file, [f"not valid YAML: {exc}"]) from None
    except ValidationError as exc:
        problems = [f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()]
        raise PlaybookError(file, problems) from None


def check_case(case: Case, index: int, compiled: CompiledPlaybook, now: datetime) -> tuple[Assessment, list[str]]:
    """Evaluate one case; the differences from what it expects (empty when it passes)."""
    mention = NormalizedMention.model_validate({"id": f"case-{index + 1}", **case.mention})
    got = evaluate(mention, compiled, now, source=case.source)
    want = case.expect
    diff: list[str] = []
    if want.severity is not None and got.severity != want.severity:
        diff.append(f"severity: expected {want.severity.value}, got {got.severity.value}")
    if want.lanes is not None and set(got.lanes) != set(want.lanes):
        missing = sorted(lane.value for lane in set(want.lanes) - set(got.lanes))
        extra = sorted(lane.value for lane in set(got.lanes) - set(want.lanes))
        diff.append(f"lanes: missing {missing or '[]'}, unexpected {extra or '[]'}")
    if want.route is not None and got.route is not None:
        actual = {"target": got.route.target, "policy": got.route.policy.get("name"), "group_key": got.route.group_key}
        for key, value in want.route.model_dump(exclude_none=True).items():
            if actual[key] != value:
                diff.append(f"route.{key}: expected {value!r}, got {actual[key]!r}")
    return got, diff
