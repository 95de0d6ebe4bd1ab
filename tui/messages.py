"""Messages posted by workers and widgets: one class per event."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from hollywood_ai.index import Article, SyncReport
from textual.message import Message

if TYPE_CHECKING:  # compare's engine is loaded when the compare screen opens
    from hollywood_ai.index import Comparison
    from textual.worker import Worker


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


@dataclass
class OpenArticle(Message):
    """Open an article in the reading pane, scrolled to a passage when given
    (``start``/``end`` are character offsets into its Markdown body). Posted by
    the compare and facts screens; handled by the app."""

    article_id: str
    start: int | None = None
    end: int | None = None


@dataclass
class LibraryChanged(Message):
    """Articles were added or removed (by this reader or another process)."""

    added: int = 0
    removed: int = 0
    select: str | None = None  # an article to select once the list has it


@dataclass
class StoryNamed(Message):
    """A story's label, found in a worker."""

    story: str
    label: str


@dataclass
class ComparisonReady(Message):
    """A comparison finished in the worker (``run`` says which request it answers)."""

    comparison: Comparison
    run: int = 0


@dataclass
class WorkerFailed(Message):
    """A screen's worker failed (posted by the screen, handled by the app)."""

    worker: Worker[object]
