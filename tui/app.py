"""The reader: a Textual app over the engine in ``hollywood_ai.index``.

Build it with :func:`create_app` (tests pass a fixed home and theme); run it
with :func:`run_reader` (the command line does).
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import logging
import os
import sys
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hollywood_ai.index import Article, Workspace
from hollywood_ai.tui.logs import setup_logging
from hollywood_ai.tui.messages import LibraryChanged, OpenArticle, WorkerFailed
from hollywood_ai.tui.screens.failures import ShowsFailures, failure_text
from hollywood_ai.tui.screens.help import HelpScreen, class_bindings, rows, screen_rows
from hollywood_ai.tui.screens.main import MainScreen
from hollywood_ai.tui.settings import Settings
from hollywood_ai.tui.widgets.article_list import ArticleList
from hollywood_ai.tui.widgets.reading_pane import ReadingPane
from hollywood_ai.tui.widgets.search_box import SearchBox
from textual import on
from textual.app import App
from textual.binding import Binding
from textual.css.query import NoMatches
from textual.screen import Screen

if TYPE_CHECKING:
    from textual.command import Provider

log = logging.getLogger(__name__)

DEFAULT_THEME = "textual-dark"
SAVE_DELAY = 0.5


def reader_commands() -> type[Provider]:
    """The palette's provider, imported when the palette first opens: Textual's
    command module is not needed to show the first screen."""
    from hollywood_ai.tui.palette import ReaderCommands

    return ReaderCommands


class ReaderApp(App[None]):
    """hollywood-ai: read and compare coverage of AI in film and TV."""

    CSS_PATH = "app.tcss"
    TITLE = "hollywood-ai"
    SUB_TITLE = "AI in film and TV, as each outlet tells it"
    # Our provider only: a set of several providers has no fixed order, and ours
    # covers the system commands that matter here (theme, keys, quit).
    COMMANDS = {reader_commands}

    BINDINGS = [
        Binding("c", "compare", "Compare", id="app.compare"),
        Binding("f", "facts", "Facts", id="app.facts"),
        Binding("a", "add", "Add", id="app.add"),
        Binding("question_mark", "help", "Help", show=False, key_display="?", id="app.help"),
        Binding("f1", "help", "Help", show=False, id="app.help_f1"),
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("tab", "focus_next", "Next pane", show=False, id="app.focus_next"),
        Binding("shift+tab", "focus_previous", "Previous pane", show=False, id="app.focus_prev"),
    ]

    def __init__(
        self,
        home: str | Path | None = None,
        workspace: Workspace | None = None,
        *,
        theme: str | None = None,
        remember: bool = True,
        blink: bool = True,
    ) -> None:
        super().__init__()
        self.workspace = workspace or Workspace(home)
        self.remember_settings = remember
        self.settings = Settings.load(self.workspace.home) if remember else Settings()
        self.workspace.index_memory = self.settings.index_memory
        self.fixed_theme = theme
        self.blink = blink
        self._save_timer: Any = None

    # --------------------------------------------------------------- screens

    def get_default_screen(self) -> Screen[Any]:
        return MainScreen(blink=self.blink)

    @property
    def main_screen(self) -> MainScreen:
        screen = self.screen_stack[0] if self.screen_stack else None
        if not isinstance(screen, MainScreen):
            raise RuntimeError("the main screen is not running")
        return screen

    def on_mount(self) -> None:
        wanted = self.fixed_theme or self.settings.theme or DEFAULT_THEME
        self.theme = wanted if wanted in self.available_themes else DEFAULT_THEME
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        if self.settings.keymap:
            self.set_keymap(self.settings.keymap)
            # Checked once the first screen is drawn (it imports every screen).
            self.call_after_refresh(self._warn_unknown_keymap_ids)

    def binding_ids(self) -> set[str]:
        """The id of every binding of every screen (what a keymap may name)."""
        from hollywood_ai.tui.screens.add import AddScreen, PathInput
        from hollywood_ai.tui.screens.compare import (
            CompareScreen,
            PassageList,
            SourceColumn,
            SourceList,
        )
        from hollywood_ai.tui.screens.confirm import ConfirmScreen
        from hollywood_ai.tui.screens.facts import FactsScreen, FactsTable
        from hollywood_ai.tui.screens.story_picker import StoryPicker

        classes: list[type[Any]] = [type(self), MainScreen, SearchBox, ArticleList, ReadingPane]
        classes += [PassageList, SourceColumn, SourceList, CompareScreen, FactsTable, FactsScreen]
        classes += [StoryPicker, AddScreen, PathInput, HelpScreen, ConfirmScreen]
        return {
            binding.id
            for node_class in classes
            for klass in node_class.__mro__
            for binding in Binding.make_bindings(klass.__dict__.get("BINDINGS") or [])
            if binding.id
        }

    def _warn_unknown_keymap_ids(self) -> None:
        unknown = sorted(set(self.settings.keymap) - self.binding_ids())
        if unknown:
            self.notify(
                f"The keymap in settings.json names {', '.join(unknown)}, which no key has; "
                "the help (?) lists each key's id, so correct or remove "
                + ("them." if len(unknown) > 1 else "it."),
                title="Settings",
                severity="warning",
                markup=False,
                timeout=12,
            )

    def _theme_changed(self, theme: object) -> None:
        if self.fixed_theme is None:
            self.remember(theme=self.theme)

    def workspace_articles(self) -> list[Article]:
        try:
            return self.main_screen.articles
        except RuntimeError:
            return []

    # -------------------------------------------------------------- settings

    def remember(self, **changes: Any) -> None:
        """Change settings and save them shortly (coalescing quick changes)."""
        for key, value in changes.items():
            setattr(self.settings, key, value)
        if not self.remember_settings:
            return
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(SAVE_DELAY, self.save_settings)

    def save_settings(self) -> None:
        self._save_timer = None
        if not self.remember_settings:
            return
        try:
            pane = self.main_screen.pane
        except (RuntimeError, NoMatches):  # the main screen is not (or no longer) there
            pane = None
        if pane is not None and pane.article is not None:
            self.settings.article = pane.article.id
            self.settings.scroll = round(float(pane.scroll_y), 1)
        self.settings.save(self.workspace.home)

    async def action_quit(self) -> None:
        self.save_settings()
        with contextlib.suppress(RuntimeError):
            self.main_screen.stop_refresh()  # it ends in its own process, keeping what it read
        # The work under way is no longer wanted; a thread blocked in a fetch
        # does not see the cancel, and run_reader does not wait for it.
        self.workers.cancel_all()
        self.exit()

    # --------------------------------------------------------------- actions

    def help_sections(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """Every key of every screen, once, grouped by where it works."""
        from hollywood_ai.tui.screens.add import AddScreen, PathInput
        from hollywood_ai.tui.screens.compare import (
            CompareScreen,
            PassageList,
            SourceColumn,
            SourceList,
        )
        from hollywood_ai.tui.screens.facts import FactsScreen, FactsTable
        from hollywood_ai.tui.screens.main_following import FollowingScreen
        from hollywood_ai.tui.screens.story_picker import StoryPicker

        return [
            (
                "Everywhere",
                [
                    *rows(class_bindings(type(self))),
                    ("Ctrl+P", "Command palette: commands, themes and articles by title"),
                ],
            ),
            ("Reader", screen_rows(MainScreen, FollowingScreen, skip={"help"})),
            (
                "Search box",
                [
                    *rows(list(Binding.make_bindings(SearchBox.BINDINGS))),
                    ("← → Home End", "Edit the query as in any text box"),
                ],
            ),
            ("Article list", rows(class_bindings(ArticleList), skip=_SIDEWAYS)),
            ("Reading pane", rows(class_bindings(ReadingPane, skip=_SIDEWAYS))),
            (
                "Compare",
                [
                    ("Enter", "In the question: compare it, then go to the sources"),
                    *screen_rows(PassageList, SourceColumn, SourceList, CompareScreen),
                    ("Tab", "Between the question, the differences and the sources"),
                ],
            ),
            (
                "Facts",
                screen_rows(FactsTable, FactsScreen, skip={"compare"}),
            ),
            (
                "Story list (t in compare or facts)",
                [
                    ("Enter", "Compare or list facts in the highlighted story"),
                    *screen_rows(StoryPicker),
                ],
            ),
            (
                "Add articles (a)",
                [
                    ("Enter", "Add the files, folders, URLs or feeds typed"),
                    *screen_rows(AddScreen, PathInput),
                ],
            ),
            ("Help", screen_rows(HelpScreen)),
        ]

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss()
            return
        self.push_screen(HelpScreen(self.help_sections()))

    def action_search(self) -> None:
        self._to_main()
        self.main_screen.action_search()

    def action_rebuild_index(self) -> None:
        self._to_main()
        self.main_screen.rebuild_index()

    def _screen_class(self, module: str, name: str) -> Any:
        """A screen class from ``module``, or None (with a notice) when absent."""
        full = f"hollywood_ai.tui.screens.{module}"
        try:
            return getattr(importlib.import_module(full), name)
        except ModuleNotFoundError as exc:
            if exc.name != full:
                raise
            self.notify(
                f"{name.removesuffix('Screen')} is not available in this version.",
                severity="warning",
                markup=False,
            )
            return None

    def action_compare(self) -> None:
        main = self.main_screen
        on_main = self.screen is main
        text = main.current_sentence() if on_main else ""
        screen_class = self._screen_class("compare", "CompareScreen")
        if screen_class is not None:
            self.push_screen(screen_class(self.workspace, text=text, story=None))

    def action_facts(self) -> None:
        screen_class = self._screen_class("facts", "FactsScreen")
        if screen_class is not None:
            self.push_screen(screen_class(self.workspace, story=None))

    def action_add(self) -> None:
        screen_class = self._screen_class("add", "AddScreen")
        if screen_class is not None:
            self.push_screen(screen_class(self.workspace))

    def open_article_by_id(self, article_id: str) -> None:
        self.post_message(OpenArticle(article_id))

    def _to_main(self) -> None:
        while len(self.screen_stack) > 1 and self.screen is not self.main_screen:
            self.pop_screen()

    # -------------------------------------------------------------- messages

    @on(OpenArticle)
    def _open_article(self, message: OpenArticle) -> None:
        self._to_main()
        self.main_screen.open_article(message.article_id, message.start, message.end)

    @on(LibraryChanged)
    def _library_changed(self, message: LibraryChanged) -> None:
        self.main_screen.reload(select=message.select)

    @on(WorkerFailed)
    def _worker_failed(self, message: WorkerFailed) -> None:
        """A worker of any screen failed: the screen shows it where it belongs
        (its hook), the person gets one notice."""
        worker = message.worker
        if worker.error is None:
            return
        node = worker.node
        if isinstance(node, ShowsFailures):
            text = node.worker_failed(worker.group, worker.error)
        else:
            text = failure_text(worker.error)
        if text:
            self.notify(
                text, title="Something went wrong", severity="error", markup=False, timeout=8
            )


# Sideways scrolling: nothing in the reader is wider than its pane.
_SIDEWAYS = {"scroll_left", "scroll_right", "page_left", "page_right"}


def create_app(
    home: str | Path | None = None,
    *,
    theme: str | None = None,
    remember: bool = True,
    blink: bool = True,
) -> ReaderApp:
    """The reader on ``home``; tests fix ``theme`` and switch ``blink`` off."""
    return ReaderApp(home=home, theme=theme, remember=remember, blink=blink)


def run_reader(workspace: Workspace, *, debug: bool = False) -> int:
    """The reader on ``workspace`` until it quits; non-zero when an unexpected
    error stopped it (Textual prints its traceback; the log keeps it too)."""
    setup_logging(workspace.home, debug=debug)
    app = ReaderApp(workspace=workspace)
    # A loop of our own: asyncio.run would wait, after the app, for every
    # thread of its executor, a worker blocked in a fetch included.
    loop = asyncio.new_event_loop()
    try:
        app.run(loop=loop)
    finally:
        with contextlib.suppress(Exception):
            loop.run_until_complete(loop.shutdown_asyncgens())
        loop.close()  # the executor's threads are not waited for
    if app.return_code:
        # The first error Textual stopped on (a private attribute: read, never set).
        crash = getattr(app, "_exception", None)
        log.error("the reader stopped on an unexpected error", exc_info=crash)
    code = app.return_code or 0
    _end_unfinished_work(code)
    return code


#: How long a quit waits for the work threads (an add, a search) to finish.
QUIT_GRACE = 0.5


def _end_unfinished_work(code: int) -> None:
    """End the process now when work threads outlive the reader's grace: a
    worker blocked in a fetch or a slow read would otherwise keep the process
    alive, without a screen, until its deadline (Python waits for such threads
    at exit). What they were writing is safe: every write to the library and
    the index is atomic, as after a kill."""
    me = threading.current_thread()
    deadline = time.monotonic() + QUIT_GRACE
    for thread in threading.enumerate():
        if thread is not me and not thread.daemon:
            thread.join(max(0.0, deadline - time.monotonic()))
    if any(t.is_alive() and t is not me and not t.daemon for t in threading.enumerate()):
        log.info("the reader quit with work unfinished; the process ends without it")
        logging.shutdown()
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
        os._exit(code)
