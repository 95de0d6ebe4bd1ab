"""The compare screen: what differs in a band at the top, then the sources
that report it, first published first: as whole columns side by side (those
that do not fit reached with ← →), or, from LIST_FROM sources or on ``v``,
as a list with one row each. The silent sources make one line at the foot."""

from __future__ import annotations

from hollywood_ai.index import (
    Comparison,
    Scope,
    SourceReport,
    Story,
    Workspace,
    compare,
    prepare_compare,
    silent_line,
    strip_controls,
)
from hollywood_ai.tui.messages import ComparisonReady, StoryNamed
from hollywood_ai.tui.screens.compare_history import QuestionHistory
from hollywood_ai.tui.screens.compare_panel import SourcesScreen
from hollywood_ai.tui.screens.compare_sources import PassageList, SourceColumn, SourceList
from hollywood_ai.tui.screens.compare_view import (
    COMPARE_KEYS,
    band_lines,
    discrepancy_content,
    export,
    export_path,
    next_scope,
    reader_search,
    scope_title,
    status_text,
    type_into,
)
from hollywood_ai.tui.screens.failures import failure_text
from hollywood_ai.tui.screens.story_picker import load_stories, story_label
from hollywood_ai.tui.widgets.query_input import QueryInput, clean_query
from textual import events, on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Input, Static

__all__ = ["CompareScreen", "PassageList", "SourceColumn", "SourceList", "discrepancy_content"]


class CompareScreen(SourcesScreen):
    """Type a fact or a question; see how each source reports it.

    A question the screen opens with (the search, or the sentence being read)
    runs at once but stays selected in the box, so typing replaces it; the
    focus moves to the sources only when the user asks (Enter, ↓), never under
    their fingers when a result lands.
    """

    CSS_PATH = "compare.tcss"  # loaded when the screen first opens
    VERTICAL_BREAKPOINTS = [(0, "-short"), (32, "-tall")]
    BINDINGS = COMPARE_KEYS
    BEST_MATCH_ENTRY = "The story the question matches best"

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
        self.scope = "story"  # or "among" (the reader's search) or "all"; see SCOPE_ORDER
        self.among = ""  # the search of the "among" scope
        self.comparison: Comparison | None = None
        self._run = 0  # the latest request; older results are dropped
        self._asked = ""  # the question of the latest request
        self._focus_after = False  # move to the sources when the latest result lands
        self._typed = False  # keys arrived before the box had the focus
        self._editing = False  # "/" moved to the box from the sources: Esc goes back
        self.sources: list[SourceReport] = []  # those that report it, by date
        self.view: str | None = None  # "list" or "columns" once chosen (v)
        self.first = 0  # the first column in view
        self.at = 0  # the source with the focus (or last had it)
        self.history: QuestionHistory | None = None
        self.names: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        yield QueryInput(
            self.initial,
            placeholder="A fact or a question, e.g. how much faster was the effects shot?",
            id="compare-input",
            select_on_focus=False,  # selected once, on opening: see on_mount
        )
        yield Static("", id="compare-status", markup=False)
        yield VerticalScroll(id="compare-band", can_focus=True)
        yield Static("", id="compare-heading", markup=False)
        yield Horizontal(id="compare-columns")
        yield SourceList(id="compare-list")
        with VerticalScroll(id="compare-silent-box", can_focus=True):
            yield Static("", id="compare-silent", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Compare"
        self.history = QuestionHistory(self.app)
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
            self.prepare()  # while the question is typed

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
            type_into(box, event.character, first=not self._typed)
            self._typed = True
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
        """The scope in the question's border: the story, the search or the library."""
        box = self.question
        box.border_subtitle = Content("t: another story · s: scope")
        if self.scope == "story" and self.story and not self.story_name:
            self.name_story(self.story)
        box.border_title = scope_title(self.scope, self.among, self.story_name)

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
        self.run_compare(text, self._scope(), self._run)

    def _scope(self) -> Scope:
        if self.scope == "all":
            return Scope.library()
        if self.scope == "among":
            return Scope.among(self.among)
        return Scope.of_story(self.story)

    @on(Input.Submitted, "#compare-input")
    def _submitted(self, event: Input.Submitted) -> None:
        text = clean_query(event.value).strip()
        if not text:
            return
        shown = self.comparison is not None and self._asked == text
        if self.history is not None:
            self.history.add(text)
        if shown and not self.comparing:
            self.action_to_columns()
        else:
            self.start(text, focus_after=True)

    @on(Input.Changed, "#compare-input")
    def _edited(self, event: Input.Changed) -> None:
        if self.comparison is None or self.comparing:
            return
        if clean_query(event.value).strip() == self._asked:
            self.restore_status()
        else:
            self.set_status("Enter compares the new question; below, the last one")

    @property
    def comparing(self) -> bool:
        return any(w.group == "compare" and w.is_running for w in self.workers)

    @work(thread=True, group="compare-prepare", exit_on_error=False)
    def prepare(self) -> None:
        """The first comparison's loading done ahead (it is the slow one)."""
        prepare_compare(self.workspace)

    @work(thread=True, exclusive=True, group="compare", exit_on_error=False)
    def run_compare(self, text: str, scope: Scope, run: int) -> None:
        # exclusive: a newer request cancels this one; its result, if it still
        # comes, is dropped by its run number.
        result = compare(self.workspace, text, scope=scope)
        self.post_message(ComparisonReady(result, run))

    def worker_failed(self, group: str, error: BaseException) -> str | None:
        """A failed comparison is said in the status line too."""
        if group == "compare-prepare":
            return None  # the comparison asked for next meets it and says it
        if group != "compare":
            return super().worker_failed(group, error)
        text = failure_text(error, "Compare")
        self.set_status(text)
        return text

    @on(ComparisonReady)
    async def _ready(self, message: ComparisonReady) -> None:
        if message.run != self._run:
            return  # an older question's answer
        c = message.comparison
        self.comparison = c
        # On the sources (switching the scope or the story): back to them after.
        on_sources = self.focused is not None and self.focused is not self.question
        if c.story is not None and self.scope == "story":
            self.story_name = strip_controls(c.story.label)
            self._show_story()
        self.restore_status()
        differ = len(c.discrepancies)
        band = self.query_one("#compare-band", VerticalScroll)
        band.border_title = Content(f"What differs ({differ})" if differ else "What differs")
        await band.remove_children()
        await band.mount_all(band_lines(c))
        band.scroll_home(animate=False)
        # The silent sources: one line of names, never a column each.
        silent = any(not s.reports for s in c.sources)
        self.query_one("#compare-silent", Static).update(Content(silent_line(c) if silent else ""))
        self.query_one("#compare-silent-box").display = silent
        await self.show_comparison(c)
        # Only when the user asked for it (Enter) and has not typed since: keys
        # typed while the comparison ran must not land on the sources as commands.
        box = self.question
        untouched = clean_query(box.value).strip() == self._asked
        if self._focus_after and untouched and (on_sources or self.focused in (None, box)):
            self.action_to_columns()

    def action_older(self) -> None:
        """↑ in the question: the question asked before."""
        box = self.question
        if self.focused is not box or self.history is None:
            return
        earlier = self.history.older(clean_query(box.value).strip())
        if earlier is not None:
            box.value = earlier
            box.cursor_position = len(earlier)

    def action_newer_or_sources(self) -> None:
        """↓: a later question while going through them (↑), else the sources."""
        box = self.question
        if self.history is not None and self.history.walking and self.focused is box:
            box.value = self.history.newer()
            box.cursor_position = len(box.value)
            return
        self.action_to_columns()

    def action_edit(self) -> None:
        box = self.question
        self._editing = self.comparison is not None and box is not self.focused
        box.focus()
        box.select_all()

    async def action_close(self) -> None:
        if self.focused is self.question and self._editing and self.sources:
            self._editing = False
            self._focus_source()
            return
        self.app.pop_screen()

    # ---------------------------------------------------------------- scope

    def action_scope(self) -> None:
        """The next scope: the story, the reader's search results, the library."""
        search = reader_search(self.app)
        self.scope = next_scope(self.scope, search)
        self.among = search if self.scope == "among" else ""
        self._show_story()
        self.answer = None  # a fact's comparison is of its story: ask again
        self._ask_again()

    def _ask_again(self) -> None:
        """The question (as typed, or the last one asked) in the new scope."""
        text = clean_query(self.question.value).strip() or self._asked
        if text:
            self.start(text, focus_after=self.focused is not self.question)

    # ---------------------------------------------------------------- story

    def restore_status(self) -> None:
        self.set_status(status_text(self.comparison))

    def work_in(self, story: Story | None) -> None:
        """The question again, in the story picked (t)."""
        self.story = story.id if story is not None else None
        self.story_name = story_label(story) if story is not None else None
        self.scope = "story"
        self._show_story()
        self._ask_again()

    def action_export(self) -> None:
        if self.comparison is None:
            self.notify("Nothing to export yet: run a comparison first.", markup=False)
            return
        try:
            listed = {a.id: a for a in self.workspace.listing()}  # dates and addresses
            path = export(self.workspace.home, self.comparison, listed)
        except OSError as exc:
            where = export_path(self.workspace.home, self.comparison.query)
            self.notify(f"Could not write {where}: {exc.strerror}", severity="error", markup=False)
            return
        self.notify(f"Wrote {path}", title="Exported", markup=False)
