"""A text box for queries: whatever arrives (typed, pasted, prefilled) loses its
terminal escape sequences and control characters before anyone reads it."""

from __future__ import annotations

from hollywood_ai.index import strip_controls
from textual.widgets import Input


def clean_query(text: str) -> str:
    """One line, no escape sequences or control characters."""
    return " ".join(strip_controls(text).splitlines())


class QueryInput(Input):
    """An ``Input`` whose value never holds escape sequences."""

    def validate_value(self, value: str) -> str:
        return clean_query(value)

    def replace(self, text: str, start: int, end: int) -> None:
        # A paste arrives here whole; cleaning it before the insertion keeps
        # the cursor where the cleaned text ends.
        super().replace(clean_query(text), start, end)
