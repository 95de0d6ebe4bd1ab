"""The hollywood-ai engine: its public face.

The reader and the command line import only from here. Each name is loaded
on first use (PEP 562), so importing the engine stays cheap and the reader
draws before Whoosh, NumPy or the meaning model are loaded. Nothing in this
package imports Textual: every capability is plain Python returning plain
data.

How the engine is laid out (each layer imports only those below it; the
import-linter contracts in pyproject.toml keep it so):

    following      feed subscriptions, refresh, unread marks, followed stories, news
    comparing      questions, evidence, scoring, differences, facts, scopes, export
    stories        grouping articles into stories
    adding         files, folders, pages, URLs, feeds and stdin into the library
    workspace      a home's library and index, opened together
    searching      the Whoosh index, ranking, queries, suggestions, snippets
    store, ingest  the library and durable writes; turning input into articles
    text           normalising, word analysis, figures, Markdown, passages
    model, errors, kept
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

#: Each public name and the module (under this package) that defines it.
_EXPORTS: dict[str, str] = {
    # the article model and the one error the presenters show
    "Article": "model",
    "Passage": "model",
    "source_name": "model",
    "source_labels": "model",
    "HollywoodError": "errors",
    # a home: library and index
    "Workspace": "workspace",
    "SyncReport": "searching.reports",
    "atomic_write": "store.durable",
    "parse_memory": "searching.budget",
    "memory_budget": "searching.budget",
    # adding
    "add": "adding",
    "AddReport": "adding",
    "MAX_FILE_BYTES": "adding",
    # search
    "search": "searching.results",
    "as_typed": "searching.queries",
    "SearchResult": "searching.results",
    "Hit": "searching.results",
    "Cancelled": "searching.results",
    "marked": "searching.results",
    "highlight_spans": "searching.results",
    # compare and facts
    "compare": "comparing.comparison",
    "prepare_compare": "comparing.comparison",
    "comparison_of_fact": "comparing.comparison",
    "Comparison": "comparing.results",
    "SourceReport": "comparing.results",
    "ScopeInfo": "comparing.results",
    "Discrepancy": "comparing.discrepancy",
    "Scope": "comparing.scope",
    "CANDIDATES": "comparing.scope",
    "to_markdown": "comparing.export",
    "export_comparison": "comparing.export",
    "export_facts": "comparing.fact_export",
    "facts_matrix": "comparing.fact_export",
    "scope_note": "comparing.export",
    "many_silent": "comparing.export",
    "silent_line": "comparing.export",
    "render_diff": "comparing.quotes",
    "facts": "comparing.facts",
    "Fact": "comparing.facts",
    # stories
    "Story": "stories.grouping",
    "grouped": "stories.grouping",
    "find_story": "stories.grouping",
    # following: feeds, refresh, unread, followed stories and their news
    "Subscription": "following.subscriptions",
    "subscriptions": "following.subscriptions",
    "subscribe": "following.subscriptions",
    "unsubscribe": "following.subscriptions",
    "feed_listing": "following.subscriptions",
    "feed_articles": "following.subscriptions",
    "discover_feed": "following.discovery",
    "read_opml": "following.opml",
    "to_opml": "following.opml",
    "refresh": "following.refresh",
    "RefreshReport": "following.refresh",
    "FeedOutcome": "following.refresh",
    "unread_ids": "following.reading",
    "mark_read": "following.reading",
    "mark_unread": "following.reading",
    "toggle_read": "following.reading",
    "mark_all_read": "following.reading",
    "follow": "following.follows",
    "unfollow": "following.follows",
    "followed_stories": "following.follows",
    "followed_ids": "following.follows",
    "news": "following.news",
    "feed_search": "following.feed_query",
    "StoryNews": "following.news",
    # text the presenters show
    "strip_controls": "text.normalise",
    "plain": "text.passages",
    "split_passages": "text.passages",
}
#: Names bound to an object of another name in its module.
_RENAMED = {
    "find_story": "find",
    "subscriptions": "load",
    "feed_listing": "listing",
    "discover_feed": "discover",
    "followed_stories": "following",
}
#: Modules the presenters use whole.
_MODULES = {"markdown": "text.markdown"}

__all__ = [
    "CANDIDATES",
    "MAX_FILE_BYTES",
    "AddReport",
    "Article",
    "Cancelled",
    "Comparison",
    "Discrepancy",
    "Fact",
    "FeedOutcome",
    "Hit",
    "HollywoodError",
    "Passage",
    "RefreshReport",
    "Scope",
    "ScopeInfo",
    "SearchResult",
    "SourceReport",
    "Story",
    "StoryNews",
    "Subscription",
    "SyncReport",
    "Workspace",
    "add",
    "as_typed",
    "atomic_write",
    "compare",
    "comparison_of_fact",
    "discover_feed",
    "export_comparison",
    "export_facts",
    "facts",
    "facts_matrix",
    "feed_articles",
    "feed_listing",
    "feed_search",
    "find_story",
    "follow",
    "followed_ids",
    "followed_stories",
    "grouped",
    "highlight_spans",
    "many_silent",
    "mark_all_read",
    "mark_read",
    "mark_unread",
    "markdown",
    "marked",
    "memory_budget",
    "news",
    "parse_memory",
    "plain",
    "prepare_compare",
    "read_opml",
    "refresh",
    "render_diff",
    "scope_note",
    "search",
    "silent_line",
    "source_labels",
    "source_name",
    "split_passages",
    "strip_controls",
    "subscribe",
    "subscriptions",
    "to_markdown",
    "to_opml",
    "toggle_read",
    "unfollow",
    "unread_ids",
    "unsubscribe",
]


def __getattr__(name: str) -> Any:
    if name in _MODULES:
        value: Any = importlib.import_module(f"{__name__}.{_MODULES[name]}")
    elif name in _EXPORTS:
        module = importlib.import_module(f"{__name__}.{_EXPORTS[name]}")
        value = getattr(module, _RENAMED.get(name, name))
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__


if TYPE_CHECKING:
    from hollywood_ai.index.adding import MAX_FILE_BYTES, AddReport, add
    from hollywood_ai.index.comparing.comparison import compare, comparison_of_fact, prepare_compare
    from hollywood_ai.index.comparing.discrepancy import Discrepancy
    from hollywood_ai.index.comparing.export import (
        export_comparison,
        many_silent,
        scope_note,
        silent_line,
        to_markdown,
    )
    from hollywood_ai.index.comparing.fact_export import export_facts, facts_matrix
    from hollywood_ai.index.comparing.facts import Fact, facts
    from hollywood_ai.index.comparing.quotes import render_diff
    from hollywood_ai.index.comparing.results import Comparison, ScopeInfo, SourceReport
    from hollywood_ai.index.comparing.scope import CANDIDATES, Scope
    from hollywood_ai.index.errors import HollywoodError
    from hollywood_ai.index.following.discovery import discover as discover_feed
    from hollywood_ai.index.following.feed_query import feed_search
    from hollywood_ai.index.following.follows import follow, followed_ids, unfollow
    from hollywood_ai.index.following.follows import following as followed_stories
    from hollywood_ai.index.following.news import StoryNews, news
    from hollywood_ai.index.following.opml import read_opml, to_opml
    from hollywood_ai.index.following.reading import (
        mark_all_read,
        mark_read,
        mark_unread,
        toggle_read,
        unread_ids,
    )
    from hollywood_ai.index.following.refresh import FeedOutcome, RefreshReport, refresh
    from hollywood_ai.index.following.subscriptions import (
        Subscription,
        feed_articles,
        subscribe,
        unsubscribe,
    )
    from hollywood_ai.index.following.subscriptions import listing as feed_listing
    from hollywood_ai.index.following.subscriptions import load as subscriptions
    from hollywood_ai.index.model import Article, Passage, source_labels, source_name
    from hollywood_ai.index.searching.budget import memory_budget, parse_memory
    from hollywood_ai.index.searching.queries import as_typed
    from hollywood_ai.index.searching.reports import SyncReport
    from hollywood_ai.index.searching.results import (
        Cancelled,
        Hit,
        SearchResult,
        highlight_spans,
        marked,
        search,
    )
    from hollywood_ai.index.store.durable import atomic_write
    from hollywood_ai.index.stories.grouping import Story, grouped
    from hollywood_ai.index.stories.grouping import find as find_story
    from hollywood_ai.index.text import markdown
    from hollywood_ai.index.text.normalise import strip_controls
    from hollywood_ai.index.text.passages import plain, split_passages
    from hollywood_ai.index.workspace import Workspace
