"""One fast pass of the text analyser over a value, shared by every use of it.

Whoosh's analyser is a chain of generators passing one Token object along
(tokenizer, lower case, folding, stop words, stemming): building an article's
index ran it four times over the body (the body field, its spelling words, the
phrase pairs, the passages), about a third of the build. ``analyse`` gives the
same words in one pass of plain string operations, remembered for the few
values an article's fields share; ``AnalysedText`` is a TEXT
field whose ``index`` and ``spellable_words`` are computed from it, term for
term, weight for weight and position for position what Whoosh's own methods
give (tests compare the two on the corpus and on generated text). Queries are
still analysed by the fields' Whoosh analysers, which are unchanged.
"""

from __future__ import annotations

import pickle
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any, NamedTuple

from whoosh.analysis import (
    STOP_WORDS,
    Analyzer,
    CharsetFilter,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
)
from whoosh.fields import TEXT
from whoosh.formats import Frequency, Positions
from whoosh.lang.porter import stem
from whoosh.support.charset import accent_map
from whoosh.system import pack_uint

# Curly apostrophes (’ ‘) join a word like the typed ' does ("Netflix’s").
TOKEN_PATTERN = r"\w+(?:[.'’‘]\w+)*"
# Accents folded, and every apostrophe read as the one on the keyboard: the
# corpus writes "doesn’t", people type "doesn't".
APOSTROPHES = "’‘ʼ"
FOLD_MAP = {**accent_map, **{ord(c): "'" for c in APOSTROPHES}}


class Words(NamedTuple):
    """A value's words after the analyser's stop filter: as folded (what the
    spelling fields keep), and stemmed (the terms), with the position of the
    first (the stop filter numbers the kept words on from there)."""

    folded: tuple[str, ...]
    stems: tuple[str, ...]
    first: int


# Word -> stem, a pure function of the word, emptied when full. A plain dict:
# its get and set are each atomic (threads analysing at once can at worst
# stem a word twice), and functools.lru_cache in its place makes ``analyse``
# a fifth slower (a locked table, slower still).
_STEMS: dict[str, str] = {}
# About 3 MiB at most: the vocabulary grows with the library (a rebuild
# process of 25,000 articles meets half a million words), and a table as
# large as a 1,000-article library's vocabulary keeps a rebuild's memory
# the same at any size; the words most text is made of are found in it
# again soon after it is emptied.
_STEMS_MAX = 30_000


def _stem(word: str) -> str:
    hit = _STEMS.get(word)
    if hit is None:
        if len(_STEMS) >= _STEMS_MAX:
            _STEMS.clear()
        hit = _STEMS[word] = stem(word)
    return hit


_FIND = re.compile(TOKEN_PATTERN).findall


# Joins a value's tokens so that they are lower-cased and folded in one call
# each: no token holds it, neither step maps it or across it, and casing reads
# it as a word break (a token's final sigma is lower-cased as on its own).
_JOIN = "\x00"


def _analyse(value: str) -> Words:
    """``value`` through text_analyzer's steps: the pattern's matches,
    lower-cased, folded, stop words (and words folded to nothing) left out,
    stemmed."""
    tokens = _FIND(value)
    if not tokens:
        return Words((), (), 0)
    low = _JOIN.join(tokens).lower().translate(FOLD_MAP).split(_JOIN)
    stops = STOP_WORDS
    folded = [w for w in low if w and w not in stops]
    if not folded:
        return Words((), (), 0)
    first = next(pos for pos, w in enumerate(low) if w and w not in stops)
    get = _STEMS.get
    return Words(tuple(folded), tuple([get(w) or _stem(w) for w in folded]), first)


#: ``_analyse`` remembered for the last few values (an article's title and
#: body are analysed for their own fields and again for their spelling words).
analyse = lru_cache(maxsize=16)(_analyse)


def stems(value: str) -> list[str]:
    """The terms text_analyzer gives for ``value``, in order. Not remembered:
    its callers (passages, questions) rarely analyse a value twice."""
    return list(_analyse(value).stems)


class AnalysedText(TEXT):
    """A TEXT field analysed by text_analyzer, indexed through ``analyse``:
    the same postings as TEXT's own ``index`` and ``spellable_words``."""

    def index(self, value: Any, **kwargs: Any) -> Iterator[tuple[bytes, int, float, bytes]]:
        if not isinstance(value, str) or set(kwargs) - {"mode"}:
            yield from super().index(value, **kwargs)
            return
        fmt = self.format
        if type(fmt) not in (Positions, Frequency):
            yield from super().index(value, **kwargs)
            return
        words = analyse(value)
        fb = fmt.field_boost
        if type(fmt) is Positions:
            poses: dict[str, list[int]] = {}
            for pos, term in enumerate(words.stems, words.first):
                where = poses.get(term)
                if where is None:
                    poses[term] = [pos]
                else:
                    where.append(pos)
            # Positions.encode's bytes: the count, then the gaps pickled.
            dumps = pickle.dumps
            for term, where in poses.items():
                n = len(where)
                if n == 1:
                    gaps = where
                else:
                    gaps = [b - a for a, b in zip([0, *where], where, strict=False)]
                yield term.encode("utf-8"), n, float(n) * fb, pack_uint(n) + dumps(gaps, 2)
        else:
            yield from _frequencies(words.stems, fb)

    def spellable_words(self, value: Any) -> Iterator[str]:
        if not isinstance(value, str):
            return super().spellable_words(value)
        return iter(sorted(set(analyse(value).folded)))


def _frequencies(terms: Any, fb: float) -> Iterator[tuple[bytes, int, float, bytes]]:
    """Whoosh's Frequency format's postings: each term once, in order of first
    appearance, with its count, weight and encoded count."""
    counts: dict[str, int] = {}
    for term in terms:
        counts[term] = counts.get(term, 0) + 1
    for term, n in counts.items():
        yield term.encode("utf-8"), n, float(n) * fb, pack_uint(n)


def text_analyzer() -> Analyzer:
    """Words, lower-cased, accents and apostrophes folded, stop words out, stemmed."""
    return (
        RegexTokenizer(TOKEN_PATTERN)
        | LowercaseFilter()
        | CharsetFilter(FOLD_MAP)
        | StopFilter(minsize=1)
        | StemFilter()
    )
