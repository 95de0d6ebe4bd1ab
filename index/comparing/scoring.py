"""How well each passage of a story answers a question.

A passage's evidence is the share of the question's focus it carries (BM25
weights over the story's own passages, so words rare in the story count
most; half credit for words its neighbours carry, as a fact often spans two
sentences), the share of its subject, how close its meaning is to the
question's (``meaning``), and whether it holds an answer of the asked type
near the focus (``answering``). A source *reports* the fact when its best
passage carries enough of the focus (``REPORT_COVERAGE``); otherwise it is
*not reported*, rather than padded with a weak match. The weights and
thresholds were chosen on the development score of real news (see the
README's "How well it works").
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

from hollywood_ai.index.comparing import answering, answers, quotes, said_by
from hollywood_ai.index.comparing import names as namemod
from hollywood_ai.index.comparing.answering import ANSWER_TYPES, answer_spans, counts_the_noun
from hollywood_ai.index.comparing.differences import article_names
from hollywood_ai.index.comparing.evidence import KIND_STEMS, Analysed, Question, StoryPassages
from hollywood_ai.index.comparing.meaning import MEANING
from hollywood_ai.index.kept import Kept
from hollywood_ai.index.model import Article
from hollywood_ai.index.text import figures as quantities

REPORT_COVERAGE = 0.4  # the share of the focus a source's best passage must carry
K1, B = 1.2, 0.75


@dataclass
class ScoredPassage:
    text: str
    score: float
    coverage: float
    article_id: str
    position: int
    start: int
    end: int
    spans: list[tuple[int, int]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "score": round(self.score, 4),
            "coverage": round(self.coverage, 3),
            "position": self.position,
            "start": self.start,
            "end": self.end,
            "spans": [list(s) for s in self.spans],
        }


def _concept_idf(sp: StoryPassages, concept: frozenset[str]) -> float:
    n = len(sp.passages) or 1
    df = min(n, sum(sp.df.get(t, 0) for t in concept))
    return math.log(1 + (n - df + 0.5) / (df + 0.5))


def _bm25(
    sp: StoryPassages, a: Analysed, concepts: list[frozenset[str]], idf: list[float]
) -> float:
    score = 0.0
    norm = K1 * (1 - B + B * a.length / sp.avg_length)
    for concept, weight in zip(concepts, idf, strict=True):
        tf = sum(a.terms.get(t, 0) for t in concept)
        if tf:
            score += weight * tf * (K1 + 1) / (tf + norm)
    return score


def _has(a: Analysed, concept: frozenset[str]) -> bool:
    return any(a.terms.get(t) for t in concept)


#: Passages whose facts and titles are kept (compare runs in worker threads:
#: these are Kept tables, bounded and locked).
PASSAGES_KEPT = 200_000
_PASSAGE_FACTS: Kept[tuple[str, int, str], tuple[frozenset[str], bool, bool]] = Kept(PASSAGES_KEPT)
_PLACE_AFTER = re.compile(
    r"\b(?:in|at|from|near|across|outside|around)\s+(?!(?:The|El|La|Los|Las|Le|Les)\b)"
    r"([A-ZÀ-Þ][\w’'-]+)"
)
LONG_CLAIM = 6  # concepts; a longer text is scored on its rarest shared terms


def passage_facts(a: Analysed) -> tuple[frozenset[str], bool, bool]:
    """The units of the figures a passage gives, whether it names a title
    (a quoted name or one introduced by an article) and whether it names a
    place ("in Buenos Aires"). Cached per passage."""
    p = a.passage
    key = (p.article_id, p.start, p.text)  # the text: an edited article re-reads
    hit = _PASSAGE_FACTS.get(key)
    if hit is None:
        units = (
            frozenset(
                q.unit for q in quantities.extract(p.text) if q.unit not in ("number", "year")
            )
            if a.has_quantity
            else frozenset()
        )
        title = any(
            namemod.is_title_like(n) or n.text.split()[0] in ("The", "El", "La")
            for n in namemod.extract(p.text)
        ) or bool(re.search(r"\b(?:called|named|titled)\s+[\"“‘']?[A-ZÀ-Þ]", p.text))
        place = any(m.group(1) not in namemod.NOT_NAMES for m in _PLACE_AFTER.finditer(p.text))
        hit = (units, title, place)
        _PASSAGE_FACTS.put(key, hit)
    return hit


_TITLES: Kept[tuple[str, int, str], frozenset[str]] = Kept(PASSAGES_KEPT)
STORIES_KEPT = 64
_STORY_TITLES: Kept[tuple[tuple[str, str], ...], frozenset[str]] = Kept(STORIES_KEPT)


def _passage_titles(a: Analysed) -> frozenset[str]:
    """The cores of the titles a passage names ("El Eternauta" -> "eternauta")."""
    p = a.passage
    key = (p.article_id, p.start, p.text)
    hit = _TITLES.get(key)
    if hit is None:
        hit = frozenset(n.core for n in namemod.extract(p.text) if namemod.is_title_like(n))
        _TITLES.put(key, hit)
    return hit


def _story_titles(sp: StoryPassages) -> frozenset[str]:
    """Titles the story is about: named in two or more of its articles, with
    their variants ("El Atonata" joins "The Eternaut" through "El Eternauta")."""
    key = tuple((a.id, a.checksum) for a in sp.articles)
    hit = _STORY_TITLES.get(key)
    if hit is None:
        by_core: dict[str, namemod.Name] = {}
        articles_of: dict[str, set[str]] = {}
        for article in sp.articles:
            for n in article_names(article):
                if namemod.is_title_like(n):
                    by_core.setdefault(n.core, n)
                    articles_of.setdefault(n.core, set()).add(article.id)
        common = {c for c, ids in articles_of.items() if len(ids) >= 2}
        variants = {
            c
            for c, n in by_core.items()
            if c not in common and any(namemod.are_variants(n, by_core[k]) for k in common)
        }
        hit = frozenset(common | variants)
        _STORY_TITLES.put(key, hit)
    return hit


def meets(a: Analysed, q: Question) -> bool:
    """Whether a passage carries what the question asks for: an answer of
    its type that the question does not already hold (a count for "how
    many", a person other than its subject for "who", a date, a place, a
    name), or, for a claim that gives a figure, a figure of the same unit.
    Decisive: a passage without it does not answer the question, however
    many words it shares."""
    return bool(answer_spans(a, q)) if q.answer in ANSWER_TYPES else _meets_claim(a, q)


def _meets_claim(a: Analysed, q: Question) -> bool:
    if q.units:
        units, _, _ = passage_facts(a)
        return bool(q.units & units)
    return True


def _claim_weight(idf: list[float]) -> float:
    """What a passage must carry to cover the text: all of a short question's
    weight, but for a long claim (a whole sentence) only as much as its
    LONG_CLAIM rarest terms: the other sources tell the fact in their own
    words, and share only part of any one source's sentence."""
    if len(idf) <= LONG_CLAIM:
        return sum(idf) or 1.0
    return sum(sorted(idf, reverse=True)[:LONG_CLAIM]) or 1.0


@dataclass
class _Weights:
    """How a passage's evidence adds up (chosen on the development score)."""

    focus: float = 1.0  # share of the focus's weight the passage carries
    subject: float = 0.35  # share of the subject's weight
    meaning: float = 0.8  # cosine of the question's and the passage's vectors
    answer: float = 0.25  # the passage holds an answer of the asked type
    quote: float = 0.2  # for "what did X say": the passage quotes someone
    said: float = 1.0  # ... and the quotation is X's


WEIGHTS = _Weights()
#: A passage that means nearly what the question asks, and shares some of its
#: focus, counts as covering it.
MEANING_NEEDED = 0.5
#: ... and carries this share of the focus.
RESCUE_SHARE = 0.2
#: A quotation of the speaker asked about answers "what did X say" when it
#: shares a word of the focus, or means nearly what the question asks: the
#: bar any passage must clear on meaning (a speaker quoted on another matter
#: does not report it).
SAID_MEANING = MEANING_NEEDED


def _quotation_spans(article: Article, q: Question) -> list[tuple[int, int]]:
    """Where, in the article's body, it quotes anyone (for "what did X say")."""
    return quotes.quotation_spans(article.body) if q.answer == "quote" else []


def _coverage(
    matched: set[int], near: set[int], indices: frozenset[int] | set[int], idf: list[float]
) -> float:
    if not indices:
        return 1.0
    total = _claim_weight([idf[k] for k in indices])
    got = sum(idf[k] for k in matched & indices) + 0.5 * sum(idf[k] for k in near & indices)
    return min(1.0, got / total)


def score_article(
    sp: StoryPassages, article_id: str, q: Question, qvec: Any = None
) -> list[ScoredPassage]:
    """Every passage of one article that could answer, best first.

    A passage's evidence is the share of the question's focus it carries
    (with half credit for its neighbours' words), the share of its subject,
    how close its meaning is to the question's, and whether it holds an
    answer of the asked type; ``coverage`` is what the verdict reads: the
    focus share, or for a passage that means nearly what the question asks,
    at least the threshold."""
    items = sp.by_article.get(article_id, [])
    concepts = [sp.widened(c) for c in q.concepts or [frozenset({t}) for t in q.terms]]
    if not concepts or not items:
        return []
    article = next((x for x in sp.articles if x.id == article_id), None)
    kinds = {k for k, c in enumerate(concepts) if c & KIND_STEMS} if q.wants_title else set()
    asked = _Asked(
        article_id=article_id,
        q=q,
        concepts=concepts,
        idf=[_concept_idf(sp, c) for c in concepts],
        focus=q.focus or frozenset(range(len(concepts))),
        kinds=kinds,
        story_titles=_story_titles(sp) if kinds else frozenset(),
        said=said_by.speaker_spans(article, q) if article is not None else [],
        speaker=said_by.speaker_concepts(q)
        | said_by.occasion_concepts(q, article, items, concepts),
        quoting=_quotation_spans(article, q) if article is not None else [],
        body=article.body if article is not None else "",
    )
    vectors = None
    if qvec is not None and article is not None:
        vectors = MEANING.of_article(
            (article.id, article.checksum), [a.passage.text for a in items]
        )
    bm25 = [_bm25(sp, a, concepts, asked.idf) for a in items]
    top = max(bm25) or 1.0
    out: list[ScoredPassage] = []
    for i in range(len(items)):
        sim = float(vectors[i] @ qvec) if vectors is not None else 0.0
        scored = asked.score(items, i, sim, bm25[i], top)
        if scored is not None:
            out.append(scored)
    # Passages that carry enough of the focus come first: a passage that
    # only means something close does not hide one that answers.
    out.sort(key=lambda s: (s.coverage < REPORT_COVERAGE, -s.score, s.position))
    # Two sentences of one quotation show as one passage: the better one.
    seen: set[tuple[int, int]] = set()
    unique = []
    for s in out:
        if (s.start, s.end) not in seen:
            seen.add((s.start, s.end))
            unique.append(s)
    return unique


@dataclass
class _Asked:
    """A question as one article's passages are scored against it: the
    article, the question's concepts and their weights, which are its focus,
    which name a kind of title ("show"), the titles the story is about, and
    where in the article the speaker asked about is quoted."""

    article_id: str
    q: Question
    concepts: list[frozenset[str]]
    idf: list[float]
    focus: frozenset[int]
    kinds: set[int]
    story_titles: frozenset[str]
    said: list[tuple[int, int, float]]
    quoting: list[tuple[int, int]] = field(default_factory=list)
    body: str = ""
    # The concepts that name who speaks ("letter" in "what did the senators'
    # letter say") or the occasion the article tells of ("apology" in "what
    # did she say in her apology"): words of theirs carry them.
    speaker: frozenset[int] = frozenset()

    def whole_quotation(self, start: int, end: int) -> tuple[int, int]:
        """For "what did X say", a passage inside a longer quotation widened
        to the whole of it (its other sentences are the same words)."""
        for s, e in self.quoting:
            if s < end and start < e and (s < start or end < e):
                return min(s, start), max(e, end)
        return start, end

    def has(self, a: Analysed, k: int) -> bool:
        return _has(a, self.concepts[k]) or (k in self.kinds and passage_facts(a)[1])

    def _about_another(self, a: Analysed) -> bool:
        """A passage that, with its neighbours, never names the question's
        subject tells of another: of the person it names ("When was Ruiz
        fired": "In March, Leo Brandt was fired"); its day, of any event."""
        if self.q.answer == "date":
            return True
        if self.q.answer not in ("place", "name"):
            return False
        return bool(answers.candidates(a.passage.text, "person", self.q.text))

    def carried(self, a: Analysed) -> set[int]:
        return {k for k in range(len(self.concepts)) if self.has(a, k)}

    def score(
        self, items: list[Analysed], i: int, sim: float, bm25: float, top: float
    ) -> ScoredPassage | None:
        """The i-th passage scored (``bm25`` its BM25, ``top`` the article's
        best), or None when it cannot answer."""
        q, focus, a = self.q, self.focus, items[i]
        everything = frozenset(range(len(self.concepts)))
        subject = everything - focus
        matched = self.carried(a)
        # "What did X say": X's own words, whether or not they repeat the
        # question's, with X's name counted as said ("..., she said").
        # X's words quoted, in part, or as the writer reports them.
        weight = max(
            (w for s, e, w in self.said if s < a.passage.end and a.passage.start < e), default=0.0
        )
        theirs = weight > 0
        if theirs:
            matched |= subject | self.speaker
        if not matched and sim < MEANING_NEEDED:
            return None
        if not meets(a, q):
            return None
        neighbours = [
            items[j]
            for j in (i - 1, i + 1)
            if 0 <= j < len(items) and items[j].passage.section == a.passage.section
        ]
        near = {k for n in neighbours for k in self.carried(n)} - matched
        if subject and not (matched | near) & subject and self._about_another(a):
            return None
        # A question's subject is what every article is about; a claim
        # ("Disney Universal Midjourney lawsuit") says all of its words.
        fcov = _coverage(matched, near, focus if q.reading.is_question else everything, self.idf)
        on_focus = bool((matched | near) & focus)
        # Meaning makes up for words only when the passage carries a fair part
        # of the focus itself (not only its commonest word).
        shares_focus = _coverage(matched, near, focus, self.idf) >= RESCUE_SHARE
        scov = _coverage(matched, near, subject, self.idf) if subject else 1.0
        # A sentence of a longer quotation has one mark or none of its own.
        quoted = q.answer == "quote" and (
            bool(answers.quotations(a.passage.text))
            or any(s < a.passage.end and a.passage.start < e for s, e in self.quoting)
        )
        # "What is the show called": the title the story is about answers best.
        titled = bool(self.kinds) and bool(_passage_titles(a) & self.story_titles)
        score = (
            WEIGHTS.focus * fcov
            + WEIGHTS.subject * scov
            + WEIGHTS.meaning * sim
            + WEIGHTS.answer * (q.answer in ANSWER_TYPES)
            + WEIGHTS.quote * quoted
            + 2 * WEIGHTS.answer * titled
            + 0.1 * bm25 / top
        )
        coverage = fcov
        if on_focus and counts_the_noun(a.passage.text, q):
            coverage = max(coverage, REPORT_COVERAGE)
            score += WEIGHTS.answer
        if sim >= MEANING_NEEDED and shares_focus:
            coverage = max(coverage, REPORT_COVERAGE)
        if theirs and (sim >= SAID_MEANING or on_focus):
            coverage = max(coverage, REPORT_COVERAGE)
            score += WEIGHTS.said * weight
        if answering.needs_anchor(q) and focus and not matched & focus:
            coverage = min(coverage, REPORT_COVERAGE / 2)  # see answering.needs_anchor
        p = a.passage
        start, end = self.whole_quotation(p.start, p.end) if quoted else (p.start, p.end)
        text = self.body[start:end] if (start, end) != (p.start, p.end) else p.text
        return ScoredPassage(text, score, coverage, self.article_id, p.position, start, end)
