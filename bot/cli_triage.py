"""`directo playbook …` and `directo triage`: tune a playbook from the command line."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NoReturn, TextIO

import click
from pydantic import ValidationError

from bot.clock import SystemClock
from bot.config import load_settings
from bot.domain import NormalizedMention
from bot.errors import ConfigError, PlaybookError
from bot.rules import compile_playbook, evaluate, load_playbook
from bot.rules.cases import check_case, parse_cases
from bot.rules.quality import format_report, parse_corpus, score_corpus

__all__ = ["playbook", "triage"]


def _fail(message: str, code: int = 1) -> NoReturn:
    click.echo(f"Error: {message}", err=True)
    sys.exit(code)


def _load_or_exit(path: Path) -> Any:
    try:
        return load_playbook(path)
    except PlaybookError as exc:
        _fail(str(exc))


def _default_playbook() -> Path:
    try:
        return load_settings().playbook
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from None


@click.group()
def playbook() -> None:
    """Check playbooks and test their routing."""


@playbook.command("check")
@click.argument("file", type=click.Path(path_type=Path))
def playbook_check(file: Path) -> None:
    """Validate FILE: say precisely what is wrong (exit 1) or print a summary."""
    try:
        book = load_playbook(file)
    except PlaybookError as exc:
        _fail(str(exc))
    compiled = compile_playbook(book)
    click.echo(
        f"{file}: OK — brand {book.brand.name}, {len(book.competitors)} competitor(s), {len(book.people)} "
        f"people, {len(book.sources)} source(s), {len(book.rules)} rule(s), {_count_routes(book.routing)} "
        f"route(s), {compiled.matcher.phrases} phrase(s) in {', '.join(book.brand.languages)}; "
        f"first page goes to {book.escalation.on_call}"
    )


def _count_routes(route: Any) -> int:
    return sum(1 + _count_routes(child) for child in route.routes)


@playbook.command("test")
@click.argument("playbook_file", metavar="PLAYBOOK", type=click.Path(path_type=Path))
@click.argument("cases_file", metavar="CASES", type=click.Path(path_type=Path))
def playbook_test(playbook_file: Path, cases_file: Path) -> None:
    """Run the route unit tests in CASES (YAML) against PLAYBOOK: a diff and exit 1 on any mismatch."""
    compiled = compile_playbook(_load_or_exit(playbook_file))
    try:
        suite = parse_cases(cases_file.read_text(encoding="utf-8"), file=str(cases_file))
    except OSError as exc:
        _fail(f"{cases_file}: cannot read the file: {exc.strerror or exc}")
    except PlaybookError as exc:
        _fail(str(exc))
    failed = 0
    for index, case in enumerate(suite.cases):
        label = case.name or f"case {index + 1}"
        try:
            got, diff = check_case(case, index, compiled, suite.now)
        except ValidationError as exc:
            diff, got = [f"mention: {exc.errors()[0]['msg']}"], None
        if not diff:
            continue
        failed += 1
        click.echo(f"FAIL {label}")
        for line in diff:
            click.echo(f"  - {line}")
        if got is not None:
            click.echo(f"  reasons: {'; '.join(str(r) for r in got.reasons) or '(none)'}")
    click.echo(f"{len(suite.cases) - failed} passed, {failed} failed")
    if failed:
        sys.exit(1)


@playbook.command("quality")
@click.argument("playbook_file", metavar="PLAYBOOK", type=click.Path(path_type=Path))
@click.argument("corpora", metavar="CORPUS...", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--misses", is_flag=True, help="Also list every mention whose lanes or severity differ.")
def playbook_quality(playbook_file: Path, corpora: tuple[Path, ...], misses: bool) -> None:
    """Per-lane precision, recall and F1 and the severity confusion on labelled CORPUS files (Markdown)."""
    compiled = compile_playbook(_load_or_exit(playbook_file))
    corpus = [item for path in corpora for item in parse_corpus(path.read_text(encoding="utf-8"))]
    report = score_corpus(corpus, compiled)
    click.echo(format_report(report, ", ".join(str(p) for p in corpora)))
    for item, got in report.misses if misses else []:
        lanes = ", ".join(lane.value for lane in got.lanes)
        click.echo(
            f"\n- {item.t}\n  expected {item.s.value} {[lane.value for lane in item.l]}, got {got.severity.value} [{lanes}]"
        )


@click.command()
@click.argument("file", type=click.File("r", encoding="utf-8"))
@click.option(
    "--playbook",
    "playbook_path",
    type=click.Path(path_type=Path),
    default=None,
    help="Playbook to triage with (default: DIRECTO_PLAYBOOK or the bundled example).",
)
def triage(file: TextIO, playbook_path: Path | None) -> None:
    """Triage mentions (JSON lines of the generic form, FILE or - for stdin); one JSON line out per mention."""
    path = playbook_path or _default_playbook()
    compiled = compile_playbook(_load_or_exit(path))
    now = SystemClock().now()
    bad = 0
    for number, mention in _read_mentions(file):
        if isinstance(mention, str):
            click.echo(f"line {number}: {mention}", err=True)
            bad += 1
            continue
        click.echo(json.dumps(evaluate(mention, compiled, now).triage_line(mention.id), ensure_ascii=False))
    if bad:
        sys.exit(1)


def _read_mentions(file: TextIO) -> Iterator[tuple[int, NormalizedMention | str]]:
    for number, line in enumerate(file, start=1):
        if not line.strip():
            continue
        try:
            yield number, NormalizedMention.model_validate_json(line)
        except ValidationError as exc:
            err = exc.errors()[0]
            where = ".".join(str(p) for p in err["loc"]) or "line"
            yield number, f"{where}: {err['msg']}"
