"""Story grouping: the array version agrees with the pair-by-pair reference,
and each article's words are counted once and kept beside the index."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hollywood_ai.index.model import Article
from hollywood_ai.index.stories import grouping as storymod
from hollywood_ai.index.stories import words as storywords
from hollywood_ai.index.workspace import Workspace

from bench.corpus import generate
from tests import story_reference


def rows(found: list[storymod.Story]) -> list[tuple[str, str, list[str]]]:
    return [(s.id, s.label, s.articles) for s in found]


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


# ------------------------------------------------- events, ids, labels, errors


def report(title: str, body: str, published: str | None, origin: str) -> Article:
    return Article.make(title=title, body=body, origin=origin, published=published)


FERRY = (
    "The Varden ferry crews walked out at dawn, and the Kessoway harbour stood still. "
    "Captain Orla Brennick said the Varden Ferry Company had cut the night shifts. "
    "Commuters from Kessoway queued at the Tullamore slipway while pickets sang. "
    "The company offered the Brennick crews a bonus, which the union refused."
)
LIGHTHOUSE = (
    "Restorers lifted the lantern of the Skerrow lighthouse off its tower by crane. "
    "The Skerrow Heritage Trust said the Fresnel lens would be polished in Dunmere. "
    "Architect Ilse Moravec showed the cracked gallery and the rusted stair. "
    "The trust hopes the Moravec plan reopens the tower to visitors."
)


def ferry(i: int, published: str | None = "2024-05-06") -> Article:
    extra = ["The strike entered its second day.", "Talks were set for Friday.", ""][i % 3]
    body = f"{FERRY} {extra} (Report {i}.)"
    return report(f"Varden ferry strike, report {i}", body, published, f"f{i}.md")


def lighthouse(i: int, published: str | None = "2024-05-06") -> Article:
    extra = ["Work starts in June.", "The lens is two centuries old.", ""][i % 3]
    return report(
        f"Skerrow lighthouse restored, report {i}",
        f"{LIGHTHOUSE} {extra} (Report {i}.)",
        published,
        f"l{i}.md",
    )


def story_of(found: list[storymod.Story], article: Article) -> storymod.Story:
    return next(s for s in found if article.id in s.articles)


def test_an_article_like_two_events_does_not_chain_them():
    """An article that reports both events joins at most one of them: the
    two stories stay apart (linking any two alike articles made them one)."""
    ferries, lights = [ferry(i) for i in range(4)], [lighthouse(i) for i in range(4)]
    both = report(
        "Kessoway harbour week",
        f"{FERRY[: len(FERRY) // 2]} {LIGHTHOUSE[: len(LIGHTHOUSE) // 2]}",
        "2024-05-06",
        "both.md",
    )
    articles = [*ferries, *lights, both]
    found = storymod.group(articles)
    assert rows(found) == story_reference.group(articles)
    assert story_of(found, ferries[0]) != story_of(found, lights[0])
    assert {a.id for a in ferries} <= set(story_of(found, ferries[0]).articles)
    assert {a.id for a in lights} <= set(story_of(found, lights[0]).articles)


def test_alike_articles_years_apart_are_two_events():
    early = [ferry(i, "2021-03-0" + str(i + 1)) for i in range(3)]
    late = [ferry(i + 3, "2024-06-1" + str(i)) for i in range(3)]
    found = storymod.group([*early, *late])
    assert story_of(found, early[0]) != story_of(found, late[0])
    assert {len(s.articles) for s in found} == {3}
    # Undated, the same articles are told apart by their words alone: one story.
    undated = [replace(a, published=None, checksum="undated") for a in [*early, *late]]
    assert len(storymod.group(undated)) == 1


def test_a_story_is_labelled_by_its_most_central_title():
    """The label is the title of the article most like the others, never a
    list of words."""
    middle = report("Ferry strike halts Kessoway crossings", FERRY, "2024-05-06", "m.md")
    sides = [
        report(
            "Night shifts", FERRY[: len(FERRY) * 2 // 3] + " Brennick spoke.", "2024-05-06", "a.md"
        ),
        report("Pickets", FERRY[len(FERRY) // 3 :] + " Tullamore waited.", "2024-05-07", "b.md"),
    ]
    found = storymod.group([*sides, middle, *[lighthouse(i) for i in range(3)]])
    ours = story_of(found, middle)
    assert len(ours.articles) == 3 and ours.label == middle.title
    assert all("·" not in s.label for s in found)


def test_an_unrelated_article_changes_no_story():
    library = generate(120, seed=7, stories=6) + [ferry(i) for i in range(3)]
    before = {s.id: s.articles for s in storymod.group(library)}
    stranger = report(
        "Quarry owls nest again",
        "Barn owls returned to the disused Hexley quarry, the Ornithology Circle of "
        "Pellham counted nine owlets, and warden Tamsin Oakridge closed the footpath.",
        "2024-05-20",
        "owls.md",
    )
    storymod.forget()
    after = {s.id: s.articles for s in storymod.group([*library, stranger])}
    assert after.pop("s-" + stranger.id[:8]) == [stranger.id]
    assert after == before


def test_a_related_article_joins_its_story_under_the_same_id():
    library = generate(120, seed=7, stories=6) + [ferry(i) for i in range(3)]
    found = storymod.group(library)
    ours = story_of(found, library[-1])
    # Later than the story's earliest article, with an id that sorts first.
    newcomer = replace(ferry(7, "2024-05-09"), id="0000" + ferry(7).id[4:])
    again = storymod.group([*library, newcomer])
    grown = story_of(again, newcomer)
    assert grown.id == ours.id and grown.articles == sorted(
        [*ours.articles, newcomer.id],
        key=lambda i: next(a.published or "" for a in [*library, newcomer] if a.id == i) + i,
    )
    assert {s.id: s.articles for s in again if s.id != ours.id} == {
        s.id: s.articles for s in found if s.id != ours.id
    }


def test_a_story_id_that_is_gone_names_the_stories_there_are():
    from hollywood_ai.index.errors import HollywoodError

    found = storymod.group([*(ferry(i) for i in range(3)), *(lighthouse(i) for i in range(2))])
    with pytest.raises(HollywoodError) as raised:
        storymod.find_or_fail(found, "s-0bsolete")
    message = str(raised.value)
    assert "no story 's-0bsolete'" in message and "'hollywood-ai stories'" in message
    assert all(s.id in message and s.label[:20] in message for s in found)
    assert "\n" not in message and message.count(". ") == 0
    with pytest.raises(HollywoodError, match="has none yet"):
        storymod.find_or_fail([], "s-1234")
    # A unique prefix still finds its story; "s-" alone finds none.
    assert storymod.find(found, found[0].id[:5]) is found[0]
    assert storymod.find(found, "s-") is None


@pytest.mark.parametrize("dense_up_to", [0, 2, 150])
def test_grouping_over_pairs_and_over_matrices_agree(dense_up_to: int, monkeypatch):
    """Large connected parts are grouped pair by pair, small ones over their
    matrix: both give the reference's stories, some articles undated."""
    from hollywood_ai.index.stories import links as storylinks
    monkeypatch.setattr(storylinks, "DENSE_UP_TO", dense_up_to)
    articles = generate(150, seed=12, stories=8)
    articles = [
        replace(a, published=None, checksum="undated") if i % 5 == 0 else a
        for i, a in enumerate(articles)
    ]
    assert rows(storymod.group(articles)) == story_reference.group(articles)


def test_a_bulk_import_is_grouped_from_the_words_counted_as_it_was_indexed(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
):
    """The index counts each article's story words as it indexes it: the
    first grouping after an import reads neither a body nor counts a word,
    and finds the stories counting from the bodies finds."""
    articles = generate(80, seed=12, stories=5)
    workspace.store(articles)
    (workspace.home / "index" / storywords.WORDS_FILE).unlink(missing_ok=True)

    def refuse(*args: object) -> None:
        raise AssertionError("a body was read or counted")

    monkeypatch.setattr(storywords, "words", refuse)
    monkeypatch.setattr(workspace, "get", refuse)
    listing, found = storymod.grouped(workspace)
    monkeypatch.undo()
    everything = [workspace.get(a.id) for a in listing]
    assert rows(found) == story_reference.group(everything)
    assert any(len(s.articles) > 1 for s in found)
