"""Search: Whoosh's query language over the articles, with snippets from passages."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from hollywood_ai.index.searchindex import ARTICLES, PASSAGES, text_analyzer
from hollywood_ai.index.workspace import Workspace
from whoosh.qparser import AndGroup, MultifieldParser, QueryParser
from whoosh.qparser.dateparse import DateParserPlugin
from whoosh.query import Or, Query, Term

SEARCH_FIELDS = ["title", "body", "outlet", "author", "tags"]
MARK_OPEN = "\u27e6"  # ⟦ marks the start of a matched span in JSON snippets
MARK_CLOSE = "\u27e7"  # ⟧ marks its end


@dataclass
class Hit:
    id: str
    title: str
    outlet: str | None
    published: str | None
    score: float
    snippet: str
    spans: list[tuple[int, int]] = field(default_factory=list)

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

    def to_dict(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "total": self.total,
            "suggestion": self.suggestion,
            "hits": [h.to_dict() for h in self.hits],
        }


def parse_query(ws: Workspace, text: str) -> Query:
    schema = ws.index.index(ARTICLES).schema
    parser = MultifieldParser(SEARCH_FIELDS, schema, group=AndGroup)
    parser.add_plugin(DateParserPlugin(free=True))
    return parser.parse(text)


def _terms(query: Query) -> set[str]:
    words = set()
    for fieldname, value in query.iter_all_terms():
        if fieldname in SEARCH_FIELDS and isinstance(value, str):
            words.add(value)
    return words


def highlight_spans(text: str, stems: set[str]) -> list[tuple[int, int]]:
    """Character spans of the words in ``text`` whose analysed form is in ``stems``."""
    if not stems:
        return []
    spans = []
    for token in text_analyzer()(text, chars=True, removestops=False):
        if token.text in stems:
            spans.append((token.startchar, token.endchar))
    return spans


def search(ws: Workspace, text: str, limit: int = 20, sort: str = "relevance") -> SearchResult:
    query = parse_query(ws, text)
    searcher = ws.index.searcher(ARTICLES)
    if sort == "date":
        results = searcher.search(query, limit=limit, sortedby="published", reverse=True)
    else:
        results = searcher.search(query, limit=limit)
    total = len(results)
    stems = _terms(query)
    hits: list[Hit] = []
    for r in results:
        snippet, spans = _snippet(ws, r["id"], text, stems)
        hits.append(
            Hit(
                id=r["id"],
                title=r["title"],
                outlet=r.get("outlet") or None,
                published=r["published"].date().isoformat() if r.get("published") else None,
                score=round(float(r.score or 0.0), 4),
                snippet=snippet,
                spans=spans,
            )
        )
    return SearchResult(query=text, total=total, suggestion=None, hits=hits)


def _snippet(
    ws: Workspace, article_id: str, text: str, stems: set[str]
) -> tuple[str, list[tuple[int, int]]]:
    psearcher = ws.index.searcher(PASSAGES)
    parser = QueryParser("text", psearcher.schema)
    pquery = parser.parse(text)
    results = psearcher.search(pquery, limit=1, filter=Or([Term("article_id", article_id)]))
    if len(results):
        passage = results[0]["text"]
    else:
        docs = ws.index.passage_doc(article_id)
        passage = docs[0]["text"] if docs else ""
    return passage, highlight_spans(passage, stems)


def marked(snippet: str, spans: list[tuple[int, int]]) -> str:
    """The snippet with each matched span wrapped in ⟦ ⟧ (for plain-text output)."""
    out, last = [], 0
    for start, end in spans:
        out.append(snippet[last:start])
        out.append(MARK_OPEN + snippet[start:end] + MARK_CLOSE)
        last = end
    out.append(snippet[last:])
    return "".join(out)
