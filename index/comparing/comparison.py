"""compare(text): how each source of a story reports one fact, and where the
sources disagree.

The question is read into what it asks for (``questions``: an answer type, a
focus and a subject); every passage of the story is scored against it
(``scoring``); a source reports the fact when its best passage carries
enough of the focus, and, for a question asking for a figure, a date, a
place, a person or a name, holds one near the focus; its further passages
are shown only when they come close to the best. Then what differs between
the reporting sources (``differences``): figures of the same quantity,
variants of one name, a quote worded differently, and the answers
themselves.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hollywood_ai.index.comparing import scope as scopemod
from hollywood_ai.index.comparing import scoring
from hollywood_ai.index.comparing.answering import ANSWER_TYPES, answer_of, full_name
from hollywood_ai.index.comparing.differences import (
    Discrepancy,
    find_discrepancies,
    with_answers,
)
from hollywood_ai.index.comparing.evidence import (
    Question,
    StoryPassages,
    read_question,
    story_passages,
)
from hollywood_ai.index.comparing.meaning import MEANING
from hollywood_ai.index.comparing.results import Comparison, SourceReport
from hollywood_ai.index.comparing.scoring import ScoredPassage, meets, passage_facts, score_article
from hollywood_ai.index.model import Article
from hollywood_ai.index.stories import grouping as storymod
from hollywood_ai.index.workspace import Workspace

if TYPE_CHECKING:
    from hollywood_ai.index.comparing.facts import Fact

__all__ = [
    "Comparison",
    "Discrepancy",
    "ScoredPassage",
    "SourceReport",
    "compare",
    "compare_in",
    "comparison_of_fact",
    "find_discrepancies",
    "meets",
    "passage_facts",
    "score_article",
]

# Further passages are shown when at least this share of the best score, and
# this share of its coverage (chosen on the development score of real news:
# a source often gives the fact in two sentences, the second the closer).
PASSAGE_KEEP = 0.75
PASSAGE_COVERAGE = 0.6
MAX_PASSAGES = 3


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
    from hollywood_ai.index.searching.schema import ARTICLES
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


def prepare_compare(ws: Workspace) -> None:
    """Load what a first comparison needs and a later one has already (the
    meaning model, the library's stories), so that the first question is
    answered as quickly as the next: for a presenter to call while its user
    is still typing."""
    MEANING.available  # noqa: B018 (loads the model)
    storymod.of_library(ws)


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
    from hollywood_ai.index.searching.results import highlight_spans

    sources: list[SourceReport] = []
    q = q.with_names(sp.names())  # "netflix" typed in lower case is a name
    stems = set(q.terms).union(*q.concepts) if q.concepts else set(q.terms)
    qvec = None
    vectors = MEANING.embed([q.text]) if sp.articles else None
    if vectors is not None and len(vectors):
        qvec = vectors[0]
    for article in sp.articles:
        scored = score_article(sp, article.id, q, qvec)
        best = scored[0] if scored else None
        reports = best is not None and best.coverage >= scoring.REPORT_COVERAGE
        kept: list[ScoredPassage] = []
        if reports and best is not None:
            # Further passages only when close to the best one in both score
            # and coverage: no padding with a long row that brushes the topic.
            kept = [best] + [
                s
                for s in scored[1:]
                if s.score >= PASSAGE_KEEP * best.score
                and s.coverage >= max(scoring.REPORT_COVERAGE, PASSAGE_COVERAGE * best.coverage)
            ]
            if q.answer == "person":
                kept = _with_full_name(kept, _unscored(sp, article.id), q)
            kept = kept[:MAX_PASSAGES]
            for s in kept:
                s.spans = highlight_spans(s.text, stems | _number_stems(q))
        sources.append(
            SourceReport(
                id=article.id,
                title=article.title,
                outlet=article.outlet,
                via=article.via,
                author=article.author,
                reports=reports,
                passages=kept,
                best_coverage=best.coverage if best else 0.0,
                published=article.published,
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
                named = full_name(found, [p.text for p in source.passages]) if found else None
                if named and q.answer == "person":
                    found = named[1]  # "Elliott" is "Mike Elliott" in the passage after
                if found:
                    given[source.id] = found
        discrepancies = with_answers(discrepancies, given, q.answer)
    return Comparison(
        query=q.text, story=story, sources=sources, discrepancies=discrepancies, terms=q.terms
    )


def comparison_of_fact(
    fact: Fact, articles: list[Article] | dict[str, Article], story: storymod.Story | None = None
) -> Comparison:
    """The comparison of a fact found by facts(), built from the fact itself:
    the sources that report it with their passages, the silent ones, and the
    discrepancies found for it (not a new search for its label)."""
    from hollywood_ai.index.searching.results import highlight_spans

    by_id = articles if isinstance(articles, dict) else {a.id: a for a in articles}
    terms = set(fact.terms)
    sources: list[SourceReport] = []
    for aid in [*fact.sources, *fact.silent]:
        article = by_id.get(aid)
        title = article.title if article else aid
        outlet = article.outlet if article else None
        published = article.published if article else None
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
                via=article.via if article else None,
                author=article.author if article else None,
                reports=aid in fact.sources,
                passages=kept,
                best_coverage=1.0 if aid in fact.sources else 0.0,
                published=published,
            )
        )
    return Comparison(
        query=fact.label,
        story=story,
        sources=sources,
        discrepancies=list(fact.discrepancies),
        terms=list(fact.terms),
    )


def _with_full_name(
    kept: list[ScoredPassage], passages: list[ScoredPassage], q: Question
) -> list[ScoredPassage]:
    """For "who", when the best passage names its answer by surname only
    ("Mr. Corker said"), the first of the article's ``passages`` that names
    them in full ("Senator Bob Corker": news copy gives the full name where
    it first mentions someone) comes second, so that the reader sees who it
    is."""
    if q.answer != "person" or not kept:
        return kept
    found = answer_of(kept[0].text, q)
    named = full_name(found, [s.text for s in passages]) if found else None
    if named is None or any(s.start == passages[named[0]].start for s in kept):
        return kept
    return [kept[0], passages[named[0]], *kept[1:]]


def _unscored(sp: StoryPassages, article_id: str) -> list[ScoredPassage]:
    """An article's passages as they stand, unscored (in text order)."""
    return [
        ScoredPassage(
            a.passage.text, 0.0, 0.0, article_id, a.passage.position, a.passage.start, a.passage.end
        )
        for a in sp.by_article.get(article_id, [])
    ]


def _number_stems(q: Question) -> set[str]:
    return {t for t in q.terms if t.isdigit()}
