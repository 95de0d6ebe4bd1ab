"""The one-pass analysis (index/analysis.py) indexes exactly what Whoosh's
analyser chain indexed: the same terms, frequencies, weights, positions and
spelling words, field by field, and the same postings in a whole index."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hollywood_ai.index.searching.documents import documents as _documents
from hollywood_ai.index.searching.schema import article_schema
from hollywood_ai.index.searching.whoosh_internals.codec import InliningCodec
from hollywood_ai.index.text import analysis
from hollywood_ai.index.text.analysis import AnalysedText, text_analyzer
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh import index as windex
from whoosh.fields import TEXT

from bench.corpus import generate

_RANDOM = bool(os.environ.get("HYPOTHESIS_RANDOM"))
MANY = settings(max_examples=300, deadline=None, derandomize=not _RANDOM)

# Words that stress each step: stop words, capitals, accents and ligatures
# folded (some to nothing), every apostrophe, dotted and joined words,
# digits, underscores, scripts without case.
PIECES = [
    "The",
    "a",
    "of",
    "AND",
    "Netflix’s",
    "doesn't",
    "O‘Neil",
    "rockʼn",
    "café",
    "Œuvre",
    "straße",
    "e\u0301",
    "\u0301",
    "U.S.",
    "3.5x",
    "co-CEO",
    "snake_case",
    "İstanbul",
    "東京",
    "Ελλάδα",
    "ΟΔΟΣ",
    "Σ",
    "ΣΑΣ''Α",
    "\x00",
    "running",
    "runs",
    "visual",
    "effects",
    "  ",
    "\n\n",
    ", ",
    ". ",
    "\x1e",
    "’",
    "'",
]
TEXTS = st.one_of(
    st.text(max_size=80),
    st.lists(st.sampled_from(PIECES), max_size=30).map(" ".join),
    st.lists(st.sampled_from(PIECES), max_size=30).map("".join),
)


def stock(field: TEXT) -> TEXT:
    """The same field as Whoosh's own TEXT (its index and spellable_words)."""
    plain = TEXT.__new__(TEXT)
    plain.__dict__.update(field.__dict__)
    return plain


FIELDS = {name: article_schema()[name] for name in ("title", "body", "author")}


def same_postings(name: str, value: str) -> None:
    field = FIELDS[name]
    assert list(field.index(value)) == list(stock(field).index(value)), (name, value)
    if field.separate_spelling():
        assert list(field.spellable_words(value)) == list(stock(field).spellable_words(value))


def test_the_schema_uses_the_one_pass_fields() -> None:
    assert isinstance(FIELDS["body"], AnalysedText)
    assert FIELDS["body"].analyzer == text_analyzer()


@given(TEXTS)
@MANY
def test_fields_index_what_whoosh_indexes(value: str) -> None:
    for name in FIELDS:
        same_postings(name, value)
    assert analysis.stems(value) == [t.text for t in text_analyzer()(value)]


def test_generated_articles_index_what_whoosh_indexes() -> None:
    for article in generate(40, 7):
        doc, _ = _documents(article)
        for name in FIELDS:
            same_postings(name, doc[name])


def test_a_vocabulary_larger_than_the_stem_table_gives_the_same_terms(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The remembered stems are emptied when full (a large library's
    vocabulary is far larger than the table): the terms are Whoosh's still."""
    monkeypatch.setattr(analysis, "_STEMS", {})
    monkeypatch.setattr(analysis, "_STEMS_MAX", 50)
    for article in generate(5, 11):
        assert analysis.stems(article.body) == [t.text for t in text_analyzer()(article.body)]
        assert len(analysis._STEMS) <= 50


def _postings(ix: windex.Index) -> dict[tuple[str, bytes], list[tuple[int, float, bytes]]]:
    out = {}
    with ix.reader() as r:
        for fieldname, text in r.all_terms():
            m = r.postings(fieldname, text)
            postings = []
            while m.is_active():
                postings.append((m.id(), m.weight(), m.value()))
                m.next()
            out[fieldname, text] = postings
    return out


def _lengths(ix: windex.Index, names: list[str]) -> list[list[int]]:
    with ix.reader() as r:
        return [[r.doc_field_length(d, n) for d in range(r.doc_count_all())] for n in names]


@pytest.mark.parametrize("limitmb", [256, 1])
def test_an_index_built_the_old_way_is_the_same(tmp_path: Path, limitmb: int) -> None:
    """Every term's postings (ids, weights, values) and every field length, in
    an index written with the one-pass fields and with Whoosh's TEXT."""
    articles = generate(30, 11)
    old_schema = article_schema()
    for name in ("title", "body", "outlet", "author"):
        old_schema._fields[name] = stock(old_schema[name])
    built = []
    for label, schema in (("new", article_schema()), ("old", old_schema)):
        path = tmp_path / label
        path.mkdir()
        ix = windex.create_in(str(path), schema)
        w = ix.writer(limitmb=limitmb, codec=InliningCodec())
        for article in articles:
            w.add_document(**_documents(article)[0])
        w.commit()
        built.append(ix)
    new, old = built
    assert not isinstance(old.schema["body"], AnalysedText)
    assert _postings(new) == _postings(old)
    names = ["title", "body", "outlet", "author"]
    assert _lengths(new, names) == _lengths(old, names)
