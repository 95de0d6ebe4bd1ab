"""What the index stores, read back: counts, an article's passages record,
the listing's summaries, the story words counted at indexing. A part of
SearchIndex (generations.py), which gives it its searchers and lock."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from hollywood_ai.index.model import Article
from hollywood_ai.index.searching.opened import tables
from hollywood_ai.index.searching.schema import ARTICLES, PASSAGES, outlet_parts
from hollywood_ai.index.text.storywords import decode_counts

if TYPE_CHECKING:
    import threading

    from hollywood_ai.index.searching.opened import GenerationSearcher


class StoredReads:
    _lock: threading.RLock

    def searcher(self, which: str = ARTICLES) -> GenerationSearcher:
        raise NotImplementedError

    def doc_count(self) -> int:
        return int(self.searcher(ARTICLES).doc_count())

    def passage_record(self, article_id: str) -> dict[str, Any] | None:
        """The stored passages document of an article (see _passage_docs)."""
        with self._lock:
            doc = self.searcher(PASSAGES).document(article_id=article_id)
        return dict(doc) if doc else None

    def story_counts(self, keys: list[tuple[str, str]]) -> dict[tuple[str, str], Any]:
        """The story words counted when each (id, checksum) was indexed
        (text/storywords.py), for those the index holds as they are now."""
        out: dict[tuple[str, str], Any] = {}
        with self._lock:
            s = self.searcher(ARTICLES)
            column = tables(s).values.fetch(
                "storywords", lambda: s.reader().column_reader("storywords")
            )
            for key in keys:
                docnum = s.document_number(id=key[0])
                got = decode_counts(column[docnum]) if docnum is not None else None
                if got is not None and got[0] == key[1]:
                    out[key] = got[1]
        return out

    def summaries(self) -> list[Article]:
        """Every indexed article without its body, from the stored fields: one
        read of the index instead of one file per article."""
        out = []
        with self._lock:
            for f in self.searcher(ARTICLES).all_stored_fields():
                published = f.get("published")
                outlet, via = outlet_parts(f.get("outlet"))
                out.append(
                    Article(
                        id=f["id"],
                        title=f.get("title") or "Untitled",
                        body="",
                        origin=f.get("origin") or "",
                        outlet=outlet,
                        author=f.get("author") or None,
                        published=published.date().isoformat() if published else None,
                        url=f.get("url"),
                        via=via,
                        via_url=f.get("via_url") or None,
                        tags=tuple(t for t in (f.get("tags") or "").split(",") if t),
                        checksum=f.get("checksum") or "",
                    )
                )
        return out
