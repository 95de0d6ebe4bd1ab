"""A snippet record (documents.snippet_record) keeps each passage whole, in
order, with the passages each word is in, whatever characters a text holds."""

from __future__ import annotations

from hollywood_ai.index.searching.documents import PASSAGE_SEP, TABLE_SEP, snippet_record


def read(record: bytes) -> tuple[list[str], str]:
    texts, _, table = record.decode("utf-8").partition(TABLE_SEP)
    return texts.split(PASSAGE_SEP), table


def test_a_record_holds_each_passage_and_its_words() -> None:
    texts, table = read(snippet_record(["One here.", "Two there."], {"one": [0], "two": [1]}))
    assert texts == ["One here.", "Two there."]
    assert table == "\none\t0\ntwo\t1\n"


def test_a_separator_in_a_passage_is_a_space() -> None:
    for sep in (PASSAGE_SEP, TABLE_SEP):
        texts, table = read(snippet_record([f"One{sep}here.", "Two."], {"one": [0]}))
        assert texts == ["One here.", "Two."]
        assert table == "\none\t0\n"


def test_an_article_without_passages_has_an_empty_record() -> None:
    assert read(snippet_record([], {})) == ([""], "\n")
