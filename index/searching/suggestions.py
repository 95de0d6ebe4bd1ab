"""'Did you mean': corrections built from the corpus's own words.

A typed word is corrected only when no field knows it (title, body, outlet,
author or tags), and a correction is offered only when it finds more articles
than what was typed. Both checks are cheap, as they run inside the search on
nearly every keystroke: term lookups, and the fast path's cached per-word
tables (or, for a query with operators or fields, one unscored pass).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from typing import Any

from hollywood_ai.index.kept import Kept
from hollywood_ai.index.searching import queries as q
from hollywood_ai.index.searching import ranking as fastrank
from whoosh.analysis import STOP_WORDS
from whoosh.automata.fsa import find_all_matches
from whoosh.automata.lev import levenshtein_automaton
from whoosh.query import Query
from whoosh.query.qcore import QueryError, _NullQuery
from whoosh.reading import IndexReader
from whoosh.searching import Searcher
from whoosh.support.levenshtein import distance

# A plain word, or words joined by hyphens ("gen-ai"); not a field name, a
# field's value or a prefix.
_WORD = re.compile(r"(?<![:\w'’‘-])([^\W\d_][\w'’‘]*(?:-[\w'’‘]+)*)(?![:\w*'’‘-])")
# Fields whose unstemmed words corrections are drawn from (their spell_ fields).
SPELL_FIELDS = ("title", "body", "outlet", "author")
MAX_DISTANCE = 2
#: The bounds on the did-you-mean's work: the automaton's cost grows with a
#: word's length (a 100,000-letter word took 25 s), so longer words are left
#: as typed, and at most this many words of a query are looked up.
MAX_WORD_LETTERS = 32
MAX_CORRECTED = 8
CACHE_SEGMENTS = 64

# By segment name, across generations: a segment never changes (an update
# adds new ones) and outlives the generation that first read it; Whoosh
# names each segment at random, so no other segment has its name.
_words: Kept[str, list[str]] = Kept(CACHE_SEGMENTS)


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


def _segment_words(searcher: Searcher, leaf: IndexReader) -> list[str]:
    """Every word of the spelling fields in one segment, sorted; kept per
    segment (segments never change; an update adds new ones), so the word
    lists are read once, not on every keystroke."""
    try:
        key: str | None = leaf.segment().segment_id()
    except AttributeError:
        key = None
    if key is not None:
        cached = _words.get(key)
        if cached is not None:
            return cached
    indexed = set(leaf.indexed_field_names())
    found: set[str] = set()
    for fieldname in SPELL_FIELDS:
        name = _spell_name(searcher, fieldname)
        if name in indexed:
            found.update(
                t.decode("utf-8") if isinstance(t, bytes) else t for t in leaf.lexicon(name)
            )
    words = sorted(found)
    if key is not None:
        _words.put(key, words)
    return words


def _within(words: list[str], dfa: Any) -> Iterator[str]:
    """The words the Levenshtein automaton accepts, skipping through the
    sorted list by bisection."""

    def first_at_least(text: str) -> str | None:
        i = bisect_left(words, text)
        return words[i] if i < len(words) else None

    if words:
        yield from find_all_matches(dfa, first_at_least)


def _best(searcher: Searcher, word: str) -> str | None:
    """The corpus word nearest ``word`` (same first letter; one edit away for
    a word of up to four letters, two for a longer one, a swap of neighbouring
    letters counting as one), the more common first among equally near ones."""
    reader = searcher.reader()
    maxdist = MAX_DISTANCE if len(word) > 4 else 1
    # The automaton counts a swap as two edits: ask it for two, then measure.
    dfa = levenshtein_automaton(word, MAX_DISTANCE, prefix=1).to_dfa()
    found: set[str] = set()
    for leaf, _ in reader.leaf_readers():
        if leaf.doc_count_all():
            found.update(_within(_segment_words(searcher, leaf), dfa))
    found.discard(word)
    near = {c: distance(word, c) for c in found}
    near = {c: d for c, d in near.items() if d <= maxdist}
    if not near:
        return None
    names = [_spell_name(searcher, f) for f in SPELL_FIELDS]
    # How many articles hold the word: its spelling postings' weight (the
    # codec keeps one posting per word, weighing the articles it stands for).
    frequency = {c: max(reader.frequency(n, c) for n in names) for c in near}
    return min(near, key=lambda c: (near[c], -frequency[c], abs(len(c) - len(word)), c))


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
    total = fastrank.count(searcher, words) if words else None
    if total is not None:
        return total
    try:
        return _matching(searcher, q.parse(text, searcher))
    except QueryError:
        # A phrase the parser sent to a field without positions (the tags).
        return _matching(searcher, q.plain_words_query(text, searcher))


def _matching(searcher: Searcher, query: Query) -> int:
    if isinstance(query, _NullQuery):
        return 0
    return sum(1 for _ in searcher.docs_for_query(query))


def suggest(searcher: Searcher, text: str, hits: int) -> str | None:
    """A corrected query when some typed word is not in the corpus, or None.

    Only plain words are corrected (not field names, prefixes or operators),
    of up to MAX_WORD_LETTERS letters, the first MAX_CORRECTED unknown ones;
    the suggestion is kept only when it finds more articles than the query did.
    """
    changed = False
    tried = 0

    def correct(word: str) -> str:
        nonlocal changed, tried
        if (
            len(word) < 3
            or len(word) > MAX_WORD_LETTERS
            or tried >= MAX_CORRECTED
            or not word[0].isalpha()
            or word in q.OPERATORS
            or word.lower() in STOP_WORDS
            or _known(searcher, word)
        ):
            return word
        tried += 1
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
