"""The compare screen: one column per source, side by side, with what differs
in a band above the columns."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from hollywood_ai.index.compare import Comparison, Discrepancy, SourceReport, compare, to_markdown
from hollywood_ai.index.errors import HollywoodError
from hollywood_ai.index.stories import Story
from hollywood_ai.index.text import strip_controls
from hollywood_ai.index.workspace import Workspace
from hollywood_ai.tui.messages import OpenArticle
from hollywood_ai.tui.screens.story_picker import (
    StoriesLoaded,
    StoryPicker,
    load_stories,
    story_label,
)
from hollywood_ai.tui.widgets.query_input import QueryInput, clean_query
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import HorizontalScroll, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState


@dataclass
class StoryNamed(Message):
    """A story's label, found in a worker."""

    story: str
    label: str


@dataclass
class ComparisonReady(Message):
    """A comparison finished in the worker (``run`` says which request it answers)."""

    comparison: Comparison
    run: int = 0


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


class CompareScreen(Screen[None]):
    """Type a fact or a question; see how each source reports it.

    A question the screen opens with (the search, or the sentence being read)
    runs at once but stays selected in the box, so typing replaces it; the
    focus moves to the sources only when the user asks (Enter, ↓), never under
    their fingers when a result lands.
    """

    CSS_PATH = "compare.tcss"  # loaded when the screen first opens

    VERTICAL_BREAKPOINTS = [(0, "-short"), (32, "-tall")]

    BINDINGS = [
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

    def __init__(
        self,
        workspace: Workspace,
        text: str = "",
        story: str | None = None,
        answer: Comparison | None = None,
    ) -> None:
        """``answer``, when given, is the comparison of ``text`` already made
        (a discovered fact's): shown as it is rather than asked again."""
        super().__init__()
        self.workspace = workspace
        self.initial = clean_query(text)
        self.answer = answer
        self.story = story
        self.story_name: str | None = None
        self.stories: list[Story] = []
        self.comparison: Comparison | None = None
        self._run = 0  # the latest request; older results are dropped
        self._asked = ""  # the question of the latest request
        self._focus_after = False  # move to the sources when the latest result lands
        self._typed = False  # keys arrived before the box had the focus
        self._editing = False  # "/" moved to the box from the sources: Esc goes back

    @property
    def question(self) -> QueryInput:
        return self.query_one("#compare-input", QueryInput)

    def compose(self) -> ComposeResult:
        yield QueryInput(
            self.initial,
            placeholder="A fact or a question, e.g. how much faster was the effects shot?",
            id="compare-input",
            select_on_focus=False,  # selected once, on opening: see on_mount
        )
        yield Static("", id="compare-status", markup=False)
        yield VerticalScroll(id="compare-band", can_focus=True)
        yield HorizontalScroll(id="compare-columns")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Compare"
        self._show_story()
        box = self.question
        box.focus()
        if self._typed:
            pass  # keys typed before the screen was up already replaced the question
        elif self.answer is not None:
            # A fact's comparison, already made: nothing to type, so the sources
            # take the keys (← →, Enter, t, e); / edits the question.
            self.start(self.initial, focus_after=True)
        elif self.initial.strip():
            # Selected, so that typing replaces it; Enter or ↓ goes to the sources.
            box.select_all()
            self.start(self.initial, focus_after=False)
        else:
            self.set_status("Type a fact or a question and press Enter.")

    def on_key(self, event: events.Key) -> None:
        """Keys typed right after opening, sent while the focus was not yet on
        the box, reach the screen: they belong in the box, not to the screen's
        keys. (A letter typed in the box never gets here: the box keeps it.)"""
        box = self.question
        if self.focused not in (None, box):
            return
        if event.is_printable and event.character:
            event.stop()
            event.prevent_default()
            if not self._typed:  # the first key replaces the prefilled question
                box.value = ""
            self._typed = True
            selection = box.selection
            if selection.is_empty:
                box.insert_text_at_cursor(event.character)
            else:
                box.replace(event.character, *selection)
            box.focus()
        elif event.key == "enter" and self.focused is None:
            event.stop()
            event.prevent_default()
            box.focus()
            self.call_later(box.action_submit)

    def set_status(self, text: str) -> None:
        self.query_one("#compare-status", Static).update(Content(text))

    @work(thread=True, exclusive=True, group="story-name", exit_on_error=False)
    def name_story(self, story_id: str) -> None:
        """The label of a story given by its id (opened from facts, say)."""
        for story in load_stories(self.workspace):
            if story.id == story_id:
                self.post_message(StoryNamed(story.id, story_label(story)))

    @on(StoryNamed)
    def _story_named(self, message: StoryNamed) -> None:
        if message.story == self.story and not self.story_name:
            self.story_name = message.label
            self._show_story()

    def _show_story(self) -> None:
        box = self.question
        if self.story and not self.story_name:
            self.name_story(self.story)
        if self.story_name:
            box.border_title = Content.assemble(("Story: ", "$text-muted"), self.story_name)
        else:
            box.border_title = Content.styled(
                "Story: the one the question matches best", "$text-muted"
            )
        box.border_subtitle = Content("t: another story")

    # ----------------------------------------------------------------- work

    def start(self, text: str, *, focus_after: bool) -> None:
        """Compare ``text``; move to the sources afterwards when ``focus_after``."""
        self._run += 1
        self._asked = text
        self._focus_after = focus_after
        if self.answer is not None and text.strip() == self.initial.strip():
            self.post_message(ComparisonReady(self.answer, self._run))
            return
        self.set_status("Comparing…")
        self.run_compare(text, self.story, self._run)

    @on(Input.Submitted, "#compare-input")
    def _submitted(self, event: Input.Submitted) -> None:
        text = clean_query(event.value).strip()
        if not text:
            return
        shown = self.comparison is not None and self._asked == text
        if shown and not self.comparing:
            self.action_to_columns()
        else:
            self.start(text, focus_after=True)

    @on(Input.Changed, "#compare-input")
    def _edited(self, event: Input.Changed) -> None:
        if self.comparison is None or self.comparing:
            return
        if clean_query(event.value).strip() == self._asked:
            self._restore_status()
        else:
            self.set_status("Enter compares the new question; below, the last one")

    @property
    def comparing(self) -> bool:
        return any(w.group == "compare" and w.is_running for w in self.workers)

    @work(thread=True, exclusive=True, group="compare", exit_on_error=False)
    def run_compare(self, text: str, story: str | None, run: int) -> None:
        result = compare(self.workspace, text, story=story)
        self.post_message(ComparisonReady(result, run))

    @on(Worker.StateChanged)
    def _failed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR and event.worker.group == "compare":
            err = event.worker.error
            message = str(err) if isinstance(err, HollywoodError) else f"Compare failed: {err}"
            self.set_status(message)
            self.notify(message, severity="error", markup=False)

    @on(ComparisonReady)
    async def _ready(self, message: ComparisonReady) -> None:
        if message.run != self._run:
            return  # an older question's answer
        c = message.comparison
        self.comparison = c
        if c.story is not None:
            self.story_name = strip_controls(c.story.label)
            self._show_story()
        self._restore_status()
        differ = len(c.discrepancies)
        band = self.query_one("#compare-band", VerticalScroll)
        band.border_title = Content(f"What differs ({differ})" if differ else "What differs")
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
        band.scroll_home(animate=False)
        columns = self.query_one("#compare-columns", HorizontalScroll)
        await columns.remove_children()
        await columns.mount_all([SourceColumn(s) for s in c.sources])
        self._fit_columns()
        # Only when the user asked for it (Enter) and has not typed since: keys
        # typed while the comparison ran must not land on the sources as commands.
        box = self.question
        untouched = clean_query(box.value).strip() == self._asked
        if self._focus_after and untouched and self.focused in (None, box):
            self.action_to_columns()

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

    def action_to_columns(self) -> None:
        """To the first source that reports it (or the first column)."""
        columns = self._columns()
        if not columns:
            return
        self._editing = False
        first = next((col for col in columns if col.source.reports), columns[0])
        first.focus_passages()
        first.scroll_visible(animate=False)

    def action_edit(self) -> None:
        box = self.question
        self._editing = self.comparison is not None and box is not self.focused
        box.focus()
        box.select_all()

    def action_close(self) -> None:
        if self.focused is self.question and self._editing and self._columns():
            self._editing = False
            self.action_column(0)
            return
        self.app.pop_screen()

    # ---------------------------------------------------------------- story

    def action_story(self) -> None:
        self.set_status("Finding the stories…")
        self.find_stories()

    @work(thread=True, exclusive=True, group="stories", exit_on_error=False)
    def find_stories(self) -> None:
        self.post_message(StoriesLoaded(load_stories(self.workspace)))

    @on(StoriesLoaded)
    def _stories(self, message: StoriesLoaded) -> None:
        self._restore_status()
        self.stories = message.stories
        if len(self.stories) < 2:
            self.notify("The library holds one story; there is no other to pick.", markup=False)
            return
        picker = StoryPicker(
            self.stories, self.story, best_match="The story the question matches best"
        )
        self.app.push_screen(picker, self._story_picked)

    def _restore_status(self) -> None:
        c = self.comparison
        if c is None:
            self.set_status("Type a fact or a question and press Enter.")
            return
        reporting = sum(1 for s in c.sources if s.reports)
        differ = len(c.discrepancies)
        self.set_status(
            f"Reported by {reporting} of {len(c.sources)} sources"
            + (f" · {differ} difference{'s' if differ != 1 else ''}" if differ else "")
        )

    def _story_picked(self, picked: str | None) -> None:
        if picked is None:
            return
        self.story = picked or None
        self.story_name = None
        for story in self.stories:
            if story.id == picked:
                self.story_name = story_label(story)
        self._show_story()
        text = clean_query(self.question.value).strip() or self._asked
        if text:
            self.start(text, focus_after=self.focused is not self.question)

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
