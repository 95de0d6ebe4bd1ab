"""Reading what a person typed into the search box as a Whoosh query.

People type half-finished queries while the results update: an unbalanced
quote, a lone ``AND``, ``title:`` with nothing after it. Those are searched as
plain words, never reported as errors.
"""

from __future__ import annotations

import re

from hollywood_ai.index.searching.opened import tables
from whoosh.qparser import AndGroup, MultifieldParser
from whoosh.qparser.dateparse import DateParserPlugin
from whoosh.query import AndNot, Not, NullQuery, Phrase, Prefix, Query, Term, Wildcard
from whoosh.query.qcore import _NullQuery
from whoosh.searching import Searcher

SEARCH_FIELDS = ("title", "body", "outlet", "author", "tags")
# The title counts more than the body, the outlet and author a little more than
# a body word (people search "guardian sarandos"); see also the schema's boost.
FIELD_BOOSTS = {"title": 2.0, "body": 1.0, "outlet": 1.5, "author": 1.5, "tags": 1.2}
TEXT_FIELDS = ("title", "body")
OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"}
_FIELD_PREFIX = re.compile(r"\b(\w+):(?=\s|$)")
_KNOWN_FIELD = re.compile(r"\b(\w+):")
_WORD = re.compile(r"\w+(?:[.'’‘]\w+)*")
# The value of a published: term: a range ([a TO b], {a TO b}), a group, a
# quoted date or one word.
_PUBLISHED = re.compile(r'\bpublished:(?:[\[{][^\]}]*[\]}]?|\([^)]*\)?|"[^"]*"?|\S+)')
_ISO_DATE = re.compile(r"(?<!\d)(\d{4})([-/.])(\d{1,2})(?:\2(\d{1,2}))?(?!\d)")
#: What a query may hold: a longer one is cut (and the result says so). Whoosh
#: parses and matches a query by recursion, one level per operator, and the
#: did-you-mean's cost grows with each word's length and the number of words:
#: without a bound, a pasted page froze the reader and 1,000 NOTs overflowed
#: the stack.
MAX_QUERY_CHARS = 1000
MAX_QUERY_WORDS = 64
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


_TYPED_WORD = re.compile(r"(?:^|(?<=[\s(]))([^\W_][\w'’-]*)$")
#: Shorter last words are left exact while typing: one letter stands for too
#: many words to be worth a search.
MIN_TYPED_PREFIX = 2


def as_typed(text: str) -> str:
    """The query a search box runs while ``text`` is being typed: its last
    word, unfinished (no space after it), also as a prefix ("sar" finds
    "Sarandos"), kept exact too so a whole word still finds its stemmed
    forms. A word in an open phrase, a field, an operator or a word already
    ending in * is left as typed."""
    if text.count('"') % 2:
        return text
    m = _TYPED_WORD.search(text)
    if not m or len(m.group(1)) < MIN_TYPED_PREFIX or m.group(1) in OPERATORS:
        return text
    word = m.group(1)
    return f"{text[: m.start(1)]}({word} OR {word}*)"


def bounded(text: str) -> tuple[str, str | None]:
    """The query as it will be searched, and a sentence saying what was cut
    from it (None when nothing was). Characters that are not text (lone
    surrogates, from bytes that were not UTF-8) become U+FFFD."""
    text = _LONE_SURROGATE.sub("\ufffd", text)
    notes = []
    if len(text) > MAX_QUERY_CHARS:
        cut = text.rfind(" ", 0, MAX_QUERY_CHARS + 1)
        text = text[: cut if cut > 0 else MAX_QUERY_CHARS]
        notes.append(f"{MAX_QUERY_CHARS:,} characters")
    words = text.split()
    if len(words) > MAX_QUERY_WORDS:
        text = " ".join(words[:MAX_QUERY_WORDS])
        notes.append(f"{MAX_QUERY_WORDS} words")
    if not notes:
        return text, None
    return text, f"The query was cut to its first {' and '.join(notes)}."


def sanitize(text: str) -> str:
    """Repair the syntax a person is still typing, keeping their words."""
    text = " ".join(text.split())
    if text.count('"') % 2:
        # An unbalanced quote: drop the last one, keep the words.
        i = text.rfind('"')
        text = text[:i] + text[i + 1 :]
    # "title:" with nothing after it is the word "title".
    text = _FIELD_PREFIX.sub(r"\1", text)
    # Unknown fields ("ceo:sarandos") are words too.
    text = _KNOWN_FIELD.sub(
        lambda m: (
            m.group(0) if m.group(1).lower() in (*SEARCH_FIELDS, "published") else m.group(1) + " "
        ),
        text,
    )
    for open_, close in (("(", ")"), ("[", "]"), ("{", "}")):
        if text.count(open_) != text.count(close):
            text = text.replace(open_, " ").replace(close, " ")
    words = text.split()
    # Operators with nothing to join: at either end, or doubled.
    while words and words[0] in OPERATORS - {"NOT"}:
        words.pop(0)
    while words and words[-1] in OPERATORS:
        words.pop()
    cleaned: list[str] = []
    for word in words:
        if word in OPERATORS and cleaned and cleaned[-1] in OPERATORS:
            continue
        cleaned.append(word)
    return " ".join(cleaned)


def _compact_date(m: re.Match[str]) -> str:
    year, _, month, day = m.groups()
    return f"{year}{int(month):02d}" + (f"{int(day):02d}" if day else "")


def compact_dates(text: str) -> str:
    """``2025-07-18`` as ``20250718`` (and ``2025-07`` as ``202507``) inside
    ``published:`` terms. Whoosh's date parser reads the compact forms
    exactly but takes a dashed date at the end of a range for its year alone
    (``[2025-07-19 TO 2025-07-31]`` would be all of 2025)."""
    if "published:" not in text:
        return text
    return _PUBLISHED.sub(lambda m: _ISO_DATE.sub(_compact_date, m.group(0)), text)


def _parser(searcher: Searcher, dates: bool = True) -> MultifieldParser:
    """The parser for the searcher's schema, built once per generation and
    kept with its searcher (building one costs more than parsing a query).
    The date plugin costs a few milliseconds a parse, so it is only used
    when the query names the ``published`` field."""

    def make() -> MultifieldParser:
        parser = MultifieldParser(
            list(SEARCH_FIELDS), searcher.schema, fieldboosts=FIELD_BOOSTS, group=AndGroup
        )
        if dates:
            parser.add_plugin(DateParserPlugin(free=False))
        return parser

    parser: MultifieldParser = tables(searcher).values.fetch(("parser", dates), make)
    return parser


def plain_words_query(text: str, searcher: Searcher) -> Query:
    """The last resort: every word, in every field, all required."""
    words = _WORD.findall(text)
    if not words:
        return NullQuery
    return _parser(searcher, dates=False).parse(" ".join(words))


def parse(text: str, searcher: Searcher) -> Query:
    """A Whoosh query for what was typed, in the fields of the searcher's
    schema; never raises on syntax. A query past the bounds is cut first
    (see bounded)."""
    cleaned = sanitize(bounded(text)[0])
    if not cleaned:
        return NullQuery
    try:
        query = _parser(searcher, dates="published:" in cleaned).parse(compact_dates(cleaned))
    except Exception:  # Whoosh's parser raises assorted errors on odd input
        return plain_words_query(cleaned, searcher)
    if isinstance(query, _NullQuery):
        return plain_words_query(cleaned, searcher)
    return query


def text_terms(query: Query, reader: object | None = None) -> set[str]:
    """The analysed words a query looks for in the text fields (not those it
    excludes with NOT), prefixes and wildcards expanded against the index, for
    highlighting and for choosing snippets."""
    pairs: set[tuple[str, str]] = set()
    _collect(query, reader, pairs)
    return {text for fieldname, text in pairs if fieldname in HIGHLIGHT_FIELDS}


HIGHLIGHT_FIELDS = ("title", "body", "outlet", "author")
MAX_EXPANSION = 64


def _collect(node: Query, reader: object | None, out: set[tuple[str, str]]) -> None:
    if isinstance(node, Not):
        return
    if isinstance(node, AndNot):
        _collect(node.a, reader, out)
        return
    if isinstance(node, Phrase):
        # A phrase is lit as one (see results.highlight_spans), not word by word.
        out.add((node.fieldname, " ".join(node.words)))
    elif isinstance(node, Term):
        text = node.text.decode("utf-8") if isinstance(node.text, bytes) else node.text
        out.add((node.fieldname, text))
    elif isinstance(node, (Prefix, Wildcard)):
        if reader is not None:
            for n, (fieldname, text) in enumerate(node.expanded_terms(reader)):
                if n >= MAX_EXPANSION:
                    break
                out.add((fieldname, text.decode("utf-8") if isinstance(text, bytes) else text))
    elif not node.is_leaf():
        for child in node.children():
            _collect(child, reader, out)
