"""The library and the Whoosh index: seeding, incremental updates, rebuilds, schema."""

from __future__ import annotations

import contextlib
import json
from dataclasses import replace

import pytest
from hollywood_ai.index.model import Article
from hollywood_ai.index.searching import generations as searchindex
from hollywood_ai.index.searching.results import search
from hollywood_ai.index.text.passages import split_passages
from hollywood_ai.index.workspace import Workspace


def test_first_run_seeds_and_indexes(workspace: Workspace):
    assert len(workspace.articles()) == 5
    assert workspace.index.doc_count() == 5
    assert len(list(workspace.library.root.glob("*.json"))) == 5


def test_incremental_update_by_checksum(workspace: Workspace):
    report = workspace.sync()
    assert not report.changed
    article = workspace.articles()[0]
    changed = replace(article, body=article.body + "\nA new closing sentence about zeppelins.\n")
    changed = replace(changed, checksum=changed.compute_checksum())
    workspace.library.put(changed)
    report = workspace.sync()
    assert report.updated == [article.id] and not report.added and not report.rebuilt
    assert [h.id for h in search(workspace, "zeppelins").hits] == [article.id]


def test_added_and_removed_articles(workspace: Workspace):
    extra = Article.make(
        title="Zoetrope news", body="A short note about zoetropes and film.\n", origin="t"
    )
    workspace.store([extra])
    assert search(workspace, "zoetropes").hits[0].id == extra.id
    workspace.remove(extra.id)
    assert search(workspace, "zoetropes").total == 0
    assert workspace.index.doc_count() == 5


def test_rebuild_swaps_generation_and_keeps_search(workspace: Workspace):
    before = (workspace.index.root / "CURRENT").read_text()
    report = workspace.sync(rebuild=True)
    after = (workspace.index.root / "CURRENT").read_text()
    assert report.rebuilt and before != after
    assert search(workspace, "Sarandos").total >= 4


def test_interrupted_rebuild_leaves_old_index(workspace: Workspace, monkeypatch):
    before = (workspace.index.root / "CURRENT").read_text()

    def boom(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(searchindex, "atomic_write", boom)
    with contextlib.suppress(KeyboardInterrupt):
        workspace.sync(rebuild=True)
    monkeypatch.undo()
    assert (workspace.index.root / "CURRENT").read_text() == before
    fresh = Workspace(workspace.home)
    fresh.open()
    assert search(fresh, "Eternaut").total >= 3
    fresh.close()


def test_schema_version_change_triggers_rebuild(workspace: Workspace):
    gen = workspace.index.root / (workspace.index.root / "CURRENT").read_text().strip()
    (gen / "schema.json").write_text(json.dumps({"schema": 0}))
    workspace.index.close()
    report = Workspace(workspace.home).sync()
    assert report.rebuilt and "another version" in report.reason


def test_passages_know_article_and_position(seeded: Workspace):
    article = next(a for a in seeded.articles() if a.via == "The Guardian")
    passages = split_passages(article)
    assert [p.position for p in passages] == list(range(len(passages)))
    kinds = {p.kind for p in passages}
    assert {"sentence", "row"} <= kinds
    row = next(p for p in passages if p.kind == "row")
    assert "description:" in row.text
    for p in passages:
        assert p.article_id == article.id
        assert 0 <= p.start < p.end <= len(article.body)


def test_damaged_library_file_is_skipped(workspace: Workspace):
    (workspace.library.root / "deadbeef0000.json").write_text("{not json")
    fresh = Workspace(workspace.home)
    assert len(fresh.articles()) == 5
    assert fresh.damaged == ["deadbeef0000.json"]


def test_parallel_rebuild_builds_the_same_index(workspace: Workspace, monkeypatch):
    """A large rebuild runs one spawned process per core, each writing its
    share of the articles into segments of its own: the index answers exactly
    as the one built in one process, documents in the library's order."""
    from whoosh.index import open_dir

    queries = ["sarandos", '"ten times faster"', "eternaut revenue", "outlet:guardian"]

    def answers() -> list[list[tuple[str, float, str]]]:
        return [[(h.id, h.score, h.snippet) for h in search(workspace, q).hits] for q in queries]

    articles = workspace.articles()
    workspace.index.rebuild(articles)
    serial = answers()
    monkeypatch.setattr(searchindex, "PARALLEL_FROM", 2)
    monkeypatch.setattr(searchindex.os, "cpu_count", lambda: 2)
    seen = []
    workspace.index.rebuild(articles, progress=lambda i, n: seen.append((i, n)))
    assert answers() == serial
    assert seen[-1] == (5, 5)
    assert all(q for q in serial[:3])
    live = workspace.index._gen_dir(workspace.index._current_name())
    for name in (searchindex.ARTICLES, searchindex.PASSAGES):
        ix = open_dir(str(live), indexname=name)
        assert len(ix._segments()) == 2  # one per share, not merged
        with ix.searcher() as s:
            ids = [f.get("id") or f.get("article_id") for f in s.all_stored_fields()]
        assert ids == [a.id for a in articles]


def test_parallel_rebuild_failure_leaves_the_live_index(workspace: Workspace, monkeypatch):
    """A worker that fails is told in one sentence; the live index is the one
    from before, and no half-built generation is left behind."""
    from hollywood_ai.index.errors import HollywoodError

    articles = workspace.articles()
    workspace.index.rebuild(articles)
    before = workspace.index._current_name()
    folders = sorted(p.name for p in (workspace.home / "index").glob("gen-*"))
    monkeypatch.setattr(searchindex, "PARALLEL_FROM", 2)
    monkeypatch.setattr(searchindex.os, "cpu_count", lambda: 2)
    broken = [*articles[:-1], replace(articles[-1], body=None)]  # fails in the second worker
    with pytest.raises(HollywoodError, match="building the index failed"):
        workspace.index.rebuild(broken)
    assert workspace.index._current_name() == before
    assert sorted(p.name for p in (workspace.home / "index").glob("gen-*")) == folders
    assert search(workspace, "sarandos").total > 0


def test_listing_is_kept_beside_the_index_and_follows_the_library(home):
    """The reader's list comes from one small file while the library is
    unchanged, and is made again (and kept again) when it changes."""
    ws = Workspace(home)
    ws.open()
    first = ws.listing()
    kept = home / "index" / "LISTING.json"
    assert kept.exists() and len(first) == 5 and all(a.body == "" for a in first)
    ws.close()

    again = Workspace(home)
    assert again.listing() == first
    assert again._index is None  # answered without opening Whoosh

    extra = Article.make(
        title="Zoetrope news", body="A short note about zoetropes and film.\n", origin="t"
    )
    again.store([extra])
    assert extra.id in {a.id for a in again.listing()}
    again.remove(extra.id)
    assert [a.id for a in again.listing()] == [a.id for a in first]
    again.close()

    kept.write_text("{not json", encoding="utf-8")  # damaged: made again
    third = Workspace(home)
    assert [a.id for a in third.listing()] == [a.id for a in first]
    third.close()
