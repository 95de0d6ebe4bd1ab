"""Sentence boundaries in one paragraph of plain text.

A full stop, "!", "?" or an ellipsis, with any closing quotes or brackets,
then white space, then a capital or a digit (opening quotes or brackets
allowed before it) is a candidate; the word before the stop decides:

- a title before a name (Mr., Sen., Lt., Gov., Gen., Rev.) never ends one;
- "No.", "Vol.", "Jan.", "Sept." end one unless a number follows ("No. 2",
  "Jan. 5");
- an initial ("George W. Bush"), a dotted abbreviation ("U.S.", "D.C.",
  "p.m.") and the abbreviations that may close a sentence ("Jr.", "Inc.",
  "Calif.", "(D-Nev.)") end one only when the next word is one
  that opens sentences ("The", "He", "But"): "the U.S. Senate" is one sentence,
  "in the U.S. The vote" two.

A sentence that ends with a quotation keeps the attribution that follows it
("“We will win.” He said the vote…"); one that continues after the quotation
("“We will win,” he said.") is one sentence anyway. The sentences of a longer
quotation stay apart: kept whole, they would make one passage too long to
match another outlet's shorter wording of it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_CANDIDATE = re.compile(r"(?:[.!?]+|…|\.\.\.)([\"”’')\]]*)(\s+)")
_OPENERS = "\"“‘'([*_"


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Titles written before a name: a stop after one never ends a sentence.
TITLES = _set(
    "mr mrs ms messrs mmes dr prof sen sens rep reps gov govs lt gen col capt cmdr "
    "cmdt maj sgt cpl pvt adm rev msgr fr hon pres supt det insp atty amb ald gov "
    "brig lieut rt sec vs mt ft"
)
# A stop after these ends a sentence unless a number follows.
BEFORE_NUMBER = _set(
    "no nos vol vols p pp art fig figs ch sec op jan feb mar apr jun jul aug sep sept oct nov dec"
)
# Abbreviations that may close a sentence: a stop after one ends it only
# before a word that opens sentences.
MAY_CLOSE = _set(
    "jr sr inc corp co cos ltd llc plc bros st ave blvd rd hwy etc approx est dept univ "
    "assn intl natl govt ala ariz ark calif colo conn del fla ga ill ind kan kans ky la "
    "md mass mich minn miss mo mont neb nebr nev okla ore pa tenn tex vt va wash wis "
    "wyo wva"
)
NEVER_CLOSE = frozenset({"e.g", "i.e", "cf", "viz"})
# Words that open sentences (and seldom follow an abbreviation inside one).
STARTERS = _set(
    "the a an he she it they we i you his her its their our my your this that these "
    "those there here but and or so yet if as in on at for after before when while "
    "since because although though however meanwhile still now then also some many "
    "most one no not all both each every several other such what who why how where "
    "asked according under over during with without by from to last next earlier "
    "later instead even just only"
)
_SAID = (
    r"said|says|told|tells|added|adds|asked|asks|noted|stated|wrote|writes|explained|"
    r"argued|insisted|continued|declared|replied|responded|warned|recalled|acknowledged|"
    r"conceded|complained|predicted|cautioned|stressed|emphasized|emphasised"
)
# A sentence that attributes what precedes it: "He said…", "Smith added…",
# "The senator told reporters…", "Said Smith…".
_ATTRIBUTION = re.compile(
    rf"^(?:(?:He|She|They|We|I)|The\s+[a-z]+(?:\s+[a-z]+)?|(?:[A-Z][\w.’'-]*\s+){{0,3}}"
    rf"[A-Z][\w’'-]+)\s+(?:{_SAID})\b|^(?:{_SAID.title()})\s+[A-Z]"
)
_SAID_WORD = re.compile(rf"\b(?:{_SAID})\b", re.I)
_ENDS_WITH_QUOTE = re.compile(r"[.!?…,]\s*[”\"’']\s*$")


def _word_before(text: str, end: int) -> str:
    """The word that ends at ``end`` (the stop), without a leading bracket."""
    begin = end
    while begin > 0 and not text[begin - 1].isspace():
        begin -= 1
    return text[begin:end].lstrip("([{\"“‘'")


def _word_after(text: str, begin: int) -> str:
    while begin < len(text) and text[begin] in _OPENERS:
        begin += 1
    end = begin
    while end < len(text) and (text[end].isalnum() or text[end] in "'’-"):
        end += 1
    return text[begin:end]


def _opens_sentence(word: str) -> bool:
    return word.lower() in STARTERS


def _ends_here(text: str, stop: int, mark: str, nxt: str, after_is_initial: bool) -> bool:
    """Whether the stop ``mark`` ending at ``stop`` ends the sentence before ``nxt``."""
    if not nxt or not (nxt[0].isupper() or nxt[0].isdigit()):
        return False
    if "!" in mark or "?" in mark:
        return True
    if mark != ".":  # an ellipsis before a capital
        return True
    raw = _word_before(text, stop - 1)
    word = raw.lower().rstrip(".")
    if not word:
        return True
    if len(raw) == 1 and raw.isupper():  # an initial: "George W. Bush", "C. A. Smith"
        return not after_is_initial and _opens_sentence(nxt)
    if word in TITLES or word.rsplit("-", 1)[-1] in TITLES:  # "then-Rep."
        return False
    if word in NEVER_CLOSE:
        return False
    if word in BEFORE_NUMBER:
        return not nxt[0].isdigit()
    if word in MAY_CLOSE or "." in word or len(word) == 1:
        return _opens_sentence(nxt)
    if re.fullmatch(r"[a-z]-[a-z.]+", word):  # a party and state: "(D-Nev.)", "R-Ky."
        return _opens_sentence(nxt)
    return True


_QUOTE_MARK = re.compile(r"[“”\"]")


def quote_regions(text: str) -> list[tuple[int, int]]:
    """The quotations of a paragraph that close in it: (start, end) of each,
    curly or straight quotes (straight ones pair in order)."""
    regions: list[tuple[int, int]] = []
    curly: int | None = None
    straight: int | None = None
    for m in _QUOTE_MARK.finditer(text):
        ch, i = m.group(), m.start()
        if ch == "“" and curly is None:
            curly = i
        elif ch == "”" and curly is not None:
            regions.append((curly, i + 1))
            curly = None
        elif ch == '"':
            if straight is None:
                straight = i
            else:
                regions.append((straight, i + 1))
                straight = None
    return sorted(regions)


def split_sentences(text: str, shield: Sequence[bool] | None = None) -> list[tuple[int, int]]:
    """Sentence spans (start, end) within one paragraph of plain text, white
    space trimmed. ``shield`` marks the characters inside markup (a link's
    words, an emphasised run, inline code): no sentence ends at a space
    inside it."""
    regions = quote_regions(text)
    cuts: list[int] = []
    for m in _CANDIDATE.finditer(text):
        stop = m.start(1)
        mark = text[m.start() : stop]
        if shield is not None and shield[m.start(2)]:
            continue
        nxt = _word_after(text, m.end())
        initial = False
        if len(nxt) == 1 and nxt.isupper():
            at = m.end()  # the next word's first character, after its openers
            while at < len(text) and text[at] in _OPENERS:
                at += 1
            initial = text.startswith(".", at + 1)
        if _ends_here(text, stop, mark, nxt, initial):
            cuts.append(m.end(1))
    spans: list[tuple[int, int]] = []
    begin = 0
    for cut in [*cuts, len(text)]:
        piece = text[begin:cut]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            spans.append((begin + lead, begin + len(piece.rstrip())))
        begin = cut
    return _keep_attributions(text, spans, regions)


def _keep_attributions(
    text: str, spans: list[tuple[int, int]], regions: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Join a sentence that ends with a quotation nobody is said to have said
    (three words or more: not a name in quotes) to the next when that one says
    who spoke ("“We will win.” He said the vote…")."""
    out: list[tuple[int, int]] = []
    for span in spans:
        if (
            out
            and _unattributed_quote(text, out[-1], regions)
            and _ATTRIBUTION.match(text[span[0] : span[1]])
        ):
            out[-1] = (out[-1][0], span[1])
            continue
        out.append(span)
    return out


def _unattributed_quote(text: str, span: tuple[int, int], regions: list[tuple[int, int]]) -> bool:
    start, end = span
    if not _ENDS_WITH_QUOTE.search(text[start:end]):
        return False
    last = [r for r in regions if start <= r[0] and r[1] <= end and end - r[1] <= 2]
    if not last or len(text[last[-1][0] : last[-1][1]].split()) < 3:
        return False
    outside = text[start : last[-1][0]]
    return not _SAID_WORD.search(outside)
