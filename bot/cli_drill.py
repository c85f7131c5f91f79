"""`directo drill SCENARIO`: replay a crisis scenario against the running service, then report how fast each
person acknowledged and responded.

A scenario is YAML (the bundled ones are in `bot/examples/drills/`):

```yaml
title: "Roaming: a competitor's CEO joins the thread"
description: one line for the list
mentions:
  - at: 0s                  # when, relative to the start (s, m, h; or plain seconds)
    mention: {id: r1, platform: x, text: "…", author: {handle: "@jrooney", followers: 15300}}
  - at: 1m30s
    mention: {id: r2, thread_id: r1, text: "…"}
```

Each mention is POSTed to `/webhooks/generic` signed like `directo send`, at its time (divided by
`--speed`), rewritten so a drill never collides with real posts or an earlier run: ids, `thread_id` and
`in_reply_to` get the prefix `drill-<run>-` and the label `drill` is added, which
every card of the case shows as **DRILL** / **SIMULACRO**. Everything else is the real service: rules,
escalation policies, the configured Telegram chats (real Telegram too).

Then it watches the database until every case of the run is responded or resolved (or `--wait` runs out)
and reports, from the timeline: per case its state and time to first response; per person the pages they
got, and their times to acknowledge and to respond, each measured from their own page (or from the case's
opening when they acted without one).
"""

from __future__ import annotations

import asyncio
import json
import re
import secrets
import statistics
import time
from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass, field
from datetime import datetime
from importlib import resources
from pathlib import Path
from typing import Any

import click
import httpx
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.db.models import Escalation, EscalationEvent, EscalationMention, Mention, Person
from bot.sources.standard_webhooks import sign

__all__ = [
    "DRILL_LABEL",
    "DrillProgress",
    "DrillReport",
    "Scenario",
    "bundled_drills",
    "drill",
    "drill_mention",
    "drill_report",
    "load_scenario",
    "replay",
    "signed_post",
]

DRILL_LABEL = "drill"
_DURATION = re.compile(r"^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+(?:\.\d+)?)s)?$")
DONE_STATES = ("responded", "resolved")
Sleep = Callable[[float], Awaitable[None]]


class Step(BaseModel):
    model_config = ConfigDict(extra="forbid")

    at: float = Field(ge=0, description="seconds from the start")
    mention: dict[str, Any]

    @field_validator("at", mode="before")
    @classmethod
    def _duration(cls, value: Any) -> Any:
        if isinstance(value, str):
            match = _DURATION.match(value.strip())
            if not value.strip() or match is None:
                raise ValueError("a duration like 45s, 2m, 1m30s or 1h")
            hours, minutes, seconds = match.groups()
            return int(hours or 0) * 3600 + int(minutes or 0) * 60 + float(seconds or 0)
        return value

    @field_validator("mention")
    @classmethod
    def _has_id_and_text(cls, value: dict[str, Any]) -> dict[str, Any]:
        if not value.get("id") or not value.get("text"):
            raise ValueError("every mention needs an id and a text")
        return value


class Scenario(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = ""
    title: str
    description: str = ""
    mentions: list[Step] = Field(min_length=1)


def bundled_drills() -> list[Path]:
    """The scenarios that ship with Directo (`bot/examples/drills/*.yaml`)."""
    folder = Path(str(resources.files("bot") / "examples" / "drills"))
    return sorted(folder.glob("*.yaml"))


def load_scenario(path: Path) -> Scenario:
    """Read and validate a scenario file; a bad one raises `click.ClickException` saying where."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        scenario = Scenario.model_validate(data)
    except (OSError, yaml.YAMLError) as exc:
        raise click.ClickException(f"{path}: {exc}") from None
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        raise click.ClickException(f"{path}: {where}: {err['msg']}") from None
    steps = sorted(scenario.mentions, key=lambda s: s.at)
    return scenario.model_copy(update={"name": scenario.name or path.stem, "mentions": steps})


def resolve_scenario(arg: str) -> Path:
    """A file path, or the name of a bundled scenario (`roaming`, `outage-storm`)."""
    path = Path(arg)
    if path.is_file():
        return path
    bundled = {p.stem: p for p in bundled_drills()}
    if arg in bundled:
        return bundled[arg]
    raise click.ClickException(f"no scenario file {arg!r}; bundled ones: {', '.join(sorted(bundled))}")


def drill_mention(mention: dict[str, Any], run_id: str) -> dict[str, Any]:
    """The mention as this run sends it: prefixed ids and the `drill` label. (No `created_at`: the post is
    as new as its arrival, and its metrics count from then.)"""
    out = dict(mention)
    for key in ("id", "thread_id", "in_reply_to"):
        if out.get(key) is not None:
            out[key] = f"drill-{run_id}-{out[key]}"
    out["labels"] = [*list(out.get("labels") or []), DRILL_LABEL]
    return out


async def signed_post(client: httpx.AsyncClient, url: str, secret: str, body: bytes) -> httpx.Response:
    """POST `body` signed with Standard Webhooks, as `directo send` does."""
    msg_id, stamp = f"msg_{secrets.token_hex(8)}", int(time.time())
    headers = {
        "webhook-id": msg_id,
        "webhook-timestamp": str(stamp),
        "content-type": "application/json",
        "webhook-signature": sign(secret, msg_id, stamp, body),
    }
    return await client.post(url, content=body, headers=headers)


# -- the report, from the database timeline --------------------------------------------------------


@dataclass
class CaseLine:
    escalation_id: int
    severity: str
    lanes: list[str]
    state: str
    mentions: int
    owner: str | None
    first_response_seconds: float | None


@dataclass
class PersonTimes:
    person: str
    name: str
    paged: int = 0
    acknowledge_seconds: list[float] = field(default_factory=list)
    respond_seconds: list[float] = field(default_factory=list)


@dataclass
class DrillReport:
    run_id: str
    scenario: str
    mentions_sent: int
    mentions_pending: int
    cases: list[CaseLine]
    people: list[PersonTimes]

    @property
    def settled(self) -> bool:
        """Every mention triaged and every case of the run answered or closed."""
        return self.mentions_pending == 0 and all(c.state in DONE_STATES for c in self.cases)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    def text(self) -> str:
        lines = [
            f'Drill "{self.scenario}" (run {self.run_id}): {self.mentions_sent} mention(s), {len(self.cases)} case(s)'
        ]
        for case in self.cases:
            took = "no response yet"
            if case.first_response_seconds is not None:
                took = f"first response {_seconds(case.first_response_seconds)} after the first mention"
            owner = f", owner {case.owner}" if case.owner else ""
            lanes = " · ".join(case.lanes)
            lines.append(f"  #{case.escalation_id} {case.severity} ({lanes}): {case.state}{owner}; {took}")
        if self.people:
            lines.append(f"  {'PERSON':<18} {'PAGED':>5}  {'ACKNOWLEDGED (median)':<24} RESPONDED (median)")
        for p in self.people:
            lines.append(
                f"  {p.name:<18} {p.paged:>5}  {_count_and_median(p.acknowledge_seconds):<24} "
                f"{_count_and_median(p.respond_seconds)}"
            )
        return "\n".join(lines)


def _seconds(value: float) -> str:
    value = round(value)
    return f"{value} s" if value < 60 else f"{value // 60} min {value % 60:02d} s"


def _count_and_median(values: list[float]) -> str:
    return f"{len(values)} ({_seconds(statistics.median(values))})" if values else "0"


async def drill_report(session: AsyncSession, run_id: str, scenario: str) -> DrillReport:
    """What the database says about the run so far."""
    prefix = f"drill-{run_id}-"
    mentions = (await session.scalars(select(Mention).where(Mention.external_id.startswith(prefix)))).all()
    ids = [m.id for m in mentions]
    escalation_ids = sorted(
        set(
            (
                await session.scalars(
                    select(EscalationMention.escalation_id).where(EscalationMention.mention_id.in_(ids))
                )
            ).all()
        )
    )
    people = {p.id: p for p in (await session.scalars(select(Person))).all()}
    by_key = {p.key: p for p in people.values()}
    times: dict[str, PersonTimes] = {}
    cases = []
    for escalation_id in escalation_ids:
        escalation = await session.get(Escalation, escalation_id)
        assert escalation is not None
        owner = people.get(escalation.owner_person_id) if escalation.owner_person_id else None
        cases.append(
            CaseLine(
                escalation_id=escalation.id,
                severity=escalation.severity,
                lanes=list(escalation.lanes),
                state=escalation.state,
                mentions=escalation.mention_count,
                owner=owner.name if owner else None,
                first_response_seconds=escalation.first_response_seconds,
            )
        )
        events = (
            await session.scalars(
                select(EscalationEvent)
                .where(EscalationEvent.escalation_id == escalation_id)
                .order_by(EscalationEvent.at, EscalationEvent.id)
            )
        ).all()
        _times_of(escalation, events, people, by_key, times)
    order = list(by_key)
    return DrillReport(
        run_id=run_id,
        scenario=scenario,
        mentions_sent=len(mentions),
        mentions_pending=sum(1 for m in mentions if m.status == "pending"),
        cases=cases,
        people=sorted(times.values(), key=lambda p: order.index(p.person) if p.person in order else len(order)),
    )


def _times_of(
    escalation: Escalation,
    events: Any,
    people: dict[int, Person],
    by_key: dict[str, Person],
    times: dict[str, PersonTimes],
) -> None:
    """Add one case's pages, acknowledgements and responses to each person's times."""
    paged_at: dict[str, datetime] = {}
    acked: set[str] = set()
    responded: set[str] = set()

    def entry(key: str) -> PersonTimes:
        person = by_key.get(key)
        return times.setdefault(key, PersonTimes(person=key, name=person.name if person else key))

    for event in events:
        actor = people.get(event.actor_person_id) if event.actor_person_id else None
        if event.kind == "paged" and event.detail.get("person") and event.detail["person"] not in paged_at:
            paged_at[event.detail["person"]] = event.at
            entry(event.detail["person"]).paged += 1
        elif event.kind in ("acknowledge", "take") and actor is not None and actor.key not in acked:
            acked.add(actor.key)
            since = paged_at.get(actor.key, escalation.opened_at)
            entry(actor.key).acknowledge_seconds.append(max(0.0, (event.at - since).total_seconds()))
        elif event.kind == "reply_chosen" and actor is not None and actor.key not in responded:
            responded.add(actor.key)
            since = paged_at.get(actor.key, escalation.opened_at)
            entry(actor.key).respond_seconds.append(max(0.0, (event.at - since).total_seconds()))


# -- the replay ------------------------------------------------------------------------------------


class DrillProgress:
    """One run: what was sent, the latest report, and whether it is over (for the CLI and the sandbox page)."""

    def __init__(self, scenario: Scenario, run_id: str | None = None) -> None:
        self.scenario = scenario
        self.run_id = run_id or secrets.token_hex(3)
        self.sent = 0
        self.errors: list[str] = []
        self.report: DrillReport | None = None
        self.done = False

    def text(self) -> str:
        head = f"{self.scenario.title}: {self.sent}/{len(self.scenario.mentions)} mention(s) sent"
        parts = [head + (" · finished" if self.done else " · running"), *self.errors]
        if self.report is not None:
            parts.append(self.report.text())
        return "\n".join(parts)


async def replay(
    progress: DrillProgress,
    *,
    url: str,
    secret: str,
    sessions: async_sessionmaker[AsyncSession],
    speed: float = 1.0,
    wait_seconds: float = 900.0,
    poll_seconds: float = 1.0,
    sleep: Sleep = asyncio.sleep,
    on_sent: Callable[[int, httpx.Response], None] | None = None,
) -> DrillReport:
    """Send the scenario's mentions at their times to `url`/webhooks/generic, then watch until the run is
    settled (or `wait_seconds` pass) and return the report."""
    scenario, started = progress.scenario, time.monotonic()
    try:
        async with httpx.AsyncClient(timeout=10) as client:
            for index, step in enumerate(scenario.mentions):
                delay = step.at / speed - (time.monotonic() - started)
                if delay > 0:
                    await sleep(delay)
                body = json.dumps(drill_mention(step.mention, progress.run_id), ensure_ascii=False)
                response = await signed_post(client, f"{url.rstrip('/')}/webhooks/generic", secret, body.encode())
                progress.sent += 1
                if response.status_code >= 300:
                    progress.errors.append(f"mention {index + 1}: {response.status_code} {response.text}")
                if on_sent is not None:
                    on_sent(index, response)
        deadline = time.monotonic() + wait_seconds
        while True:
            async with sessions() as session:
                progress.report = await drill_report(session, progress.run_id, scenario.name)
            if progress.report.settled or time.monotonic() >= deadline:
                return progress.report
            await sleep(poll_seconds)
    finally:
        progress.done = True


@click.command()
@click.argument("scenario")
@click.option("--speed", type=float, default=1.0, show_default=True, help="Play the scenario this many times faster.")
@click.option(
    "--wait",
    "wait_seconds",
    type=float,
    default=900.0,
    show_default=True,
    help="Seconds to wait after the last mention for every case to be responded or resolved.",
)
@click.option("--url", default=None, help="Directo's root URL (default: http://DIRECTO_HOST:DIRECTO_PORT).")
@click.option(
    "--secret-env",
    default="DIRECTO_GENERIC_WEBHOOK_SECRET",
    show_default=True,
    help="Environment variable (or .env entry) holding the generic source's whsec_ secret.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def drill(scenario: str, speed: float, wait_seconds: float, url: str | None, secret_env: str, as_json: bool) -> None:
    """Replay SCENARIO (a file, or a bundled one: roaming, outage-storm) as a drill, then report each
    person's time to acknowledge and to respond. Directo must be running (`directo run`)."""
    from bot.app import secret_environment
    from bot.config import load_settings
    from bot.db.engine import create_engine, create_session_factory

    if speed <= 0:
        raise click.BadParameter("must be more than 0", param_hint="--speed")
    settings = load_settings()
    secret = secret_environment().get(secret_env)
    if not secret:
        raise click.ClickException(f"{secret_env} is not set (in the environment or .env)")
    progress = DrillProgress(load_scenario(resolve_scenario(scenario)))
    target = url or f"http://{settings.host}:{settings.port}"
    steps = progress.scenario.mentions
    click.echo(
        f'Drill "{progress.scenario.title}" (run {progress.run_id}): {len(steps)} mention(s) over '
        f"{_seconds(steps[-1].at / speed)}, to {target}",
        err=as_json,
    )

    def echo(index: int, response: httpx.Response) -> None:
        click.echo(
            f"  [{index + 1}/{len(steps)}] {response.status_code} {steps[index].mention['text'][:70]}", err=as_json
        )

    async def go() -> DrillReport:
        engine = create_engine(settings.database_url)
        try:
            return await replay(
                progress,
                url=target,
                secret=secret,
                sessions=create_session_factory(engine),
                speed=speed,
                wait_seconds=wait_seconds,
                on_sent=echo,
            )
        except httpx.HTTPError as exc:
            raise click.ClickException(f"could not reach {target}: {exc}") from None
        finally:
            await engine.dispose()

    report = asyncio.run(go())
    click.echo(json.dumps(report.to_json(), ensure_ascii=False, indent=2) if as_json else report.text())
