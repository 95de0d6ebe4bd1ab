"""The library: one JSON file per article under HOME/library, written atomically.

The library is the source of truth; the index can always be rebuilt from it.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from hollywood_ai.index.errors import HollywoodError
from hollywood_ai.index.fsutil import atomic_write, describe_os_error
from hollywood_ai.index.model import Article


@dataclass
class LoadReport:
    articles: list[Article] = field(default_factory=list)
    damaged: list[str] = field(default_factory=list)


class Library:
    def __init__(self, root: Path) -> None:
        self.root = root

    def path_for(self, article_id: str) -> Path:
        return self.root / f"{article_id}.json"

    def ids(self) -> list[str]:
        if not self.root.is_dir():
            return []
        return sorted(p.stem for p in self.root.glob("*.json") if not p.name.startswith("."))

    def load_all(self) -> LoadReport:
        """Every article; a damaged file is reported by name and skipped."""
        report = LoadReport()
        for article_id in self.ids():
            path = self.path_for(article_id)
            try:
                report.articles.append(self._read(path))
            except (OSError, ValueError, KeyError, TypeError):
                report.damaged.append(path.name)
        return report

    def _read(self, path: Path) -> Article:
        with path.open(encoding="utf-8") as handle:
            data = json.load(handle)
        if not isinstance(data, dict):
            raise ValueError("not an object")
        return Article.from_dict(data)

    def get(self, article_id: str) -> Article | None:
        path = self.path_for(article_id)
        if not path.is_file():
            return None
        try:
            return self._read(path)
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def contains(self, article_id: str) -> bool:
        return self.path_for(article_id).is_file()

    def put(self, article: Article) -> None:
        data = json.dumps(article.to_dict(with_body=True), ensure_ascii=False, indent=1)
        path = self.path_for(article.id)
        try:
            atomic_write(path, data.encode("utf-8"))
        except OSError as exc:
            raise HollywoodError(describe_os_error(exc, path)) from None

    def remove(self, article_id: str) -> bool:
        path = self.path_for(article_id)
        try:
            os.unlink(path)
        except FileNotFoundError:
            return False
        except OSError as exc:
            raise HollywoodError(describe_os_error(exc, path)) from None
        return True

    def clean_temporaries(self) -> None:
        """Half-written files left by a process killed mid-write."""
        if not self.root.is_dir():
            return
        for tmp in self.root.glob(".*.tmp"):
            with contextlib.suppress(OSError):
                tmp.unlink()
