"""The search box above the list: the query as typed, with a hint line under it."""

from __future__ import annotations

from hollywood_ai.tui.widgets.query_input import QueryInput
from textual.binding import Binding
from textual.message import Message

# Short enough for the box above the list at 120 columns (? lists the rest).
PLACEHOLDER = 'Search: words, "a phrase", outlet:x'


class SearchBox(QueryInput):
    """Typing searches; Enter or ↓ goes to the results; Esc clears and closes."""

    BINDINGS = [
        Binding("enter", "to_results", "Results", id="search.results"),
        Binding("down", "to_results", "Results", show=False, id="search.down"),
        Binding("escape", "clear_search", "Clear search", id="search.clear"),
    ]

    DEFAULT_CSS = """
    SearchBox { border: round $primary-muted; margin: 0; }
    SearchBox:focus { border: round $accent; }
    """

    class ToResults(Message):
        """Enter in the search box: move to the list."""

    class Cleared(Message):
        """Esc in the search box: clear the search and show every article."""

    def __init__(self, *, id: str | None = None, blink: bool = True) -> None:
        super().__init__(placeholder=PLACEHOLDER, id=id, select_on_focus=False)
        self.cursor_blink = blink

    def action_to_results(self) -> None:
        self.post_message(self.ToResults())

    def action_clear_search(self) -> None:
        self.post_message(self.Cleared())
