"""Search latency, Whoosh (our engine) next to SQLite FTS5, same corpus, same
queries, same run.

For each query kind it reports the median and 95th percentile of:
  * hits: Whoosh's own evaluation of the query (parse, rank the top 20, exact
    total), without our fast path: the baseline we improved on;
  * full: our complete `search()` call, hits plus snippets of the 20 shown hits;
  * snippets: the part of `full` that makes the 20 hits' snippets;
  * cold: `full` with the per-word score tables dropped first, as when a word
    is typed for the first time;
  * fts5: FTS5 MATCH, bm25 ordering, snippet() for the top 20, plus count(*);
and the ratio full / fts5.

    python -m bench.bench_search --sizes 1000,10000 [--repeat 5] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from bench.corpus import GENERATOR_VERSION, QUERIES, generate
from bench.fts5 import Fts5

# Where the generated homes are kept between runs (HOLLYWOOD_BENCH_CACHE to move it).
CACHE = Path(os.environ.get("HOLLYWOOD_BENCH_CACHE", "/tmp/hollywood-ai-bench"))


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1))))
    return ordered[k]


def library_home(size: int, seed: int = 42, articles: list[Any] | None = None) -> Path:
    """The cached home holding ``size`` generated articles in its library
    (written once; the index is left to the caller)."""
    from hollywood_ai.index.workspace import Workspace

    home = CACHE / f"home-{size}-{seed}-v{GENERATOR_VERSION}"
    marker = home / ".bench-library"
    if marker.exists():
        return home
    if home.exists():
        shutil.rmtree(home)
    ws = Workspace(home)
    ws.ensure_home()
    (ws.home / ".seeded").write_text("1\n", encoding="utf-8")  # no bundled seeds here
    for article in articles if articles is not None else generate(size, seed):
        ws.library.put(article)
    marker.write_text(f"{size}\n", encoding="utf-8")
    return home


def home_for(size: int, seed: int = 42, fresh: bool = False) -> tuple[Path, float | None]:
    """A home with ``size`` generated articles, indexed (cached between runs,
    brought up to date when the schema changed), and the build time when it
    had to be built."""
    from hollywood_ai.index.workspace import Workspace

    if fresh:
        shutil.rmtree(CACHE / f"home-{size}-{seed}-v{GENERATOR_VERSION}", ignore_errors=True)
    home = library_home(size, seed)
    ws = Workspace(home)
    if ws.index.status() == "ok" and not ws.needs_sync():
        ws.close()
        return home, None
    start = time.perf_counter()
    ws.sync()
    ws.close()
    return home, time.perf_counter() - start


def time_call(fn: Any, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def run_size(size: int, repeat: int, seed: int = 42) -> dict[str, Any]:
    """Time search on ``size`` generated articles: each query kind, cold and
    warm, with and without snippets. One measurement after another, each timed
    where it runs: the script reads best in one piece."""
    from hollywood_ai.index.searching import queries as q
    from hollywood_ai.index.searching import results as search_module
    from hollywood_ai.index.searching.opened import tables
    from hollywood_ai.index.searching.results import search
    from hollywood_ai.index.searching.schema import ARTICLES
    from hollywood_ai.index.workspace import Workspace

    home, _ = home_for(size, seed)
    ws = Workspace(home)
    typed = set(QUERIES["typing"])

    def searched(text: str) -> Any:
        # The typing queries run as the reader's search box runs them: the
        # last, unfinished word also a prefix (queries.as_typed).
        return search(ws, text, typing=text in typed)
    ws.index.open()
    articles = generate(size, seed)
    fts = Fts5()
    fts.build(articles)
    searcher = ws.index.searcher(ARTICLES)

    def hits_only(text: str) -> None:
        with ws.index.lock:
            s = ws.index.searcher(ARTICLES)
            typing = text in typed
            results = s.search(q.parse(q.as_typed(text) if typing else text, s), limit=20)
            len(results)

    def snippets_of(text: str) -> Any:
        result = searched(text)
        terms = set(result.terms)
        with ws.index.lock:
            s = ws.index.searcher(ARTICLES)
            docnums = [s.document_number(id=h.id) for h in result.hits]

        def run() -> None:
            with ws.index.lock:
                search_module._snippets(ws, ws.index.searcher(ARTICLES), docnums, terms)

        return run

    def cold(text: str) -> None:
        # As when a word is typed for the first time: no cached word tables.
        with ws.index.lock:
            tables(ws.index.searcher(ARTICLES)).scores.clear()
        start = time.perf_counter()
        searched(text)
        cold_t.append((time.perf_counter() - start) * 1000)

    # Warm both engines (file cache, searcher, parser) on every query once.
    for kind_queries in QUERIES.values():
        for text in kind_queries:
            searched(text)
            fts.search(text)
    rows: dict[str, Any] = {}
    every: dict[str, list[float]] = {k: [] for k in ("hits", "full", "snip", "cold", "fts")}
    for kind, queries in QUERIES.items():
        hits_t: list[float] = []
        full_t: list[float] = []
        snip_t: list[float] = []
        cold_t: list[float] = []
        fts_t: list[float] = []
        for text in queries:
            hits_t += time_call(lambda t=text: hits_only(t), repeat)
            searched(text)  # warm again: the cold runs of the query before dropped its tables
            full_t += time_call(lambda t=text: searched(t), repeat)
            snip_t += time_call(snippets_of(text), repeat)
            for _ in range(repeat):
                cold(text)
            fts_t += time_call(lambda t=text: fts.search(t), repeat)
        for name, values in zip(every, (hits_t, full_t, snip_t, cold_t, fts_t), strict=True):
            every[name] += values
        rows[kind] = summary(hits_t, full_t, snip_t, cold_t, fts_t)
    rows["all"] = summary(*every.values())
    del searcher
    ws.close()
    return {"articles": size, "kinds": rows}


def summary(
    hits: list[float], full: list[float], snip: list[float], cold: list[float], fts: list[float]
) -> dict[str, float]:
    return {
        "hits_median_ms": round(statistics.median(hits), 2),
        "hits_p95_ms": round(percentile(hits, 95), 2),
        "full_median_ms": round(statistics.median(full), 2),
        "full_p95_ms": round(percentile(full, 95), 2),
        "snippets_median_ms": round(statistics.median(snip), 2),
        "snippets_p95_ms": round(percentile(snip, 95), 2),
        "cold_median_ms": round(statistics.median(cold), 2),
        "cold_p95_ms": round(percentile(cold, 95), 2),
        "fts5_median_ms": round(statistics.median(fts), 2),
        "fts5_p95_ms": round(percentile(fts, 95), 2),
        "ratio_median": round(statistics.median(full) / max(statistics.median(fts), 1e-6), 2),
    }


def markdown(results: list[dict[str, Any]]) -> str:
    lines = [
        "| articles | queries (median / p95, ms) | Whoosh alone, hits only | ours, hits + snippets | of which snippets | ours, first time typed (no cached tables) | FTS5, hits + snippet() | ours / FTS5 |",
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for result in results:
        for kind, r in result["kinds"].items():
            lines.append(
                f"| {result['articles']:,} | {kind} | {r['hits_median_ms']} / {r['hits_p95_ms']} | "
                f"{r['full_median_ms']} / {r['full_p95_ms']} | {r['snippets_median_ms']} / {r['snippets_p95_ms']} | "
                f"{r['cold_median_ms']} / {r['cold_p95_ms']} | {r['fts5_median_ms']} / {r['fts5_p95_ms']} | "
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
