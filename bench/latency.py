"""Latency benchmark (issue 8): from a webhook POST leaving the sender to the card's `sendMessage` reaching the Bot
API server, under a background load of 500 mentions/s of which 1% are urgent.

    .venv/bin/python bench/latency.py [--seconds 30] [--rate 500] [--repeats 3] [--database sqlite|postgres|both]
    .venv/bin/python bench/latency.py --seconds 10 --repeats 1 --database sqlite      # a quick look

- Telegram: `bot.sandbox.FakeBotApiServer(rate_limits=True)` in this process; its call log stamps each call with
  `time.time()` when the call is answered, the same clock this process stamps each POST with just before
  writing it to the socket, so `call.at - sent_at` is the whole path on one host clock.
- The app: `python -m bot run` in its own process (pipeline worker in a child process, the default), fresh
  database, default Telegram budgets (about 1 message/s per private chat, 30/s overall; nothing raised).
- Load: `--rate` signed single-mention POSTs per second, open loop (paced, not closed-loop), 64 keep-alive
  connections. 99 in 100 are low-severity chatter; every 100th is urgent (the bench playbook's `urgent` rule
  makes it critical), each with its own thread, so each opens its own case and pages with a card. Urgent
  mentions go round-robin to `--executives` executives (default 10: one card every 2 s per private chat at 500/s,
  under the ~1/s per-chat budget), by a route per executive that matches the author's handle.
- Baseline, in the same run: this process sends `sendMessage` straight to the fake server (5/s, over 10 other
  private chats), through the same kind of raw keep-alive connection, and takes the same `call.at - sent_at`:
  what the Bot API server and this event loop add on their own.
- The first `--warmup` seconds of urgent mentions are left out of the percentiles.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import statistics
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import uvloop
from _app import (
    DirectoApp,
    alternating_rounds,
    card_stamps,
    load_average,
    paced_load,
    pending_mentions,
    prepare_database,
    signed_post,
)
from _loadgen import _Connection, percentile
from _servers import stored_mentions
from ingest import CHATTER, scratch_database

from bot.sandbox import FakeBotApiServer

RESULTS = Path(__file__).with_name("results")
EXEC_CHAT0 = 7000
BASELINE_CHAT0 = 9000
BASELINE_CHATS = 10
URGENT = "Caso-{n}: @movilia me ha dejado sin servicio urgente, tengo un familiar en el hospital"
MARK = re.compile(r"Caso-(\d+)")


def playbook(executives: int) -> str:
    people = "\n".join(
        f"  - {{id: exec{k}, name: Exec {k}, role: executive, language: en, timezone: UTC}}" for k in range(executives)
    )
    routes = "\n".join(f'    - {{match: {{authors: ["@cliente{k}"]}}, person: exec{k}}}' for k in range(executives))
    return f"""
version: 1
brand: {{name: Movilia, handles: ["@movilia"]}}
people:
{people}
sources: [{{id: generic, kind: generic, secret_env: DIRECTO_GENERIC_WEBHOOK_SECRET}}]
rules:
  - {{name: urgent, lane: complaint, match: {{any: ["sin servicio urgente"]}}, score: 10, severity: critical}}
escalation: {{on_call: exec0}}
routing:
  group_by: [thread]
  routes:
{routes}
"""


def make_factory(tag: str, executives: int) -> Any:
    def make(i: int) -> bytes:
        if is_urgent(i):
            k = (i // 100) % executives
            mention = {
                "id": f"{tag}-{i}",
                "text": URGENT.format(n=i),
                "platform": "x",
                "author": {"handle": f"@cliente{k}"},
            }
        else:
            mention = {
                "id": f"{tag}-{i}",
                "text": CHATTER[i % len(CHATTER)],
                "platform": "x",
                "author": {"handle": f"@user{i % 997}"},
            }
        return signed_post(mention, f"msg_{tag}_{i}")

    return make


def is_urgent(i: int) -> bool:
    return i % 100 == 50


async def baseline(tg: FakeBotApiServer, stop: asyncio.Event, out: list[tuple[float, float, float]]) -> None:
    """sendMessage straight to the fake server, 5/s: (sent at, answered at, the call log's `at`) per call."""
    loop = asyncio.get_running_loop()
    _, conn = await loop.create_connection(_Connection, "127.0.0.1", int(tg.url.rsplit(":", 1)[1]))
    n = 0
    while not stop.is_set():
        chat = BASELINE_CHAT0 + n % BASELINE_CHATS
        body = json.dumps({"chat_id": chat, "text": f"baseline {n}"}).encode()
        request = (
            f"POST /bot{tg.token}/sendMessage HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\n\r\n"
        ).encode() + body
        sent = time.time()
        await conn.send(request)
        answered = time.time()
        call = tg.state.calls[-1] if tg.state.calls and tg.state.calls[-1].params.get("chat_id") == chat else None
        out.append((sent, answered, call.at if call is not None else float("nan")))
        n += 1
        await asyncio.sleep(0.2)
    assert conn.transport is not None
    conn.transport.close()


async def latency_round(database: str, round_: int, args: argparse.Namespace) -> dict[str, Any]:
    count = int(args.seconds * args.rate)
    async with scratch_database(database) as url, FakeBotApiServer(rate_limits=True) as tg:
        chats = {f"exec{k}": EXEC_CHAT0 + k for k in range(args.executives)}
        for key, chat in chats.items():
            tg.act.create_user(chat, key)
        for k in range(BASELINE_CHATS):
            tg.act.create_user(BASELINE_CHAT0 + k, f"baseline{k}")
        with tempfile.TemporaryDirectory(prefix="directo-latency-") as tmp:
            workdir = Path(tmp)
            text = playbook(args.executives)
            (workdir / "playbook.yaml").write_text(text, encoding="utf-8")
            await prepare_database(url, text, chats)
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
                result = await drive(app, tg, url, count, round_, args)
            finally:
                await app.stop()
                errors = app.error_lines()
            if errors:
                print(f"  (the app logged {len(errors)} error lines; the last: {errors[-1][:200]})", flush=True)
        stored = await stored_mentions(url)
        result |= await stages(url, result.pop("_sent_at"), result.pop("_cards"), int(args.warmup * args.rate))
    result |= {"database": database, "round": round_, "stored": stored, "expected": count}
    print_round(result)
    if stored != count or result["accepted"] != count:
        raise SystemExit(f"{database}: {count} sent, {result['accepted']} acknowledged, {stored} stored")
    return result


async def drive(
    app: DirectoApp, tg: FakeBotApiServer, url: str, count: int, round_: int, args: argparse.Namespace
) -> dict[str, Any]:
    since = len(tg.state.calls)
    stop, base = asyncio.Event(), []
    base_task = asyncio.create_task(baseline(tg, stop, base))
    cpu0, t0 = app.cpu_seconds(), time.time()
    make = make_factory(f"r{round_}{time.monotonic_ns() % 10**6}", args.executives)
    load = await paced_load(app.port, make, rate=args.rate, count=count, track=is_urgent)
    wall = time.time() - t0
    cpu1 = app.cpu_seconds()
    stop.set()
    await base_task
    waited = time.perf_counter()
    while time.perf_counter() - waited < 15 and (  # noqa: ASYNC110 - polls another process
        await pending_mentions(url) or len(cards(tg, since)) < len(load.sent_at)
    ):
        await asyncio.sleep(0.2)
    sent = cards(tg, since)
    chats = {str(c.params.get("chat_id")) for c in tg.state.calls[since:] if c.method == "sendMessage" and c.ok}
    chats -= {str(BASELINE_CHAT0 + k) for k in range(BASELINE_CHATS)}
    exec_chats = {str(EXEC_CHAT0 + k) for k in range(args.executives)}
    methods = Counter(c.method for c in tg.state.calls[since:] if str(c.params.get("chat_id")) in exec_chats)
    skip = int(args.warmup * args.rate)
    lat = [sent[i] - at for i, at in load.sent_at.items() if i >= skip and i in sent]
    base_oneway = [c - s for s, _, c in base if c == c]
    base_rtt = [a - s for s, a, _ in base]
    ms = 1000
    return {
        "seconds": wall,
        "accepted": load.accepted,
        "urgent_sent": len(load.sent_at),
        "cards": len(sent),
        "card_chats": len(chats),
        "exec_chat_calls": dict(methods),
        "measured": len(lat),
        "missing": len(load.sent_at) - len(sent),
        "p50_ms": percentile(lat, 0.5) * ms,
        "p90_ms": percentile(lat, 0.9) * ms,
        "p99_ms": percentile(lat, 0.99) * ms,
        "max_ms": max(lat, default=float("nan")) * ms,
        "baseline_p50_ms": percentile(base_oneway, 0.5) * ms,
        "baseline_p99_ms": percentile(base_oneway, 0.99) * ms,
        "baseline_rtt_p50_ms": percentile(base_rtt, 0.5) * ms,
        "baseline_rtt_p99_ms": percentile(base_rtt, 0.99) * ms,
        "post_p50_ms": percentile(load.latencies, 0.5) * ms,
        "post_p99_ms": percentile(load.latencies, 0.99) * ms,
        "sender_late_s": load.late,
        "too_many_requests": tg.state.too_many_requests,
        "web_cpu": (cpu1[0] - cpu0[0]) / wall,
        "pipeline_cpu": (cpu1[1] - cpu0[1]) / wall,
        "client_cpu": load.client_cpu,
        "load_average": load_average(),
        "_sent_at": load.sent_at,
        "_cards": sent,
    }


async def stages(url: str, sent_at: dict[int, float], cards: dict[int, float], skip: int) -> dict[str, float]:
    """Median ms of each stage, from the rows' own stamps (the app's clock = this host's): POST → received_at
    (webhook stamped it), → processed_at (the pipeline batch that took it started), → sendMessage at the fake
    server (batch, commit, hand-over to the web process, notifier), and the notifier's own sent_at."""
    rows = await card_stamps(url)
    parts: dict[str, list[float]] = {"to_received": [], "to_batch": [], "to_telegram": [], "sent_at_to_call": []}
    for external_id, received, processed, sent in rows:
        i = int(str(external_id).rsplit("-", 1)[1])
        if i < skip or i not in sent_at or i not in cards or processed is None:
            continue
        parts["to_received"].append(received - sent_at[i])
        parts["to_batch"].append(processed - received)
        parts["to_telegram"].append(cards[i] - processed)
        if sent is not None:
            parts["sent_at_to_call"].append(cards[i] - sent)
    medians = {f"stage_{k}_ms": percentile(v, 0.5) * 1000 for k, v in parts.items()}
    return medians | {f"stage_{k}_p99_ms": percentile(v, 0.99) * 1000 for k, v in parts.items()}


def cards(tg: FakeBotApiServer, since: int) -> dict[int, float]:
    """Urgent mention index → when its card's sendMessage reached the fake server."""
    found: dict[int, float] = {}
    for call in tg.state.calls[since:]:
        if call.method == "sendMessage" and call.ok:
            match = MARK.search(str(call.params.get("text", "")))
            if match:
                found.setdefault(int(match.group(1)), call.at)
    return found


def print_round(r: dict[str, Any]) -> None:
    print(
        f"  {r['database']:8} round {r['round']}: webhook → sendMessage p50 {r['p50_ms']:.1f} ms, p90 "
        f"{r['p90_ms']:.1f}, p99 {r['p99_ms']:.1f}, max {r['max_ms']:.1f} ({r['measured']} cards in "
        f"{r['card_chats']} chats; {r['missing']} missing); baseline sendMessage one-way p50 {r['baseline_p50_ms']:.1f} p99 "
        f"{r['baseline_p99_ms']:.1f} ms (round trip p50 {r['baseline_rtt_p50_ms']:.1f}); 429s {r['too_many_requests']}\n"
        f"      load: {r['accepted']} stored in {r['seconds']:.1f} s (POST p50 {r['post_p50_ms']:.1f} ms, p99 "
        f"{r['post_p99_ms']:.1f} ms, sender late ≤ {r['sender_late_s']:.2f} s); cores: web {r['web_cpu']:.2f}, "
        f"pipeline {r['pipeline_cpu']:.2f}, client+fake Telegram {r['client_cpu']:.2f}; "
        f"load average {r['load_average']}\n"
        f"      stages (medians): POST → received_at {r['stage_to_received_ms']:.1f} ms, → pipeline batch start "
        f"{r['stage_to_batch_ms']:.1f} ms, → sendMessage at the fake server {r['stage_to_telegram_ms']:.1f} ms "
        f"(notifier's sent_at → call {r['stage_sent_at_to_call_ms']:.1f} ms); p99s: "
        f"{r['stage_to_received_p99_ms']:.1f}, {r['stage_to_batch_p99_ms']:.1f}, {r['stage_to_telegram_p99_ms']:.1f} ms; "
        f"calls to the executives' chats: {r['exec_chat_calls']}",
        flush=True,
    )


def summarize(results: list[dict[str, Any]], args: argparse.Namespace) -> dict[str, Any]:
    keys = (
        "p50_ms",
        "p90_ms",
        "p99_ms",
        "max_ms",
        "baseline_p50_ms",
        "baseline_p99_ms",
        "baseline_rtt_p50_ms",
        "post_p50_ms",
        "post_p99_ms",
        "stage_to_received_ms",
        "stage_to_batch_ms",
        "stage_to_telegram_ms",
        "stage_to_batch_p99_ms",
        "stage_to_telegram_p99_ms",
        "too_many_requests",
        "web_cpu",
        "pipeline_cpu",
        "measured",
    )
    summary: dict[str, Any] = {}
    print(f"\nmedians of {args.repeats} rounds, {args.seconds:g} s at {args.rate:g} mentions/s (1% urgent):")
    for database in dict.fromkeys(r["database"] for r in results):
        rows = [r for r in results if r["database"] == database]
        med = {k: float(statistics.median(r[k] for r in rows)) for k in keys}
        summary[database] = med
        print(
            f"  {database:8} webhook → sendMessage p50 {med['p50_ms']:.1f} ms (target ≤ 20), p99 "
            f"{med['p99_ms']:.1f} ms (target ≤ 100); baseline (direct sendMessage) p50 {med['baseline_p50_ms']:.1f}"
            f" ms, p99 {med['baseline_p99_ms']:.1f} ms; 429s {med['too_many_requests']:.0f}; stages: to received "
            f"{med['stage_to_received_ms']:.1f} ms, to batch start {med['stage_to_batch_ms']:.1f} ms, batch start to "
            f"sendMessage {med['stage_to_telegram_ms']:.1f} ms"
        )
    return summary


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=30.0, help="length of the load (default 30)")
    parser.add_argument("--rate", type=float, default=500.0, help="mentions per second, 1%% urgent (default 500)")
    parser.add_argument("--executives", type=int, default=10, help="executives the urgent cases go to (default 10)")
    parser.add_argument("--warmup", type=float, default=3.0, help="seconds of urgent mentions left out (default 3)")
    parser.add_argument("--repeats", type=int, default=3, help="rounds; medians are reported (default 3)")
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument(
        "--env", action="append", default=[], metavar="NAME=VALUE", help="extra DIRECTO_* setting for the app"
    )
    parser.add_argument("--no-json", action="store_true", help="do not write bench/results/latency-*.json")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    print(f"latency: {args.seconds:g} s at {args.rate:g} mentions/s, load average {load_average()}", flush=True)
    results = uvloop.run(alternating_rounds(args, latency_round))
    summary = summarize(results, args)
    if not args.no_json:
        RESULTS.mkdir(exist_ok=True)
        path = RESULTS / f"latency-{time.strftime('%Y%m%dT%H%M%S')}.json"
        path.write_text(json.dumps({"args": vars(args), "summary": summary, "rounds": results}, indent=2))
        print(f"\nwritten to {path}")


if __name__ == "__main__":
    main()
