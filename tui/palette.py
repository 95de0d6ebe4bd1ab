"""The command palette's own commands: search, compare, facts, add, rebuild the
index, theme, sort, list, help, and opening any article by its title."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, cast

from hollywood_ai.tui.document import clean
from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content
from textual.markup import escape

if TYPE_CHECKING:
    from hollywood_ai.tui.app import ReaderApp

MATCH_STYLE = "bold $text-accent underline"


def safe_highlight(matcher: Matcher, candidate: str) -> Content:
    """Like ``Matcher.highlight`` but the candidate is plain text, never markup."""
    content = Content(candidate)
    score, offsets = matcher.fuzzy_search.match(matcher.query, candidate)
    if score:
        for offset in offsets:
            if not candidate[offset].isspace():
                content = content.stylize(MATCH_STYLE, offset, offset + 1)
    return content


class ReaderCommands(Provider):
    """Commands of the reader, then the articles by title ("Open: ...")."""

    @property
    def reader(self) -> ReaderApp:
        return cast("ReaderApp", self.app)

    def commands(self) -> list[tuple[str, Callable[[], object], str]]:
        app = self.reader
        main = app.main_screen
        sort_next = "title" if main.sort != "title" else "date"
        hidden = main.has_class("-list-hidden")
        return [
            ("Search articles", app.action_search, "Type a query; the list narrows as you type"),
            ("Compare a fact across sources", app.action_compare, "Every outlet side by side"),
            ("Discover facts", app.action_facts, "Facts several sources report, with gaps"),
            ("Add articles", app.action_add, "Files, folders, URLs or feeds"),
            ("Refresh the feeds", main.action_refresh_feeds, "Fetch every subscribed feed (r)"),
            ("Mark all articles read", main.action_mark_all_read, "No article stays unread"),
            *[
                (
                    f"Feed: {clean(feed.title or feed.url)}",
                    partial(main.show_feed, feed.url),
                    f"List its articles (feed:{clean(feed.url)})",
                )
                for feed in main.feeds
            ],
            ("Rebuild the index", app.action_rebuild_index, "Build it afresh from the library"),
            ("Switch theme", app.action_change_theme, "Pick one of Textual's themes"),
            (f"Sort the list by {sort_next}", main.action_sort, "Date (newest first) or title"),
            (
                "Show the article list" if hidden else "Hide the article list",
                main.action_toggle_list,
                "Read full width" if not hidden else "Back to list and article",
            ),
            ("Keys (help)", app.action_help, "Every key binding"),
            ("Quit", app.action_quit, "Leave hollywood-ai (your place is kept)"),
        ]

    async def discover(self) -> Hits:
        for name, callback, help_text in self.commands():
            yield DiscoveryHit(Content(name), callback, text=name, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, callback, help_text in self.commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, safe_highlight(matcher, name), callback, text=name, help=help_text)
        words = query.casefold().split()
        if not words:
            return
        for n, article in enumerate(self.reader.workspace_articles()):
            if n and n % 500 == 0:
                await asyncio.sleep(0)
            title = " ".join(clean(article.title).split())
            folded = title.casefold()
            if not all(w in folded or w in "open:" for w in words):
                continue
            label = f"Open: {title}"
            score = matcher.match(label)
            if score <= 0:
                continue
            meta = " · ".join(clean(x) for x in (article.outlet, article.published) if x)
            yield Hit(
                score * 0.9,
                safe_highlight(matcher, label),
                partial(self.reader.open_article_by_id, article.id),
                text=label,
                help=escape(meta) if meta else None,
            )
