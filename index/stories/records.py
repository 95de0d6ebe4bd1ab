"""The story words the index counted as it indexed each article
(text/storywords.py), read in bulk into one table of word numbers.

After a bulk import every article's words come from these records: at 50,000
articles, 19 million (word, count) rows. Numbering the words with a Python
dictionary touches each row's string in turn, and on a busy machine those
scattered reads cost microseconds each; here the rows are parsed with numpy
over the records' bytes instead: each word is hashed twice (two 64-bit
hashes, eight bytes at a time over all words at once), the words are numbered by
sorting the hashes, and only one string per distinct word is made. Rows
that do not parse, or two words that would share both hashes, send the
records to the exact, slower reading (``by_words``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from hollywood_ai.index.text.storywords import WORDS_VERSION, split_counts

if TYPE_CHECKING:
    from hollywood_ai.index.stories.words import WordTable

_TAB, _NEWLINE = 9, 10
_DIGIT_0, _DIGIT_9 = 48, 57
# FNV-1a's 64-bit constants, and a second multiplier for an independent hash.
_BASIS = np.uint64(0xCBF29CE484222325)
_PRIMES = (np.uint64(0x100000001B3), np.uint64(0x9E3779B97F4A7C15))
_ONE, _EIGHT, _ALL = np.uint64(1), np.uint64(8), np.uint64(2**64 - 1)


def table_of(keys: list[tuple[str, str]], records: dict[tuple[str, str], bytes]) -> WordTable:
    """The table of ``keys`` (in that order) the index kept records for; a
    record not of this version, or not of its key's checksum, is left out
    (its article is counted from its body). The words are numbered in the
    order they first come, as a dictionary would number them."""
    from hollywood_ai.index.stories.words import WordTable

    found: list[tuple[str, str]] = []
    parts: list[bytes] = []
    head = f"{WORDS_VERSION}\t".encode()
    for key in keys:
        record = records.get(key)
        if record is None:
            continue
        first, _, rows = record.partition(b"\n")
        if first != head + key[1].encode("ascii", "replace"):
            continue
        found.append(key)
        parts.append(rows)
    if not found:
        return WordTable.empty()
    made = _parsed(found, parts)
    return made if made is not None else by_words(found, parts)


def _parsed(keys: list[tuple[str, str]], parts: list[bytes]) -> WordTable | None:
    """The table made with numpy, or None when a row does not parse or two
    words share both hashes."""
    from hollywood_ai.index.stories.words import WordTable

    rows_in = np.array([p.count(b"\n") + 1 if p else 0 for p in parts], np.int64)
    offsets = np.zeros(len(keys) + 1, np.int64)
    np.cumsum(rows_in, out=offsets[1:])
    if offsets[-1] == 0:
        return WordTable(keys, [], offsets, np.zeros(0, np.int32), np.zeros(0, np.int32))
    # Every row, of every record, ends with a newline.
    data = np.frombuffer(b"\n".join(p for p in parts if p) + b"\n", np.uint8)
    ends = np.flatnonzero(data == _NEWLINE)
    tabs = np.flatnonzero(data == _TAB)
    if len(ends) != offsets[-1] or len(tabs) != len(ends):
        return None
    starts = np.zeros_like(ends)
    starts[1:] = ends[:-1] + 1
    # As many tabs as rows, each inside its row with text on both sides:
    # exactly one tab per row.
    if not (np.all(starts < tabs) and np.all(tabs + 1 < ends)):
        return None
    counts = _numbers(data, tabs + 1, ends)
    if counts is None:
        return None
    lengths = tabs - starts
    first_hash, second_hash = _hashes(data, starts, lengths)
    _, first_at, inverse = np.unique(first_hash, return_index=True, return_inverse=True)
    inverse = inverse.reshape(-1)
    if not (
        np.array_equal(second_hash, second_hash[first_at][inverse])
        and np.array_equal(lengths, lengths[first_at][inverse])
    ):
        return None
    # Numbered by first appearance, not by hash.
    order = np.argsort(first_at, kind="stable")
    number = np.empty_like(order)
    number[order] = np.arange(len(order))
    at = first_at[order]
    vocab = [
        bytes(data[start : start + n]).decode("utf-8")
        for start, n in zip(starts[at].tolist(), lengths[at].tolist(), strict=True)
    ]
    return WordTable(keys, vocab, offsets, number[inverse].astype(np.int32), counts)


def _numbers(data: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray | None:
    """The decimal numbers data[starts[i]:ends[i]] (None when one is not
    all digits, or longer than nine): the first digit of all at once, the
    next ones only for the few numbers that long."""
    lengths = ends - starts
    if int(lengths.max()) > 9:
        return None
    value = data[starts].astype(np.int64) - _DIGIT_0
    if np.any((value < 0) | (value > 9)):
        return None
    for j in range(1, int(lengths.max())):
        longer = np.flatnonzero(lengths > j)
        digit = data[starts[longer] + j].astype(np.int64) - _DIGIT_0
        if np.any((digit < 0) | (digit > 9)):
            return None
        value[longer] = value[longer] * 10 + digit
    return value.astype(np.int32)


def _hashes(
    data: np.ndarray, starts: np.ndarray, lengths: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Two 64-bit hashes of each word data[starts[i]:starts[i] + lengths[i]],
    eight bytes at a time over all the words still that long (most words
    take one step). A word of up to eight bytes is one step of a bijection,
    so two such words never share a hash."""
    padded = np.concatenate([data, np.zeros(8, np.uint8)])
    # Every offset's next eight bytes as one number: a view, nothing copied.
    chunks = np.ndarray((len(data),), "<u8", padded, 0, (1,))
    first = np.full(len(starts), _BASIS, np.uint64)
    second = np.full(len(starts), _BASIS, np.uint64)
    live = np.arange(len(starts))
    with np.errstate(over="ignore"):
        for step in range(0, int(lengths.max()), 8):
            live = live[lengths[live] > step]
            left = np.minimum(lengths[live] - step, 8).astype(np.uint64)
            # The word's bytes only: the bytes after it masked off.
            mask = np.where(left == 8, _ALL, (_ONE << (left * _EIGHT)) - _ONE)
            chunk = chunks[starts[live] + step] & mask
            first[live] = (first[live] ^ chunk) * _PRIMES[0]
            second[live] = (second[live] ^ chunk) * _PRIMES[1]
        first ^= first >> np.uint64(29)
        second ^= second >> np.uint64(32)
    return first, second


def by_words(keys: list[tuple[str, str]], parts: list[bytes]) -> WordTable:
    """The table made row by row in Python (the exact reading, and the one
    for records the bulk parse refused): a record that does not read is
    left out."""
    from hollywood_ai.index.stories.words import WordTable

    kept: list[tuple[str, str]] = []
    lengths: list[int] = []
    words: list[str] = []
    counts: list[str] = []
    head = f"{WORDS_VERSION}\t"
    for key, rows in zip(keys, parts, strict=True):
        split = split_counts(
            f"{head}{key[1]}\n".encode() + rows if rows else (head + key[1]).encode()
        )
        if split is None:
            continue
        kept.append(key)
        lengths.append(len(split[1]))
        words += split[1]
        counts += split[2]
    if not kept:
        return WordTable.empty()
    vocab = list(dict.fromkeys(words))
    number = {w: i for i, w in enumerate(vocab)}
    offsets = np.zeros(len(kept) + 1, np.int64)
    np.cumsum(lengths, out=offsets[1:])
    return WordTable(
        kept,
        vocab,
        offsets,
        np.fromiter(map(number.__getitem__, words), np.int32, len(words)),
        np.array(counts, dtype=np.int64).astype(np.int32) if counts else np.zeros(0, np.int32),
    )
