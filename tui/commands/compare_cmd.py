"""`hollywood-ai compare TEXT`: how each source of a story reports one fact."""

from __future__ import annotations

import argparse
import textwrap
from pathlib import Path

from hollywood_ai.index.errors import HollywoodError
from hollywood_ai.tui.commands.common import open_workspace
from hollywood_ai.tui.commands.output import emit_json, safe


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "compare", help="compare how each source reports a fact or answers a question"
    )
    p.add_argument(
        "text",
        nargs="+",
        help='a claim or a question, e.g. "how much faster was the effects shot?"',
    )
    p.add_argument(
        "--story",
        metavar="ID",
        help="the story to compare in (see 'stories'); default: the best match",
    )
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument(
        "--markdown",
        metavar="FILE",
        type=Path,
        help="also write the comparison as Markdown to FILE",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    # Imported here so that starting the reader does not load every command's engine.
    from hollywood_ai.index.compare import compare, to_markdown
    from hollywood_ai.index.quotes import render_diff
    from hollywood_ai.index.search import marked

    ws = open_workspace(args)
    text = safe(" ".join(args.text)).strip()
    if not text:
        raise HollywoodError("there is nothing to compare; give a claim or a question")
    result = compare(ws, text, story=args.story)
    if args.markdown:
        try:
            args.markdown.write_text(to_markdown(result), encoding="utf-8")
        except OSError as exc:
            raise HollywoodError(
                f"cannot write {args.markdown}: {exc.strerror}; choose another file"
            ) from None
    if args.json:
        emit_json(result.to_dict())
        return 0
    label = result.labels()
    reporting = [s for s in result.sources if s.reports]
    print(
        f"{safe(text)!r}: reported by {len(reporting)} of {len(result.sources)} sources"
        + (f" in the story “{safe(result.story.label)}”" if result.story else "")
    )
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
    for s in result.sources:
        head = f"{safe(s.outlet or 'Unknown outlet')} — {safe(s.title)}  [{s.id}]"
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
    if args.markdown:
        print(f"\nWrote the comparison to {args.markdown}")
    return 0
