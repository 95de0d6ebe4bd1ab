"""The listing of a Workspace: every article without its body, in the list's
order, had as quickly as it can be (the reader's first screen and the
commands that list read it), with its head for a large library's first frame.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from hollywood_ai.index.errors import HollywoodError
from hollywood_ai.index.model import Article
from hollywood_ai.index.store.listing import read_head, read_listing, write_listing

if TYPE_CHECKING:
    from hollywood_ai.index.searching.generations import SearchIndex


class Listings:
    """The listing's part of a Workspace, kept for the library state it was
    read for (the Workspace provides the library, the index and the state)."""

    home: Path
    _articles: dict[str, Article] | None
    _listing: tuple[tuple[int, int], list[Article]] | None
    _head: tuple[tuple[int, int], tuple[int, list[Article]]] | None

    if TYPE_CHECKING:

        @property
        def index(self) -> SearchIndex: ...
        def library_token(self) -> tuple[int, int]: ...
        def _synced_token(self) -> tuple[int, int] | None: ...
        def articles(self) -> list[Article]: ...
        def is_new(self) -> bool: ...

    def listing(self) -> list[Article]:
        """The articles for a list, in the order of articles(), without their
        bodies, as quickly as they can be had: from the listing kept beside
        the index when the library has not changed since it was written (no
        Whoosh, one small file), else from the index's stored fields (one read)
        when the index follows the library, else from the library; the first
        two ways keep the listing for next time. Fetch a body with get()."""
        token = self.library_token()
        held = self._listing
        if held is not None and held[0] == token:
            return held[1]
        kept = read_listing(self._listing_path(), token)
        if kept is not None:
            self._listing = (token, kept)
            return kept
        items: list[Article] | None = None
        if self._articles is None and self.index.status() == "ok" and self._synced_token() == token:
            from hollywood_ai.index.searching.damage import is_damage

            try:
                items = self.index.summaries()
            except HollywoodError:  # the live generation replaced by one that cannot be opened
                items = None
            except Exception as exc:
                if not is_damage(exc):
                    raise  # a bug, not damage
                items = None  # damaged, or pruned by another process: read the library
        if items is None:
            items = [replace(a, body="") for a in self.articles()]
        items.sort(key=lambda a: a.title.casefold())
        items.sort(key=lambda a: a.published or "", reverse=True)
        write_listing(self._listing_path(), token, items)
        self._listing = (token, items)
        return items

    def ready_listing(self) -> list[Article] | None:
        """The listing if it has already been read for the library as it is
        now (one stat, no reading), else None."""
        held = self._listing
        if held is not None and held[0] == self.library_token():
            return held[1]
        return None

    def last_listing(self) -> list[Article] | None:
        """The listing kept beside the index as last written, perhaps behind
        the library by what another process is storing right now (a refresh
        keeps it after each batch it stores), or None when there is none: a
        list that follows that process without reading the library or the
        index while it writes."""
        return self.ready_listing() or read_listing(
            self._listing_path(), self.library_token(), any_key=True
        )

    def preload_listing(self) -> None:
        """Read ahead, in a thread while Textual loads, the listing's head (a
        small library's whole listing; a large one's whole is read after the
        first frame), or the listing. Best effort: the reader reports failures."""
        try:
            if self.is_new():
                return
            head = self.listing_head()
            if head is None or head[0] > len(head[1]):
                if head is None:
                    self.listing()
                return
            held = self._head
            if held is not None:  # keyed by the state the head was read for
                self._listing = (held[0], head[1])
        except (HollywoodError, OSError, ValueError):
            pass

    def listing_head(self) -> tuple[int, list[Article]] | None:
        """The listing's length and first rows (a screen's worth and more),
        from a small file kept beside it, when the library has not changed
        since; else None: what a list shows before the whole is read."""
        token = self.library_token()
        held = self._head
        if held is not None and held[0] == token:
            return held[1]
        head = read_head(self._listing_path(), token)
        self._head = (token, head) if head is not None else None
        return head

    def ready_head(self) -> tuple[int, list[Article]] | None:
        """listing_head() if already read for the library as it is now."""
        held = self._head
        if held is not None and held[0] == self.library_token():
            return held[1]
        return None

    def _listing_path(self) -> Path:
        return self.home / "index" / "LISTING.json"
