"""compare(text): how each source of a story reports one fact, and where the
sources disagree.

A question is read into its content-bearing words (question words and filler
are not evidence). Every passage of the story is scored against them with
BM25 over the story's own passages, so words rare in the story count most, and
a passage also earns half credit for words its neighbours carry (a fact often
spans two sentences). A source *reports* the fact when its best passage covers
enough of the question's weight, and, for "how much/many", "when" and "who"
questions, carries a figure, a date or a name; otherwise it is *not reported*,
rather than padded with a weak match. The thresholds were chosen on the
labelled set in ``tests/eval`` (see ``bench/eval_compare.py``).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from hollywood_ai.index import answers, quantities, quotes
from hollywood_ai.index import names as namemod
from hollywood_ai.index import stories as storymod
from hollywood_ai.index.differences import (
    Discrepancy,
    _article_names,
    answer_discrepancies,
    find_discrepancies,
)
from hollywood_ai.index.evidence import (
    KIND_STEMS,
    Analysed,
    Question,
    StoryPassages,
    read_question,
    stems,
    story_passages,
)
from hollywood_ai.index.meaning import MEANING
from hollywood_ai.index.model import Article
from hollywood_ai.index.text import fold
from hollywood_ai.index.workspace import Workspace

if TYPE_CHECKING:
    from hollywood_ai.index.facts import Fact

# Chosen by measurement on tests/eval (bench/eval_compare.py prints the sweep).
REPORT_COVERAGE = 0.4  # the share of the focus a source's best passage must carry
PASSAGE_KEEP = 0.85  # further passages shown when at least this share of the best score
PASSAGE_COVERAGE = 0.85  # ... and this share of its coverage
MAX_PASSAGES = 3
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


@dataclass
class SourceReport:
    id: str
    title: str
    outlet: str | None
    reports: bool
    passages: list[ScoredPassage]
    best_coverage: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "outlet": self.outlet,
            "reports": self.reports,
            "passages": [p.to_dict() for p in self.passages],
        }


@dataclass
class Comparison:
    query: str
    story: storymod.Story | None
    sources: list[SourceReport]
    discrepancies: list[Discrepancy]
    terms: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "story": self.story.to_dict() if self.story else None,
            "sources": [s.to_dict() for s in self.sources],
            "discrepancies": [d.to_dict() for d in self.discrepancies],
        }

    def labels(self, width: int = 28) -> dict[str, str]:
        """A short name per source: its outlet, or the start of its title."""
        return {
            s.id: s.outlet
            or (s.title if len(s.title) <= width else s.title[: width - 1].rstrip() + "…")
            for s in self.sources
        }


# ------------------------------------------------------------------- scoring


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


_PASSAGE_FACTS: dict[tuple[str, int, str], tuple[frozenset[str], bool, bool]] = {}
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
        if len(_PASSAGE_FACTS) > 200_000:
            _PASSAGE_FACTS.clear()
        _PASSAGE_FACTS[key] = hit
    return hit


_TITLES: dict[tuple[str, int, str], frozenset[str]] = {}
_STORY_TITLES: dict[tuple[tuple[str, str], ...], frozenset[str]] = {}


def _passage_titles(a: Analysed) -> frozenset[str]:
    """The cores of the titles a passage names ("El Eternauta" -> "eternauta")."""
    p = a.passage
    key = (p.article_id, p.start, p.text)
    hit = _TITLES.get(key)
    if hit is None:
        hit = frozenset(n.core for n in namemod.extract(p.text) if namemod.is_title_like(n))
        if len(_TITLES) > 200_000:
            _TITLES.clear()
        _TITLES[key] = hit
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
            for n in _article_names(article):
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
        if len(_STORY_TITLES) > 64:
            _STORY_TITLES.clear()
        _STORY_TITLES[key] = hit
    return hit


def meets(a: Analysed, q: Question) -> bool:
    """Whether a passage carries what the question asks for: an answer of
    its type that the question does not already hold (a count for "how
    many", a person other than its subject for "who", a date, a place, a
    name), or, for a claim that gives a figure, a figure of the same unit.
    Decisive: a passage without it does not answer the question, however
    many words it shares."""
    return bool(answer_spans(a, q)) if q.answer in ANSWER_TYPES else _meets_claim(a, q)


ANSWER_TYPES = ("figure", "date", "place", "person", "name")


#: How far (in characters) an answer may stand from the focus's words: the
#: answer is said of the thing asked about ("his lawyer, William McGinley"),
#: not of another person the sentence names.
ANSWER_REACH = 80
#: A person is named next to the role asked about ("his lawyer, William
#: McGinley"; "Jim Manley, a spokesman for"), closer than other answers.
PERSON_REACH = 60


def answer_spans(a: Analysed, q: Question) -> list[tuple[str, int, int]]:
    """The candidate answers of a passage (see ``answers.candidates``) that
    stand near a word of the question's focus, when the passage has one."""
    text = a.passage.text
    if q.answer == "figure" and not a.has_quantity and not answers.might_count(text):
        return []
    found = answers.candidates(text, q.answer, q.text, q.reading.measure)
    if found and q.answer == "name" and any(c & KIND_STEMS for c in q.concepts):
        found = _titles_of(text, found)
    if not found or q.reading.measure == "age":
        return found
    marks = _focus_marks(text, q)
    if not marks:
        return found
    if q.answer != "person":
        return [c for c in found if min(_distance(c, x) for x in marks) <= ANSWER_REACH]
    return [
        c
        for c in found
        if any(_distance(c, x) <= PERSON_REACH and _beside(text, c, x) for x in marks)
    ]


_VERBISH = re.compile(
    r"\b(?:said|says|say|told|tells|is|was|were|are|has|had|have|met|called|asked|"
    r"\w{3,}ed|\w{3,}ing)\b",
    re.I,
)


def _beside(text: str, span: tuple[str, int, int], mark: tuple[int, int]) -> bool:
    """The person and the focus word belong together: nothing between them
    that starts another statement (a verb: "Mr. Obama said the gunman")."""
    gap = text[span[2] : mark[0]] if span[2] <= mark[0] else text[mark[1] : span[1]]
    return not _VERBISH.search(gap)


def _titles_of(text: str, found: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """The name of a show or a film: of the candidates, the titles (quoted,
    or led by an article), else the titles the passage quotes."""
    titles = [c for c in found if namemod.is_title_like(namemod.Name(c[0], c[1], c[2]))]
    if titles:
        return titles
    return [(n.text, n.start, n.end) for n in namemod.extract(text) if namemod.is_title_like(n)]


def _distance(span: tuple[str, int, int], mark: tuple[int, int]) -> int:
    if span[2] <= mark[0]:
        return mark[0] - span[2]
    if mark[1] <= span[1]:
        return span[1] - mark[1]
    return 0


def _focus_marks(text: str, q: Question) -> list[tuple[int, int]]:
    """Where the words of the question's focus stand in a passage."""
    focus = set().union(*(q.concepts[k] for k in q.focus)) if q.concepts else set()
    return [(m.start(), m.end()) for m in _TOKEN.finditer(text) if focus & _word_stems(m.group(0))]


@lru_cache(maxsize=65536)
def _word_stems(word: str) -> frozenset[str]:
    """The analysed forms of one word (a bounded table: words repeat)."""
    return frozenset(stems(word))


_TOKEN = re.compile(r"\w[\w'’.-]*")


def answer_of(text: str, q: Question) -> str | None:
    """The passage's answer to the question: of its candidates, the one
    nearest the words of the question's focus ("ends in 2018", not "on
    Tuesday" earlier in the sentence)."""
    found = answers.candidates(text, q.answer, q.text, q.reading.measure)
    if not found:
        return None
    if q.answer == "name" and any(c & KIND_STEMS for c in q.concepts):
        found = _titles_of(text, found) or found
    marks = _focus_marks(text, q)
    if not marks:
        return found[0][0]
    return min(found, key=lambda c: min(_distance(c, x) for x in marks))[0]


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
#: A quotation of the speaker asked about answers "what did X say" when it
#: is about as close in meaning as this, or shares a word of the focus.
SAID_MEANING = 0.4


def _speaker_spans(article: Article, q: Question) -> list[tuple[int, int]]:
    """Where, in the article's body, the speaker the question asks about is
    quoted ("what did Pelosi say"): quotations attributed to them."""
    if q.answer != "quote" or not q.reading.speaker:
        return []
    surnames = {fold(q.reading.speaker.split()[-1])}
    return [
        (quote.start, quote.end)
        for quote in quotes.extract(article.body)
        if quote.speaker_key and fold(quote.speaker_key) in surnames
    ]


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
    concepts = q.concepts or [frozenset({t}) for t in q.terms]
    if not concepts or not items:
        return []
    idf = [_concept_idf(sp, c) for c in concepts]
    focus = q.focus or frozenset(range(len(concepts)))
    everything = frozenset(range(len(concepts)))
    subject = everything - focus
    kinds = {k for k, c in enumerate(concepts) if c & KIND_STEMS} if q.wants_name else set()

    def has(a: Analysed, k: int) -> bool:
        return _has(a, concepts[k]) or (k in kinds and passage_facts(a)[1])

    vectors = None
    if qvec is not None:
        article = next((x for x in sp.articles if x.id == article_id), None)
        if article is not None:
            vectors = MEANING.of_article(
                (article.id, article.checksum), [a.passage.text for a in items]
            )
    bm25 = [_bm25(sp, a, concepts, idf) for a in items]
    top = max(bm25) or 1.0
    story_titles = _story_titles(sp) if kinds else frozenset()
    article = next((x for x in sp.articles if x.id == article_id), None)
    said = _speaker_spans(article, q) if article is not None else []
    out: list[ScoredPassage] = []
    for i, a in enumerate(items):
        matched = {k for k in range(len(concepts)) if has(a, k)}
        sim = float(vectors[i] @ qvec) if vectors is not None else 0.0
        # "What did X say": X's own words, whether or not they repeat the
        # question's, with X's name counted as said ("..., she said").
        theirs = any(s < a.passage.end and a.passage.start < e for s, e in said)
        if theirs:
            matched |= subject
        if not matched and sim < MEANING_NEEDED:
            continue
        if not meets(a, q):
            continue
        neighbours = [
            items[j]
            for j in (i - 1, i + 1)
            if 0 <= j < len(items) and items[j].passage.section == a.passage.section
        ]
        near = {k for n in neighbours for k in range(len(concepts)) if has(n, k)} - matched
        # A question's subject is what every article is about; a claim
        # ("Disney Universal Midjourney lawsuit") says all of its words.
        fcov = _coverage(matched, near, focus if q.reading.is_question else everything, idf)
        on_focus = bool((matched | near) & focus)
        scov = _coverage(matched, near, subject, idf) if subject else 1.0
        quoted = q.answer == "quote" and bool(answers.quotations(a.passage.text))
        # "What is the show called": the title the story is about answers best.
        titled = bool(kinds) and bool(_passage_titles(a) & story_titles)
        score = (
            WEIGHTS.focus * fcov
            + WEIGHTS.subject * scov
            + WEIGHTS.meaning * sim
            + WEIGHTS.answer * (q.answer in ANSWER_TYPES)
            + WEIGHTS.quote * quoted
            + 2 * WEIGHTS.answer * titled
            + 0.1 * bm25[i] / top
        )
        coverage = fcov
        if sim >= MEANING_NEEDED and on_focus:
            coverage = max(coverage, REPORT_COVERAGE)
        if theirs and (sim >= SAID_MEANING or on_focus):
            coverage = max(coverage, REPORT_COVERAGE)
            score += WEIGHTS.said
        p = a.passage
        out.append(ScoredPassage(p.text, score, coverage, article_id, p.position, p.start, p.end))
    # Passages that carry enough of the focus come first: a passage that
    # only means something close does not hide one that answers.
    out.sort(key=lambda s: (s.coverage < REPORT_COVERAGE, -s.score, s.position))
    return out


# ------------------------------------------------------------- entry points


def choose_story(
    ws: Workspace, q: Question, story_id: str | None
) -> tuple[storymod.Story | None, list[Article]]:
    articles, all_stories = storymod.of_library(ws)
    if story_id:
        story = storymod.find_or_fail(all_stories, story_id)
    elif len(all_stories) == 1:
        story = all_stories[0]
    else:
        story = _best_story(ws, q, all_stories)
    return story, storymod.members(ws, articles, story)


def _best_story(ws: Workspace, q: Question, all_stories: list[storymod.Story]) -> storymod.Story:
    """The story whose articles the question matches best (Whoosh, OR of the
    question's words over titles and bodies)."""
    from hollywood_ai.index.searchindex import ARTICLES
    from whoosh.query import Or, Term

    owner = {aid: s for s in all_stories for aid in s.articles}
    votes: dict[str, float] = {}
    with ws.index.lock:
        searcher = ws.index.searcher(ARTICLES)
        query = Or([Term(f, t) for t in q.terms for f in ("title", "body")])
        for rank, hit in enumerate(searcher.search(query, limit=20)):
            story = owner.get(hit["id"])
            if story is not None:
                votes[story.id] = votes.get(story.id, 0.0) + float(hit.score or 0.0) / (1 + rank)
    if not votes:
        return all_stories[0]
    best = max(votes, key=lambda k: votes[k])
    return next(s for s in all_stories if s.id == best)


def compare(ws: Workspace, text: str, story: str | None = None) -> Comparison:
    """For every source in the story, the passages that report ``text``."""
    q = read_question(text)
    chosen, articles = choose_story(ws, q, story)
    sp = story_passages(articles, ws)
    return compare_in(sp, q, chosen)


def compare_in(sp: StoryPassages, q: Question, story: storymod.Story | None = None) -> Comparison:
    from hollywood_ai.index.search import highlight_spans

    sources: list[SourceReport] = []
    stems = set(q.terms).union(*q.concepts) if q.concepts else set(q.terms)
    qvec = None
    vectors = MEANING.embed([q.text]) if sp.articles else None
    if vectors is not None and len(vectors):
        qvec = vectors[0]
    for article in sp.articles:
        scored = score_article(sp, article.id, q, qvec)
        best = scored[0] if scored else None
        reports = best is not None and best.coverage >= REPORT_COVERAGE
        kept: list[ScoredPassage] = []
        if reports and best is not None:
            # Further passages only when close to the best one in both score
            # and coverage: no padding with a long row that brushes the topic.
            kept = [best] + [
                s
                for s in scored[1:]
                if s.score >= PASSAGE_KEEP * best.score
                and s.coverage >= max(REPORT_COVERAGE, PASSAGE_COVERAGE * best.coverage)
            ]
            kept = kept[:MAX_PASSAGES]
            for s in kept:
                s.spans = highlight_spans(s.text, stems | _number_stems(q))
        sources.append(
            SourceReport(
                id=article.id,
                title=article.title,
                outlet=article.outlet,
                reports=reports,
                passages=kept,
                best_coverage=best.coverage if best else 0.0,
            )
        )
    sources.sort(key=lambda s: (not s.reports, -s.best_coverage))
    articles = {a.id: a for a in sp.articles}
    discrepancies = find_discrepancies(
        {s.id: [p.text for p in s.passages] for s in sources if s.reports}, articles, q
    )
    if q.answer in ANSWER_TYPES:
        given: dict[str, str] = {}
        for source in sources:
            if source.reports and source.passages:
                found = answer_of(source.passages[0].text, q)
                if found:
                    given[source.id] = found
        for d in answer_discrepancies(given, q.answer):
            # Not when the same sources already differ in a name or figure.
            if not any(d.kind == e.kind and set(d.values) <= set(e.values) for e in discrepancies):
                discrepancies.append(d)
    return Comparison(
        query=q.text, story=story, sources=sources, discrepancies=discrepancies, terms=q.terms
    )


def comparison_of_fact(
    fact: Fact, articles: list[Article] | dict[str, Article], story: storymod.Story | None = None
) -> Comparison:
    """The comparison of a fact found by facts(), built from the fact itself:
    the sources that report it with their passages, the silent ones, and the
    discrepancies found for it (not a new search for its label)."""
    from hollywood_ai.index.search import highlight_spans

    by_id = articles if isinstance(articles, dict) else {a.id: a for a in articles}
    terms = set(fact.terms)
    sources: list[SourceReport] = []
    for aid in [*fact.sources, *fact.silent]:
        article = by_id.get(aid)
        title = article.title if article else aid
        outlet = article.outlet if article else None
        kept: list[ScoredPassage] = []
        if aid in fact.sources:
            shown = fact.passages.get(aid) or []
            if shown:
                for p in shown:
                    kept.append(ScoredPassage(p.text, 1.0, 1.0, aid, p.position, p.start, p.end))
            else:
                start, end = fact.positions.get(aid, (0, 0))
                kept.append(ScoredPassage(fact.sources[aid], 1.0, 1.0, aid, 0, start, end))
            for sp_ in kept:
                sp_.spans = highlight_spans(sp_.text, terms)
        sources.append(
            SourceReport(
                id=aid,
                title=title,
                outlet=outlet,
                reports=aid in fact.sources,
                passages=kept,
                best_coverage=1.0 if aid in fact.sources else 0.0,
            )
        )
    return Comparison(
        query=fact.label,
        story=story,
        sources=sources,
        discrepancies=list(fact.discrepancies),
        terms=list(fact.terms),
    )


def _number_stems(q: Question) -> set[str]:
    return {t for t in q.terms if t.isdigit()}


# ------------------------------------------------------------------ export


def to_markdown(comparison: Comparison) -> str:
    """The comparison as a Markdown document."""
    label = comparison.labels()
    lines = [f"# Compare: {comparison.query}", ""]
    if comparison.story:
        lines += [f"Story: {comparison.story.label} ({comparison.story.id})", ""]
    if comparison.discrepancies:
        lines += ["## What differs", ""]
        for d in comparison.discrepancies:
            lines.append(f"- {_md(d.summary(label))}")
            if d.diff:
                lines.append(f"  - diff: {_md(quotes.render_diff(d.diff))}")
        lines.append("")
    lines += ["## Sources", ""]
    for s in comparison.sources:
        head = f"### {_md(s.outlet or 'Unknown outlet')}: {_md(s.title)}"
        lines += [head, ""]
        if not s.reports:
            lines += ["*Not reported.*", ""]
            continue
        for p in s.passages:
            lines.append(f"> {_md(p.text)}")
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _md(text: str) -> str:
    return text.replace("\n", " ").replace("|", "\\|")
