"""The cheap checks in front of the figure and number-word patterns change
nothing: ``extract`` and ``stems`` give what the patterns alone gave, on
generated text full of near misses and on the corpus's passages."""

from __future__ import annotations

import os
import re

import pytest
from hollywood_ai.index.text import analysis, words
from hollywood_ai.index.text import figures as quantities
from hollywood_ai.index.text.figures import NUMBER_WORDS, lower_for_patterns
from hollywood_ai.index.text.passages import split_passages
from hollywood_ai.index.text.vocabulary import EXPANSIONS
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.corpus import generate

_RANDOM = bool(os.environ.get("HYPOTHESIS_RANDOM"))
MANY = settings(max_examples=400, deadline=None, derandomize=not _RANDOM)

PIECES = [
    *NUMBER_WORDS,
    *EXPANSIONS,
    "TEN",
    "Twenty",
    "ſix",  # long s: IGNORECASE reads it as "s"
    "ſeven",
    "İ",
    "ı",
    "K",  # Kelvin sign: IGNORECASE reads it as "k"
    "tenfold",
    "ten-fold",
    "hundredfold",
    "3-fold",
    "FOLD",
    "fold",
    "x",
    "10x",
    "3.5x",
    "ten.5x",
    "٣",  # an Arabic-Indic digit
    "$",
    "€",
    "£",
    "US$",
    "USD",
    "million",
    "bn",
    "k",
    "%",
    "percent",
    "times",
    "as",
    "the",
    "often",  # "ten" inside a word
    "someone",
    "seventy",
    "sixteen",
    "Gilmore",
    "2024",
    "Sora",
    "2",
    "VFX",
    "GenAI",
    "Gen-AI",
    "CEO's",
    "ceos",
    "_",
    "-",
    ".",
    ",",
    " ",
    "\n",
]
TEXTS = st.one_of(
    st.text(max_size=60),
    st.lists(st.sampled_from(PIECES), max_size=20).map(" ".join),
    st.lists(st.sampled_from(PIECES), max_size=20).map("".join),
)


def stems_by_patterns(text: str, drop_questions: bool = False) -> list[str]:
    """words.stems as it was: every pattern applied to every text."""
    if drop_questions:
        text = words._QUESTION.sub(" ", text)
    text = words._NUMBER_WORD.sub(
        lambda m: str(NUMBER_WORDS[lower_for_patterns(m.group(1))]), text
    )
    text = words._TIMES_X.sub(r"\1 times", text)
    text = words._EXPAND.sub(
        lambda m: " ".join(EXPANSIONS[lower_for_patterns(m.group(1))]), text
    )
    return analysis.stems(text)


@given(TEXTS)
@MANY
def test_extract_with_and_without_the_check(text: str) -> None:
    assert quantities.extract(text) == quantities._extract(text)
    if not quantities.might_have_figure(text):
        assert not quantities._extract(text)


@given(TEXTS, st.booleans())
@MANY
def test_stems_with_and_without_the_checks(text: str, drop: bool) -> None:
    assert words.stems(text, drop) == stems_by_patterns(text, drop)


def test_the_odd_case_map_is_complete() -> None:
    """Every character IGNORECASE matches to an ASCII letter that lower() does
    not turn into it is mapped (the checks rely on it)."""
    odd = set()
    for code in range(0x80, 0x30000):
        c = chr(code)
        for letter in "abcdefghijklmnopqrstuvwxyz":
            if re.fullmatch(letter, c, re.I) and c.lower() != letter:
                odd.add(c)
    assert all(quantities.lower_for_patterns(c) in "abcdefghijklmnopqrstuvwxyz" for c in odd)
    assert odd


def test_corpus_passages() -> None:
    for article in generate(30, 9):
        for p in split_passages(article):
            assert quantities.extract(p.text) == quantities._extract(p.text)
            assert words.stems(p.text) == stems_by_patterns(p.text)


def test_a_long_s_in_a_number_word_is_read_as_the_number() -> None:
    """IGNORECASE matches "ſix" as "six": it is looked up folded the same way
    (it raised a KeyError, which stopped the index build of such an article)."""
    assert "6" in words.stems("ſix ſhots, ten times faster")
    assert "10" in words.stems("ſix ſhots, ten times faster")
    assert words.stems("VFX") == words.stems("vfx")


@pytest.mark.parametrize(
    ("odd", "plain"),
    [
        ("5 thouſand dollars", "5 thousand dollars"),
        ("$2 bıllion", "$2 billion"),
        ("3 mİllion viewers", "3 million viewers"),
        ("ſix ſeaſons", "six seasons"),
        ("ſixfold", "sixfold"),
    ],
)
def test_a_scale_or_unit_matched_through_an_odd_letter_is_read_folded(odd: str, plain: str) -> None:
    """IGNORECASE matches "thouſand" as "thousand": its scale, unit and
    number are looked up folded the same way (the scale raised a KeyError,
    which stopped the index build of such an article)."""
    got = [(q.value, q.unit) for q in quantities.extract(odd)]
    assert got == [(q.value, q.unit) for q in quantities.extract(plain)]
    assert got
