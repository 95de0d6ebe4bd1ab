"""Every benchmark, at several library sizes, in one run: Markdown and JSON.

    python -m bench.run [--sizes 1000,10000,50000] [--with-100k] [--json bench/results/run.json]

Each figure is the median of repeated runs, next to SQLite FTS5 doing the same
job on the same corpus in the same run where FTS5 has an equivalent (index
build, adding one article, search, size on disk). Reader start-up is measured
in a real terminal (tmux) next to a minimal Textual app. The corpus comes from
bench/corpus.py (deterministic: same sizes, same articles).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import time
from pathlib import Path
from typing import Any

#: The largest size measured, only when asked for (``--with-100k``).
HUGE = 100_000


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kib / 2**20:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    return f"{cpu}, {os.cpu_count()} cores{mem}, Python {platform.python_version()}, {platform.system()}"


def main(argv: list[str] | None = None) -> int:
    """Run every benchmark and print (or write) the report. Options, then each
    benchmark in turn: one script, read top to bottom."""
    from bench import bench_compare, bench_index, bench_search, index_size, startup

    parser = argparse.ArgumentParser(description="Run every benchmark.")
    parser.add_argument("--sizes", default="1000,10000,50000")
    parser.add_argument(
        "--with-100k",
        action="store_true",
        help="also measure 100,000 articles (opt-in: an hour or more, several GiB of disk)",
    )
    parser.add_argument(
        "--huge-size",
        type=int,
        default=HUGE,
        help="the size --with-100k adds (smaller to try the opt-in run quickly)",
    )
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", type=Path)
    parser.add_argument(
        "--skip-startup", action="store_true", help="skip the tmux start-up measurement"
    )
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    if args.with_100k and args.huge_size not in sizes:
        sizes.append(args.huge_size)
    started = time.time()
    result: dict[str, Any] = {"machine": machine(), "sizes": sizes}
    print(f"# hollywood-ai benchmarks\n\nMachine: {result['machine']}\n", flush=True)

    result["index"] = [bench_index.run_size(n) for n in sizes]
    print(
        "## Index: build (`index --rebuild`), add one, size\n\n"
        + bench_index.markdown(result["index"])
        + "\n",
        flush=True,
    )
    for row in result["index"]:
        print(
            "### Where the index's size goes\n\n"
            + index_size.markdown(row["size_breakdown"], row["fts5_bytes"], row["articles"])
            + "\n",
            flush=True,
        )

    result["search"] = [bench_search.run_size(n, args.repeat) for n in sizes]
    print("## Search, top 20\n\n" + bench_search.markdown(result["search"]) + "\n", flush=True)

    result["compare"] = [bench_compare.run_size(n) for n in sizes]
    print(
        "## Compare and facts on one story\n\n" + bench_compare.markdown(result["compare"]) + "\n",
        flush=True,
    )
    print(
        "## Compare in one story and in the whole library (`--all`), beside FTS5\n\n"
        + bench_compare.markdown_scopes(result["compare"])
        + "\n",
        flush=True,
    )

    if not args.skip_startup and shutil.which("tmux"):
        import tempfile

        rows = []
        with tempfile.TemporaryDirectory() as tmp:
            seeds_home = Path(tmp) / "seeds"
            from hollywood_ai.index.workspace import Workspace

            Workspace(seeds_home).open()
            rows.append({"library": "the 5 seeds", **startup.measure(seeds_home, runs=args.repeat)})
            for big in (n for n in sizes if n >= 10000):
                home, _ = bench_search.home_for(big)
                rows.append(
                    {"library": f"{big:,} articles", **startup.measure(home, runs=args.repeat)}
                )
                deep = startup.measure_remembering(home, 0.9, runs=args.repeat)
                rows.append({"library": f"{big:,}, row {deep['remembered_row']:,} kept", **deep})
        result["startup"] = rows
        lines = [
            "| library | list on screen (ms) | minimal Textual app (ms) | ratio | reader peak RSS (MiB) |",
            "| --- | ---: | ---: | ---: | ---: |",
        ]
        for r in rows:
            lines.append(
                f"| {r['library']} | {r['reader_startup_ms']} | {r['minimal_app_startup_ms']} | {r['ratio']}× | "
                f"{r['reader_peak_rss_mib']} |"
            )
        print("## Reader start-up and memory\n\n" + "\n".join(lines) + "\n", flush=True)
    result["seconds"] = round(time.time() - started)
    print(f"Ran in {result['seconds']} s.")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
