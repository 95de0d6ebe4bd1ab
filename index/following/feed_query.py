"""``feed:URL`` in a query: only the articles that came from that feed.

The index knows nothing of feeds (a subscription records the articles its
entries became), so the feed's part of the query is taken out here: alone,
it lists the feed's articles, newest first; with other words, those words
are searched and the hits kept that came from the feed, among the best
FEED_SEARCH_LIMIT (a note says when there were more)."""

from __future__ import annotations

import re
from collections.abc import Callable

from hollywood_ai.index.following.subscriptions import feed_articles
from hollywood_ai.index.searching.results import Hit, SearchResult, search
from hollywood_ai.index.workspace import Workspace

FEED_TERM = re.compile(r'(?<!\S)feed:(?:"([^"]*)"|(\S+))')
FEED_SEARCH_LIMIT = 1000


def split_feed(text: str) -> tuple[str, str | None]:
    """The query without its ``feed:`` term, and the term's URL (None: none)."""
    found = FEED_TERM.search(text)
    if found is None:
        return text, None
    url = found.group(1) if found.group(1) is not None else found.group(2)
    rest = (text[: found.start()] + " " + text[found.end() :]).strip()
    return " ".join(rest.split()), url


def feed_search(
    ws: Workspace,
    text: str,
    limit: int = 20,
    sort: str = "relevance",
    should_stop: Callable[[], bool] | None = None,
    typing: bool = False,
) -> SearchResult:
    """search(), with ``feed:URL`` (the feed's address, or a unique part of
    it) keeping only that feed's articles; a HollywoodError for a feed that is
    not subscribed. ``typing`` as in search(), for the words beside it."""
    rest, url = split_feed(text)
    if url is None:
        return search(ws, text, limit, sort, should_stop, typing=typing)
    ids = feed_articles(ws, url)
    if not rest:
        listed = [a for a in ws.listing() if a.id in ids]
        hits = [Hit(a.id, a.title, a.outlet, a.published, 0.0, "") for a in listed[:limit]]
        return SearchResult(query=text, total=len(listed), suggestion=None, hits=hits)
    found = search(
        ws, rest, FEED_SEARCH_LIMIT, sort, should_stop, with_suggestion=False, typing=typing
    )
    kept = [h for h in found.hits if h.id in ids]
    note = found.note
    if found.total > FEED_SEARCH_LIMIT:
        more = f"Only the best {FEED_SEARCH_LIMIT:,} matches were looked at for feed:."
        note = f"{note} {more}" if note else more
    return SearchResult(
        query=text,
        total=len(kept),
        suggestion=None,
        hits=kept[:limit],
        terms=found.terms,
        note=note,
    )
