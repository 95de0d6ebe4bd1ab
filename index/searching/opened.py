"""An opened generation of the index: a Whoosh searcher that carries what is
read from it to answer the next searches sooner (score tables, the query
parsers, the document ids, the dates, the snippet column).

All of it holds for the generation the searcher reads and for no other, so
it is kept on the searcher and goes with it: a store or a rebuild makes
SearchIndex.searcher open a new searcher, whose tables start empty. Nothing
is looked up by ``id()``: CPython gives a new object the address of a dead
one, and a table filed under a dead reader's id would answer for the new
reader.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from hollywood_ai.index.kept import Kept
from whoosh.searching import Searcher

#: Score tables ({docnum: score} of a word, phrase or term) kept per
#: generation: typing "visual effects pro" re-uses "visual" and "effects".
SCORE_TABLES = 256
#: BM25F's length part of each segment's documents, per segment and field.
LENGTH_NORMS = 256
#: The documents of the last searches compare scoped itself to ("among").
SEARCHES = 16
#: Values read once per generation: parsers, document ids, dates, columns.
VALUES = 16


class Tables:
    """What is kept for one generation, each kind bounded apart, so that
    many words typed never push out the document ids."""

    def __init__(self) -> None:
        self.scores: Kept[str, dict[int, float]] = Kept(SCORE_TABLES)
        self.norms: Kept[tuple[int, str], list[float]] = Kept(LENGTH_NORMS)
        self.found: Kept[str, set[int]] = Kept(SEARCHES)
        self.values: Kept[Hashable, Any] = Kept(VALUES)


class GenerationSearcher(Searcher):
    """A Whoosh searcher with the tables of its generation. Whoosh makes the
    searchers of its segments of the same class; only the top one's tables
    are used."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.tables = Tables()


def tables(searcher: Searcher) -> Tables:
    """The tables kept with ``searcher``; for a searcher opened otherwise
    (``ix.searcher()``), empty ones that nothing keeps."""
    if isinstance(searcher, GenerationSearcher):
        return searcher.tables
    return Tables()
