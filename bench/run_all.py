"""Run every benchmark in bench/ in turn (`make bench`): each `bench/<name>.py` that does not start with `_`.

    .venv/bin/python bench/run_all.py [NAME ...]

Each benchmark is its own process with its default options (they are also runnable alone, with flags; see
their `--help`). Figures go to stdout and, as JSON, to bench/results/. Exits non-zero if any benchmark failed.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def benchmarks() -> list[Path]:
    return sorted(p for p in HERE.glob("*.py") if not p.name.startswith("_") and p.name != "run_all.py")


def main(argv: list[str]) -> int:
    chosen = [p for p in benchmarks() if not argv or p.stem in argv]
    unknown = set(argv) - {p.stem for p in chosen}
    if unknown:
        print(f"no such benchmark: {', '.join(sorted(unknown))}", file=sys.stderr)
        return 2
    failed: list[str] = []
    for path in chosen:
        print(f"=== {path.stem} ===", flush=True)
        started = time.monotonic()
        code = subprocess.call([sys.executable, str(path)])
        print(f"=== {path.stem}: {'ok' if code == 0 else f'exit {code}'} in {time.monotonic() - started:.0f} s ===\n")
        if code != 0:
            failed.append(path.stem)
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
