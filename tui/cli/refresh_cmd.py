"""`hollywood-ai refresh [--tag T]`: fetch every subscribed feed."""

from __future__ import annotations

import argparse
import sys

from hollywood_ai.tui.cli.common import open_workspace
from hollywood_ai.tui.cli.output import emit_json, error, safe, warn


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("refresh", help="fetch the subscribed feeds and add their new articles")
    p.add_argument("--tag", help="only the feeds with this tag")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument(
        "--allow-private",
        action="store_true",
        help="also fetch entries' pages from private and local network addresses",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from hollywood_ai.index import FeedOutcome, refresh
    from hollywood_ai.tui.settings import private_feeds_allowed

    ws = open_workspace(args)
    tty = sys.stderr.isatty() and not args.json

    def progress(done: int, total: int, outcome: FeedOutcome, added: list[str]) -> None:
        if tty:
            print(f"\rrefreshing {done}/{total}", end="", file=sys.stderr, flush=True)

    allow = args.allow_private or private_feeds_allowed(ws.home)
    report = refresh(ws, tag=args.tag, progress=progress, allow_private=allow)
    if tty:
        print(file=sys.stderr)
    for feed in report.feeds:
        if feed.status == "failed":
            error(feed.error or f"{feed.url} failed", feed.url)
        if feed.moved_to:
            warn(f"{feed.url} moved for good to {feed.moved_to}; the subscription follows it")
    for w in report.warnings:
        warn(f"{w['input']}: {w['warning']}", w["input"])
    if args.json:
        emit_json(report.to_dict())
        return 0 if report.ok else 1
    for feed in report.feeds:
        status = {"ok": f"{feed.new} new", "not-modified": "not modified"}.get(
            feed.status, "failed"
        )
        print(f"{status:<13} {safe(feed.moved_to or feed.url)}")
    failed = sum(1 for f in report.feeds if f.status == "failed")
    print(
        f"{len(report.added)} new article{'s' if len(report.added) != 1 else ''} from "
        f"{len(report.feeds)} feed{'s' if len(report.feeds) != 1 else ''}, {failed} failed."
    )
    return 0 if report.ok else 1
