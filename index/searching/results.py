"""Search: Whoosh's query language over the articles, ranked by BM25F with the
title weighted, with snippets taken from the best-matching passage of each hit.

Cost is kept per query, not per corpus: the searchers stay open between queries
(``SearchIndex.searcher``), the parser is built once per generation, and snippets
come from one passage query for the hits being shown, never from whole bodies.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any, Protocol

from hollywood_ai.index.searching import queries as q
from hollywood_ai.index.searching import ranking as fastrank
from hollywood_ai.index.searching.damage import is_damage
from hollywood_ai.index.searching.documents import PASSAGE_SEP, TABLE_SEP
from hollywood_ai.index.searching.generations import SearchIndex
from hollywood_ai.index.searching.schema import ARTICLES, outlet_parts
from hollywood_ai.index.searching.suggestions import suggest
from hollywood_ai.index.searching.typed import expand_typed
from hollywood_ai.index.text.analysis import text_analyzer
from whoosh import sorting
from whoosh.query import Query
from whoosh.query.qcore import QueryError, _NullQuery
from whoosh.searching import Searcher


class Indexed(Protocol):
    """What search needs of a workspace: its index."""

    @property
    def index(self) -> SearchIndex: ...


SEARCH_FIELDS = list(q.SEARCH_FIELDS)
MARK_OPEN = "\u27e6"  # ⟦ marks the start of a matched span in text snippets
MARK_CLOSE = "\u27e7"  # ⟧ marks its end
SNIPPET_CHARS = 240


class Cancelled(Exception):
    """Raised inside search when ``should_stop`` says the result is no longer wanted."""


@dataclass
class Hit:
    id: str
    title: str
    outlet: str | None
    published: str | None
    score: float
    snippet: str
    spans: list[tuple[int, int]] = field(default_factory=list)
    via: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["spans"] = [list(s) for s in self.spans]
        return data


@dataclass
class SearchResult:
    query: str
    total: int
    suggestion: str | None
    hits: list[Hit]
    terms: list[str] = field(default_factory=list)
    #: A sentence saying what was cut from the query (see queries.bounded), or None.
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "query": self.query,
            "total": self.total,
            "suggestion": self.suggestion,
            "hits": [h.to_dict() for h in self.hits],
        }
        if self.note:
            data["note"] = self.note
        return data


def highlight_spans(text: str, stems: set[str] | frozenset[str]) -> list[tuple[int, int]]:
    """Character spans of the words in ``text`` whose analysed form is in
    ``stems``; a stem holding spaces is a phrase ("ten time faster"), whose
    words are lit only where they run together."""
    if not stems:
        return []
    singles = {s for s in stems if " " not in s}
    spans = {
        (t.startchar, t.endchar)
        for t in _ANALYZER(text, chars=True, removestops=False)
        if t.text in singles
    }
    phrases = [s.split() for s in stems if " " in s]
    if phrases:
        # The words a phrase query looked for (stop words left out, as it did).
        words = [(t.text, t.startchar, t.endchar) for t in _ANALYZER(text, chars=True)]
        texts = [w[0] for w in words]
        for phrase in phrases:
            n = len(phrase)
            for i in range(len(words) - n + 1):
                if texts[i : i + n] == phrase:
                    spans.update((start, end) for _, start, end in words[i : i + n])
    return sorted(spans)


_ANALYZER = text_analyzer()


def search(
    ws: Indexed,
    text: str,
    limit: int = 20,
    sort: str = "relevance",
    should_stop: Callable[[], bool] | None = None,
    with_suggestion: bool = True,
    typing: bool = False,
) -> SearchResult:
    """Ranked hits for ``text`` (Whoosh query language), with snippets.

    ``sort`` is "relevance" or "date" (newest first). ``total`` is exact.
    ``should_stop`` is polled between the stages; when it returns True the
    search raises ``Cancelled`` (a newer keystroke has made it stale).
    Thread-safe: the searchers are shared, so searches run one at a time.
    A query past the bounds (queries.MAX_QUERY_CHARS, MAX_QUERY_WORDS) is cut:
    ``query`` is what was searched and ``note`` says what was cut.
    ``typing``: ``text`` is being typed in a search box: its last word, when
    unfinished, is matched as a prefix too (see queries.as_typed), and no
    spelling is suggested until it is finished.
    """

    def check() -> None:
        if should_stop is not None and should_stop():
            raise Cancelled

    if sort not in ("relevance", "date"):
        raise ValueError(f"unknown sort {sort!r}")
    text, note = q.bounded(text)
    if typing:
        typed = q.as_typed(text)
        with_suggestion = with_suggestion and typed == text
        text = typed
    try:
        return _search(ws, text, limit, sort, check, with_suggestion, note, typing)
    except Cancelled:
        raise
    except Exception as exc:
        repaired = _repair(ws, exc)
    # Once: damage found again in the index just built is not the index's.
    note = f"{note} {repaired}" if note else repaired
    return _search(ws, text, limit, sort, check, with_suggestion, note, typing)


def _repair(ws: Indexed, exc: Exception) -> str:
    """Rebuild the index from the library after a search hit damaged index
    files (``exc``, re-raised when it is not damage, or when ``ws`` has no
    library to rebuild from), and the sentence that says so. The rebuild
    takes the write lock, outside the search lock: a writer of this process
    holds the write lock while it waits for the search lock."""
    sync = getattr(ws, "sync", None)
    if not is_damage(exc) or sync is None:
        raise exc
    ws.index.close()
    report = sync(rebuild=True)
    count = len(report.added)
    return (
        f"The index was damaged ({type(exc).__name__}); it was rebuilt from the library "
        f"({count} article{'s' if count != 1 else ''})."
    )


def _search(
    ws: Indexed,
    text: str,
    limit: int,
    sort: str,
    check: Callable[[], None],
    with_suggestion: bool,
    note: str | None,
    typing: bool = False,
) -> SearchResult:
    """search() on the live generation, the query already bounded."""
    with ws.index.lock:
        check()  # gone stale while another search held the lock
        searcher = ws.index.searcher(ARTICLES)
        found = _find(searcher, text, limit, sort, check, typing)
        if found is None:
            return SearchResult(query=text, total=0, suggestion=None, hits=[], note=note)
        total, rows, stems = found
        check()
        snippets = _snippets(ws, searcher, [row[0] for row in rows], stems)
        check()
        suggestion = suggest(searcher, text, total) if with_suggestion else None
    hits = [
        Hit(
            id=article_id,
            title=title,
            outlet=outlet_parts(outlet)[0],
            via=outlet_parts(outlet)[1],
            published=published.date().isoformat() if published else None,
            score=round(score, 4),
            snippet=snippet[0],
            spans=snippet[1],
        )
        for (_, article_id, title, outlet, published, score), snippet in zip(
            rows, snippets, strict=True
        )
    ]
    return SearchResult(
        query=text, total=total, suggestion=suggestion, hits=hits, terms=sorted(stems), note=note
    )


#: A hit as found: document number, id, title, outlet, published, score.
_Row = tuple[int, str, str, str | None, Any, float]


def _phrase_or_word(word: str) -> str:
    """A plain word's analysed form; a quoted phrase's, its words joined."""
    return " ".join(t.text for t in _ANALYZER(word.strip('"')))


def _find(
    searcher: Searcher,
    text: str,
    limit: int,
    sort: str,
    check: Callable[[], None],
    typing: bool = False,
) -> tuple[int, list[_Row], set[str]] | None:
    """The exact total, the best ``limit`` hits and the analysed words to
    highlight; None for a query with nothing to look for. The fast path
    (ranking.py) answers plain words and the queries it can rank exactly as
    Whoosh would; Whoosh answers the rest."""
    words = fastrank.plain_words(text)
    ranked = fastrank.rank(searcher, words, limit, sort) if words else None
    if ranked is not None and words is not None:
        stems = {_phrase_or_word(w) for w in words} - {""}
    else:
        query = q.parse(text, searcher)
        if isinstance(query, _NullQuery):
            return None
        if typing:  # the word being typed: its best completions (typed.py)
            query = expand_typed(searcher, query)
        check()
        ranked = fastrank.rank_query(searcher, query, limit, sort)
        stems = q.text_terms(query, searcher.reader())
    if ranked is not None:
        total, top = ranked
        return total, [_row(d, searcher.stored_fields(d), score) for d, score in top], stems
    try:
        results = _run(searcher, query, limit, sort)
    except QueryError:
        # A phrase the parser sent to a field without positions (the
        # tags): search the words instead.
        query = q.plain_words_query(text, searcher)
        results = _run(searcher, query, limit, sort)
        stems = q.text_terms(query, searcher.reader())
    return len(results), [_row(r.docnum, r, _score(r, sort)) for r in results], stems


def _row(docnum: int, fields: Any, score: float) -> _Row:
    """A hit's row from its stored fields (a dict, or Whoosh's Hit)."""
    return (
        docnum,
        fields["id"],
        fields["title"],
        fields.get("outlet") or None,
        fields.get("published"),
        score,
    )


# Newest first, then the most relevant: the same order as the fast path's.
_BY_DATE = sorting.MultiFacet([sorting.FieldFacet("pubsort", reverse=True), sorting.ScoreFacet()])


def _run(searcher: Any, query: Query, limit: int, sort: str) -> Any:
    if sort == "date":
        return searcher.search(query, limit=limit, sortedby=_BY_DATE)
    return searcher.search(query, limit=limit)


def _score(hit: Any, sort: str) -> float:
    """A hit's relevance. Sorted by date, Whoosh puts the sort key where the
    score goes: (date key, negated score) with ``_BY_DATE``."""
    if sort == "date":
        return float(-hit.score[1])
    return float(hit.score or 0.0)


def _snippets(
    ws: Indexed, searcher: Any, docnums: list[int], stems: set[str]
) -> list[tuple[str, list[tuple[int, int]]]]:
    """The best passage of each shown hit for these terms, with its spans.

    Each article's passages and the map of which analysed word occurs in which
    passage are kept in one compact record per document (read by document
    number, see searchindex.snippet_record), so the cost follows the hits
    shown, not the size of the library. The best passage carries the most
    distinct query words, rarer words counting more; ties go to the earlier
    passage; an article matched on outlet, tags or date alone shows its
    opening.
    """
    if not docnums:
        return []
    from hollywood_ai.index.text.words import stems as evidence_stems

    column = ws.index.snippet_column(searcher)
    # The stored map holds compare's forms of the words ("10" for "ten",
    # "visual effect" for "VFX"): look those up too. A possessive's stem
    # ("netflix'") analysed again loses its apostrophe: that is not another
    # form of it, and would send the snippet to any passage naming Netflix.
    wanted = {word for stem in stems for word in stem.split()}
    for stem in set(wanted):
        wanted.update(f for f in evidence_stems(stem) if f != stem.rstrip("'"))
    weights = [(f"\n{t}\t", searcher.idf("body", t) or 1.0) for t in wanted]
    out: list[tuple[str, list[tuple[int, int]]]] = []
    for docnum in docnums:
        texts, _, table = column[docnum].decode("utf-8").partition(TABLE_SEP)
        if not texts:
            out.append(("", []))
            continue
        scores: dict[int, float] = {}
        for key, weight in weights:
            at = table.find(key)
            if at < 0:
                continue
            start = at + len(key)
            for index in table[start : table.index("\n", start)].split(","):
                i = int(index)
                scores[i] = scores.get(i, 0.0) + weight
        best = max(scores, key=lambda i: (scores[i], -i)) if scores else 0
        out.append(_trim(texts.split(PASSAGE_SEP)[best], stems))
    return out


def _trim(text: str, stems: set[str]) -> tuple[str, list[tuple[int, int]]]:
    """A passage cut to about SNIPPET_CHARS around its first match, with spans."""
    spans = highlight_spans(text, stems)
    if len(text) <= SNIPPET_CHARS:
        return text, spans
    first = spans[0][0] if spans else 0
    start = max(0, first - SNIPPET_CHARS // 3)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < first else start
    end = min(len(text), start + SNIPPET_CHARS)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > first else end
    prefix = "…" if start else ""
    suffix = "…" if end < len(text) else ""
    snippet = prefix + text[start:end] + suffix
    shift = len(prefix) - start
    kept = [(s + shift, e + shift) for s, e in spans if s >= start and e <= end]
    return snippet, kept


def marked(snippet: str, spans: list[tuple[int, int]]) -> str:
    """The snippet with each matched span wrapped in ⟦ ⟧ (for plain-text output)."""
    out, last = [], 0
    for start, end in spans:
        out.append(snippet[last:start])
        out.append(MARK_OPEN + snippet[start:end] + MARK_CLOSE)
        last = end
    out.append(snippet[last:])
    return "".join(out)
