"""`hollywood-ai show ID`: one article."""

from __future__ import annotations

import argparse

from hollywood_ai.tui.cli.common import open_workspace
from hollywood_ai.tui.cli.output import emit_json, safe


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("show", help="show one article (its id or a unique prefix of it)")
    p.add_argument("id", help="article id, as given by 'list'")
    p.add_argument("--json", action="store_true", help="print JSON, with the body")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    ws = open_workspace(args)
    article = ws.get(args.id)
    if args.json:
        data = article.summary()
        data["body"] = article.body
        emit_json(data)
        return 0
    print(safe(article.title))
    print("=" * min(len(article.title), 80))
    meta = [
        ("Source", article.source_name),
        ("Via URL", article.via_url),
        ("Author", article.author),
        ("Published", article.published),
        ("URL", article.url),
        ("Tags", ", ".join(article.tags)),
        ("Origin", article.origin),
        ("ID", article.id),
    ]
    for key, value in meta:
        if value:
            print(f"{key + ':':<11}{safe(value)}")
    print()
    print(safe(article.body).rstrip())
    return 0
