"""`hollywood-ai search QUERY`: ranked hits with snippets."""

from __future__ import annotations

import argparse
import textwrap

from hollywood_ai.tui.cli.common import open_workspace
from hollywood_ai.tui.cli.output import emit_json, safe, warn


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("search", help="search the library (Whoosh query language)")
    p.add_argument("query", nargs="+", help='words, "phrases", AND/OR/NOT, field:value, feed:URL, prefix*')
    p.add_argument("--limit", type=int, default=20, help="how many hits (default 20)")
    p.add_argument("--sort", choices=["relevance", "date"], default="relevance")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    # Imported here so that starting the reader does not load every command's engine.
    from hollywood_ai.index import HollywoodError, feed_search, marked, search, source_name

    if args.limit < 1:
        raise HollywoodError(
            f"--limit {args.limit} asks for no hits; give a number of hits of 1 or more"
        )
    ws = open_workspace(args)
    query = safe(" ".join(args.query))
    find = feed_search if "feed:" in query else search  # feed:URL: one feed's articles
    result = find(ws, query, limit=args.limit, sort=args.sort)
    if result.note:
        warn(result.note)
    query = result.query
    if args.json:
        emit_json(result.to_dict())
        return 0
    if result.suggestion:
        print(f"Did you mean: {safe(result.suggestion)}")
    if not result.hits:
        print(f"No articles match {safe(query)!r}.")
        return 0
    shown = len(result.hits)
    print(
        f"{result.total} {'article matches' if result.total == 1 else 'articles match'} "
        f"{safe(query)!r}"
        + (f" (showing {shown})" if shown < result.total else "")
    )
    for n, hit in enumerate(result.hits, 1):
        print()
        line = f"{n}. {safe(hit.title)}"
        extra = ", ".join(x for x in (source_name(hit.outlet, hit.via), hit.published) if x)
        print(line + (f" ({safe(extra)})" if extra else "") + f"  [{hit.id}]")
        body = safe(marked(hit.snippet, hit.spans))
        print(textwrap.indent(textwrap.fill(body, 88), "   "))
    return 0
