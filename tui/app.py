"""The reader: a Textual app over the engine in ``hollywood_ai.index``."""

from __future__ import annotations

from pathlib import Path

from hollywood_ai.index.errors import HollywoodError
from hollywood_ai.index.workspace import Workspace
from hollywood_ai.tui.messages import ArticleSelected, IndexProgress, IndexReady, LibraryLoaded
from hollywood_ai.tui.widgets.article_list import ArticleList
from hollywood_ai.tui.widgets.reading_pane import ReadingPane
from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Footer, Header
from textual.worker import Worker, WorkerState


class ReaderApp(App[None]):
    """hollywood-ai: read and compare coverage of AI in film and TV."""

    CSS_PATH = "app.tcss"
    TITLE = "hollywood-ai"
    SUB_TITLE = "AI in film and TV, as each outlet tells it"

    BINDINGS = [
        Binding("q", "quit", "Quit", id="quit"),
        Binding("tab", "focus_next", "Next pane", show=False, id="focus_next"),
    ]

    def __init__(self, home: str | Path | None = None, workspace: Workspace | None = None) -> None:
        super().__init__()
        self.workspace = workspace or Workspace(home)

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            yield ArticleList(id="list-pane")
            yield ReadingPane(id="reading-pane")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(ArticleList).border_title = "Articles"
        self.query_one(ArticleList).focus()
        self.load_library()

    # --------------------------------------------------------------- workers

    @work(thread=True, exclusive=True, group="library", exit_on_error=False)
    def load_library(self) -> None:
        ws = self.workspace
        ws.seed_if_empty()
        self.post_message(LibraryLoaded(ws.articles()))
        if ws.needs_sync():
            report = ws.sync(lambda done, total: self.post_message(IndexProgress(done, total)))
            self.post_message(IndexReady(report))

    @on(Worker.StateChanged)
    def _worker_failed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            err = event.worker.error
            message = (
                str(err) if isinstance(err, HollywoodError) else f"{type(err).__name__}: {err}"
            )
            self.notify(message, title="Something went wrong", severity="error", markup=False)

    # -------------------------------------------------------------- messages

    @on(LibraryLoaded)
    def _library_loaded(self, message: LibraryLoaded) -> None:
        listing = self.query_one(ArticleList)
        listing.show(message.articles)
        listing.border_title = f"Articles ({len(message.articles)})"

    @on(IndexProgress)
    def _index_progress(self, message: IndexProgress) -> None:
        self.sub_title = f"indexing {message.done}/{message.total}"

    @on(IndexReady)
    def _index_ready(self, message: IndexReady) -> None:
        self.sub_title = type(self).SUB_TITLE

    @on(ArticleSelected)
    def _article_selected(self, message: ArticleSelected) -> None:
        try:
            article = self.workspace.get(message.article_id)
        except HollywoodError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.query_one(ReadingPane).show(article)


def run_reader(home: str | None = None) -> int:
    ReaderApp(home=home).run()
    return 0
