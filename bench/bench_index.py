"""Indexing: a full build from the library, adding one article to a large
library, and the index's size on disk, each next to SQLite FTS5 doing the same
job on the same corpus in the same run.

    python -m bench.bench_index --sizes 1000,10000 [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from bench.corpus import generate
from bench.fts5 import Fts5


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def run_size(size: int, seed: int = 42, adds: int = 5) -> dict[str, Any]:
    from hollywood_ai.index.workspace import Workspace

    articles = generate(size, seed)
    extra = generate(size + adds, seed + 1)[-adds:]
    work = Path(tempfile.mkdtemp(prefix="hollywood-bench-index-"))
    try:
        ws = Workspace(work / "home")
        ws.ensure_home()
        (ws.home / ".seeded").write_text("1\n")
        for article in articles:
            ws.library.put(article)
        ws.invalidate()
        start = time.perf_counter()
        ws.sync(rebuild=True)
        whoosh_build = time.perf_counter() - start

        fts = Fts5(work / "fts.db")
        start = time.perf_counter()
        fts.build(articles)
        fts_build = time.perf_counter() - start

        # Adding one article to the large library: stored, then indexed.
        whoosh_add, fts_add = [], []
        for i, article in enumerate(extra):
            article = replace(article, id=f"{article.id[:8]}{i:04d}")
            start = time.perf_counter()
            ws.store([article])
            whoosh_add.append(time.perf_counter() - start)
            start = time.perf_counter()
            fts.add(article)
            fts_add.append(time.perf_counter() - start)
        index_bytes = dir_size(ws.home / "index")
        library_bytes = dir_size(ws.home / "library")
        fts_bytes = fts.size_bytes()
        ws.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return {
        "articles": size,
        "build_articles_per_s": round(size / whoosh_build, 1),
        "fts5_build_articles_per_s": round(size / fts_build, 1),
        "build_ratio": round(whoosh_build / fts_build, 1),
        "add_one_ms": round(statistics.median(whoosh_add) * 1000, 1),
        "fts5_add_one_ms": round(statistics.median(fts_add) * 1000, 2),
        "index_mib": round(index_bytes / 2**20, 1),
        "library_mib": round(library_bytes / 2**20, 1),
        "fts5_mib": round(fts_bytes / 2**20, 1),
    }


def markdown(rows: list[dict[str, Any]]) -> str:
    lines = [
        "| articles | build (articles/s) | FTS5 build (articles/s) | ratio | add one (ms) | FTS5 add one (ms) | index (MiB) | FTS5 (MiB) |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        lines.append(
            f"| {r['articles']:,} | {r['build_articles_per_s']} | {r['fts5_build_articles_per_s']} | "
            f"{r['build_ratio']}× slower | {r['add_one_ms']} | {r['fts5_add_one_ms']} | {r['index_mib']} | {r['fts5_mib']} |"
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
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
