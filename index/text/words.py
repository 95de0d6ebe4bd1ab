"""The words compare and search read a text as: the index's analysis (see
``analysis``) after numbers are written as digits, "10x" as "10 times" and
abbreviations spelled out, so "ten times faster" and "10x faster" share words."""

from __future__ import annotations

import re
from collections.abc import Iterable

from hollywood_ai.index.text import analysis
from hollywood_ai.index.text.figures import DIGIT, NUMBER_WORDS, WORD, lower_for_patterns
from hollywood_ai.index.text.vocabulary import EXPANSIONS, QUESTION_WORDS

_NUMBER_WORD_LIST = [
    w for w, v in NUMBER_WORDS.items() if isinstance(v, int) and w not in ("one",) and " " not in w
]
_NUMBER_WORD_SET = frozenset(_NUMBER_WORD_LIST)
_NUMBER_WORD = re.compile(r"\b(" + "|".join(_NUMBER_WORD_LIST) + r")\b", re.I)
_TIMES_X = re.compile(r"\b(\d+(?:\.\d+)?)x\b", re.I)
_EXPAND = re.compile(r"\b(" + "|".join(re.escape(k) for k in EXPANSIONS) + r")\b", re.I)
_QUESTION = re.compile(
    r"\b(" + "|".join(sorted(QUESTION_WORDS, key=len, reverse=True)) + r")\b", re.I
)


def stems(text: str, drop_questions: bool = False) -> list[str]:
    """Analysed words, with numbers written as digits ("ten" -> "10"), "10x"
    read as "10 times" and abbreviations spelled out ("VFX" -> "visual
    effects"). One pass of the analyser over the rewritten text."""
    if drop_questions:
        text = _QUESTION.sub(" ", text)
    low = lower_for_patterns(text)
    return prepared_stems(text, low, WORD.findall(low))


def prepared_stems(text: str, low: str, low_words: Iterable[str]) -> list[str]:
    """``stems(text)`` given ``low``, the text lower-cased as the patterns
    read it (figures.lower_for_patterns), and its words (figures.WORD), which
    a caller with other uses for them has at hand."""
    # Each pattern only where it can match (a word split and a few substring
    # tests are much cheaper than the patterns, which try every position).
    if not _NUMBER_WORD_SET.isdisjoint(low_words):
        text = _NUMBER_WORD.sub(lambda m: str(NUMBER_WORDS[lower_for_patterns(m.group(1))]), text)
    if DIGIT.search(text):
        text = _TIMES_X.sub(r"\1 times", text)
    if any(k in low for k in EXPANSIONS):
        text = _EXPAND.sub(lambda m: " ".join(EXPANSIONS[lower_for_patterns(m.group(1))]), text)
    return analysis.stems(text)
