"""The words stories are grouped by: each article's content words and names,
counted, and kept beside the index so that only new or changed articles are
ever counted again.

Counting is the one part of grouping that reads article bodies, so it is what
makes a first grouping slow (about 0.7 ms an article); everything after it
works on the counts. The counts of a whole library are one table in numpy
arrays (a vocabulary, and per article a run of word numbers and counts),
written to one file (``STORYWORDS.npz``) keyed article by article by id and
checksum: a changed article is counted again, a removed one dropped.
"""

from __future__ import annotations

import contextlib
import threading
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from hollywood_ai.index.errors import HollywoodError
from hollywood_ai.index.model import Article
from hollywood_ai.index.store.durable import atomic_write
from hollywood_ai.index.stories import records
from hollywood_ai.index.text import wordtables
from hollywood_ai.index.text.storywords import words
from hollywood_ai.index.text.wordtables import WordTable

WORDS_FILE = "STORYWORDS.npz"
#: From this many articles to count, the counting is shared out between processes.
PARALLEL_FROM = 4000


def _count_all(texts: list[tuple[str, str]]) -> list[dict[str, int]]:
    """words() of (title, body) pairs: the work a counting process does."""
    return [dict(words(title, body)) for title, body in texts]


def table(
    articles: list[Article],
    keep_in: Path | None = None,
    fetch: Callable[[str], Article] | None = None,
    indexed: Callable[[list[tuple[str, str]]], dict[tuple[str, str], bytes]] | None = None,
    built: Callable[[], list[Path]] | None = None,
) -> WordTable:
    """The word counts of ``articles``, in their order: from the table kept in
    ``keep_in`` for the articles it holds (same id and checksum), else from
    the tables the index's last rebuild wrote (``built``: their files), else
    from the counts the index made as it indexed them (``indexed``: its
    records, text/storywords.py), counted now for the rest (their bodies
    fetched with ``fetch`` when the articles given have none), and kept again
    when anything was not in the kept table."""
    kept = _load(keep_in / WORDS_FILE) if keep_in is not None else None
    have = set(kept.keys) if kept is not None else set()
    keys = [(a.id, a.checksum) for a in articles]
    missing = [a for a, k in zip(articles, keys, strict=True) if k not in have]
    wanted = [(a.id, a.checksum) for a in missing]
    found = _from_built(wanted, built() if built is not None and wanted else [])
    if len(found) > 1:
        found = [wordtables.joined_by_hashes(found)]
    for t in found:
        have.update(t.keys)
    wanted = [k for k in wanted if k not in have]
    from_index = records.table_of(wanted, indexed(wanted) if indexed and wanted else {})
    have.update(from_index.keys)
    parts = [t for t in (kept, *found, from_index) if t is not None and t.keys]
    kept = wordtables.joined(*parts) if parts else kept
    unread = [a for a in missing if (a.id, a.checksum) not in have]
    gone: set[str] = set()  # articles whose bodies could not be read: not kept

    def whole(article_id: str) -> Article:
        assert fetch is not None
        try:
            return fetch(article_id)
        except HollywoodError:
            gone.add(article_id)
            raise

    counted = dict(
        zip(
            ((a.id, a.checksum) for a in unread),
            count(unread, whole if fetch is not None else None),
            strict=True,
        )
    )
    out = (kept or WordTable.empty()).select(keys, counted)
    if keep_in is not None and (missing or kept is None or len(kept.keys) != len(keys)):
        _save(
            keep_in / WORDS_FILE,
            out.select([k for k in keys if k[0] not in gone], {}) if gone else out,
        )
    out.partial = bool(gone)
    return out


def _from_built(wanted: list[tuple[str, str]], files: list[Path]) -> list[WordTable]:
    """The rows of ``wanted`` in each of the rebuild's tables that holds any:
    a table's keys are read first, and the table itself only when it holds
    one (after the first grouping the kept table has the rebuilt articles, and
    an article added since is in none). A table that does not read is passed
    over: its articles are counted again."""
    still = set(wanted)
    out = []
    for path in files:
        if not still:
            break
        keys = wordtables.keys_in(path)
        t = _load(path) if keys is not None and not still.isdisjoint(keys) else None
        if t is None:
            continue
        rows = [k for k in t.keys if k in still]
        if rows:
            out.append(t if len(rows) == len(t.keys) else t.select(rows, {}))
            still.difference_update(rows)
    return out


def count(
    articles: list[Article], fetch: Callable[[str], Article] | None = None
) -> list[Counter[str]]:
    """words() of each article (bodies fetched when missing); a large batch
    is shared out between processes, one per core."""
    texts = []
    for a in articles:
        full = a
        if fetch is not None and not a.body:
            # An article removed by another process since the listing was
            # read is grouped by its title alone (the next change regroups).
            with contextlib.suppress(HollywoodError):
                full = fetch(a.id)
        texts.append((full.title, full.body))
    if len(texts) < PARALLEL_FROM:
        return [Counter(c) for c in _count_all(texts)]
    return _count_in_processes(texts)


_pool_lock = threading.Lock()


def _count_in_processes(texts: list[tuple[str, str]]) -> list[Counter[str]]:
    import os

    from hollywood_ai.index.store.processes import spawn_context, watch_parent

    workers = max(1, min(os.cpu_count() or 1, 8))
    size = max(1, -(-len(texts) // (workers * 4)))
    chunks = [texts[i : i + size] for i in range(0, len(texts), size)]
    try:
        with (
            _pool_lock,
            ProcessPoolExecutor(
                workers,
                mp_context=spawn_context(),
                initializer=watch_parent,  # no counting on as an orphan
                initargs=(os.getpid(),),
            ) as pool,
        ):
            return [Counter(c) for part in pool.map(_count_all, chunks) for c in part]
    except (OSError, RuntimeError, ValueError):  # no processes here: count in this one
        return [Counter(c) for c in _count_all(texts)]


# ------------------------------------------------------------------ the file


def _save(path: Path, t: WordTable) -> None:
    """Keep the table (atomically, when the folder exists; a read-only home
    just means counting again next time)."""
    with contextlib.suppress(OSError):
        if path.parent.is_dir():
            atomic_write(path, wordtables.encoded(t))


def _load(path: Path) -> WordTable | None:
    """The kept table, or None: missing, damaged or of another version."""
    return wordtables.read(path)
