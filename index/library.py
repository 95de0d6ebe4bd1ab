"""The library: one JSON file per article under HOME/library, written atomically.

The library is the source of truth; the index can always be rebuilt from it.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from hollywood_ai.index.errors import HollywoodError
from hollywood_ai.index.fsutil import atomic_write, describe_os_error
from hollywood_ai.index.model import Article


@dataclass
class LoadReport:
    articles: list[Article] = field(default_factory=list)
    damaged: list[str] = field(default_factory=list)


_ID = re.compile(r"[0-9a-f]{4,64}")


def valid_id(article_id: str) -> bool:
    """An article id, or a prefix of one: lower-case hexadecimal, 4 to 64
    characters. Nothing else ever names a file (no '..', no '/')."""
    return bool(_ID.fullmatch(article_id))


class Library:
    def __init__(self, root: Path) -> None:
        self.root = root

    def path_for(self, article_id: str) -> Path:
        if not valid_id(article_id):
            raise HollywoodError(
                f"'{article_id}' is not an article id (ids are hexadecimal, as "
                "'hollywood-ai list' shows them)"
            )
        return self._file(article_id)

    def _file(self, stem: str) -> Path:
        return self.root / f"{stem}.json"

    def ids(self) -> list[str]:
        if not self.root.is_dir():
            return []
        return sorted(p.stem for p in self.root.glob("*.json") if not p.name.startswith("."))

    def load_all(self) -> LoadReport:
        """Every article; a damaged file is reported by name and skipped."""
        report = LoadReport()
        for article_id in self.ids():
            path = self._file(article_id)
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
        """The article stored under this exact id (None for anything else,
        including a file whose content names another id)."""
        if not valid_id(article_id):
            return None
        path = self._file(article_id)
        if not path.is_file():
            return None
        try:
            article = self._read(path)
        except (OSError, ValueError, KeyError, TypeError):
            return None
        return article if article.id == article_id else None

    def contains(self, article_id: str) -> bool:
        return valid_id(article_id) and self._file(article_id).is_file()

    def put(self, article: Article) -> None:
        data = json.dumps(article.to_dict(with_body=True), ensure_ascii=False, indent=1)
        path = self.path_for(article.id)
        try:
            atomic_write(path, data.encode("utf-8"))
        except OSError as exc:
            raise HollywoodError(describe_os_error(exc, path)) from None

    def remove(self, article_id: str) -> bool:
        """Remove the article's file; False when there was none."""
        if not valid_id(article_id):
            return False
        path = self._file(article_id)
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
