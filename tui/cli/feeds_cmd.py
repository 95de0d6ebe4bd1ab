"""`hollywood-ai feeds add|list|remove|import|export`: feed subscriptions."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from hollywood_ai.index import HollywoodError, Workspace
from hollywood_ai.tui.cli.output import emit_json, error, safe, table


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("feeds", help="feed subscriptions: add, list, remove, import, export")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="subscribe to feeds (or pages that link their feed)")
    add.add_argument("urls", nargs="+", metavar="URL")
    add.add_argument("--tag", action="append", default=[], help="a tag for these feeds")
    add.set_defaults(func=run_add)
    listed = actions.add_parser("list", help="the subscribed feeds")
    listed.add_argument("--json", action="store_true", help="print JSON")
    listed.set_defaults(func=run_list)
    remove = actions.add_parser("remove", help="unsubscribe (the articles stay)")
    remove.add_argument("url", metavar="URL")
    remove.set_defaults(func=run_remove)
    imported = actions.add_parser("import", help="subscribe to the feeds of an OPML file")
    imported.add_argument("file", metavar="FILE.opml")
    imported.add_argument("--tag", action="append", default=[], help="a tag for these feeds")
    imported.set_defaults(func=run_import)
    exported = actions.add_parser("export", help="the subscriptions as OPML 2.0")
    exported.add_argument("file", nargs="?", metavar="FILE", help="write here (default: stdout)")
    exported.set_defaults(func=run_export)
    for action in (add, listed, remove, imported, exported):  # as after any command
        action.add_argument(
            "--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS
        )


def _tags(args: argparse.Namespace) -> list[str]:
    tags = [safe(t).strip() for t in args.tag]
    if any(not t for t in tags):
        raise HollywoodError("a --tag cannot be empty; give it a name, e.g. --tag studios")
    return list(dict.fromkeys(tags))


def run_add(args: argparse.Namespace) -> int:
    from hollywood_ai.index import Subscription, discover_feed, subscribe

    tags = _tags(args)
    found: list[Subscription] = []
    failed = 0
    for url in args.urls:
        try:
            feed, title = discover_feed(url)
        except HollywoodError as exc:
            error(str(exc), url)
            failed += 1
            continue
        found.append(Subscription(url=feed, title=title, tags=list(tags)))
        if feed != url:
            print(f"found      {safe(feed)}  (the feed {safe(url)} links)")
    added, there = subscribe(Workspace(args.home), found) if found else ([], [])
    for url in added:
        print(f"subscribed {safe(url)}")
    for url in there:
        print(f"already    {safe(url)} (tags joined)")
    if added:
        print("Run 'hollywood-ai refresh' to fetch their articles.")
    return 1 if failed else 0


def run_list(args: argparse.Namespace) -> int:
    from hollywood_ai.index import feed_listing

    rows = feed_listing(Workspace(args.home))
    if args.json:
        emit_json(rows)
        return 0
    if not rows:
        print("No subscribed feeds; add one with 'hollywood-ai feeds add URL'.")
        return 0
    shown = [
        (
            r["title"] or "(untitled)",
            r["url"],
            ",".join(r["tags"]),
            r["articles"],
            r["unread"],
            r["last_refresh"] or "never",
            r["last_error"] or "",
        )
        for r in rows
    ]
    print(table(shown, ["TITLE", "URL", "TAGS", "ARTICLES", "UNREAD", "REFRESHED", "ERROR"]))
    return 0


def run_remove(args: argparse.Namespace) -> int:
    from hollywood_ai.index import unsubscribe

    sub = unsubscribe(Workspace(args.home), args.url)
    print(f"unsubscribed {safe(sub.url)} (its {len(sub.article_ids())} articles stay)")
    return 0


def run_import(args: argparse.Namespace) -> int:
    from hollywood_ai.index import read_opml, subscribe

    tags = _tags(args)
    found = read_opml(Path(args.file).expanduser(), args.file)
    for sub in found:
        sub.tags += [t for t in tags if t not in sub.tags]
    added, there = subscribe(Workspace(args.home), found)
    print(
        f"{len(added)} feed{'s' if len(added) != 1 else ''} subscribed, {len(there)} already "
        f"there, from {safe(args.file)}; run 'hollywood-ai refresh' to fetch their articles."
    )
    return 0


def run_export(args: argparse.Namespace) -> int:
    from hollywood_ai.index import atomic_write, subscriptions, to_opml

    text = to_opml(subscriptions(Workspace(args.home)))
    if not args.file:
        sys.stdout.write(text)
        return 0
    path = Path(args.file).expanduser()
    try:
        atomic_write(path, text.encode("utf-8"))
    except OSError as exc:
        raise HollywoodError(
            f"cannot write {args.file} ({exc.strerror or exc}); choose another file"
        ) from None
    print(f"wrote the subscriptions to {safe(args.file)}")
    return 0
