"""Adding articles: files, folders, web pages, URLs, feeds and standard input.

Every input is read and parsed first; each one that fails gets one sentence
naming it and the reason, and the others go on. The articles that made it are
stored in the library (durably) and then indexed, in one batch. The same
article added twice (same canonical URL, or the same text) is reported as a
duplicate, not stored again.
"""

from __future__ import annotations

import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hollywood_ai.index.errors import HollywoodError
from hollywood_ai.index.ingest.decode import decode_document
from hollywood_ai.index.ingest.documents import parse_document
from hollywood_ai.index.ingest.inputs import (
    FEED_SUFFIXES,
    HTML_SUFFIXES,
    SUFFIXES,
    SURROGATE,
    TEXT_SUFFIXES,
    folder_files,
    shown_name,
    unreachable,
)
from hollywood_ai.index.ingest.parsed import MAX_ARTICLE_BYTES, Parsed
from hollywood_ai.index.model import Article, url_key
from hollywood_ai.index.store.library import DedupKeys, content_key
from hollywood_ai.index.workspace import Workspace

if TYPE_CHECKING:
    from hollywood_ai.index.ingest.feeds import FeedEntry

MAX_FILE_BYTES = MAX_ARTICLE_BYTES
MIN_WORDS = 5  # different words: fewer is a scrap, not an article


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
    from hollywood_ai.index.ingest.urls import is_web_url

    return is_web_url(text)


class _Adder:
    def __init__(self, ws: Workspace, stdin: bytes | None, allow_private: bool = False) -> None:
        self.ws = ws
        self.stdin = stdin
        # A feed is someone else's content: its pages come from public addresses only.
        self.allow_private = allow_private
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
            or (self.urls.get(url_key(article.url)) if article.url else None)
            or self.keys.get(key)
        )
        if same:
            self.report.duplicates.append({"id": same, "origin": origin})
            return
        self.ids.add(article.id)
        if article.url:
            self.urls[url_key(article.url)] = article.id
        self.keys[key] = article.id
        self.pending.append(article)
        self.report.added.append({"id": article.id, "title": article.title, "origin": origin})
        for w in warnings or []:
            self.report.warnings.append({"input": origin, "warning": w})

    def stored_meanwhile(self, article: Article, known: DedupKeys) -> bool:
        """Is this article (accepted as new) in the library after all, stored by
        another process since? Then it is reported as a duplicate of that one."""
        same = (
            (article.id if article.id in known.ids else None)
            or (known.urls.get(url_key(article.url)) if article.url else None)
            or known.content.get(content_key(article.body))
        )
        if not same:
            return False
        self.report.added = [r for r in self.report.added if r["id"] != article.id]
        self.report.duplicates.append({"id": same, "origin": article.origin})
        return True

    def settle(self, stored: list[Article], error: str | None) -> None:
        """Stopped while storing: only the articles in ``stored`` are reported
        added; with an error, each other one failed with it (an error of the
        index, after every article was stored, is a warning)."""
        done = {a.id for a in stored}
        left = [r for r in self.report.added if r["id"] not in done]
        self.report.added = [r for r in self.report.added if r["id"] in done]
        if error is None:
            return
        if not left:
            self.report.warnings.append({"input": "the index", "warning": error})
        for row in left:
            self.fail(row["origin"], f"{row['origin']} was not stored: {error}")

    # -------------------------------------------------------------- inputs

    def expand(self, inputs: list[str]) -> Iterator[str]:
        for item in inputs:
            if item == "-" or _is_url(item):
                yield item
                continue
            path = Path(item).expanduser()
            try:
                folder = stat.S_ISDIR(path.stat().st_mode)
            except OSError:
                folder = False  # add_file says why it cannot be read
            if folder:
                failed = len(self.report.failed)
                listing = folder_files(path)
                self.report.skipped += [{"input": n, "reason": r} for n, r in listing.skipped]
                for name, message in listing.failed:
                    self.fail(name, message)
                found = listing.found
                if not found and len(self.report.failed) == failed:
                    shown = shown_name(item)
                    self.fail(shown, f"the folder {shown} holds no .md, .txt or .html files")
                yield from (str(p) for p in found)
            else:
                yield item

    def add_one(self, item: str) -> None:
        shown = shown_name(item)
        try:
            if item == "-":
                data = self.stdin if self.stdin is not None else b""
                self.add_bytes(data, "stdin", None)
            elif _is_url(item):
                self.add_url(item)
            else:
                self.add_file(Path(item).expanduser(), shown)
        except HollywoodError as exc:
            self.fail(shown, str(exc))

    def add_file(self, path: Path, shown: str) -> None:
        """Add one file; ``shown`` is its name as text (the bytes of a name
        that are not UTF-8 shown as U+FFFD), for the messages and the origin."""
        try:
            st = path.stat()
        except OSError as exc:
            raise HollywoodError(unreachable(path, shown, exc)) from None
        if not stat.S_ISREG(st.st_mode):
            raise HollywoodError(f"{shown} is not a file or a folder")
        size = st.st_size
        if size > MAX_FILE_BYTES:
            raise HollywoodError(
                f"{shown} is larger than {MAX_FILE_BYTES // 2**20} MB, too large for an article"
            )
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise HollywoodError(f"{shown} cannot be read ({exc.strerror})") from None
        suffix: str | None = path.suffix.lower()
        if suffix == ".gz":  # a saved page.html.gz: read within the cap, as its inner kind
            from hollywood_ai.index.ingest.decode import gunzip

            data = gunzip(data, shown, MAX_FILE_BYTES)
            suffix = Path(path.stem).suffix.lower() or None
        self.add_bytes(data, shown, suffix)
        if SURROGATE.search(str(path)):
            self.report.warnings.append(
                {"input": shown, "warning": "its name is not UTF-8 text, kept with � for the bytes"}
            )

    def add_url(self, url: str) -> None:
        import time

        from hollywood_ai.index.ingest.fetch import fetch

        started = time.monotonic()
        got = fetch(url)
        self.add_bytes(
            got.data,
            url,
            None,
            url=got.url,
            content_type=got.content_type,
            charset=got.charset,
            started=started,
        )

    def add_bytes(
        self,
        data: bytes,
        source: str,
        suffix: str | None,
        url: str | None = None,
        content_type: str | None = None,
        charset: str | None = None,
        started: float | None = None,
    ) -> None:
        """``started``: when a fetched feed's import began, for its deadline."""
        from hollywood_ai.index.ingest.feeds import looks_like_feed, looks_like_json, parse_feed
        from hollywood_ai.index.ingest.html import (
            distinct_words,
            looks_like_html,
            looks_like_html_text,
            parse_html,
        )

        if len(data) > MAX_FILE_BYTES:
            raise HollywoodError(
                f"{source} is larger than {MAX_FILE_BYTES // 2**20} MB, too large for an article"
            )
        if looks_like_feed(data):  # by content: feeds come as .xml, .json, text/xml, anything
            self.accept_entries(
                parse_feed(data, source, fetch_page=self._fetch_page, started=started)
            )
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
            # A .txt holding a page's source is the page (Markdown may hold HTML).
            or (suffix in (".txt", ".text") and looks_like_html_text(text))
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
            parsed.meta.take_url(url)
        self.accept(parsed, url or source, warnings + parsed.meta.warnings)

    def accept_entries(self, entries: list[FeedEntry]) -> None:
        """A feed's entries, each accepted or failed on its own."""
        from hollywood_ai.index.ingest.html import distinct_words

        for entry in entries:
            words = distinct_words(entry.parsed.body) if entry.parsed else 0
            if entry.parsed is None:
                self.fail(entry.origin, entry.error or "the entry could not be read")
            elif words < MIN_WORDS:
                self.fail(
                    entry.origin,
                    f"the entry {entry.origin} holds too little text to be an article "
                    f"({words} different words)",
                )
            else:
                try:
                    self.accept(entry.parsed, entry.origin, entry.warnings)
                except HollywoodError as exc:  # this entry alone (too large once read)
                    self.fail(entry.origin, str(exc))

    def _fetch_page(self, link: str, left: float) -> Parsed:
        """A feed entry's page, within the feed's ``left`` seconds (run on a
        worker thread: it touches nothing of the adder's)."""
        from hollywood_ai.index.ingest import fetch
        from hollywood_ai.index.ingest.html import parse_html

        got = fetch.fetch(
            link, deadline=min(fetch.DEADLINE, left), allow_private=self.allow_private
        )
        text, warnings = decode_document(got.data, link, got.charset)
        parsed = parse_html(text, got.url)
        parsed.meta.warnings.extend(warnings)
        if not parsed.meta.url:
            parsed.meta.url = got.url
        return parsed


def add(
    ws: Workspace,
    inputs: list[str],
    progress: AddProgress | None = None,
    stdin: bytes | None = None,
    allow_private: bool = False,
) -> AddReport:
    """Add every input; store what could be read; report each outcome.
    ``allow_private``: a feed's pages may come from private and loopback
    addresses too (a URL given here is always fetched as asked)."""
    adder = _Adder(ws, stdin, allow_private)
    items = list(adder.expand(inputs))
    for i, item in enumerate(items, 1):
        if progress:
            progress(i, len(items), item)
        adder.add_one(item)
    if adder.pending:
        _store(adder)
    return adder.report


class AddInterrupted(KeyboardInterrupt):
    """Ctrl-C while the articles were being stored: ``report`` says which were."""

    def __init__(self, report: AddReport, wanted: int) -> None:
        super().__init__()
        self.report = report
        self.wanted = wanted  # the new articles that were to be stored


def _store(adder: _Adder) -> None:
    """Store the articles read, deciding duplicates again under the write lock
    (another process may have stored the same article since they were read),
    and report exactly the ones stored, even when stopped mid-way."""
    ws = adder.ws
    stored: list[Article] = []
    fresh: list[Article] = []
    try:
        with ws.writing():
            known = ws.library.dedup_keys()
            fresh = [a for a in adder.pending if not adder.stored_meanwhile(a, known)]
            ws.store(fresh, stored)
            ws.library.note_keys(fresh)
    except KeyboardInterrupt:
        # Also by the library itself: the interrupt may land between a put and
        # its note in ``stored`` (none of these ids was in it, under the lock).
        done = {a.id for a in stored}
        there = [a for a in fresh if a.id in done or ws.library.path_for(a.id).is_file()]
        wanted = len(adder.report.added)
        adder.settle(there, None)
        raise AddInterrupted(adder.report, wanted) from None
    except HollywoodError as exc:
        adder.settle(stored, str(exc))
