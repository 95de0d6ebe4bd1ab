"""The main screen's feeds and follows: ``r`` refreshes the subscribed feeds
in a worker (progress in the status bar, the list updated as each feed's
articles are stored, keys working meanwhile), unread articles are marked in
the list and counted in its border, opening one marks it read, ``u``
toggles, and ``F`` follows the highlighted article's story. The setting
``refresh_minutes`` refreshes on a timer while the reader is open.

The search and the list are in main_search.py, the rest of the screen in
main.py; this class sits between them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from hollywood_ai.index import HollywoodError, strip_controls
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
    from hollywood_ai.index import FeedOutcome, Subscription


@dataclass
class UnreadLoaded(Message):
    """The unread articles and the subscriptions, read from the home."""

    unread: set[str]
    feeds: list[Subscription] = field(default_factory=list)


@dataclass
class FeedRefreshed(Message):
    """One feed of a refresh is done; ``added``: its new articles (stored)."""

    done: int
    total: int
    outcome: FeedOutcome
    added: list[str]


@dataclass
class RefreshFinished(Message):
    """A refresh ended: what to tell (and whether anything failed)."""

    text: str
    failed: bool = False


class FollowingScreen(FollowsStories, SearchScreen):
    BINDINGS = [
        Binding(
            "r",
            "refresh_feeds",
            "Refresh",
            show=False,
            tooltip="Refresh the subscribed feeds (in the background)",
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
            tooltip="Follow the article's story (N in compare or facts: what is new in it)",
            id="main.follow",
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.unread: set[str] = set()
        self.feeds: list[Subscription] = []
        self.refreshing = False

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
        if self.refreshing:
            self.notify("A refresh is under way.", markup=False)
            return
        self.refreshing = True
        self._refresh_status("Refreshing the feeds…", None)
        self.refresh_worker(quiet)

    @work(thread=True, exclusive=True, group="refresh", exit_on_error=False)
    def refresh_worker(self, quiet: bool) -> None:
        from hollywood_ai.index import followed_stories, refresh
        from hollywood_ai.tui.settings import private_feeds_allowed

        ws = self.reader.workspace

        def progress(done: int, total: int, outcome: FeedOutcome, added: list[str]) -> None:
            self.post_message(FeedRefreshed(done, total, outcome, added))

        try:
            report = refresh(ws, progress=progress, allow_private=private_feeds_allowed(ws.home))
        except HollywoodError as exc:
            self.post_message(RefreshFinished("" if quiet else str(exc), failed=True))
            return
        failed = [f for f in report.feeds if f.status == "failed"]
        text = f"{len(report.added)} new article{'s' if len(report.added) != 1 else ''} from {len(report.feeds)} feeds"
        if failed:
            text += f"; {len(failed)} failed: " + " ".join(f.error or f.url for f in failed[:2])
        gained = [f for f in followed_stories(ws) if f.new]
        if gained:
            labels = ", ".join(f"“{f.label}”" for f in gained[:3])
            text += f". New in followed stories: {labels} (N in compare or facts shows what)"
        if quiet and not report.added and not failed:
            text = ""
        self.post_message(RefreshFinished(strip_controls(text), failed=bool(failed)))

    @on(FeedRefreshed)
    def _feed_refreshed(self, message: FeedRefreshed) -> None:
        self._refresh_status(
            f"Refreshing feeds: {message.done} of {message.total}; keys work meanwhile",
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
        self._refresh_status(None, None)
        self.load_unread()
        if message.text:
            self.notify(
                message.text,
                title="Refresh",
                severity="warning" if message.failed else "information",
                markup=False,
                timeout=8,
            )

    def _refresh_status(self, text: str | None, progress: tuple[int, int] | None) -> None:
        self.set_class(text is not None, "-busy")
        self.reader.sub_title = text or self.reader.SUB_TITLE
        try:
            label = self.query_one("#status-label", Label)
            bar = self.query_one("#status-progress", ProgressBar)
        except NoMatches:
            return  # the status bar is mounted after the first frame
        if text is not None:
            label.update(text)
        done, total = progress or (0, 0)
        bar.update(total=max(total, 1) if progress else None, progress=done)
