"""The words stories are grouped by (text/storywords.words) count each name
as the name pattern reads the text: capitalised words inside sentences, not
after a full stop, a colon or an opening quote, nor at the start of a line."""

from __future__ import annotations

from hollywood_ai.index.text import storywords
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.corpus import generate

PIECES = ["The", "Smith", "said", "Ávila", "O’Neil", "Xx-Abc", "co-Star", "ÉTÉ", "×ab"]
PIECES += [". ", "! ", ": ", "“", '"', "\n", " ", "-", "'", "’", "’s", "x", "Ab"]
TEXTS = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)


@given(TEXTS)
@settings(max_examples=500, deadline=None, derandomize=True)
def test_names_are_the_pattern_s(text: str) -> None:
    assert storywords._entities(text) == storywords._ENTITY.findall(text)


def test_generated_articles_names_are_the_pattern_s() -> None:
    for article in generate(30, 9):
        text = f"{article.title}\n{article.body}"
        assert storywords._entities(text) == storywords._ENTITY.findall(text)
