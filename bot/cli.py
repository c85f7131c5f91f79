"""`directo` (also `python -m bot`): run the service and manage it from the command line."""

from __future__ import annotations

import asyncio
import json
import secrets
import sys
import time
from collections.abc import Awaitable, Callable
from datetime import timedelta
from pathlib import Path
from typing import Any, BinaryIO, NoReturn, TypeVar

import click
from sqlalchemy.ext.asyncio import AsyncSession

from bot.cli_drill import drill
from bot.cli_report import report
from bot.cli_triage import playbook, triage
from bot.clock import SystemClock
from bot.config import Settings, load_settings
from bot.errors import ConfigError, DirectoError, LinkingError, PlaybookError
from bot.rules import load_playbook

__all__ = ["main"]

T = TypeVar("T")


def _settings() -> Settings:
    try:
        return load_settings()
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from None


def _fail(message: str, code: int = 1) -> NoReturn:
    click.echo(f"Error: {message}", err=True)
    sys.exit(code)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="directo")
def main() -> None:
    """Directo: the brand mentions that need someone with the power to decide, straight to their Telegram."""


@main.command()
@click.option("--host", default=None, help="Interface to listen on (default: DIRECTO_HOST, 127.0.0.1).")
@click.option("--port", type=int, default=None, help="Port (default: DIRECTO_PORT, 8080).")
def run(host: str | None, port: int | None) -> None:
    """Apply pending migrations, then serve webhooks, run the bot and the pipeline."""
    import uvicorn

    from bot.app import build_app
    from bot.logs import configure_logging

    settings = _settings()
    configure_logging(settings.log_level, [*_secrets_of(settings), *_source_secrets(settings)], fmt=settings.log_format)
    sandbox = settings.telegram_token is None  # sandbox mode: no token, so Telegram is played locally
    try:
        if sandbox:
            from bot.sandbox_mode import build_sandbox_app

            app = build_sandbox_app(settings)
        else:
            app = build_app(settings)
    except PlaybookError as exc:
        _fail(f"the playbook cannot be used:\n{exc}")
    click.echo(f"Directo: playbook {settings.playbook}, database {_safe_url(settings.database_url)}")
    click.echo(f"Directo: listening on http://{host or settings.host}:{port or settings.port}")
    if sandbox:
        click.echo(
            "Directo: no DIRECTO_TELEGRAM_TOKEN, so this is SANDBOX MODE: Telegram is played locally and the "
            "playbook's people are linked to fake users.\n"
            f"Directo: open http://{_browsable(host or settings.host)}:{port or settings.port}/sandbox"
        )
    uvicorn.run(
        app,
        host=host or settings.host,
        port=port or settings.port,
        log_config=None,
        access_log=False,
        # Sandbox mode: the page's long polls (≤ 25 s) must not hold Ctrl-C up.
        timeout_graceful_shutdown=3 if sandbox else None,
    )


def _browsable(host: str) -> str:
    return "127.0.0.1" if host in ("0.0.0.0", "::", "") else host  # noqa: S104 - only a URL to print


def _secrets_of(settings: Settings) -> list[str]:
    values = [settings.telegram_token, settings.telegram_webhook_secret, settings.generic_webhook_secret]
    return [v.get_secret_value() for v in values if v is not None]


def _source_secrets(settings: Settings) -> list[str]:
    """The playbook's source secrets, so the log filter can mask them too (an unreadable playbook has none)."""
    from bot.app import secret_environment

    try:
        book = load_playbook(settings.playbook)
    except PlaybookError:
        return []
    env = secret_environment()
    names = [n for s in book.sources for n in [*s.secret_env, s.verify_token_env] if n]
    return [env[n] for n in names if env.get(n)]


def _safe_url(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


async def _with_session(settings: Settings, work: Callable[[AsyncSession], Awaitable[T]]) -> T:
    """Migrate, bring people in step with the playbook, then run `work` in one committed transaction."""
    from bot.db.engine import create_engine, create_session_factory
    from bot.db.migrate import upgrade
    from bot.escalation.people import sync_people

    playbook = _load_or_exit(settings.playbook)
    engine = create_engine(settings.database_url)
    try:
        await upgrade(engine)
        async with create_session_factory(engine)() as session, session.begin():
            await sync_people(session, playbook, SystemClock().now())
            return await work(session)
    finally:
        await engine.dispose()


def _load_or_exit(path: Path) -> Any:
    try:
        return load_playbook(path)
    except PlaybookError as exc:
        _fail(str(exc))


@main.group()
def db() -> None:
    """Database migrations."""


@db.command("upgrade")
@click.argument("revision", default="head")
def db_upgrade(revision: str) -> None:
    """Apply migrations up to REVISION (default: head)."""
    from bot.db.engine import create_engine
    from bot.db.migrate import upgrade

    async def go() -> None:
        engine = create_engine(_settings().database_url)
        try:
            await upgrade(engine, revision)
        finally:
            await engine.dispose()

    asyncio.run(go())
    click.echo(f"database upgraded to {revision}")


@db.command("downgrade")
@click.argument("revision")
def db_downgrade(revision: str) -> None:
    """Revert migrations down to REVISION (`base` empties the database)."""
    from bot.db.engine import create_engine
    from bot.db.migrate import downgrade

    async def go() -> None:
        engine = create_engine(_settings().database_url)
        try:
            await downgrade(engine, revision)
        finally:
            await engine.dispose()

    asyncio.run(go())
    click.echo(f"database downgraded to {revision}")


@main.command()
@click.option("--json", "as_json", is_flag=True, help="One JSON document instead of a table.")
def people(as_json: bool) -> None:
    """The playbook's people, their role and whether their Telegram account is linked."""
    from bot.escalation.people import list_people

    rows = asyncio.run(_with_session(_settings(), list_people))
    if as_json:
        click.echo(
            json.dumps(
                [
                    {
                        "person": r.key,
                        "name": r.name,
                        "role": r.role,
                        "linked": r.linked,
                        "reachable": r.reachable,
                        "telegram_username": r.telegram_username,
                    }
                    for r in rows
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    click.echo(f"{'PERSON':<16} {'NAME':<24} {'ROLE':<18} TELEGRAM")
    for r in rows:
        state = ("linked" + ("" if r.reachable else " (unreachable)")) if r.linked else "not linked"
        click.echo(f"{r.key:<16} {r.name:<24} {r.role:<18} {state}")


@main.command()
@click.argument("name")
@click.option("--json", "as_json", is_flag=True, help="Print {person, code, link, expires_at} as JSON.")
def invite(name: str, as_json: bool) -> None:
    """Print a single-use, expiring deep link that links NAME's Telegram account."""
    settings = _settings()
    try:
        result = asyncio.run(create_invite_link(settings, name))
    except (LinkingError, ConfigError) as exc:
        _fail(str(exc))
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False))
        return
    click.echo(f"Send this link to {name} (single use, expires {result['expires_at']}):\n{result['link']}")


async def create_invite_link(settings: Settings, person_key: str) -> dict[str, Any]:
    """Used by `directo invite` (and tests): ask the Bot API for the bot's name, then store the invite."""
    from telegram import Bot

    from bot.actions.linking import create_invite

    if settings.telegram_token is None:
        raise ConfigError("Telegram is not configured: set DIRECTO_TELEGRAM_TOKEN to make invite links")
    try:
        async with Bot(settings.telegram_token.get_secret_value(), base_url=f"{settings.telegram_api_url}/bot") as bot:
            username = bot.username
    except Exception as exc:
        raise ConfigError(f"the Bot API at {settings.telegram_api_url} did not answer getMe: {exc}") from None
    ttl = timedelta(hours=settings.invite_ttl_hours)

    async def work(session: AsyncSession) -> dict[str, Any]:
        made = await create_invite(session, person_key, now=SystemClock().now(), ttl=ttl)
        return {
            "person": made.person_key,
            "code": made.code,
            "link": f"https://t.me/{username}?start={made.code}",
            "expires_at": made.expires_at.isoformat(),
        }

    return await _with_session(settings, work)


@main.command()
@click.argument("file", type=click.File("rb"))
@click.option("--source", default="generic", show_default=True, help="Source id in the playbook.")
@click.option("--url", default=None, help="Directo's root URL (default: http://DIRECTO_HOST:DIRECTO_PORT).")
@click.option(
    "--secret-env",
    default="DIRECTO_GENERIC_WEBHOOK_SECRET",
    show_default=True,
    help="Environment variable (or .env entry) holding the source's whsec_ secret.",
)
def send(file: BinaryIO, source: str, url: str | None, secret_env: str) -> None:
    """Sign FILE (a mention or {"mentions": [...]} as JSON; - for stdin) and POST it to /webhooks/SOURCE."""
    import httpx

    from bot.app import secret_environment
    from bot.sources.standard_webhooks import sign

    settings = _settings()
    secret = secret_environment().get(secret_env)
    if not secret:
        _fail(f"{secret_env} is not set (in the environment or .env)")
    body = file.read()
    msg_id, stamp = f"msg_{secrets.token_hex(8)}", int(time.time())
    headers = {
        "webhook-id": msg_id,
        "webhook-timestamp": str(stamp),
        "content-type": "application/json",
        "webhook-signature": sign(secret, msg_id, stamp, body),
    }
    target = f"{(url or f'http://{settings.host}:{settings.port}').rstrip('/')}/webhooks/{source}"
    try:
        response = httpx.post(target, content=body, headers=headers, timeout=10)
    except httpx.HTTPError as exc:
        _fail(f"could not reach {target}: {exc}")
    click.echo(f"{response.status_code} {response.text}")
    if response.status_code >= 300:
        sys.exit(1)


main.add_command(playbook)
main.add_command(report)
main.add_command(triage)
main.add_command(drill)


def entrypoint() -> None:
    try:
        main()
    except DirectoError as exc:
        _fail(str(exc))
