"""Messages posted by workers and widgets: one class per event."""

from __future__ import annotations

from dataclasses import dataclass

from hollywood_ai.index.model import Article
from hollywood_ai.index.searchindex import SyncReport
from textual.message import Message


@dataclass
class LibraryLoaded(Message):
    """The library was read (the list can show) — the index may still be updating."""

    articles: list[Article]


@dataclass
class IndexProgress(Message):
    done: int
    total: int

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, IndexProgress)


@dataclass
class IndexReady(Message):
    report: SyncReport


@dataclass
class ArticleSelected(Message):
    """The list's highlighted article changed, or one was opened."""

    article_id: str
