"""`hollywood-ai refresh [--tag T] [--json | --json-lines]`: fetch every
subscribed feed. SIGTERM stops it cleanly: what was read is stored and
remembered, the feeds not read yet are left for the next refresh."""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import signal
import sys
import threading
from collections.abc import Iterator
from typing import Any

from hollywood_ai.tui.cli.common import open_workspace
from hollywood_ai.tui.cli.output import emit_json, error, safe, warn


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("refresh", help="fetch the subscribed feeds and add their new articles")
    p.add_argument("--tag", help="only the feeds with this tag")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument(
        "--json-lines",
        action="store_true",
        help="print one JSON object a line: each feed as it is done, then the report "
        "(what the reader runs)",
    )
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
    tty = sys.stderr.isatty() and not (args.json or args.json_lines)
    stop = threading.Event()
    lines = _Lines(stop) if args.json_lines else None

    def progress(done: int, total: int, outcome: FeedOutcome | None, added: list[str]) -> None:
        if tty:
            print(f"\rrefreshing {done}/{total}", end="", file=sys.stderr, flush=True)
        if lines is not None:
            if added:
                ws.listing()  # kept beside the index: the reader lists from it
            feed = outcome.to_dict() if outcome else None
            lines.emit({"done": done, "total": total, "feed": feed, "added": added})

    allow = args.allow_private or private_feeds_allowed(ws.home)
    with _stopped_by_sigterm(stop):
        report = refresh(ws, tag=args.tag, progress=progress, allow_private=allow, stop=stop)
        # Still under the handler: a stop asked for now ends nothing half
        # told (the reader waits for this last line to say what was stored).
        if tty:
            print(file=sys.stderr)
        code = _tell(args, report)
        if lines is not None:
            lines.emit({"report": report.to_dict(), "followed_new": _followed_new(ws)})
    if report.stopped:
        # The fetches left running would be waited for at exit: what they
        # bring is not wanted, and nothing of theirs is written.
        for stream in (sys.stdout, sys.stderr):
            stream.flush()
        logging.shutdown()
        os._exit(code)
    return code


@contextlib.contextmanager
def _stopped_by_sigterm(stop: threading.Event) -> Iterator[None]:
    """SIGTERM sets ``stop`` meanwhile (from the main thread only, where
    signals are handled); the handler before is put back after."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    before = signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, before)


class _Lines:
    """JSON lines on stdout, flushed one by one. A reader that stopped
    reading (the reader quit) stops the refresh, as SIGTERM does."""

    def __init__(self, stop: threading.Event) -> None:
        self.stop = stop

    def emit(self, data: dict[str, Any]) -> None:
        if sys.stdout.closed:
            return
        try:
            sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
            sys.stdout.flush()
        except (BrokenPipeError, ValueError):
            self.stop.set()
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())


def _followed_new(ws: Any) -> list[dict[str, Any]]:
    """The followed stories that gained articles since they were last shown."""
    from hollywood_ai.index import followed_stories

    return [{"id": f.id, "label": f.label, "new": len(f.new)} for f in followed_stories(ws) if f.new]


def _tell(args: argparse.Namespace, report: Any) -> int:
    """The report: on stderr, failures and warnings; on stdout, JSON or a table."""
    for feed in report.feeds:
        if feed.status == "failed":
            error(feed.error or f"{feed.url} failed", feed.url)
        if feed.moved_to:
            warn(f"{feed.url} moved for good to {feed.moved_to}; the subscription follows it")
    for w in report.warnings:
        warn(f"{w['input']}: {w['warning']}", w["input"])
    if report.stopped:
        warn("the refresh was stopped: the feeds not read yet wait for the next refresh")
    if args.json_lines:
        return 0 if report.ok else 1
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
