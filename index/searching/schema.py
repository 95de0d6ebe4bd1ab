"""The index's two schemas: the articles (every field a query can name, the
snippet column) and one document of passages per article."""

from __future__ import annotations

from hollywood_ai.index.text.analysis import AnalysedText, text_analyzer
from whoosh.analysis import StopFilter
from whoosh.columns import CompressedBytesColumn
from whoosh.fields import COLUMN, DATETIME, ID, KEYWORD, NUMERIC, STORED, Schema

# 12: the text fields are indexed through analysis.analyse (same postings,
# other field classes in the stored schema). 14: no phrase pairs field (phrases
# are read from the text fields' positions), one posting per spelling word.
# 15: each article's story words (storywords). 16: the outlet field holds the
# outlet a text names as its source too (via), and via_url is stored.
SCHEMA_VERSION = 16
ARTICLES = "articles"
PASSAGES = "passages"

# Between the outlet and the via in the outlet field's value.
FIELD_SEP = "\x1e"
#: The story-word tables a rebuild writes into its generation, by piece of
#: the library and their order in it (text/wordtables.py): the names sort in
#: the library's order.
STORY_TABLE = "storywords-{:05d}-{:05d}.npz"
STORY_TABLES = "storywords-*.npz"


def outlet_field(outlet: str | None, via: str | None) -> str:
    """The outlet field's value: the outlet, then the outlet the text names as
    its source, so `outlet:guardian` finds a digest of The Guardian too."""
    return f"{outlet or ''}{FIELD_SEP}{via}" if via else outlet or ""


def outlet_parts(value: str | None) -> tuple[str | None, str | None]:
    """The outlet and via back from the outlet field's stored value."""
    outlet, _, via = (value or "").partition(FIELD_SEP)
    return outlet or None, via or None


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
        url=STORED,
        via_url=STORED,
        origin=STORED,
        checksum=STORED,
        # What a hit's snippet is made from (see snippet_record), read by
        # document number: no term lookup, nothing else of the article loaded.
        # (The strongest deflate: written once, read as fast.)
        snippets=COLUMN(CompressedBytesColumn(level=9)),
        # The words stories are grouped by, counted as the article is indexed
        # (text/storywords.py): grouping reads them instead of every body.
        storywords=COLUMN(CompressedBytesColumn(level=9)),
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
