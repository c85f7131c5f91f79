"""`directo playbook check|test|quality` and `directo triage` on the bundled example."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from bot.cli_triage import playbook, triage
from tests.rules.conftest import EXAMPLE, TRIAGE_DATA


def test_playbook_test_passes_the_example_cases() -> None:
    result = CliRunner().invoke(playbook, ["test", str(EXAMPLE), str(TRIAGE_DATA / "example_cases.yaml")])
    assert result.exit_code == 0, result.output
    assert "5 passed, 0 failed" in result.output


def test_playbook_test_prints_a_diff_and_fails_on_mismatch(tmp_path: Path) -> None:
    cases = tmp_path / "cases.yaml"
    cases.write_text(
        'cases:\n  - name: wrong\n    mention: {text: "Me paso a Vozzia"}\n'
        "    expect: {severity: low, route: {target: marc}}\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(playbook, ["test", str(EXAMPLE), str(cases)])
    assert result.exit_code == 1
    assert "severity: expected low, got critical" in result.output
    assert "route.target: expected 'marc', got 'ana'" in result.output


def test_playbook_check_names_the_line_and_path(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(EXAMPLE.read_text(encoding="utf-8").replace("role: executive", "role: boss", 1), encoding="utf-8")
    result = CliRunner().invoke(playbook, ["check", str(bad)])
    assert result.exit_code == 1
    assert "people[0].role" in result.output
    assert "line " in result.output


def test_triage_writes_the_json_lines_contract() -> None:
    line = json.dumps({"id": "a1", "text": "Me paso a Vozzia, Movilia"})
    result = CliRunner().invoke(triage, ["-", "--playbook", str(EXAMPLE)], input=line + "\n")
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert (out["id"], out["severity"], out["lanes"]) == ("a1", "critical", ["churn", "competitor"])
    assert out["reasons"][0] == 'churn: "Me paso a Vozzia" (+7)'
