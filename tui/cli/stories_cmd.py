"""`hollywood-ai stories`: the articles grouped by the event they report."""

from __future__ import annotations

import argparse

from hollywood_ai.tui.cli.common import open_workspace
from hollywood_ai.tui.cli.output import emit_json, safe, table


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "stories", help="the articles grouped into stories (articles about one event)"
    )
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    # Imported here so that starting the reader does not load every command's engine.
    from hollywood_ai.index import grouped

    ws = open_workspace(args)
    _, found = grouped(ws)
    if args.json:
        emit_json([s.to_dict() for s in found])
        return 0
    rows = [(s.id, len(s.articles), s.label) for s in found]
    print(table(rows, ["ID", "ARTICLES", "STORY"]))
    print(
        f"\n{len(found)} stor{'ies' if len(found) != 1 else 'y'}; compare within one with "
        f"'hollywood-ai compare TEXT --story {safe(found[0].id) if found else 'ID'}'"
    )
    return 0
