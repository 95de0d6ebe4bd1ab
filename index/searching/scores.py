"""The score tables the fast path ranks with (see ranking.py): for a word, a
phrase or a term, ``{docnum: boosted BM25F score}`` over the documents that
hold it, computed with Whoosh's own scorer so that rankings agree, and the
articles published within a range of days.

Each table is computed once per index generation and kept with the searcher
it was read from (opened.tables), so a table never outlives the generation
whose document numbers it holds.
"""

from __future__ import annotations

import bisect
import itertools
import pickle
from typing import Any

from hollywood_ai.index.searching.opened import tables
from hollywood_ai.index.searching.queries import FIELD_BOOSTS, SEARCH_FIELDS, parse
from hollywood_ai.index.searching.whoosh_internals.codec import field_lengths
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.formats import Positions
from whoosh.query import DateRange, Or, Phrase, Query, Term
from whoosh.scoring import BM25FScorer
from whoosh.searching import Searcher
from whoosh.system import _INT_SIZE


def phrase_table(searcher: Searcher, phrase: str) -> dict[int, float] | None:
    """Articles holding the phrase, its analysed words next to each other in
    one field (a tag holding it whole), scored as Whoosh scores the phrase
    query the search box would make of it: the positions the text fields keep
    answer it, so the fast path finds exactly what Whoosh finds."""
    tokens = [t.text for t in searcher.schema["body"].analyzer(phrase)]
    if len(tokens) < 2:
        return word_table(searcher, phrase) if tokens else None

    def make() -> dict[int, float]:
        query = phrase_query(searcher, phrase)
        table: dict[int, float] = {}
        for sub in query.subqueries if isinstance(query, Or) else [query]:
            if isinstance(sub, Phrase):
                _add_phrase(searcher, sub.fieldname, list(sub.words), sub.boost, table)
            elif isinstance(sub, Term) and searcher.reader().doc_frequency(sub.fieldname, sub.text):
                add_scores(searcher, sub.fieldname, sub.text, sub.boost, table)
        return table

    return tables(searcher).scores.fetch("\x00" + " ".join(tokens), make)


def phrase_query(searcher: Searcher, phrase: str) -> Query:
    """The parser's query for ``"phrase"`` in every search field, a phrase
    the tags' commas split (they keep no positions) sought as one whole tag."""
    query = parse('"' + phrase.replace('"', " ") + '"', searcher)
    if isinstance(query, Or):
        query = Or(
            [
                Term(sub.fieldname, " ".join(sub.words), boost=sub.boost)
                if isinstance(sub, Phrase)
                and not searcher.schema[sub.fieldname].format.supports("positions")
                else sub
                for sub in query.subqueries
            ]
        )
    return query


def _add_phrase(
    searcher: Searcher, fieldname: str, words: list[str], boost: float, table: dict[int, float]
) -> None:
    """Add the score Whoosh's phrase query gives (its words' scores summed,
    times ``boost``) of each document holding ``words`` next to each other
    in ``fieldname``.

    Each word's postings are read a block at a time (document numbers,
    frequencies and encoded positions together); the documents holding every
    word are the intersection of those numbers, their positions are decoded,
    and only the documents holding the phrase are scored: a phrase of two
    common words no longer scores every document either word is in."""
    reader = searcher.reader()
    if not all(reader.doc_frequency(fieldname, word) for word in words):
        return  # as Whoosh's phrase query: a word the field lacks matches nothing
    scorers = [searcher.weighting.scorer(searcher, fieldname, word) for word in words]
    if not all(isinstance(scorer, BM25FScorer) for scorer in scorers):
        _add_phrase_by_tables(searcher, fieldname, words, boost, table)
        return
    decode = _positions_decoder(searcher.schema[fieldname].format)
    k = scorers[0].K1 + 1
    idfs = [scorer.idf for scorer in scorers]
    for segment, (leaf, offset) in enumerate(reader.leaf_readers()):
        norm = _norms(searcher, segment, leaf, fieldname, scorers[0])
        if norm is None:
            _add_phrase_by_tables(searcher, fieldname, words, boost, table)
            return
        if not all(leaf.doc_frequency(fieldname, word) for word in words):
            continue
        # Deleted documents are left out by the leaf's postings.
        postings = [_postings_of(leaf.postings(fieldname, word)) for word in words]
        by_size = sorted(postings, key=len)
        common = set(by_size[0]).intersection(*by_size[1:])
        for docnum in sorted(common):
            starts: set[int] | None = None
            for i, found in enumerate(postings):
                here = decode(found[docnum][1])
                starts = here if starts is None else {p for p in starts if p + i in here}
                if not starts:
                    break
            else:
                # Each word's score as add_scores computes it, summed in the
                # phrase's order as Whoosh sums: the same floats as Whoosh's.
                length = norm[docnum]
                score = sum(
                    idf * ((found[docnum][0] * k) / (found[docnum][0] + length))
                    for idf, found in zip(idfs, postings, strict=True)
                )
                doc = offset + docnum
                table[doc] = table.get(doc, 0.0) + score * boost


def _postings_of(m: Any) -> dict[int, tuple[float, bytes]]:
    """{docnum: (frequency, encoded positions)} of a term's postings in one
    segment. Whoosh 3's block matcher is read a block at a time, as moving
    a matcher posting by posting costs several times more."""
    out: dict[int, tuple[float, bytes]] = {}
    if type(m) is W3LeafMatcher:
        while not m._atend:
            m._read_ids()
            m._read_weights()
            m._read_values()
            out.update(zip(m._ids, zip(m._weights, m._values, strict=True), strict=True))
            m._next_block()
        return out
    while m.is_active():
        out[m.id()] = (m.weight(), m.value())
        m.next()
    return out


def _add_phrase_by_tables(
    searcher: Searcher, fieldname: str, words: list[str], boost: float, table: dict[int, float]
) -> None:
    """_add_phrase for a weighting other than BM25F: the words' score
    tables, intersected, then the positions of the documents holding all."""
    word_tables = []
    for word in words:
        scored: dict[int, float] = {}
        add_scores(searcher, fieldname, word, 1.0, scored)
        if not scored:
            return
        word_tables.append(scored)
    by_size = sorted(word_tables, key=len)
    common = set(by_size[0]).intersection(*by_size[1:])
    decode = _positions_decoder(searcher.schema[fieldname].format)
    for leaf, offset in searcher.reader().leaf_readers():
        end = offset + leaf.doc_count_all()
        wanted = {d - offset for d in common if offset <= d < end}
        if not wanted:
            continue
        values = [_postings_of(leaf.postings(fieldname, word)) for word in words]
        for docnum in sorted(wanted):
            starts: set[int] | None = None
            for i, found in enumerate(values):
                here = decode(found[docnum][1])
                starts = here if starts is None else {p for p in starts if p + i in here}
                if not starts:
                    break
            else:
                doc = offset + docnum
                table[doc] = table.get(doc, 0.0) + sum(t[doc] for t in word_tables) * boost


def _positions_decoder(fmt: Any) -> Any:
    """The positions in an encoded value, as a set: Whoosh's own decoding,
    with the running sum of a Positions value's gaps done in C."""
    if type(fmt) is not Positions:
        return lambda value: set(fmt.decode_positions(value))

    def decode(value: bytes) -> set[int]:
        if not value.endswith(b"."):
            value += b"."
        return set(itertools.accumulate(pickle.loads(value[_INT_SIZE:])))

    return decode


def add_scores(
    searcher: Searcher, fieldname: str, text: str, boost: float, table: dict[int, float]
) -> None:
    """Add each posting's BM25F score in ``fieldname`` for ``text``, times
    ``boost``, to ``table``. Whoosh scores a posting by looking up the
    document's field length through three layers of readers; here each
    segment's lengths are read whole once per index generation (see
    wcodec.field_lengths) and the same formula, term for term, gives the same
    floats, several times faster for a common word."""
    scorer = searcher.weighting.scorer(searcher, fieldname, text)
    leaves = searcher.reader().leaf_readers()
    norms = [_norms(searcher, i, leaf, fieldname, scorer) for i, (leaf, _) in enumerate(leaves)]
    get = table.get
    if not isinstance(scorer, BM25FScorer) or any(n is None for n in norms):
        m = searcher.postings(fieldname, text, weighting=searcher.weighting)
        while m.is_active():
            docnum = m.id()
            table[docnum] = get(docnum, 0.0) + m.score() * boost
            m.next()
        return
    idf, k = scorer.idf, scorer.K1 + 1
    for (leaf, offset), norm in zip(leaves, norms, strict=True):
        assert norm is not None
        if not leaf.doc_frequency(fieldname, text):
            continue
        m = leaf.postings(fieldname, text)  # deleted documents left out
        while m.is_active():
            docnum = m.id()
            tf = m.weight()
            # bm25(idf, tf, fl, avgfl, B, K1) = idf * ((tf * (K1 + 1)) / (tf + K1 * ((1 - B) + B * fl / avgfl)))
            table[offset + docnum] = (
                get(offset + docnum, 0.0) + (idf * ((tf * k) / (tf + norm[docnum]))) * boost
            )
            m.next()


def _norms(
    searcher: Searcher, segment: int, leaf: Any, fieldname: str, scorer: Any
) -> list[float] | None:
    """``K1 * ((1 - B) + B * fl / avgfl)`` for every document of the
    searcher's ``segment``-th segment: BM25F's length part, which depends on
    the document, not the term."""
    if not isinstance(scorer, BM25FScorer):
        return None
    avgfl, b, k1 = scorer.avgfl, scorer.B, scorer.K1

    def make() -> list[float] | None:
        lengths = field_lengths(leaf, fieldname)
        if lengths is None:
            return None
        return [k1 * ((1 - b) + b * fl / avgfl) for fl in lengths]

    # avgfl, B and K1 are the same for every term of a field in a generation.
    return tables(searcher).norms.fetch((segment, fieldname), make)


def _analysed(searcher: Searcher, fieldname: str, word: str) -> list[str]:
    return [t.text for t in searcher.schema[fieldname].analyzer(word)]


def word_table(searcher: Searcher, word: str) -> dict[int, float] | None:
    """{docnum: boosted BM25F score} over every field a plain word is sought in.
    None when the word is dropped by analysis (a stop word)."""
    kept = tables(searcher).scores
    key = word.casefold()
    table = kept.get(key)
    if table is not None:
        return table
    table = {}
    analysed_any = False
    for fieldname in SEARCH_FIELDS:
        terms = _analysed(searcher, fieldname, word)
        if len(terms) != 1:
            if terms:
                return None  # one word that analyses to several terms: let Whoosh decide
            continue
        analysed_any = True
        boost = FIELD_BOOSTS[fieldname]
        if not searcher.reader().doc_frequency(fieldname, terms[0]):
            continue
        # Whoosh's BM25F ignores ``qf``: the parser's field boost multiplies
        # the field's score (its Term matcher wraps the postings with the boost).
        add_scores(searcher, fieldname, terms[0], boost, table)
    if not analysed_any:
        return None
    kept.put(key, table)
    return table


def is_stop_word(searcher: Searcher, word: str) -> bool:
    return not any(_analysed(searcher, f, word) for f in SEARCH_FIELDS)


def part_table(searcher: Searcher, part: Query) -> dict[int, float] | None:
    """The score table of one term, or of one word's OR over fields."""
    if isinstance(part, Term):
        return term_table(searcher, part)
    if isinstance(part, Or) and part.boost == 1.0 and part.scale is None and part.subqueries:
        terms = part.subqueries
        if not all(isinstance(t, Term) for t in terms):
            return None
        kept = tables(searcher).scores
        key = "\x01" + repr(part)
        table = kept.get(key)
        if table is not None:
            return table
        table = {}
        for t in terms:
            sub = term_table(searcher, t)
            if sub is None:
                return None
            get = table.get
            for docnum, value in sub.items():
                table[docnum] = get(docnum, 0.0) + value
        kept.put(key, table)
        return table
    return None


def term_table(searcher: Searcher, term: Term) -> dict[int, float] | None:
    """{docnum: boosted BM25F score} of one term in one field."""
    fieldname = term.fieldname
    if fieldname not in SEARCH_FIELDS or not isinstance(term.text, str):
        return None

    def make() -> dict[int, float]:
        table: dict[int, float] = {}
        if searcher.reader().doc_frequency(fieldname, term.text):
            add_scores(searcher, fieldname, term.text, term.boost, table)
        return table

    key = f"\x02{fieldname}\x00{term.text}\x00{term.boost}"
    return tables(searcher).scores.fetch(key, make)


_DAY_START = (0, 0, 0, 0)
_DAY_END = (23, 59, 59, 999999)


def date_set(searcher: Searcher, node: DateRange) -> tuple[set[int], float] | None:
    """The live articles published within an inclusive range of whole days,
    with the range's score; None for anything finer (Whoosh answers it)."""
    start, end = node.startdate, node.enddate
    if node.fieldname != "published" or node.startexcl or node.endexcl:
        return None
    if (
        start is not None
        and (start.hour, start.minute, start.second, start.microsecond) != _DAY_START
    ):
        return None
    if end is not None and (end.hour, end.minute, end.second, end.microsecond) != _DAY_END:
        return None
    days, docnums = tables(searcher).values.fetch("days", lambda: _days_by_date(searcher))
    lo = int(start.strftime("%Y%m%d")) if start is not None else 1
    hi = int(end.strftime("%Y%m%d")) if end is not None else 99999999
    first = bisect.bisect_left(days, lo)
    last = bisect.bisect_right(days, hi)
    return set(docnums[first:last]), float(node.boost)


def _days_by_date(searcher: Searcher) -> tuple[list[int], list[int]]:
    """Every live dated article's day (YYYYMMDD) and number, sorted by day."""
    reader = searcher.reader()
    pairs = []
    if reader.has_column("pubsort"):
        column = reader.column_reader("pubsort")
        for docnum in reader.all_doc_ids():  # live documents only
            day = column[docnum]
            if day:
                pairs.append((day, docnum))
    pairs.sort()
    return [d for d, _ in pairs], [n for _, n in pairs]
