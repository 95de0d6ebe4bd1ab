"""Indexing: a full build from the library (`hollywood-ai index --rebuild`, its
time and peak memory), adding one article to a large library, and the index's
size on disk, each next to SQLite FTS5 doing the same job on the same corpus in
the same run. The home it builds is the one the other benchmarks then use.

    python -m bench.bench_index --sizes 1000,10000 [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from bench import index_size
from bench.corpus import generate
from bench.fts5 import Fts5


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def timed_rebuild(home: Path) -> tuple[float, float]:
    """Wall time (s) and peak memory (MiB: the rebuild's processes together,
    sampled every 50 ms) of ``hollywood-ai --home HOME index --rebuild``:
    what a person runs."""
    from bench.startup import reader_command

    cmd = [*reader_command(home), "index", "--rebuild", "--json"]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, tree_rss_kib(proc.pid))
        time.sleep(0.05)
    elapsed = time.perf_counter() - start
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    if proc.returncode != 0:
        raise RuntimeError(f"index --rebuild failed: {err[-500:]}")
    return elapsed, peak / 1024


def tree_rss_kib(root: int) -> int:
    """Resident memory of a process and all its descendants, from /proc."""
    parent_of: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent_of[int(stat.parent.name)] = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
    tree = {root}
    grown = True
    while grown:
        found = {pid for pid, parent in parent_of.items() if parent in tree} - tree
        tree |= found
        grown = bool(found)
    total = 0
    for pid in tree:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total


def run_size(size: int, seed: int = 42, adds: int = 5) -> dict[str, Any]:
    """Build the index of ``size`` generated articles with the real command, in
    the cached home the search, compare and start-up benchmarks then use (one
    build per size and run), next to FTS5 building the same articles."""
    from hollywood_ai.index.workspace import Workspace

    from bench.bench_search import library_home

    articles = generate(size, seed)
    extra = generate(size + adds, seed + 1)[-adds:]
    home = library_home(size, seed, articles)
    whoosh_build, peak_mib = timed_rebuild(home)

    work = Path(tempfile.mkdtemp(prefix="hollywood-bench-index-"))
    try:
        fts = Fts5(work / "fts.db")
        start = time.perf_counter()
        fts.build(articles)
        fts_build = time.perf_counter() - start

        # Adding one article to the large library: stored, then indexed; taken
        # out again afterwards so the home keeps exactly ``size`` articles.
        ws = Workspace(home)
        ws.index.open()
        whoosh_add, fts_add = [], []
        added = []
        for i, article in enumerate(extra):
            article = replace(article, id=f"{article.id[:8]}{i:04d}")
            start = time.perf_counter()
            ws.store([article])
            whoosh_add.append(time.perf_counter() - start)
            added.append(article.id)
            start = time.perf_counter()
            fts.add(article)
            fts_add.append(time.perf_counter() - start)
        for article_id in added:
            ws.remove(article_id)
        ws.close()
        generation = home / "index" / (home / "index" / "CURRENT").read_text().strip()
        index_bytes = dir_size(generation)
        parts = index_size.breakdown(generation)
        library_bytes = dir_size(home / "library")
        fts_bytes = fts.size_bytes()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return {
        "articles": size,
        "build_s": round(whoosh_build, 1),
        "build_articles_per_s": round(size / whoosh_build, 1),
        "fts5_build_articles_per_s": round(size / fts_build, 1),
        "build_ratio": round(whoosh_build / fts_build, 1),
        "build_peak_rss_mib": round(peak_mib, 1),
        "add_one_ms": round(statistics.median(whoosh_add) * 1000, 1),
        "fts5_add_one_ms": round(statistics.median(fts_add) * 1000, 2),
        "index_mib": round(index_bytes / 2**20, 1),
        "library_mib": round(library_bytes / 2**20, 1),
        "fts5_mib": round(fts_bytes / 2**20, 1),
        "fts5_bytes": fts_bytes,
        "size_breakdown": parts,
    }


def markdown(rows: list[dict[str, Any]]) -> str:
    lines = [
        "| articles | build (articles/s) | FTS5 build (articles/s) | ratio | build peak RSS (MiB) | add one (ms) | FTS5 add one (ms) | index (MiB) | FTS5 (MiB) |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        lines.append(
            f"| {r['articles']:,} | {r['build_articles_per_s']} | {r['fts5_build_articles_per_s']} | "
            f"{r['build_ratio']}× slower | {r['build_peak_rss_mib']} | {r['add_one_ms']} | {r['fts5_add_one_ms']} | {r['index_mib']} | {r['fts5_mib']} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Index build, add-one and size, next to FTS5.")
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    rows = [run_size(int(s), args.seed) for s in args.sizes.split(",")]
    print(markdown(rows))
    for r in rows:
        print("\n" + index_size.markdown(r["size_breakdown"], r["fts5_bytes"], r["articles"]))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
