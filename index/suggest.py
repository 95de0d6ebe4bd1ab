"""'Did you mean': corrections built from the corpus's own words."""

from __future__ import annotations

import re

from hollywood_ai.index import query as q
from whoosh.analysis import STOP_WORDS
from whoosh.query.qcore import QueryError
from whoosh.searching import Searcher

_WORD = re.compile(r"(?<![:\w])([^\W\d_][\w'’‘]{2,})(?![:\w*])")
SPELL_FIELDS = ("title", "body")


def _known(searcher: Searcher, word: str) -> bool:
    folded = word.lower()
    for fieldname in SPELL_FIELDS:
        spell = "spell_" + fieldname
        name = spell if spell in searcher.schema else fieldname
        if searcher.doc_frequency(name, folded):
            return True
    analyzer = searcher.schema["body"].analyzer
    stems = [t.text for t in analyzer(word)]
    return bool(stems) and all(
        searcher.doc_frequency("body", s) or searcher.doc_frequency("title", s) for s in stems
    )


def _best(searcher: Searcher, word: str) -> str | None:
    candidates: dict[str, int] = {}
    for fieldname in SPELL_FIELDS:
        for candidate in searcher.suggest(fieldname, word.lower(), limit=3, maxdist=2, prefix=1):
            spell = "spell_" + fieldname
            name = spell if spell in searcher.schema else fieldname
            candidates[candidate] = max(
                candidates.get(candidate, 0), searcher.doc_frequency(name, candidate)
            )
    if not candidates:
        return None
    return max(candidates, key=lambda c: (candidates[c], -abs(len(c) - len(word))))


def _cased_like(original: str, word: str) -> str:
    if original.isupper() and len(original) > 1:
        return word.upper()
    if original[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def suggest(searcher: Searcher, text: str, hits: int) -> str | None:
    """A corrected query when some typed word is not in the corpus, or None.

    Only plain words are corrected (not field names, prefixes or operators);
    the suggestion is kept only when it finds more articles than the query did.
    """
    changed = False

    def fix(m: re.Match[str]) -> str:
        nonlocal changed
        word = m.group(1)
        if word in q.OPERATORS or word.lower() in STOP_WORDS or _known(searcher, word):
            return word
        best = _best(searcher, word)
        if not best or best == word.lower():
            return word
        changed = True
        return _cased_like(word, best)

    corrected = _WORD.sub(fix, text)
    if not changed:
        return None
    try:
        better = searcher.search(q.parse(corrected, searcher.schema), limit=1)
        found = len(better)
    except QueryError:
        found = searcher.search(
            q.plain_words_query(corrected, searcher.schema), limit=1
        ).estimated_length()
    return corrected if found > hits else None
