"""The facts screen: what two or more sources report, as a matrix of facts by
source (reported, silent, or reported with a discrepancy)."""

from __future__ import annotations

from dataclasses import dataclass

from hollywood_ai.index.errors import HollywoodError
from hollywood_ai.index.facts import Fact, facts
from hollywood_ai.index.model import Article
from hollywood_ai.index.text import strip_controls
from hollywood_ai.index.workspace import Workspace
from hollywood_ai.tui.messages import OpenArticle
from hollywood_ai.tui.screens.compare import CompareScreen, discrepancy_content
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static
from textual.worker import Worker, WorkerState

REPORTED = "●"
SILENT = "·"
DIFFERS = "◆"


@dataclass
class FactsReady(Message):
    facts: list[Fact]
    articles: list[Article]


def short_outlet(article: Article, width: int = 12) -> str:
    name = strip_controls(article.outlet or article.title)
    return name if len(name) <= width else name[: width - 1] + "…"


class FactsScreen(Screen[None]):
    """The facts of a story, who reports each and who is silent."""

    BINDINGS = [
        Binding("escape", "close", "Back", id="facts.close"),
        Binding("enter", "compare", "Compare this fact", id="facts.compare"),
        Binding("o", "open", "Open in reader", id="facts.open"),
    ]

    def __init__(self, workspace: Workspace, story: str | None = None) -> None:
        super().__init__()
        self.workspace = workspace
        self.story = story
        self.facts: list[Fact] = []
        self.articles: list[Article] = []

    def compose(self) -> ComposeResult:
        yield Static(
            Content("Finding the facts the sources share…"), id="facts-status", markup=False
        )
        table: DataTable[Content | str] = DataTable(
            id="facts-table", cursor_type="row", zebra_stripes=True
        )
        yield table
        with VerticalScroll(id="facts-detail"):
            yield Static("", id="facts-detail-text", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Facts"
        self.query_one("#facts-detail", VerticalScroll).border_title = "Selected fact"
        self.find_facts()

    @work(thread=True, exclusive=True, group="facts", exit_on_error=False)
    def find_facts(self) -> None:
        found = facts(self.workspace, story=self.story)
        ids = {aid for f in found for aid in [*f.sources, *f.silent]}
        articles = [a for a in self.workspace.articles() if a.id in ids]
        self.post_message(FactsReady(found, articles))

    @on(Worker.StateChanged)
    def _failed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR and event.worker.group == "facts":
            err = event.worker.error
            message = str(err) if isinstance(err, HollywoodError) else f"Facts failed: {err}"
            self.query_one("#facts-status", Static).update(Content(message))
            self.notify(message, severity="error", markup=False)

    @on(FactsReady)
    def _ready(self, message: FactsReady) -> None:
        self.facts = message.facts
        self.articles = sorted(
            message.articles, key=lambda a: (a.outlet is None, a.outlet or a.title)
        )
        table = self.query_one(DataTable)
        table.clear(columns=True)
        # The fact gets what the source columns leave (each about 14 cells).
        fact_width = max(24, self.size.width - 8 - 14 * len(self.articles))
        table.add_column("Fact", key="fact", width=fact_width)
        for a in self.articles:
            table.add_column(Text(short_outlet(a)), key=a.id)
        for i, fact in enumerate(self.facts):
            differs = {aid for d in fact.discrepancies for aid in d.values}
            label = strip_controls(fact.label)
            if len(label) > fact_width:
                label = label[: fact_width - 1].rstrip() + "…"
            cells: list[Content | str] = [Content(label)]
            for a in self.articles:
                if a.id in fact.sources:
                    cells.append(
                        Content.styled(
                            DIFFERS if a.id in differs else REPORTED,
                            "bold $text-warning" if a.id in differs else "bold $text-success",
                        )
                    )
                else:
                    cells.append(Content.styled(SILENT, "$text-muted"))
            table.add_row(*cells, key=str(i))
        status = (
            f"{len(self.facts)} facts reported by two or more sources · {REPORTED} reports it · "
            f"{DIFFERS} differs · {SILENT} silent · Enter compares"
            if self.facts
            else "No fact is reported by two or more sources of this story."
        )
        self.query_one("#facts-status", Static).update(Content(status))
        table.focus()
        if self.facts:
            self._show(0)

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key.value is not None:
            self._show(int(event.row_key.value))

    def _show(self, index: int) -> None:
        fact = self.facts[index]
        names = {a.id: strip_controls(a.outlet or a.title) for a in self.articles}
        parts: list[Content] = [Content.styled(strip_controls(fact.label), "bold"), Content("")]
        for aid, text in fact.sources.items():
            parts.append(
                Content.assemble(
                    (names.get(aid, aid), "bold $text-primary"), ": ", strip_controls(text)
                )
            )
        if fact.silent:
            parts.append(
                Content.styled(
                    "Silent: " + ", ".join(names.get(a, a) for a in fact.silent), "$text-muted"
                )
            )
        for d in fact.discrepancies:
            parts.append(discrepancy_content(d, names))
        self.query_one("#facts-detail-text", Static).update(Content("\n").join(parts))

    def _selected(self) -> Fact | None:
        table = self.query_one(DataTable)
        if not self.facts or table.cursor_row < 0:
            return None
        return self.facts[min(table.cursor_row, len(self.facts) - 1)]

    def action_compare(self) -> None:
        """The fact's own comparison: its sources, silent ones and differences
        (not a new search for its label, which could find something else)."""
        from typing import Any

        from hollywood_ai.index.compare import comparison_of_fact
        from hollywood_ai.tui.screens.compare import ComparisonReady

        selected = self._selected()
        if selected is None:
            return
        comparison = comparison_of_fact(selected, self.articles)

        class FactComparison(CompareScreen):
            """Opens on the fact's comparison; an edited question is compared as typed."""

            def run_compare(self, text: str, *args: Any, **kwargs: Any) -> None:
                if text.strip() == self.initial.strip():
                    # The request's id (the last argument) answers this request.
                    self.post_message(ComparisonReady(comparison, *args[-1:]))
                else:
                    super().run_compare(text, *args, **kwargs)

        story = selected.story or self.story
        self.app.push_screen(FactComparison(self.workspace, text=selected.label, story=story))

    @on(DataTable.RowSelected)
    def _selected_row(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_compare()

    def action_open(self) -> None:
        fact = self._selected()
        if fact is None:
            return
        aid = next(iter(fact.sources))
        start, end = fact.positions.get(aid, (None, None))
        self.app.post_message(OpenArticle(aid, start, end))

    def action_close(self) -> None:
        self.app.pop_screen()
