"""Each passage of an article with the words compare and search need of it
(counted), and whether it holds a figure, a date or a name: computed once per
article version, kept in the index's passage documents."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from hollywood_ai.index.kept import Kept
from hollywood_ai.index.model import Article, Passage
from hollywood_ai.index.text.figures import has_quantity
from hollywood_ai.index.text.passages import split_passages
from hollywood_ai.index.text.words import stems
from whoosh.analysis import STOP_WORDS

_DATE_IN_TEXT = re.compile(
    r"\b(19|20)\d\d\b|\b(january|february|march|april|may|june|july|august|september|october|"
    r"november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday|earlier this year|"
    r"last (week|month|year)|this (week|month|year))\b",
    re.I,
)
# A name inside a sentence (not its first word): a person, a place, a company.
_PERSON_IN_TEXT = re.compile(r"(?<![.!?]\s)(?<!^)(?<![“\"])\b[A-ZÀ-Þ][a-zà-ÿ]{2,}")


@dataclass
class Analysed:
    passage: Passage
    terms: Counter[str]
    length: int
    has_quantity: bool
    has_date: bool
    has_person: bool


CACHE_ARTICLES = 2000
_cache: Kept[tuple[str, str], list[Analysed]] = Kept(CACHE_ARTICLES)


def analysed_passages(article: Article, remember: bool = True) -> list[Analysed]:
    key = (article.id, article.checksum)
    hit = _cache.get(key)
    if hit is not None:
        return hit
    out = []
    for p in split_passages(article):
        terms = Counter(t for t in stems(p.text) if t not in STOP_WORDS)
        out.append(
            Analysed(
                passage=p,
                terms=terms,
                length=sum(terms.values()) or 1,
                has_quantity=has_quantity(p.text),
                has_date=bool(_DATE_IN_TEXT.search(p.text)),
                has_person=bool(_PERSON_IN_TEXT.search(p.text)),
            )
        )
    if remember:
        _cache.put(key, out)
    return out


def from_record(article: Article, record: dict[str, Any]) -> list[Analysed]:
    """Analysed passages as the index stored them (no analysis needed)."""
    out = []
    for i, (text, start, end, kind, section, terms, flags) in enumerate(record["passages"]):
        counts = Counter(terms)
        out.append(
            Analysed(
                passage=Passage(article.id, i, text, start, end, kind, section),
                terms=counts,
                length=sum(counts.values()) or 1,
                has_quantity=bool(flags & 1),
                has_date=bool(flags & 2),
                has_person=bool(flags & 4),
            )
        )
    return out


def kept_passages(article: Article) -> list[Analysed] | None:
    """The analysed passages of this version of the article, if kept."""
    return _cache.get((article.id, article.checksum))


def keep_passages(article: Article, items: list[Analysed]) -> None:
    _cache.put((article.id, article.checksum), items)


def forget_passages() -> None:
    """Drop every kept analysis (benchmarks measure the first compare)."""
    _cache.clear()
