"""`hollywood-ai list`: the articles in the library."""

from __future__ import annotations

import argparse

from hollywood_ai.tui.cli.common import open_workspace
from hollywood_ai.tui.cli.output import emit_json, table

OUTLET_WIDTH = 40  # a longer source name is cut, so that the titles keep their room


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("list", help="list the articles in the library")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument(
        "--sort", choices=["date", "title"], default="date", help="order (default: date)"
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    ws = open_workspace(args)
    articles = ws.articles()
    if args.sort == "title":
        articles.sort(key=lambda a: a.title.casefold())
    if args.json:
        emit_json([a.summary() for a in articles])
        return 0
    rows = [
        (a.id, a.published or "", _cut(a.source_name, OUTLET_WIDTH), a.title) for a in articles
    ]
    print(table(rows, ["ID", "DATE", "SOURCE", "TITLE"]))
    print(f"\n{len(articles)} article{'s' if len(articles) != 1 else ''} in {ws.home}")
    return 0
