"""What the compare screen draws: one column per source (its outlet and title
at the head, its passages below), the band of what differs, the status line,
the scope in the question's border, and the Markdown export."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from hollywood_ai.index import (
    CANDIDATES,
    Article,
    Comparison,
    Discrepancy,
    SourceReport,
    export_comparison,
    strip_controls,
)
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option


def passage_content(text: str, spans: list[tuple[int, int]]) -> Content:
    """A passage with its matched words highlighted; never read as markup."""
    content = Content(strip_controls(text))
    for start, end in spans:
        content = content.stylize("bold underline $text-accent", start, end)
    return content


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


# One entry in the footer stands for both arrows.
COLUMN_KEYS = [
    Binding(
        "left",
        "screen.column(-1)",
        "Source",
        key_display="← →",
        tooltip="Previous source, next source",
        id="compare.column_left",
    ),
    Binding(
        "right",
        "screen.column(1)",
        "Next source",
        show=False,
        tooltip="Next source",
        id="compare.column_right",
    ),
]


#: The scopes ``s`` goes through, in order: the search's results only when
#: the reader has a search.
SCOPE_ORDER = ("story", "among", "all")

#: The compare screen's own keys (its BINDINGS).
COMPARE_KEYS = [
    Binding("escape", "close", "Back", id="compare.close"),
    Binding(
        "down",
        "to_columns",
        "Sources",
        tooltip="From the question to the sources",
        id="compare.to_columns",
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
    Binding("q", "app.quit", "Quit", show=False, id="compare.app_quit"),
]


class PassageList(OptionList):
    """A source's passages; Enter opens the highlighted one in the reader."""

    BINDINGS = [
        *COLUMN_KEYS,
        Binding(
            "enter",
            "select",
            "Open",
            tooltip="Open the passage in the reader, lit",
            id="compare.open",
        ),
    ]


class SourceColumn(Vertical):
    """One source: outlet and title at the head, its passages below."""

    DEFAULT_CSS = """
    SourceColumn {
        width: 40;
        height: 1fr;
        border: round $primary-muted;
        margin: 0 1 0 0;
    }
    SourceColumn:focus-within { border: round $accent; }
    SourceColumn > .column-head { height: auto; padding: 0 1; color: $text; }
    SourceColumn > .not-reported { padding: 1 1; color: $text-muted; text-style: italic; }
    SourceColumn > OptionList, SourceColumn > OptionList:focus {
        height: 1fr; border: none; background: transparent; padding: 0;
    }
    SourceColumn > OptionList > .option-list--option { padding: 0 1; }
    """

    # Here and on the passage lists rather than on the screen, so that they win
    # over the sideways scrolling of the containers they sit in.
    BINDINGS = [*COLUMN_KEYS]

    def __init__(self, source: SourceReport, label: str) -> None:
        """``label``: the source's short name, from ``Comparison.labels``."""
        super().__init__(classes="-reports" if source.reports else "-silent")
        self.can_focus = not source.reports
        self.source = source
        self.border_title = Content(strip_controls(label))

    def compose(self) -> ComposeResult:
        s = self.source
        head = Content.assemble((strip_controls(s.title), "bold"))
        yield Static(head, classes="column-head", markup=False)
        if not s.reports:
            yield Static("not reported", classes="not-reported", markup=False)
            return
        options = PassageList(classes="passages")
        for i, p in enumerate(s.passages):
            if i:
                options.add_option(None)
            options.add_option(Option(passage_content(p.text, p.spans), id=str(i)))
        yield options

    def focus_passages(self) -> bool:
        lists = self.query(OptionList)
        if lists:
            options = lists.first()
            if options.highlighted is None and options.option_count:
                options.highlighted = 0
            options.focus()
            return True
        self.focus()
        return False


MIN_COLUMN = 36
#: Columns mounted with the result; the others just after it is on screen.
FIRST_COLUMNS = 8


def band_lines(c: Comparison) -> list[Static]:
    """The band's lines: one per difference, or a line saying there is none."""
    label = c.labels()
    if c.discrepancies:
        return [
            Static(discrepancy_content(d, label), classes="discrepancy", markup=False)
            for d in c.discrepancies
        ]
    text = Content("No differences found between the sources that report it.")
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
    return (
        f"Reported by {reporting} of {len(c.sources):,} sources"
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


def fit_columns(columns: list[SourceColumn], width: int) -> None:
    """Share the width between the columns; below MIN_COLUMN each, scroll sideways."""
    if columns:
        each = max(MIN_COLUMN, (width - 2) // len(columns))
        for col in columns:
            col.styles.width = each


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
