"""The w and Escape keys of the main screen: the list hidden for a full-width
reading pane and shown again, and Escape stepping back out of a search."""

from __future__ import annotations

from hollywood_ai.tui.screens.main_search import SearchScreen


class ListLayout(SearchScreen):
    """Hiding and showing the article list (a base of the main screen)."""

    def action_hide_list(self) -> None:
        if not self.has_class("-list-hidden"):
            self.action_toggle_list()

    def action_show_list(self) -> None:
        if self.has_class("-list-hidden"):
            self.action_toggle_list()

    def action_toggle_list(self) -> None:
        hidden = not self.has_class("-list-hidden")
        self.set_class(hidden, "-list-hidden")
        self.refresh_bindings()
        self.reader.remember(list_hidden=hidden)
        if hidden:
            self.pane.focus()
        else:
            self.listing.focus()

    def action_back(self) -> None:
        if self.query_text or self.has_class("-searching"):
            self.clear_search()
        elif self.pane.has_focus_within and not self.has_class("-list-hidden"):
            self.listing.focus()
