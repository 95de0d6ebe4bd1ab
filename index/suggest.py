"""'Did you mean': corrections built from the corpus's own words.

A typed word is corrected only when no field knows it (title, body, outlet,
author or tags), and a correction is offered only when it finds more articles
than what was typed. Both checks are cheap, as they run inside the search on
nearly every keystroke: term lookups, and the fast path's cached per-word
tables (or, for a query with operators or fields, one unscored pass).
"""

from __future__ import annotations

import re

from hollywood_ai.index import fastrank
from hollywood_ai.index import query as q
from whoosh.analysis import STOP_WORDS
from whoosh.query import Query
from whoosh.query.qcore import QueryError, _NullQuery
from whoosh.searching import Searcher
from whoosh.support.levenshtein import distance

# A plain word, or words joined by hyphens ("gen-ai"); not a field name, a
# field's value or a prefix.
_WORD = re.compile(r"(?<![:\w'’‘-])([^\W\d_][\w'’‘]*(?:-[\w'’‘]+)*)(?![:\w*'’‘-])")
# Fields whose unstemmed words corrections are drawn from (their spell_ fields).
SPELL_FIELDS = ("title", "body", "outlet", "author")
MAX_DISTANCE = 2


def _spell_name(searcher: Searcher, fieldname: str) -> str:
    spell = "spell_" + fieldname
    return spell if spell in searcher.schema else fieldname


def _forms(searcher: Searcher, word: str) -> list[str]:
    """The word as the spelling fields hold it: lower-cased, accents and
    apostrophes folded, not stemmed."""
    return [t.text for t in searcher.schema["body"].analyzer(word, no_morph=True)]


def _known(searcher: Searcher, word: str) -> bool:
    """Whether any field holds the word, as written or by its stem."""
    reader = searcher.reader()
    forms = _forms(searcher, word)
    if forms and all(
        any(reader.doc_frequency(_spell_name(searcher, f), form) for f in SPELL_FIELDS)
        for form in forms
    ):
        return True
    if reader.doc_frequency("tags", word.lower()):
        return True
    stems = [t.text for t in searcher.schema["body"].analyzer(word)]
    return bool(stems) and all(any(reader.doc_frequency(f, s) for f in SPELL_FIELDS) for s in stems)


def _best(searcher: Searcher, word: str) -> str | None:
    """The corpus word nearest ``word`` (edit distance at most 2, same first
    letter), the more common first among equally near ones."""
    reader = searcher.reader()
    candidates: dict[str, int] = {}
    for fieldname in SPELL_FIELDS:
        name = _spell_name(searcher, fieldname)
        # Segment by segment: a segment matches words with an automaton over
        # its word list, where a multi-segment reader would test every word
        # that starts with the same letter.
        for leaf, _ in reader.leaf_readers():
            if not leaf.doc_count_all() or name not in leaf.indexed_field_names():
                continue
            for candidate in leaf.terms_within(name, word, MAX_DISTANCE, prefix=1):
                if candidate != word and candidate not in candidates:
                    candidates[candidate] = reader.doc_frequency(name, candidate)
    if not candidates:
        return None
    return min(
        candidates,
        key=lambda c: (distance(word, c), -candidates[c], abs(len(c) - len(word)), c),
    )


def _cased_like(original: str, word: str) -> str:
    if original.isupper() and len(original) > 1:
        return word.upper()
    if original[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def _count(searcher: Searcher, text: str) -> int:
    """How many articles ``text`` finds, exactly, without ranking them: the
    fast path's cached tables for plain words, else one unscored pass."""
    words = fastrank.plain_words(text)
    ranked = fastrank.rank(searcher, words, 1, "relevance") if words else None
    if ranked is not None:
        return ranked[0]
    try:
        return _matching(searcher, q.parse(text, searcher.schema))
    except QueryError:
        # A phrase the parser sent to a field without positions (the tags).
        return _matching(searcher, q.plain_words_query(text, searcher.schema))


def _matching(searcher: Searcher, query: Query) -> int:
    if isinstance(query, _NullQuery):
        return 0
    return sum(1 for _ in searcher.docs_for_query(query))


def suggest(searcher: Searcher, text: str, hits: int) -> str | None:
    """A corrected query when some typed word is not in the corpus, or None.

    Only plain words are corrected (not field names, prefixes or operators);
    the suggestion is kept only when it finds more articles than the query did.
    """
    changed = False

    def correct(word: str) -> str:
        nonlocal changed
        if (
            len(word) < 3
            or not word[0].isalpha()
            or word in q.OPERATORS
            or word.lower() in STOP_WORDS
            or _known(searcher, word)
        ):
            return word
        forms = _forms(searcher, word)
        if len(forms) != 1:
            return word
        best = _best(searcher, forms[0])
        if not best or best == forms[0]:
            return word
        changed = True
        return _cased_like(word, best)

    def fix(m: re.Match[str]) -> str:
        word = m.group(1)
        if "-" not in word:
            return correct(word)
        if searcher.reader().doc_frequency("tags", word.lower()):
            return word  # a tag ("gen-ai")
        return "-".join(correct(part) for part in word.split("-"))

    corrected = _WORD.sub(fix, text)
    if not changed:
        return None
    return corrected if _count(searcher, corrected) > hits else None
