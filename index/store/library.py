"""The library: one JSON file per article under HOME/library, written atomically.

The library is the source of truth; the index can always be rebuilt from it.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, overload

from hollywood_ai.index.errors import HollywoodError
from hollywood_ai.index.model import Article, short_hash, url_key
from hollywood_ai.index.store.durable import atomic_write, describe_os_error

log = logging.getLogger(__name__)

KEYS_FILE = "library-keys.json"  # in the home, beside the library folder
KEYS_VERSION = 1  # bump when content_key changes


def content_key(body: str) -> str:
    """What makes two texts the same article: their words, in order, case aside."""
    return short_hash(" ".join(re.findall(r"\w+", body.casefold())), 16)


@dataclass
class DedupKeys:
    """Per article: the content key and the canonical URL, for telling a new
    article from one already stored without reading every article."""

    content: dict[str, str] = field(default_factory=dict)  # content key -> id
    urls: dict[str, str] = field(default_factory=dict)  # url_key -> id
    ids: set[str] = field(default_factory=set)
    damaged: list[str] = field(default_factory=list)
    read: int = 0  # article files read (the ones the key file did not know)


@dataclass
class LoadReport:
    articles: list[Article] = field(default_factory=list)
    damaged: list[str] = field(default_factory=list)


_ID = re.compile(r"[0-9a-f]{4,64}")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_OPTIONAL_TEXT = (
    "origin",
    "outlet",
    "via",
    "via_url",
    "author",
    "published",
    "url",
    "language",
    "checksum",
)


def _checked(data: dict[str, Any], path: Path) -> dict[str, Any]:
    """An article file's fields with their types checked. Without a text id,
    title and body the file is damaged (ValueError: skipped and named); any
    other field of the wrong type (a number or a list for a date, a string
    for the tags) is left out with a warning, and the article kept."""
    if not all(isinstance(data.get(key), str) for key in ("id", "title", "body")):
        raise ValueError("no text id, title or body")
    data = dict(data)
    dropped = [
        key
        for key in _OPTIONAL_TEXT
        if data.get(key) is not None
        and not (
            isinstance(data[key], str) and (key != "published" or _ISO_DATE.fullmatch(data[key]))
        )
    ]
    tags = data.get("tags")
    if tags is not None and not (isinstance(tags, list) and all(isinstance(t, str) for t in tags)):
        dropped.append("tags")
    for key in dropped:
        data.pop(key)
    if dropped:
        log.warning(
            "the library file %s has %s of the wrong type, left out; add the article "
            "again to restore it",
            path,
            ", ".join(f"'{key}'" for key in dropped),
        )
    return data


def valid_id(article_id: str) -> bool:
    """An article id, or a prefix of one: lower-case hexadecimal, 4 to 64
    characters. Nothing else ever names a file (no '..', no '/')."""
    return bool(_ID.fullmatch(article_id))


def _regular_file_bytes(path: Path) -> bytes:
    """The bytes of ``path``, refused (ValueError) unless it is a regular
    file: opened without blocking, so a FIFO or a device by the name of an
    article file never holds the command up."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise ValueError(f"{path.name} is not a regular file")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read()
    finally:
        os.close(fd)


class Library:
    def __init__(self, root: Path) -> None:
        self.root = root
        self._keys: dict[str, list[Any]] | None = None  # the key file, as last read or written

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
        # Names, not Paths: a Path per file (hundreds of bytes each, made
        # between the ids that are kept) would leave a large library's
        # rebuild holding memory it no longer uses.
        try:
            names = os.listdir(self.root)
        except OSError:
            return []
        return sorted(
            n.removesuffix(".json") for n in names if n.endswith(".json") and not n.startswith(".")
        )

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
        data = json.loads(_regular_file_bytes(path).decode("utf-8"))
        if not isinstance(data, dict):
            raise ValueError("not an object")
        return Article.from_dict(_checked(data, path))

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

    # ------------------------------------------------------------ dedup keys

    def keys_path(self) -> Path:
        return self.root.parent / KEYS_FILE

    def dedup_keys(self) -> DedupKeys:
        """The content key and URL of every stored article.

        They come from the key file kept beside the library, for each article
        file whose size and modification time are the ones recorded there; any
        other file (added by a process that did not update the key file,
        replaced, new) is read and the key file brought up to date, atomically.
        So adding to a large library reads one small file and lists a folder,
        not every article; a stale or lost key file only costs re-reading."""
        cached = self._read_keys()
        fresh: dict[str, list[Any]] = {}
        keys = DedupKeys()
        try:
            entries = list(os.scandir(self.root))
        except OSError:
            entries = []
        for entry in entries:
            if not entry.name.endswith(".json") or entry.name.startswith("."):
                continue
            try:
                st = entry.stat()
            except OSError:
                continue
            old = cached.get(entry.name)
            if old and old[:2] == [st.st_mtime_ns, st.st_size]:
                fresh[entry.name] = old
                continue
            try:
                article = self._read(Path(entry.path))
            except (OSError, ValueError, KeyError, TypeError):
                keys.damaged.append(entry.name)
                continue
            keys.read += 1
            fresh[entry.name] = [
                st.st_mtime_ns,
                st.st_size,
                article.id,
                content_key(article.body),
                article.url,
            ]
        for _, _, article_id, key, url in fresh.values():
            keys.ids.add(article_id)
            keys.content.setdefault(key, article_id)
            if url:
                keys.urls.setdefault(url_key(str(url)), article_id)
        if fresh != cached:
            self._write_keys(fresh)
        self._keys = fresh
        return keys

    def note_keys(self, articles: list[Article]) -> None:
        """Record the keys of articles just stored (after dedup_keys)."""
        fresh = dict(self._keys if self._keys is not None else self._read_keys())
        for article in articles:
            path = self.path_for(article.id)
            try:
                st = path.stat()
            except OSError:
                continue
            fresh[path.name] = [
                st.st_mtime_ns,
                st.st_size,
                article.id,
                content_key(article.body),
                article.url,
            ]
        self._write_keys(fresh)
        self._keys = fresh

    def _read_keys(self) -> dict[str, list[Any]]:
        try:
            data = json.loads(self.keys_path().read_text(encoding="utf-8"))
            if data.get("version") != KEYS_VERSION or not isinstance(data.get("files"), dict):
                return {}
            return {
                str(name): list(row)
                for name, row in data["files"].items()
                if isinstance(row, list) and len(row) == 5
            }
        except (OSError, ValueError, AttributeError, TypeError):
            return {}

    def _write_keys(self, files: dict[str, list[Any]]) -> None:
        data = json.dumps({"version": KEYS_VERSION, "files": files}, ensure_ascii=False)
        with contextlib.suppress(OSError):  # a cache: without it, the next add reads more
            atomic_write(self.keys_path(), data.encode("utf-8"))

    def listed_order(self) -> list[str]:
        """Every readable article's id in the listing's order (newest first,
        then by title), the files read one at a time and only their dates and
        titles kept: what a rebuild needs when no listing is kept, without
        the library's bodies in memory at once."""
        keys = []
        for article_id in self.ids():
            article = self.get(article_id)
            if article is not None:
                keys.append((article.published or "", article.title.casefold(), article_id))
        keys.sort(key=lambda k: k[1])
        keys.sort(key=lambda k: k[0], reverse=True)
        return [k[2] for k in keys]

    def in_order(self, order: list[str]) -> tuple[StoredArticles, list[str]]:
        """Every article, ``order`` first (the ids of a listing that follows
        the library), to be read one at a time, and the damaged files' names.
        A file the listing does not hold is one it could not read: added if
        it reads now, reported as damaged if not."""
        listed = set(order)
        order = list(order)
        damaged = []
        for stem in self.ids():
            if stem not in listed:
                if self.get(stem) is None:
                    damaged.append(f"{stem}.json")
                else:
                    order.append(stem)
        return StoredArticles(self.root, order), damaged

    def clean_temporaries(self) -> None:
        """Half-written files left by a process killed mid-write."""
        if not self.root.is_dir():
            return
        for tmp in self.root.glob(".*.tmp"):
            with contextlib.suppress(OSError):
                tmp.unlink()


class StoredArticles(Sequence[Article]):
    """Articles of the library in a given order, each read from its file when
    it is reached: what a rebuild walks through, so that the library's bodies
    are never all in memory at once (a slice is another such sequence, and
    pickles as the folder and the ids). An article whose file is gone or
    damaged by then is left out (``missing`` counts them)."""

    def __init__(self, root: Path, ids: Sequence[str]) -> None:
        self.root = root
        self.ids = list(ids)
        self.missing = 0

    def __len__(self) -> int:
        return len(self.ids)

    @overload
    def __getitem__(self, index: int) -> Article: ...

    @overload
    def __getitem__(self, index: slice) -> StoredArticles: ...

    def __getitem__(self, index: int | slice) -> Article | StoredArticles:
        if isinstance(index, slice):
            return StoredArticles(self.root, self.ids[index])
        article = Library(self.root).get(self.ids[index])
        if article is None:
            raise KeyError(self.ids[index])
        return article

    def __iter__(self) -> Iterator[Article]:
        library = Library(self.root)
        for article_id in self.ids:
            article = library.get(article_id)
            if article is None:
                self.missing += 1
                continue
            yield article
