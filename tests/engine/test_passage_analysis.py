"""What compare reads of each passage (kept in the index's passage documents)
is what the passage's own text gives: its words as text/words.stems reads
them, and a figure, a date and a name where figures.has_quantity and the
date and name patterns find one. The analysis shares one lower-cased copy of
the text between them and runs each pattern only where it can match; these
tests compare it with each check made on its own."""

from __future__ import annotations

import calendar
from collections import Counter
from pathlib import Path

import pytest
from hollywood_ai.index.model import Article
from hollywood_ai.index.text import passage_analysis as pa
from hollywood_ai.index.text.figures import has_quantity
from hollywood_ai.index.text.words import stems
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh.analysis import STOP_WORDS

from bench.corpus import generate

REALWORLD = (
    Path(__file__).resolve().parents[2] / ".." / "shared" / "realworld" / "news" / "articles"
)
# Pieces that each check looks for, and look-alikes it must not take.
PIECES = [
    "The",
    "said",
    "Smith",
    "O’Neil",
    "Ávila",
    "“Quoted",
    '"Quoted',
    "MAY",
    "may",
    "Mayor",
    "last week",
    "LAST YEAR",
    "this  month",
    "earlier this year",
    "1999",
    "2024",
    "3.5x",
    "ten",
    "tenfold",
    "twice as many",
    "$11.5 billion",
    "17%",
    "VFX",
    "gen-AI",
    "K",
    "ſunday",
    "İstanbul",
    ".",
    ". ",
    "! ",
    "? ",
    ", ",
    " ",
    "\n",
]
BODIES = st.lists(
    st.lists(st.sampled_from(PIECES), min_size=3, max_size=25).map(" ".join),
    min_size=1,
    max_size=4,
).map("\n\n".join)


def expected(article: Article) -> list[tuple[str, Counter[str], bool, bool, bool]]:
    return [
        (
            a.passage.text,
            Counter(t for t in stems(a.passage.text) if t not in STOP_WORDS),
            has_quantity(a.passage.text),
            bool(pa._DATE_IN_TEXT.search(a.passage.text)),
            bool(pa._PERSON_IN_TEXT.search(a.passage.text)),
        )
        for a in pa.analysed_passages(article, remember=False)
    ]


def analysed(article: Article) -> list[tuple[str, Counter[str], bool, bool, bool]]:
    return [
        (a.passage.text, a.terms, a.has_quantity, a.has_date, a.has_person)
        for a in pa.analysed_passages(article, remember=False)
    ]


@given(BODIES)
@settings(max_examples=300, deadline=None, derandomize=True)
def test_each_passage_is_analysed_as_its_text_reads(body: str) -> None:
    article = Article.make(title="A test", body=body, origin="test")
    assert analysed(article) == expected(article)


def test_generated_articles_are_analysed_as_their_texts_read() -> None:
    for article in generate(40, 3):
        assert analysed(article) == expected(article)


@pytest.mark.skipif(not REALWORLD.is_dir(), reason="the real-world articles are not here")
def test_real_articles_are_analysed_as_their_texts_read() -> None:
    from hollywood_ai.index.ingest.decode import decode_bytes
    from hollywood_ai.index.ingest.documents import parse_text

    files = sorted(REALWORLD.glob("*.md"))
    assert files
    for path in files:
        article = parse_text(decode_bytes(path.read_bytes(), path.name), path.name)
        assert analysed(article) == expected(article), path.name


@pytest.mark.parametrize(
    "when",
    [
        *(m for m in calendar.month_name if m),
        *calendar.day_name,
        *(f"{a} {b}" for a in ("last", "This") for b in ("week", "month", "YEAR")),
        "earlier this year",
        "in 1999",
    ],
)
def test_a_passage_naming_a_date_has_one(when: str) -> None:
    article = Article.make(
        title="A test", body=f"The studio opened it {when} with a fanfare.", origin="test"
    )
    (passage,) = pa.analysed_passages(article, remember=False)
    assert passage.has_date
