"""`hollywood-ai index [--rebuild]`: bring the index up to date."""

from __future__ import annotations

import argparse
import sys

from hollywood_ai.index import HollywoodError, Workspace, memory_budget, parse_memory
from hollywood_ai.tui.cli.output import emit_json, error
from hollywood_ai.tui.settings import Settings


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("index", help="update the search index from the library")
    p.add_argument(
        "--rebuild",
        action="store_true",
        help="rebuild it from scratch (built aside, then swapped in)",
    )
    p.add_argument(
        "--memory",
        metavar="SIZE",
        help="with --rebuild: the memory the build may take, all its processes together "
        "(e.g. 64MiB, 1GiB; default $HOLLYWOOD_AI_INDEX_MEMORY, else the setting "
        "index_memory, else 512MiB)",
    )
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    memory = parse_memory(args.memory) if args.memory is not None else None
    if memory is not None and not args.rebuild:
        raise HollywoodError(
            "--memory is for a rebuild; run 'hollywood-ai index --rebuild --memory SIZE'"
        )
    ws = Workspace(args.home)
    ws.index_memory = Settings.load(ws.home).index_memory
    if args.rebuild:
        memory_budget(memory, ws.index_memory)  # a bad setting said before anything is done
    ws.seed_if_empty()

    def progress(done: int, total: int) -> None:
        if sys.stderr.isatty() and not args.json:
            print(f"\rindexing {done}/{total}", end="", file=sys.stderr, flush=True)

    report = ws.sync(progress, rebuild=args.rebuild, memory=memory)
    if sys.stderr.isatty() and not args.json and report.changed:
        print(file=sys.stderr)
    for name in ws.damaged:
        error(f"skipped the damaged library file {name}; remove it or add the article again")
    count = ws.index.doc_count()
    if args.json:
        data = report.to_dict()
        data["articles"] = count
        data["damaged"] = ws.damaged
        emit_json(data)
        return 0
    if report.rebuilt:
        print(f"Rebuilt the index: {count} articles ({report.reason}).")
    elif report.changed:
        print(
            f"Updated the index: {len(report.added)} added, {len(report.updated)} updated, "
            f"{len(report.removed)} removed; {count} articles."
        )
    else:
        print(f"The index is up to date: {count} articles.")
    return 0
