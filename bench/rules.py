"""Rules benchmark: evaluation time per mention with the example playbook plus generated rules.

    .venv/bin/python bench/rules.py [--rules 500] [--mentions 100000] [--naive 2000] [--seed 7] [--runs 1]
                                    [--phrases FILE]

The example playbook gets `--rules` generated rules (3–8 keywords each, from a generated vocabulary; one in ten
with an `all` word, one in twenty a `prefix*`, one in fifty a regex) and is compiled once. `--mentions`
generated mentions (Spanish and English filler, brand and competitor names, lexicon phrases, generated keywords,
10–60 words) are evaluated one at a time; each call is timed with `perf_counter_ns`. The naive baseline, in the
same run and on the first `--naive` of the same mentions, loops over every keyword of the compiled playbook
(lexicon, names, rule keywords) doing one precompiled word-boundary `re.search` each: what the engine replaces
with one trie-shaped regex. With `--runs N` both timings are repeated N times, one after the other, and each
figure is the median over the runs (the machine is shared and noisy; every run is kept under "per_run").
The mentions draw their lexicon phrases from the built-in complaint, churn, praise and soft-complaint lexicons;
`--phrases FILE` (one phrase a line) draws them from a file instead, so two versions of the engine with different
lexicons can be timed on the very same mentions.
Figures go to stdout and bench/results/rules.json.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import re
import statistics
import sys
import time
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.domain import NormalizedMention
from bot.rules import compile_playbook, evaluate, load_playbook
from bot.rules.lexicon import Kind, builtin_lexicon
from bot.rules.playbook import Playbook
from bot.rules.text import fold, match_text

EXAMPLE = Path(__file__).resolve().parents[1] / "bot" / "examples" / "playbook.yaml"
NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
FILLER = str.split(
    "el la de que y en un una por con para mi me se lo ya hoy muy pero todo the a to and of in it is my i you for "
    "on this with that was so just phone movil linea tarifa factura datos fibra wifi app tienda cliente servicio "
    "plan bill data line store customer network coverage router signal llamada call mes month dia day semana week"
)


def _word(rng: random.Random) -> str:
    return "".join(rng.choice("bcdfglmnprstvz") + rng.choice("aeiou") for _ in range(rng.randint(2, 4)))


def _rules(rng: random.Random, count: int, vocabulary: list[str]) -> list[dict[str, Any]]:
    rules = []
    for i in range(count):
        words = [" ".join(rng.sample(vocabulary, rng.choice((1, 1, 1, 2)))) for _ in range(rng.randint(3, 8))]
        if i % 20 == 0:
            words[0] = words[0].split()[0] + "*"
        match: dict[str, Any] = {"any": words}
        if i % 10 == 0:
            match["all"] = [rng.choice(vocabulary)]
        if i % 50 == 0:
            match = {"regex": [rf"\b{rng.choice(vocabulary)}\s+\d+\b"]}
        rules.append({"name": f"gen-{i}", "lane": rng.choice(["complaint", "churn", "legal"]), "match": match})
    return rules


def _playbook(rng: random.Random, count: int, vocabulary: list[str]) -> Playbook:
    base = load_playbook(EXAMPLE).model_dump(mode="json", by_alias=True, exclude_none=True)
    base["rules"] = base["rules"] + _rules(rng, count, vocabulary)
    return Playbook.model_validate(base)


def _mentions(rng: random.Random, count: int, vocabulary: list[str], phrases: list[str]) -> list[NormalizedMention]:
    names = ["Movilia", "@movilia", "Vozzia", "@vozzia", "Ana Ruiz"]
    out = []
    for i in range(count):
        words = [rng.choice(FILLER) for _ in range(rng.randint(10, 60))]
        for _ in range(rng.randint(0, 3)):
            words.insert(rng.randrange(len(words)), rng.choice(phrases))
        for _ in range(rng.randint(0, 2)):
            words.insert(rng.randrange(len(words)), rng.choice(vocabulary))
        words.insert(rng.randrange(len(words)), rng.choice(names))
        text = " ".join(words) + rng.choice([".", "!", "?", " 😡", ""])
        followers = rng.choice([0, 120, 5_000, 50_000, 400_000])
        out.append(NormalizedMention(id=str(i), text=text, author={"followers": followers}, created_at=NOW))
    return out


def _percentiles(samples_ns: list[int]) -> dict[str, float]:
    ordered = sorted(samples_ns)
    return {
        "median_us": statistics.median(ordered) / 1000,
        "p99_us": ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] / 1000,
        "mean_us": statistics.fmean(ordered) / 1000,
    }


def _median_of(figures: Iterable[dict[str, float]]) -> dict[str, float]:
    """Per figure (median, p99, mean), the median over the runs: one noisy run does not decide."""
    listed = list(figures)
    return {key: round(statistics.median(f[key] for f in listed), 1) for key in listed[0]}


def _naive(mentions: list[NormalizedMention], keywords: list[str]) -> dict[str, float]:
    regexes = [re.compile(rf"(?<![\w@#]){re.escape(k)}(?!\w)") for k in keywords]
    samples = []
    for mention in mentions:
        start = time.perf_counter_ns()
        text = match_text(fold(mention.text))
        _ = [r.pattern for r in regexes if r.search(text)]
        samples.append(time.perf_counter_ns() - start)
    return _percentiles(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rules", type=int, default=500)
    parser.add_argument("--mentions", type=int, default=100_000)
    parser.add_argument("--naive", type=int, default=2_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--runs", type=int, default=1, help="repeat the timing; figures are medians over runs")
    parser.add_argument("--phrases", type=Path, help="lexicon phrases for the mentions, one a line")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    vocabulary = sorted({_word(rng) for _ in range(3000)})
    book = _playbook(rng, args.rules, vocabulary)
    started = time.perf_counter()
    compiled = compile_playbook(book)
    compile_ms = (time.perf_counter() - started) * 1000
    lexicon = builtin_lexicon(book.brand.languages)
    phrases = [p for kind in (Kind.COMPLAINT, Kind.CHURN, Kind.PRAISE, Kind.COMPLAINT_SOFT) for p in lexicon[kind]]
    if args.phrases is not None:
        phrases = [line.strip() for line in args.phrases.read_text(encoding="utf-8").splitlines() if line.strip()]
    mentions = _mentions(rng, args.mentions, vocabulary, phrases)
    for mention in mentions[:1000]:  # warm-up
        evaluate(mention, compiled, NOW)
    keywords = sorted(
        {k.rstrip("*") for r in book.rules for k in [*r.match.any, *r.match.all]}
        | {fold(p) for kind in Kind for p in lexicon[kind]}
    )
    runs = []  # each run: the engine over every mention, then the naive loop, so both see the same machine load
    for _ in range(args.runs):
        samples = []
        for mention in mentions:
            start = time.perf_counter_ns()
            evaluate(mention, compiled, NOW)
            samples.append(time.perf_counter_ns() - start)
        runs.append({"engine": _percentiles(samples), "naive": _naive(mentions[: args.naive], keywords)})
    result = {
        "machine": f"{platform.machine()} {platform.processor() or ''} python {platform.python_version()}".strip(),
        "rules": len(book.rules),
        "phrases_compiled": compiled.matcher.phrases,
        "compile_ms": round(compile_ms, 1),
        "mentions": len(mentions),
        "phrases_from": str(args.phrases) if args.phrases is not None else "built-in lexicons",
        "runs": len(runs),
        "engine": _median_of(r["engine"] for r in runs),
        "naive": {"mentions": args.naive, "keywords": len(keywords)} | _median_of(r["naive"] for r in runs),
        "per_run": [{side: {k: round(v, 1) for k, v in run[side].items()} for side in run} for run in runs],
        "targets": {"median_us": 50, "p99_us": 250},
    }
    print(json.dumps(result, indent=2))
    out = Path(__file__).resolve().parent / "results" / "rules.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
