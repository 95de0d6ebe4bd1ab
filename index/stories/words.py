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
import io
import threading
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from hollywood_ai.index.errors import HollywoodError
from hollywood_ai.index.model import Article
from hollywood_ai.index.store.durable import atomic_write
from hollywood_ai.index.stories import records
from hollywood_ai.index.text.storywords import WORDS_VERSION, words

WORDS_FILE = "STORYWORDS.npz"
#: From this many articles to count, the counting is shared out between processes.
PARALLEL_FROM = 4000

def _count_all(texts: list[tuple[str, str]]) -> list[dict[str, int]]:
    """words() of (title, body) pairs: the work a counting process does."""
    return [dict(words(title, body)) for title, body in texts]


@dataclass
class WordTable:
    """Word counts of a set of articles: article ``i`` (``keys[i]``, its id and
    checksum) has the words ``vocab[word_ids[offsets[i]:offsets[i + 1]]]``,
    counted ``counts[...]`` times."""

    keys: list[tuple[str, str]]
    vocab: list[str]
    offsets: np.ndarray  # int64, len(keys) + 1
    word_ids: np.ndarray  # int32
    counts: np.ndarray  # int32
    #: Some articles' bodies could not be read (gone meanwhile): their titles
    #: stood in, and what is made from this table is not to be kept.
    partial: bool = False

    @staticmethod
    def empty() -> WordTable:
        return WordTable(
            [], [], np.zeros(1, np.int64), np.zeros(0, np.int32), np.zeros(0, np.int32)
        )

    def rows(self) -> np.ndarray:
        """The article number of every (word, count) entry."""
        return np.repeat(np.arange(len(self.keys)), np.diff(self.offsets))

    def select(
        self, keys: list[tuple[str, str]], counted: dict[tuple[str, str], Counter[str]]
    ) -> WordTable:
        """The table of exactly ``keys``, in that order: rows taken from this
        table where it has them, else from ``counted``; the vocabulary keeps
        only words in use. One gather over arrays, whatever the library's size."""
        position = {k: i for i, k in enumerate(self.keys)}
        vocab = list(self.vocab)
        number = {w: i for i, w in enumerate(vocab)}
        # The counted articles' rows go after this table's, as if it had them.
        offsets, word_ids, counts = [self.offsets], [self.word_ids], [self.counts]
        end = int(self.offsets[-1])
        rows = len(self.keys)
        for key in keys:
            if key in position or key not in counted:
                continue
            c = counted[key]
            for w in c:
                if w not in number:
                    number[w] = len(vocab)
                    vocab.append(w)
            word_ids.append(np.fromiter((number[w] for w in c), np.int32, len(c)))
            counts.append(np.fromiter(c.values(), np.int32, len(c)))
            end += len(c)
            offsets.append(np.array([end], np.int64))
            position[key] = rows
            rows += 1
        all_offsets = np.concatenate(offsets)
        all_ids, all_counts = np.concatenate(word_ids), np.concatenate(counts)
        taken = np.fromiter((position[k] for k in keys), np.int64, len(keys))
        starts, lengths = all_offsets[taken], all_offsets[taken + 1] - all_offsets[taken]
        new_offsets = np.zeros(len(keys) + 1, np.int64)
        np.cumsum(lengths, out=new_offsets[1:])
        # Entry j of the new table is entry starts[row] + (j - new_offsets[row]) of the old.
        gather = np.arange(int(new_offsets[-1])) + np.repeat(starts - new_offsets[:-1], lengths)
        chosen = all_ids[gather]
        # Only the words still in use, numbered afresh in the same order.
        in_use = np.bincount(chosen, minlength=len(vocab)) > 0
        renumber = np.cumsum(in_use) - 1
        return WordTable(
            list(keys),
            [w for w, used in zip(vocab, in_use.tolist(), strict=True) if used],
            new_offsets,
            renumber[chosen].astype(np.int32),
            all_counts[gather].astype(np.int32),
        )


def table(
    articles: list[Article],
    keep_in: Path | None = None,
    fetch: Callable[[str], Article] | None = None,
    indexed: Callable[[list[tuple[str, str]]], dict[tuple[str, str], bytes]] | None = None,
) -> WordTable:
    """The word counts of ``articles``, in their order: from the table kept in
    ``keep_in`` for the articles it holds (same id and checksum), else from
    the counts the index made as it indexed them (``indexed``: its records,
    text/storywords.py), counted now for the rest (their bodies fetched with
    ``fetch`` when the articles given have none), and kept again when
    anything was not in the kept table."""
    kept = _load(keep_in / WORDS_FILE) if keep_in is not None else None
    have = set(kept.keys) if kept is not None else set()
    keys = [(a.id, a.checksum) for a in articles]
    missing = [a for a, k in zip(articles, keys, strict=True) if k not in have]
    wanted = [(a.id, a.checksum) for a in missing]
    from_index = records.table_of(wanted, indexed(wanted) if indexed and missing else {})
    if kept is not None and from_index.keys:
        kept = _joined_tables(kept, from_index)
    elif from_index.keys:
        kept = from_index
    got = set(from_index.keys)
    unread = [a for a in missing if (a.id, a.checksum) not in got]
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
        _save(keep_in / WORDS_FILE, out.select([k for k in keys if k[0] not in gone], {}))
    out.partial = bool(gone)
    return out


def _joined_tables(first: WordTable, second: WordTable) -> WordTable:
    """One table holding the rows of both (the second's words numbered in the
    first's vocabulary)."""
    vocab = list(first.vocab)
    number = {w: i for i, w in enumerate(vocab)}
    for w in second.vocab:
        if w not in number:
            number[w] = len(vocab)
            vocab.append(w)
    renumber = np.fromiter(map(number.__getitem__, second.vocab), np.int32, len(second.vocab))
    return WordTable(
        first.keys + second.keys,
        vocab,
        np.concatenate([first.offsets, second.offsets[1:] + first.offsets[-1]]),
        np.concatenate([first.word_ids, renumber[second.word_ids]]),
        np.concatenate([first.counts, second.counts]),
    )


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


def _joined(items: Iterable[str]) -> np.ndarray:
    return np.frombuffer("\n".join(items).encode("utf-8"), np.uint8)


def _split(data: np.ndarray) -> list[str]:
    text = data.tobytes().decode("utf-8")
    return text.split("\n") if text else []


def _save(path: Path, t: WordTable) -> None:
    """Keep the table (atomically, when the folder exists; a read-only home
    just means counting again next time)."""
    buffer = io.BytesIO()
    np.savez(
        buffer,
        version=np.array([WORDS_VERSION]),
        keys=_joined(f"{i}\t{c}" for i, c in t.keys),
        vocab=_joined(t.vocab),
        offsets=t.offsets,
        word_ids=t.word_ids,
        counts=np.minimum(t.counts, np.iinfo(np.uint16).max).astype(np.uint16),
    )
    with contextlib.suppress(OSError):
        if path.parent.is_dir():
            atomic_write(path, buffer.getvalue())


def _load(path: Path) -> WordTable | None:
    """The kept table, or None: missing, damaged or of another version."""
    try:
        with np.load(path, allow_pickle=False) as data:
            if int(data["version"][0]) != WORDS_VERSION:
                return None
            keys = [tuple(k.split("\t", 1)) for k in _split(data["keys"])]
            t = WordTable(
                keys,  # type: ignore[arg-type]
                _split(data["vocab"]),
                data["offsets"].astype(np.int64),
                data["word_ids"].astype(np.int32),
                data["counts"].astype(np.int32),
            )
    except (OSError, ValueError, KeyError, IndexError, EOFError, zipfile.BadZipFile):
        return None
    n = len(t.keys)
    if (
        len(t.offsets) != n + 1
        or t.offsets[0] != 0
        or bool(np.any(np.diff(t.offsets) < 0))
        or any(len(k) != 2 for k in t.keys)
        or t.offsets[-1] != len(t.word_ids)
        or len(t.counts) != len(t.word_ids)
        or (len(t.word_ids) and (t.word_ids.min() < 0 or t.word_ids.max() >= len(t.vocab)))
    ):
        return None
    return t
