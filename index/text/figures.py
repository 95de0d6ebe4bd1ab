"""Figures in text, normalised so that the same figure written differently
compares equal: "ten times" = "10x" = "10 times"; "$11.5 billion" = 11.5e9 USD;
"17%" = "17 percent"."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "a hundred": 100,
    "dozen": 12,
    "a dozen": 12,
    "half": 0.5,
    "twice": 2,
    "double": 2,
    "triple": 3,
    "thrice": 3,
}
SCALES = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "m": 1e6,
    "mn": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
}
CURRENCIES = {
    "$": "USD",
    "€": "EUR",
    "£": "GBP",
    "us$": "USD",
    "usd": "USD",
    "eur": "EUR",
    "gbp": "GBP",
    "dollars": "USD",
    "euros": "EUR",
    "pounds": "GBP",
}

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_WORDS = "|".join(sorted((re.escape(w) for w in NUMBER_WORDS), key=len, reverse=True))
_PATTERN = re.compile(
    rf"(?P<cur>US\$|\$|€|£|\b(?:USD|EUR|GBP)\b)?\s?(?P<num>{_NUM}|\b(?:{_WORDS})\b)"
    r"(?:\s?(?P<scale>thousand|million|billion|trillion|bn|mn|tn|k|m|b)\b)?"
    r"\s?(?P<unit>%|per ?cent|percent|x\b|times|-fold|fold|years?|months?|weeks?|days?|hours?|"
    r"minutes?|episodes?|seasons?|jobs|people|workers|viewers|subscribers|members|films?|"
    r"shows?|series|dollars|euros|pounds)?",
    re.I,
)
_YEAR = re.compile(r"^(19|20)\d\d$")
# "tenfold", "a hundredfold"; "twice as fast", "three times as many".
_FOLD = re.compile(rf"\b(?P<num>{_WORDS.replace(chr(92) + ' ', ' ')}|\d+)-?fold\b", re.I)
_AS_MUCH = re.compile(r"\b(?P<num>twice|thrice|double|triple)\s+(?:as|the)\b", re.I)

# What every figure has: a digit, a number word, or "-fold". Checked first,
# with a plain word split, because the patterns above try every position of
# the text, and most sentences have none of them.
DIGIT = re.compile(r"\d")
WORD = re.compile(r"\w+")
NUMBER_TOKENS = frozenset(w for phrase in NUMBER_WORDS for w in phrase.split() if w != "a")
# The characters that re.IGNORECASE matches to an ASCII letter and lower() does not.
_CASE_ODD = str.maketrans({"İ": "i", "ı": "i", "ſ": "s", "K": "k"})


def lower_for_patterns(text: str) -> str:
    """``text`` lower-cased as IGNORECASE patterns compare its letters."""
    return text.translate(_CASE_ODD).lower()


def might_have_figure(
    text: str, low: str | None = None, low_words: Iterable[str] | None = None
) -> bool:
    """False only when ``extract`` finds nothing: no digit, no number word,
    no "fold". ``low`` and ``low_words``, when given, are
    ``lower_for_patterns(text)`` and its WORD matches."""
    if DIGIT.search(text):
        return True
    if low is None:
        low = lower_for_patterns(text)
    if "fold" in low:
        return True
    return not NUMBER_TOKENS.isdisjoint(WORD.findall(low) if low_words is None else low_words)


@dataclass(frozen=True)
class Quantity:
    value: float
    unit: str  # "times", "%", "USD", "year", "count:jobs", "" ...
    text: str  # as written
    start: int
    end: int

    @property
    def key(self) -> tuple[float, str]:
        return (round(self.value, 6), self.unit)


def _number(text: str) -> float | None:
    t = lower_for_patterns(text).replace(",", "")
    if t in NUMBER_WORDS:
        return float(NUMBER_WORDS[t])
    try:
        return float(t)
    except ValueError:
        return None


def extract(text: str) -> list[Quantity]:
    """Every figure with a unit (or a currency, or a scale) in ``text``.

    Bare numbers with no unit are kept only when they are not years and not
    part of a name ("Happy Gilmore 2", "Sora 2")."""
    if not might_have_figure(text):
        return []
    return _extract(text)


def _extract(text: str) -> list[Quantity]:
    out: list[Quantity] = []
    for m in _PATTERN.finditer(text):
        raw_num = m.group("num")
        value = _number(raw_num)
        if value is None:
            continue
        # Folded as IGNORECASE matched them: "thouſand" is "thousand".
        cur, scale = m.group("cur"), m.group("scale")
        unit = lower_for_patterns(m.group("unit") or "")
        is_word = not raw_num[0].isdigit()
        if scale:
            value *= SCALES[lower_for_patterns(scale)]
        if cur or unit in ("dollars", "euros", "pounds"):
            norm = CURRENCIES.get(lower_for_patterns(cur or unit), "USD")
        elif unit in ("%", "percent", "per cent", "percent"):
            norm = "%"
        elif unit in ("x", "times", "-fold", "fold"):
            norm = "times"
        elif unit:
            norm = unit.rstrip("s") if unit not in ("series",) else unit
        elif scale:
            norm = "count"
        else:
            # A bare number: a year, a name's numeral, or nothing worth comparing.
            if is_word or _YEAR.match(raw_num):
                continue
            before = text[max(0, m.start() - 2) : m.start()]
            if before.strip() and before.strip()[-1:].isalpha():
                continue
            norm = "number"
        if is_word and not unit and not scale and not cur:
            continue
        start = m.start("cur") if cur else m.start("num")
        end = m.end()
        written = text[start:end].strip()
        out.append(
            Quantity(value=value, unit=norm, text=written, start=start, end=start + len(written))
        )
    for pattern in (_FOLD, _AS_MUCH):
        for m in pattern.finditer(text):
            if any(q.start <= m.start() < q.end for q in out):
                continue
            value = _number(m.group("num"))
            if value is None:
                continue
            written = m.group(0) if pattern is _FOLD else m.group("num")
            out.append(Quantity(value, "times", written, m.start(), m.start() + len(written)))
    out.sort(key=lambda q: q.start)
    return out


def has_quantity(text: str) -> bool:
    return any(q.unit != "number" for q in extract(text))
