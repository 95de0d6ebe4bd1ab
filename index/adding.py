"""Adding articles: files, folders, web pages, URLs, feeds and standard input.

Every input is read and parsed first; each one that fails gets one sentence
naming it and the reason, and the others go on. The articles that made it are
stored in the library (durably) and then indexed, in one batch. The same
article added twice (same canonical URL, or the same text) is reported as a
duplicate, not stored again.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hollywood_ai.index.errors import HollywoodError
from hollywood_ai.index.ingest.decode import decode_document
from hollywood_ai.index.ingest.documents import parse_document
from hollywood_ai.index.ingest.parsed import MAX_ARTICLE_BYTES, Parsed
from hollywood_ai.index.model import Article
from hollywood_ai.index.store.library import content_key
from hollywood_ai.index.workspace import Workspace

MAX_FILE_BYTES = MAX_ARTICLE_BYTES
MIN_WORDS = 5  # different words: fewer is a scrap, not an article
TEXT_SUFFIXES = {".md", ".markdown", ".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | FEED_SUFFIXES

AddProgress = Callable[[int, int, str], None]


@dataclass
class AddReport:
    added: list[dict[str, str]] = field(default_factory=list)
    duplicates: list[dict[str, str]] = field(default_factory=list)
    failed: list[dict[str, str]] = field(default_factory=list)
    warnings: list[dict[str, str]] = field(default_factory=list)
    # Files of a folder left out on purpose (hidden, or of another kind): not failures.
    skipped: list[dict[str, str]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "added": self.added,
            "duplicates": self.duplicates,
            "failed": self.failed,
            "warnings": self.warnings,
            "skipped": self.skipped,
        }

    @property
    def ok(self) -> bool:
        return not self.failed


def _is_url(text: str) -> bool:
    return text.startswith(("http://", "https://"))


class _Adder:
    def __init__(self, ws: Workspace, stdin: bytes | None) -> None:
        self.ws = ws
        self.stdin = stdin
        self.report = AddReport()
        self.pending: list[Article] = []
        # What is stored, from the library's key file: no article is read
        # unless the key file does not know it.
        known = ws.library.dedup_keys()
        ws.damaged = sorted(set(ws.damaged) | set(known.damaged))
        self.ids = known.ids
        self.urls = known.urls
        self.keys = known.content

    # ------------------------------------------------------------ outcomes

    def fail(self, source: str, message: str) -> None:
        """One failure: a sentence that names the input (prefixed when the
        reason alone does not, e.g. "the page holds too little text")."""
        names = [source, "stdin", "standard input"] if source == "-" else [source]
        if not any(name in message for name in names):
            shown = "standard input" if source == "-" else source
            message = f"cannot add {shown}: {message}"
        self.report.failed.append({"input": source, "error": message})

    def skip(self, source: str, reason: str) -> None:
        self.report.skipped.append({"input": source, "reason": reason})

    def accept(self, parsed: Parsed, origin: str, warnings: list[str] | None = None) -> None:
        article = parsed.article(origin)
        key = content_key(article.body)
        same = (
            (article.id if article.id in self.ids else None)
            or (self.urls.get(article.url.lower()) if article.url else None)
            or self.keys.get(key)
        )
        if same:
            self.report.duplicates.append({"id": same, "origin": origin})
            return
        self.ids.add(article.id)
        if article.url:
            self.urls[article.url.lower()] = article.id
        self.keys[key] = article.id
        self.pending.append(article)
        self.report.added.append({"id": article.id, "title": article.title, "origin": origin})
        for w in warnings or []:
            self.report.warnings.append({"input": origin, "warning": w})

    # -------------------------------------------------------------- inputs

    def expand(self, inputs: list[str]) -> Iterator[str]:
        for item in inputs:
            if item == "-" or _is_url(item):
                yield item
                continue
            path = Path(item).expanduser()
            if path.is_dir():
                found = self._folder_files(path)
                if not found:
                    self.fail(item, f"the folder {item} holds no .md, .txt or .html files")
                yield from (str(p) for p in found)
            else:
                yield item

    def _folder_files(self, folder: Path) -> list[Path]:
        """The files of a folder, recursively, that can be added. Hidden files
        and folders (names starting with a dot, below the folder given: the
        folder itself may be '..' or sit inside a hidden one) and files of
        other kinds are reported as skipped."""
        found: list[Path] = []
        for root, dirs, files in os.walk(folder):
            here = Path(root)
            for name in sorted(dirs):
                if name.startswith("."):
                    self.skip(str(here / name), "a hidden folder")
                elif (here / name).is_symlink():  # os.walk does not follow these
                    self.skip(str(here / name), "a link to a folder, not followed")
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                p = here / name
                if name.startswith("."):
                    self.skip(str(p), "a hidden file")
                elif p.suffix.lower() not in SUFFIXES:
                    self.skip(str(p), "not a .md, .markdown, .txt, .html or feed file")
                elif not p.is_file():
                    self.skip(str(p), "not a regular file")
                else:
                    found.append(p)
        return sorted(found)

    def add_one(self, item: str) -> None:
        try:
            if item == "-":
                data = self.stdin if self.stdin is not None else b""
                self.add_bytes(data, "stdin", None)
            elif _is_url(item):
                self.add_url(item)
            else:
                self.add_file(Path(item).expanduser(), item)
        except HollywoodError as exc:
            self.fail(item, str(exc))

    def add_file(self, path: Path, shown: str) -> None:
        if not path.exists():
            raise HollywoodError(f"{shown} does not exist; check the path")
        if not path.is_file():
            raise HollywoodError(f"{shown} is not a file or a folder")
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise HollywoodError(
                f"{shown} is larger than {MAX_FILE_BYTES // 2**20} MB, too large for an article"
            )
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise HollywoodError(f"{shown} cannot be read ({exc.strerror})") from None
        self.add_bytes(data, shown, path.suffix.lower())

    def add_url(self, url: str) -> None:
        from hollywood_ai.index.ingest.fetch import fetch

        got = fetch(url)
        self.add_bytes(
            got.data, url, None, url=got.url, content_type=got.content_type, charset=got.charset
        )

    def add_bytes(
        self,
        data: bytes,
        source: str,
        suffix: str | None,
        url: str | None = None,
        content_type: str | None = None,
        charset: str | None = None,
    ) -> None:
        from hollywood_ai.index.ingest.feeds import looks_like_feed, looks_like_json, parse_feed
        from hollywood_ai.index.ingest.html import distinct_words, looks_like_html, parse_html

        if len(data) > MAX_FILE_BYTES:
            raise HollywoodError(
                f"{source} is larger than {MAX_FILE_BYTES // 2**20} MB, too large for an article"
            )
        if looks_like_feed(data):  # by content: feeds come as .xml, .json, text/xml, anything
            for entry in parse_feed(data, source, fetch_page=self._fetch_page):
                if entry.parsed is None:
                    self.fail(entry.origin, entry.error or "the entry could not be read")
                else:
                    self.accept(entry.parsed, entry.origin, entry.warnings)
            return
        xml_type = (content_type or "").endswith("xml") and content_type not in (
            "application/xhtml+xml",
        )
        if suffix in FEED_SUFFIXES or xml_type:
            raise HollywoodError(f"{source} is XML but not an RSS or Atom feed")
        if (suffix == ".json" or (content_type or "").endswith("json")) and looks_like_json(data):
            raise HollywoodError(
                f"{source} is JSON but not a JSON Feed; add an article, a page or a feed"
            )
        text, warnings = decode_document(data, source, charset)
        if (
            suffix in HTML_SUFFIXES
            or content_type in ("text/html", "application/xhtml+xml")
            or (suffix not in TEXT_SUFFIXES and looks_like_html(text))
        ):
            parsed = parse_html(text, url)
            if url and not parsed.meta.url:
                parsed.meta.url = url
            self.accept(parsed, url or source, warnings)
            return
        if suffix is not None and suffix not in SUFFIXES and not url and source != "stdin":
            raise HollywoodError(f"{source} is not a .md, .txt or .html file")
        parsed = parse_document(text, suffix)
        if distinct_words(parsed.body) < MIN_WORDS:
            raise HollywoodError(
                f"{source} holds too little text to be an article "
                f"({distinct_words(parsed.body)} different words)"
            )
        if url and not parsed.meta.url:
            parsed.meta.url = url
            parsed = _refresh(parsed)
        self.accept(parsed, url or source, warnings + parsed.meta.warnings)

    def _fetch_page(self, link: str) -> Parsed:
        from hollywood_ai.index.ingest.fetch import fetch
        from hollywood_ai.index.ingest.html import parse_html

        got = fetch(link)
        text, warnings = decode_document(got.data, link, got.charset)
        parsed = parse_html(text, got.url)
        parsed.meta.warnings.extend(warnings)
        if not parsed.meta.url:
            parsed.meta.url = got.url
        return parsed


def _refresh(parsed: Parsed) -> Parsed:
    from hollywood_ai.index.ingest.urls import clean_url, date_from_url, outlet_from_url

    meta = parsed.meta
    if meta.url:
        meta.url = clean_url(meta.url)
        meta.outlet = meta.outlet or outlet_from_url(meta.url)
        meta.published = meta.published or date_from_url(meta.url)
    return parsed


def add(
    ws: Workspace,
    inputs: list[str],
    progress: AddProgress | None = None,
    stdin: bytes | None = None,
) -> AddReport:
    """Add every input; store what could be read; report each outcome."""
    adder = _Adder(ws, stdin)
    items = list(adder.expand(inputs))
    for i, item in enumerate(items, 1):
        if progress:
            progress(i, len(items), item)
        adder.add_one(item)
    if adder.pending:
        ws.store(adder.pending)
        ws.library.note_keys(adder.pending)
    return adder.report
