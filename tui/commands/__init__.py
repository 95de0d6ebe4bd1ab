"""One module per command; each has ``register(subparsers)`` setting ``func``."""

from hollywood_ai.tui.commands import index_cmd, list_cmd, search_cmd, show_cmd

COMMANDS = [list_cmd, show_cmd, search_cmd, index_cmd]
