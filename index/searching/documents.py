"""An article as the index's documents: its article document (fields and
snippet record) and its passage document."""

from __future__ import annotations

import contextlib
from datetime import datetime
from typing import Any

from hollywood_ai.index.model import Article
from hollywood_ai.index.searching.schema import outlet_field
from hollywood_ai.index.text.passage_analysis import analysed_passages
from hollywood_ai.index.text.storywords import encode_counts, words


def article_document(article: Article) -> dict[str, Any]:
    published = None
    if article.published:
        with contextlib.suppress(ValueError):
            published = datetime.fromisoformat(article.published)
    doc: dict[str, Any] = {
        "id": article.id,
        "title": article.title,
        "body": article.body,
        "outlet": outlet_field(article.outlet, article.via),
        "author": article.author or "",
        "tags": ",".join(t.replace(",", " ") for t in article.tags),
        "sort_title": article.title.casefold(),
        "url": article.url,
        "via_url": article.via_url,
        "origin": article.origin,
        "checksum": article.checksum,
        "storywords": encode_counts(article.checksum, words(article.title, article.body)),
    }
    if published is not None:
        doc["published"] = published
    doc["pubsort"] = int(published.strftime("%Y%m%d")) if published is not None else 0
    return doc


def passage_documents(article: Article) -> tuple[list[dict[str, Any]], bytes]:
    """An article's passages with what compare needs of each (its analysed
    words with counts, whether it holds a figure, a date, a name), analysed
    once here rather than every time a story is compared; and its snippet
    record (see snippet_record)."""
    analysed = analysed_passages(article, remember=False)
    pmap: dict[str, list[int]] = {}
    records = []
    for i, a in enumerate(analysed):
        for term in a.terms:
            where = pmap.get(term)
            if where is None:
                pmap[term] = [i]
            else:
                where.append(i)
        p = a.passage
        flags = (a.has_quantity and 1) | (a.has_date and 2) | (a.has_person and 4)
        records.append((p.text, p.start, p.end, p.kind, p.section, dict(a.terms), flags))
    doc = {"article_id": article.id, "checksum": article.checksum, "passages": records}
    return [doc], snippet_record([r[0] for r in records], pmap)


#: Separators in a snippet record: between passages, and before the word table.
PASSAGE_SEP = "\x1e"
TABLE_SEP = "\x1d"


def snippet_record(texts: list[str], pmap: dict[str, list[int]]) -> bytes:
    """An article's passages and, for each analysed word, the passages holding
    it, as one string: the texts joined by PASSAGE_SEP, then TABLE_SEP, then a
    line per word, "\\nword\\t0,3,7". A snippet finds a query word's line
    with one str.find instead of unpickling the whole table. (Article text
    has no control characters: ingestion strips them.)"""
    table = "".join(f"\n{term}\t{','.join(map(str, where))}" for term, where in pmap.items())
    joined = PASSAGE_SEP.join(texts)
    if TABLE_SEP in joined or joined.count(PASSAGE_SEP) != max(len(texts) - 1, 0):
        clean = (t.replace(PASSAGE_SEP, " ").replace(TABLE_SEP, " ") for t in texts)
        joined = PASSAGE_SEP.join(clean)
    return (joined + TABLE_SEP + table + "\n").encode("utf-8")


def documents(article: Article) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    passage_docs, snippets = passage_documents(article)
    return {**article_document(article), "snippets": snippets}, passage_docs
