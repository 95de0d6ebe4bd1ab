"""Where compare looks: one story, the articles a search finds, or the whole
library.

A story is a few dozen articles, and compare reads and scores every passage of
each. A library of 10,000 articles cannot be read that way in the time of a
keystroke (every passage, in Python), so for the whole library (``all``) and
for a search's results (``among``) the articles scored are *candidates*: the
``CANDIDATES`` articles of the scope that the question's words rank best in
the Whoosh index (an OR of its words over titles and bodies, BM25F, from the
search's cached score tables).
Every other article of the scope is listed as not reporting the fact without
being read. An article left out that way shares few or none of the question's
words with its title and body; with a scope of at most ``CANDIDATES`` articles
every article is scored.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from hollywood_ai.index.comparing.results import ScopeInfo, SourceReport
from hollywood_ai.index.errors import HollywoodError
from hollywood_ai.index.kept import Kept
from hollywood_ai.index.model import Article
from hollywood_ai.index.text.normalise import strip_controls

if TYPE_CHECKING:
    from hollywood_ai.index.stories.grouping import Story
    from hollywood_ai.index.workspace import Workspace

KINDS = ("story", "all", "among")
#: Articles read and scored at most, in a scope larger than a story. Twice
#: as many made a comparison of 10,000 articles about twice as long (the
#: differences between the reporting sources grow faster than their number).
CANDIDATES = 100


@dataclass(frozen=True)
class Scope:
    """What to compare in: ``story`` (``story_id``, or None for the story the
    question matches best), ``all`` (every article of the library) or
    ``among`` (the articles the search ``query`` finds)."""

    kind: str = "story"
    story_id: str | None = None
    query: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown scope {self.kind!r}; expected one of {', '.join(KINDS)}")
        if self.kind == "among" and self.query is None:
            raise ValueError("an 'among' scope needs a query")

    @classmethod
    def of_story(cls, story_id: str | None = None) -> Scope:
        return cls("story", story_id=story_id)

    @classmethod
    def library(cls) -> Scope:
        return cls("all")

    @classmethod
    def among(cls, query: str) -> Scope:
        return cls("among", query=query)


@dataclass
class Resolved:
    """A scope's articles: those to score (whole) and the rest (listed only)."""

    info: ScopeInfo
    scored: list[Article]
    unscored: list[Article]


def story_info(story: Story | None, articles: int) -> ScopeInfo:
    label = strip_controls(story.label) if story is not None else ""
    return ScopeInfo(
        kind="story",
        articles=articles,
        scored=articles,
        description=f"the story “{label}”" if label else "the library's one story",
    )


def resolve(ws: Workspace, scope: Scope, words: list[str]) -> Resolved:
    """The articles of an ``all`` or ``among`` scope for a question whose
    stems are ``words``: the best CANDIDATES of them whole, the others as the
    listing has them. A HollywoodError, one sentence, for an empty library or
    a search that finds nothing."""
    if scope.kind == "story":
        raise ValueError("a story scope is resolved by compare.choose_story")
    listing = ws.listing()
    if not listing:
        raise HollywoodError("the library is empty; add articles with 'hollywood-ai add' first")
    from hollywood_ai.index.searching.schema import ARTICLES

    with ws.index.lock:
        searcher = ws.index.searcher(ARTICLES)
        ids = _doc_ids(searcher)
        within: set[int] | None = None
        if scope.kind == "among":
            within = _found(searcher, scope.query or "")
        best = _best(searcher, words, within)
    if within is not None:
        in_scope = {ids[d] for d in within if d < len(ids) and ids[d]}
        members = [a for a in listing if a.id in in_scope]
        if len(members) <= CANDIDATES:
            best = sorted(within)  # a small scope is scored whole
        query = strip_controls(scope.query or "").strip()
        description = f"the {_count(len(members))} the search “{query}” finds"
    else:
        members = listing
        query = None
        description = f"the whole library ({_count(len(members))})"
    chosen = {ids[d] for d in best if d < len(ids) and ids[d]}
    scored: list[Article] = []
    unscored: list[Article] = []
    for article in members:
        if article.id in chosen:
            whole = _whole(ws, article)
            if whole is not None:
                scored.append(whole)
                continue
        unscored.append(article)
    info = ScopeInfo(
        kind=scope.kind,
        articles=len(members),
        scored=len(scored),
        description=description,
        query=query,
    )
    return Resolved(info=info, scored=scored, unscored=unscored)


WHOLE_KEPT = 1000  # whole articles kept between comparisons
_WHOLE: Kept[tuple[str, str], Article] = Kept(WHOLE_KEPT)


def _whole(ws: Workspace, listed: Article) -> Article | None:
    """The whole article of a listing entry (kept per version: the questions
    asked of a library come back to the same candidates), or None when it
    was removed meanwhile."""
    key = (listed.id, listed.checksum)
    hit = _WHOLE.get(key)
    if hit is not None:
        return hit
    try:
        article = ws.get(listed.id)
    except HollywoodError:  # removed by another process meanwhile
        return None
    _WHOLE.put(key, article)
    return article


#: Silent sources kept, at most this many (a library's worth).
SILENT_KEPT = 200_000
_SILENT: Kept[str, SourceReport] = Kept(SILENT_KEPT)


def silent_sources(articles: list[Article]) -> list[SourceReport]:
    """The articles left unscored, as sources that do not report the fact.
    Made once per article of a listing and shared by the comparisons that
    follow (a comparison never changes a silent source): building 10,000
    of them was a third of a comparison of the whole library."""
    out = []
    for a in articles:
        report = _SILENT.get(a.id)
        if report is None or report.name != a.source_name or report.title != a.title:
            report = SourceReport(
                id=a.id,
                title=a.title,
                outlet=a.outlet,
                reports=False,
                passages=[],
                published=a.published,
                via=a.via,
                author=a.author,
            )
            _SILENT.put(a.id, report)
        out.append(report)
    return out


def _count(n: int) -> str:
    return f"{n:,} article{'s' if n != 1 else ''}"


def _found(searcher: Any, text: str) -> set[int]:
    """The documents the search ``text`` finds (the search box's query
    language), or a HollywoodError saying why there are none. Kept with the
    searcher: the reader asks every question of the same search's results."""
    from hollywood_ai.index.searching import queries as querymod
    from hollywood_ai.index.searching.opened import tables
    from whoosh.query.qcore import QueryError, _NullQuery

    kept = tables(searcher).found
    held = kept.get(text)
    if held is not None:
        return held
    shown = strip_controls(text).strip()[:80]
    query = querymod.parse(text, searcher)
    if isinstance(query, _NullQuery):
        raise HollywoodError(
            f"the search '{shown}' has no words to look for; search for a word, a name or a phrase"
        )
    try:
        found = set(searcher.docs_for_query(query))
    except QueryError:
        # A phrase sent to a field without positions: its words, as search does.
        found = set(searcher.docs_for_query(querymod.plain_words_query(text, searcher)))
    if not found:
        raise HollywoodError(
            f"the search '{shown}' finds no article; try other words, or compare in the "
            "whole library (--all)"
        )
    kept.put(text, found)
    return found


def _best(searcher: Any, words: list[str], within: set[int] | None) -> list[int]:
    """The CANDIDATES documents (of ``within``, when given) that the words
    rank best: BM25F of an OR of the words over titles and bodies, weighted as
    search weighs them, from the search's cached per-word tables."""
    from hollywood_ai.index.searching import ranking as fastrank
    from hollywood_ai.index.searching.queries import FIELD_BOOSTS, TEXT_FIELDS
    from whoosh.query import Or, Term

    reader = searcher.reader()
    terms = [
        Term(f, w, boost=FIELD_BOOSTS[f])
        for w in words
        for f in TEXT_FIELDS
        if reader.doc_frequency(f, w)
    ]
    if not terms:
        return []
    ranked = fastrank.rank_query(searcher, Or(terms), CANDIDATES, "relevance", within=within)
    if ranked is not None:
        return [docnum for docnum, _ in ranked[1]]
    hits = searcher.search(Or(terms), limit=CANDIDATES, filter=within)
    return [hit.docnum for hit in hits]


def _doc_ids(searcher: Any) -> list[str]:
    """Every document's article id, by document number ("" for a deleted
    one): read once per index generation, kept with its searcher."""
    from hollywood_ai.index.searching.opened import tables

    def read() -> list[str]:
        reader = searcher.reader()
        ids = [""] * reader.doc_count_all()
        for docnum, fields in reader.iter_docs():
            ids[docnum] = fields.get("id", "")
        return ids

    ids: list[str] = tables(searcher).values.fetch("article ids", read)
    return ids


# ------------------------------------------------------------ presenting
