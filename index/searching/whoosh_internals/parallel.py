"""A rebuild on every core: processes index the library a piece at a time.

Whoosh's writer is pure Python and single-threaded, so one process building
the whole index keeps one core busy. Here the articles are cut into
contiguous pieces of one segment each; each piece is analysed and written by
a spawned process of its own into a segment (in the same new generation's
folder), one process per core at a time, and this process then lists those
segments, in the library's order, as the index's contents: nothing is merged
or copied afterwards, and document numbers follow the library's order as in
a serial build. This is what Whoosh's own ``MpWriter(multisegment=True)``
does, but its workers are forked (unsafe from the reader, which rebuilds
from a thread) and are fed documents the parent has already prepared; ours
are spawned and do all of an article's work.
(whoosh-reloaded is pinned: the writer methods used here are its internals.)
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import os
import pickle
from collections.abc import Callable, Iterable, Sequence
from multiprocessing.connection import wait
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from hollywood_ai.index.errors import HollywoodError
from hollywood_ai.index.model import Article
from hollywood_ai.index.searching.schema import STORY_TABLE
from hollywood_ai.index.store.processes import spawn_context, watch_parent

if TYPE_CHECKING:
    from hollywood_ai.index.text.numbering import Numbering

Progress = Callable[[int, int], None]

#: How often the parent looks at its workers' progress, in seconds.
POLL = 0.25
#: Articles per segment: a segment's term table (a row per word, and its
#: hash) is held in memory until the segment is written, so a build starts a
#: new segment every this many articles, and its memory stays bounded. A
#: parallel build's pieces (a process each) are no larger.
SEGMENT_ARTICLES = 10_000


def build_in_parts(
    target: Path,
    indexnames: tuple[str, str],
    articles: Sequence[Article],
    options: dict[str, Any],
    limits: tuple[int, int],
    progress: Progress | None = None,
    parts: int = 2,
) -> None:
    """Index ``articles`` into the (new, empty) indexes ``indexnames`` at
    ``target`` with ``parts`` processes at a time, each index's posting pools
    within ``limits`` MiB in each process, then commit each index once with
    all their segments. The articles are cut into pieces of one segment each
    (see pieces), each written by a process of its own that ends with it: a
    process's memory is then one segment's, however large the library (a
    process that went on to the next segment would keep what the allocator
    could not give back of the last one's). (A StoredArticles piece is sent
    as its ids: the worker reads the articles.) Raises HollywoodError when a
    worker fails; the caller removes the half-built folder. One function from
    start to commit: the workers, their progress and their cleanup share one
    try block."""

    # What came before (reading the library's order, say) left the free lists
    # full of objects spread over many of the allocator's arenas, which keeps
    # them all for the whole build: a full collection empties the lists and
    # gives the arenas back (some 9 MiB at 50,000 articles).
    gc.collect()
    ctx = spawn_context()
    cut = pieces(len(articles), parts)
    # Each piece goes to its worker in a file: through the start-up pipe, a
    # worker that died while starting would leave this process blocked.
    shares = []
    for n, (first, stop) in enumerate(cut):
        path = target / f"share-{n}.pickle"
        path.write_bytes(pickle.dumps(articles[first:stop], protocol=pickle.HIGHEST_PROTOCOL))
        shares.append(path)
    workers: dict[int, Any] = {}
    # One pipe per worker for its progress and its result: no semaphore (a
    # Queue's or a Value's), so a killed rebuild leaves none behind to warn of.
    waiting: dict[Any, int] = {}
    segments: dict[int, list[Any]] = {}
    counts = [0] * len(shares)

    def start(n: int) -> None:
        receiver, sender = ctx.Pipe(duplex=False)
        worker = ctx.Process(
            target=_build_share,
            args=(
                str(target),
                indexnames,
                n,
                TABLE_ARTICLES,
                str(shares[n]),
                options,
                limits,
                sender,
                os.getpid(),
            ),
            daemon=True,
        )
        workers[n] = worker
        waiting[receiver] = n
        try:
            worker.start()
        finally:
            sender.close()  # the worker's end: EOF here once the worker is gone

    try:
        queued = iter(range(len(shares)))
        for n in itertools.islice(queued, parts):
            start(n)
        while len(segments) < len(shares):
            for ready in wait(list(waiting), timeout=POLL):
                n, conn = waiting[ready], cast(Any, ready)
                try:
                    message: tuple[str, Any] = conn.recv()
                except EOFError:
                    workers[n].join(timeout=5)
                    raise HollywoodError(
                        f"building the index stopped: a helper process ended with code "
                        f"{workers[n].exitcode}; run 'hollywood-ai index --rebuild' again"
                    ) from None
                kind, value = message
                if kind == "failed":
                    raise HollywoodError(
                        f"building the index failed: {value}; "
                        "run 'hollywood-ai index --rebuild' again"
                    )
                if kind == "done":
                    counts[n] = value
                else:
                    segments[n] = value
                    del waiting[ready]
                    conn.close()
                    workers[n].join()
                    following = next(queued, None)
                    if following is not None:
                        start(following)
            if progress:
                progress(min(sum(counts), len(articles)), len(articles))
    except BaseException:
        for worker in workers.values():
            if worker.pid is not None and worker.is_alive():
                worker.terminate()
        raise
    finally:
        for receiver in waiting:
            receiver.close()
        for share in shares:
            share.unlink(missing_ok=True)
    in_order = [[seg for n in sorted(segments) for seg in segments[n][which]] for which in (0, 1)]
    commit_segments(target, indexnames, options, in_order)
    if progress:
        progress(len(articles), len(articles))


def pieces(count: int, parts: int) -> list[tuple[int, int]]:
    """``count`` articles cut into contiguous pieces of at most
    SEGMENT_ARTICLES, as (first, stop): a piece per process, as many rounds
    of ``parts`` pieces as that takes, the pieces of one size so that no
    process is left alone in the last round."""
    if count <= 0:
        return []
    rounds = -(-count // (parts * SEGMENT_ARTICLES))
    size = -(-count // (parts * rounds))
    return [(first, min(first + size, count)) for first in range(0, count, size)]


def _build_share(
    target: str,
    indexnames: tuple[str, str],
    piece: int,
    per_table: int,
    share: str,
    options: dict[str, Any],
    limits: tuple[int, int],
    out: Any,
    parent: int,
) -> None:
    """In a worker: write the documents of share number ``piece`` into new
    segments of both indexes, and their story words into tables of
    ``per_table`` articles, and hand the segments back (the parent commits
    them), telling the parent how many are done on the way."""
    watch_parent(parent)
    try:
        articles: Sequence[Article] = pickle.loads(Path(share).read_bytes())
        made = write_segments(
            Path(target),
            indexnames,
            articles,
            options,
            limits,
            lambda i: out.send(("done", i)),
            piece,
            per_table,
        )
        out.send(("done", len(articles)))
        out.send(("made", made))
    except BaseException as exc:  # reported by the parent, in one sentence
        with contextlib.suppress(OSError):
            out.send(("failed", f"{type(exc).__name__}: {exc}"))
    finally:
        out.close()


def write_segments(
    target: Path,
    indexnames: tuple[str, str],
    articles: Iterable[Article],
    options: dict[str, Any],
    limits: tuple[int, int],
    done: Callable[[int], None],
    piece: int = 0,
    per_table: int | None = None,
) -> list[list[Any]]:
    """Write ``articles`` into new segments of both indexes, a new pair every
    SEGMENT_ARTICLES articles, and give each index's segments in order (for
    commit_segments); and their story words, numbered, into tables of
    ``per_table`` articles each (TABLE_ARTICLES unless told; named for
    ``piece``, the writer's share of the library, and their own order in
    it). ``done(n)`` is told every 10 articles."""
    from hollywood_ai.index.searching.documents import documents
    from hollywood_ai.index.searching.whoosh_internals.pool import grouped_pool
    from hollywood_ai.index.text.numbering import Numbering
    from whoosh.filedb.filestore import FileStorage
    from whoosh.writing import SegmentWriter

    storage = FileStorage(str(target))
    made: list[list[Any]] = [[] for _ in indexnames]
    writers: list[Any] = []
    numbering, tables = Numbering(), 0
    per_table = per_table or TABLE_ARTICLES
    for i, article in enumerate(articles, 1):
        if not writers:
            # No lock: the caller holds the folder, which nothing else knows of yet.
            writers = [
                grouped_pool(
                    SegmentWriter(storage.open_index(name), _lk=False, limitmb=limit, **options)
                )
                for name, limit in zip(indexnames, limits, strict=True)
            ]
        article_doc, passage_docs = documents(article)
        # A rebuilt article's story words are kept in its table, not in the
        # index's column too (there empty rather than left out: Whoosh
        # misreads a column that some segments lack).
        numbering.add(article.id, article_doc["storywords"])
        article_doc["storywords"] = b""
        writers[0].add_document(**article_doc)
        for doc in passage_docs:
            writers[1].add_document(**doc)
        if len(numbering) == per_table:
            _write_table(target / STORY_TABLE.format(piece, tables), numbering)
            numbering, tables = Numbering(), tables + 1
        if i % SEGMENT_ARTICLES == 0:
            for writer, segments in zip(writers, made, strict=True):
                segments.append(writer._finalize_segment())
            writers = []
        if i % 10 == 0:
            done(i)
    for writer, segments in zip(writers, made, strict=False):  # none after a full segment
        segments.append(writer._finalize_segment())
    if len(numbering):
        _write_table(target / STORY_TABLE.format(piece, tables), numbering)
    return made


#: Articles per story-word table: a table's vocabulary is held until it is
#: written, so a writer's memory for them stays bounded whatever its share.
TABLE_ARTICLES = 500


def _write_table(path: Path, numbering: Numbering) -> None:
    from hollywood_ai.index.store.durable import atomic_write

    atomic_write(path, numbering.encoded())


def commit_segments(
    target: Path, indexnames: tuple[str, str], options: dict[str, Any], made: list[list[Any]]
) -> None:
    """Make ``made`` (write_segments' segments, per index) the indexes'
    contents: the passages index first, as an article is only visible once
    its passages are."""
    from whoosh.filedb.filestore import FileStorage

    storage = FileStorage(str(target))
    for which in reversed(range(len(indexnames))):
        writer = storage.open_index(indexnames[which]).writer(**options)
        try:
            writer._close_segment()  # its own, empty
            writer._commit_toc(made[which])
        finally:
            writer._finish()
