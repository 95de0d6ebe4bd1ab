"""`hollywood-ai add PATH|URL|- ...`: bring your own articles."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from hollywood_ai.tui.cli.common import open_workspace
from hollywood_ai.tui.cli.output import emit_json, error, safe, warn

if TYPE_CHECKING:
    from hollywood_ai.index import AddReport


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "add",
        help="add articles: .md .txt .html files, folders, web page or feed URLs, - for standard input",
    )
    p.add_argument("inputs", nargs="+", metavar="PATH|URL|-", help="what to add")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument(
        "--allow-private",
        action="store_true",
        help="also fetch a feed's pages from private and local network addresses",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    # Imported here so that starting the reader does not load every command's engine.
    from hollywood_ai.index import MAX_FILE_BYTES, add

    ws = open_workspace(args)
    # One byte past the cap is enough to refuse: never wait for the end of an endless stream.
    stdin = sys.stdin.buffer.read(MAX_FILE_BYTES + 1) if "-" in args.inputs else None

    def progress(done: int, total: int, item: str) -> None:
        if sys.stderr.isatty() and not args.json and total > 1:
            print(f"\radding {done}/{total}", end="", file=sys.stderr, flush=True)

    from hollywood_ai.tui.settings import private_feeds_allowed

    allow = args.allow_private or private_feeds_allowed(ws.home)
    try:
        report = add(ws, args.inputs, progress=progress, stdin=stdin, allow_private=allow)
    except KeyboardInterrupt as exc:
        stopped = getattr(exc, "report", None)  # stopped while storing: some may be stored
        if stopped is None:
            raise
        if sys.stderr.isatty():
            print(file=sys.stderr)
        show(args, stopped)
        error(
            f"interrupted after storing {len(stopped.added)} of the {getattr(exc, 'wanted', '?')} new articles "
            "(listed as added); the others were not stored: run the same add again for them"
        )
        return 130
    if sys.stderr.isatty() and not args.json and len(args.inputs) > 1:
        print(file=sys.stderr)
    return show(args, report)


def show(args: argparse.Namespace, report: AddReport) -> int:
    """Print what was added, found already there, skipped and failed."""
    for failure in report.failed:
        error(failure["error"], failure["input"])
    for w in report.warnings:
        warn(f"{w['input']}: {w['warning']}", w["input"])
    if args.json:
        emit_json(report.to_dict())
    else:
        for item in report.added:
            print(f"added      {item['id']}  {safe(item['title'])}  ({safe(item['origin'])})")
        for item in report.duplicates:
            print(f"duplicate  {item['id']}  ({safe(item['origin'])}) is already in the library")
        for item in report.skipped:
            print(f"skipped    {safe(item['input'])}  ({safe(item['reason'])})")
        skipped = f", {len(report.skipped)} skipped" if report.skipped else ""
        print(
            f"{len(report.added)} added, {len(report.duplicates)} already there, "
            f"{len(report.failed)} failed{skipped}."
        )
    return 0 if report.ok else 1
