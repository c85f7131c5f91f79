"""Pipeline benchmark (issue 8): what settling a stored mention costs the pipeline, next to triage alone.

    .venv/bin/python bench/pipeline.py [--mentions 2000] [--batch 200] [--repeats 3] [--database sqlite|aiosqlite|postgres|all]

For each scenario, `--mentions` pending mentions are inserted into a fresh, migrated database (the storm
benchmark's playbook: one executive, `ana`, linked to a chat) and then drained by `process_pending` in batches
of `--batch`, one transaction per batch, exactly as the pipeline worker does (in this process, no HTTP):

* chatter: low-severity mentions that escalate nothing (the bulk of a brand's day);
* storm: every mention is the same crisis, so the first opens a case and all the others attach to it;
* cases: every mention is critical with its own topic, so each opens a case and pages (a worst case).

Baseline in the same run, on the same mentions: `bot.rules.evaluate` alone (the pure triage every settled
mention needs anyway). Reported per scenario: µs per mention (wall clock of the drain / mentions) and its ratio
to the baseline, medians over `--repeats` rounds; the rows are then checked (every mention processed, the storm
in one case with every mention attached).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from _app import prepare_database
from ingest import CHATTER, scratch_database
from sqlalchemy import func, select
from storm import STORM_TEXT

from bot.db.engine import create_engine, create_session_factory
from bot.db.mentions import insert_new_mentions, mention_row
from bot.db.models import Escalation, EscalationMention, Mention
from bot.domain import NormalizedMention
from bot.escalation.pipeline import process_pending
from bot.rules import compile_playbook, evaluate, parse_playbook

RESULTS = Path(__file__).with_name("results")
# The storm benchmark's playbook, except that each fraud mention is its own case (no topic; grouped by thread).
PLAYBOOK = """
version: 1
brand: {name: Movilia, handles: ["@movilia"]}
people:
  - {id: ana, name: Ana Ruiz, role: executive, language: en, timezone: UTC}
sources: [{id: generic, kind: generic, secret_env: DIRECTO_GENERIC_WEBHOOK_SECRET}]
rules:
  - {name: blackout, lane: complaint, topic: blackout, match: {any: ["apagon total"]}, score: 10, severity: critical}
  - {name: fraud, lane: legal, match: {any: ["cobro fraudulento"]}, score: 10, severity: critical}
escalation: {on_call: ana}
routing: {group_by: [topic, thread]}
"""
CASE = "@movilia me ha hecho un cobro fraudulento de {n} euros y nadie responde"


def mentions(scenario: str, count: int) -> list[NormalizedMention]:
    def one(n: int) -> dict[str, Any]:
        base: dict[str, Any] = {"id": f"{scenario}-{n}", "platform": "x", "author": {"handle": f"@user{n}"}}
        if scenario == "chatter":
            return {**base, "text": CHATTER[n % len(CHATTER)]}
        if scenario == "storm":
            return {**base, "text": STORM_TEXT, "thread_id": "blackout-bcn"}
        return {**base, "text": CASE.format(n=n), "thread_id": f"case-{n}"}

    return [NormalizedMention.model_validate(one(n)) for n in range(count)]


def triage_only(items: list[NormalizedMention]) -> float:
    """µs per mention for `evaluate` alone (the baseline)."""
    compiled = compile_playbook(parse_playbook(PLAYBOOK))
    now = datetime.now(UTC)
    for m in items[:200]:  # warm-up
        evaluate(m, compiled, now, source="generic")
    start = time.perf_counter()
    for m in items:
        evaluate(m, compiled, now, source="generic")
    return (time.perf_counter() - start) / len(items) * 1e6


async def drain(database: str, scenario: str, items: list[NormalizedMention], batch: int) -> dict[str, Any]:
    """`database`: postgres, sqlite (statements inline, as the pipeline's own process runs them) or aiosqlite
    (through aiosqlite's thread, as everything in the web process does)."""
    async with scratch_database("postgres" if database == "postgres" else "sqlite") as url:
        await prepare_database(url, PLAYBOOK, {"ana": 424242})
        engine = (  # the pipeline process's own engine (inline, no fsync per commit)
            create_engine(url, inline_sqlite=True, fsync_each_commit=False)
            if database == "sqlite"
            else create_engine(url)
        )
        try:
            sessions = create_session_factory(engine)
            now = datetime.now(UTC)
            async with sessions() as session, session.begin():
                await insert_new_mentions(session, [mention_row("generic", m, now) for m in items])
            compiled = compile_playbook(parse_playbook(PLAYBOOK))
            batches = 0
            start = time.perf_counter()
            while True:
                async with sessions() as session, session.begin():
                    result = await process_pending(session, compiled, datetime.now(UTC), limit=batch)
                batches += 1
                if result.processed + result.failed < batch:
                    break
            elapsed = time.perf_counter() - start
            async with sessions() as session:
                pending = await session.scalar(select(func.count()).where(Mention.status != "processed"))
                cases = await session.scalar(select(func.count()).select_from(Escalation))
                attached = await session.scalar(select(func.count()).select_from(EscalationMention))
        finally:
            await engine.dispose()
    expected_cases = {"chatter": 0, "storm": 1, "cases": len(items)}[scenario]
    expected_attached = 0 if scenario == "chatter" else len(items)
    if pending or cases != expected_cases or attached != expected_attached:
        raise SystemExit(
            f"{database}/{scenario}: {pending} not processed, {cases} cases (want {expected_cases}), "
            f"{attached} attached (want {expected_attached})"
        )
    return {"us_per_mention": elapsed / len(items) * 1e6, "batches": batches}


async def main(args: argparse.Namespace) -> None:
    databases = ["sqlite", "aiosqlite", "postgres"] if args.database == "all" else [args.database]
    scenarios = ["chatter", "storm", "cases"]
    rounds: list[dict[str, Any]] = []
    for round_ in range(args.repeats):
        for database in databases:
            for scenario in scenarios:
                items = mentions(scenario, args.mentions)
                baseline = triage_only(items)
                measured = await drain(database, scenario, items, args.batch)
                row = {"round": round_ + 1, "database": database, "scenario": scenario, "triage_us": baseline}
                rounds.append({**row, **measured, "ratio": measured["us_per_mention"] / baseline})
                print(
                    f"round {round_ + 1} {database:8} {scenario:8} settle {measured['us_per_mention']:8.0f} µs/mention"
                    f"   triage alone {baseline:6.0f} µs   ratio {measured['us_per_mention'] / baseline:5.1f}",
                    flush=True,
                )
    print(f"\nmedians over {args.repeats} rounds, {args.mentions} mentions in batches of {args.batch}")
    print(f"{'database':9} {'scenario':9} {'settle µs':>10} {'triage µs':>10} {'ratio':>6}")
    summary = []
    for database in databases:
        for scenario in scenarios:
            mine = [r for r in rounds if r["database"] == database and r["scenario"] == scenario]
            settle = statistics.median(r["us_per_mention"] for r in mine)
            triage = statistics.median(r["triage_us"] for r in mine)
            ratio = statistics.median(r["ratio"] for r in mine)
            summary.append({"database": database, "scenario": scenario, "settle_us": settle, "triage_us": triage})
            print(f"{database:9} {scenario:9} {settle:10.0f} {triage:10.0f} {ratio:6.1f}")
    if not args.no_json:
        RESULTS.mkdir(exist_ok=True)
        out = RESULTS / f"pipeline-{time.strftime('%Y%m%dT%H%M%S')}.json"
        out.write_text(json.dumps({"args": vars(args), "rounds": rounds, "summary": summary}, indent=2))
        print(f"\nwritten {out}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mentions", type=int, default=2000)
    parser.add_argument("--batch", type=int, default=200)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--database", choices=["sqlite", "aiosqlite", "postgres", "all"], default="all")
    parser.add_argument("--no-json", action="store_true")
    asyncio.run(main(parser.parse_args()))
