"""The word being typed in the search box, as the fast path can rank it.

While a word is typed it is matched as itself and as a prefix (queries.as_typed
gives ``(sar OR sar*)``). Whoosh evaluates a prefix by walking every term
that starts with it, one posting at a time: 70 ms at the median at 10,000
articles, more than four frames, on every key. Here each field's prefix
becomes the words that complete it best, the EXPANSIONS most frequent of
them, each a term the fast path scores from its cached tables (scores.py), so
the box ranks "sar" as it would rank "sarandos" and "sarah" typed out. Only
the box does this; a ``word*`` typed on the command line stays Whoosh's
exact prefix.
"""

from __future__ import annotations

import heapq
import itertools

from hollywood_ai.index.searching.opened import tables
from whoosh.query import And, Or, Prefix, Query, Term
from whoosh.searching import Searcher

#: How many completions of a prefix are searched, per field.
EXPANSIONS = 8
#: How many of a field's terms with the prefix are looked at (in term order)
#: to choose them: a two-letter prefix starts thousands of words.
SCANNED = 3000


def completions(searcher: Searcher, fieldname: str, prefix: str) -> list[str]:
    """The EXPANSIONS terms of a field that start with ``prefix`` and are in
    the most articles, kept with the generation's tables."""

    def make() -> list[str]:
        reader = searcher.reader()
        if fieldname not in reader.schema or not reader.schema[fieldname].scorable:
            return []
        terms = itertools.islice(reader.expand_prefix(fieldname, prefix), SCANNED)
        found = [(reader.doc_frequency(fieldname, t), t) for t in terms]
        best = heapq.nlargest(EXPANSIONS, found)
        return [t if isinstance(t, str) else t.decode("utf-8") for _, t in best]

    result: list[str] = tables(searcher).values.fetch(("completions", fieldname, prefix), make)
    return result


def expand_typed(searcher: Searcher, query: Query) -> Query:
    """``query`` with each prefix in a field replaced by an OR of its best
    completions in that field (same boost), and ORs inside ORs made one, so
    that the fast path (ranking.rank_query) can answer it."""
    if isinstance(query, Prefix):
        words = completions(searcher, query.fieldname, query.text)
        return Or([Term(query.fieldname, w, boost=query.boost) for w in words])
    if isinstance(query, And | Or):
        parts = [expand_typed(searcher, part) for part in query.subqueries]
        if isinstance(query, Or) and query.boost == 1.0 and query.scale is None:
            flat: list[Query] = []
            for part in parts:
                if isinstance(part, Or) and part.boost == 1.0 and part.scale is None:
                    flat.extend(part.subqueries)
                else:
                    flat.append(part)
            return Or(flat)
        return type(query)(parts, boost=query.boost)
    return query
