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
from typing import TYPE_CHECKING, Any

from hollywood_ai.index import names as namemod
from hollywood_ai.index import quantities, quotes
from hollywood_ai.index import scope as scopemod
from hollywood_ai.index import stories as storymod
from hollywood_ai.index.evidence import (
    KIND_STEMS,
    Analysed,
    Question,
    StoryPassages,
    read_question,
    stems,
    story_passages,
)
from hollywood_ai.index.model import Article
from hollywood_ai.index.workspace import Workspace

if TYPE_CHECKING:
    from hollywood_ai.index.facts import Fact

# Chosen by measurement on tests/eval (bench/eval_compare.py prints the sweep).
REPORT_COVERAGE = 0.4
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
class Discrepancy:
    kind: str  # "number", "name" or "quote"
    values: dict[str, str]
    detail: str = ""
    only_source: bool = False
    diff: list[tuple[str, str]] = field(default_factory=list)
    speaker: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"kind": self.kind, "values": dict(self.values)}
        if self.detail:
            data["detail"] = self.detail
        if self.only_source:
            data["only_source"] = True
        if self.speaker:
            data["speaker"] = self.speaker
        if self.diff:
            data["diff"] = [list(d) for d in self.diff]
            data["diff_text"] = quotes.render_diff(self.diff)
        return data

    def summary(self, label: dict[str, str]) -> str:
        parts = [f"{label.get(aid, aid)}: {text}" for aid, text in self.values.items()]
        head = {
            "number": "Figures differ",
            "name": "Names differ",
            "quote": "Quote worded differently",
        }[self.kind]
        if self.only_source:
            head = (
                "Only one source gives this figure"
                if self.kind == "number"
                else "Only one source gives this name"
            )
        if self.speaker:
            head += f" ({self.speaker})"
        return head + " — " + "; ".join(parts)


@dataclass
class Comparison:
    query: str
    story: storymod.Story | None
    sources: list[SourceReport]
    discrepancies: list[Discrepancy]
    terms: list[str] = field(default_factory=list)
    scope: scopemod.ScopeInfo | None = None  # what it was made over (see index/scope.py)

    def to_dict(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "story": self.story.to_dict() if self.story else None,
            "scope": self.scope.to_dict() if self.scope else None,
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
    """Whether a passage carries what the question asks for: a figure (of the
    claim's unit), a date, a name, a title or a place. Decisive: a passage
    without it does not answer the question, however many words it shares."""
    if q.wants_date and not a.has_date:
        return False
    if q.wants_quantity and not a.has_quantity:
        return False
    if q.wants_person and not a.has_person:
        return False
    if q.units or q.wants_name or q.wants_place:
        units, title, place = passage_facts(a)
        if q.units and not (q.units & units):
            return False
        if q.wants_name and not title:
            return False
        if q.wants_place and not place:
            return False
    return True


def _claim_weight(idf: list[float]) -> float:
    """What a passage must carry to cover the text: all of a short question's
    weight, but for a long claim (a whole sentence) only as much as its
    LONG_CLAIM rarest terms: the other sources tell the fact in their own
    words, and share only part of any one source's sentence."""
    if len(idf) <= LONG_CLAIM:
        return sum(idf) or 1.0
    return sum(sorted(idf, reverse=True)[:LONG_CLAIM]) or 1.0


def score_article(sp: StoryPassages, article_id: str, q: Question) -> list[ScoredPassage]:
    """Every passage of one article that matches, best first."""
    items = sp.by_article.get(article_id, [])
    concepts = q.concepts or [frozenset({t}) for t in q.terms]
    if not concepts:
        return []
    idf = [_concept_idf(sp, c) for c in concepts]
    total_weight = _claim_weight(idf)
    # "What is the show called": a passage naming a title speaks of the show.
    kinds = {k for k, c in enumerate(concepts) if c & KIND_STEMS} if q.wants_name else set()

    def has(a: Analysed, k: int) -> bool:
        return _has(a, concepts[k]) or (k in kinds and passage_facts(a)[1])

    own = [_bm25(sp, a, concepts, idf) for a in items]
    if kinds:
        # A title the story is about counts fully, another title half.
        norm_idf = sum(idf[k] for k in kinds)
        titles = _story_titles(sp)
        own = [
            o
            + (
                (norm_idf if _passage_titles(a) & titles else 0.5 * norm_idf)
                if passage_facts(a)[1] and not any(_has(a, concepts[k]) for k in kinds)
                else 0.0
            )
            + (0.5 * norm_idf if _passage_titles(a) & titles else 0.0)
            for o, a in zip(own, items, strict=True)
        ]
    out: list[ScoredPassage] = []
    for i, a in enumerate(items):
        if own[i] <= 0:
            continue
        if not meets(a, q):
            continue  # a "how much" question is not answered by a passage with no figure
        matched = {k for k in range(len(concepts)) if has(a, k)}
        neighbours = [
            items[j]
            for j in (i - 1, i + 1)
            if 0 <= j < len(items) and items[j].passage.section == a.passage.section
        ]
        near = {k for n in neighbours for k in range(len(concepts)) if has(n, k)} - matched
        coverage = min(
            1.0, (sum(idf[k] for k in matched) + 0.5 * sum(idf[k] for k in near)) / total_weight
        )
        score = own[i] + 0.3 * max(
            (own[j] for j in (i - 1, i + 1) if 0 <= j < len(items)), default=0.0
        )
        p = a.passage
        out.append(ScoredPassage(p.text, score, coverage, article_id, p.position, p.start, p.end))
    out.sort(key=lambda s: (-s.score, s.position))
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


def compare(
    ws: Workspace, text: str, story: str | None = None, scope: scopemod.Scope | None = None
) -> Comparison:
    """For every source in the scope, the passages that report ``text``.

    The scope is a story (``story``, or the one the question matches best),
    by default; the whole library or a search's results with ``scope``. In
    those, only the articles the question's words rank best in the index are
    read and scored (see index/scope.py); the other articles of the scope are
    listed as not reporting it, after those scored."""
    q = read_question(text)
    if scope is None or scope.kind == "story":
        chosen, articles = choose_story(ws, q, (scope.story_id if scope else None) or story)
        result = compare_in(story_passages(articles, ws), q, chosen)
        result.scope = scopemod.story_info(chosen, len(articles))
        return result
    resolved = scopemod.resolve(ws, scope, q.terms)
    result = compare_in(story_passages(resolved.scored, ws), q)
    result.sources += scopemod.silent_sources(resolved.unscored)
    result.scope = resolved.info
    return result


def compare_in(sp: StoryPassages, q: Question, story: storymod.Story | None = None) -> Comparison:
    from hollywood_ai.index.search import highlight_spans

    sources: list[SourceReport] = []
    stems = set(q.terms).union(*q.concepts) if q.concepts else set(q.terms)
    for article in sp.articles:
        scored = score_article(sp, article.id, q)
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


# ------------------------------------------------------------- discrepancies


def find_discrepancies(
    passages: dict[str, list[str]], articles: dict[str, Article], q: Question | None = None
) -> list[Discrepancy]:
    """What differs between the sources' passages for one fact."""
    out: list[Discrepancy] = []
    out.extend(_number_discrepancies(passages, articles))
    out.extend(_name_discrepancies(passages, articles))
    out.extend(_quote_discrepancies(passages, articles, q))
    return out


_FIGURES_CACHE: dict[tuple[str, str], frozenset[tuple[float, str]]] = {}


def _article_figures(article: Article) -> frozenset[tuple[float, str]]:
    """The figures an article's whole text gives (cached per version)."""
    key = (article.id, article.checksum)
    hit = _FIGURES_CACHE.get(key)
    if hit is None:
        hit = frozenset(q.key for q in quantities.extract(article.body))
        if len(_FIGURES_CACHE) > 4000:
            _FIGURES_CACHE.clear()
        _FIGURES_CACHE[key] = hit
    return hit


def _number_discrepancies(
    passages: dict[str, list[str]], articles: dict[str, Article] | None = None
) -> list[Discrepancy]:
    by_unit: dict[str, dict[str, quantities.Quantity]] = {}
    for aid, texts in passages.items():
        for text in texts:
            for qty in quantities.extract(text):
                if qty.unit in ("number", "year"):
                    continue
                by_unit.setdefault(qty.unit, {}).setdefault(aid, qty)
    out = []
    reporting = len(passages)
    for unit, per_source in by_unit.items():
        values = {aid: qty.text for aid, qty in per_source.items()}
        distinct = {qty.key for qty in per_source.values()}
        if len(distinct) > 1:
            out.append(Discrepancy("number", values, detail=_unit_label(unit)))
        elif len(per_source) == 1 and reporting > 1:
            # "Only one source" only if no other article of the story gives it
            # anywhere (its passage shown here may simply not be the one).
            ((aid, qty),) = per_source.items()
            elsewhere = any(
                qty.key in _article_figures(a)
                for other, a in (articles or {}).items()
                if other != aid
            )
            if not elsewhere:
                out.append(
                    Discrepancy("number", values, detail=_unit_label(unit), only_source=True)
                )
    return out


def _unit_label(unit: str) -> str:
    return {"times": "multiplier", "%": "percentage", "USD": "amount in US dollars"}.get(unit, unit)


def _wanted_name(name: namemod.Name) -> bool:
    return namemod.is_title_like(name) or len(name.core.split()) >= 2


_NAMES_CACHE: dict[tuple[str, str], list[namemod.Name]] = {}


def _article_names(article: Article) -> list[namemod.Name]:
    """The names in an article's whole text (cached per version)."""
    key = (article.id, article.checksum)
    hit = _NAMES_CACHE.get(key)
    if hit is None:
        hit = [n for n in namemod.extract(f"{article.title}\n{article.body}") if _wanted_name(n)]
        if len(_NAMES_CACHE) > 4000:
            _NAMES_CACHE.clear()
        _NAMES_CACHE[key] = hit
    return hit


def _name_discrepancies(
    passages: dict[str, list[str]], articles: dict[str, Article] | None = None
) -> list[Discrepancy]:
    """Variants of one name among the reporting sources' passages. Variants
    are grouped over the names of the whole story (``articles``), so that two
    spellings too far apart to match directly ("El Atonata", "The Eternaut")
    are joined through a third ("El Eternauta") that another article uses."""
    shown: list[tuple[str, namemod.Name]] = []
    for aid, texts in passages.items():
        for text in texts:
            for name in namemod.extract(text):
                if _wanted_name(name):
                    shown.append((aid, name))
    if not shown:
        return []
    # Distinct spellings: the shown ones and, as bridges, the story's.
    spellings: dict[str, namemod.Name] = {}
    for _, name in shown:
        spellings.setdefault(name.text.casefold(), name)
    for article in (articles or {}).values():
        for name in _article_names(article):
            spellings.setdefault(name.text.casefold(), name)
    keys = list(spellings)
    index = {k: i for i, k in enumerate(keys)}
    parent = list(range(len(keys)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # Pairs with at least one shown spelling: a story name only matters as a
    # bridge between shown ones, and this keeps the cost to shown x story.
    shown_keys = {name.text.casefold() for _, name in shown}
    for k in shown_keys:
        i = index[k]
        for j, other in enumerate(keys):
            if (
                i != j
                and root(i) != root(j)
                and namemod.are_variants(spellings[k], spellings[other])
            ):
                parent[root(i)] = root(j)
    groups: dict[int, list[tuple[str, namemod.Name]]] = {}
    for aid, name in shown:
        groups.setdefault(root(index[name.text.casefold()]), []).append((aid, name))
    out = []
    for members in groups.values():
        values: dict[str, str] = {}
        for aid, name in members:
            values.setdefault(aid, name.text)
        if len(values) > 1 and len({v.casefold() for v in values.values()}) > 1:
            out.append(Discrepancy("name", values, detail="variants of one name"))
    return out


def _quote_discrepancies(
    passages: dict[str, list[str]], articles: dict[str, Article], q: Question | None
) -> list[Discrepancy]:
    """Quotes by one speaker, from the reporting sources, worded differently."""
    if len(passages) < 2:
        return []
    terms = set(q.terms) if q else set()
    per_source: dict[str, list[quotes.Quote]] = {}
    shown_quotes: set[tuple[str, int]] = set()
    for aid in passages:
        article = articles.get(aid)
        if article is None:
            continue
        for quote in quotes.extract(article.body):
            if not quote.speaker_key:
                continue
            overlaps_shown = any(_overlaps(quote.text, p) for p in passages[aid])
            # About the question: the question names the speaker, and any
            # other word it asks about is in the quote ("what did Sarandos
            # say about creators"); a common word alone ("AI") is not enough.
            speaker = set(stems(quote.speaker or ""))
            rest = terms - speaker
            about_query = bool(speaker & terms) and (
                not rest or bool(rest & set(_quote_stems(quote)))
            )
            if overlaps_shown or about_query:
                per_source.setdefault(aid, []).append(quote)
                if overlaps_shown:
                    shown_quotes.add((aid, quote.start))
    out: list[Discrepancy] = []
    seen: set[tuple[str, str]] = set()
    ids = list(per_source)
    for i, a in enumerate(ids):
        for b in ids[i + 1 :]:
            for qa in per_source[a]:
                for qb in per_source[b]:
                    if qa.speaker_key != qb.speaker_key:
                        continue
                    close = quotes.shared_content(qa, qb)
                    # Two quotes both shown for the same fact need less in common.
                    both_shown = (a, qa.start) in shown_quotes and (b, qb.start) in shown_quotes
                    if close < (0.2 if both_shown else 0.3) or qa.words == qb.words:
                        continue
                    key = (qa.text, qb.text)
                    if key in seen:
                        continue
                    seen.add(key)
                    out.append(
                        Discrepancy(
                            "quote",
                            {a: qa.text, b: qb.text},
                            detail=f"{round(quotes.similarity(qa, qb) * 100)}% of the words in the same order",
                            diff=quotes.word_diff(qa.text, qb.text),
                            speaker=qa.speaker,
                        )
                    )
    return out


_SENTENCE_PART = re.compile(r"[^.!?;]{25,}")


def _overlaps(quote: str, passage: str) -> bool:
    """The passage shows (part of) the quotation: the quote's start is in the
    passage, or a sentence of the passage is in the quote (a passage is often
    one sentence of a longer quotation)."""
    if quote[:40] in passage:
        return True
    plain = passage.strip().strip("“”\"'‘’")
    return any(part.strip()[:40] in quote for part in _SENTENCE_PART.findall(plain))


def _quote_stems(quote: quotes.Quote) -> list[str]:
    return stems(quote.text)


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
