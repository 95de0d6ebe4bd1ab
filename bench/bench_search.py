"""Search latency, Whoosh (our engine) next to SQLite FTS5, same corpus, same
queries, same run.

For each query kind it reports the median and 95th percentile of:
  * hits: Whoosh's own evaluation of the query (parse, rank the top 20, exact
    total), without our fast path: the baseline we improved on;
  * full: our complete `search()` call, hits plus snippets of the 20 shown hits;
  * fts5: FTS5 MATCH, bm25 ordering, snippet() for the top 20, plus count(*);
and the ratio full / fts5.

    python -m bench.bench_search --sizes 1000,10000 [--repeat 5] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from bench.corpus import GENERATOR_VERSION, QUERIES, generate, write_home
from bench.fts5 import Fts5

CACHE = Path("/tmp/hollywood-ai-bench")


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1))))
    return ordered[k]


def home_for(size: int, seed: int = 42, fresh: bool = False) -> tuple[Path, float | None]:
    """A home with ``size`` generated articles (cached between runs), and the
    build time when it had to be built."""
    home = CACHE / f"home-{size}-{seed}-v{GENERATOR_VERSION}"
    if fresh and home.exists():
        import shutil

        shutil.rmtree(home)
    if (home / "index" / "CURRENT").exists():
        from hollywood_ai.index.workspace import Workspace

        ws = Workspace(home)
        if ws.index.status() != "ok":  # built by an older schema: bring it up to date
            start = time.perf_counter()
            ws.sync()
            ws.close()
            return home, time.perf_counter() - start
        return home, None
    start = time.perf_counter()
    write_home(home, size, seed)
    return home, time.perf_counter() - start


def time_call(fn: Any, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def run_size(size: int, repeat: int, seed: int = 42) -> dict[str, Any]:
    from hollywood_ai.index import query as q
    from hollywood_ai.index.search import search
    from hollywood_ai.index.searchindex import ARTICLES
    from hollywood_ai.index.workspace import Workspace

    home, _ = home_for(size, seed)
    ws = Workspace(home)
    ws.index.open()
    articles = generate(size, seed)
    fts = Fts5()
    fts.build(articles)
    searcher = ws.index.searcher(ARTICLES)

    def hits_only(text: str) -> None:
        with ws.index.lock:
            s = ws.index.searcher(ARTICLES)
            results = s.search(q.parse(text, s.schema), limit=20)
            len(results)

    # Warm both engines (file cache, searcher, parser) on every query once.
    for kind_queries in QUERIES.values():
        for text in kind_queries:
            search(ws, text)
            fts.search(text)
    rows: dict[str, Any] = {}
    all_full, all_fts, all_hits = [], [], []
    for kind, queries in QUERIES.items():
        hits_t, full_t, fts_t = [], [], []
        for text in queries:
            hits_t += time_call(lambda t=text: hits_only(t), repeat)
            full_t += time_call(lambda t=text: search(ws, t), repeat)
            fts_t += time_call(lambda t=text: fts.search(t), repeat)
        all_hits += hits_t
        all_full += full_t
        all_fts += fts_t
        rows[kind] = summary(hits_t, full_t, fts_t)
    rows["all"] = summary(all_hits, all_full, all_fts)
    del searcher
    ws.close()
    return {"articles": size, "kinds": rows}


def summary(hits: list[float], full: list[float], fts: list[float]) -> dict[str, float]:
    return {
        "hits_median_ms": round(statistics.median(hits), 2),
        "hits_p95_ms": round(percentile(hits, 95), 2),
        "full_median_ms": round(statistics.median(full), 2),
        "full_p95_ms": round(percentile(full, 95), 2),
        "fts5_median_ms": round(statistics.median(fts), 2),
        "fts5_p95_ms": round(percentile(fts, 95), 2),
        "ratio_median": round(statistics.median(full) / max(statistics.median(fts), 1e-6), 2),
    }


def markdown(results: list[dict[str, Any]]) -> str:
    lines = [
        "| articles | queries | Whoosh alone, hits only: median / p95 (ms) | ours, hits + snippets: median / p95 (ms) | FTS5, hits + snippet(): median / p95 (ms) | ours / FTS5 |",
        "| ---: | --- | ---: | ---: | ---: | ---: |",
    ]
    for result in results:
        for kind, r in result["kinds"].items():
            lines.append(
                f"| {result['articles']:,} | {kind} | {r['hits_median_ms']} / {r['hits_p95_ms']} | "
                f"{r['full_median_ms']} / {r['full_p95_ms']} | {r['fts5_median_ms']} / {r['fts5_p95_ms']} | "
                f"{r['ratio_median']}× |"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Search latency next to SQLite FTS5.")
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--json", type=Path, help="also write the figures as JSON here")
    args = parser.parse_args(argv)
    results = [run_size(int(s), args.repeat, args.seed) for s in args.sizes.split(",")]
    print(markdown(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
