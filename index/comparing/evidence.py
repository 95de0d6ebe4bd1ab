"""The passages of a story, analysed once, and a question read into terms.

Shared by compare (one question against every source) and facts (every
passage against every other): each passage is analysed to stems once per
article version and kept in a small cache.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from hollywood_ai.index.comparing import questions
from hollywood_ai.index.comparing.questions import Reading
from hollywood_ai.index.errors import HollywoodError
from hollywood_ai.index.kept import Kept
from hollywood_ai.index.model import Article
from hollywood_ai.index.text.analysis import text_analyzer
from hollywood_ai.index.text.passage_analysis import (
    CACHE_ARTICLES,
    Analysed,
    analysed_passages,
    from_record,
    keep_passages,
    kept_passages,
)
from hollywood_ai.index.text.vocabulary import (
    ASKING_NOUNS,
    KIND_WORDS,
    ONE_WAY,
    QUESTION_WORDS,
    RELATED,
    SHOW_VERB,
)
from hollywood_ai.index.text.words import stems

if TYPE_CHECKING:
    from hollywood_ai.index.workspace import Workspace
from whoosh.analysis import STOP_WORDS

_ANALYZER = text_analyzer()


@dataclass
class StoryPassages:
    """Every passage of a story's articles, with document frequencies."""

    articles: list[Article]
    passages: list[Analysed] = field(default_factory=list)
    df: Counter[str] = field(default_factory=Counter)
    by_article: dict[str, list[Analysed]] = field(default_factory=dict)
    avg_length: float = 1.0

    _names: frozenset[str] | None = None
    _possessives: dict[str, frozenset[str]] | None = None

    def possessives(self) -> dict[str, frozenset[str]]:
        """The possessives the story writes, by the stem of their word
        ("committe" -> {"committee'"}): the analyser stems "committee's" to
        "committee'" and "committee" to "committe" (kept)."""
        if self._possessives is None:
            found: dict[str, set[str]] = {}
            for term in self.df:
                if term.endswith(("'", "’")) and len(term) > 2:
                    found.setdefault(bare_stem(term), set()).add(term)
            self._possessives = {k: frozenset(v) for k, v in found.items()}
        return self._possessives

    def widened(self, concept: frozenset[str]) -> frozenset[str]:
        """A concept with the story's possessives of its words."""
        forms = self.possessives()
        extra = {f for t in concept for f in forms.get(t, ())}
        return concept | extra if extra else concept

    def names(self) -> frozenset[str]:
        """The stems of the words the story writes as names (kept)."""
        if self._names is None:
            self._names = name_words(self.articles)
        return self._names

    def idf(self, term: str) -> float:
        n = len(self.passages) or 1
        return math.log(1 + (n - self.df.get(term, 0) + 0.5) / (self.df.get(term, 0) + 0.5))


_CAPITALISED = re.compile(r"(?<![.!?:“\"]\s)(?<!^)(?<![\w-])([A-ZÀ-Þ][\w’']+)(?![\w-])")
_ANY_WORD = re.compile(r"(?<![\w-])[\w’']+(?![\w-])")


def name_words(articles: list[Article]) -> frozenset[str]:
    """The stems of the words a story writes as names: capitalised inside
    sentences three times or more and never in lower case ("Netflix",
    "Sarandos"; headings and lines in title case left out)."""
    capitalised: Counter[str] = Counter()
    lower: set[str] = set()
    for article in articles:
        caps, small = _case_counts(article)
        capitalised.update(caps)
        lower |= small
    return frozenset(t for t, n in capitalised.items() if n >= 3 and t not in lower)


_case_cache: Kept[tuple[str, str], tuple[Counter[str], frozenset[str]]] = Kept(CACHE_ARTICLES)


def _case_counts(article: Article) -> tuple[Counter[str], frozenset[str]]:
    """One article's stems written capitalised inside sentences (counted)
    and those written in lower case, kept per article version."""
    key = (article.id, article.checksum)
    hit = _case_cache.get(key)
    if hit is not None:
        return hit
    caps: Counter[str] = Counter()
    small: set[str] = set()
    for line in article.body.split("\n"):
        words = _ANY_WORD.findall(line)
        if not words or line.lstrip().startswith(("#", "|")):
            continue
        if sum(w[0].isupper() for w in words) * 2 > len(words):
            continue  # a heading or a title written in title case
        for m in _CAPITALISED.finditer(line):
            caps.update(word_stems(m.group(1)))
        small.update(t for w in set(words) if w[0].islower() for t in word_stems(w))
    found = (caps, frozenset(small))
    _case_cache.put(key, found)
    return found


@lru_cache(maxsize=65536)
def word_stems(word: str) -> frozenset[str]:
    """The analysed forms of one word, without a possessive's apostrophe,
    and the stem of a possessive's word ("committee's" -> "committee",
    "committe")."""
    out = {t.rstrip("'’") for t in stems(word)}
    out.update(bare_stem(t) for t in stems(word) if t.endswith(("'", "’")))
    return frozenset(out)


@lru_cache(maxsize=65536)
def bare_stem(term: str) -> str:
    """The stem of a possessive's word ("committee'" -> "committe"), as the
    analyser stems the word written without the "'s"."""
    bare = term.rstrip("'’")
    found = stems(bare) if bare else []
    return found[0] if found else bare


def story_passages(articles: list[Article], ws: Workspace | None = None) -> StoryPassages:
    """The story's passages, analysed: from the cache, else from what the
    index stored for the same version of the article, else analysed now."""
    sp = StoryPassages(articles=articles)
    for article in articles:
        cached = kept_passages(article)
        if cached is None and ws is not None:
            record = _stored_passages(ws, article.id)
            if record and record.get("checksum") == article.checksum:
                cached = from_record(article, record)
                keep_passages(article, cached)
        items = cached if cached is not None else analysed_passages(article)
        sp.by_article[article.id] = items
        sp.passages.extend(items)
        for a in items:
            sp.df.update(a.terms.keys())
    sp.avg_length = sum(a.length for a in sp.passages) / max(1, len(sp.passages))
    return sp


def _stored_passages(ws: Workspace, article_id: str) -> dict[str, Any] | None:
    """The passages the index stored for an article, or None when the index
    is missing, being rebuilt or damaged (they are analysed instead); any
    other error is a bug, and surfaces."""
    from hollywood_ai.index.searching.damage import is_damage

    try:
        return ws.index.passage_record(article_id)
    except HollywoodError:  # no index, or one that cannot be opened
        return None
    except Exception as exc:
        if is_damage(exc):
            return None
        raise


@dataclass
class Question:
    text: str
    terms: list[str]  # distinct content stems, question words and filler removed
    # One set of stems per term: the term and the words news copy uses for it.
    concepts: list[frozenset[str]] = field(default_factory=list)
    # The figures the text gives ("$11 billion"): matched by any figure of the
    # same unit, so a source giving another figure shows as a discrepancy.
    units: frozenset[str] = frozenset()
    # What the question asks for (questions.read), and which concepts are its
    # focus (what a passage must speak of) rather than its subject.
    reading: Reading = field(default_factory=lambda: Reading(answer="claim"))
    focus: frozenset[int] = frozenset()
    heads: list[str] = field(default_factory=list)  # the term each concept comes from

    def with_names(self, names: frozenset[str]) -> Question:
        """The question with the focus words that the story writes as names
        ("netflix" typed in lower case) moved to its subject, when some
        focus remains."""
        named = {k for k in self.focus if k < len(self.heads) and self.heads[k] in names}
        if not named or named == set(self.focus):
            return self
        return replace(self, focus=self.focus - named)

    @property
    def answer(self) -> str:
        return self.reading.answer

    @property
    def wants_quantity(self) -> bool:
        """A figure: asked for, or given by a claim."""
        return self.answer == "figure" or bool(self.units)

    @property
    def wants_name(self) -> bool:
        return self.answer == "name"

    @property
    def wants_place(self) -> bool:
        return self.answer == "place"

    @property
    def wants_title(self) -> bool:
        """A name asked for is a title when the question asks for the name
        of a show or a film ("which series", "what is the film called", "the
        name of the show"), not when one is only spoken of ("which network
        said she would no longer host its program")."""
        return self.answer == "name" and _asks_title(self.text)


#: A kind of title right after the asking words, or after "name of"/"title of".
_ASKS_TITLE = re.compile(
    r"^\W*(?:[\w'’-]+\W+){0,3}?(?:KINDS)\b"
    r"|\b(?:name|title)s?\s+of\s+(?:[\w'’-]+\s+){0,3}?(?:KINDS)\b"
    r"|\b(?:KINDS)\b.*\b(?:called|titled|named)\b".replace("KINDS", "|".join(KIND_WORDS.split())),
    re.I,
)


@lru_cache(maxsize=1024)
def _asks_title(text: str) -> bool:
    return bool(_ASKS_TITLE.search(text))


def _related_groups() -> dict[str, frozenset[str]]:
    groups: dict[str, frozenset[str]] = {}
    for line in RELATED:
        members = frozenset(t.text for w in line.split() for t in _ANALYZER(w))
        for m in members:
            groups[m] = groups.get(m, frozenset()) | members
    return groups


_GROUPS = _related_groups()
for _word, _line in ONE_WAY.items():
    for _t in _ANALYZER(_word):
        _GROUPS[_t.text] = _GROUPS.get(_t.text, frozenset({_t.text})) | frozenset(
            t.text for w in _line.split() for t in _ANALYZER(w)
        )
KIND_STEMS = frozenset(t.text for w in KIND_WORDS.split() for t in _ANALYZER(w))


#: The stems of "person" ("personal" too) and "people": no evidence for "who".
_ANY_PERSON = frozenset(t.text for t in _ANALYZER("person people"))
#: Nouns a question uses for "what it is about": no evidence.
_FILLER = frozenset(t.text for t in _ANALYZER("matter matters"))
_CONTRACTION = re.compile(r"\b(what|who|where|when|how|that|there|it)['’]s\b", re.I)


def _variants(term: str) -> set[str]:
    """The forms one word takes in the analysed text: with the apostrophe of
    a possessive ("Netflix's"), and an acronym with or without its stops
    ("FBI" / "F.B.I.")."""
    out = {term, term + "'", term + "’"}
    if "." in term:
        out.add(term.replace(".", ""))
    elif term.isalpha() and 2 <= len(term) <= 4:
        out.add(".".join(term))
    return out


def read_question(text: str) -> Question:
    from hollywood_ai.index.text.figures import extract

    reading = questions.read(text)
    answer = reading.answer
    figures = [q for q in extract(text) if q.unit not in ("number", "year")]
    # Figures given in a claim: their digits and scale words are not terms;
    # the figure's unit is matched instead (see scoring.score_article).
    cleaned = text
    for qty in sorted(figures, key=lambda q: -q.start):
        cleaned = cleaned[: qty.start] + " " + cleaned[qty.end :]
    cleaned = SHOW_VERB.sub(" ", cleaned)
    cleaned = _CONTRACTION.sub(r"\1 ", cleaned)  # "what's": the "'s" is no word
    if answer in ("figure", "name", "place", "date"):
        cleaned = ASKING_NOUNS.sub(" ", cleaned)
    asking = set(stems(" ".join(questions.ASKING | set(questions.FIGURE_HOW))))
    if answer == "quote":
        asking |= set(stems(" ".join(questions.SPEECH_VERBS)))
    terms: list[str] = []
    possessive_of: dict[str, str] = {}
    for t in stems(cleaned, drop_questions=True):
        if t.endswith(("'", "’")) and len(t) > 1:
            possessive_of[t.rstrip("'’")] = bare_stem(t)
        t = t.rstrip("'’") or t  # the analyser keeps the apostrophe of "Netflix's"
        if t in STOP_WORDS or t in QUESTION_WORDS or t in terms or len(t) < 2:
            continue
        if reading.is_question and t in asking:
            continue
        if answer == "person" and t in _ANY_PERSON:
            continue  # "who is the person", "her personal lawyer": anyone named is one
        if reading.is_question and t in _FILLER:
            continue  # "her lawyer in the Flynn matter": the lawyer, of Flynn's case
        terms.append(t)
    # The subject's words as the terms were made: alone and as possessives.
    names = " ".join(reading.subject_names)
    possessive = " ".join(f"{w}'s" for w in names.split())
    subject = {t.rstrip("'’") for t in stems(f"{names} {possessive}")}
    concepts: list[frozenset[str]] = []
    heads: list[str] = []
    focus: set[int] = set()
    for t in terms:
        concept = frozenset(_GROUPS.get(t, frozenset()) | _variants(t))
        if t in possessive_of:  # "committee's": also "committee" as stemmed alone
            plain = possessive_of[t]
            concept |= {plain, *_GROUPS.get(plain, ())}
        if concept in concepts:
            continue
        if t not in subject:
            focus.add(len(concepts))
        concepts.append(concept)
        heads.append(t)
    if not focus:
        focus = set(range(len(concepts)))
    return Question(
        text=text,
        terms=terms,
        concepts=concepts,
        units=frozenset(q.unit for q in figures),
        reading=reading,
        focus=frozenset(focus),
        heads=heads,
    )
