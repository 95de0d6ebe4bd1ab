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
from hollywood_ai.index.text.figures import (
    DIGIT,
    WORD,
    has_quantity,
    lower_for_patterns,
    might_have_figure,
)
from hollywood_ai.index.text.passages import split_passages
from hollywood_ai.index.text.words import prepared_stems
from whoosh.analysis import STOP_WORDS

_DATE_IN_TEXT = re.compile(
    r"\b(19|20)\d\d\b|\b(january|february|march|april|may|june|july|august|september|october|"
    r"november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday|earlier this year|"
    r"last (week|month|year)|this (week|month|year))\b",
    re.I,
)
# What a text _DATE_IN_TEXT matches holds, lower-cased as IGNORECASE reads it:
# a digit, or a piece of one of its words (a test checks the pieces).
_DATE_PIECES = "day week month year ber uary march may june july april august".split()
# A name inside a sentence (not its first word): a person, a place, a company.
_PERSON_IN_TEXT = re.compile(r"(?<![.!?]\s)(?<!^)(?<![“\"])\b[A-ZÀ-Þ][a-zà-ÿ]{2,}")
# Where _PERSON_IN_TEXT can match: found faster without its look-behinds first.
_CAPITALISED = re.compile(r"[A-ZÀ-Þ][a-zà-ÿ]{2,}")


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
        text = p.text
        # One lower-cased copy and word split for the three checks that want them.
        low = lower_for_patterns(text)
        low_words = WORD.findall(low)
        terms = Counter(t for t in prepared_stems(text, low, low_words) if t not in STOP_WORDS)
        out.append(
            Analysed(
                passage=p,
                terms=terms,
                length=sum(terms.values()) or 1,
                has_quantity=might_have_figure(text, low, low_words) and has_quantity(text),
                has_date=_has_date(text, low),
                has_person=_has_person(text),
            )
        )
    if remember:
        _cache.put(key, out)
    return out


def _has_date(text: str, low: str) -> bool:
    """Whether _DATE_IN_TEXT matches ``text`` (``low`` lower-cased for the
    patterns): the pattern, which tries every position, only where it can."""
    if not DIGIT.search(text) and not any([piece in low for piece in _DATE_PIECES]):
        return False
    return bool(_DATE_IN_TEXT.search(text))


def _has_person(text: str) -> bool:
    """Whether _PERSON_IN_TEXT matches ``text``: the pattern tried at each
    capitalised word (its look-behinds see the text before the position)."""
    match = _PERSON_IN_TEXT.match
    return any(match(text, m.start()) for m in _CAPITALISED.finditer(text))


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
