"""The main screen: search box and article list beside (or above) the reading pane.

The screen coordinates its widgets through their messages (the list says which
article is highlighted, the screen tells the pane what to show) and runs the
slow work (loading the library, indexing, searching) in thread workers that only
post messages back; handlers here, on the main thread, update the widgets.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from hollywood_ai.index import Article, HollywoodError, SyncReport, plain, split_passages
from hollywood_ai.tui.document import clean, line_of
from hollywood_ai.tui.messages import ArticleSelected, IndexProgress, IndexReady, LibraryLoaded
from hollywood_ai.tui.terms import Terms, query_terms
from hollywood_ai.tui.widgets.article_list import FIRST_ROWS, ArticleList, Entry
from hollywood_ai.tui.widgets.reading_pane import ReadingPane
from hollywood_ai.tui.widgets.search_box import SearchBox
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Label, ProgressBar, Static
from textual.worker import Worker, WorkerState, get_current_worker

if TYPE_CHECKING:
    from hollywood_ai.index import SearchResult
    from hollywood_ai.tui.app import ReaderApp

# Below this many columns the list sits above the reading pane.
LIBRARY_POLL = 2.0  # seconds between looks for articles added by another process
WIDE_FROM = 100
SEARCH_LIMIT = 50


@dataclass
class SearchDone(Message):
    """A search worker finished (the handler drops it if the query moved on)."""

    query: str
    sort: str
    result: SearchResult


def worker_error_message(error: BaseException) -> str:
    if isinstance(error, HollywoodError):
        return str(error)
    return f"{type(error).__name__}: {error}"


class MainScreen(Screen[None]):
    """Find, read and move between articles."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (WIDE_FROM, "-wide")]

    BINDINGS = [
        # A priority binding runs as the key arrives, so the letters typed
        # right after it already find the search box focused.
        Binding("slash", "search", "Search", priority=True, id="main.search"),
        Binding("question_mark", "app.help", "Help", key_display="?", id="main.help"),
        Binding("n", "next_match", "Next match", id="main.next_match"),
        Binding("N", "previous_match", "Prev match", show=False, id="main.previous_match"),
        Binding("s", "sort", "Sort", show=False, id="main.sort"),
        Binding("w", "hide_list", "Full width", id="main.hide_list"),
        Binding("w", "show_list", "Show list", id="main.show_list"),
        Binding("escape", "back", "Back", show=False, id="main.back"),
    ]

    def __init__(self, blink: bool = True) -> None:
        super().__init__()
        self.blink = blink
        self.articles: list[Article] = []
        self.by_id: dict[str, Article] = {}
        self.query_text = ""
        self.terms = Terms()
        self.search_sort = "relevance"
        self.index_ready = False
        self.rebuilding = False
        self.wanted: tuple[str, tuple[int, int] | None] | None = None
        self.showing = False
        self._late_mounted = False  # the status bar and footer (see _compose_late)
        self._progress: tuple[int, int] | None = None
        # Set once the first list is on screen; the library worker waits for
        # it before the index check, whose import would slow the first paint.
        self.list_painted = threading.Event()
        self.restore_scroll: float | None = None
        self.restore_id: str | None = None

    @property
    def reader(self) -> ReaderApp:
        return cast("ReaderApp", self.app)

    @property
    def sort(self) -> str:
        return self.reader.settings.sort

    # ----------------------------------------------------------- composing

    def compose(self) -> ComposeResult:
        # Read the library while the widgets are built and laid out, so the
        # list goes in right after the first frame.
        self.load_library()
        yield Header()
        with Horizontal(id="main"):
            with Vertical(id="sidebar"):
                yield SearchBox(id="search", blink=self.blink)
                yield Static(id="search-hint", markup=False)
                yield ArticleList(id="list-pane")
            yield ReadingPane(id="reading-pane")
        # The status bar and the footer follow the first frame: see _compose_late.

    async def _compose_late(self) -> None:
        """The status bar and the footer, mounted once the first frame is up:
        the list is what a person waits for, and laying out a dozen footer
        keys and a progress bar before it cost a tenth of the start-up."""
        await self.mount(
            Horizontal(
                Label("Indexing", id="status-label", markup=False),
                ProgressBar(id="status-progress", show_eta=False),
                id="status",
            ),
            Footer(compact=True),
        )
        self._late_mounted = True
        if self._progress is not None:
            self._set_busy(self._progress)

    @property
    def listing(self) -> ArticleList:
        return self.query_one(ArticleList)

    @property
    def pane(self) -> ReadingPane:
        return self.query_one(ReadingPane)

    @property
    def search_box(self) -> SearchBox:
        return self.query_one(SearchBox)

    def on_mount(self) -> None:
        settings = self.reader.settings
        self.restore_id = settings.article
        self.restore_scroll = settings.scroll or None
        self.set_class(settings.list_hidden, "-list-hidden")
        self.listing.border_title = Content("Articles")
        self.listing.border_subtitle = self._sort_label()
        self.pane.border_title = Content("Article")
        self.listing.set_compact(self.size.width < WIDE_FROM)
        if settings.list_hidden:
            self.pane.focus()
        else:
            self.listing.focus()
        ready = self.reader.workspace.ready_listing()
        # Read ahead while Textual loaded: a list that fits a screen goes into
        # the first frame; a long one comes with the library worker, its rows
        # filled in chunks after the first paint.
        if ready and len(ready) <= FIRST_ROWS:
            self._take_library(ready)
        self._library_token = self.reader.workspace.library_token()
        self.set_interval(LIBRARY_POLL, self._watch_library)
        self.call_after_refresh(self._compose_late)

    def _watch_library(self) -> None:
        """Another process (an `add` in another terminal) changed the library:
        show its articles."""
        token = self.reader.workspace.library_token()
        if token != self._library_token:
            self._library_token = token
            self.reload()

    def on_resize(self) -> None:
        self.listing.set_compact(self.size.width < WIDE_FROM)

    def on_key(self, event: events.Key) -> None:
        """Letters typed right after "/" (before the box had the focus) were
        sent to the list; once they bubble up here, put them in the box rather
        than let them run as keys."""
        box = self.search_box
        if isinstance(self.focused, SearchBox) and event.is_printable and event.character:
            event.stop()
            event.prevent_default()
            box.insert_text_at_cursor(event.character)

    # -------------------------------------------------------------- workers

    @work(thread=True, exclusive=True, group="library", exit_on_error=False)
    def load_library(self) -> None:
        ws = self.reader.workspace
        ws.seed_if_empty()
        ws.invalidate()
        self._library_token = ws.library_token()
        self.post_message(LibraryLoaded(ws.listing()))
        self.list_painted.wait(timeout=2.0)
        if ws.needs_sync():
            total = len(ws.articles())
            self.post_message(IndexProgress(0, total))
            report = ws.sync(lambda done, total: self.post_message(IndexProgress(done, total)))
            self.post_message(IndexReady(report))
        else:
            self.post_message(IndexReady(SyncReport()))

    @work(thread=True, exclusive=True, group="library", exit_on_error=False)
    def rebuild_index(self) -> None:
        ws = self.reader.workspace
        self.rebuilding = True
        total = len(ws.articles())
        self.post_message(IndexProgress(0, total))
        report = ws.sync(
            lambda done, total: self.post_message(IndexProgress(done, total)), rebuild=True
        )
        self.post_message(IndexReady(report))

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def run_search(self, text: str, sort: str) -> None:
        from hollywood_ai.index import Cancelled, search

        worker = get_current_worker()
        if worker.is_cancelled:
            return
        try:
            # A newer keystroke cancels this worker (exclusive=True): the
            # search stops at its next stage instead of finishing for nothing.
            result = search(
                self.reader.workspace,
                text,
                SEARCH_LIMIT,
                sort,
                should_stop=lambda: worker.is_cancelled,
            )
        except Cancelled:
            return
        if not worker.is_cancelled:
            self.post_message(SearchDone(text, sort, result))

    @on(Worker.StateChanged)
    def _worker_state(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            if event.worker.group == "library":
                self._set_busy(None)
            self.notify(
                worker_error_message(event.worker.error),
                title="Something went wrong",
                severity="error",
                markup=False,
                timeout=8,
            )

    # ------------------------------------------------------- library, index

    def _take_library(self, articles: list[Article]) -> None:
        """Show these articles (unless they are the ones already shown)."""
        if articles is self.articles:
            return
        self.articles = articles
        self.by_id = {a.id: a for a in articles}
        keep = self.listing.current_id or self.restore_id
        if self.query_text and self.index_ready:
            self._start_search()
        elif not self.query_text:
            self._show_all(keep)
        self.call_after_refresh(self.list_painted.set)

    @on(LibraryLoaded)
    async def _library_loaded(self, message: LibraryLoaded) -> None:
        self._take_library(message.articles)
        if not self.articles:
            await self.pane.clear()
            self._hint("The library is empty: press a to add articles.")
        elif not self.query_text:
            self._hint(None)
        damaged = self.reader.workspace.damaged
        if damaged:
            self.notify(
                f"{len(damaged)} stored article(s) could not be read and were skipped: "
                + ", ".join(damaged[:3]),
                severity="warning",
                markup=False,
            )

    @on(IndexProgress)
    def _index_progress(self, message: IndexProgress) -> None:
        self._set_busy((message.done, message.total))

    @on(IndexReady)
    def _index_ready(self, message: IndexReady) -> None:
        self._set_busy(None)
        self.index_ready = True
        if self.rebuilding:
            self.rebuilding = False
            self.notify(
                f"The index was rebuilt: {len(self.articles)} articles.",
                title="Index",
                markup=False,
            )
        if self.query_text:
            self._start_search()

    def _set_busy(self, progress: tuple[int, int] | None) -> None:
        self.set_class(progress is not None, "-busy")
        self._progress = progress
        if progress is None:
            self.reader.sub_title = self.reader.SUB_TITLE
            return
        done, total = progress
        self.reader.sub_title = f"indexing {done}/{total}"
        if not self._late_mounted:
            return  # shown once the status bar is mounted
        self.query_one("#status-label", Label).update(
            f"Indexing {done:,} of {total:,} articles; the list works meanwhile"
        )
        bar = self.query_one("#status-progress", ProgressBar)
        bar.update(total=max(total, 1), progress=done)

    # ------------------------------------------------------------- listing

    def _sorted(self, articles: list[Article]) -> list[Article]:
        if self.sort == "title":
            return sorted(articles, key=lambda a: clean(a.title).casefold())
        return list(articles)  # the workspace gives newest first

    def _sort_label(self) -> Content:
        sort = self.search_sort if self.query_text else self.sort
        arrow = "newest first" if sort == "date" else ("A–Z" if sort == "title" else "best first")
        return Content(f"s: by {sort}, {arrow}")

    def _show_all(self, keep: str | None) -> None:
        self.listing.show([Entry.of(a) for a in self._sorted(self.articles)], keep=keep)
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
        if not self.query_text:
            self._clear_results()
            return
        self._start_search()

    def _start_search(self) -> None:
        if not self.index_ready:
            self._hint("Waiting for the index; results follow as soon as it is ready.")
            return
        self.run_search(self.query_text, self.search_sort)

    @on(SearchDone)
    async def _search_done(self, message: SearchDone) -> None:
        if message.query != self.query_text or message.sort != self.search_sort:
            return
        result = message.result
        entries = [
            Entry(
                h.id,
                h.title,
                h.outlet,
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
        self.terms = query_terms(message.query)
        if not entries:
            self._hint(self._no_hits_text(result))
        elif result.suggestion:
            self._hint(f"Did you mean “{result.suggestion}”?")
        else:
            self._hint(None)
        self.pane.set_terms(self.terms)
        self.refresh_bindings()

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

    # -------------------------------------------------------------- reading

    @on(ArticleSelected)
    def _article_selected(self, message: ArticleSelected) -> None:
        # Coalesce: while one article is being drawn, quick j/k presses only
        # move the wanted id; the loop draws the latest when it is free.
        self.want(message.article_id)

    def want(self, article_id: str, passage: tuple[int, int] | None = None) -> None:
        """Ask for an article to be drawn (the latest request wins)."""
        self.wanted = (article_id, passage)
        if not self.showing:
            self.showing = True
            self.run_worker(self._show_wanted(), group="show", exit_on_error=False)

    async def _show_wanted(self) -> None:
        if self.pane.article is None:
            # The first article waits until the list is on screen: drawing it
            # costs more than the rest of the first screen.
            await self.wait_for_refresh()
        try:
            while self.wanted is not None:
                (article_id, passage), self.wanted = self.wanted, None
                await self.show_article(article_id, passage)
        finally:
            self.showing = False

    @on(ArticleList.Opened)
    def _article_opened(self, message: ArticleList.Opened) -> None:
        if self.pane.article is None or self.pane.article.id != message.article_id:
            self.want(message.article_id)
        self.pane.focus()

    async def show_article(
        self, article_id: str, passage: tuple[int, int] | None = None
    ) -> Article | None:
        article = self.by_id.get(article_id)
        if article is None or not article.body:
            # The list holds articles without their bodies (read from the
            # index at start-up): read this one from the library.
            try:
                article = self.reader.workspace.get(article_id)
            except HollywoodError as exc:
                self.notify(str(exc), severity="error", markup=False)
                return None
        scroll = None
        if self.restore_scroll is not None and article.id == self.restore_id:
            scroll = self.restore_scroll
        self.restore_scroll = None
        await self.pane.show(article, self.terms, passage, scroll)
        self.reader.remember(article=article.id)
        self.refresh_bindings()
        return article

    def open_article(self, article_id: str, start: int | None, end: int | None) -> None:
        """Select ``article_id`` in the list, show it, scroll to [start, end)."""
        if not self.listing.select_id(article_id) and self.query_text:
            self.clear_search()
            self.listing.select_id(article_id)
        passage = (start, end if end is not None else start) if start is not None else None
        self.want(article_id, passage)
        self.pane.focus()

    def current_sentence(self) -> str:
        """What compare starts from: the query, the lit passage, or the sentence
        at the top of what is being read."""
        if self.query_text:
            return self.query_text
        pane = self.pane
        article = pane.article
        if article is None:
            return ""
        if pane.passage is not None and pane.passage_span is not None:
            # The lit passage's own text (not the words as drawn, which add
            # link targets), found by its offsets.
            start, end = pane.passage_span
            for passage in split_passages(article):
                if (passage.start, passage.end) == (start, end):
                    return clean(passage.text)
            return clean(plain(article.body[start:end]))
        block = pane.top_block() if pane.scroll_y > 0 or pane.has_focus else None
        if block is None:
            return ""
        for passage in split_passages(article):
            if line_of(article.body, passage.start) >= block.lines[0]:
                return clean(passage.text)
        return ""

    # --------------------------------------------------------------- actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "hide_list":
            return not self.has_class("-list-hidden")
        if action == "show_list":
            return self.has_class("-list-hidden")
        if action in ("next_match", "previous_match"):
            if not self.query_text:
                return False
            return True if self.pane.matches else None
        return True

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

    def reload(self) -> None:
        """The library changed: read it again, keeping the place."""
        self.load_library()
