"""The words a search matched, and where they occur in a text the reader shows.

The engine's search result names the analysed words it looked for
(``SearchResult.terms``: lower-case, accents folded, stemmed, prefixes expanded
against the index, negated words and non-text fields left out); the reader
lights up the words of a text whose analysed form is one of them, with the
engine's ``highlight_spans``, so ``collapses`` lights up "collapsing" and
``Etérnauta`` lights up "Eternauta", exactly as the search matched them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hollywood_ai.index import SearchResult


@dataclass(frozen=True)
class Terms:
    """The analysed words (stems) a search looked for."""

    stems: frozenset[str] = field(default_factory=frozenset)

    def __bool__(self) -> bool:
        return bool(self.stems)

    @staticmethod
    def of(result: SearchResult) -> Terms:
        return Terms(frozenset(result.terms))


def match_spans(text: str, terms: Terms) -> list[tuple[int, int]]:
    """Character spans of the words of ``text`` that ``terms`` match."""
    if not terms or not text:
        return []
    # Imported on first use: Whoosh is not needed to draw the first screen.
    from hollywood_ai.index import highlight_spans

    return highlight_spans(text, terms.stems)
