"""What the compare screen draws around the sources (see compare_sources):
its keys, the band of what differs, the status line, the scope in the
question's border, and the Markdown export."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from hollywood_ai.index import (
    CANDIDATES,
    Article,
    Comparison,
    Discrepancy,
    export_comparison,
    strip_controls,
)
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Input, Static


def discrepancy_content(d: Discrepancy, label: dict[str, str]) -> Content:
    kinds = {"number": "Figures", "name": "Names", "quote": "Quote"}
    head = kinds[d.kind]
    if d.only_source:
        head = "Only one source"
    parts: list[Content | tuple[str, str]] = [
        (f" {head} ", "bold reverse $text-warning"),
        Content(" "),
    ]
    if d.speaker:
        parts.append((strip_controls(d.speaker) + ": ", "bold"))
    if d.kind == "quote" and d.diff:
        for op, words in d.diff:
            words = strip_controls(words)
            if op == "=":
                parts.append(Content(words + " "))
            elif op == "-":
                parts.append((words, "strike $text-error"))
                parts.append(Content(" "))
            else:
                parts.append((words, "underline $text-success"))
                parts.append(Content(" "))
        names = " vs ".join(label.get(a, a) for a in d.values)
        parts.append(
            (f"  ({strip_controls(names)}: struck = first only, underlined = second only)", "dim")
        )
    else:
        items = [f"{label.get(aid, aid)}: {value}" for aid, value in d.values.items()]
        parts.append(Content(strip_controls(" · ".join(items))))
        if d.detail:
            parts.append((f"  ({strip_controls(d.detail)})", "dim"))
    return Content.assemble(*parts)


#: The scopes ``s`` goes through, in order: the search's results only when
#: the reader has a search.
SCOPE_ORDER = ("story", "among", "all")

#: The compare screen's own keys (its BINDINGS).
COMPARE_KEYS = [
    Binding("escape", "close", "Back", id="compare.close"),
    Binding(
        "down",
        "newer_or_sources",
        "Sources",
        tooltip="From the question to the sources (or a later question, after ↑)",
        id="compare.to_columns",
    ),
    Binding(
        "up",
        "older",
        "Earlier question",
        show=False,
        tooltip="In the question: the question asked before it",
        id="compare.history",
    ),
    Binding(
        "v",
        "view",
        "List",
        show=False,  # said in the line over the sources, where it applies
        tooltip="The sources as a list, one row each, or as columns",
        id="compare.view",
    ),
    Binding("left", "column(-1)", "Previous source", show=False, id="compare.left"),
    Binding("right", "column(1)", "Next source", show=False, id="compare.right"),
    Binding(
        "slash", "edit", "Edit", key_display="/", tooltip="Edit the question", id="compare.edit"
    ),
    Binding("t", "story", "Story", tooltip="Compare in another story", id="compare.story"),
    Binding(
        "s",
        "scope",
        "Scope",
        tooltip="Compare in the story, the search's results or the whole library",
        id="compare.scope",
    ),
    Binding(
        "e",
        "export",
        "Export",
        tooltip="Export the comparison as Markdown",
        id="compare.export",
    ),
    Binding(
        "F", "follow_story", "Follow", show=False, tooltip="Follow this story", id="compare.follow"
    ),
    Binding(
        "N",
        "story_news",
        "New in story",
        show=False,
        tooltip="What is new in this followed story since you last looked",
        id="compare.story_news",
    ),
    # The app's keys still work here, but stay out of the footer so that
    # this screen's own keys fit in 80 columns. `c` edits the question.
    Binding(
        "c",
        "edit",
        "Compare",
        show=False,
        tooltip="Edit the question",
        id="compare.app_compare",
    ),
    Binding("f", "app.facts", "Facts", show=False, id="compare.app_facts"),
    Binding("a", "app.add", "Add", show=False, id="compare.app_add"),
    # q closes the screen, as Esc does: the app quits from the main screen only.
    Binding("q", "close", "Back", show=False, id="compare.close_q"),
]


def band_lines(c: Comparison) -> list[Static]:
    """The band's lines: one per difference, or a line saying there is none."""
    label = c.labels()
    if c.discrepancies:
        return [
            Static(discrepancy_content(d, label), classes="discrepancy", markup=False)
            for d in c.discrepancies
        ]
    reporting = sum(1 for s in c.sources if s.reports)
    if reporting == 0:
        said = "No source reports it."
    elif reporting == 1:
        said = "Only one source reports it: nothing to compare it with."
    else:
        said = "No differences found between the sources that report it."
    text = Content(said)
    return [Static(text, classes="discrepancy -none", markup=False)]


def status_text(c: Comparison | None) -> str:
    """ "Reported by 2 of 5 sources · 1 difference" (and, in a large scope, how
    many of its articles were read)."""
    if c is None:
        return "Type a fact or a question and press Enter."
    reporting = sum(1 for s in c.sources if s.reports)
    differ = len(c.discrepancies)
    read = c.scope.scored if c.scope is not None and c.scope.unscored else None
    # All those sharing a word with the question, or the best CANDIDATES of them.
    best = (
        ": the best matches"
        if read is not None and read >= CANDIDATES
        else ": those sharing its words"
    )
    total = len(c.sources)
    if total == 1:
        reported = "Reported by 1 source" if reporting else "Not reported by its 1 source"
    else:
        reported = f"Reported by {reporting:,} of {total:,} sources"
    return (
        reported
        + (f" · {differ} difference{'s' if differ != 1 else ''}" if differ else "")
        + (f" · {read:,} read{best}" if read is not None else "")
    )


def type_into(box: Input, character: str, first: bool) -> None:
    """A key typed before the box had the focus, put in it: the ``first``
    replaces the prefilled question."""
    if first:
        box.value = ""
    selection = box.selection
    if selection.is_empty:
        box.insert_text_at_cursor(character)
    else:
        box.replace(character, *selection)
    box.focus()


def reader_search(app: object) -> str:
    """The query in the reader's search box, or ""."""
    try:
        return str(app.main_screen.query_text).strip()  # type: ignore[attr-defined]
    except (AttributeError, RuntimeError):
        return ""


def next_scope(current: str, search: str) -> str:
    """The scope after ``current`` in SCOPE_ORDER, skipping the search's
    results when there is no search."""
    order = [k for k in SCOPE_ORDER if k != "among" or search]
    at = order.index(current) if current in order else 0
    return order[(at + 1) % len(order)]


def scope_title(scope: str, among: str, story_name: str | None) -> Content:
    """The question's border title: where the comparison looks."""
    if scope == "among":
        return Content.assemble(("Search results: ", "$text-muted"), strip_controls(among))
    if scope == "all":
        return Content.styled("The whole library", "$text-muted")
    if story_name:
        return Content.assemble(("Story: ", "$text-muted"), story_name)
    return Content.styled("Story: the one the question matches best", "$text-muted")


def export_path(home: Path, query: str) -> Path:
    slug = re.sub(r"[^\w]+", "-", query.lower()).strip("-")[:50] or "comparison"
    return home / "exports" / f"compare-{slug}.md"


def export(home: Path, c: Comparison, articles: Mapping[str, Article] | None = None) -> Path:
    """Write the comparison as Markdown to a new numbered file in
    ``home``/exports; its path (OSError when it cannot be written)."""
    return export_comparison(home / "exports", c, articles)
