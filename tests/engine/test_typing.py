"""Search as you type: the last word being typed is a prefix (in the reader);
the command line keeps exact words unless a word ends in *."""

from __future__ import annotations

import pytest
from hollywood_ai.index import Workspace, as_typed, search


@pytest.mark.parametrize(
    ("typed", "searched"),
    [
        ("sar", "(sar OR sar*)"),
        ("ten t", "ten t"),  # one letter: too short to stand for a word
        ("ten ti", "ten (ti OR ti*)"),
        ("sarandos ", "sarandos "),  # a finished word stays exact
        ('"ten times', '"ten times'),  # inside a phrase
        ("outlet:guar", "outlet:guar"),
        ("netflix AND", "netflix AND"),
        ("eternau*", "eternau*"),
    ],
)
def test_the_word_being_typed_becomes_a_prefix(typed: str, searched: str):
    assert as_typed(typed) == searched


def test_typing_a_word_finds_it_at_every_key(seeded: Workspace):
    whole = search(seeded, "sarandos").total
    assert whole >= 1
    for n in range(3, len("sarandos") + 1):
        result = search(seeded, "sarandos"[:n], typing=True)
        assert result.total >= whole, "sarandos"[:n]
        assert result.suggestion is None  # the word is not finished yet
    assert search(seeded, "sar").total == 0  # the command line: exact words
    assert search(seeded, "sar*").total >= whole
    assert search(seeded, "ten ti", typing=True).total >= 1
    # A stemmed word typed in full still finds what the exact word finds.
    assert search(seeded, "collapsing", typing=True).total >= search(seeded, "collapsing").total


def test_a_finished_misspelt_word_gets_its_suggestion(seeded: Workspace):
    assert search(seeded, "sarandoz", typing=True).suggestion is None
    assert search(seeded, "sarandoz ", typing=True).suggestion


def test_the_word_being_typed_is_ranked_by_the_fast_path(seeded: Workspace, monkeypatch):
    """The prefix becomes its best completions, each a term the fast path
    scores from its tables: Whoosh never walks the prefix's terms."""
    from hollywood_ai.index.searching import results

    def no_whoosh(*args, **kwargs):
        raise AssertionError("the typed prefix went to Whoosh")

    monkeypatch.setattr(results, "_run", no_whoosh)
    typed = search(seeded, "netflix sarand", typing=True)
    whole = search(seeded, "netflix sarandos")
    assert [h.id for h in typed.hits] == [h.id for h in whole.hits]
    # The completion is lit in the snippets, as the word typed out would be.
    assert any(h.spans for h in typed.hits)


def test_completions_are_the_words_in_the_most_articles(seeded: Workspace):
    from hollywood_ai.index.searching.typed import EXPANSIONS, completions

    searcher = seeded.index.searcher("articles")
    words = completions(searcher, "body", "gen")
    assert 1 <= len(words) <= EXPANSIONS
    assert all(w.startswith("gen") for w in words)
    reader = searcher.reader()
    counts = [reader.doc_frequency("body", w) for w in words]
    assert counts == sorted(counts, reverse=True)
    assert completions(searcher, "body", "zzqx") == []
