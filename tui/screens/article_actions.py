"""What the main screen does to the article selected in the list: remove it
from the library (after a confirmation) and open its address in the browser."""

from __future__ import annotations

from dataclasses import dataclass

from hollywood_ai.index import Article, HollywoodError, strip_controls
from hollywood_ai.tui.messages import LibraryChanged
from hollywood_ai.tui.screens.confirm import ConfirmScreen
from hollywood_ai.tui.screens.failures import failure_text
from hollywood_ai.tui.screens.main_search import SearchScreen
from textual import on, work
from textual.content import Content
from textual.message import Message


@dataclass
class ArticleRemoved(Message):
    """The remove worker is done: the article left the library (or failed to)."""

    title: str
    error: str | None = None


@dataclass
class BrowserOpened(Message):
    """The browser worker is done: whether a browser took the address."""

    url: str
    opened: bool


class ArticleActions(SearchScreen):
    """The d and o keys of the main screen (its base)."""

    def selected_article(self) -> Article | None:
        article_id = self.listing.current_id
        return self.by_id.get(article_id) if article_id else None

    def action_remove_article(self) -> None:
        article = self.selected_article()
        if article is None:
            self.notify("No article is selected to remove.", severity="warning", markup=False)
            return
        question = Content.assemble(
            "Remove ",
            (strip_controls(article.title), "bold"),
            f" ({strip_controls(article.source_name)}) from the library? ",
            "Its file is deleted from the library; the article can be added again.",
        )

        def answered(yes: bool | None) -> None:
            if yes:
                self.remove_article(article.id, article.title)

        self.app.push_screen(ConfirmScreen(question), answered)

    @work(thread=True, exclusive=True, group="remove", exit_on_error=False)
    def remove_article(self, article_id: str, title: str) -> None:
        try:
            self.reader.workspace.remove(article_id)
        except HollywoodError as exc:
            self.post_message(ArticleRemoved(title, failure_text(exc, "Removing")))
            return
        self.post_message(ArticleRemoved(title))

    @on(ArticleRemoved)
    def _article_removed(self, message: ArticleRemoved) -> None:
        if message.error:
            self.notify(message.error, severity="error", markup=False)
            return
        self.notify(f"Removed “{strip_controls(message.title)}”.", markup=False)
        self.app.post_message(LibraryChanged(removed=1))

    def action_open_url(self) -> None:
        article = self.selected_article()
        url = (article.url or "").strip() if article else ""
        if not url.lower().startswith(("http://", "https://")):
            self.notify(
                "This article has no web address to open (only http and https are opened).",
                severity="warning",
                markup=False,
            )
            return
        self.open_in_browser(url)

    @work(thread=True, exclusive=True, group="browser", exit_on_error=False)
    def open_in_browser(self, url: str) -> None:
        # webbrowser may start a program and wait for it: never on the loop
        # (and it is imported here, not before the first screen).
        import webbrowser

        self.post_message(BrowserOpened(url, bool(webbrowser.open(url))))

    @on(BrowserOpened)
    def _browser_opened(self, message: BrowserOpened) -> None:
        if not message.opened:
            self.notify(
                f"No browser could be started for {strip_controls(message.url)}.",
                severity="warning",
                markup=False,
            )
