"""Ingest benchmark (Foundation): signed single-mention POSTs against the real app and a bare baseline.

    .venv/bin/python bench/ingest.py [--seconds 20] [--concurrency 32] [--repeats 3] [--database sqlite|postgres|both]

Each measurement runs a closed loop of `--concurrency` keep-alive HTTP/1.1 connections for `--seconds`, after a
warm-up, against a server in its own process (uvicorn, the options in `_serve.UVICORN_OPTIONS`):

* app: `bot.app.build_app(settings)` on a fresh database (SQLite in a temporary directory, WAL and
  synchronous=FULL as the app sets them; or a scratch PostgreSQL database), Telegram not configured, so the
  pipeline worker triages what is stored, in its own process, as in production (its CPU is counted with the
  server's);
* baseline: a bare FastAPI endpoint that verifies the same Standard Webhooks signature and validates the same
  JSON (`GenericSource().verify/parse`) but answers 202 without storing anything.

Baseline and app are measured back to back in each round, in alternating order, and every round is repeated;
the medians are reported. After each round the app is stopped and the mention rows are counted: the count must
equal the number of 202s that said `"accepted":1`. A first run against a trivial ASGI endpoint shows how many
requests per second this client can drive at all, so a client bottleneck would show.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import uvloop
from _loadgen import LoadResult, percentile, run_load
from _serve import UVICORN_OPTIONS
from _servers import BENCH_SECRET, Server, postgres_database, sqlite_database, stored_mentions

from bot.sources.standard_webhooks import sign

RESULTS = Path(__file__).with_name("results")
# What a brand hears most of the day: questions and chatter that the rules read as low severity.
CHATTER = (
    "¿Alguien sabe a qué hora abre la tienda de @movilia en Sol?",
    "Acabo de renovar el móvil con @movilia, muy contento con la atención en tienda",
    "Which @movilia plan includes data in the EU? Thinking about it for the summer",
    "El anuncio nuevo de Movilia con el perro me ha hecho gracia",
)
# A complaint the example playbook escalates (roaming): each one opens an escalation.
COMPLAINT = "Llevo dos días sin datos en el extranjero y nadie de @movilia me responde. ¿Alguien sabe qué hacer?"


@dataclass
class Measurement:
    target: str  # trivial | baseline | app
    database: str  # "-" for servers that store nothing
    round: int
    requests: int
    ok: int  # 202s
    rate: float  # 202s per second
    p50_ms: float
    p99_ms: float
    server_cpu: float  # cores used by the server process and its children (the app's pipeline process)
    client_cpu: float  # cores used by this process
    errors: int
    pipeline_cpu: float = 0.0  # of server_cpu: the app's pipeline process


def request_factory(tag: str, *, complaint_every: int = 0) -> Callable[[], bytes]:
    """Each call: a new mention with a unique id, signed the way a sender signs it. Every `complaint_every`-th
    mention is a complaint that opens an escalation (0: none); the others are chatter."""
    counter = 0

    def make() -> bytes:
        nonlocal counter
        counter += 1
        msg_id = f"msg_{tag}_{counter}"
        complaint = complaint_every > 0 and counter % complaint_every == 0
        text = COMPLAINT if complaint else CHATTER[counter % len(CHATTER)]
        mention = {
            "id": f"{tag}-{counter}",
            "text": text,
            "platform": "x",
            "author": {"handle": f"@user{counter % 997}"},
        }
        body = json.dumps(mention, ensure_ascii=False).encode()
        stamp = int(time.time())
        head = (
            "POST /webhooks/generic HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\nwebhook-id: {msg_id}\r\nwebhook-timestamp: {stamp}\r\n"
            f"webhook-signature: {sign(BENCH_SECRET, msg_id, stamp, body)}\r\n\r\n"
        )
        return head.encode() + body

    return make


async def measure(server: Server, *, database: str, round_: int, args: argparse.Namespace) -> tuple[Measurement, int]:
    """Warm up, then measure. Returns the measurement and every `"accepted":1` seen (warm-up included)."""
    make = request_factory(f"{server.kind}{round_}{time.monotonic_ns() % 10**6}", complaint_every=args.complaint_every)
    warm = await run_load("127.0.0.1", server.port, make, concurrency=args.concurrency, seconds=args.warmup)
    cpu_before, child_before = server.cpu_seconds(), server.child_cpu_seconds()
    result = await run_load("127.0.0.1", server.port, make, concurrency=args.concurrency, seconds=args.seconds)
    server_cpu = (server.cpu_seconds() - cpu_before) / result.seconds
    m = summarize(server.kind, database, round_, result, server_cpu)
    m.pipeline_cpu = (server.child_cpu_seconds() - child_before) / result.seconds
    print(
        f"  {m.target:15} {m.database:8} round {m.round}: {m.rate:8.0f} /s  p50 {m.p50_ms:6.1f} ms  "
        f"p99 {m.p99_ms:6.1f} ms  server {m.server_cpu:.2f} cores (pipeline process {m.pipeline_cpu:.2f})  "
        f"client {m.client_cpu:.2f} cores"
        + (f"  ({m.requests - m.ok} non-202, {m.errors} broken connections)" if m.requests != m.ok or m.errors else ""),
        flush=True,
    )
    return m, warm.accepted + result.accepted


def summarize(target: str, database: str, round_: int, r: LoadResult, server_cpu: float) -> Measurement:
    return Measurement(
        target=target,
        database=database,
        round=round_,
        requests=r.requests,
        ok=r.statuses[202],
        rate=r.rate,
        p50_ms=percentile(r.latencies, 0.50) * 1000,
        p99_ms=percentile(r.latencies, 0.99) * 1000,
        server_cpu=server_cpu,
        client_cpu=r.client_cpu,
        errors=r.errors,
    )


def scratch_database(kind: str) -> AbstractAsyncContextManager[str]:
    if kind == "postgres":
        return postgres_database()

    @asynccontextmanager
    async def sqlite() -> AsyncIterator[str]:
        with sqlite_database() as url:
            yield url

    return sqlite()


async def app_round(kind: str, database: str, round_: int, args: argparse.Namespace) -> Measurement:
    """One app measurement on a fresh database; checks afterwards that every 202 is a stored row."""
    async with scratch_database(database) as url:
        with Server.running(kind, database_url=url) as app:
            m, accepted = await measure(app, database=database, round_=round_, args=args)
        stored = await stored_mentions(url)
    if stored != accepted:
        raise SystemExit(f"{database}: {accepted} mentions were acknowledged but {stored} are stored")
    print(f"  {'':15} {database:8} round {round_}: {stored} mentions stored = {accepted} acknowledged", flush=True)
    return m


async def run(args: argparse.Namespace) -> list[Measurement]:
    results: list[Measurement] = []
    with Server.running("trivial") as trivial:
        print("client ceiling (trivial ASGI endpoint):", flush=True)
        results.append((await measure(trivial, database="-", round_=1, args=args))[0])
    databases = ["sqlite", "postgres"] if args.database == "both" else [args.database]
    targets = ["baseline", "app"] + (["app-ingest-only"] if args.ingest_only else [])
    with Server.running("baseline") as baseline:
        for database in databases:
            print(f"{database}:", flush=True)
            for round_ in range(1, args.repeats + 1):
                shift = (round_ - 1) % len(targets)  # rotate the order from round to round
                for target in targets[shift:] + targets[:shift]:
                    if target == "baseline":
                        results.append((await measure(baseline, database=database, round_=round_, args=args))[0])
                    else:
                        results.append(await app_round(target, database, round_, args))
    return results


def report(results: list[Measurement], args: argparse.Namespace) -> dict[str, Any]:
    def median(target: str, database: str, key: str) -> float:
        return float(
            statistics.median(getattr(m, key) for m in results if m.target == target and m.database == database)
        )

    keys = ("rate", "p50_ms", "p99_ms", "server_cpu", "pipeline_cpu", "client_cpu")
    summary: dict[str, Any] = {"trivial": {k: median("trivial", "-", k) for k in keys}}
    print(f"\nmedians of {args.repeats} rounds, {args.seconds:g} s each at concurrency {args.concurrency}:")
    print(f"  {'':26} {'202/s':>8} {'p50 ms':>7} {'p99 ms':>7} {'server':>7} {'(pipe)':>7} {'client':>7}")
    print(_row("client ceiling", summary["trivial"]))
    for database in sorted({m.database for m in results} - {"-"}):
        base = {k: median("baseline", database, k) for k in keys}
        summary[database] = {"baseline": base}
        print(_row(f"{database} baseline", base))
        for target in ("app", "app-ingest-only"):
            if any(m.target == target and m.database == database for m in results):
                app = {k: median(target, database, k) for k in keys}
                ratio = app["rate"] / base["rate"]
                summary[database][target] = app | {"ratio": ratio}
                print(_row(f"{database} {target}", app) + f"   ratio {ratio:.2f}")
    return summary


def _row(label: str, v: dict[str, float]) -> str:
    return (
        f"  {label:26} {v['rate']:8.0f} {v['p50_ms']:7.1f} {v['p99_ms']:7.1f} "
        f"{v['server_cpu']:7.2f} {v['pipeline_cpu']:7.2f} {v['client_cpu']:7.2f}"
    )


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=20.0, help="length of each measurement (default 20)")
    parser.add_argument("--concurrency", type=int, default=32, help="connections, one request in flight each")
    parser.add_argument("--repeats", type=int, default=3, help="rounds; medians are reported (default 3)")
    parser.add_argument("--warmup", type=float, default=3.0, help="seconds of load before each measurement")
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument(
        "--complaint-every",
        type=int,
        default=100,
        help="every Nth mention is an escalating complaint, the rest low-severity chatter (0: none; default 100)",
    )
    parser.add_argument(
        "--ingest-only",
        action="store_true",
        help="also measure the app with its pipeline worker not started (a diagnostic, not the headline figure)",
    )
    parser.add_argument("--no-json", action="store_true", help="do not write bench/results/ingest-*.json")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    print(f"uvicorn options (every server): {UVICORN_OPTIONS}", flush=True)
    results = uvloop.run(run(args))
    summary = report(results, args)
    if not args.no_json:
        RESULTS.mkdir(exist_ok=True)
        path = RESULTS / f"ingest-{time.strftime('%Y%m%dT%H%M%S')}.json"
        measurements = [asdict(m) for m in results]
        document = {"args": vars(args), "uvicorn": UVICORN_OPTIONS, "summary": summary, "measurements": measurements}
        path.write_text(json.dumps(document, indent=2))
        print(f"\nwritten to {path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path}")


if __name__ == "__main__":
    main()
