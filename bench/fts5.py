"""The yardstick: the same corpus in SQLite FTS5 (porter tokenizer, bm25
ranking with the title weighted, snippet()), queried the same way."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from hollywood_ai.index.model import Article

SCHEMA = """
CREATE VIRTUAL TABLE articles USING fts5(
    id UNINDEXED, title, body, outlet, author, tags, published UNINDEXED,
    tokenize = 'porter unicode61 remove_diacritics 2'
);
"""
# bm25() weights per column, in order: id, title, body, outlet, author, tags, published.
WEIGHTS = "0, 2.5, 1.0, 1.5, 1.5, 1.2, 0"


class Fts5:
    def __init__(self, path: Path | str = ":memory:") -> None:
        self.path = path
        self.db = sqlite3.connect(str(path))

    def build(self, articles: list[Article]) -> None:
        self.db.executescript("DROP TABLE IF EXISTS articles;" + SCHEMA)
        with self.db:
            self.db.executemany(
                "INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        a.id,
                        a.title,
                        a.body,
                        a.outlet or "",
                        a.author or "",
                        " ".join(a.tags),
                        a.published or "",
                    )
                    for a in articles
                ],
            )

    def add(self, article: Article) -> None:
        with self.db:
            self.db.execute(
                "INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    article.id,
                    article.title,
                    article.body,
                    article.outlet or "",
                    article.author or "",
                    " ".join(article.tags),
                    article.published or "",
                ),
            )

    def size_bytes(self) -> int:
        if self.path == ":memory:":
            return int(
                self.db.execute(
                    "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()"
                ).fetchone()[0]
            )
        return Path(self.path).stat().st_size

    @staticmethod
    def translate(query: str) -> tuple[str | None, str, tuple[str, ...]]:
        """Our query syntax to an FTS5 MATCH expression plus a date condition."""
        where: str = ""
        params: tuple[str, ...] = ()
        m = re.search(r"published:\[(\S+) TO (\S+)\]", query)
        if m:
            where, params = " AND published BETWEEN ? AND ?", (m.group(1), m.group(2))
            query = query.replace(m.group(0), "")
        m = re.search(r"published:(\d{4}(?:-\d\d)?(?:-\d\d)?)", query)
        if m:
            where, params = " AND published LIKE ?", (m.group(1) + "%",)
            query = query.replace(m.group(0), "")
        query = re.sub(r"\b(title|body|outlet|author|tags):", r"\1 : ", query).strip()
        return (query or None), where, params

    def search(self, query: str, limit: int = 20) -> tuple[int, list[tuple[str, str, str]]]:
        match, where, params = self.translate(query)
        if match is None:
            total = self.db.execute(
                f"SELECT count(*) FROM articles WHERE 1{where}", params
            ).fetchone()[0]
            rows = self.db.execute(
                f"SELECT id, title, substr(body, 1, 200) FROM articles WHERE 1{where} "
                "ORDER BY published DESC LIMIT ?",
                (*params, limit),
            ).fetchall()
            return total, rows
        total = self.db.execute(
            f"SELECT count(*) FROM articles WHERE articles MATCH ?{where}", (match, *params)
        ).fetchone()[0]
        rows = self.db.execute(
            f"SELECT id, title, snippet(articles, 2, '⟦', '⟧', '…', 32) FROM articles "
            f"WHERE articles MATCH ?{where} ORDER BY bm25(articles, {WEIGHTS}) LIMIT ?",
            (match, *params, limit),
        ).fetchall()
        return total, rows
