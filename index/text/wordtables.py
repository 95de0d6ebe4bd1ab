"""Word counts of many articles as one table in numpy arrays, and its file.

A table holds a vocabulary and, per article (keyed by id and checksum), a run
of word numbers and counts. Grouping keeps the whole library's table beside
the index (stories/words.py); a rebuild's workers write the tables of the
articles they index into the new generation (text/numbering.py), numbered as
they go, so that the first grouping after a bulk import joins a few tables
instead of parsing and numbering every article's words again.
"""

from __future__ import annotations

import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np
from hollywood_ai.index.text.numbering import MAX_COUNT, table_file
from hollywood_ai.index.text.storywords import WORDS_VERSION


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
    #: A 128-bit hash of each word (uint64, len(vocab) x 2), where the table's
    #: file has them (a rebuild's tables): tables are then joined by sorting
    #: hashes rather than looking every word up (see joined_by_hashes).
    hashes: np.ndarray | None = None

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
        hashes = self.hashes
        return WordTable(
            list(keys),
            [w for w, used in zip(vocab, in_use.tolist(), strict=True) if used],
            new_offsets,
            renumber[chosen].astype(np.int32),
            all_counts[gather].astype(np.int32),
            hashes=hashes[in_use] if hashes is not None and len(vocab) == len(hashes) else None,
        )


def joined(first: WordTable, *others: WordTable) -> WordTable:
    """One table holding the rows of all, in order (the others' words
    numbered in the first's vocabulary, new words after it): each table's
    arrays copied once."""
    vocab = list(first.vocab)
    number = {w: i for i, w in enumerate(vocab)}
    renumbered = [first.word_ids]
    for t in others:
        for w in t.vocab:
            if w not in number:
                number[w] = len(vocab)
                vocab.append(w)
        renumber = np.fromiter(map(number.__getitem__, t.vocab), np.int32, len(t.vocab))
        renumbered.append(renumber[t.word_ids])
    return _assembled([first, *others], vocab, renumbered)


def joined_by_hashes(tables: list[WordTable]) -> WordTable:
    """``joined(*tables)`` for tables that hash their words: the words of all
    numbered at once by sorting their hashes (a rebuild's tables share most
    of their words, and a dictionary would look up millions of them), in
    the order they first come; ``joined`` itself when one has no hashes or
    two words share the first half of a hash but not the second."""
    if len(tables) < 2 or any(t.hashes is None for t in tables):
        return joined(*tables)
    hashes = np.concatenate([t.hashes for t in tables if t.hashes is not None])
    _, first_at, inverse = np.unique(hashes[:, 0], return_index=True, return_inverse=True)
    inverse = inverse.reshape(-1)
    if not np.array_equal(hashes[first_at, 1][inverse], hashes[:, 1]):
        return joined(*tables)
    order = np.argsort(first_at, kind="stable")
    number = np.empty_like(order)
    number[order] = np.arange(len(order))
    every = number[inverse].astype(np.int32)  # each table's words, in turn, numbered
    starts = np.cumsum([0] + [len(t.vocab) for t in tables])
    words = [w for t in tables for w in t.vocab]
    return _assembled(
        tables,
        [words[i] for i in first_at[order].tolist()],
        [every[start + t.word_ids] for start, t in zip(starts.tolist(), tables, strict=False)],
        hashes[first_at[order]],
    )


def _assembled(
    tables: list[WordTable],
    vocab: list[str],
    word_ids: list[np.ndarray],
    hashes: np.ndarray | None = None,
) -> WordTable:
    """The rows of ``tables``, in order, as one table over ``vocab``, their
    word numbers already given in it (``word_ids``, a run per table)."""
    ends = np.cumsum([0] + [int(t.offsets[-1]) for t in tables])
    return WordTable(
        [k for t in tables for k in t.keys],
        vocab,
        np.concatenate(
            [tables[0].offsets[:1]]
            + [t.offsets[1:] + end for t, end in zip(tables, ends.tolist(), strict=False)]
        ),
        np.concatenate(word_ids),
        np.concatenate([t.counts for t in tables]),
        hashes=hashes,
    )


# ------------------------------------------------------------------ the file


def _unpacked(data: np.ndarray) -> list[str]:
    text = data.tobytes().decode("utf-8")
    return text.split("\n") if text else []


def encoded(t: WordTable, compressed: bool = False) -> bytes:
    """The table as the bytes of its file (text/numbering.py; counts above
    65,535 kept as 65,535)."""
    counts = np.minimum(t.counts, MAX_COUNT).astype(np.uint16)
    offsets = np.ascontiguousarray(t.offsets, np.int64)
    word_ids = np.ascontiguousarray(t.word_ids, np.int32)
    return table_file(t.keys, t.vocab, offsets, word_ids, counts, compressed)


def keys_in(source: Path | BinaryIO) -> list[tuple[str, str]] | None:
    """The keys of the table in a file ``encoded`` wrote, read alone (an npz
    member is read when asked for); None as for ``read``."""
    try:
        with np.load(source, allow_pickle=False) as data:
            return _keys(data)
    except (OSError, ValueError, KeyError, IndexError, EOFError, zipfile.BadZipFile):
        return None


def _keys(data: Any) -> list[tuple[str, str]] | None:
    if int(data["version"][0]) != WORDS_VERSION:
        return None
    return [tuple(k.split("\t", 1)) for k in _unpacked(data["keys"])]  # type: ignore[misc]


def read(source: Path | BinaryIO) -> WordTable | None:
    """The table in a file ``encoded`` wrote, or None: missing, damaged or
    of another version."""
    try:
        with np.load(source, allow_pickle=False) as data:
            keys = _keys(data)
            if keys is None:
                return None
            t = WordTable(
                keys,
                _unpacked(data["vocab"]),
                data["offsets"].astype(np.int64),
                data["word_ids"].astype(np.int32),
                data["counts"].astype(np.int32),
            )
            if "hashes" in data:
                t.hashes = data["hashes"].view("<u8").reshape(-1, 2)
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
        or (t.hashes is not None and len(t.hashes) != len(t.vocab))
    ):
        return None
    return t
