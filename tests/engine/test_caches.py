"""What the engine keeps between calls never answers for something else: the
search path's tables hold for the index generation they were read from (every
search after a store finds what Whoosh itself finds), compare's tables hold
from several threads at once, and an error of ours while the index is checked
is not taken for damage."""

from __future__ import annotations

import builtins
import gc
import json
import threading
from pathlib import Path
from typing import Any

import pytest
from hollywood_ai.index.comparing.comparison import compare
from hollywood_ai.index.comparing.scope import Scope
from hollywood_ai.index.model import Article
from hollywood_ai.index.searching import queries
from hollywood_ai.index.searching.results import search
from hollywood_ai.index.searching.schema import ARTICLES
from hollywood_ai.index.workspace import Workspace
from whoosh import index as windex
from whoosh.reading import IndexReader
from whoosh.searching import Searcher

# A word alone, two words, a phrase, a field word and a date range: each
# takes the fast path and its kept tables (word, phrase, term, date tables).
QUERIES = ("zebrafish", "zebrafish render", '"render farm"', "outlet:trade", "published:2024")


def _article(i: int) -> Article:
    """Three articles in four name the zebrafish; every one has a render farm."""
    animal = "zebrafish " if i % 4 else ""
    return Article.make(
        title=f"Studio note {i}",
        body=f"Report {i}: the {animal}render farm finished shot {i} on time.",
        origin=f"note-{i}.md",
        outlet="Trade" if i % 3 == 0 else "Gazette",
        published=f"2024-0{1 + i % 9}-1{i % 10}" if i % 2 else None,
    )


def _whoosh_finds(home: Path) -> dict[str, set[str]]:
    """The articles Whoosh finds for each query, from a searcher opened
    afresh on the live generation (nothing kept between calls)."""
    root = home / "index"
    name = (root / "CURRENT").read_text(encoding="utf-8").strip()
    ix = windex.open_dir(str(root / name), indexname=ARTICLES)
    with ix.searcher() as s:
        return {
            text: {hit["id"] for hit in s.search(queries.parse(text, s), limit=None)}
            for text in QUERIES
        }


def _rounds(ws: Workspace, rounds: int) -> list[tuple[int, str, int, int]]:
    """Store one article, then search, ``rounds`` times: (round, query, our
    total, Whoosh's) for every search whose hits are not Whoosh's."""
    wrong = []
    for i in range(rounds):
        ws.store([_article(i)])
        # A collection here frees the searchers of older generations, whose
        # memory the next searcher may be given.
        gc.collect()
        expected = _whoosh_finds(ws.home)
        for text in QUERIES:
            result = search(ws, text, limit=rounds, with_suggestion=False)
            if result.total != len(expected[text]) or {h.id for h in result.hits} != expected[text]:
                wrong.append((i, text, result.total, len(expected[text])))
    return wrong


@pytest.mark.slow
def test_every_search_after_a_store_finds_what_whoosh_finds(workspace: Workspace) -> None:
    assert _rounds(workspace, 60) == []
    assert search(workspace, "zebrafish").total == 45


def test_a_reused_address_finds_no_other_generations_tables(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """CPython gives a new object the address of a dead one when its
    allocator likes: here every index reader has the same id(), as a new
    reader would once it is given the address of the one it replaces."""
    real_id = builtins.id

    def reused(obj: Any) -> int:
        return 1 if isinstance(obj, IndexReader) else real_id(obj)

    monkeypatch.setattr(builtins, "id", reused)
    assert _rounds(workspace, 16) == []
    assert search(workspace, "zebrafish").total == 12


QUESTIONS = [
    ("how much faster was the effects shot?", None),
    ("what did Sarandos say about AI?", Scope.library()),
    ("advertising revenue", Scope.among("Netflix")),
    ("who directed El Eternauta?", Scope.library()),
]


def test_compare_from_threads_answers_as_alone(seeded: Workspace) -> None:
    """Compare runs in worker threads: four at once, each asking every
    question, answer exactly as one thread asking them in turn."""
    alone = [json.dumps(compare(seeded, q, scope=s).to_dict()) for q, s in QUESTIONS]
    answers: list[list[str]] = [[] for _ in range(4)]

    def ask(n: int) -> None:
        # Each thread starts with another question, so that they race.
        for k in range(len(QUESTIONS)):
            q, s = QUESTIONS[(n + k) % len(QUESTIONS)]
            answers[n].append(json.dumps(compare(seeded, q, scope=s).to_dict()))

    threads = [threading.Thread(target=ask, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for n, got in enumerate(answers):
        assert got == [alone[(n + k) % len(QUESTIONS)] for k in range(len(QUESTIONS))]


def test_an_error_of_ours_while_the_index_is_checked_is_not_damage(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bug met while the index is opened surfaces: the index is not
    called damaged, nor rebuilt over it."""
    live = (workspace.home / "index" / "CURRENT").read_text(encoding="utf-8")

    def broken(self: Searcher, *args: Any, **kwargs: Any) -> Any:
        raise ZeroDivisionError("a bug")

    workspace.close()
    monkeypatch.setattr(Searcher, "search", broken)
    with pytest.raises(ZeroDivisionError):
        workspace.index.status()
    with pytest.raises(ZeroDivisionError):
        workspace.sync()
    assert (workspace.home / "index" / "CURRENT").read_text(encoding="utf-8") == live
