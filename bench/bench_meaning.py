"""What the meaning model costs: resident memory added by loading it, the
time to load it, and the time to embed passages.

    python -m bench.bench_meaning [--passages N]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path


def resident_mib() -> float:
    """This process's resident set size (Linux /proc)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def run(passages: int = 2000) -> dict[str, float]:
    import hollywood_ai.index.comparing.comparison  # noqa: F401  (the engine, as the reader has it)
    from hollywood_ai.index.comparing.meaning import Meaning

    before = resident_mib()
    meaning = Meaning()
    t0 = time.perf_counter()
    meaning.embed(["warm up"])
    load = time.perf_counter() - t0
    after = resident_mib()
    texts = [
        f"Passage {i}: the studio said its effects team finished the sequence faster."
        for i in range(passages)
    ]
    t0 = time.perf_counter()
    meaning.embed(texts)
    per = (time.perf_counter() - t0) / passages
    return {
        "resident_before_mib": round(before, 1),
        "resident_after_mib": round(after, 1),
        "added_mib": round(after - before, 1),
        "load_s": round(load, 3),
        "embed_ms_per_passage": round(per * 1000, 4),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passages", type=int, default=2000)
    args = parser.parse_args(argv)
    print(json.dumps(run(args.passages), indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
