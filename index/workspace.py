"""The Workspace: a home's library and index, opened together.

The presenters (reader and command line) go through this one object, so both
see the same articles and the same results.
"""

from __future__ import annotations

import contextlib
import json
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from hollywood_ai.index.errors import HollywoodError, LockTimeout
from hollywood_ai.index.listings import Listings
from hollywood_ai.index.model import Article
from hollywood_ai.index.searching.reports import SyncReport
from hollywood_ai.index.store.durable import (
    atomic_write,
    describe_os_error,
    note_progress,
    write_lock,
)
from hollywood_ai.index.store.home import resolve_home
from hollywood_ai.index.store.library import Library, valid_id
from hollywood_ai.index.store.listing import read_listing
from hollywood_ai.index.text.normalise import strip_controls

if TYPE_CHECKING:
    from hollywood_ai.index.searching.generations import Progress, SearchIndex


class Workspace(Listings):
    def __init__(self, home: str | Path | None = None) -> None:
        self.home = resolve_home(home)
        self.library = Library(self.home / "library")
        self._index: SearchIndex | None = None
        self._articles: dict[str, Article] | None = None
        self._articles_lock = threading.Lock()
        self._listing: tuple[tuple[int, int], list[Article]] | None = None
        self._head: tuple[tuple[int, int], tuple[int, list[Article]]] | None = None
        self.damaged: list[str] = []
        self._seed_articles: list[Article] | None = None
        # Set by open(wait=False) when the index was left behind the library:
        # who is writing (see open).
        self.behind: str | None = None
        # The setting index_memory (its text, e.g. "512MiB"): a rebuild's
        # memory when neither the caller nor the environment names one.
        self.index_memory: str | None = None

    @property
    def index(self) -> SearchIndex:
        """The Whoosh index, opened on first use (so that importing and
        constructing a Workspace stays cheap: the reader draws first)."""
        if self._index is None:
            from hollywood_ai.index.searching.generations import SearchIndex

            self._index = SearchIndex(self.home / "index")
        return self._index

    # ----------------------------------------------------------------- setup

    def ensure_home(self) -> None:
        try:
            self.library.root.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise HollywoodError(describe_os_error(exc, self.home)) from None

    def is_new(self) -> bool:
        """Is the seeding still to be done? A first run killed while storing
        the seeds left some of them and no ``.seeded`` marker (written once
        every seed is stored): that is still new, and the seeding is finished."""
        if (self.home / ".seeded").exists():
            return False
        ids = self.library.ids()
        return not ids or set(ids) <= {a.id for a in self._seeds()}

    def _seeds(self) -> list[Article]:
        from hollywood_ai.index.ingest.seeds import seed_articles

        if self._seed_articles is None:
            self._seed_articles = seed_articles()
        return self._seed_articles

    def seed_if_empty(self) -> list[Article]:
        """On first run with an empty home, store the bundled seeds (those not
        stored yet, after a first run that was stopped)."""
        if not self.is_new():
            return []
        self.ensure_home()
        with write_lock(self.home):
            if not self.is_new():
                return []
            there = set(self.library.ids())
            articles = [a for a in self._seeds() if a.id not in there]
            for article in articles:
                self.library.put(article)
            atomic_write(self.home / ".seeded", b"1\n")
        self.invalidate()
        return articles

    def needs_sync(self) -> bool:
        """Is the index missing, damaged, of another schema, or behind the
        library? Cheap when nothing changed since the last sync (the library
        folder's state is compared with the one recorded then)."""
        if self.index.status() != "ok":
            return True
        if self._synced_token() == self.library_token():
            return False
        stored = self.index.stored_checksums()
        return stored != {a.id: a.checksum for a in self.articles()}

    def open(self, progress: Progress | None = None, wait: bool = True) -> SyncReport:
        """Seed an empty home, then bring the index up to date (skipped, and no
        article read, when the library has not changed since the last sync).

        With ``wait`` false (a command that only reads), an index that works
        but is behind the library is left as it is when another process is
        writing: the reader reads the last committed index, and ``behind``
        says why (the writer, or the next command, brings it up to date)."""
        self.seed_if_empty()
        self._clear_abandoned()
        self.behind = None
        ok = self.index.status() == "ok"
        if ok and self._synced_token() == self.library_token():
            return SyncReport()
        try:
            return self.sync(progress, wait=wait or not ok)
        except LockTimeout as exc:
            if wait or not ok:
                raise
            self.behind = str(exc)
            return SyncReport()

    def _clear_abandoned(self) -> None:
        """Remove index generations left by killed rebuilds (and old ones), when
        there are any and no other process is writing (a rebuild in progress
        holds the lock; it is never waited for here)."""
        with contextlib.suppress(OSError):
            if not self.index.leftovers():
                return
            with contextlib.suppress(HollywoodError), write_lock(self.home, wait=False):
                self.index.prune()

    def _synced_token(self) -> tuple[int, int] | None:
        try:
            data = json.loads((self.home / "index" / "SYNCED").read_text(encoding="utf-8"))
            return (int(data[0]), int(data[1]))
        except (OSError, ValueError, TypeError, IndexError):
            return None

    def _record_synced(self, token: tuple[int, int]) -> None:
        """Remember the library state the index now reflects."""
        with contextlib.suppress(OSError):
            atomic_write(self.home / "index" / "SYNCED", json.dumps(list(token)).encode())

    def sync(
        self,
        progress: Progress | None = None,
        rebuild: bool = False,
        wait: bool = True,
        memory: int | None = None,
    ) -> SyncReport:
        """Bring the index up to date; ``rebuild`` builds it anew, an article
        at a time in the listing's order, within ``memory`` bytes (budget.py)."""
        self.ensure_home()
        with write_lock(self.home, wait=wait):
            self.library.clean_temporaries()
            token = self.library_token()
            self.invalidate()
            self.index.memory_setting = self.index_memory

            def moving(done: int, total: int) -> None:  # waiting writers see it move
                note_progress(self.home)
                if progress:
                    progress(done, total)

            if rebuild:
                stored, self.damaged = self.library.in_order(self._rebuild_order(token))
                report = self.index.rebuild(stored, moving, memory=memory)
                report.reason = "rebuild asked for"
            else:
                report = self.index.sync(self.articles(), moving)
            self._record_synced(token)
            return report

    def _rebuild_order(self, token: tuple[int, int]) -> list[str]:
        """The ids a rebuild indexes, in the listing's order: from the listing
        when it is held or kept for the library as it is, else from the
        library read a file at a time (never every body at once, as the
        listing's own fallback does)."""
        listed = self.ready_listing() or read_listing(self._listing_path(), token)
        if listed is not None:
            return [a.id for a in listed]
        return self.library.listed_order()

    # --------------------------------------------------------------- reading

    def library_token(self) -> tuple[int, int]:
        """Changes whenever an article is added, replaced or removed, by this
        process or another (every write renames a file into the library
        folder, which changes the folder's modification time): cheap enough
        to poll from a timer."""
        try:
            st = self.library.root.stat()
        except OSError:
            return (0, 0)
        return (st.st_mtime_ns, st.st_size)

    def invalidate(self) -> None:
        with self._articles_lock:
            self._articles = None

    def _load(self) -> dict[str, Article]:
        with self._articles_lock:
            if self._articles is None:
                report = self.library.load_all()
                self.damaged = report.damaged
                self._articles = {a.id: a for a in report.articles}
            return self._articles

    def articles(self) -> list[Article]:
        """Every article, newest first, then by title."""
        items = list(self._load().values())
        items.sort(key=lambda a: a.title.casefold())
        items.sort(key=lambda a: a.published or "", reverse=True)
        return items

    def get(self, article_id: str) -> Article:
        """The article with this id, or the one whose id starts with it (at
        least 4 characters). Anything that is not an id is refused before a
        file is looked at."""
        given = article_id
        article_id = article_id.strip().lower()
        if not valid_id(article_id):
            raise HollywoodError(
                f"'{strip_controls(given)[:80]}' is not an article id: ids are hexadecimal "
                "(0-9, a-f), 4 characters or more; run 'hollywood-ai list' to see them"
            )
        if self._articles is None:
            # One file, not the whole library, when the id is exact.
            article = self.library.get(article_id)
            if article is not None:
                return article
        articles = self._load()
        if article_id in articles:
            return articles[article_id]
        matches = [a for i, a in articles.items() if i.startswith(article_id)]
        if len(matches) == 1 and len(article_id) >= 4:
            return matches[0]
        raise HollywoodError(
            f"there is no article with id '{article_id}'; run 'hollywood-ai list' to see the ids"
        )

    # --------------------------------------------------------------- writing

    def writing(self) -> contextlib.AbstractContextManager[None]:
        """The home's write lock, for a caller that decides what to store
        under it (store() takes it again: the lock is reentrant)."""
        self.ensure_home()
        return write_lock(self.home)

    def _beat(self, *_: object) -> None:
        note_progress(self.home)

    def store(self, articles: list[Article], stored: list[Article] | None = None) -> None:
        """Put articles in the library (durable first), then index just them.
        Each article is appended to ``stored`` once it is in the library, so
        a caller stopped mid-way (interrupted, disk full) can say which were.

        The cost follows the articles stored, not the size of the library: no
        re-reading of the library, no checksum scan of the index."""
        with self.writing():
            in_step = self._synced_token() == self.library_token()
            for article in articles:
                self.library.put(article)
                if stored is not None:
                    stored.append(article)
                note_progress(self.home)
            self._remember(articles)
            try:
                if self.index.status() == "ok":
                    self.index.update(articles, self._beat)
                    if in_step:  # the index followed the library before, and still does
                        self._record_synced(self.library_token())
                else:
                    token = self.library_token()
                    self.invalidate()
                    self.index.sync(self.articles(), self._beat)
                    self._record_synced(token)
            except OSError as exc:
                what = "article is" if len(articles) == 1 else f"{len(articles)} articles are"
                raise HollywoodError(
                    f"{describe_os_error(exc, self._index_file(exc))} (the {what} stored in "
                    "the library, and the next command indexes them)"
                ) from None

    def _index_file(self, exc: OSError) -> Path:
        return Path(exc.filename) if exc.filename else self.home / "index"

    def remove(self, article_id: str) -> Article:
        """Remove an article (library first, then index); a HollywoodError when
        nothing was removed from the library."""
        article = self.get(article_id)
        with write_lock(self.home):
            in_step = self._synced_token() == self.library_token()
            removed = self.library.remove(article.id)
            with self._articles_lock:
                if self._articles is not None:
                    self._articles.pop(article.id, None)
            self.index.delete_article(article.id)
            if in_step:
                self._record_synced(self.library_token())
        if not removed:
            raise HollywoodError(
                f"the article {article.id} was not in the library (another process may have "
                "removed it); nothing was removed"
            )
        return article

    def _remember(self, articles: list[Article]) -> None:
        with self._articles_lock:
            if self._articles is not None:
                for article in articles:
                    self._articles[article.id] = article

    def close(self) -> None:
        if self._index is not None:
            self._index.close()
