"""The compare screen: one column per source, side by side, with what differs
in a band above the columns."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from hollywood_ai.index.compare import Comparison, Discrepancy, SourceReport, compare, to_markdown
from hollywood_ai.index.errors import HollywoodError
from hollywood_ai.index.text import strip_controls
from hollywood_ai.index.workspace import Workspace
from hollywood_ai.tui.messages import OpenArticle
from hollywood_ai.tui.widgets.query_input import QueryInput
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import HorizontalScroll, Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState


@dataclass
class ComparisonReady(Message):
    """A comparison finished in the worker."""

    comparison: Comparison


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


def source_label(source: SourceReport, width: int = 28) -> str:
    """The outlet, or the start of the title when the outlet is unknown."""
    if source.outlet:
        return source.outlet
    return source.title if len(source.title) <= width else source.title[: width - 1].rstrip() + "…"


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

    # Here rather than on the screen, so that they win over the sideways
    # scrolling of the container the columns sit in.
    BINDINGS = [
        Binding("left", "screen.column(-1)", "Previous source", id="compare.column_left"),
        Binding("right", "screen.column(1)", "Next source", id="compare.column_right"),
    ]

    def __init__(self, source: SourceReport) -> None:
        super().__init__(classes="-reports" if source.reports else "-silent")
        self.can_focus = not source.reports
        self.source = source
        self.border_title = Content(strip_controls(source_label(source)))

    def compose(self) -> ComposeResult:
        s = self.source
        head = Content.assemble((strip_controls(s.title), "bold"))
        yield Static(head, classes="column-head", markup=False)
        if not s.reports:
            yield Static("not reported", classes="not-reported", markup=False)
            return
        options = OptionList(classes="passages")
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


class CompareScreen(Screen[None]):
    """Type a fact or a question; see how each source reports it."""

    BINDINGS = [
        Binding("escape", "close", "Back", id="compare.close"),
        Binding("left", "column(-1)", "Previous source", show=False, id="compare.left"),
        Binding("right", "column(1)", "Next source", show=False, id="compare.right"),
        Binding("slash", "edit", "Edit question", key_display="/", id="compare.edit"),
        Binding("e", "export", "Export Markdown", id="compare.export"),
    ]

    def __init__(self, workspace: Workspace, text: str = "", story: str | None = None) -> None:
        super().__init__()
        self.workspace = workspace
        self.initial = text
        self.story = story
        self.comparison: Comparison | None = None

    def compose(self) -> ComposeResult:
        yield QueryInput(
            self.initial,
            placeholder="A fact or a question, e.g. how much faster was the effects shot?",
            id="compare-input",
        )
        yield Static("", id="compare-status", markup=False)
        yield Vertical(id="compare-band")
        yield HorizontalScroll(id="compare-columns")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Compare"
        if self.initial.strip():
            self.run_compare(self.initial)
            self.set_status("Comparing…")
        else:
            self.query_one(Input).focus()
            self.set_status("Type a fact or a question and press Enter.")

    def set_status(self, text: str) -> None:
        self.query_one("#compare-status", Static).update(Content(text))

    # ----------------------------------------------------------------- work

    @on(Input.Submitted, "#compare-input")
    def _submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if text:
            self.set_status("Comparing…")
            self.run_compare(text)

    @work(thread=True, exclusive=True, group="compare", exit_on_error=False)
    def run_compare(self, text: str) -> None:
        result = compare(self.workspace, text, story=self.story)
        self.post_message(ComparisonReady(result))

    @on(Worker.StateChanged)
    def _failed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR and event.worker.group == "compare":
            err = event.worker.error
            message = str(err) if isinstance(err, HollywoodError) else f"Compare failed: {err}"
            self.set_status(message)
            self.notify(message, severity="error", markup=False)

    @on(ComparisonReady)
    async def _ready(self, message: ComparisonReady) -> None:
        c = message.comparison
        self.comparison = c
        reporting = sum(1 for s in c.sources if s.reports)
        story = f" — story: {c.story.label}" if c.story else ""
        self.set_status(f"Reported by {reporting} of {len(c.sources)} sources{story}")
        band = self.query_one("#compare-band", Vertical)
        await band.remove_children()
        label = c.labels()
        if c.discrepancies:
            await band.mount_all(
                [
                    Static(discrepancy_content(d, label), classes="discrepancy", markup=False)
                    for d in c.discrepancies
                ]
            )
        else:
            await band.mount(
                Static(
                    Content("No differences found between the sources that report it."),
                    classes="discrepancy -none",
                    markup=False,
                )
            )
        columns = self.query_one("#compare-columns", HorizontalScroll)
        await columns.remove_children()
        await columns.mount_all([SourceColumn(s) for s in c.sources])
        self._fit_columns()
        first = next((col for col in self.query(SourceColumn) if col.source.reports), None)
        if first is not None:
            first.focus_passages()

    def on_resize(self) -> None:
        self._fit_columns()

    def _fit_columns(self) -> None:
        """Share the width between the columns; below MIN_COLUMN each, scroll sideways."""
        columns = self._columns()
        if not columns:
            return
        width = max(MIN_COLUMN, (self.size.width - 2) // len(columns))
        for col in columns:
            col.styles.width = width

    # -------------------------------------------------------------- actions

    def _columns(self) -> list[SourceColumn]:
        return list(self.query(SourceColumn))

    def _current(self) -> int:
        focused = self.focused
        for i, col in enumerate(self._columns()):
            if focused is not None and (focused is col or col in focused.ancestors):
                return i
        return -1

    def action_column(self, step: int) -> None:
        columns = self._columns()
        if not columns:
            return
        i = self._current()
        target = columns[(max(i, 0) + step) % len(columns)] if i >= 0 else columns[0]
        target.focus_passages()
        target.scroll_visible(animate=False)

    def action_edit(self) -> None:
        self.query_one(Input).focus()

    def action_close(self) -> None:
        if self.focused is self.query_one(Input) and self.comparison is not None:
            self.action_column(0)
            return
        self.app.pop_screen()

    @on(OptionList.OptionSelected, ".passages")
    def _open(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        column = next((a for a in event.option_list.ancestors if isinstance(a, SourceColumn)), None)
        if column is None or event.option.id is None:
            return
        passage = column.source.passages[int(event.option.id)]
        self.app.post_message(OpenArticle(column.source.id, passage.start, passage.end))

    def action_export(self) -> None:
        if self.comparison is None:
            self.notify("Nothing to export yet: run a comparison first.", markup=False)
            return
        path = export_path(self.workspace.home, self.comparison.query)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(to_markdown(self.comparison), encoding="utf-8")
        except OSError as exc:
            self.notify(f"Could not write {path}: {exc.strerror}", severity="error", markup=False)
            return
        self.notify(f"Wrote {path}", title="Exported", markup=False)


def export_path(home: Path, query: str) -> Path:
    import re

    slug = re.sub(r"[^\w]+", "-", query.lower()).strip("-")[:50] or "comparison"
    return home / "exports" / f"compare-{slug}.md"
