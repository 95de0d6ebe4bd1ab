"""The one error type the presenters show to people."""

from __future__ import annotations


class HollywoodError(Exception):
    """A failure meant for a person: one clear sentence saying what failed, on
    which input, and what to do. Presenters print it as it is, never with a
    traceback."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class LockTimeout(HollywoodError):
    """Another process holds the library's write lock for too long."""
