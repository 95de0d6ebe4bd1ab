"""What the index stores, read back: counts, an article's passages record,
the listing's summaries, the story words counted at indexing. A part of
SearchIndex (generations.py), which gives it its searchers and lock."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from hollywood_ai.index.model import Article
from hollywood_ai.index.searching.opened import tables
from hollywood_ai.index.searching.schema import ARTICLES, PASSAGES, STORY_TABLES, outlet_parts

if TYPE_CHECKING:
    import threading

    from hollywood_ai.index.searching.opened import GenerationSearcher


class StoredReads:
    _lock: threading.RLock

    def searcher(self, which: str = ARTICLES) -> GenerationSearcher:
        raise NotImplementedError

    def _current_name(self) -> str | None:
        raise NotImplementedError

    def _gen_dir(self, name: str) -> Path:
        raise NotImplementedError

    def doc_count(self) -> int:
        return int(self.searcher(ARTICLES).doc_count())

    def passage_record(self, article_id: str) -> dict[str, Any] | None:
        """The stored passages document of an article (see _passage_docs)."""
        with self._lock:
            doc = self.searcher(PASSAGES).document(article_id=article_id)
        return dict(doc) if doc else None

    def story_records(self, keys: list[tuple[str, str]]) -> dict[tuple[str, str], bytes]:
        """The story words counted when each (id, checksum) was indexed, as the
        index keeps them (text/storywords.py), for those it holds as they are
        now. One pass over the column: a record names its article's checksum,
        which is a digest of the whole article, id included, so no id is looked
        up (50,000 look-ups took longer than the grouping itself)."""
        wanted = {checksum: (article_id, checksum) for article_id, checksum in keys}
        out: dict[tuple[str, str], bytes] = {}
        with self._lock:
            s = self.searcher(ARTICLES)
            reader = s.reader()
            if not reader.has_column("storywords"):
                return out
            column = tables(s).values.fetch(
                "storywords", lambda: reader.column_reader("storywords")
            )
            for docnum in reader.all_doc_ids():  # live documents only
                record = column[docnum]
                head = record[: record.find(b"\n")] if b"\n" in record else record
                checksum = head.partition(b"\t")[2].decode("ascii", "replace")
                key = wanted.get(checksum)
                if key is not None:
                    out[key] = record
        return out

    def story_tables(self) -> list[Path]:
        """The files of the story-word tables the rebuild that made the live
        generation wrote (text/wordtables.py), in the library's order: the
        words of every article it indexed, numbered, read by a first grouping
        instead of the records. An article indexed since is in the records
        alone."""
        name = self._current_name()
        return sorted(self._gen_dir(name).glob(STORY_TABLES)) if name is not None else []

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
