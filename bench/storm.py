"""Storm benchmark (issue 8): one crisis, 30,000 mentions in 60 s, against a fake Bot API server with Telegram's
flood limits on; one unrelated critical mention in the middle must still reach the executive within a second.

    .venv/bin/python bench/storm.py [--seconds 60] [--rate 500] [--repeats 3] [--database sqlite|postgres|both]
    .venv/bin/python bench/storm.py --seconds 10 --repeats 1 --database sqlite      # a quick look

- Telegram: `bot.sandbox.FakeBotApiServer(rate_limits=True)` in this process (about 1 message/s per private chat
  with bursts of 3, 20/min per group, 30/s overall; a refusal is a 429 counted in `state.too_many_requests`).
- The app: `python -m bot run` in its own process (its pipeline worker in a child process, the default), on a
  fresh database (SQLite file, or a scratch PostgreSQL database), with a small bench playbook (below): one
  executive, `ana`, linked to her private chat by a `telegram_link` row written before start.
- The storm: `--rate` signed single-mention webhook POSTs per second (Standard Webhooks, `--batch` mentions per
  POST, default 1) for `--seconds`, each a new mention with its own id and author, all with the same text, which
  the playbook's `blackout` rule makes critical, topic `blackout`; routing groups by topic, so all are one case.
- The unrelated mention: at the middle of the storm, one critical mention of another topic (`fraud`, lane
  legal), routed to the **same** executive: her chat is the one the storm keeps busy, the hard case.
- Measured: mentions stored (must equal what was sent), pending rows in the database and the
  `directo_pipeline_backlog` gauge every second, every Bot API call to ana's chat (the storm's, split into
  sends and edits and counted per 5 s), the time from the unrelated POST leaving this process to its card's
  `sendMessage` reaching the fake server (both on `time.time()`, same host), and 429 answers.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import uvloop
from _app import (
    DirectoApp,
    alternating_rounds,
    backlog_sampler,
    card_stamps,
    load_average,
    paced_load,
    pending_mentions,
    prepare_database,
    signed_post,
)
from _loadgen import percentile
from _servers import stored_mentions
from ingest import scratch_database

from bot.sandbox import FakeBotApiServer

RESULTS = Path(__file__).with_name("results")
EXEC_CHAT = 7001
STORM_TEXT = "Apagón total de @movilia en toda Barcelona, llevo tres horas sin línea ni datos"
UNRELATED_MARK = "cobro fraudulento"
UNRELATED_TEXT = "@movilia me ha hecho un cobro fraudulento de 900 euros y nadie responde"
PLAYBOOK = """
version: 1
brand: {name: Movilia, handles: ["@movilia"]}
people:
  - {id: ana, name: Ana Ruiz, role: executive, language: en, timezone: UTC}
sources: [{id: generic, kind: generic, secret_env: DIRECTO_GENERIC_WEBHOOK_SECRET}]
rules:
  - {name: blackout, lane: complaint, topic: blackout, match: {any: ["apagon total"]}, score: 10, severity: critical}
  - {name: fraud, lane: legal, topic: fraud, match: {any: ["cobro fraudulento"]}, score: 10, severity: critical}
escalation: {on_call: ana}
routing: {group_by: [topic]}
"""


def make_factory(tag: str, batch: int, unrelated_at: int) -> Any:
    def mention(n: int) -> dict[str, Any]:
        return {
            "id": f"storm-{tag}-{n}",
            "text": STORM_TEXT,
            "platform": "x",
            "thread_id": "blackout-bcn",
            "author": {"handle": f"@vecino{n % 7919}"},
        }

    def make(i: int) -> bytes:
        if i == unrelated_at:
            payload = {"id": f"fraud-{tag}", "text": UNRELATED_TEXT, "platform": "x", "author": {"handle": "@clienta"}}
            return signed_post(payload, f"msg_{tag}_fraud")
        if batch == 1:
            return signed_post(mention(i), f"msg_{tag}_{i}")
        return signed_post({"mentions": [mention(i * batch + k) for k in range(batch)]}, f"msg_{tag}_{i}")

    return make


def chat_calls(tg: FakeBotApiServer, chat: int, since: int) -> list[Any]:
    return [c for c in tg.state.calls[since:] if str(c.params.get("chat_id")) == str(chat)]


async def storm_round(database: str, round_: int, args: argparse.Namespace) -> dict[str, Any]:
    requests = int(args.seconds * args.rate / args.batch)
    unrelated_at = requests // 2
    expected = (requests - 1) * args.batch + 1
    async with scratch_database(database) as url, FakeBotApiServer(rate_limits=True) as tg:
        tg.act.create_user(EXEC_CHAT, "Ana")
        with tempfile.TemporaryDirectory(prefix="directo-storm-") as tmp:
            workdir = Path(tmp)
            (workdir / "playbook.yaml").write_text(PLAYBOOK, encoding="utf-8")
            await prepare_database(url, PLAYBOOK, {"ana": EXEC_CHAT})
            env = {
                "DIRECTO_DATABASE_URL": url,
                "DIRECTO_PLAYBOOK": str(workdir / "playbook.yaml"),
                "DIRECTO_TELEGRAM_TOKEN": tg.token,
                "DIRECTO_TELEGRAM_API_URL": tg.url,
                **dict(kv.split("=", 1) for kv in args.env),
            }
            app = DirectoApp(env, workdir)
            await app.start()
            try:
                result = await drive(app, tg, url, requests, unrelated_at, round_, args)
            finally:
                await app.stop()
                errors = app.error_lines()
            if errors:
                print(f"  (the app logged {len(errors)} error lines; the last: {errors[-1][:200]})", flush=True)
        stored = await stored_mentions(url)
    result |= {"database": database, "round": round_, "stored": stored, "expected": expected}
    print_round(result)
    if stored != expected or result["accepted"] != expected:
        raise SystemExit(f"{database}: {expected} sent, {result['accepted']} acknowledged, {stored} stored")
    return result


async def drive(
    app: DirectoApp, tg: FakeBotApiServer, url: str, requests: int, unrelated_at: int, round_: int, args: Any
) -> dict[str, Any]:
    since = len(tg.state.calls)
    samples: list[tuple[float, int, float | None]] = []
    sampler = asyncio.create_task(backlog_sampler(app.url, url, samples))
    cpu0, t0 = app.cpu_seconds(), time.time()
    tag = f"r{round_}{time.monotonic_ns() % 10**6}"
    make = make_factory(tag, args.batch, unrelated_at)
    load = await paced_load(
        app.port, make, rate=args.rate / args.batch, count=requests, track=lambda i: i == unrelated_at
    )
    sent_seconds = time.time() - t0
    drain_started = time.perf_counter()
    while await pending_mentions(url) > 0 and time.perf_counter() - drain_started < args.drain_timeout:  # noqa: ASYNC110
        await asyncio.sleep(0.2)
    drained_after = time.perf_counter() - drain_started
    await asyncio.sleep(args.settle)  # room for the last coalesced edit
    sampler.cancel()
    cpu1, wall = app.cpu_seconds(), time.time() - t0
    calls = chat_calls(tg, EXEC_CHAT, since)
    unrelated = next(
        (c for c in calls if c.method == "sendMessage" and c.ok and UNRELATED_MARK in str(c.params.get("text", ""))),
        None,
    )
    unrelated_id = unrelated.result["message_id"] if unrelated is not None else None
    storm = [c for c in calls if c is not unrelated and c.params.get("message_id") != unrelated_id]
    sends = [c for c in storm if c.method == "sendMessage"]
    edits = [c for c in storm if c.method.startswith("editMessage")]
    windows = [0] * (int(wall // 5) + 1)
    for c in edits:
        windows[min(len(windows) - 1, int((c.at - t0) // 5))] += 1
    deliver = unrelated.at - load.sent_at[unrelated_at] if unrelated is not None else float("nan")
    stamps = {e: rest for e, *rest in await card_stamps(url)}
    received, processed, _ = stamps.get(f"fraud-{tag}", (None, None, None))
    stages = {  # where the unrelated card's time went, from the rows' own stamps (the app's clock = this host's)
        "to_stored": received - load.sent_at[unrelated_at] if received else None,
        "to_batch_start": processed - received if processed and received else None,
        "to_bot_api": unrelated.at - processed if processed and unrelated is not None else None,
    }
    return {
        "sent_seconds": sent_seconds,
        "requests": requests,
        "accepted": load.accepted,
        "statuses": dict(load.statuses),
        "post_p50_ms": percentile(load.latencies, 0.5) * 1000,
        "post_p99_ms": percentile(load.latencies, 0.99) * 1000,
        "sender_late_s": load.late,
        "client_cpu": load.client_cpu,
        "drained_after_s": drained_after,
        "backlog": samples,
        "backlog_max": max((s[1] for s in samples), default=0),
        "storm_sends": len(sends),
        "storm_edits": len(edits),
        "storm_other": len(storm) - len(sends) - len(edits),
        "edits_per_5s_max": max(windows),
        "edit_windows": windows,
        "storm_ok": sum(c.ok for c in storm),
        "unrelated_delivery_s": deliver,
        "unrelated_stages_ms": {k: round(v * 1000, 1) if v is not None else None for k, v in stages.items()},
        "too_many_requests": tg.state.too_many_requests,
        "web_cpu": (cpu1[0] - cpu0[0]) / wall,
        "pipeline_cpu": (cpu1[1] - cpu0[1]) / wall,
        "load_average": load_average(),
    }


def print_round(r: dict[str, Any]) -> None:
    trend = " ".join(str(s[1]) for s in r["backlog"][:: max(1, len(r["backlog"]) // 20)])
    print(
        f"  {r['database']:8} round {r['round']}: stored {r['stored']}/{r['expected']} "
        f"(sent in {r['sent_seconds']:.1f} s, POST p50 {r['post_p50_ms']:.1f} ms p99 {r['post_p99_ms']:.1f} ms, "
        f"sender late ≤ {r['sender_late_s']:.2f} s), backlog max {r['backlog_max']}, drained "
        f"{r['drained_after_s']:.1f} s after the last POST\n"
        f"      backlog (pending rows, ~every {max(1, len(r['backlog']) // 20)} s): {trend}\n"
        f"      storm calls to the executive's chat: {r['storm_sends']} sendMessage, {r['storm_edits']} edits "
        f"(max {r['edits_per_5s_max']} per 5 s; per 5 s: {r['edit_windows']}), {r['storm_other']} other; "
        f"unrelated critical card after {r['unrelated_delivery_s'] * 1000:.0f} ms "
        f"(ms: {r['unrelated_stages_ms']}); "
        f"429s {r['too_many_requests']}\n"
        f"      cores: web {r['web_cpu']:.2f}, pipeline {r['pipeline_cpu']:.2f}, client+fake Telegram "
        f"{r['client_cpu']:.2f}; load average {r['load_average']}",
        flush=True,
    )


def summarize(results: list[dict[str, Any]], args: argparse.Namespace) -> dict[str, Any]:
    keys = (
        "stored",
        "backlog_max",
        "drained_after_s",
        "storm_sends",
        "storm_edits",
        "edits_per_5s_max",
        "unrelated_delivery_s",
        "too_many_requests",
        "post_p50_ms",
        "post_p99_ms",
        "web_cpu",
        "pipeline_cpu",
    )
    summary: dict[str, Any] = {}
    print(f"\nmedians of {args.repeats} rounds, {args.seconds:g} s at {args.rate:g} mentions/s:")
    for database in dict.fromkeys(r["database"] for r in results):
        rows = [r for r in results if r["database"] == database]
        med = {k: float(statistics.median(r[k] for r in rows)) for k in keys}
        summary[database] = med
        edit_budget = args.seconds / 5
        print(
            f"  {database:8} stored {med['stored']:.0f}; backlog max {med['backlog_max']:.0f}, drained "
            f"{med['drained_after_s']:.1f} s after the storm; storm: {med['storm_sends']:.0f} card(s) + "
            f"{med['storm_edits']:.0f} edits (target ≤ 1 + {edit_budget:.0f}; max {med['edits_per_5s_max']:.0f} "
            f"in one 5 s window); unrelated card {med['unrelated_delivery_s'] * 1000:.0f} ms (target ≤ 1000); "
            f"429s {med['too_many_requests']:.0f} (target 0)"
        )
    return summary


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=60.0, help="length of the storm (default 60)")
    parser.add_argument("--rate", type=float, default=500.0, help="mentions per second (default 500)")
    parser.add_argument("--batch", type=int, default=1, help="mentions per POST (default 1)")
    parser.add_argument("--repeats", type=int, default=3, help="rounds; medians are reported (default 3)")
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--drain-timeout", type=float, default=300.0, help="longest wait for the backlog to empty")
    parser.add_argument("--settle", type=float, default=7.0, help="seconds to wait after draining (last edits)")
    parser.add_argument(
        "--env", action="append", default=[], metavar="NAME=VALUE", help="extra DIRECTO_* setting for the app"
    )
    parser.add_argument("--no-json", action="store_true", help="do not write bench/results/storm-*.json")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    print(f"storm: {args.seconds:g} s at {args.rate:g} mentions/s, load average {load_average()}", flush=True)
    results = uvloop.run(alternating_rounds(args, storm_round))
    summary = summarize(results, args)
    if not args.no_json:
        RESULTS.mkdir(exist_ok=True)
        path = RESULTS / f"storm-{time.strftime('%Y%m%dT%H%M%S')}.json"
        path.write_text(json.dumps({"args": vars(args), "summary": summary, "rounds": results}, indent=2))
        print(f"\nwritten to {path}")


if __name__ == "__main__":
    main()
