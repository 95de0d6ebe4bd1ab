"""Search on the seeds: relevance judgments, query language, suggestions."""

from __future__ import annotations

from pathlib import Path

import pytest
from hollywood_ai.index.searching.results import MARK_CLOSE, MARK_OPEN, marked, search
from hollywood_ai.index.workspace import Workspace

# Seed articles by a stable feature of each (ids derive from their text).
TECHCRUNCH = "Netflix Uses AI: Transforming Filmmaking or Taking Jobs?"
BETS_BIG = "Netflix Bets Big on Generative AI While Entertainment Industry Divides"
PROGRAMMING = "Netflix Integrates Generative AI into Original Programming"
WAVE = "Whether welcomed or not, the AI wave has officially hit Hollywood"
GUARDIAN = "Netflix Integrates Generative AI in New Series to Enhance Quality and Cut Costs"


def titles(ws: Workspace, query: str, **kw) -> list[str]:
    return [h.title for h in search(ws, query, **kw).hits]


# Which article must rank first, judged by reading the seeds.
FIRST = [
    ("El Atonata", TECHCRUNCH),
    ("Happy Gilmore", BETS_BIG),
    ("Sora", BETS_BIG),
    ("Brutalist", PROGRAMMING),
    ("Midjourney copyright", WAVE),
    ("Oesterheld", WAVE),
    ("Squid Game", GUARDIAN),
    ("Nadeem Sarwar", WAVE),
    ("11.5 billion", BETS_BIG),
    ("deepfakes Cranston", BETS_BIG),
    ("Anya Sharma", TECHCRUNCH),
    ("Guardian", GUARDIAN),
    ("advertising revenue", GUARDIAN),
    ("Greg Peters", TECHCRUNCH),
]


@pytest.mark.parametrize(("query", "expected"), FIRST)
def test_judged_first_hit(seeded: Workspace, query: str, expected: str):
    assert titles(seeded, query)[0] == expected


# Which articles must all appear (and nothing else) for a query.
SETS = [
    ('"ten times faster"', {TECHCRUNCH, PROGRAMMING, WAVE}),
    ("Eternaut", {BETS_BIG, PROGRAMMING, WAVE}),
    ("Sarandos", {TECHCRUNCH, BETS_BIG, PROGRAMMING, WAVE, GUARDIAN}),
    ("Buenos Aires", {PROGRAMMING, WAVE}),
    ("SAG-AFTRA", {BETS_BIG, PROGRAMMING}),
]


@pytest.mark.parametrize(("query", "expected"), SETS)
def test_judged_hit_sets(seeded: Workspace, query: str, expected: set[str]):
    result = search(seeded, query)
    assert set(h.title for h in result.hits) == expected
    assert result.total == len(expected)


def test_title_outweighs_body(seeded: Workspace):
    # "Programming" is only in one title; "bets" only in one title.
    assert titles(seeded, "bets")[0] == BETS_BIG
    assert titles(seeded, "programming")[0] == PROGRAMMING


def test_all_words_must_match(seeded: Workspace):
    assert titles(seeded, "Sarandos Midjourney") == [WAVE]
    assert search(seeded, "Sarandos zeppelin").total == 0


def test_stemming(seeded: Workspace):
    # "collapses" finds "collapsing" and "collapse".
    found = set(titles(seeded, "collapses"))
    assert {TECHCRUNCH, BETS_BIG, PROGRAMMING, WAVE} <= found


def test_accents_fold(seeded: Workspace):
    assert titles(seeded, "Etérnauta") == titles(seeded, "eternauta") == [GUARDIAN]
    assert titles(seeded, "Hector German") == [WAVE]  # written Héctor Germán


def test_boolean_operators(seeded: Workspace):
    assert set(titles(seeded, "Sora OR Midjourney")) == {BETS_BIG, WAVE}
    assert search(seeded, "NOT Netflix").total == 0
    assert set(titles(seeded, "Eternaut NOT Sora")) == {PROGRAMMING, WAVE}


def test_fields(seeded: Workspace):
    assert titles(seeded, "outlet:guardian") == [GUARDIAN]
    assert titles(seeded, "author:naz") == [BETS_BIG]
    assert titles(seeded, "tags:ai-video") == [TECHCRUNCH]
    assert set(titles(seeded, "title:integrates")) == {PROGRAMMING, GUARDIAN}


def test_prefix(seeded: Workspace):
    assert set(titles(seeded, "eternau*")) == {BETS_BIG, PROGRAMMING, WAVE, GUARDIAN}


def test_date_ranges(seeded: Workspace):
    assert set(titles(seeded, "published:[2025-07-01 TO 2025-07-31]")) == {TECHCRUNCH, GUARDIAN}
    assert set(titles(seeded, "published:2025")) == {TECHCRUNCH, GUARDIAN}
    assert search(seeded, "published:2024").total == 0
    assert titles(seeded, "Sarandos published:2025-07-18", sort="date")


DATED = {TECHCRUNCH, GUARDIAN}  # both published 2025-07-18; the other seeds are undated


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Dashed dates are read to the day (Whoosh's parser alone took the
        # year of a dashed date at the end of a range).
        ("published:[2025-07-19 TO 2025-07-31]", set()),
        ("published:[2025-07-01 TO 2025-07-17]", set()),
        ("published:[TO 2025-01-01]", set()),
        ("published:[TO 2025-07-17]", set()),
        ("published:[2025-07-19 TO]", set()),
        ("published:[2025-07-18 TO 2025-07-18]", DATED),
        ("published:[2025-07-18 TO 2025-07-31]", DATED),
        ("published:[2025-07-01 TO 2025-07-18]", DATED),
        ("published:[TO 2025-07-18]", DATED),
        ("published:[2025-07-18 TO]", DATED),
        ("published:[2025-7-1 TO 2025-7-31]", DATED),
        # Months, alone and as range ends.
        ("published:2025-07", DATED),
        ("published:2025-06", set()),
        ("published:2025-08", set()),
        ("published:[2025-06 TO 2025-07]", DATED),
        ("published:[2025-08 TO 2025-12]", set()),
        ("published:[2025-01 TO 2025-06]", set()),
        # One day exactly.
        ("published:2025-07-18", DATED),
        ('published:"2025-07-18"', DATED),
        ("published:2025/07/18", DATED),
        ("published:2025-07-17", set()),
        ("published:2025-07-19", set()),
        ("Sarandos published:2025-07-18", DATED),
        ("published:(2025-07-17 OR 2025-07-18)", DATED),
        # Compact dates keep working.
        ("published:[20250719 TO 20250731]", set()),
        ("published:20250718", DATED),
    ],
)
def test_dates_are_read_to_the_day(seeded: Workspace, text: str, expected: set[str]):
    result = search(seeded, text)
    assert set(h.title for h in result.hits) == expected
    assert result.total == len(expected)


def test_dates_outside_published_are_words():
    from hollywood_ai.index.searching.queries import compact_dates

    assert compact_dates("2025-07-18 published:[2025-07-01 TO 2025-7-31]") == (
        "2025-07-18 published:[20250701 TO 20250731]"
    )
    assert compact_dates("title:2025-07 published:2025-07") == "title:2025-07 published:202507"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('"ten times', "ten times"),
        ("AND", None),
        ("title:", None),
        ("sarandos AND", "sarandos"),
        ("(sarandos", "sarandos"),
        ("OR OR", None),
        ("published:[2025", None),
        ("]", None),
        (":", None),
        ('"', None),
    ],
)
def test_invalid_syntax_is_searched_as_words(seeded: Workspace, text: str, words: str | None):
    """Half-typed syntax finds what its words find, and nothing when it has none."""
    result = search(seeded, text)  # never raises
    assert result.total == (search(seeded, words).total if words else 0)
    if words:
        assert result.total > 0


def test_unbalanced_quote_keeps_words(seeded: Workspace):
    assert set(titles(seeded, '"ten times')) >= {TECHCRUNCH, PROGRAMMING, WAVE}
    assert set(titles(seeded, "sarandos AND")) == set(titles(seeded, "sarandos"))


def test_no_hits(seeded: Workspace):
    result = search(seeded, "zeppelin")
    assert result.total == 0 and result.hits == []


def test_suggestion_for_misspelling(seeded: Workspace):
    result = search(seeded, "Sarandso")
    assert result.suggestion == "Sarandos"
    assert search(seeded, "netflx revenue").suggestion == "netflix revenue"


def test_suggestion_still_shows_hits(seeded: Workspace):
    result = search(seeded, "Sarandos Eternaut collapsng")
    assert result.suggestion is not None
    assert result.suggestion.startswith("Sarandos Eternaut collaps")
    assert result.suggestion != "Sarandos Eternaut collapsng"


def test_no_suggestion_for_known_words(seeded: Workspace):
    for text in ("Sarandos", '"ten times', "AND", "eternau*", "outlet:guardian"):
        assert search(seeded, text).suggestion is None, text


def test_snippets_mark_the_matched_words(seeded: Workspace):
    hit = search(seeded, '"ten times faster"').hits[0]
    text = marked(hit.snippet, hit.spans)
    assert (
        f"{MARK_OPEN}ten{MARK_CLOSE} {MARK_OPEN}times{MARK_CLOSE} {MARK_OPEN}faster{MARK_CLOSE}"
        in text
    )
    for start, end in hit.spans:
        # Stemmed matches count: "time" matches "times".
        assert hit.snippet[start:end].lower() in {"ten", "times", "time", "faster"}


def test_snippet_is_the_matching_passage(seeded: Workspace):
    for hit in search(seeded, "Sarandos").hits:
        assert "Sarandos" in hit.snippet
        assert len(hit.snippet) <= 250


def test_sort_by_date(seeded: Workspace):
    hits = search(seeded, "Netflix", sort="date").hits
    dates = [h.published for h in hits if h.published]
    assert dates == sorted(dates, reverse=True) and len(hits) == 5


def test_limit_and_exact_total(seeded: Workspace):
    result = search(seeded, "Netflix", limit=2)
    assert len(result.hits) == 2 and result.total == 5


def test_cancelled_search_raises(seeded: Workspace):
    from hollywood_ai.index.searching.results import Cancelled

    with pytest.raises(Cancelled):
        search(seeded, "Netflix", should_stop=lambda: True)


@pytest.mark.parametrize(
    "text",
    [
        "Sarandos",
        "netflix generative",
        "visual effects",
        "the eternaut",
        "ai jobs",
        # Words in titles, outlets and authors: their field boosts count.
        "AI",
        "Netflix",
        "Netflix AI",
        "guardian sarandos",
        "naz",
        "Netflix's AI",
    ],
)
def test_fast_path_ranks_like_whoosh(seeded: Workspace, text: str):
    """Plain-word queries take the fast path; Whoosh's own evaluation of the
    same query must find the same articles in the same order, with the same
    scores (the title's and outlet's boosts included)."""
    from hollywood_ai.index.searching import queries as q
    from hollywood_ai.index.searching.schema import ARTICLES

    fast = [(h.id, h.score) for h in search(seeded, text).hits]
    s = seeded.index.searcher(ARTICLES)
    slow = [(r["id"], round(r.score, 4)) for r in s.search(q.parse(text, s), limit=20)]
    assert fast == slow and fast


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    """83 generated articles over several outlets, authors and dates, in two
    segments, one of them removed again (so the index has a deleted document)."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from bench.corpus import generate

    ws = Workspace(tmp_path_factory.mktemp("generated"))
    ws.ensure_home()
    (ws.home / ".seeded").write_text("1\n", encoding="utf-8")
    articles = generate(80, stories=3)
    for article in articles:
        ws.library.put(article)
    ws.invalidate()
    ws.sync()
    for article in generate(83, stories=3)[80:]:  # a second segment
        ws.library.put(article)
    ws.library.remove(articles[5].id)
    ws.invalidate()
    ws.sync()
    return ws


@pytest.mark.parametrize(
    "text",
    [
        "outlet:guardian",
        "title:netflix",
        "author:naz",
        "tags:dubbing",
        "published:2024",
        "published:2024-03",
        "published:[2024-01-01 TO 2024-06-30]",
        "published:[2024-05-01 TO]",
        "netflix published:2024",
        "outlet:variety production",
        "title:netflix published:[2023-06-01 TO 2024-12-31] union",
        "outlet:guardian OR netflix",  # one OR of terms: the sum of those present
    ],
)
@pytest.mark.parametrize("sort", ["relevance", "date"])
def test_field_and_date_queries_rank_like_whoosh(generated: Workspace, text: str, sort: str):
    """Words in one field and whole-day date ranges (alone or ANDed with
    words) are answered without Whoosh's evaluation: same total, same hits,
    same scores, same order, and the deleted article never comes back."""
    from hollywood_ai.index.searching import queries as q
    from hollywood_ai.index.searching import ranking as fastrank
    from hollywood_ai.index.searching import results as search_module
    from hollywood_ai.index.searching.schema import ARTICLES

    s = generated.index.searcher(ARTICLES)
    query = q.parse(text, s)
    assert fastrank.rank_query(s, query, 20, sort) is not None, repr(query)
    result = search(generated, text, sort=sort)
    slow = search_module._run(s, query, 20, sort)
    assert result.total == len(slow)
    assert [(h.id, h.score) for h in result.hits] == [
        (r["id"], round(search_module._score(r, sort), 4)) for r in slow
    ]
    removed = {a.id for a in generated.articles()}
    assert all(h.id in removed for h in result.hits)


@pytest.mark.parametrize("word", ["netflix", "studio", "union", "guardian", "effect", "naz"])
def test_term_scores_are_whooshs_own(generated: Workspace, word: str):
    """The fast path's per-posting BM25F (lengths read a segment at a time)
    gives exactly Whoosh's floats, in every field, across segments, without
    the deleted article."""
    from hollywood_ai.index.searching import scores
    from hollywood_ai.index.searching.schema import ARTICLES

    s = generated.index.searcher(ARTICLES)
    assert len(s.reader().leaf_readers()) == 2
    compared = 0
    for field in ("title", "body", "outlet", "author", "tags"):
        if not s.reader().doc_frequency(field, word):
            continue
        ours: dict[int, float] = {}
        scores.add_scores(s, field, word, 1.5, ours)
        theirs = {}
        m = s.postings(field, word, weighting=s.weighting)
        while m.is_active():
            theirs[m.id()] = m.score() * 1.5
            m.next()
        assert ours == theirs
        compared += 1
    assert compared


@pytest.mark.parametrize(
    "text", ["published:2024 NOT netflix", "eternau*", "title:net*", '"visual effects" OR union']
)
def test_other_queries_are_left_to_whoosh(generated: Workspace, text: str):
    from hollywood_ai.index.searching import queries as q
    from hollywood_ai.index.searching import ranking as fastrank
    from hollywood_ai.index.searching.schema import ARTICLES

    s = generated.index.searcher(ARTICLES)
    assert fastrank.rank_query(s, q.parse(text, s), 20, "relevance") is None


def test_stop_words_are_not_required(seeded: Workspace):
    assert set(titles(seeded, "the Eternaut")) == set(titles(seeded, "Eternaut"))
    assert set(titles(seeded, '"ten times" the')) == set(titles(seeded, '"ten times"'))


def test_sort_by_date_puts_undated_last(seeded: Workspace):
    for text in ("Netflix", '"generative AI"'):  # the fast path and Whoosh's
        hits = search(seeded, text, sort="date").hits
        dated = [h.published is not None for h in hits]
        assert dated == sorted(dated, reverse=True), text


@pytest.mark.parametrize(
    "text",
    [
        '"ten times faster"',
        '"visual effects" Sarandos',
        '"building collapse"',
        '"Buenos Aires"',
        '"El Eternauta"',
        # Phrases in the author, outlet and tags fields.
        '"Hajra Naz"',
        '"hajra naz" netflix',
        '"The Guardian"',
        '"AI ethics"',
    ],
)
def test_fast_phrases_find_what_whoosh_finds(seeded: Workspace, text: str):
    """Phrases take the fast path (pairs of neighbouring words); Whoosh's own
    phrase search must find the same articles."""
    from hollywood_ai.index.searching import queries as q
    from hollywood_ai.index.searching.schema import ARTICLES

    fast = {h.id for h in search(seeded, text).hits}
    s = seeded.index.searcher(ARTICLES)
    slow = {r["id"] for r in s.search(q.parse(text, s), limit=20)}
    assert fast == slow and fast


@pytest.mark.parametrize(
    "text", ['"ten times faster"', '"visual effects" Sarandos', '"hajra naz" netflix', '"AI ethics"']
)
def test_fast_phrases_rank_like_whoosh(seeded: Workspace, text: str):
    """The fast path reads phrases from the fields' positions, as Whoosh's
    phrase query does: the same articles in the same order."""
    from hollywood_ai.index.searching import queries as q
    from hollywood_ai.index.searching.schema import ARTICLES

    fast = [h.id for h in search(seeded, text).hits]
    s = seeded.index.searcher(ARTICLES)
    slow = [r["id"] for r in s.search(q.parse(text, s), limit=20)]
    assert fast == slow and fast


def test_phrase_with_a_comma_is_not_an_error(seeded: Workspace):
    """Found by hypothesis: a phrase that the tags field splits at its comma."""
    assert search(seeded, '0"0,0"').total == 0
    assert search(seeded, '"visual, effects"').total == search(seeded, '"visual effects"').total > 0


@pytest.mark.parametrize(
    "text", ["faster OR eternaut", "Netflix", '"generative AI"', "title:netflix", "eternau*"]
)
def test_sort_by_date_keeps_relevance_scores(seeded: Workspace, text: str):
    """Sorted by date, each hit carries the score it has sorted by relevance
    (Whoosh puts its sort key where the score goes), and hits of one date
    come best first."""
    by_relevance = {h.id: h.score for h in search(seeded, text).hits}
    by_date = search(seeded, text, sort="date").hits
    assert by_relevance and {h.id: h.score for h in by_date} == by_relevance
    assert all(0 < h.score < 1000 for h in by_date)
    keys = [(h.published or "", h.score) for h in by_date]
    assert keys == sorted(keys, reverse=True)


APOSTROPHE_QUERIES = [
    ("Netflix's", "Netflix’s", "Netflix‘s", "netflixʼs"),
    ("doesn't", "doesn’t"),
    ('"Netflix\'s earnings"', '"Netflix’s earnings"'),
    ('"Netflix\'s use"', '"Netflix’s use"'),
]


@pytest.mark.parametrize("forms", APOSTROPHE_QUERIES)
def test_typed_apostrophes_meet_curly_ones(seeded: Workspace, forms: tuple[str, ...]):
    """The seeds write both "Netflix's" and "Netflix’s": every form finds all."""
    found = [search(seeded, text) for text in forms]
    assert found[0].total > 0
    for result in found:
        assert {h.id for h in result.hits} == {h.id for h in found[0].hits}, result.query
        assert result.total == found[0].total
        assert result.suggestion is None


def test_possessive_finds_both_spellings(seeded: Workspace):
    # The Guardian's article writes "Netflix's", TechCrunch's "Netflix’s".
    assert {GUARDIAN, TECHCRUNCH} <= set(titles(seeded, "Netflix's"))
    assert {GUARDIAN, TECHCRUNCH} <= set(titles(seeded, "Netflix’s"))
    assert titles(seeded, "doesn't")


@pytest.mark.parametrize("text", ["Netflix's", "Netflix’s", "doesn't"])
def test_apostrophes_fast_path_ranks_like_whoosh(seeded: Workspace, text: str):
    from hollywood_ai.index.searching import queries as q
    from hollywood_ai.index.searching.schema import ARTICLES

    fast = [h.id for h in search(seeded, text).hits]
    s = seeded.index.searcher(ARTICLES)
    slow = [r["id"] for r in s.search(q.parse(text, s), limit=20)]
    assert fast == slow and fast


@pytest.mark.parametrize("text", ["Netflix's", "Netflix’s", "doesn't", '"Netflix\'s use"'])
def test_snippets_mark_words_with_either_apostrophe(seeded: Workspace, text: str):
    word = text.strip('"').split()[0].replace("’", "'").lower()
    for hit in search(seeded, text).hits:
        marked_words = {hit.snippet[s:e].replace("’", "'").lower() for s, e in hit.spans}
        assert word in marked_words, (hit.title, hit.snippet)


def test_phrases_search_author_and_outlet(seeded: Workspace):
    assert titles(seeded, '"Hajra Naz"') == titles(seeded, "hajra naz") == [BETS_BIG]
    assert titles(seeded, '"The Guardian"') == [GUARDIAN]
    assert titles(seeded, '"Cut Costs"') == [GUARDIAN]  # the end of its title


@pytest.mark.parametrize(
    "text",
    [
        '"costs netflix"',  # the Guardian's title ends "Cut Costs", its body starts "Netflix"
        '"programming introduction"',  # a title's end and the body's first heading
        '"divides hajra"',  # a title's end and its author
    ],
)
def test_phrases_do_not_join_fields(seeded: Workspace, text: str):
    from hollywood_ai.index.searching import queries as q
    from hollywood_ai.index.searching.schema import ARTICLES

    s = seeded.index.searcher(ARTICLES)
    assert len(s.search(q.parse(text, s))) == 0  # Whoosh finds none
    assert search(seeded, text).total == 0


# ---------------------------------------------------------------- suggestions


@pytest.mark.parametrize(
    ("text", "suggestion"),
    [
        ("guardain", "guardian"),  # an outlet
        ("Techcrnch", "Techcrunch"),
        ("gardian netflix", "guardian netflix"),
        ("Hajra Nzz", "Hajra Naz"),  # an author
        ("hollywod", "hollywood"),
        ("Etérnuta", "Eternauta"),  # accents folded
        ("doesnt", "doesn't"),
        ("sarandos AND netflx", "sarandos AND netflix"),
        ("outlet:guardian netflx", "outlet:guardian netflix"),
    ],
)
def test_suggestions_know_outlets_and_authors(seeded: Workspace, text: str, suggestion: str):
    assert search(seeded, text).suggestion == suggestion


@pytest.mark.parametrize(
    "text",
    [
        "hajra",  # only an author's name
        "naz",
        "Hajra Naz",
        "techcrunch",  # only an outlet's
        "guardian",
        "gen-ai",  # only a tag
        "media-entertainment",
        "doesn't",
        "doesn’t",
        "Netflix's",
        "SAG-AFTRA",
    ],
)
def test_no_correction_of_a_word_any_field_knows(seeded: Workspace, text: str):
    result = search(seeded, text)
    assert result.total > 0 and result.suggestion is None


def test_no_correction_of_a_word_only_a_tag_knows(workspace: Workspace):
    from hollywood_ai.index.model import Article

    extra = Article.make(
        title="A note on Zanzibar", body="Nothing much here.\n", origin="t", tags=("zoetropes",)
    )
    workspace.store([extra])  # a second segment: corrections read both
    result = search(workspace, "zoetropes")
    assert result.total == 1 and result.suggestion is None
    assert search(workspace, "Sarandso").suggestion == "Sarandos"
    assert search(workspace, "zanzibr").suggestion == "zanzibar"


def test_suggestion_is_checked_without_a_whoosh_search(seeded: Workspace, monkeypatch):
    """The correction is counted with the fast path's tables (plain words) or
    one unscored pass, never a ranked Whoosh search."""
    from hollywood_ai.index.searching.schema import ARTICLES
    from hollywood_ai.index.searching.suggestions import suggest
    from whoosh.searching import Searcher

    searcher = seeded.index.searcher(ARTICLES)

    def refuse(*args, **kwargs):
        raise AssertionError("suggest() ran a ranked search")

    monkeypatch.setattr(Searcher, "search", refuse)
    assert search(seeded, "netflx revenue").suggestion == "netflix revenue"
    assert suggest(searcher, "sarandos AND netflx", 0) == "sarandos AND netflix"
    assert suggest(searcher, '"ten times fastr"', 0) == '"ten times faster"'
    assert suggest(searcher, "tags:netflix netflx", 0) == "tags:netflix netflix"


@pytest.mark.parametrize(
    "text",
    [
        "netflix revenue",
        "sarandos AND netflix",
        '"ten times faster"',
        "outlet:guardian netflix",
        "eternaut NOT sora",
        "eternau*",
        "tags:netflix",
        "published:2025-07",
        '0"0,0"',
        '"visual, effects"',
        "zeppelin",
    ],
)
def test_suggestion_counts_like_search(seeded: Workspace, text: str):
    from hollywood_ai.index.searching.schema import ARTICLES
    from hollywood_ai.index.searching.suggestions import _count

    assert _count(seeded.index.searcher(ARTICLES), text) == search(seeded, text).total


# ----------------------------------------------------------------- the reader


async def test_the_reader_cancels_a_stale_search(seeded_home, tmp_path, monkeypatch):
    """A keystroke cancels the search of the text before it: that search sees
    ``should_stop`` turn true, stops, and ends quietly (no error shown); the
    list shows the newer query's results."""
    import shutil
    import threading
    import time

    from hollywood_ai.index.searching import results as search_module

    from tests.reader_support import make_app, settle

    home = tmp_path / "reader-home"
    shutil.copytree(seeded_home, home)
    real = search_module.search
    stopped = threading.Event()
    running = threading.Event()

    def slow(ws, text, limit=20, sort="relevance", should_stop=None, **kw):
        if text == "eternau":
            assert should_stop is not None, "the reader passed no should_stop"
            running.set()
            deadline = time.monotonic() + 10
            while not should_stop():
                assert time.monotonic() < deadline, "the stale search was never cancelled"
                time.sleep(0.01)
            stopped.set()
            raise search_module.Cancelled
        return real(ws, text, limit, sort, should_stop=should_stop, **kw)

    monkeypatch.setattr(search_module, "search", slow)
    # The face keeps a name once it is first used: patched there too.
    import hollywood_ai.index as face

    monkeypatch.setattr(face, "search", slow, raising=False)
    app = make_app(home)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"eternau")
        for _ in range(200):  # until the search of "eternau" is running
            if running.is_set():
                break
            await pilot.pause(0.05)
        await pilot.press("t")
        await settle(pilot)
        assert stopped.is_set()
        assert not [n.message for n in app._notifications]
        listing = app.main_screen.listing
        assert "eternaut" in str(listing.border_title)
        # The word being typed is a prefix in the box: "eternaut" finds "Eternauta" too.
        assert {e.title for e in listing.entries} == {BETS_BIG, PROGRAMMING, WAVE, GUARDIAN}


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("flim", "film"),  # a swap is one edit
        ("jobz", "jobs"),
        ("nzz", "naz"),
        ("stre", None),  # "sora", "stay", "stop": two edits from a four-letter word
        ("deel", None),
        ("hollywod", "hollywood"),
        ("guardain", "guardian"),
    ],
)
def test_corrections_of_short_words_are_one_edit_away(seeded: Workspace, word, expected):
    from hollywood_ai.index.searching.schema import ARTICLES
    from hollywood_ai.index.searching.suggestions import _best

    assert _best(seeded.index.searcher(ARTICLES), word) == expected
