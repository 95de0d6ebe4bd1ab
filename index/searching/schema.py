"""The index's two schemas: the articles (every field a query can name, the
phrase pairs, the snippet column) and one document of passages per article."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hollywood_ai.index.text.analysis import (
    PART_SEP,
    AnalysedText,
    PairText,
    text_analyzer,
)
from whoosh.analysis import (
    Analyzer,
    ShingleFilter,
    StopFilter,
)
from whoosh.columns import CompressedBytesColumn
from whoosh.fields import COLUMN, DATETIME, ID, KEYWORD, NUMERIC, STORED, Schema

# 12: the text fields are indexed through analysis.analyse (same postings,
# other field classes in the stored schema).
SCHEMA_VERSION = 14
ARTICLES = "articles"
PASSAGES = "passages"

# Between the fields of the shingles field's value: no pair crosses it.
FIELD_SEP = PART_SEP


def outlet_field(outlet: str | None, via: str | None) -> str:
    """The outlet field's value: the outlet, then the outlet the text names as
    its source, so `outlet:guardian` finds a digest of The Guardian too."""
    return f"{outlet or ''}{FIELD_SEP}{via}" if via else outlet or ""


def outlet_parts(value: str | None) -> tuple[str | None, str | None]:
    """The outlet and via back from the outlet field's stored value."""
    outlet, _, via = (value or "").partition(FIELD_SEP)
    return outlet or None, via or None


class PartShingles(Analyzer):
    """Pairs of neighbouring analysed words, within each part of a value
    separated by FIELD_SEP, so no pair joins the end of a title to the start
    of the body, or an outlet to an author."""

    def __init__(self) -> None:
        self.inner = text_analyzer() | ShingleFilter(size=2, sep=" ")

    def __call__(self, value: str, **kwargs: Any) -> Iterator[Any]:
        for part in value.split(FIELD_SEP):
            if part.strip():
                yield from self.inner(part, **kwargs)


def shingle_analyzer() -> Analyzer:
    """Pairs of neighbouring analysed words ("ten time", "time faster"): a
    phrase becomes a few exact terms, which the fast path looks up like words."""
    return PartShingles()


def article_schema() -> Schema:
    analyzer = text_analyzer()
    tags = KEYWORD(stored=True, commas=True, lowercase=True, scorable=True)
    # A stop word typed as a plain word must not be required of the tags either.
    tags.analyzer = tags.analyzer | StopFilter(minsize=1)
    schema = Schema(
        id=ID(stored=True, unique=True),
        # TEXT fields whose postings are computed in one pass (see analysis).
        title=AnalysedText(analyzer=analyzer, stored=True, field_boost=2.5, spelling=True),
        body=AnalysedText(analyzer=analyzer, spelling=True),
        # spelling: their words are offered as "did you mean" corrections too.
        outlet=AnalysedText(analyzer=analyzer, stored=True, spelling=True),
        author=AnalysedText(analyzer=analyzer, stored=True, spelling=True),
        tags=tags,
        published=DATETIME(stored=True, sortable=True),
        # YYYYMMDD, 0 when undated: sorting by date puts undated articles last.
        pubsort=NUMERIC(sortable=True, bits=32),
        sort_title=ID(sortable=True),
        shingles=PairText(analyzer=shingle_analyzer(), phrase=False),
        url=STORED,
        via_url=STORED,
        origin=STORED,
        checksum=STORED,
        # What a hit's snippet is made from (see snippet_record), read by
        # document number: no term lookup, nothing else of the article loaded.
        snippets=COLUMN(CompressedBytesColumn()),
    )
    return schema


def passage_schema() -> Schema:
    """One document per article holding its passages with what compare needs
    of each, read in one stored-field load, never by scanning postings."""
    return Schema(
        article_id=ID(stored=True, unique=True),
        checksum=STORED,
        passages=STORED,
    )
