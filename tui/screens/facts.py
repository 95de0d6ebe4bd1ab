"""The facts screen: what two or more sources report, as a matrix of facts by
source (reported, silent, or reported with a discrepancy).

Sources head the matrix as short codes (an outlet's initials, or a number),
spelled out in a legend under it, so that five sources and a readable fact
fit in 80 columns."""

from __future__ import annotations

from dataclasses import dataclass

from hollywood_ai.index import (
    Article,
    Fact,
    Story,
    Workspace,
    facts,
    find_story,
    strip_controls,
)
from hollywood_ai.tui.messages import OpenArticle
from hollywood_ai.tui.screens.compare import CompareScreen, discrepancy_content
from hollywood_ai.tui.screens.fact_sources import short_name, source_codes, source_names
from hollywood_ai.tui.screens.failures import failure_text
from hollywood_ai.tui.screens.story_picker import StoryScreen, load_stories, story_label
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import DataTable, Footer, Static

REPORTED = "●"
SILENT = "·"
DIFFERS = "◆"
MIN_FACT_WIDTH = 24


@dataclass
class FactsReady(Message):
    facts: list[Fact]
    articles: list[Article]
    story: str | None = None  # the story's id and label, as the engine chose it
    story_label: str | None = None


def _fit(label: str, width: int) -> str:
    """The label in a cell of ``width``: whole, or cut between words (the
    detail under the matrix shows it whole)."""
    if len(label) <= width:
        return label
    cut = label[: width - 1]
    if " " in cut and not label[width - 1].isspace():
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:—-") + "…"


class FactsTable(DataTable[Content | str]):
    """The matrix; Enter compares the highlighted fact (shown in the footer)."""

    BINDINGS = [
        Binding(
            "enter",
            "select_cursor",
            "Compare this fact",
            tooltip="Compare this fact: its sources side by side",
            id="facts.compare_row",
        ),
        Binding("j", "cursor_down", "Next fact", show=False, tooltip="Next fact", id="facts.down"),
        Binding(
            "k", "cursor_up", "Previous fact", show=False, tooltip="Previous fact", id="facts.up"
        ),
    ]


class FactsScreen(StoryScreen):
    """The facts of a story, who reports each and who is silent."""

    CSS_PATH = "facts.tcss"  # loaded when the screen first opens
    MIN_ARTICLES = 2  # a story of one article has no facts shared by two sources

    BINDINGS = [
        Binding("escape", "close", "Back", id="facts.close"),
        Binding(
            "enter",
            "compare",
            "Compare this fact",
            tooltip="Compare this fact: its sources side by side",
            id="facts.compare",
        ),
        Binding("o", "open", "Open", tooltip="Open the fact in the reader", id="facts.open"),
        Binding("t", "story", "Story", tooltip="The facts of another story", id="facts.story"),
        Binding(
            "e",
            "export",
            "Export",
            tooltip="Export the facts matrix as Markdown, CSV and JSON",
            id="facts.export",
        ),
        Binding(
            "F",
            "follow_story",
            "Follow",
            show=False,
            tooltip="Follow this story",
            id="facts.follow",
        ),
        Binding(
            "N",
            "story_news",
            "New in story",
            show=False,
            tooltip="What is new in this followed story since you last looked",
            id="facts.story_news",
        ),
        # The app's keys still work here, but stay out of the footer so that
        # this screen's own keys show.
        Binding("c", "app.compare", "Compare", show=False, id="facts.app_compare"),
        Binding("f", "app.facts", "Facts", show=False, id="facts.app_facts"),
        Binding("a", "app.add", "Add", show=False, id="facts.app_add"),
        Binding("q", "close", "Back", show=False, id="facts.close_q"),
    ]

    def __init__(self, workspace: Workspace, story: str | None = None) -> None:
        super().__init__()
        self.workspace = workspace
        self.story = story
        self.story_name: str | None = None
        self.facts: list[Fact] = []
        self.articles: list[Article] = []
        self.codes: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        yield Static(
            Content("Finding the facts the sources share…"), id="facts-status", markup=False
        )
        yield FactsTable(id="facts-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="facts-legend", markup=False)
        with VerticalScroll(id="facts-detail"):
            yield Static("", id="facts-detail-text", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Facts"
        self.query_one("#facts-detail", VerticalScroll).border_title = "Selected fact"
        table = self.query_one(FactsTable)
        table.border_title = Content.styled("Story: the largest", "$text-muted")
        table.border_subtitle = Content("t: another story")
        self.find_facts(self.story)

    @work(thread=True, exclusive=True, group="facts", exit_on_error=False)
    def find_facts(self, story: str | None) -> None:
        found = facts(self.workspace, story=story)
        ids = {aid for f in found for aid in [*f.sources, *f.silent]}
        articles = [a for a in self.workspace.articles() if a.id in ids]
        # Which story the engine took: the facts say, or (none found) the stories do.
        chosen = next((f.story for f in found if f.story), None)
        label = next((f.story_label for f in found if f.story_label), None)
        if chosen is None or label is None:
            stories = load_stories(self.workspace)
            picked = find_story(stories, story) if story else (stories[0] if stories else None)
            if picked is not None:
                chosen, label = picked.id, story_label(picked)
        self.post_message(FactsReady(found, articles, chosen, label))

    def worker_failed(self, group: str, error: BaseException) -> str | None:
        """Failed facts are said in the status line too."""
        if group != "facts":
            return super().worker_failed(group, error)
        text = failure_text(error, "Facts")
        self.set_status(text)
        return text

    @on(FactsReady)
    def _ready(self, message: FactsReady) -> None:
        self.facts = message.facts
        if message.story:
            self.story = message.story
        if message.story_label:
            self.story_name = strip_controls(message.story_label)
        table = self.query_one(FactsTable)
        if self.story_name:
            table.border_title = Content.assemble(("Story: ", "$text-muted"), self.story_name)
        self.articles = sorted(
            message.articles, key=lambda a: (a.outlet is None, a.outlet or a.title)
        )
        self.codes = source_codes(self.articles)
        table.clear(columns=True)
        # The fact gets what the source columns leave (each its code and a
        # cell of padding either side).
        codes_width = sum(len(self.codes[a.id]) + 2 for a in self.articles)
        fact_width = max(MIN_FACT_WIDTH, self.size.width - 7 - codes_width)
        table.add_column("Fact", key="fact", width=fact_width)
        for a in self.articles:
            table.add_column(Text(self.codes[a.id]), key=a.id)
        for i, fact in enumerate(self.facts):
            differs = set(fact.differing)
            label = _fit(strip_controls(fact.label), fact_width)
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
        self._show_legend()
        self.restore_status()
        table.focus()
        if self.facts:
            self._show(0)
        else:
            self.query_one("#facts-detail-text", Static).update(Content(""))

    def _show_legend(self) -> None:
        """The marks, then each code with its source, broken into lines between
        entries (never inside one)."""
        names = source_names(self.articles)
        room = max(20, self.size.width - 4)
        # Names as long as two to a line allow: 26 characters at 80 columns.
        cut = max(26, (room - 30) // 2)
        entries = [
            Content.assemble(
                (REPORTED, "bold $text-success"),
                " reports it  ",
                (DIFFERS, "bold $text-warning"),
                " differs  ",
                (SILENT, "$text-muted"),
                " silent",
            ),
            *(
                Content.assemble(
                    (self.codes[a.id], "bold $text-accent"), " ", short_name(names[a.id], cut)
                )
                for a in self.articles
            ),
        ]
        lines: list[list[Content]] = [[]]
        used = 0
        for entry in entries:
            width = entry.cell_length + (3 if lines[-1] else 0)
            if lines[-1] and used + width > room:
                lines.append([])
                used, width = 0, entry.cell_length
            lines[-1].append(entry)
            used += width
        legend = Content("\n").join(Content("   ").join(line) for line in lines)
        self.query_one("#facts-legend", Static).update(legend)

    def on_resize(self) -> None:
        if self.articles:
            self._show_legend()

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key.value is not None:
            self._show(int(event.row_key.value))

    def _show(self, index: int) -> None:
        fact = self.facts[index]
        names = {aid: strip_controls(name) for aid, name in source_names(self.articles).items()}
        parts: list[Content] = [Content.styled(strip_controls(fact.label), "bold"), Content("")]
        for aid, text in fact.sources.items():
            parts.append(
                Content.assemble(
                    (f"{DIFFERS} " if aid in fact.differing else "", "bold $text-warning"),
                    (f"{self.codes.get(aid, '')} ", "bold $text-accent"),
                    (names.get(aid, aid), "bold $text-primary"),
                    ": ",
                    strip_controls(text),
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

    def set_status(self, text: str) -> None:
        self.query_one("#facts-status", Static).update(Content(text))

    def restore_status(self) -> None:
        """How many facts there are."""
        count = len(self.facts)
        self.set_status(
            f"{count} fact{'s' if count != 1 else ''} reported by two or more sources"
            if self.facts
            else "No fact is reported by two or more sources of this story."
        )

    # ---------------------------------------------------------------- story

    def work_in(self, story: Story | None) -> None:
        """The facts of the story picked (t)."""
        if story is None or story.id == self.story:
            return
        self.story = story.id
        self.story_name = None
        self.set_status("Finding the facts the sources share…")
        self.find_facts(story.id)

    def action_compare(self) -> None:
        """The fact's own comparison: its sources, silent ones and differences
        (not a new search for its label, which could find something else)."""
        from hollywood_ai.index import comparison_of_fact

        selected = self._selected()
        if selected is None:
            return
        answer = comparison_of_fact(selected, self.articles)
        story = selected.story or self.story
        self.app.push_screen(
            CompareScreen(self.workspace, text=selected.label, story=story, answer=answer)
        )

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

    def action_export(self) -> None:
        from hollywood_ai.index import export_facts

        if not self.facts:
            self.notify("Nothing to export yet: no facts are shown.", markup=False)
            return
        folder = self.workspace.home / "exports"
        name = f"facts-{self.story}" if self.story else "facts"
        try:
            paths = export_facts(folder, self.facts, {a.id: a for a in self.articles}, name)
        except OSError as exc:
            self.notify(f"Could not write {folder}: {exc.strerror}", severity="error", markup=False)
            return
        self.notify("Wrote " + ", ".join(str(p) for p in paths), title="Exported", markup=False)

    def action_close(self) -> None:
        self.app.pop_screen()
