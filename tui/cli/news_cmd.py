"""`hollywood-ai news`: what changed in each followed story since last shown."""

from __future__ import annotations

import argparse

from hollywood_ai.tui.cli.common import open_workspace
from hollywood_ai.tui.cli.output import emit_json, safe, warn


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "news", help="what changed in the followed stories since the last time it was shown"
    )
    p.add_argument("story", nargs="?", metavar="STORY_ID", help="only this followed story")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from hollywood_ai.index import news

    found = news(open_workspace(args), args.story)
    if args.json:
        emit_json([n.to_dict() for n in found])
        return 0
    if not found:
        print("No followed stories; follow one with 'hollywood-ai follow STORY_ID'.")
        return 0
    for item in found:
        if item.note:
            warn(item.note)
        print(f"{item.story}  {safe(item.label)}")
        if not item.changed:
            print("  nothing new since it was last shown")
            continue
        for s in item.new_sources:
            print(
                f"  new source   {safe(s['outlet'] or '?')}: {safe(s['title'] or s['id'])} [{s['id']}]"
            )
        for f in item.new_facts:
            print(f"  new fact     {safe(f['fact'])}")
        for d in item.new_differences:
            values = "; ".join(
                f"{safe(item.names.get(k, k))}: {safe(v)}" for k, v in d["values"].items()
            )
            print(f"  differs      {safe(d['fact'])} ({d['kind']}: {values})")
        for s in item.silent_on:
            print(f"  silent on    {safe(s['fact'])}")
    return 0
