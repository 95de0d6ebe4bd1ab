"""Compare in a scope larger than a story: the whole library, or the articles a
search finds. Articles of our own writing (tests/scope_support.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hollywood_ai.index.comparing import export
from hollywood_ai.index.comparing import scope as scopemod
from hollywood_ai.index.comparing.comparison import compare
from hollywood_ai.index.comparing.scope import Scope
from hollywood_ai.index.errors import HollywoodError
from hollywood_ai.index.workspace import Workspace

from tests.scope_support import DUBBING, FESTIVAL, OTHER, scope_home

QUESTION = "how much did dubbing cut costs"


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return scope_home(tmp_path_factory.mktemp("scope") / "home")


@pytest.fixture
def ws(library: Path) -> Workspace:
    w = Workspace(library)
    w.open()
    yield w
    w.close()


def reporting(c) -> list[str]:
    return sorted(s.outlet for s in c.sources if s.reports)


def test_story_scope_misses_the_source_in_another_story(ws: Workspace):
    c = compare(ws, QUESTION)
    assert c.scope is not None and c.scope.kind == "story"
    assert reporting(c) == ["Screen Ledger", "The Cutting Room"]
    assert "Marquee Weekly" not in {s.outlet for s in c.sources}  # another story's article
    assert c.to_dict()["story"]["id"] == c.story.id


def test_whole_library_finds_it_in_the_other_story_and_the_figures_differ(ws: Workspace):
    c = compare(ws, QUESTION, scope=Scope.library())
    assert reporting(c) == ["Marquee Weekly", "Screen Ledger", "The Cutting Room"]
    total = len(DUBBING) + len(FESTIVAL) + len(OTHER)
    assert len(c.sources) == total  # every article of the library is a source
    assert [s.reports for s in c.sources][:3] == [True, True, True]  # reporting first
    figures = [d for d in c.discrepancies if d.kind == "number"]
    assert figures and {"35 percent", "40 percent"} <= set(figures[0].values.values())
    data = c.to_dict()
    assert data["story"] is None
    assert data["scope"]["kind"] == "all" and data["scope"]["articles"] == total
    assert data["scope"]["query"] is None


def test_among_is_the_articles_the_search_finds(ws: Workspace):
    c = compare(ws, QUESTION, scope=Scope.among("riga"))
    assert sorted(s.outlet for s in c.sources) == sorted(o for o, _, _ in FESTIVAL)
    assert reporting(c) == ["Marquee Weekly"]
    assert c.to_dict()["scope"] == {
        "kind": "among",
        "query": "riga",
        "articles": 3,
        "scored": 3,
        "description": "the 3 articles the search “riga” finds",
    }
    # The search's query language: a field and an operator.
    c = compare(ws, QUESTION, scope=Scope.among('outlet:"screen ledger" OR lisbon'))
    assert {s.outlet for s in c.sources} == {"Screen Ledger", "The Cutting Room", "Frame Rate"}


def test_story_keeps_working_by_id_and_as_a_scope(ws: Workspace):
    first = compare(ws, QUESTION)
    by_id = compare(ws, QUESTION, story=first.story.id)
    as_scope = compare(ws, QUESTION, scope=Scope.of_story(first.story.id))
    assert by_id.to_dict() == as_scope.to_dict() == first.to_dict()
    assert first.to_dict()["scope"]["kind"] == "story"


def test_only_the_best_candidates_are_read(ws: Workspace, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(scopemod, "CANDIDATES", 2)
    c = compare(ws, QUESTION, scope=Scope.library())
    assert c.scope.scored == 2 and c.scope.unscored == c.scope.articles - 2
    # The two articles that share the most of the question's words, read;
    # every other article listed, silent, without passages.
    assert len(reporting(c)) == 2
    assert sum(1 for s in c.sources if not s.reports and not s.passages) == c.scope.articles - 2
    assert "were read" in export.scope_note(c.scope)


def test_a_question_with_no_word_in_the_library_leaves_every_source_silent(ws: Workspace):
    c = compare(ws, "how many zeppelins hovered", scope=Scope.library())
    assert not reporting(c) and c.scope.scored == 0 and len(c.sources) == c.scope.articles


@pytest.mark.parametrize(
    ("query", "words"),
    [("quasarzzz", "finds no article"), ("AND", "has no words to look for"), ("  ", "no words")],
)
def test_a_search_that_finds_nothing_is_one_sentence(ws: Workspace, query: str, words: str):
    with pytest.raises(HollywoodError) as err:
        compare(ws, QUESTION, scope=Scope.among(query))
    assert words in str(err.value) and str(err.value).count(". ") == 0


def test_whole_library_of_an_empty_home(tmp_path: Path):
    home = tmp_path / "empty"
    home.mkdir()
    (home / ".seeded").write_text("1\n", encoding="utf-8")
    w = Workspace(home)
    w.open()
    with pytest.raises(HollywoodError, match="the library is empty"):
        compare(w, QUESTION, scope=Scope.library())
    w.close()


def test_unknown_story_is_refused(ws: Workspace):
    with pytest.raises(HollywoodError, match="there is no story 'nope'"):
        compare(ws, QUESTION, scope=Scope.of_story("nope"))


def test_a_scope_of_an_unknown_kind_is_a_programming_error():
    with pytest.raises(ValueError):
        Scope("everything")


def test_markdown_says_the_scope_and_lists_many_silent_sources_in_one_line(ws: Workspace):
    c = compare(ws, QUESTION, scope=Scope.library())
    text = export.to_markdown(c)
    assert "Scope: the whole library (16 articles)" in text
    # Each reporting source is headed by its title, its outlet on the line below.
    assert "Source: Marquee Weekly" in text and "Source: Coastal Times" not in text
    line = next(x for x in text.splitlines() if x.startswith("Not reported by 13 sources: "))
    for outlet, _, _ in OTHER:
        assert outlet in line
    # A story's Markdown is as before: each silent source under its own heading.
    story = export.to_markdown(compare(ws, QUESTION))
    assert "Scope: the story" in story and "*Not reported.*" in story


def test_silent_names_count_an_outlet_once():
    from hollywood_ai.index.comparing.comparison import SourceReport

    sources = [
        SourceReport(id=str(i), title=f"Title {i}", outlet=o, reports=False, passages=[])
        for i, o in enumerate(["Variety", "Variety", None, "Deadline", "Variety"])
    ]
    names, rest = export.silent_names(sources, limit=2)
    assert names == ["Variety (3)", "Deadline"] and rest == 1
