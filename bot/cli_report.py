"""`directo report`: how fast decisions were made, as HTML (charts embedded), Markdown or JSON."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path

import click
from sqlalchemy.exc import DBAPIError

from bot.clock import SystemClock
from bot.config import Settings, load_settings
from bot.errors import ConfigError
from bot.escalation.report import Report, build_report, parse_since

__all__ = ["report"]

FORMATS = ("html", "md", "json")


def _settings() -> Settings:
    try:
        return load_settings()
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from None


def _instant(value: str | None, now: datetime) -> datetime:
    if value is None:
        return now
    when = datetime.fromisoformat(value)
    return when if when.tzinfo else when.replace(tzinfo=UTC)


async def _read(database_url: str, since: datetime, until: datetime) -> Report:
    """Read-only: no migration, no commit (a report may run against production with a read-only role)."""
    from bot.db.engine import create_engine, create_session_factory

    engine = create_engine(database_url)
    try:
        async with create_session_factory(engine)() as session:
            return await build_report(session, since=since, now=until)
    finally:
        await engine.dispose()


@click.command()
@click.option("--since", default="7d", show_default=True, help="A duration before --until (7d, 12h, 2w) or a date.")
@click.option("--until", default=None, help="End of the period, ISO date-time (default: now).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="html", show_default=True)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Write report.<format> and the charts (PNG) into this directory instead of printing the report.",
)
def report(since: str, until: str | None, fmt: str, out: Path | None) -> None:
    """How fast decisions were made: time to first page, to acknowledgement and to first response per severity
    and lane, answers within the policy's deadline, cases past level 1 and why, per person, noisy rules."""
    try:
        end = _instant(until, SystemClock().now())
        start = parse_since(since, end)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None
    if start >= end:
        raise click.BadParameter(f"--since ({start.isoformat()}) is not before --until ({end.isoformat()})")
    try:
        result = asyncio.run(_read(_settings().database_url, start, end))
    except DBAPIError as exc:
        raise click.ClickException(
            f"cannot read the database ({exc.orig}); is it migrated? (`directo db upgrade`)"
        ) from None
    # matplotlib is imported only here, so `directo --help` and the other commands stay quick.
    from bot.escalation.report_charts import render_charts
    from bot.report_render import render_html, render_json, render_markdown, write_report

    if out is not None:
        for path in write_report(result, out, fmt):
            click.echo(str(path))
        return
    if fmt == "json":
        click.echo(render_json(result), nl=False)
    elif fmt == "md":
        click.echo(render_markdown(result, {}))
    else:
        click.echo(render_html(result, render_charts(result)), nl=False)
