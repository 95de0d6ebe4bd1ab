"""The fast path for the queries people type most: plain words, all required.

Whoosh evaluates such a query as an intersection of five-field unions, in
Python, one posting at a time, and counts the exact total in a second pass:
about 20 ms at 1,000 articles and ten times that at 10,000. Here each word's
BM25F scores (from Whoosh's own scorer, so rankings agree) are computed once
per index generation into a ``{docnum: score}`` table kept with the searcher
(scores.py); a query is then a set intersection (in C), a sum and a partial
sort. Typing "visual effects pro" re-uses the tables of "visual" and "effects".

Parsed queries that are an AND of such words, single-field words
(``outlet:guardian``), ORs of those and whole-day date ranges
(``published:2024``) take the
same road (``rank_query``): a field word is one field's table, a date range
the set of articles published in it (from the sortable date column, bisected)
with Whoosh's constant score. Anything else (OR, NOT, prefixes, wildcards,
phrases in a field) goes to Whoosh.
"""

from __future__ import annotations

import heapq
import re
from typing import Any

from hollywood_ai.index.searching import scores
from hollywood_ai.index.searching.queries import OPERATORS, sanitize
from whoosh.query import And, DateRange, Query
from whoosh.searching import Searcher

_PLAIN = re.compile(r"^[^\W_][\w'’‘]*$")


_ITEM = re.compile(r'"([^"]*)"|(\S+)')


def plain_words(text: str) -> list[str] | None:
    """The words and "quoted phrases" of a query that has nothing else (no
    operators, fields, prefixes or dates), else None. Phrases keep their quotes."""
    items: list[str] = []
    for m in _ITEM.finditer(sanitize(text)):
        if m.group(1) is not None:
            if m.group(1).strip():
                items.append(f'"{m.group(1).strip()}"')
            continue
        word = m.group(2)
        if word in OPERATORS or not _PLAIN.match(word):
            return None
        items.append(word)
    return items or None


def _tables(searcher: Searcher, words: list[str]) -> list[dict[int, float]] | None:
    """The score tables of the words and phrases, smallest first, or None when
    the query is not one this path can answer exactly as Whoosh would."""
    tables = []
    for word in words:
        if word.startswith('"'):
            table = scores.phrase_table(searcher, word.strip('"'))
            if table is None:
                continue  # a phrase of stop words asks for nothing
        else:
            table = scores.word_table(searcher, word)
        if table is None:
            if scores.is_stop_word(searcher, word):
                continue
            return None
        tables.append(table)
    if not tables:
        return None
    tables.sort(key=len)
    return tables


def _matching(tables: list[dict[int, float]]) -> set[int]:
    return set(tables[0]).intersection(*tables[1:]) if len(tables) > 1 else set(tables[0])


def count(searcher: Searcher, words: list[str]) -> int | None:
    """The exact total ``rank`` would give, without scoring or ranking."""
    tables = _tables(searcher, words)
    if tables is None:
        return None
    if len(tables) == 1:
        return len(tables[0])
    return len(_matching(tables))


def rank(
    searcher: Searcher, words: list[str], limit: int, sort: str
) -> tuple[int, list[tuple[int, float]]] | None:
    """(exact total, [(docnum, score)] best first) for plain words, or None
    when the query is not one this path can answer exactly as Whoosh would."""
    tables = _tables(searcher, words)
    if tables is None:
        return None
    candidates = _matching(tables)
    if not candidates:
        return 0, []

    def score(docnum: int) -> float:
        return sum(t[docnum] for t in tables)

    return len(candidates), _top(searcher, candidates, score, limit, sort)


def rank_query(
    searcher: Searcher,
    query: Query,
    limit: int,
    sort: str,
    within: set[int] | None = None,
) -> tuple[int, list[tuple[int, float]]] | None:
    """``rank`` for a parsed query that is a word in one field, an OR of such
    terms (a word in every field is one), a whole-day date range, or an AND of
    those; None for any other query (Whoosh answers it). Totals, scores and
    order are Whoosh's: AND and OR sum their parts, a date range scores its
    boost. ``within``, when given, keeps only those documents (a filter)."""
    if isinstance(query, And) and query.boost != 1.0:
        return None
    parts = query.subqueries if isinstance(query, And) else [query]
    tables: list[dict[int, float]] = []
    filters: list[tuple[set[int], float]] = []
    for part in parts:
        if isinstance(part, DateRange):
            days = scores.date_set(searcher, part)
            if days is None:
                return None
            filters.append(days)
            continue
        table = scores.part_table(searcher, part)
        if table is None:
            return None
        tables.append(table)
    tables.sort(key=len)
    if tables:
        candidates = _matching(tables)
        for docs, _ in filters:
            candidates &= docs
    elif filters:
        candidates = set.intersection(*(docs for docs, _ in filters))
    else:
        return None
    if within is not None:
        candidates &= within
    if not candidates:
        return 0, []
    constant = sum(boost for _, boost in filters)

    def score(docnum: int) -> float:
        return sum(t[docnum] for t in tables) + constant

    return len(candidates), _top(searcher, candidates, score, limit, sort)


def _top(
    searcher: Searcher,
    candidates: set[int],
    score: Any,
    limit: int,
    sort: str,
) -> list[tuple[int, float]]:
    if sort == "date":
        dates = _published_column(searcher)
        top = heapq.nlargest(limit, candidates, key=lambda d: (dates(d), score(d), -d))
    else:
        top = heapq.nlargest(limit, candidates, key=lambda d: (score(d), -d))
    return [(d, score(d)) for d in top]


def _published_column(searcher: Searcher) -> Any:
    """Sortable dates as YYYYMMDD numbers, 0 when undated (sorted last)."""
    reader = searcher.reader()
    if not reader.has_column("pubsort"):
        return lambda docnum: 0
    column = reader.column_reader("pubsort")
    return lambda docnum: column[docnum] or 0
