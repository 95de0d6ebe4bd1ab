"""The Whoosh index: articles and their passages, in numbered generations.

Layout under HOME/index::

    CURRENT           the name of the live generation, replaced atomically
    gen-000003/       a Whoosh storage with the indexes "articles" and "passages"
      schema.json     the schema version this generation was built with

Incremental updates (by checksum) go into the live generation. A rebuild is
written into a new generation and made live by replacing CURRENT, so a rebuild
that is interrupted leaves the old generation working. A generation built with
another schema version, or one whose files are damaged, is rebuilt from the
library. Each opened searcher carries what is kept for its generation
(opened.py), and a refresh drops it with the searcher.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import stat
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from hollywood_ai.index.errors import HollywoodError
from hollywood_ai.index.model import Article
from hollywood_ai.index.searching import budget
from hollywood_ai.index.searching.damage import DamagedIndex, is_damage
from hollywood_ai.index.searching.documents import documents
from hollywood_ai.index.searching.opened import GenerationSearcher, tables
from hollywood_ai.index.searching.reports import SyncReport
from hollywood_ai.index.searching.schema import (
    ARTICLES,
    PASSAGES,
    SCHEMA_VERSION,
    article_schema,
    passage_schema,
)
from hollywood_ai.index.searching.stored import StoredReads
from hollywood_ai.index.searching.whoosh_internals.codec import InliningCodec
from hollywood_ai.index.store.durable import atomic_write, describe_os_error, fsync_dir
from hollywood_ai.index.store.library import StoredArticles
from whoosh import index as windex
from whoosh.query import Every
from whoosh.searching import Searcher

Progress = Callable[[int, int], None]


#: From this many articles on, a rebuild runs one process per core (see
#: parallel_build); below it, starting the processes costs more than it saves.
PARALLEL_FROM = 1000
_GENERATION = re.compile(r"gen-\d{1,12}")


class SearchIndex(StoredReads):
    """The live Whoosh generation, opened once and kept open between queries."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._lock = threading.RLock()
        # Held while a search runs: Whoosh searchers share file handles, so one
        # searcher must not serve two threads at once.
        self.lock = self._lock
        self._generation: str | None = None
        self._indexes: dict[str, Any] = {}
        self._searchers: dict[str, GenerationSearcher] = {}
        self._searcher_gen: dict[str, int] = {}
        # The setting index_memory's text, for a rebuild's budget (budget.py).
        self.memory_setting: str | None = None

    # ------------------------------------------------------------ generations

    def _current_name(self) -> str | None:
        """The live generation's name, or None when CURRENT is absent, is not
        a regular file (a folder, a FIFO: never opened) or holds anything but
        a generation's name."""
        current = self.root / "CURRENT"
        try:
            if not stat.S_ISREG(current.stat().st_mode) or current.stat().st_size > 64:
                return None
            name = current.read_bytes().decode("ascii").strip()
        except (OSError, ValueError):
            return None
        return name if _GENERATION.fullmatch(name) else None

    def _current_damaged(self) -> bool:
        """Whether CURRENT is there but names no generation that exists."""
        if not os.path.lexists(self.root / "CURRENT"):
            return False
        name = self._current_name()
        return name is None or not self._gen_dir(name).is_dir()

    def _gen_dir(self, name: str) -> Path:
        return self.root / name

    def status(self) -> str:
        """'ok', 'missing', 'schema' (built by another version) or 'damaged'."""
        name = self._current_name()
        if name is None or not self._gen_dir(name).is_dir():
            # CURRENT unreadable, or naming a generation that is gone: damage,
            # which is said when it is repaired; no CURRENT at all: no index yet.
            return "damaged" if self._current_damaged() else "missing"
        try:
            meta = json.loads((self._gen_dir(name) / "schema.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return "damaged"
        if not isinstance(meta, dict) or meta.get("schema") != SCHEMA_VERSION:
            return "schema"
        if self._indexes and name == self._generation:
            return "ok"  # opened and checked already
        try:
            # Open once, keep it open for the searches that follow, and touch
            # every part a search reads: term dictionary, postings, stored
            # fields, columns.
            self.open()
            for which in (ARTICLES, PASSAGES):
                s = self.searcher(which)
                reader = s.reader()
                for fieldname in reader.indexed_field_names():
                    for _ in zip(range(3), reader.lexicon(fieldname), strict=False):
                        pass
                if s.doc_count_all():
                    s.stored_fields(0)
                    s.stored_fields(s.doc_count_all() - 1)
                    if which == ARTICLES:
                        column = self.snippet_column(s)
                        column[0].decode("utf-8")
                        column[s.doc_count_all() - 1].decode("utf-8")
                s.search(Every(), limit=1)
        except HollywoodError:  # open() found the generation unusable
            self.close()
            return "damaged"
        except Exception as exc:
            self.close()
            if not is_damage(exc):
                raise
            return "damaged"
        return "ok"

    def open(self) -> None:
        """Open the live generation (raises HollywoodError if it is unusable)."""
        with self._lock:
            name = self._current_name()
            if name is None:
                raise DamagedIndex(f"there is no index in {self.root}; run 'hollywood-ai index'")
            if name == self._generation and self._indexes:
                return
            self.close()
            try:
                self._indexes = {
                    n: windex.open_dir(str(self._gen_dir(name)), indexname=n)
                    for n in (ARTICLES, PASSAGES)
                }
            except Exception as exc:
                self._indexes = {}
                if not is_damage(exc):
                    raise
                raise DamagedIndex(
                    f"the index in {self.root} cannot be opened ({exc.__class__.__name__}); "
                    "run 'hollywood-ai index --rebuild'"
                ) from None
            self._generation = name

    def close(self) -> None:
        with self._lock:
            for s in self._searchers.values():
                with contextlib.suppress(Exception):
                    s.close()
            self._searchers = {}
            self._indexes = {}
            self._generation = None

    def searcher(self, which: str = ARTICLES) -> GenerationSearcher:
        """A searcher kept open between queries, refreshed when the index
        changes; what is kept for a generation is kept on its searcher."""
        with self._lock:
            current = self._current_name()
            if current != self._generation or not self._indexes:
                self.open()
            ix = self._indexes[which]
            s = self._searchers.get(which)
            # A commit (here or by another process) makes a new TOC generation;
            # Whoosh's own up_to_date() misses deletion-only commits.
            latest = ix.latest_generation()
            if s is None or self._searcher_gen.get(which) != latest:
                if s is not None:
                    with contextlib.suppress(Exception):
                        s.close()
                s = GenerationSearcher(ix.reader(), fromindex=ix)  # as ix.searcher() makes it
                self._searchers[which] = s
                self._searcher_gen[which] = latest
            return s

    def snippet_column(self, searcher: Searcher) -> Any:
        """The snippet records of ``searcher``'s documents, by document number
        (see snippet_record); the column reader is kept with its searcher."""
        return tables(searcher).values.fetch(
            "snippets", lambda: searcher.reader().column_reader("snippets")
        )

    def index(self, which: str = ARTICLES) -> Any:
        with self._lock:
            if not self._indexes or self._current_name() != self._generation:
                self.open()
            return self._indexes[which]

    # --------------------------------------------------------------- writing

    def stored_checksums(self) -> dict[str, str]:
        s = self.searcher(ARTICLES)
        return {f["id"]: f.get("checksum", "") for f in s.all_stored_fields()}

    def sync(self, articles: list[Article], progress: Progress | None = None) -> SyncReport:
        """Bring the index in line with the library: add, update and remove by
        checksum; rebuild when the index is missing, damaged or of another schema."""
        state = self.status()
        if state != "ok":
            reasons = {
                "missing": "no index yet",
                "damaged": "the index was damaged or unreadable",
                "schema": "the index was built by another version",
            }
            report = self.rebuild(articles, progress)
            report.reason = reasons.get(state, state)
            return report
        stored = self.stored_checksums()
        wanted = {a.id: a for a in articles}
        report = SyncReport()
        changed = [a for a in articles if stored.get(a.id) != a.checksum]
        report.removed = [i for i in stored if i not in wanted]
        report.added = [a.id for a in changed if a.id not in stored]
        report.updated = [a.id for a in changed if a.id in stored]
        if not changed and not report.removed:
            return report
        self._write(changed, report.removed, progress)
        return report

    def _write(
        self, articles: list[Article], removed: list[str], progress: Progress | None
    ) -> None:
        with self._lock:
            aw = self.index(ARTICLES).writer(timeout=10.0, compound=False, codec=InliningCodec())
            pw = self.index(PASSAGES).writer(timeout=10.0, compound=False, codec=InliningCodec())
            try:
                for article_id in [*removed, *(a.id for a in articles)]:
                    aw.delete_by_term("id", article_id)
                    pw.delete_by_term("article_id", article_id)
                for i, article in enumerate(articles, 1):
                    article_doc, passage_docs = documents(article)
                    aw.add_document(**article_doc)
                    for doc in passage_docs:
                        pw.add_document(**doc)
                    if progress:
                        progress(i, len(articles))
                # Passages first: an article is only visible once its passages are.
                pw.commit()
                aw.commit()
            except BaseException:
                with contextlib.suppress(Exception):
                    pw.cancel()
                with contextlib.suppress(Exception):
                    aw.cancel()
                raise

    def rebuild(
        self,
        articles: Sequence[Article],
        progress: Progress | None = None,
        memory: int | None = None,
    ) -> SyncReport:
        """Build a new generation aside, then make it live by replacing CURRENT.
        ``articles`` may be read as it goes (a StoredArticles): the build holds
        one article at a time and its posting pools within ``memory`` bytes
        (see budget.py)."""
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise HollywoodError(describe_os_error(exc, self.root)) from None
        previous = self._current_name()
        current = self.root / "CURRENT"
        if current.is_dir() and not current.is_symlink():
            # A folder in CURRENT's place would refuse the rename that makes
            # the new generation live.
            shutil.rmtree(current, ignore_errors=True)
        number = 1 + max(
            (int(p.name[4:]) for p in self.root.glob("gen-*") if p.name[4:].isdigit()), default=0
        )
        name = f"gen-{number:06d}"
        target = self._gen_dir(name)
        try:
            target.mkdir()
            windex.create_in(str(target), article_schema(), indexname=ARTICLES)
            windex.create_in(str(target), passage_schema(), indexname=PASSAGES)
            # Separate files, not one compound file per segment: Whoosh copies a
            # compound file's parts into memory on every open (seconds for a
            # large index), while separate files are read in place.
            opts: dict[str, Any] = {
                "compound": False,
                # Rare terms' postings in the term table: a quarter off the build.
                "codec": InliningCodec(),
            }
            # (Imported here: the processes it starts are a rebuild's alone.)
            from hollywood_ai.index.searching.whoosh_internals import parallel

            cores = min(2, os.cpu_count() or 1)
            processes, pool_mib = budget.plan(
                budget.memory_budget(memory, self.memory_setting), len(articles), cores, PARALLEL_FROM
            )
            limits = (pool_mib, budget.PASSAGES_POOL_MIB)
            if processes > 1:
                parallel.build_in_parts(
                    target, (ARTICLES, PASSAGES), articles, opts, limits, progress, processes
                )
            else:
                total = len(articles)

                def done(i: int) -> None:
                    if progress and (i % 50 == 0):
                        progress(i, total)

                names = (ARTICLES, PASSAGES)
                made = parallel.write_segments(target, names, articles, opts, limits, done)
                parallel.commit_segments(target, names, opts, made)
                if progress:
                    progress(total, total)
            atomic_write(target / "schema.json", json.dumps({"schema": SCHEMA_VERSION}).encode())
            fsync_dir(target)
            atomic_write(self.root / "CURRENT", name.encode())
        except OSError as exc:
            shutil.rmtree(target, ignore_errors=True)
            raise HollywoodError(describe_os_error(exc, target)) from None
        except BaseException:
            shutil.rmtree(target, ignore_errors=True)
            raise
        with self._lock:
            self.close()
        self.prune(keep=name, previous=previous)
        if isinstance(articles, StoredArticles):
            return SyncReport(added=list(articles.ids), rebuilt=True)
        return SyncReport(added=[a.id for a in articles], rebuilt=True)

    def prune(self, keep: str | None = None, previous: str | None = None) -> None:
        """Remove generations other than the live one and the one before it
        (another process may still be reading that one), and abandoned builds.
        Only under the write lock: a rebuild in progress holds it."""
        for path in self.leftovers(keep, previous):
            shutil.rmtree(path, ignore_errors=True)

    def leftovers(self, keep: str | None = None, previous: str | None = None) -> list[Path]:
        """What prune removes: every generation but ``keep`` (default: the live
        one) and ``previous`` (default: the newest one below it). Builds that
        were killed are numbered above the live one. Nothing without a live one."""
        keep = keep or self._current_name()
        if keep is None:
            return []
        found = sorted(self.root.glob("gen-*"))
        if previous is None:
            older = [p.name for p in found if p.name < keep]
            previous = older[-1] if older else None
        return [p for p in found if p.name not in (keep, previous)]

    def update(self, articles: list[Article], progress: Progress | None = None) -> None:
        """Add or replace these articles (and their passages) in the live index."""
        if articles:
            self._write(articles, [], progress)

    def delete_article(self, article_id: str) -> None:
        self._write([], [article_id], None)
