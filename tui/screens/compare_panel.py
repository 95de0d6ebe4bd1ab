"""The part of the compare screen that shows the sources of a comparison:
first published first, as whole columns side by side (those that do not fit
reached with ← →, the window moving by whole columns), or, from LIST_FROM
sources or on ``v``, as a list with one row each; the line over them says
which are in view and which has the focus."""

from __future__ import annotations

from hollywood_ai.index import Comparison, SourceReport
from hollywood_ai.tui.messages import OpenArticle
from hollywood_ai.tui.screens.compare_sources import (
    LIST_FROM,
    SourceColumn,
    SourceList,
    by_date,
    heading,
    visible_columns,
    window_start,
)
from hollywood_ai.tui.screens.story_picker import StoryScreen
from hollywood_ai.tui.widgets.query_input import QueryInput
from textual import on
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import OptionList, Static


class SourcesScreen(StoryScreen):
    """A screen with a comparison's sources in ``#compare-columns`` and
    ``#compare-list`` (the compare screen composes them)."""

    comparison: Comparison | None
    sources: list[SourceReport]  # those that report it, by date
    view: str | None  # "list" or "columns" once chosen (v)
    first: int  # the first column in view
    at: int  # the source with the focus (or that last had it)
    _editing: bool
    names: dict[str, str]  # each source's name, from Comparison.labels

    @property
    def question(self) -> QueryInput:
        return self.query_one("#compare-input", QueryInput)

    async def show_comparison(self, c: Comparison) -> None:
        """The sources of a new answer, from the first."""
        self.sources = by_date(c)
        # Once per answer: a name for each of up to thousands of sources.
        self.names = c.labels()
        self.first = self.at = 0
        await self._show_sources()

    @property
    def as_list(self) -> bool:
        """The list view: chosen with v, or, until then, from LIST_FROM sources."""
        if self.view is not None:
            return self.view == "list"
        return len(self.sources) >= LIST_FROM

    def ordered(self) -> list[SourceReport]:
        """The sources that report it, as the screen shows them (by date)."""
        return list(self.sources)

    def _visible(self) -> int:
        return visible_columns(self.size.width, len(self.sources))

    async def _show_sources(self, focus: bool = False) -> None:
        """The sources in the view chosen: the list, or the columns in view."""
        rows = self.query_one("#compare-list", SourceList)
        columns = self.query_one("#compare-columns", Horizontal)
        await columns.remove_children()
        rows.display = self.as_list
        columns.display = not self.as_list
        if self.comparison is not None and self.as_list:
            # The screen less the list's margin, border, padding and scrollbar.
            rows.show(self.comparison, self.names, self.sources, self.size.width - 8)
            rows.highlighted = self.at if self.sources else None
        elif self.comparison is not None and self.sources:
            visible = self._visible()
            self.first = window_start(self.first, self.at, visible, len(self.sources))
            n = len(self.sources)
            await columns.mount_all(
                SourceColumn(s, f"{i + 1} of {n}")
                for i, s in enumerate(self.sources[self.first : self.first + visible], self.first)
            )
        self._show_heading()
        if focus:
            self._focus_source()

    def _show_heading(self) -> None:
        line = self.query_one("#compare-heading", Static)
        line.display = bool(self.sources)
        if self.comparison is None:
            return
        # Named only while a column has the focus (a list row is lit anyway).
        on_sources = self._current() >= 0
        line.update(
            heading(
                self.sources,
                self.names,
                as_list=self.as_list,
                first=self.first,
                visible=self._visible(),
                focus=self.at if on_sources else None,
            )
        )

    def _focus_source(self) -> None:
        """The focus on the source ``at``: its row, or its column's passages."""
        if self.as_list:
            rows = self.query_one("#compare-list", SourceList)
            if rows.option_count:
                rows.highlighted = min(self.at, rows.option_count - 1)
            rows.focus()
        else:
            columns = self._columns()
            if columns:
                columns[max(0, min(self.at - self.first, len(columns) - 1))].focus_passages()
        self.call_after_refresh(self._show_heading)

    def on_descendant_focus(self) -> None:
        """A column clicked (or tabbed to) becomes the current source."""
        i = self._current()
        if i >= 0:
            self.at = self.first + i
        self._show_heading()

    @on(OptionList.OptionHighlighted, "#compare-list")
    def _row_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id is not None:
            self.at = int(event.option.id)

    def on_resize(self) -> None:
        if self.comparison is not None:
            self.call_after_refresh(self._refit)

    async def _refit(self) -> None:
        """Another size: as many whole columns as now fit, or the list's rows recut."""
        if self.as_list or len(self._columns()) != self._visible():
            focused = self.focused is not None and self.focused is not self.question
            await self._show_sources(focus=focused)

    def _columns(self) -> list[SourceColumn]:
        return list(self.query(SourceColumn))

    def _current(self) -> int:
        focused = self.focused
        for i, col in enumerate(self._columns()):
            if focused is not None and (focused is col or col in focused.ancestors):
                return i
        return -1

    async def action_column(self, step: int) -> None:
        """The previous or next source; columns not in view come in whole."""
        n = len(self.sources)
        if not n or self.as_list:
            return
        i = self._current()
        self.at = (self.first + i + step) % n if i >= 0 else self.first
        first = window_start(self.first, self.at, self._visible(), n)
        if first != self.first:
            self.first = first
            await self._show_sources(focus=True)
        else:
            self._focus_source()

    def action_to_columns(self) -> None:
        """To the sources: the current one (the first, after a new answer)."""
        if not self.sources:
            # No source reports it: the band says so.
            self.query_one("#compare-band", VerticalScroll).focus()
            return
        self._editing = False
        self._focus_source()

    async def action_view(self) -> None:
        """The list view, or the columns (v)."""
        self.view = "columns" if self.as_list else "list"
        await self._show_sources(focus=bool(self.sources))

    @on(OptionList.OptionSelected, ".passages")
    def _open(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        column = next((a for a in event.option_list.ancestors if isinstance(a, SourceColumn)), None)
        if column is None or event.option.id is None:
            return
        passage = column.source.passages[int(event.option.id)]
        self.app.post_message(OpenArticle(column.source.id, passage.start, passage.end))

    @on(OptionList.OptionSelected, "#compare-list")
    def _open_row(self, event: OptionList.OptionSelected) -> None:
        """A row of the list: its source, at its best passage."""
        event.stop()
        if event.option.id is None:
            return
        source = self.sources[int(event.option.id)]
        best = source.passages[0] if source.passages else None
        start, end = (best.start, best.end) if best else (None, None)
        self.app.post_message(OpenArticle(source.id, start, end))
