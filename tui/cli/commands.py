"""One module per command; each has ``register(subparsers)`` setting ``func``."""

from hollywood_ai.tui.cli import (
    add_cmd,
    compare_cmd,
    facts_cmd,
    feeds_cmd,
    follow_cmd,
    index_cmd,
    list_cmd,
    news_cmd,
    refresh_cmd,
    remove_cmd,
    search_cmd,
    show_cmd,
    stories_cmd,
)

COMMANDS = [
    list_cmd,
    show_cmd,
    search_cmd,
    compare_cmd,
    facts_cmd,
    stories_cmd,
    add_cmd,
    remove_cmd,
    index_cmd,
    feeds_cmd,
    refresh_cmd,
    follow_cmd,
    news_cmd,
]
