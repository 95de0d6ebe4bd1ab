"""Story grouping: the array version agrees with the pair-by-pair reference,
and each article's words are counted once and kept beside the index."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hollywood_ai.index import stories as storymod
from hollywood_ai.index import storywords
from hollywood_ai.index.model import Article
from hollywood_ai.index.workspace import Workspace

from bench.corpus import generate
from tests import story_reference


def rows(found: list[storymod.Story]) -> list[tuple[str, str, list[str], list[str]]]:
    return [(s.id, s.label, s.articles, s.terms) for s in found]


@pytest.fixture(autouse=True)
def _fresh_cache():
    storymod.forget()
    yield
    storymod.forget()


@pytest.mark.parametrize(("count", "n_stories"), [(1, 1), (7, 2), (120, 6), (400, 40)])
def test_grouping_agrees_with_the_reference(count: int, n_stories: int):
    articles = generate(count, seed=7, stories=n_stories)
    assert rows(storymod.group(articles)) == story_reference.group(articles)


def test_seeds_agree_with_the_reference(seeded: Workspace):
    articles = seeded.articles()
    found = storymod.group(articles)
    assert rows(found) == story_reference.group(articles)
    assert len(found) == 1 and len(found[0].articles) == 5


def test_words_agree_with_the_reference():
    tricky = Article(
        id="ab12",
        title="Netflix’s El Eternauta: [bold]AI[/] Cuts",
        body="Ted Sarandos said it.\nNetflix's effects were ten times faster, said Sarandos.\n"
        "“Quoted Words” and: Colon Start. Étienne Fábrica’s crew; O'Neil's take.",
        origin="x.md",
    )
    for article in [tricky, *generate(30, seed=3)]:
        assert storywords.words(article.title, article.body) == story_reference.words(article)


def test_words_are_counted_once_and_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    folder = tmp_path / "index"
    folder.mkdir()
    articles = generate(60, seed=5, stories=3)
    first = storymod.group(articles, keep_in=folder)
    assert (folder / storywords.WORDS_FILE).exists()

    counted: list[str] = []
    real = storywords.words
    monkeypatch.setattr(
        storywords, "words", lambda title, body: counted.append(title) or real(title, body)
    )
    storymod.forget()
    (folder / storymod.STORIES_FILE).unlink()  # grouped again, from the kept words
    assert storymod.group(articles, keep_in=folder) == first and counted == []

    # One article changed, one removed, one new: only two are counted.
    changed = replace(articles[0], body=articles[0].body + "\nA new paragraph.", checksum="c0ffee")
    new = generate(61, seed=9, stories=3)[-1]
    library = [changed, *articles[1:-1], new]
    storymod.forget()
    again = storymod.group(library, keep_in=folder)
    assert sorted(counted) == sorted([changed.title, new.title])
    assert rows(again) == story_reference.group(library)
    kept = storywords._load(folder / storywords.WORDS_FILE)
    assert kept is not None and sorted(kept.keys) == sorted((a.id, a.checksum) for a in library)
    # The vocabulary keeps only words in use.
    assert set(kept.vocab) == {w for a in library for w in real(a.title, a.body)}


def test_a_listing_is_grouped_with_bodies_fetched(tmp_path: Path):
    articles = generate(40, seed=2, stories=2)
    by_id = {a.id: a for a in articles}
    listing = [replace(a, body="") for a in articles]
    fetched: list[str] = []

    def fetch(article_id: str) -> Article:
        fetched.append(article_id)
        return by_id[article_id]

    found = storymod.group(listing, fetch=fetch)
    assert sorted(fetched) == sorted(by_id) and rows(found) == story_reference.group(articles)


@pytest.mark.parametrize("damage", [b"", b"not a zip at all", b"PK\x03\x04broken"])
def test_damaged_kept_words_are_counted_again(tmp_path: Path, damage: bytes):
    folder = tmp_path / "index"
    folder.mkdir()
    (folder / storywords.WORDS_FILE).write_bytes(damage)
    articles = generate(20, seed=4, stories=2)
    assert rows(storymod.group(articles, keep_in=folder)) == story_reference.group(articles)
    assert storywords._load(folder / storywords.WORDS_FILE) is not None


def test_counting_shared_between_processes_gives_the_same_words(monkeypatch):
    monkeypatch.setattr(storywords, "PARALLEL_FROM", 10)
    articles = generate(40, seed=6)
    assert storywords.count(articles) == [storywords.words(a.title, a.body) for a in articles]


def test_compare_reads_only_the_story_from_a_large_listing(seeded: Workspace):
    """compare() groups the listing and reads whole only the story's articles."""
    articles, found = storymod.of_library(seeded)
    assert all(not a.body for a in articles)
    whole = storymod.members(seeded, articles, found[0])
    assert len(whole) == 5 and all(a.body for a in whole)


def test_thin_signatures_do_not_chain_stories():
    """Articles whose distinctive words are few, each sharing one rare word
    with the next, are not one story: a link needs MIN_SHARED_WORDS words."""
    common = " ".join(f"common{chr(97 + i % 26)}{chr(97 + i // 26)}" for i in range(60))
    rare = [f"zq{chr(97 + i % 26)}{chr(97 + i // 26)}x" for i in range(41)]
    articles = [
        Article.make(
            title=f"Brief number {i}",
            body=f"{common} {rare[i]} {rare[i + 1]}.",
            origin=f"brief-{i}.md",
        )
        for i in range(40)
    ]
    found = storymod.group(articles)
    assert rows(found) == story_reference.group(articles)
    assert max(len(s.articles) for s in found) == 1


def test_articles_sharing_enough_words_are_one_story():
    shared = " ".join(f"plorkan{chr(97 + i)}" for i in range(6))
    articles = [
        Article.make(
            title=f"Report {i}",
            body=f"{shared} filler{i}a filler{i}b. Background words here.",
            origin=f"r-{i}.md",
        )
        for i in range(4)
    ] + generate(30, seed=8, stories=3)
    found = storymod.group(articles)
    assert rows(found) == story_reference.group(articles)
    ours = {a.id for a in articles[:4]}
    assert any(ours <= set(s.articles) for s in found)


def test_an_unchanged_library_is_not_keyed_again(workspace: Workspace, monkeypatch):
    """While the library is unchanged a workspace hands out the same listing,
    and its stories come back without keying every article again; a new
    article makes a new listing, grouped anew."""
    articles, first = storymod.grouped(workspace)
    calls: list[int] = []
    real = storymod.group
    monkeypatch.setattr(storymod, "group", lambda *a, **k: calls.append(1) or real(*a, **k))
    again_articles, again = storymod.grouped(workspace)
    assert again_articles is articles and again is first and calls == []
    newcomer = generate(1, seed=11)[0]
    workspace.store([newcomer])
    grown, stories = storymod.grouped(workspace)
    assert calls == [1] and newcomer.id in {a.id for a in grown}
    assert newcomer.id in {i for s in stories for i in s.articles}


def test_an_article_gone_before_its_body_is_read_is_grouped_by_its_title():
    from hollywood_ai.index.errors import HollywoodError

    articles = generate(12, seed=3, stories=2)
    listing = [replace(a, body="") for a in articles]
    by_id = {a.id: a for a in articles[1:]}

    def fetch(article_id: str) -> Article:
        if article_id not in by_id:
            raise HollywoodError(f"there is no article with id '{article_id}'")
        return by_id[article_id]

    found = storymod.group(listing, fetch=fetch)
    assert sorted(i for s in found for i in s.articles) == sorted(a.id for a in articles)


def test_words_of_an_article_not_read_are_not_kept(tmp_path: Path):
    """Title-only words stand in for an article gone meanwhile, but are not
    kept: the article, back with the same checksum, is counted whole."""
    from hollywood_ai.index.errors import HollywoodError

    folder = tmp_path / "index"
    folder.mkdir()
    articles = generate(12, seed=3, stories=2)
    listing = [replace(a, body="") for a in articles]
    by_id = {a.id: a for a in articles}

    def fetch_but_first(article_id: str) -> Article:
        if article_id == articles[0].id:
            raise HollywoodError("gone")
        return by_id[article_id]

    storymod.group(listing, keep_in=folder, fetch=fetch_but_first)
    kept = storywords._load(folder / storywords.WORDS_FILE)
    assert kept is not None and (articles[0].id, articles[0].checksum) not in kept.keys
    assert len(kept.keys) == len(articles) - 1
    storymod.forget()
    again = storymod.group(listing, keep_in=folder, fetch=by_id.__getitem__)
    assert rows(again) == story_reference.group(articles)


def test_kept_words_with_offsets_out_of_order_are_counted_again(tmp_path: Path):
    import numpy as np

    folder = tmp_path / "index"
    folder.mkdir()
    articles = generate(10, seed=4, stories=2)
    table = storywords.table(articles, keep_in=folder)
    table.offsets = table.offsets[::-1].copy()
    storywords._save(folder / storywords.WORDS_FILE, table)
    assert storywords._load(folder / storywords.WORDS_FILE) is None
    assert rows(storymod.group(articles, keep_in=folder)) == story_reference.group(articles)
    assert np.all(np.diff(storywords._load(folder / storywords.WORDS_FILE).offsets) >= 0)
