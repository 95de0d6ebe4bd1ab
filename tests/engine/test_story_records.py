"""The story words the index kept, read in bulk (stories/records.py): the
same table as reading them row by row, whatever the records hold."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest
from hollywood_ai.index.stories import records
from hollywood_ai.index.text.storywords import encode_counts, words

TEXTS = [
    (
        "Dubbing studio",
        "A dubbing studio in Lyon said its voices would be cloned. Élodie Brun objected.",
    ),
    ("Voices", "The union said cloned voices need consent; the studio said consent was asked."),
    ("", ""),
    ("Counts", " ".join(["residuals"] * 1234) + " Über café, and the киностудия said so."),
]


def _records(texts=TEXTS) -> tuple[list[tuple[str, str]], dict[tuple[str, str], bytes]]:
    keys, out = [], {}
    for i, (title, body) in enumerate(texts):
        key = (f"{i:04x}", f"sum{i}")
        keys.append(key)
        out[key] = encode_counts(key[1], words(title, body))
    return keys, out


def _rows(table, i: int) -> Counter[str]:
    start, end = table.offsets[i], table.offsets[i + 1]
    return Counter(
        {
            table.vocab[w]: int(n)
            for w, n in zip(table.word_ids[start:end], table.counts[start:end], strict=True)
        }
    )


def _same(a, b) -> None:
    assert a.keys == b.keys and a.vocab == b.vocab
    for name in ("offsets", "word_ids", "counts"):
        assert np.array_equal(getattr(a, name), getattr(b, name)), name


def test_the_bulk_table_is_the_row_by_row_one():
    keys, kept = _records()
    table = records.table_of(keys, kept)
    parts = [kept[k].partition(b"\n")[2] for k in keys]
    _same(table, records.by_words(keys, parts))
    assert _rows(table, 0) == words(*TEXTS[0])
    assert _rows(table, 2) == Counter()  # an article with no story words
    assert _rows(table, 3)["residuals"] == 1234
    assert "elodie" in table.vocab and "киностудия" in table.vocab  # not ASCII


def test_words_are_numbered_as_they_first_come():
    keys, kept = _records()
    table = records.table_of(keys, kept)
    first_words = list(words(*TEXTS[0]))
    assert table.vocab[: len(first_words)] == first_words


def test_records_not_of_their_key_or_version_are_left_out():
    keys, kept = _records()
    kept[keys[1]] = encode_counts("another checksum", words(*TEXTS[1]))
    kept[keys[3]] = b"0\t" + kept[keys[3]].partition(b"\t")[2]  # another version of words()
    table = records.table_of(keys, kept)
    assert table.keys == [keys[0], keys[2]]


@pytest.mark.parametrize(
    "damage",
    [b"\nbroken row without a tab", b"\nword\t", b"\n\t3", b"\nword\tthree", b"\na\tb\t3"],
)
def test_a_damaged_record_is_read_row_by_row_and_left_out(damage: bytes):
    keys, kept = _records()
    kept[keys[1]] += damage
    table = records.table_of(keys, kept)
    assert table.keys == [keys[0], keys[2], keys[3]]
    assert _rows(table, 2) == words(*TEXTS[3])


def test_no_records_make_an_empty_table():
    assert records.table_of([("00ff", "x")], {}).keys == []
