"""Names in text (people, works, companies) and whether two names are variants
of one another ("El Atonata" / "The Eternaut" / "El Eternauta") or simply
different things ("Ted Sarandos" / "Greg Peters")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from hollywood_ai.index.text.normalise import fold

ARTICLES = {
    "the",
    "el",
    "la",
    "los",
    "las",
    "le",
    "les",
    "il",
    "lo",
    "a",
    "an",
    "der",
    "die",
    "das",
    "o",
}
# Capitalised words that begin sentences or are common title words, not names.
NOT_NAMES = {
    "The",
    "A",
    "An",
    "In",
    "On",
    "At",
    "As",
    "But",
    "And",
    "Or",
    "If",
    "It",
    "Its",
    "This",
    "That",
    "These",
    "Those",
    "He",
    "She",
    "They",
    "We",
    "I",
    "You",
    "Our",
    "Their",
    "His",
    "Her",
    "While",
    "When",
    "What",
    "Why",
    "How",
    "Who",
    "Since",
    "After",
    "Before",
    "During",
    "Despite",
    "Still",
    "Yes",
    "No",
    "Most",
    "Many",
    "Some",
    "Earlier",
    "Later",
    "According",
    "Instead",
    "With",
    "Without",
    "Thanks",
    "Even",
    "Clearly",
    "Whether",
    "Netflix's",
    "AI",
    "Q",
    "A:",
    "FAQ",
    "FAQs",
}
_QUOTED = re.compile(r"[\"“‘']([A-ZÀ-Þ][^\"”’']{1,60}?)[,.]?[\"”’']")
_CAPS = re.compile(
    r"\b((?:(?:The|El|La|Los|Las|Le|Les)\s+)?[A-ZÀ-Þ][\w’'-]*(?:\s+(?:of|de|del|da|van|von|the|and|&)?\s*[A-ZÀ-Þ0-9][\w’'-]*)*)"
)


@dataclass(frozen=True)
class Name:
    text: str
    start: int
    end: int
    quoted: bool = False

    @property
    def core(self) -> str:
        """Folded, without leading articles or possessive: "El Eternauta" -> "eternauta"."""
        return _core(self.text)


@lru_cache(maxsize=1 << 16)
def _core(text: str) -> str:
    # Cached: compare checks every shown name against every name of its
    # articles, so one spelling's core is asked for thousands of times.
    words = fold(text).replace("’s", "").replace("'s", "").split()
    while len(words) > 1 and words[0] in ARTICLES:
        words = words[1:]
    return " ".join(words)


def extract(text: str) -> list[Name]:
    """Quoted titles and runs of capitalised words that look like names."""
    found: list[Name] = []
    taken: list[tuple[int, int]] = []
    for m in _QUOTED.finditer(text):
        inner = m.group(1).strip()
        if len(inner.split()) <= 6:
            found.append(Name(inner, m.start(1), m.start(1) + len(inner), quoted=True))
            taken.append((m.start(), m.end()))
    for m in _CAPS.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        candidate = m.group(1).strip()
        words = candidate.split()
        # Drop leading sentence words ("After Netflix" -> "Netflix").
        while (
            words
            and words[0] in NOT_NAMES
            and not (len(words) > 1 and words[0] in ("The", "El", "La"))
        ):
            words = words[1:]
        if not words:
            continue
        candidate = " ".join(words)
        start = m.start(1) + m.group(1).find(candidate)
        if candidate in NOT_NAMES or len(candidate) < 3:
            continue
        # A single capitalised word at the start of a sentence is not a name.
        at_sentence_start = start == 0 or text[:start].rstrip().endswith(
            (".", "!", "?", "“", '"', ":")
        )
        if len(words) == 1 and at_sentence_start:
            continue
        found.append(Name(candidate, start, start + len(candidate)))
    return found


def similarity(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b).ratio()


# Short forms of English first names that share little spelling with the
# full one ("Mike" / "Michael"); a prefix ("Ken" / "Kenneth") needs none.
NICKNAMES = {
    frozenset(pair.split("/"))
    for pair in (
        "mike/michael bill/william will/william bob/robert rob/robert jim/james "
        "jimmy/james dick/richard rick/richard peggy/margaret maggie/margaret "
        "betty/elizabeth liz/elizabeth beth/elizabeth chuck/charles charlie/charles "
        "ted/edward ed/edward ned/edward tony/anthony jack/john johnny/john "
        "kate/katherine kathy/katherine katie/katherine sue/susan joe/joseph "
        "tom/thomas dan/daniel danny/daniel dave/david steve/steven steve/stephen "
        "larry/lawrence harry/henry hank/henry jerry/gerald andy/andrew drew/andrew "
        "matt/matthew nick/nicholas pat/patrick pat/patricia sam/samuel greg/gregory "
        "chris/christopher alex/alexander ben/benjamin fred/frederick al/albert "
        "tim/timothy jen/jennifer jenny/jennifer debbie/deborah barb/barbara"
    ).split()
}


# Words of a title or office before a person's name ("Senate President Mike
# Thibodeau", "Rep. Drew Gattine").
ROLE_WORDS = frozenset(
    "mr mrs ms dr sen senator rep representative gov governor president senate house state "
    "minority majority leader speaker secretary attorney general chief executive director "
    "chairman chairwoman judge justice mayor deputy former vice co ceo prof rev gen".split()
)


def _person_words(words: list[str]) -> list[str]:
    """A name's words without the title or office before it."""
    out = list(words)
    while len(out) > 2 and out[0].rstrip(".") in ROLE_WORDS:
        out = out[1:]
    return out


def _same_first_name(a: str, b: str) -> bool:
    """"Michael" and "Mike", "Ken" and "Kenneth", "Jon" and "John"."""
    if a == b:
        return True
    if frozenset((a, b)) in NICKNAMES:
        return True
    if len(a) >= 3 and len(b) >= 3 and (a.startswith(b) or b.startswith(a)):
        return True
    return a[0] == b[0] and similarity(a, b) >= 0.8


def are_variants(a: Name, b: Name) -> bool:
    """Two different spellings of one name (not the same text, not two things)."""
    return _variants(a.text, a.quoted, b.text, b.quoted)


@lru_cache(maxsize=1 << 18)
def _variants(text_a: str, quoted_a: bool, text_b: str, quoted_b: bool) -> bool:
    # Cached per pair of spellings: the same pairs come back with every
    # question asked of the same articles.
    a, b = Name(text_a, 0, 0, quoted_a), Name(text_b, 0, 0, quoted_b)
    ca, cb = a.core, b.core
    if not ca or not cb or (ca == cb and fold(a.text) == fold(b.text)):
        return False
    if ca == cb:
        return True  # "The Eternaut" / "Eternaut", "El Eternauta" / "Eternauta"
    wa, wb = _person_words(ca.split()), _person_words(cb.split())
    if len(wa) >= 2 and len(wb) >= 2 and not (a.quoted or b.quoted):
        # People: same first name and a near-identical surname, or the reverse.
        return (wa[0] == wb[0] and similarity(wa[-1], wb[-1]) >= 0.8) or (
            wa[-1] == wb[-1] and _same_first_name(wa[0], wb[0])
        )
    # Works and single-word names: a shared stem, or close spelling.
    if len(ca) >= 6 and len(cb) >= 6 and (ca[:6] == cb[:6]):
        return True
    return abs(len(ca) - len(cb)) <= 4 and similarity(ca, cb) >= 0.6


def is_title_like(name: Name) -> bool:
    """Quoted, or introduced by an article: the name of a work."""
    return name.quoted or name.text.split()[0] in ("The", "El", "La", "Los", "Las", "Le", "Les")
