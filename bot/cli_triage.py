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
    """Check playbooks."""


@playbook.command("check")
@click.argument("file", type=click.Path(path_type=Path))
def playbook_check(file: Path) -> None:
    """Validate FILE: say precisely what is wrong (exit 1) or print a summary."""
    try:
        book = load_playbook(file)
    except PlaybookError as exc:
        _fail(str(exc))
    click.echo(
        f"{file}: OK — brand {book.brand.name}, {len(book.competitors)} competitor(s), {len(book.people)} "
        f"people, {len(book.sources)} source(s), {len(book.rules)} rule(s); first page goes to "
        f"{book.escalation.on_call}"
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
