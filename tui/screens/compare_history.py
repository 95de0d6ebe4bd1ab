"""The questions asked in compare during one run of the reader, for ↑ and ↓
in the question box (as a shell recalls its commands)."""

from __future__ import annotations

from weakref import WeakKeyDictionary

from textual.app import App

#: The questions asked, oldest first, per running reader.
_ASKED: WeakKeyDictionary[App[object], list[str]] = WeakKeyDictionary()
LIMIT = 100


class QuestionHistory:
    """Walks back and forth through the questions asked in this run of ``app``;
    the text being typed when the walk began comes back at its end."""

    def __init__(self, app: App[object]) -> None:
        self.asked = _ASKED.setdefault(app, [])
        self.at: int | None = None  # where the walk is; None: not walking
        self.draft = ""

    def add(self, question: str) -> None:
        """A question asked: the newest entry (once, however often asked)."""
        if question in self.asked:
            self.asked.remove(question)
        self.asked.append(question)
        del self.asked[:-LIMIT]
        self.at = None

    @property
    def walking(self) -> bool:
        return self.at is not None

    def older(self, current: str) -> str | None:
        """The question before the one shown (never the same text again), or
        None when there is none."""
        at = len(self.asked) if self.at is None else self.at
        while at > 0 and self.asked[at - 1] == current:
            at -= 1
        if at == 0:
            return None
        if self.at is None:
            self.draft = current
        self.at = at - 1
        return self.asked[self.at]

    def newer(self) -> str:
        """The question after the one shown, or the draft at the end (the walk
        ends there, or on the newest question when the draft is that)."""
        assert self.at is not None
        self.at += 1
        if self.at >= len(self.asked):
            self.at = None
            return self.draft
        shown = self.asked[self.at]
        if self.at == len(self.asked) - 1 and shown == self.draft:
            self.at = None
        return shown
