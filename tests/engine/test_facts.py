"""facts() on a small story of three articles written for these tests: one
sentence per source, whole-sentence labels, and the sources that differ;
then the same story through `hollywood-ai facts` and the reader's facts
screen."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hollywood_ai.index.comparing.comparison import Discrepancy
from hollywood_ai.index.comparing.evidence import story_passages
from hollywood_ai.index.comparing.fact_differences import differing, real
from hollywood_ai.index.comparing.fact_labels import clean, is_complete
from hollywood_ai.index.comparing.facts import Fact, facts_in
from hollywood_ai.index.model import Article

from tests.reader_support import make_app, settle

# Three outlets report a bridge closing: two put the repairs at $10 million,
# one at $12 million. The Bay Herald says the vote twice, paragraphs apart.
BRIDGE = [
    (
        "Bay Herald",
        "Council shuts Kelston harbour bridge for repairs",
        [
            "KELSTON — The Kelston city council voted on Tuesday to shut the old harbour bridge "
            "for structural repairs. The vote passed by seven to two.",
            "The repairs will cost $12 million, according to the council's engineering report.",
            "Harbour Master Joan Pike of the Port Authority watched the debate from the Public "
            "Gallery.",
            "Ferry operators expect a surge of commuters while the crossing stays shut through "
            "the summer.",
            "Shopkeepers on Quay Street worry about lost trade during the works, and several said "
            "they had not been consulted by anyone at the town hall before the meeting.",
            "The Kelston council voted on Tuesday to shut the old harbour bridge so that "
            "structural repairs can begin, the deputy mayor repeated.",
        ],
    ),
    (
        "Coast Courier",
        "Kelston's harbour bridge to close after council vote",
        [
            "The old harbour bridge in Kelston will shut for structural repairs after a council "
            "vote on Tuesday.",
            "Engineers put the cost of the repairs at $10 million.",
            "Residents took their complaints about parking to Harbour Master Joan Pike of the "
            "Port Authority.",
            "The mayor, Ana Ruiz, said the bridge had carried traffic since 1931 without a major "
            "overhaul of its steel deck.",
            "Ferry operators are preparing extra sailings for commuters during the summer while "
            "the crossing is shut.",
        ],
    ),
    (
        "Tide Times",
        "Kelston votes to shut harbour bridge",
        [
            "Kelston's council has voted to shut the old harbour bridge on Tuesday so that "
            "structural repairs can begin.",
            "The repairs are expected to cost $10 million, paid from the city's reserve fund.",
            "A petition against the closure gathered four hundred signatures in a single week "
            "at the library.",
            "Built in 1931, the bridge has never had a major overhaul of its steel deck, the "
            "mayor, Ana Ruiz, said.",
        ],
    ),
]


def bridge_articles() -> list[Article]:
    return [
        Article.make(
            title=title,
            body="\n\n".join(paragraphs) + "\n",
            origin=f"bridge-{outlet.split()[0].lower()}.md",
            outlet=outlet,
            published="2026-03-03",
        )
        for outlet, title, paragraphs in BRIDGE
    ]


@pytest.fixture(scope="module")
def bridge() -> tuple[list[Fact], dict[str, str]]:
    articles = bridge_articles()
    return facts_in(story_passages(articles)), {a.outlet or "": a.id for a in articles}


def _with(found: list[Fact], words: str) -> Fact:
    return next(f for f in found if any(words in t for t in f.sources.values()))


def test_a_fact_per_source_is_one_sentence_never_far_ones_glued(bridge):
    found, ids = bridge
    vote = _with(found, "voted")
    assert set(vote.sources) == set(ids.values())
    herald = vote.sources[ids["Bay Herald"]]
    # One of the Herald's two sentences of the vote, not both glued.
    assert ("KELSTON" in herald) != ("deputy mayor" in herald), herald
    for f in found:
        for aid, shown in f.passages.items():
            assert len(shown) in (1, 2)
            if len(shown) == 2:
                assert shown[1].position == shown[0].position + 1
                body = next(a.body for a in bridge_articles() if a.id == aid)
                assert "\n\n" not in body[shown[0].start : shown[1].start]


def test_labels_are_whole_sentences(bridge):
    found, _ = bridge
    assert found
    for f in found:
        assert "…" not in f.label and is_complete(f.label), f.label
        bare = f.label.strip('“”"')
        assert any(bare in " ".join(t.split()) for t in f.sources.values()), f.label
    vote = _with(found, "voted")
    assert not vote.label.startswith("KELSTON")  # the dateline is not the fact


def test_only_the_source_giving_another_figure_differs(bridge):
    found, ids = bridge
    cost = _with(found, "million")
    assert set(cost.sources) == set(ids.values())
    assert any(d.kind == "number" for d in cost.discrepancies)
    assert cost.differing == [ids["Bay Herald"]]
    assert cost.to_dict()["differing"] == [ids["Bay Herald"]]
    for f in found:
        if not f.discrepancies:
            assert f.differing == []


def test_one_source_alone_or_a_shared_name_is_no_fact(bridge):
    found, ids = bridge
    assert all(len(f.sources) >= 2 for f in found)
    said = " ".join(t for f in found for t in f.sources.values())
    assert "petition" not in said  # the Tide Times alone
    # Both name the harbour master, and say nothing alike about her.
    assert not any(sum("Joan Pike" in t for t in f.sources.values()) >= 2 for f in found), (
        "a name shared is not a fact shared"
    )
    ferry = _with(found, "Ferry operators")
    assert set(ferry.sources) == {ids["Bay Herald"], ids["Coast Courier"]}
    assert ferry.silent == [ids["Tide Times"]]


def test_differing_without_a_majority_marks_both():
    figures = Discrepancy("number", {"a": "$10 million", "b": "$12 million"})
    assert differing([figures], {"a": "", "b": "", "c": ""}) == ["a", "b"]
    three = Discrepancy("number", {"a": "ten times", "b": "10x", "c": "12 times"})
    assert differing([three], {"a": "", "b": "", "c": ""}) == ["c"]


def test_a_quote_outvoted_by_two_sources_quoting_alike():
    said = "We will rebuild the deck in steel"
    other = "We shall rebuild the whole deck"
    pairs = [
        Discrepancy("quote", {"a": other, "b": said}, speaker="Ruiz"),
        Discrepancy("quote", {"a": other, "c": said}, speaker="Ruiz"),
    ]
    passages = {"a": f"“{other},” she said.", "b": f"“{said},” Ruiz said.", "c": f"{said}."}
    assert differing(pairs, passages) == ["a"]
    # Only one pair found, the third source's passage quoting b's words.
    assert differing(pairs[:1], passages) == ["a"]


def test_spelling_alone_is_no_discrepancy():
    apostrophes = Discrepancy("name", {"a": "Ana Ruiz’s", "b": "Ana Ruiz's", "c": "Ana Ruiz"})
    longer = Discrepancy("quote", {"a": "We will rebuild it. It is old,", "b": "It is old."})
    kept = Discrepancy("name", {"a": "Ana Ruiz", "b": "Anna Ruiz"})
    assert real([apostrophes, longer, kept]) == [kept]


def test_label_cleaning():
    assert clean("FERGUSON, Mo. -- Attorney General said it.") == "Attorney General said it."
    assert clean("“The deck is old.") == "“The deck is old.”"
    assert clean("the deck is old,” Ruiz said.") == "“The deck is old,” Ruiz said."
    assert clean('"It is old.') == '"It is old."'
    assert clean('It is old," she said.') == '"It is old," she said.'
    assert clean('She said "it is old.') == 'She said "it is old."'
    assert not is_complete("Dress like the deck is old ...")
    assert clean('“I love the deck, but it is old," she wrote.') == (
        '“I love the deck, but it is old," she wrote.'
    )
    assert clean("He said “no” twice.") == "He said “no” twice."
    assert not is_complete("He also met with Missouri Highway Patrol Capt.")
    assert not is_complete("which was built in 1931 by the city.")


# ------------------------------------------------------------ presenters


def _write_story(folder: Path) -> None:
    folder.mkdir()
    for outlet, title, paragraphs in BRIDGE:
        text = f'---\ntitle: "{title}"\noutlet: "{outlet}"\ndate: 2026-03-03\n---\n\n'
        text += "\n\n".join(paragraphs) + "\n"
        (folder / f"{outlet.split()[0].lower()}.md").write_text(text, encoding="utf-8")


def _cli(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    exe = Path(sys.executable).parent / "hollywood-ai"
    return subprocess.run(
        [str(exe), "--home", str(home), *args], capture_output=True, text=True, timeout=120
    )


def test_cli_facts_json_and_text(tmp_path: Path):
    home = tmp_path / "home"
    _write_story(tmp_path / "bridge")
    assert _cli("add", str(tmp_path / "bridge"), home=home).returncode == 0
    listed = json.loads(_cli("list", "--json", home=home).stdout)
    ids = {
        a["outlet"]: a["id"]
        for a in listed
        if a.get("outlet") in dict.fromkeys(o for o, _, _ in BRIDGE)
    }
    assert len(ids) == 3
    proc = _cli("facts", "--json", home=home)
    assert proc.returncode == 0, proc.stderr
    ours = [f for f in json.loads(proc.stdout) if set(f["sources"]) <= set(ids.values())]
    cost = next(f for f in ours if any("million" in t for t in f["sources"].values()))
    assert cost["differing"] == [ids["Bay Herald"]]
    for f in ours:
        assert "…" not in f["label"] and f["label"].endswith(".")
        assert set(f["differing"]) <= set(f["sources"])
    text = _cli("facts", home=home).stdout
    block = text[text.index(cost["label"][:40]) :].split("\n\n")[0]
    reported = next(line for line in block.splitlines() if "reported by:" in line)
    assert "◆ Bay Herald" in reported
    assert "◆ Coast Courier" not in reported and "◆ Tide Times" not in reported
    assert "◆ marks a source" in text


async def test_facts_screen_marks_only_the_differing_source(reader_home: Path):
    from hollywood_ai.index.stories.grouping import group
    from hollywood_ai.index.workspace import Workspace
    from hollywood_ai.tui.screens.facts import DIFFERS, REPORTED, FactsScreen

    ws = Workspace(reader_home)
    ws.open()
    articles = bridge_articles()
    ws.store(articles)
    story = next(s for s in group(ws.articles()) if articles[0].id in s.articles)
    ws.close()
    app = make_app(reader_home, remember=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.push_screen(FactsScreen(app.workspace, story=story.id))
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, FactsScreen) and screen.facts
        row = next(
            i for i, f in enumerate(screen.facts) if "million" in " ".join(f.sources.values())
        )
        table = screen.query_one("#facts-table")
        cells = table.get_row(str(row))
        marks = {a.outlet: str(cell) for a, cell in zip(screen.articles, cells[1:], strict=True)}
        assert marks == {"Bay Herald": DIFFERS, "Coast Courier": REPORTED, "Tide Times": REPORTED}
        # The label is cut between words in the matrix, and whole below it.
        label = str(cells[0])
        assert label == screen.facts[row].label or label.endswith("…")
        table.move_cursor(row=row)
        await settle(pilot)
        detail = str(screen.query_one("#facts-detail-text").visual)
        assert screen.facts[row].label in " ".join(detail.split())
        codes = {a.outlet: screen.codes[a.id] for a in screen.articles}
        assert f"{DIFFERS} {codes['Bay Herald']} Bay Herald:" in detail
        assert f"{DIFFERS} {codes['Coast Courier']}" not in detail
