"""`hollywood-ai facts`: the facts two or more sources of a story report."""

from __future__ import annotations

import argparse
import sys
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

from hollywood_ai.tui.cli.common import open_workspace
from hollywood_ai.tui.cli.output import emit_json, safe

if TYPE_CHECKING:
    from hollywood_ai.index import Article, Fact

DIFFERS = "◆"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "facts", help="the facts that two or more sources report, with who is silent"
    )
    p.add_argument("--story", metavar="ID", help="one story (see 'stories'); default: every story")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument(
        "--export",
        action="store_true",
        help="also write the facts matrix as Markdown, CSV and JSON to new numbered files "
        "in the home's exports folder",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    # Imported here so that starting the reader does not load every command's engine.
    from hollywood_ai.index import facts

    ws = open_workspace(args)
    found = facts(ws, story=args.story, every_story=True)
    articles = {a.id: a for a in ws.articles()}
    exported = _export(ws.home / "exports", found, articles, args.story) if args.export else []
    if args.json:
        for path in exported:
            print(f"Wrote the facts to {path}", file=sys.stderr)
        emit_json([f.to_dict() for f in found])
        return 0
    _print_facts(found, articles)
    for path in exported:
        print(f"Wrote the facts to {path}")
    return 0


def _export(
    folder: Path, found: list[Fact], articles: dict[str, Article], story: str | None
) -> list[Path]:
    from hollywood_ai.index import HollywoodError, export_facts

    try:
        return export_facts(folder, found, articles, f"facts-{story}" if story else "facts")
    except OSError as exc:
        raise HollywoodError(
            f"cannot write into {folder}: {exc.strerror}; "
            "free some space or check the folder's permissions"
        ) from None


def _print_facts(found: list[Fact], articles: dict[str, Article]) -> None:
    from hollywood_ai.index import source_labels

    # Each source named in full, as everywhere else.
    names = source_labels({a.id: (a.source_name, a.title) for a in articles.values()})

    def name(aid: str) -> str:
        return safe(names.get(aid, aid))

    if not found:
        print("No fact is reported by two or more sources of this story.")
        return
    story = None
    for n, f in enumerate(found, 1):
        if f.story != story:
            story = f.story
            print(
                f"{'' if n == 1 else chr(10)}Story {safe(f.story or '')}: {safe(f.story_label or '')}"
            )
        # The whole label, wrapped between words.
        print(
            textwrap.fill(
                safe(f.label),
                100,
                initial_indent=f"{n}. ",
                subsequent_indent=" " * (len(str(n)) + 2),
                break_long_words=False,
                break_on_hyphens=False,
            )
        )
        reporters = [f"{DIFFERS} {name(a)}" if a in f.differing else name(a) for a in f.sources]
        print(f"   reported by: {', '.join(reporters)}")
        if f.silent:
            print(f"   silent: {', '.join(name(a) for a in f.silent)}")
        for d in f.discrepancies:
            print(
                textwrap.fill(
                    safe(d.summary({a: name(a) for a in articles})),
                    100,
                    initial_indent="   ! ",
                    subsequent_indent="     ",
                )
            )
    if any(f.differing for f in found):
        print(f"\n{DIFFERS} marks a source whose figure, name or quote differs from the others'.")
