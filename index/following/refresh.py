"""Refreshing the subscribed feeds: each fetched with a conditional GET (a
304 costs nothing), REFRESH_WORKERS at a time, within the timeouts, size caps
and deadline of any feed added by URL. Each feed's new entries are stored
and indexed as soon as it is read, as `add` stores them (each once, by its
id, link or text); the ones already taken are not read again. A feed that
fails is reported in one sentence and keeps its last good state."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from hollywood_ai.index.adding import AddReport, _Adder, _store
from hollywood_ai.index.errors import HollywoodError
from hollywood_ai.index.following import reading, state
from hollywood_ai.index.following import subscriptions as subsmod
from hollywood_ai.index.following.subscriptions import Subscription
from hollywood_ai.index.ingest import feeds, fetch
from hollywood_ai.index.ingest.feeds import FeedEntry
from hollywood_ai.index.workspace import Workspace

REFRESH_WORKERS = 4  # feeds fetched at once

#: Called as each feed is done: feeds done, feeds in all, the feed's outcome
#: and the ids of the articles stored (and indexed) since the last call; also
#: with no outcome when the feeds read are stored while others are awaited.
RefreshProgress = Callable[[int, int, "FeedOutcome | None", list[str]], None]


@dataclass
class FeedOutcome:
    url: str
    new: int = 0
    status: str = "ok"  # "ok", "not-modified" or "failed"
    error: str | None = None
    moved_to: str | None = None  # a 301 moved the subscription here

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "url": self.url,
            "new": self.new,
            "status": self.status,
            "error": self.error,
        }
        if self.moved_to:
            data["moved_to"] = self.moved_to
        return data


@dataclass
class RefreshReport:
    feeds: list[FeedOutcome] = field(default_factory=list)
    added: list[dict[str, str]] = field(default_factory=list)
    warnings: list[dict[str, str]] = field(default_factory=list)
    stopped: bool = False  # asked to stop before every feed was read

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "feeds": [f.to_dict() for f in self.feeds],
            "added": self.added,
            "warnings": self.warnings,
        }
        if self.stopped:
            data["stopped"] = True
        return data

    @property
    def ok(self) -> bool:
        return all(f.status != "failed" for f in self.feeds)


@dataclass
class _Read:
    """What one feed's fetch gave (on a worker thread)."""

    sub: Subscription
    outcome: FeedOutcome
    entries: list[FeedEntry] = field(default_factory=list)
    etag: str | None = None
    last_modified: str | None = None


def _read_feed(sub: Subscription, fetch_page: feeds.FetchPage) -> _Read:
    started = time.monotonic()
    outcome = FeedOutcome(sub.url)
    read = _Read(sub, outcome, etag=sub.etag, last_modified=sub.last_modified)
    try:
        got = fetch.fetch(sub.url, validators=(sub.etag, sub.last_modified))
        if got.moved_to and got.moved_to != sub.url:
            outcome.moved_to = got.moved_to
        if got.not_modified:
            outcome.status = "not-modified"
            return read
        if not feeds.looks_like_feed(got.data):
            raise HollywoodError(f"{sub.url} is no longer a feed (it sent something else)")
        known = sub.entries
        read.entries = feeds.parse_feed(
            got.data, sub.url, fetch_page=fetch_page, started=started, known=known.__contains__
        )
        read.etag, read.last_modified = got.etag, got.last_modified
    except HollywoodError as exc:
        outcome.status, outcome.error = "failed", str(exc)
    except RecursionError:
        outcome.status, outcome.error = (
            "failed",
            f"{sub.url} is a feed nested too deeply to be read",
        )
    return read


def chosen_feeds(ws: Workspace, tag: str | None) -> list[Subscription]:
    subs = subsmod.load(ws)
    if not subs:
        raise HollywoodError(
            "there are no subscribed feeds to refresh; add one with 'hollywood-ai feeds add URL'"
        )
    if tag is None:
        return subs
    chosen = [s for s in subs if tag in s.tags]
    if not chosen:
        tags = sorted({t for s in subs for t in s.tags})
        named = ", ".join(tags) if tags else "none"
        raise HollywoodError(f"no subscribed feed has the tag '{tag}' (the tags are: {named})")
    return chosen


def refresh(
    ws: Workspace,
    tag: str | None = None,
    progress: RefreshProgress | None = None,
    allow_private: bool = False,
    stop: threading.Event | None = None,
) -> RefreshReport:
    """Refresh every subscribed feed (or those with ``tag``). ``allow_private``:
    entries' pages may come from private addresses too (the feed itself is
    always fetched as subscribed). Once ``stop`` is set, no other feed is
    read: what the feeds read so far gave is stored and remembered, the
    feeds still being fetched are left (the report lists only the feeds
    read, and says it was stopped)."""
    chosen = chosen_feeds(ws, tag)
    batch = _Batch(_Adder(ws, None, allow_private), RefreshReport())
    done: list[_Read] = []
    pool = ThreadPoolExecutor(max_workers=min(REFRESH_WORKERS, len(chosen)))
    try:
        pending: set[Future[_Read]] = {
            pool.submit(_read_feed, sub, batch.adder._fetch_page) for sub in chosen
        }
        while pending and not (stop and stop.is_set()):
            ready, pending = wait(pending, timeout=STOP_POLL, return_when=FIRST_COMPLETED)
            if not ready and batch.due():  # the feeds read wait no longer for a slow one
                added = batch.store()
                if progress:
                    progress(len(done), len(chosen), None, added)
            for future in ready:
                read = future.result()
                done.append(read)
                batch.take(read)
                last = len(done) == len(chosen)
                added = batch.store() if last or batch.due() else []
                if progress:
                    progress(len(done), len(chosen), read.outcome, added)
    finally:
        # A stopped refresh does not wait for the fetches under way (their
        # deadline can be half a minute away).
        stopped = len(done) < len(chosen)
        pool.shutdown(wait=not stopped, cancel_futures=True)
    report = batch.report
    if stopped:
        added = batch.store()
        if progress and added:
            progress(len(done), len(chosen), None, added)
        report.stopped = True
    by_url = {r.sub.url: r.outcome for r in done}
    report.feeds = [by_url[s.url] for s in chosen if s.url in by_url]
    _remember(ws, done)
    return report


#: How often (seconds) a refresh waiting for its fetches looks at ``stop``.
STOP_POLL = 0.2


#: New articles are stored (and indexed) in batches: when this many wait, or
#: when the last batch is this many seconds old, and once all feeds are read.
STORE_EVERY = 250
STORE_SECONDS = 2.0


@dataclass
class _Batch:
    """The feeds' entries accepted since the last store (on the calling thread)."""

    adder: _Adder
    report: RefreshReport
    reads: list[_Read] = field(default_factory=list)
    since: float = field(default_factory=time.monotonic)

    def take(self, read: _Read) -> None:
        if read.entries:
            if not self.reads:
                self.adder.report = AddReport()
                self.adder.pending = []
            self.adder.accept_entries(read.entries)
            self.reads.append(read)

    def due(self) -> bool:
        waiting = len(self.adder.pending)
        return waiting >= STORE_EVERY or (
            waiting > 0 and time.monotonic() - self.since >= STORE_SECONDS
        )

    def store(self) -> list[str]:
        """Store what waits; the ids of the articles added."""
        if not self.reads:
            return []
        adder, report = self.adder, self.report
        if adder.pending:
            _store(adder)
        got = adder.report
        taken = {row["origin"]: row["id"] for row in got.duplicates}
        taken.update({row["origin"]: row["id"] for row in got.added})
        added = {row["origin"]: row for row in got.added}
        for read in self.reads:
            origins = [e.origin for e in read.entries if e.origin in taken]
            read.sub.entries = dict(read.sub.entries) | {o: taken[o] for o in origins}
            rows = [added.pop(o) for o in origins if o in added]
            read.outcome.new = len(rows)
            report.added += [row | {"feed": read.sub.url} for row in rows]
        report.warnings += [{"input": r["input"], "warning": r["error"]} for r in got.failed]
        report.warnings += got.warnings
        self.reads = []
        self.since = time.monotonic()
        new_ids = [row["id"] for row in got.added]
        if new_ids:  # unread as soon as stored: a refresh killed later keeps the marks
            reading.mark_unread(self.adder.ws, new_ids)
        return new_ids


def _remember(ws: Workspace, done: list[_Read]) -> None:
    """Write what each feed's refresh left, into the subscriptions as they are
    now (another process may have changed them meanwhile)."""
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    with state.locked(ws):
        subs = subsmod.load(ws)
        for read in done:
            sub = subsmod.find(subs, read.sub.url)
            if sub is None:
                continue  # removed meanwhile
            outcome = read.outcome
            sub.last_refresh = now
            sub.last_error = outcome.error
            sub.entries = sub.entries | read.sub.entries
            sub.title = sub.title or next(
                (e.parsed.meta.outlet for e in read.entries if e.parsed), None
            )
            if outcome.status == "ok":
                sub.etag, sub.last_modified = read.etag, read.last_modified
            if outcome.moved_to and outcome.status != "failed":
                _move(subs, sub, outcome.moved_to)
        subsmod.save(ws, subs)


def _move(subs: list[Subscription], sub: Subscription, url: str) -> None:
    """A feed moved for good: its subscription follows it (into the one
    already there for the new address, if any)."""
    there = subsmod.find(subs, url)
    if there is None:
        sub.url = url
        return
    there.entries = there.entries | sub.entries
    there.tags += [t for t in sub.tags if t not in there.tags]
    subs.remove(sub)
