"""A rebuild within a memory budget: the library read an article at a time,
posting pools spilled to disk at their limit and merged; the index it makes
answers every query as one built with all its postings in memory."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from hollywood_ai.index.errors import HollywoodError
from hollywood_ai.index.model import Article
from hollywood_ai.index.searching import budget, generations
from hollywood_ai.index.searching.results import search
from hollywood_ai.index.searching.whoosh_internals import parallel
from hollywood_ai.index.searching.whoosh_internals import pool as wpool
from hollywood_ai.index.store.library import Library
from hollywood_ai.index.workspace import Workspace

WORDS = (
    "studio union strike actors writers streaming budget premiere festival sequel "
    "director camera lighting visual effects dubbing subtitles archive release "
    "box office revenue quarter contract residuals animation documentary series"
).split()


def small_articles(count: int, seed: int = 5) -> list[Article]:
    """Short articles of common words and a word of their own each."""
    rng = random.Random(seed)
    out = []
    for i in range(count):
        body = " ".join(rng.choice(WORDS) for _ in range(24)) + f" zeppelin{i}."
        out.append(
            Article.make(
                title=f"{rng.choice(WORDS).title()} report {i}",
                body=body,
                origin=f"gen-{i}",
                outlet=rng.choice(["The Wire", "Daily Reel", "Screen Post"]),
                published=f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}",
                tags=(rng.choice(WORDS),),
            )
        )
    return out


COUNT = 1000
QUERIES = [
    "studio",
    "union actors",
    '"visual effects"',
    '"box office" revenue',
    "title:report",
    "outlet:wire",
    "tags:dubbing",
    f"zeppelin{COUNT - 1}",
    "sequl",  # a correction
    "published:2025-03",
    "anim*",
    "strike NOT union",
]


def answers(ws: Workspace) -> list[object]:
    out: list[object] = []
    for text in QUERIES:
        result = search(ws, text)
        out.append((text, result.total, result.suggestion, [(h.id, h.score) for h in result.hits]))
    return out


@pytest.fixture(scope="module")
def library_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("bounded") / "home"
    ws = Workspace(home)
    ws.ensure_home()
    (home / ".seeded").write_text("1\n", encoding="utf-8")
    # Written as Library.put writes them, without its fsync per file.
    for article in small_articles(COUNT):
        data = json.dumps(article.to_dict(with_body=True), ensure_ascii=False, indent=1)
        Library(home / "library").path_for(article.id).write_text(data, encoding="utf-8")
    return home


def test_a_rebuild_within_a_small_budget_answers_as_an_unbounded_one(
    library_home: Path, monkeypatch: pytest.MonkeyPatch
):
    spilled: list[int] = []
    write_run = wpool.GroupedPostingPool._write_run

    def counting(self: wpool.GroupedPostingPool, f: object, items: object) -> None:
        spilled.append(1)
        write_run(self, f, items)

    monkeypatch.setattr(wpool.GroupedPostingPool, "_write_run", counting)
    # A pool of 1 MiB, so that even these short articles spill.
    monkeypatch.setattr(budget, "MIN_POOL_MIB", 1)
    # In this process, so the spills can be counted.
    monkeypatch.setattr(generations, "PARALLEL_FROM", 10**9)
    # Short chunks, merged two runs at a time: runs merged into runs.
    monkeypatch.setattr(wpool, "RUN_CHUNK", 50)
    monkeypatch.setattr(wpool, "MERGE_FAN_IN", 2)
    found = []
    for memory, per_segment in ((8 * 2**30, 10**9), (16 * 2**20, 500)):
        spilled.clear()
        # Segments cut short too, as a large library's are.
        monkeypatch.setattr(parallel, "SEGMENT_ARTICLES", per_segment)
        ws = Workspace(library_home)
        report = ws.sync(rebuild=True, memory=memory)
        assert report.rebuilt and len(report.added) == COUNT
        found.append(answers(ws))
        segments = len(ws.index.searcher().reader().leaf_readers())
        ws.close()
        assert bool(spilled) == (memory < 2**30)  # the small budget spilled runs
        assert segments == -(-COUNT // per_segment)
    unbounded, bounded = found
    assert bounded == unbounded
    assert all(total for _, total, _, _ in unbounded[:8])


def test_the_budget_is_shared_between_the_processes():
    mib = 2**20
    assert budget.plan(350 * mib, 5000, 2, 1000) == (2, 28)
    assert budget.plan(300 * mib, 5000, 2, 1000) == (1, budget.MAX_POOL_MIB)  # 18 each: one
    assert budget.plan(512 * mib, 5000, 2, 1000) == (2, budget.MAX_POOL_MIB)
    assert budget.plan(8 * 2**30, 5000, 2, 1000) == (2, budget.MAX_POOL_MIB)  # bounded
    assert budget.plan(512 * mib, 500, 2, 1000) == (1, budget.MAX_POOL_MIB)  # too few to share
    assert budget.plan(120 * mib, 500, 2, 1000) == (1, 20)
    assert budget.plan(64 * mib, 5000, 2, 1000) == (1, budget.MIN_POOL_MIB)  # one process
    assert budget.parse_memory("64MiB") == 64 * mib
    assert budget.parse_memory("1.5 GiB") == 3 * 2**29
    assert budget.parse_memory("512") == 512 * mib
    for bad in ("lots", "-5MiB", "8MiB"):
        with pytest.raises(HollywoodError):
            budget.parse_memory(bad)


def test_the_budget_can_be_set_in_the_environment(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv(budget.MEMORY_ENV, "96MiB")
    assert budget.memory_budget() == 96 * 2**20
    assert budget.memory_budget(32 * 2**20) == 32 * 2**20  # what the command asks wins
    monkeypatch.delenv(budget.MEMORY_ENV)
    assert budget.memory_budget() == budget.DEFAULT_MIB * 2**20


def test_a_rebuild_without_a_kept_listing_reads_one_article_at_a_time(
    library_home: Path, monkeypatch: pytest.MonkeyPatch
):
    """With no listing kept beside the index (a new home, a library changed
    behind the reader's back), the rebuild orders the library from each
    file's date and title, never from the whole library loaded at once; its
    articles come in the order the listing then shows."""
    ws = Workspace(library_home)
    ws.ensure_home()
    (library_home / "index" / "LISTING.json").unlink(missing_ok=True)

    def whole_library(self: Library) -> object:
        raise AssertionError("the rebuild loaded every article at once")

    monkeypatch.setattr(Library, "load_all", whole_library)
    monkeypatch.setattr(generations, "PARALLEL_FROM", 10**9)
    report = ws.sync(rebuild=True, memory=64 * 2**20)
    assert len(report.added) == COUNT
    assert report.added == [a.id for a in ws.listing()]
    ws.close()


def test_the_budget_is_the_command_s_then_the_environment_s_then_the_setting_s(
    monkeypatch: pytest.MonkeyPatch,
):
    mib = 2**20
    monkeypatch.delenv(budget.MEMORY_ENV, raising=False)
    assert budget.memory_budget(None, "96MiB") == 96 * mib
    with pytest.raises(HollywoodError, match="too little"):
        budget.memory_budget(None, "1")  # MiB
    assert budget.memory_budget(32 * mib, "96MiB") == 32 * mib
    monkeypatch.setenv(budget.MEMORY_ENV, "80MiB")
    assert budget.memory_budget(None, "96MiB") == 80 * mib
    monkeypatch.setenv(budget.MEMORY_ENV, "plenty")
    with pytest.raises(HollywoodError, match=budget.MEMORY_ENV):
        budget.memory_budget(None, "96MiB")
    monkeypatch.delenv(budget.MEMORY_ENV)
    with pytest.raises(HollywoodError, match="the setting index_memory"):
        budget.memory_budget(None, "[64]")


def test_a_workspace_s_rebuild_takes_the_setting(
    library_home: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.delenv(budget.MEMORY_ENV, raising=False)
    planned: list[int] = []
    plan = budget.plan

    def recording(memory: int, articles: int, cores: int, parallel_from: int) -> tuple[int, int]:
        planned.append(memory)
        return plan(memory, articles, cores, parallel_from)

    monkeypatch.setattr(budget, "plan", recording)
    monkeypatch.setattr(generations, "PARALLEL_FROM", 10**9)
    ws = Workspace(library_home)
    ws.index_memory = "40MiB"
    ws.sync(rebuild=True)
    ws.close()
    assert planned == [40 * 2**20]


def test_the_library_is_its_article_files_by_name(tmp_path: Path):
    """What a rebuild walks: each article file's id, sorted; half-written
    files (hidden) and anything not an article file are not articles, and a
    library folder that is not there holds none."""
    library = Library(tmp_path / "library")
    assert library.ids() == []
    articles = small_articles(2)
    for article in articles:
        library.put(article)
    (library.root / ".half-written.json.tmp").write_text("{", encoding="utf-8")
    (library.root / ".hidden.json").write_text("{}", encoding="utf-8")
    (library.root / "notes.txt").write_text("not an article", encoding="utf-8")
    assert library.ids() == sorted(a.id for a in articles)


def test_a_rebuild_in_many_pieces_answers_as_one_written_in_one_process(
    library_home: Path, monkeypatch: pytest.MonkeyPatch
):
    """A library of several segments per core is built a segment per
    process, two at a time: the same answers, in the same document order, as
    the whole library written by one process."""
    found = []
    orders = []
    for parallel_from, per_segment in ((10**9, 10**9), (1, 200)):
        monkeypatch.setattr(generations, "PARALLEL_FROM", parallel_from)
        monkeypatch.setattr(parallel, "SEGMENT_ARTICLES", per_segment)
        ws = Workspace(library_home)
        report = ws.sync(rebuild=True)
        assert report.rebuilt and len(report.added) == COUNT
        found.append(answers(ws))
        with ws.index.searcher() as searcher:
            leaves = searcher.reader().leaf_readers()
            orders.append([f["id"] for f in searcher.reader().all_stored_fields()])
        ws.close()
        assert len(leaves) == (1 if per_segment > COUNT else len(parallel.pieces(COUNT, 2)))
    assert len(parallel.pieces(COUNT, 2)) == 6  # three rounds of two processes
    assert found[0] == found[1]
    assert orders[0] == orders[1] == report.added
