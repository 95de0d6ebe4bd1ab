"""`hollywood-ai remove ID`: take an article out of the library."""

from __future__ import annotations

import argparse

from hollywood_ai.tui.cli.common import open_workspace
from hollywood_ai.tui.cli.output import emit_json, safe


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("remove", help="remove an article from the library ('add' brings it back)")
    p.add_argument("id", help="article id (or a unique prefix), as given by 'list'")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    ws = open_workspace(args)
    article = ws.remove(args.id)
    if args.json:
        emit_json({"removed": {"id": article.id, "title": article.title, "origin": article.origin}})
    else:
        print(f"removed    {article.id}  {safe(article.title)}")
    return 0
