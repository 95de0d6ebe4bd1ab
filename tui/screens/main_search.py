"""The main screen's search and its list: the query typed in the box, the
search worker, its hits in the list and its words lit in the reading pane;
the list of every article when there is no query.

:class:`SearchScreen` holds what the search needs; the main screen extends it
with its layout, the library and the reading (``main.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from hollywood_ai.index import Article, source_name
from hollywood_ai.tui.document import clean
from hollywood_ai.tui.screens.failures import ReportsFailures
from hollywood_ai.tui.terms import Terms
from hollywood_ai.tui.widgets.article_list import ArticleEntries, ArticleList, Entry
from hollywood_ai.tui.widgets.reading_pane import ReadingPane
from hollywood_ai.tui.widgets.search_box import SearchBox
from textual import events, on, work
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static
from textual.worker import get_current_worker

if TYPE_CHECKING:
    from hollywood_ai.index import Hit, SearchResult
    from hollywood_ai.tui.app import ReaderApp

SEARCH_LIMIT = 50


@dataclass
class SearchDone(Message):
    """A search worker finished (the handler drops it if the query moved on)."""

    query: str
    sort: str
    result: SearchResult


class SearchScreen(ReportsFailures, Screen[None]):
    """The search box, its hint and the article list, and the search behind them."""

    articles: list[Article]
    by_id: dict[str, Article]
    query_text: str
    word_finished: bool
    terms: Terms
    search_sort: str
    index_ready: bool

    def __init__(self) -> None:
        super().__init__()
        self.articles = []
        self.by_id = {}
        self.query_text = ""
        self.word_finished = False
        self.terms = Terms()
        self.search_sort = "relevance"
        self.index_ready = False

    @property
    def reader(self) -> ReaderApp:
        return cast("ReaderApp", self.app)

    @property
    def sort(self) -> str:
        return self.reader.settings.sort

    @property
    def listing(self) -> ArticleList:
        return self.query_one(ArticleList)

    @property
    def pane(self) -> ReadingPane:
        return self.query_one(ReadingPane)

    @property
    def search_box(self) -> SearchBox:
        return self.query_one(SearchBox)

    # ------------------------------------------------------------- listing

    def hold(self, articles: list[Article]) -> bool:
        """Keep the library's articles for the list; False when these are the
        ones already kept."""
        if articles is self.articles:
            return False
        self.articles = articles
        self.by_id = {a.id: a for a in articles}
        return True

    def _sorted(self, articles: list[Article]) -> list[Article]:
        if self.sort == "title":
            return sorted(articles, key=lambda a: clean(a.title).casefold())
        return list(articles)  # the workspace gives newest first

    def _sort_label(self) -> Content:
        sort = self.search_sort if self.query_text else self.sort
        arrow = "newest first" if sort == "date" else ("A–Z" if sort == "title" else "best first")
        return Content(f"s: by {sort}, {arrow}")

    def _show_all(self, keep: str | None) -> None:
        self.listing.show(ArticleEntries(self._sorted(self.articles)), keep=keep)
        self.listing.border_title = Content(f"Articles ({len(self.articles):,})")
        self.listing.border_subtitle = self._sort_label()

    def _hint(self, text: str | None) -> None:
        hint = self.query_one("#search-hint", Static)
        hint.update(Content(text or ""))
        hint.set_class(bool(text), "-shown")

    # --------------------------------------------------------------- search

    def action_search(self) -> None:
        if isinstance(self.focused, SearchBox):
            # "/" typed in the box is text: queue it behind the keys before it.
            self.search_box.post_message(events.Key("slash", "/"))
            return
        self.set_class(False, "-list-hidden")
        self.add_class("-searching")
        # Shown inline (not only by the class) so it can take focus at once and
        # the keys typed right after "/" land in the box.
        self.search_box.display = True
        self.set_focus(self.search_box)
        self.refresh_bindings()

    @on(SearchBox.Changed, "#search")
    def _query_changed(self, event: SearchBox.Changed) -> None:
        self.query_text = event.value.strip()
        # A space after the last word says it is finished (see as_typed).
        self.word_finished = event.value.endswith((" ", "\t"))
        if not self.query_text:
            self._clear_results()
            return
        # The title follows the text at once; the count follows the search.
        self.listing.border_title = Content.assemble(
            "Searching ", (f"“{' '.join(clean(self.query_text).split())}”", "bold"), "…"
        )
        self._start_search()

    def _start_search(self) -> None:
        if not self.index_ready:
            self._hint("Waiting for the index; results follow as soon as it is ready.")
            return
        typed = self.query_text + (" " if self.word_finished else "")
        self.run_search(typed, self.search_sort)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def run_search(self, text: str, sort: str) -> None:
        from hollywood_ai.index import Cancelled, feed_search, search

        worker = get_current_worker()
        if worker.is_cancelled:
            return
        try:
            # A newer keystroke cancels this worker (exclusive=True): the
            # search stops at its next stage instead of finishing for nothing.
            result = (feed_search if "feed:" in text else search)(
                self.reader.workspace,
                text,
                SEARCH_LIMIT,
                sort,
                should_stop=lambda: worker.is_cancelled,
                typing=True,
            )
        except Cancelled:
            return
        if not worker.is_cancelled:
            self.post_message(SearchDone(text, sort, result))

    @on(SearchDone)
    async def _search_done(self, message: SearchDone) -> None:
        if message.query.strip() != self.query_text or message.sort != self.search_sort:
            return
        result = message.result
        entries = [
            Entry(
                h.id,
                h.title,
                self._source_name(h),
                h.published,
                h.snippet,
                tuple((int(s), int(e)) for s, e in h.spans),
                origin=self._origin(h.id),
            )
            for h in result.hits
        ]
        shown = len(entries)
        total = result.total
        count = f"{total:,}" if shown == total else f"{shown} of {total:,}"
        noun = "article matches" if total == 1 else "articles match"
        title = Content.assemble(
            f"{count} {noun} ", (f"“{' '.join(clean(message.query).split())}”", "bold")
        )
        self.listing.border_title = title
        self.listing.border_subtitle = self._sort_label()
        keep = self.listing.current_id
        self.listing.show(entries, keep=keep)
        self.terms = Terms.of(result)
        if not entries:
            hint: str | None = self._no_hits_text(result)
        elif result.suggestion:
            hint = f"Did you mean “{result.suggestion}”?"
        else:
            hint = None
        if result.note:
            hint = f"{result.note} {hint}" if hint else result.note
        self._hint(hint)
        self.pane.set_terms(self.terms)
        self.refresh_bindings()

    def _source_name(self, hit: Hit) -> str:
        article = self.by_id.get(hit.id)
        return article.source_name if article is not None else source_name(hit.outlet, hit.via)

    def _origin(self, article_id: str) -> str:
        article = self.by_id.get(article_id)
        return Entry.of(article).origin if article is not None else ""

    @staticmethod
    def _no_hits_text(result: SearchResult) -> str:
        if result.suggestion:
            return f"No article matches. Did you mean “{result.suggestion}”?"
        return "No article matches. Try fewer words, or a word's start with *."

    def _clear_results(self) -> None:
        self.workers.cancel_group(self, "search")
        self.query_text = ""
        self.terms = Terms()
        self._hint(None)
        self._show_all(self.listing.current_id)
        self.pane.set_terms(self.terms)
        self.refresh_bindings()

    def clear_search(self) -> None:
        """Esc: no query, every article, the box closed, the list focused."""
        with self.search_box.prevent(SearchBox.Changed):
            self.search_box.value = ""
        self._clear_results()
        self.remove_class("-searching")
        self.search_box.display = False
        self.listing.focus()

    @on(SearchBox.ToResults)
    def _to_results(self) -> None:
        self.listing.focus()

    @on(SearchBox.Cleared)
    def _cleared(self) -> None:
        self.clear_search()

    # -------------------------------------------------------------- actions

    def action_next_match(self) -> None:
        self.pane.next_match(1)

    def action_previous_match(self) -> None:
        self.pane.next_match(-1)

    def action_sort(self) -> None:
        if self.query_text:
            self.search_sort = "date" if self.search_sort == "relevance" else "relevance"
            self.listing.border_subtitle = self._sort_label()
            self._start_search()
            return
        self.reader.remember(sort="title" if self.sort == "date" else "date")
        self._show_all(self.listing.current_id)
