"""Which words of a search query to highlight, and where they occur in a text.

The reader highlights the words a query looks for with the engine's own
analyser (lower-case, accents folded, stemmed), so ``collapses`` lights up
"collapsing" and ``Etérnauta`` lights up "Eternauta", exactly as the search
matched them. Only the words are taken from the query: operators, field names
of non-text fields, date ranges and negated words are left out.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Any

from hollywood_ai.index import fold

_TEXT_FIELDS = {"title", "body", "outlet", "author", "tags"}
_RANGE = re.compile(r"\w+:\s*[\[{][^\]}]*[\]}]")
_TOKEN = re.compile(r'-?\w+:|"|[^\s"]+')
_WORD = re.compile(r"\w+(?:[.'’‘]\w+)*\*?", re.UNICODE)  # as the engine's tokens
_OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "TO"}


@functools.cache
def _analyzer() -> Any:
    """The engine's analyser, imported when first needed (Whoosh is not
    needed to draw the first screen)."""
    from hollywood_ai.index import text_analyzer

    return text_analyzer()


@dataclass(frozen=True)
class Terms:
    """The analysed words (stems) and the prefixes (from ``word*``) of a query."""

    stems: frozenset[str] = field(default_factory=frozenset)
    prefixes: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.stems or self.prefixes)


def query_terms(query: str) -> Terms:
    """The words of ``query`` that hits can be highlighted by."""
    query = _RANGE.sub(" ", query)
    words: list[str] = []
    prefixes: list[str] = []
    skip_field = False
    negate_next = False
    for token in _TOKEN.findall(query):
        if token == '"':
            continue
        if token.endswith(":") and token[:-1].lstrip("-").isidentifier():
            skip_field = token[:-1].lstrip("-").lower() not in _TEXT_FIELDS
            negate_next = negate_next or token.startswith("-")
            continue
        if token in _OPERATORS:
            negate_next = token in {"NOT", "ANDNOT"}
            continue
        negated = negate_next or token.startswith("-")
        negate_next = False
        this_skip, skip_field = skip_field, False
        if negated or this_skip:
            continue
        for word in _WORD.findall(token):
            if word.endswith("*"):
                if len(word) > 2:
                    prefixes.append(fold(word[:-1]))
            else:
                words.append(word)
    stems = {t.text for t in _analyzer()(" ".join(words))} if words else set()
    return Terms(frozenset(stems), tuple(prefixes))


def match_spans(text: str, terms: Terms) -> list[tuple[int, int]]:
    """Character spans of the words of ``text`` that ``terms`` match."""
    if not terms or not text:
        return []
    spans: list[tuple[int, int]] = []
    for token in _analyzer()(text, chars=True, removestops=False):
        if token.text in terms.stems or (
            terms.prefixes
            and any(
                fold(text[token.startchar : token.endchar]).startswith(p) for p in terms.prefixes
            )
        ):
            spans.append((token.startchar, token.endchar))
    return spans
