"""The main screen: search box and article list beside (or above) the reading pane.

The screen coordinates its widgets through their messages (the list says which
article is highlighted, the screen tells the pane what to show) and runs the
slow work (loading the library, indexing, searching) in thread workers that only
post messages back; handlers here, on the main thread, update the widgets. The
search and the list it fills are in ``main_search.py``.
"""

from __future__ import annotations

import threading

from hollywood_ai.index import Article, HollywoodError, SyncReport
from hollywood_ai.tui import collector
from hollywood_ai.tui.messages import ArticleSelected, IndexProgress, IndexReady, LibraryLoaded
from hollywood_ai.tui.screens.article_actions import ArticleActions
from hollywood_ai.tui.screens.failures import failure_text
from hollywood_ai.tui.screens.main_following import FollowingScreen
from hollywood_ai.tui.screens.main_layout import ListLayout
from hollywood_ai.tui.widgets.article_list import ArticleEntries, ArticleList, Entry
from hollywood_ai.tui.widgets.reading_pane import ReadingPane
from hollywood_ai.tui.widgets.search_box import SearchBox
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Footer, Header, Label, ProgressBar, Static

LIBRARY_POLL = 2.0  # seconds between looks for articles added by another process
# Below this many columns the list sits above the reading pane.
WIDE_FROM = 100


class MainScreen(ArticleActions, ListLayout, FollowingScreen):
    """Find, read and move between articles (the search: see main_search.py;
    feeds, unread marks and follows: main_following.py; removing and opening
    an article: article_actions.py; hiding the list: main_layout.py)."""

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
        Binding(
            "d",
            "remove_article",
            "Remove",
            show=False,
            tooltip="Remove the selected article (asks first)",
            id="main.remove",
        ),
        Binding(
            "o",
            "open_url",
            "Open in browser",
            show=False,
            tooltip="Open the selected article's address in the browser",
            id="main.open_url",
        ),
    ]

    def __init__(self, blink: bool = True) -> None:
        super().__init__()
        self.blink = blink
        self.rebuilding = False
        self.wanted: tuple[str, tuple[int, int] | None] | None = None
        self.showing = False
        self._late_mounted = False  # the status bar and footer (see _compose_late)
        self._progress: tuple[int, int] | None = None
        # Set once the first list is on screen; the library worker waits for
        # it before the index check, whose import would slow the first paint.
        self.list_painted = threading.Event()
        # Set once on_mount has shown the listing's head (or not): the whole
        # listing is then read after the first frame, not while it is drawn.
        self.head_decided = threading.Event()
        self.head_shown = False
        self.restore_scroll: float | None = None
        self.restore_id: str | None = None
        self.select_after_load: str | None = None

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
        """The status bar and the footer, mounted once the first frame is up
        (laying them out before it cost a tenth of the start-up)."""
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
        if self.refreshing:
            self._refresh_status(*self.refresh_shown)

    def on_mount(self) -> None:
        # The collector, paused by the command line, runs again once the first
        # frame is drawn: before the library worker, woken after it, reads the
        # whole listing of a large library (see collector.py).
        self.call_after_refresh(collector.resume)
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
        ws = self.reader.workspace
        ready = ws.ready_listing()
        head = ws.ready_head()
        # Read ahead while Textual loaded: the list (or, for a large library,
        # the listing's head when it holds the kept article) goes into the
        # first frame, only the rows it shows laid out, the rest after it.
        if ready:
            self._take_library(ready)
        elif head and self.sort == "date" and self.restore_id in {None, *(a.id for a in head[1])}:
            self._show_head(*head)
        self.head_decided.set()
        self._library_token = self.reader.workspace.library_token()
        self.set_interval(LIBRARY_POLL, self._watch_library)
        self.call_after_refresh(self._compose_late)

    def _watch_library(self) -> None:
        """Another process (an `add` in another terminal) changed the library:
        show its articles."""
        if self.refreshing:
            return  # the refresh's own lines say when its articles are stored
        if any(w.group == "library" and w.node is self and not w.is_finished for w in self.workers):
            return  # the library is being read (and a new home seeded): not a change to follow
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
        if self.refreshing:
            # The refresh's process is storing and indexing: the listing it
            # keeps after each batch is read, not the library (a read of
            # every article, which holds the GIL long enough to stall frames).
            listing = ws.last_listing()
            if listing is not None:
                self.listing.lay_out([Entry.of(a) for a in self._sorted(listing)])
                self.post_message(LibraryLoaded(listing))
                return
        if self.head_decided.wait(timeout=2.0) and self.head_shown:
            self.list_painted.wait(timeout=2.0)
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

    def worker_failed(self, group: str, error: BaseException) -> str | None:
        """A failed library worker leaves no progress bar behind."""
        if group == "library":
            self._set_busy(None)
        return failure_text(error)

    # ------------------------------------------------------- library, index

    def _show_head(self, count: int, articles: list[Article]) -> None:
        """The first rows of a large library, before its whole listing is read
        (which _take_library then shows, keeping the highlighted article)."""
        self.head_shown = True
        self.listing.show(ArticleEntries(articles), keep=self.restore_id)
        self.listing.border_title = Content(f"Articles ({count:,})")
        self.listing.border_subtitle = self._sort_label()
        self.call_after_refresh(self.list_painted.set)

    def _count_unread(self) -> None:
        if not (self.head_shown and not self.articles):  # the head's count holds till then
            super()._count_unread()

    def _take_library(self, articles: list[Article]) -> None:
        """Show these articles (unless they are the ones already shown)."""
        if not self.hold(articles):
            if self.select_after_load is not None:  # the list already had it (a poll)
                self.listing.select_id(self.select_after_load)
                self.select_after_load = None
            return
        keep = self.select_after_load or self.listing.current_id or self.restore_id
        self.select_after_load = None
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
        self.article_opened(article_id)
        self.pane.focus()

    def current_sentence(self) -> str:
        """What compare starts from: the query, the lit passage, or the sentence
        at the top of what is being read."""
        return self.query_text or self.pane.sentence()

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

    def reload(self, select: str | None = None) -> None:
        """The library changed: read it again, keeping the place, or selecting
        ``select`` (an article just added; a search is cleared to show it)."""
        if select is not None:
            self.select_after_load = select
            if self.query_text:
                self.clear_search()
        self.load_library()
