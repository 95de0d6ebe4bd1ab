"""compare(), facts() and stories() on the seeds, and their evaluation floors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hollywood_ai.index.comparing.comparison import compare
from hollywood_ai.index.comparing.export import to_markdown
from hollywood_ai.index.comparing.facts import facts
from hollywood_ai.index.comparing.quotes import extract as quotes_in
from hollywood_ai.index.comparing.quotes import render_diff, word_diff
from hollywood_ai.index.errors import HollywoodError
from hollywood_ai.index.stories.grouping import group
from hollywood_ai.index.text.figures import extract
from hollywood_ai.index.workspace import Workspace

from tests.reader_support import make_app, open_facts, settle


def ids(ws: Workspace) -> dict[str, str]:
    return {Path(a.origin).name[:3]: a.id for a in ws.articles()}


def verdicts(ws: Workspace, text: str) -> dict[str, bool]:
    back = {v: k for k, v in ids(ws).items()}
    return {back[s.id]: s.reports for s in compare(ws, text).sources}


def test_ten_times_faster_who_gives_it(seeded: Workspace):
    v = verdicts(seeded, "how much faster was the effects shot?")
    assert v == {"000": True, "002": True, "003": True, "001": False, "004": False}


def test_silent_sources_get_no_padding(seeded: Workspace):
    c = compare(seeded, "how much faster was the effects shot?")
    for s in c.sources:
        assert bool(s.passages) == s.reports
    first = next(s for s in c.sources if s.reports)
    assert "ten times faster" in first.passages[0].text
    assert first.passages[0].spans  # matched words are marked


def test_revenue_figures_differ(seeded: Workspace):
    c = compare(seeded, "Netflix revenue")
    n = ids(seeded)
    figures = [d for d in c.discrepancies if d.kind == "number" and not d.only_source]
    assert figures and figures[0].values == {n["001"]: "$11.5 billion", n["004"]: "$11 billion"}
    only = [d for d in c.discrepancies if d.only_source]
    assert any(d.values == {n["001"]: "17%"} for d in only)


def test_show_name_variants(seeded: Workspace):
    c = compare(seeded, "which show used generative AI first?")
    names = [d for d in c.discrepancies if d.kind == "name"]
    assert names
    assert {"El Atonata", "The Eternaut", "El Eternauta"} <= set(names[0].values.values())


def test_sarandos_quotes_worded_differently(seeded: Workspace):
    c = compare(seeded, "what did Sarandos say about creators")
    n = ids(seeded)
    quotes = [d for d in c.discrepancies if d.kind == "quote"]
    assert quotes
    q = quotes[0]
    assert set(q.values) == {n["000"], n["003"]}
    assert q.speaker and "Sarandos" in q.speaker
    ops = {op for op, _ in q.diff}
    assert ops == {"=", "-", "+"}


def test_question_words_are_not_evidence(seeded: Workspace):
    c = compare(seeded, "what did they say about it?")
    assert not any(s.reports for s in c.sources)


def test_json_shape(seeded: Workspace):
    data = compare(seeded, "building collapse").to_dict()
    assert set(data) >= {"query", "sources", "discrepancies"}
    for s in data["sources"]:
        assert set(s) >= {"id", "title", "outlet", "reports", "passages"}
        for p in s["passages"]:
            assert set(p) >= {"text", "score"}
    json.dumps(data)


def test_markdown_export(seeded: Workspace):
    md = to_markdown(compare(seeded, "Netflix revenue"))
    assert md.startswith("# Compare: Netflix revenue")
    assert "## What differs" in md and "*Not reported.*" in md and "$11.5 billion" in md


def test_unknown_story_is_a_clear_error(seeded: Workspace):
    with pytest.raises(HollywoodError, match="no story"):
        compare(seeded, "revenue", story="s-nope")


def test_seeds_are_one_story(seeded: Workspace):
    stories = group(seeded.articles())
    assert len(stories) == 1 and len(stories[0].articles) == 5
    assert stories[0].to_dict()["id"].startswith("s-")


def test_stories_apart():
    """Two unrelated events in one library make two stories."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from bench.corpus import generate

    articles = generate(100, stories=4)
    stories = group(articles)
    big = [s for s in stories if len(s.articles) >= 5]
    assert len(big) == 4
    origin = {a.id: int(a.origin.split("#")[1]) % 4 for a in articles}
    for s in big:
        assert len({origin[i] for i in s.articles}) == 1


def test_facts_cover_the_main_facts(seeded: Workspace):
    found = facts(seeded)
    n = ids(seeded)
    assert len(found) >= 5
    assert all(len(f.sources) >= 2 for f in found)
    assert [len(f.sources) for f in found] == sorted((len(f.sources) for f in found), reverse=True)
    ten = next(f for f in found if "ten times faster" in " ".join(f.sources.values()))
    assert set(ten.sources) == {n["000"], n["002"], n["003"]}
    assert set(ten.silent) == {n["001"], n["004"]}
    revenue = next(f for f in found if "$11" in " ".join(f.sources.values()))
    assert any(d.kind == "number" for d in revenue.discrepancies)
    for f in found:
        # A whole sentence of one of its passages, never cut.
        assert len(f.label) >= 10 and "…" not in f.label
        bare = f.label.strip("“”\"")
        assert any(bare in " ".join(t.split()) for t in f.sources.values()), f.label


def test_quantities_normalise():
    a = extract("completed ten times faster")[0]
    b = extract("it was 10x faster")[0]
    c = extract("10 times faster")[0]
    assert a.key == b.key == c.key == (10.0, "times")
    assert extract("$11.5 billion")[0].key != extract("$11 billion")[0].key
    assert extract("revenue grew 17%")[0].key == (17.0, "%")
    assert extract("Happy Gilmore 2 and Sora 2 in 2025") == []


def test_quote_attribution_and_diff():
    text = (
        "“AI is a great tool for us,” said Jane Roe.\n\nShe added more. “We will use it,” she said."
    )
    quotes = quotes_in(text)
    assert quotes[0].speaker == "Jane Roe"
    diff = word_diff("AI is a great tool", "AI is a tremendous tool")
    assert render_diff(diff) == "AI is a [-great-] {+tremendous+} tool"


def test_evaluation_floors():
    """The labelled set: these floors can fail when compare gets worse."""
    from bench.eval_compare import run

    result = run()
    assert result["tuning"]["reports_precision"] >= 0.85
    assert result["tuning"]["reports_recall"] >= 0.9
    assert result["held_out"]["reports_precision"] >= 0.85
    assert result["held_out"]["reports_recall"] >= 0.85
    assert result["tuning"]["discrepancy_recall"] >= 0.85
    assert result["facts_recovered"] >= 7  # counted with content checks since the review


@pytest.fixture(scope="module")
def cli_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cmp") / "home"


def _cli(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    exe = Path(sys.executable).parent / "hollywood-ai"
    return subprocess.run(
        [str(exe), "--home", str(home), *args], capture_output=True, text=True, timeout=120
    )


def test_cli_compare_json_and_text(cli_home: Path, tmp_path: Path):
    proc = _cli("compare", "Netflix revenue", "--json", home=cli_home)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert sum(s["reports"] for s in data["sources"]) == 2
    out = tmp_path / "cmp.md"
    proc = _cli(
        "compare", "how much faster was the effects shot?", "--markdown", str(out), home=cli_home
    )
    assert proc.returncode == 0 and "reported by 3 of 5 sources" in proc.stdout
    assert "not reported" in proc.stdout and out.read_text().startswith("# Compare:")


def test_cli_facts_and_stories(cli_home: Path):
    proc = _cli("facts", "--json", home=cli_home)
    data = json.loads(proc.stdout)
    assert data and set(data[0]) >= {"label", "sources", "silent", "discrepancies"}
    proc = _cli("stories", "--json", home=cli_home)
    stories = json.loads(proc.stdout)
    assert len(stories) == 1 and len(stories[0]["articles"]) == 5
    proc = _cli("compare", "revenue", "--story", "zzz", home=cli_home)
    assert proc.returncode == 1 and "no story" in proc.stderr and "Traceback" not in proc.stderr


# ------------------------------------------------ review of the compare engine


def test_name_variants_bridged_through_the_story(seeded: Workspace):
    """'El Atonata' and 'The Eternaut' are too far apart to match directly;
    'El Eternauta' (another article) joins them even when it is not shown."""
    c = compare(seeded, "Netflix used AI to create a building collapse scene")
    n = ids(seeded)
    names = [d for d in c.discrepancies if d.kind == "name"]
    assert names
    values = names[0].values
    assert values.get(n["000"]) == "El Atonata"
    assert values.get(n["001"]) == "The Eternaut"
    for f in facts(seeded):
        if (
            any("Atonata" in t or "Eternaut" in t for t in f.sources.values())
            and len([t for t in f.sources.values() if "Atonata" in t or "Eternaut" in t]) >= 2
        ):
            assert any(d.kind == "name" for d in f.discrepancies), f.label


def test_questions_asking_for_a_name(seeded: Workspace):
    """'called', 'name', 'title' ask for a name; 'show' is the thing named."""
    for question in ("what is the show called", "name of the series"):
        c = compare(seeded, question)
        reporting = [s for s in c.sources if s.reports]
        assert len(reporting) >= 4, question
        for s in reporting:
            assert not all("earnings call" in p.text for p in s.passages), question
        names = [d for d in c.discrepancies if d.kind == "name"]
        assert names and {"El Atonata", "El Eternauta"} <= set(names[0].values.values())
        for s in reporting:  # the story's show, not another title the article names
            assert any(w in s.passages[0].text for w in ("Eternaut", "Atonata")), question


def test_claim_with_a_figure_shows_other_figures(seeded: Workspace):
    c = compare(seeded, "Netflix reported $11 billion in revenue for the quarter")
    n = ids(seeded)
    v = {s.id: s.reports for s in c.sources}
    assert v[n["001"]] and v[n["004"]]
    figures = [d for d in c.discrepancies if d.kind == "number" and not d.only_source]
    assert figures and figures[0].values == {n["004"]: "$11 billion", n["001"]: "$11.5 billion"}


def test_answer_kind_cues(seeded: Workspace):
    """'factor' and 'dollars' ask for a figure, 'earnings' are revenue, 'city'
    asks for a place; none of them is a word the passage must contain."""
    v = verdicts(seeded, "which city did the AI scene show?")
    assert v["002"] and v["003"]
    v = verdicts(seeded, "by what factor did generative AI speed up the visual effects?")
    assert v["000"] and v["002"] and v["003"]
    v = verdicts(seeded, "what were Netflix's earnings in dollars?")
    assert v["001"] and v["004"]


def test_when_needs_a_date(seeded: Workspace):
    from hollywood_ai.index.text.passage_analysis import _DATE_IN_TEXT

    c = compare(seeded, "when was the show released")
    for s in c.sources:
        if s.reports:
            assert _DATE_IN_TEXT.search(s.passages[0].text), s.passages[0].text


def test_comparison_of_a_fact_is_the_fact(seeded: Workspace):
    """Enter on a fact shows that fact: its sources, silent ones and
    differences, not a new search for its (shortened) label."""
    from hollywood_ai.index.comparing.comparison import comparison_of_fact

    articles = seeded.articles()
    for f in facts(seeded):
        c = comparison_of_fact(f, articles)
        assert {s.id for s in c.sources if s.reports} == set(f.sources)
        assert {s.id for s in c.sources if not s.reports} == set(f.silent)
        assert [d.to_dict() for d in c.discrepancies] == [d.to_dict() for d in f.discrepancies]
        for s in c.sources:
            for p in s.passages:
                assert p.text in f.sources[s.id]


async def test_enter_on_a_fact_opens_its_comparison(reader_home):
    from hollywood_ai.tui.screens.compare import CompareScreen, SourceColumn
    from textual.widgets import DataTable

    app = make_app(reader_home, remember=False)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_facts(pilot)
        table = screen.query_one(DataTable)
        for row in range(min(3, len(screen.facts))):
            table.move_cursor(row=row)
            fact = screen.facts[row]
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, CompareScreen)
            # Each source that reports it, in view or reached with ← →.
            reporting = {s.id for s in app.screen.ordered()}
            assert reporting == set(fact.sources)
            assert all(c.source.reports for c in app.screen.query(SourceColumn))
            # Nothing to type: the sources have the keys (t, e, ← → reach them).
            focused = app.screen.focused
            assert focused is not None and focused is not app.screen.question
            await pilot.press("escape")
            await settle(pilot)


def test_long_claim_is_found_in_the_other_sources(seeded: Workspace):
    """A whole sentence (prefilled from the cursor) is matched on its rarest
    terms, not on every word of its own source's wording."""
    v = verdicts(
        seeded,
        "According to Sarandos, the AI-powered tools completed the sequence ten times "
        "faster than conventional VFX workflows, highlighting the technology’s potential",
    )
    assert v["000"] and v["002"] and v["003"] and not v["001"] and not v["004"]


def test_quotes_with_roles_and_short_quotes():
    got = quotes_in("Ted Sarandos, Netflix's co-CEO, said: “AI is great for us.”")
    assert [(q.speaker, q.text) for q in got] == [("Ted Sarandos", "AI is great for us.")]
    got = quotes_in("“Not just cheaper,” said Ted Sarandos. It was called “El Atonata” there.")
    assert [(q.speaker, q.text) for q in got] == [("Ted Sarandos", "Not just cheaper,")]


def test_fact_carries_the_sarandos_quote_diff(seeded: Workspace):
    """The Sarandos quote worded differently by 003 ("Whether welcomed or
    not…") and 000 (TechCrunch) shows in the fact that groups them."""
    n = ids(seeded)
    found = [
        d
        for f in facts(seeded)
        for d in f.discrepancies
        if d.kind == "quote" and {n["000"], n["003"]} <= set(d.values)
    ]
    assert found and found[0].speaker == "Sarandos"
    assert any(op != "=" for op, _ in found[0].diff)


def test_no_false_lines_in_the_band(seeded: Workspace):
    c = compare(seeded, "what did Sarandos say about creators")
    # "ten times" is given by three sources, just not in the shown passages.
    assert not any(d.only_source and "ten" in " ".join(d.values.values()) for d in c.discrepancies)
    assert any(d.kind == "quote" for d in c.discrepancies)
    c = compare(seeded, "which show used generative AI first?")
    assert not any(d.kind == "quote" for d in c.discrepancies)  # "AI" alone is not about it
    c = compare(seeded, "Netflix revenue")
    assert any(d.only_source for d in c.discrepancies)  # 17% really is given by one source


def test_quantities_fold_twice_and_currency_codes():
    def first(text: str) -> tuple[float, str]:
        q = extract(text)[0]
        return q.value, q.unit

    assert first("a tenfold gain") == (10.0, "times")
    assert first("a 10-fold rise") == (10.0, "times")
    assert first("twice as fast as before") == (2.0, "times")
    assert first("USD 11 billion in revenue") == (11e9, "USD")
    assert extract("USD 11 billion")[0].key == extract("$11 billion")[0].key


def test_no_padding_with_weak_extra_passages(seeded: Workspace):
    """A source's further passages must come close to its best one."""
    c = compare(seeded, "Netflix revenue")
    n = ids(seeded)
    guardian = next(s for s in c.sources if s.id == n["004"])
    # The passage with the figure first; the table rows on Netflix's ad
    # revenue are about it too, the one on cost cutting is not.
    assert guardian.passages[0].text.startswith("This innovation comes as Netflix reporte")
    assert not any("Cost Reduction" in p.text for p in guardian.passages)
    c = compare(seeded, "what were Netflix's earnings in dollars?")
    guardian = next(s for s in c.sources if s.id == n["004"])
    assert guardian.passages[0].text.startswith("This innovation comes as Netflix")


class _NoIndex:
    """An index that stored no passages: they are analysed instead."""

    def passage_record(self, article_id: str) -> None:
        return None


class _Library:
    """Just enough of a Workspace for facts(): the articles, no index."""

    def __init__(self, articles: list) -> None:
        self._articles = articles
        self.index = _NoIndex()

    def articles(self) -> list:
        return list(self._articles)


def test_facts_go_through_every_story():
    from bench.corpus import generate

    articles = generate(60, stories=3)
    lib: Any = _Library(articles)
    stories = [s for s in group(articles) if len(s.articles) >= 2]
    assert len(stories) >= 2
    found = facts(lib, every_story=True)
    assert {f.story for f in found} == {s.id for s in stories if facts(lib, story=s.id)}
    labels = {s.id: s.label for s in stories}
    for f in found:
        assert f.to_dict()["story"] == f.story and f.story_label == labels[f.story]
    one = facts(lib, story=stories[1].id)
    assert one and {f.story for f in one} == {stories[1].id}
    assert all(f.story == stories[0].id for f in facts(lib))  # the largest, named


def test_story_id_and_label_are_stable(seeded: Workspace):
    import dataclasses

    articles = seeded.articles()
    before = group(articles)[0]
    base = max(articles, key=lambda a: len(a.body))
    hostile = dataclasses.replace(
        base,
        id="0000" + base.id[4:],
        title="[bold red]Breaking[/] Netflix generative AI Eternaut Sarandos effects",
        published="2025-07-21",  # a few days after the seeds: the same event
        checksum="x",
    )
    after = group([*articles, hostile])[0]
    assert hostile.id in after.articles
    assert after.id == before.id  # a newcomer does not rename the story
    assert "[" not in after.label and "[/" not in before.label


def test_fact_labels_and_grouping(seeded: Workspace):
    found = facts(seeded)
    for f in found:
        first = f.label.lstrip("“\"‘'")[:1]  # a quotation starts with its mark
        assert first.isupper() or first.isdigit(), f.label
        assert not f.label.endswith("?") and not f.label.startswith("Q"), f.label
        assert f.label.split()[0].lower() not in ("which", "seem", "that", "and"), f.label
        for text in f.sources.values():
            assert not text.rstrip().endswith("?"), text  # an FAQ question is no fact
    collapse = next(f for f in found if any("collaps" in t for t in f.sources.values()))
    assert not any("It takes a great artist" in t for t in collapse.sources.values())
    assert any(d.kind == "name" for d in collapse.discrepancies)


def test_stories_are_kept_on_disk_per_library_state(tmp_path):
    """Grouping a large library takes a while: it is kept beside the index and
    used again by the next process while the articles are the same."""
    from hollywood_ai.index.stories import grouping as storymod
    ws = Workspace(tmp_path / "home")
    ws.open()
    articles = ws.articles()
    folder = ws.home / "index"
    storymod.forget()  # another test may have grouped these articles already
    first = storymod.group(articles, keep_in=folder)
    assert (folder / storymod.STORIES_FILE).exists()
    storymod.forget()  # as a new process
    calls = []
    real = storymod._group
    storymod._group = lambda a, t: calls.append(1) or real(a, t)  # type: ignore[assignment]
    try:
        again = storymod.group(articles, keep_in=folder)
        assert again == first and not calls  # read back, not grouped again
        storymod.forget()
        fewer = storymod.group(articles[:3], keep_in=folder)
        assert calls == [1] and sum(len(s.articles) for s in fewer) == 3
    finally:
        storymod._group = real
    ws.close()
