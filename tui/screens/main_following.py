"""The main screen's feeds and follows: ``r`` refreshes the subscribed feeds
in a worker (progress in the status bar, the list updated as each feed's
articles are stored, keys working meanwhile), unread articles are marked in
the list and counted in its border, opening one marks it read, ``u``
toggles, and ``F`` follows the highlighted article's story. The setting
``refresh_minutes`` refreshes on a timer while the reader is open.

The search and the list are in main_search.py, the rest of the screen in
main.py; this class sits between them."""

from __future__ import annotations

import gc
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from hollywood_ai.index import strip_controls
from hollywood_ai.tui.refresh_process import RefreshProcess
from hollywood_ai.tui.screens.main_search import SearchScreen
from hollywood_ai.tui.screens.story_news import FollowsStories
from hollywood_ai.tui.widgets.article_list import ArticleList
from textual import on, work
from textual.binding import Binding
from textual.content import Content
from textual.css.query import NoMatches
from textual.message import Message
from textual.widgets import Label, ProgressBar

if TYPE_CHECKING:
    from hollywood_ai.index import Subscription


#: Seconds between a refresh's notice and the status bar's going.
HIDE_DELAY = 0.25


@dataclass
class UnreadLoaded(Message):
    """The unread articles and the subscriptions, read from the home."""

    unread: set[str]
    feeds: list[Subscription] = field(default_factory=list)


@dataclass
class FeedRefreshed(Message):
    """A feed of a refresh is done, or articles were stored; ``added``: the
    articles stored since the last such message."""

    done: int
    total: int
    added: list[str]


@dataclass
class RefreshFinished(Message):
    """A refresh ended: what to tell (and whether anything failed)."""

    text: str
    failed: bool = False


class FollowingScreen(FollowsStories, SearchScreen):
    _collector_frozen = False  # see action_refresh_feeds

    BINDINGS = [
        Binding(
            "r",
            "refresh_feeds",
            "Refresh",
            show=False,
            tooltip="Refresh the feeds in the background (r again stops it)",
            id="main.refresh",
        ),
        Binding(
            "u",
            "toggle_read",
            "Read/unread",
            show=False,
            tooltip="Mark the article read, or unread again",
            id="main.toggle_read",
        ),
        Binding(
            "F",
            "follow_story",
            "Follow",
            show=False,
            tooltip="Follow the story (N in compare or facts: what is new)",
            id="main.follow",
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.unread: set[str] = set()
        self.feeds: list[Subscription] = []
        self.refreshing = False
        self._refresh: RefreshProcess | None = None
        self.refresh_shown: tuple[str | None, tuple[int, int] | None] = (None, None)

    @property
    def workspace(self) -> Any:  # FollowsStories works on the reader's workspace
        return self.reader.workspace

    def follow_target(self) -> tuple[str | None, str | None]:
        return None, self.listing.current_id

    def on_mount(self) -> None:
        self.load_unread()
        minutes = self.reader.settings.refresh_minutes
        if minutes:
            self.set_interval(minutes * 60, self._timed_refresh)

    def _timed_refresh(self) -> None:
        if not self.refreshing:
            self.action_refresh_feeds(quiet=True)

    # ---------------------------------------------------------------- unread

    @work(thread=True, exclusive=True, group="unread", exit_on_error=False)
    def load_unread(self) -> None:
        from hollywood_ai.index import subscriptions, unread_ids

        ws = self.reader.workspace
        self.post_message(UnreadLoaded(unread_ids(ws), subscriptions(ws)))

    @on(UnreadLoaded)
    def _unread_loaded(self, message: UnreadLoaded) -> None:
        self.unread = message.unread
        self.feeds = message.feeds
        self.listing.set_unread(self.unread)
        self._count_unread()

    def _show_all(self, keep: str | None) -> None:
        super()._show_all(keep)
        self._count_unread()

    def _count_unread(self) -> None:
        if self.query_text:
            return  # the border counts the search's results
        count = sum(1 for a in self.articles if a.id in self.unread)
        title = f"Articles ({len(self.articles):,})"
        self.listing.border_title = Content.assemble(
            title, (f" · {count:,} unread", "bold $accent") if count else ""
        )

    def _set_read(self, article_id: str, unread: bool) -> None:
        """Mark an article read or unread: at once on screen, then in the home."""
        if (article_id in self.unread) == unread:
            return
        if unread:
            self.unread.add(article_id)
        else:
            self.unread.discard(article_id)
        self.listing.set_unread(self.unread, changed=article_id)
        self._count_unread()
        self.save_read(article_id, unread)

    @work(thread=True, group="read", exit_on_error=False)
    def save_read(self, article_id: str, unread: bool) -> None:
        from hollywood_ai.index import mark_read, mark_unread

        (mark_unread if unread else mark_read)(self.reader.workspace, [article_id])

    @on(ArticleList.Opened)
    def _opened_marks_read(self, message: ArticleList.Opened) -> None:
        self._set_read(message.article_id, False)

    def article_opened(self, article_id: str) -> None:
        """An article opened from elsewhere (compare, facts) is read too."""
        self._set_read(article_id, False)

    def action_toggle_read(self) -> None:
        article_id = self.listing.current_id
        if article_id is not None:
            self._set_read(article_id, article_id not in self.unread)

    def action_mark_all_read(self) -> None:
        self.unread = set()
        self.listing.set_unread(self.unread)
        self._count_unread()
        self.save_all_read()

    @work(thread=True, group="read", exit_on_error=False)
    def save_all_read(self) -> None:
        from hollywood_ai.index import mark_all_read

        mark_all_read(self.reader.workspace)

    def show_feed(self, url: str) -> None:
        """List a feed's articles: ``feed:URL`` in the search box."""
        self.action_search()
        self.search_box.value = f"feed:{url}"

    # --------------------------------------------------------------- refresh

    def action_refresh_feeds(self, quiet: bool = False) -> None:
        """Refresh in the background; a second ``r`` stops the refresh."""
        if self.refreshing:
            if quiet or self._refresh is None or self._refresh.stopping:
                return
            self._refresh.stop()
            self._refresh_status("Stopping the refresh; what it has read is kept…", None)
            return
        self.refreshing = True
        # What is alive now (the reader itself, mostly, alive until it quits)
        # is left out of the collector's full passes: one over the reader's
        # objects (Textual's, the list's rows) took 50 to 70 ms of a frame.
        # Freed by reference counting as before; only cycles among them stay
        # (widgets alive now and removed later). Unfreezing when the refresh
        # ends would bring back that full pass, a frame of 110 to 130 ms, at
        # its end: the cost of what they may leak is the smaller one. Once a
        # run of the reader: what later refreshes find is collected as usual.
        if not self._collector_frozen:
            gc.freeze()
            self._collector_frozen = True
        self._refresh_status("Refreshing the feeds… (r again stops)", None)
        self._refresh = RefreshProcess(self.reader.workspace.home)
        self.refresh_worker(self._refresh, quiet)  # starts it (off the event loop)

    def stop_refresh(self) -> None:
        """The reader quits: a refresh under way ends (keeping what it read)."""
        if self._refresh is not None:
            self._refresh.stop()

    def on_unmount(self) -> None:
        self.stop_refresh()

    @work(thread=True, exclusive=True, group="refresh", exit_on_error=False)
    def refresh_worker(self, process: RefreshProcess, quiet: bool) -> None:
        """Read the refresh's lines (the work is in its own process: refresh_process.py)."""
        report: dict[str, Any] | None = None
        followed: list[dict[str, Any]] = []
        try:
            process.start()
        except OSError as exc:
            self.post_message(RefreshFinished(f"The refresh could not start: {exc}.", failed=True))
            return
        try:
            for event in process.events():
                if "report" in event and isinstance(event["report"], dict):
                    report, followed = event["report"], event.get("followed_new") or []
                elif "done" in event:
                    added = [str(i) for i in event.get("added") or []]
                    done, total = int(event["done"]), int(event.get("total", 0))
                    self.post_message(FeedRefreshed(done, total, added))
        except (OSError, ValueError, TypeError, KeyError) as exc:
            # A line not as the refresh writes them, or its output lost: the
            # refresh is ended and said to have failed, never left running.
            process.stop()
            process.finish()
            text = f"The refresh's progress could not be read ({exc}); run hollywood-ai refresh."
            self.post_message(RefreshFinished("" if quiet else text, failed=True))
            return
        code, error = process.finish()
        if report is None:
            if process.stopping:
                text = "The refresh was stopped before any feed was read."
            else:
                text = error or f"The refresh stopped unexpectedly (exit code {code})."
            self.post_message(RefreshFinished("" if quiet else strip_controls(text), failed=True))
            return
        self.post_message(RefreshFinished(*refresh_summary(report, followed, quiet)))

    @on(FeedRefreshed)
    def _feed_refreshed(self, message: FeedRefreshed) -> None:
        if not (self._refresh and self._refresh.stopping):
            self._refresh_status(
                f"Refreshing feeds: {message.done} of {message.total}; keys work meanwhile "
                "(r again stops)",
                (message.done, message.total),
            )
        if message.added:
            self.unread |= set(message.added)
            self.listing.set_unread(self.unread)
            self.reload()

    def reload(self) -> None:
        """Read the library again (the main screen's)."""

    @on(RefreshFinished)
    def _refresh_finished(self, message: RefreshFinished) -> None:
        self.refreshing = False
        self._refresh = None
        # The status bar goes a moment after the notice comes: each is a new
        # layout, and one frame for both is one frame twice as long.
        self.set_timer(HIDE_DELAY, self._hide_refresh_status)
        self.load_unread()
        self.reload()
        if message.text:
            self.notify(
                message.text,
                title="Refresh",
                severity="warning" if message.failed else "information",
                markup=False,
                timeout=8,
            )

    def _hide_refresh_status(self) -> None:
        if not self.refreshing:
            self._refresh_status(None, None)

    def _refresh_status(self, text: str | None, progress: tuple[int, int] | None) -> None:
        self.refresh_shown = (text, progress)
        if progress is None:
            # The header says a refresh runs (once: a new title is a new
            # layout of the whole screen); the status bar counts the feeds.
            self.reader.sub_title = text or self.reader.SUB_TITLE
        try:
            status = self.query_one("#status")
            label = self.query_one("#status-label", Label)
            bar = self.query_one("#status-progress", ProgressBar)
        except NoMatches:
            return  # the status bar is mounted after the first frame, and shows it then
        # A class of the status bar, not of the screen: one on the screen
        # would have every widget styled again, twice a refresh.
        status.set_class(text is not None, "-refreshing")
        if text is not None:
            # A text as long as the one there takes its place without a new
            # layout of the screen (and its full repaint).
            label.update(text, layout=len(text) != len(str(label.visual)))
        done, total = progress or (0, 0)
        bar.update(total=max(total, 1) if progress else None, progress=done)


def refresh_summary(
    report: dict[str, Any], followed: list[dict[str, Any]], quiet: bool
) -> tuple[str, bool]:
    """What the reader tells of a refresh's report (``report`` as the
    command's JSON), and whether any feed failed. ``quiet`` (the timer's
    refresh): nothing when nothing came and nothing failed."""
    feeds = [f for f in report.get("feeds") or [] if isinstance(f, dict)]
    added = len(report.get("added") or [])
    failed = [f for f in feeds if f.get("status") == "failed"]
    text = f"{added} new article{'s' if added != 1 else ''} from {len(feeds)} feed"
    text += "s" if len(feeds) != 1 else ""
    if report.get("stopped"):
        text = f"The refresh was stopped: {text} read; the others wait for the next refresh"
    if failed:
        text += f"; {len(failed)} failed: " + " ".join(
            str(f.get("error") or f.get("url")) for f in failed[:2]
        )
    if followed:
        labels = ", ".join(f"“{f.get('label')}”" for f in followed[:3])
        text += f". New in followed stories: {labels} (N in compare or facts shows what)"
    if quiet and not added and not failed:
        text = ""
    return strip_controls(text), bool(failed)
