"""`hollywood-ai follow|unfollow STORY_ID` and `following`: followed stories."""

from __future__ import annotations

import argparse

from hollywood_ai.tui.cli.common import open_workspace
from hollywood_ai.tui.cli.output import emit_json, safe, table, warn


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("follow", help="follow a story: 'news' tells what changes in it")
    p.add_argument("story", metavar="STORY_ID", help="a story id (see 'hollywood-ai stories')")
    p.set_defaults(func=run_follow)
    p = sub.add_parser("unfollow", help="stop following a story")
    p.add_argument("story", metavar="STORY_ID")
    p.set_defaults(func=run_unfollow)
    p = sub.add_parser("following", help="the followed stories and how many new articles each has")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=run_following)


def run_follow(args: argparse.Namespace) -> int:
    from hollywood_ai.index import follow

    story, already = follow(open_workspace(args), args.story)
    state = "already followed" if already else "followed"
    print(f"{state} {story.id} “{safe(story.label)}” ({len(story.articles)} articles)")
    return 0


def run_unfollow(args: argparse.Namespace) -> int:
    from hollywood_ai.index import unfollow

    print(f"unfollowed {unfollow(open_workspace(args), args.story)}")
    return 0


def run_following(args: argparse.Namespace) -> int:
    from hollywood_ai.index import followed_stories

    found = followed_stories(open_workspace(args))
    if args.json:
        emit_json([f.to_dict() for f in found])
        return 0
    if not found:
        print("No followed stories; follow one with 'hollywood-ai follow STORY_ID'.")
        return 0
    for f in found:
        note = f.note()
        if note:
            warn(note)
    rows = [(f.id, len(f.articles), len(f.new), f.label) for f in found]
    print(table(rows, ["ID", "ARTICLES", "NEW", "STORY"]))
    return 0
