"""The story-word tables a rebuild writes beside the index it makes
(text/wordtables.py): the words of every article it indexed, already
numbered, so that the first grouping after a bulk import reads a few tables
and neither a body nor a record."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
from hollywood_ai.index.searching import generations
from hollywood_ai.index.searching.stored import StoredReads
from hollywood_ai.index.searching.whoosh_internals import parallel
from hollywood_ai.index.stories import grouping as storymod
from hollywood_ai.index.stories import records
from hollywood_ai.index.stories import words as storywords
from hollywood_ai.index.text import wordtables
from hollywood_ai.index.text.numbering import Numbering
from hollywood_ai.index.text.storywords import encode_counts, words
from hollywood_ai.index.workspace import Workspace

from bench.corpus import generate
from tests import story_reference
from tests.engine.test_stories import _fresh_cache, rows  # noqa: F401 (an autouse fixture)

TEXTS = [
    ("Dubbing deal", "A studio in Lyon said Élodie Brun would voice the series; Brun refused."),
    ("Residuals", "The union said residuals for streaming series were owed. Brun agreed."),
    ("", ""),
    ("Archive", " ".join(["archive"] * 70_000) + " The киностудия said the archive was lost."),
]


def _records() -> tuple[list[tuple[str, str]], dict[tuple[str, str], bytes]]:
    keys, out = [], {}
    for i, (title, body) in enumerate(TEXTS):
        key = (f"a{i}", f"sum{i}")
        keys.append(key)
        out[key] = encode_counts(key[1], words(title, body))
    return keys, out


def _same(a: wordtables.WordTable, b: wordtables.WordTable) -> None:
    assert a.keys == b.keys and a.vocab == b.vocab
    for name in ("offsets", "word_ids", "counts"):
        assert np.array_equal(getattr(a, name), getattr(b, name)), name


def test_numbering_records_as_they_come_gives_the_table_read_from_them():
    keys, kept = _records()
    numbering = Numbering()
    for key in keys:
        numbering.add(key[0], kept[key])
    numbering.add("broken", b"1\tsum9\nno tab on this row")
    numbering.add("other", b"0\tsum8\nold\t1")  # another version of words()
    made = wordtables.read(io.BytesIO(numbering.encoded()))
    assert made is not None
    read = records.table_of(keys, kept)
    assert read.counts.max() == 70_002  # "archive": the title, the body
    # Kept to 65,535: a word counted that often says nothing more.
    read.counts = np.minimum(read.counts, 65_535)
    _same(made, read)


def test_a_table_file_reads_back_whole_and_a_damaged_one_not_at_all():
    keys, kept = _records()
    table = records.table_of(keys, kept)
    for compressed in (False, True):
        data = wordtables.encoded(table, compressed)
        back = wordtables.read(io.BytesIO(data))
        assert back is not None
        assert back.keys == table.keys and back.vocab == table.vocab
        assert np.array_equal(back.counts, np.minimum(table.counts, 65_535))
        assert wordtables.read(io.BytesIO(data[: len(data) // 2])) is None
    assert wordtables.read(io.BytesIO(b"not a table")) is None


@pytest.fixture
def rebuilt(workspace: Workspace, monkeypatch: pytest.MonkeyPatch) -> Workspace:
    """The workspace with 150 generated articles, rebuilt in pieces of 40
    by processes two at a time, in tables of 15 articles, its kept words
    removed."""
    workspace.store(generate(150, seed=21, stories=6))
    monkeypatch.setattr(generations, "PARALLEL_FROM", 1)
    monkeypatch.setattr(parallel, "SEGMENT_ARTICLES", 40)
    monkeypatch.setattr(parallel, "TABLE_ARTICLES", 15)
    assert workspace.sync(rebuild=True).rebuilt
    (workspace.home / "index" / storywords.WORDS_FILE).unlink(missing_ok=True)
    return workspace


def _refuse(*args: object) -> None:
    raise AssertionError("a body was read, a word counted or a record parsed")


def _everything(ws: Workspace) -> list:
    return [ws.get(a.id) for a in ws.articles()]


def test_the_first_grouping_after_a_rebuild_reads_only_its_tables(
    rebuilt: Workspace, monkeypatch: pytest.MonkeyPatch
):
    tables = rebuilt.index.story_tables()
    count = len(rebuilt.articles())
    sizes = [stop - first for first, stop in parallel.pieces(count, 2)]
    assert len(sizes) > 1 and len(tables) == sum(-(-n // 15) for n in sizes)
    assert [t.name for t in tables][:2] == [
        "storywords-00000-00000.npz",
        "storywords-00000-00001.npz",
    ]
    monkeypatch.setattr(storywords, "words", _refuse)
    monkeypatch.setattr(rebuilt, "get", _refuse)
    monkeypatch.setattr(rebuilt.index, "story_records", _refuse)
    listing, found = storymod.grouped(rebuilt)
    monkeypatch.undo()
    assert rows(found) == story_reference.group(_everything(rebuilt))
    assert any(len(s.articles) > 1 for s in found)
    # The whole library's words are then kept beside the index, as before.
    kept = storywords._load(rebuilt.home / "index" / storywords.WORDS_FILE)
    assert kept is not None and len(kept.keys) == len(listing)


def test_articles_indexed_since_come_from_the_records_and_a_damaged_table_s_from_the_bodies(
    rebuilt: Workspace, monkeypatch: pytest.MonkeyPatch
):
    rebuilt.store(generate(12, seed=99, stories=2))
    first = rebuilt.index.story_tables()[0]
    damaged = storywords._load(first)
    assert damaged is not None
    first.write_bytes(first.read_bytes()[:100])
    asked: list[int] = []
    found_in_records: list[int] = []
    counted: list[str] = []
    real_records, real_count = rebuilt.index.story_records, storywords.count

    def records_of(keys: list[tuple[str, str]]) -> dict[tuple[str, str], bytes]:
        asked.append(len(keys))
        found = real_records(keys)
        found_in_records.append(len(found))
        return found

    def count(articles, fetch=None):
        counted.extend(a.id for a in articles)
        return real_count(articles, fetch)

    monkeypatch.setattr(rebuilt.index, "story_records", records_of)
    monkeypatch.setattr(storywords, "count", count)
    _, found = storymod.grouped(rebuilt)
    monkeypatch.undo()
    assert rows(found) == story_reference.group(_everything(rebuilt))
    # A rebuilt article's words are in its table alone: the damaged table's
    # are counted again from their bodies; the 12 added since are in the records.
    assert asked == [len(damaged.keys) + 12] and found_in_records == [12]
    assert sorted(counted) == sorted(k[0] for k in damaged.keys)


def test_an_index_with_no_generation_has_no_tables(tmp_path: Path):
    index = generations.SearchIndex(tmp_path / "index")
    assert isinstance(index, StoredReads) and index.story_tables() == []


def _tables_of(texts: list[tuple[str, str]], per_table: int) -> list[wordtables.WordTable]:
    out = []
    for first in range(0, len(texts), per_table):
        numbering = Numbering()
        for i, (title, body) in enumerate(texts[first : first + per_table], first):
            numbering.add(f"a{i}", encode_counts(f"sum{i}", words(title, body)))
        table = wordtables.read(io.BytesIO(numbering.encoded()))
        assert table is not None and table.hashes is not None
        out.append(table)
    return out


def test_tables_joined_by_their_hashes_are_those_joined_word_by_word():
    texts = [(a.title, a.body) for a in generate(40, seed=8, stories=3)] + TEXTS
    tables = _tables_of(texts, 7)
    by_hashes = wordtables.joined_by_hashes(tables)
    _same(by_hashes, wordtables.joined(*tables))
    assert by_hashes.hashes is not None and len(by_hashes.hashes) == len(by_hashes.vocab)
    # Two words sharing half a hash: joined word by word all the same.
    tables[1].hashes[0, 0] = tables[0].hashes[0, 0]
    _same(wordtables.joined_by_hashes(tables), wordtables.joined(*tables))


def test_grouping_again_after_an_article_is_added_reads_no_table_whole(
    rebuilt: Workspace, monkeypatch: pytest.MonkeyPatch
):
    storymod.grouped(rebuilt)  # the first grouping keeps every rebuilt article's words
    rebuilt.store(generate(1, seed=77))
    storymod.forget()
    tables = set(rebuilt.index.story_tables())
    real_read, read_whole = wordtables.read, []

    def read(source):
        read_whole.append(source)
        return real_read(source)

    monkeypatch.setattr(wordtables, "read", read)
    _, found = storymod.grouped(rebuilt)
    monkeypatch.undo()
    assert not tables.intersection(read_whole)
    assert rows(found) == story_reference.group(_everything(rebuilt))
