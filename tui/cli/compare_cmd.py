"""`hollywood-ai compare TEXT`: how each source of a story reports one fact."""

from __future__ import annotations

import argparse
import sys
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

from hollywood_ai.index import HollywoodError
from hollywood_ai.tui.cli.common import open_workspace
from hollywood_ai.tui.cli.output import emit_json, safe

if TYPE_CHECKING:
    from hollywood_ai.index import Comparison, Scope


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "compare", help="compare how each source reports a fact or answers a question"
    )
    p.add_argument(
        "text",
        nargs="+",
        help='a claim or a question, e.g. "how much faster was the effects shot?"',
    )
    where = p.add_mutually_exclusive_group()
    where.add_argument(
        "--story",
        metavar="ID",
        help="the story to compare in (see 'stories'); default: the best match",
    )
    where.add_argument(
        "--all",
        action="store_true",
        help="compare in the whole library: the articles whose words best match are read, "
        "the others counted as not reporting it",
    )
    where.add_argument(
        "--among",
        metavar="QUERY",
        help="compare in the articles a search finds (the search's query language)",
    )
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument(
        "--markdown",
        metavar="FILE",
        type=Path,
        help="also write the comparison as Markdown to FILE",
    )
    p.add_argument(
        "--export",
        action="store_true",
        help="also write it as Markdown to a new numbered file in the home's exports folder",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    # Imported here so that starting the reader does not load every command's engine.
    from hollywood_ai.index import compare, export_comparison, to_markdown

    text = safe(" ".join(args.text)).strip()
    if not text:
        raise HollywoodError("there is nothing to compare; give a claim or a question")
    scope = _scope(args)
    ws = open_workspace(args)
    result = compare(ws, text, scope=scope)
    articles = {a.id: a for a in ws.articles()} if args.markdown or args.export else {}
    exported = None
    if args.export:
        try:
            exported = export_comparison(ws.home / "exports", result, articles)
        except OSError as exc:
            raise HollywoodError(
                f"cannot write into {ws.home / 'exports'}: {exc.strerror}; "
                "free some space or check the folder's permissions"
            ) from None
    if args.markdown:
        try:
            args.markdown.write_text(to_markdown(result, articles), encoding="utf-8")
        except OSError as exc:
            raise HollywoodError(
                f"cannot write {args.markdown}: {exc.strerror}; choose another file"
            ) from None
    if args.json:
        if exported:
            print(f"Wrote the comparison to {exported}", file=sys.stderr)
        emit_json(result.to_dict())
        return 0
    _print_summary(text, result)
    _print_sources(result)
    if args.markdown:
        print(f"\nWrote the comparison to {args.markdown}")
    if exported:
        print(f"Wrote the comparison to {exported}")
    return 0


def _scope(args: argparse.Namespace) -> Scope:
    """Where to compare: the whole library, a search's articles, or a story."""
    from hollywood_ai.index import Scope

    if args.among is not None and not safe(args.among).strip():
        raise HollywoodError("--among needs a search, e.g. --among pixar; it was given nothing")
    if args.all:
        return Scope.library()
    if args.among is not None:
        return Scope.among(args.among)
    return Scope.of_story(args.story)


def _print_summary(text: str, result: Comparison) -> None:
    """Who reports it, where, and what differs between them."""
    from hollywood_ai.index import render_diff, scope_note

    label = result.labels()
    reporting = [s for s in result.sources if s.reports]
    where = result.scope.description if result.scope else ""
    print(
        f"{safe(text)!r}: reported by {len(reporting)} of {len(result.sources):,} sources"
        + (f" in {safe(where)}" if where else "")
    )
    note = scope_note(result.scope)
    if note:
        print(textwrap.fill(f"({note})", 100, subsequent_indent=" "))
    if result.discrepancies:
        print("\nWhat differs:")
    for d in result.discrepancies:
        print(
            textwrap.fill(
                safe(d.summary(label)), 100, initial_indent="  ! ", subsequent_indent="    "
            )
        )
        if d.diff:
            print(
                textwrap.fill(
                    safe(render_diff(d.diff)),
                    100,
                    initial_indent="    diff: ",
                    subsequent_indent="          ",
                )
            )


def _print_sources(result: Comparison) -> None:
    """Each source with its passages; in a large scope the silent ones on one line."""
    from hollywood_ai.index import many_silent, marked, silent_line

    many = many_silent(result)
    for s in result.sources:
        if many and not s.reports:
            continue  # listed together below
        head = f"{safe(s.name)} — {safe(s.title)}  [{s.id}]"
        print(f"\n{head}")
        if not s.reports:
            print("    not reported")
            continue
        for p in s.passages:
            print(
                textwrap.fill(
                    safe(marked(p.text, p.spans)),
                    96,
                    initial_indent="    • ",
                    subsequent_indent="      ",
                )
            )
    if many:
        print()
        print(textwrap.fill(safe(silent_line(result)), 100, subsequent_indent="    "))
