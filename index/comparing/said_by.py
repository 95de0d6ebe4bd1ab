"""The speaker a question asks about, in one article: where the article
gives their words, and which of the question's concepts their words carry
without saying them (who speaks, and the occasion they speak on)."""

from __future__ import annotations

from hollywood_ai.index.comparing import attribution
from hollywood_ai.index.comparing.evidence import Analysed, Question
from hollywood_ai.index.model import Article
from hollywood_ai.index.text.words import stems


def speaker_spans(article: Article, q: Question) -> list[tuple[int, int, float]]:
    """Where, in the article's body, the speaker the question asks about is
    quoted or reported ("what did Pelosi say"), each with the share of a
    quotation's weight it earns: see attribution.weighted_spans."""
    if q.answer != "quote" or not q.reading.speaker:
        return []
    return attribution.weighted_spans(article.body, q.reading.speaker)


def speaker_concepts(q: Question) -> frozenset[int]:
    """The concepts that name who speaks ("letter" in "what did the
    senators' letter say")."""
    said = set(stems(q.reading.speaker)) if q.answer == "quote" and q.reading.speaker else set()
    return frozenset(k for k, head in enumerate(q.heads) if head in said)


def occasion_concepts(
    q: Question, article: Article | None, items: list[Analysed], concepts: list[frozenset[str]]
) -> frozenset[int]:
    """For "what did X say in her apology": the occasion's concepts, when
    the article tells of that occasion (in its title or any passage): then
    X's words there are what she said in it."""
    if q.answer != "quote" or not q.reading.occasion or article is None:
        return frozenset()
    title = set(stems(article.title or ""))
    said_in = set(stems(" ".join(q.reading.occasion)))
    return frozenset(
        k
        for k, head in enumerate(q.heads)
        if head in said_in
        and (concepts[k] & title or any(a.terms.get(t) for a in items for t in concepts[k]))
    )
