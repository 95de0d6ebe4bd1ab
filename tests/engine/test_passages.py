"""Passages: cut from the one Markdown parse, offsets exactly their text's place
in the body, sentences that know abbreviations, quotes kept with speakers."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from hollywood_ai.index.comparing.quotes import extract
from hollywood_ai.index.ingest.seeds import seed_articles
from hollywood_ai.index.model import Article, Passage
from hollywood_ai.index.text.passages import MAX_PASSAGE_CHARS, plain, split_passages
from hollywood_ai.index.text.sentences import split_sentences

REALWORLD = (
    Path(__file__).resolve().parents[2] / ".." / "shared" / "realworld" / "news" / "articles"
)


def article(body: str) -> Article:
    return Article.make(title="A test", body=body, origin="test")


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


def check_contract(art: Article) -> list[Passage]:
    """The module's contract, for every passage of ``art``."""
    body = art.body
    passages = split_passages(art)
    for before, after in itertools.pairwise(passages):
        assert before.end <= after.start, (before, after)  # in order, never overlapping
    for p in passages:
        source = body[p.start : p.end]
        assert source and source == source.strip(), (art.origin, p)
        assert "\n\n" not in source, (art.origin, p)  # never across blocks
        if p.kind == "row":
            assert "\n" not in source and source.startswith("|"), (art.origin, p)
            shown = plain(source.replace("|", " "))
            for value in re.split(r"; (?:[^;:]*: )?", p.text):
                assert value in shown, (art.origin, value, source)
        else:
            assert plain(source) == p.text, (art.origin, source, p.text)
    return passages


# ------------------------------------------------------------------ contract


def test_every_seed_passage_is_exactly_its_source():
    total = 0
    for art in seed_articles():
        total += len(check_contract(art))
    assert total > 100


@pytest.mark.skipif(not REALWORLD.is_dir(), reason="the real-world articles are not here")
def test_every_real_article_passage_is_exactly_its_source():
    from hollywood_ai.index.ingest.decode import decode_bytes
    from hollywood_ai.index.ingest.documents import parse_text

    files = sorted(REALWORLD.glob("*.md"))
    assert files
    for path in files:
        check_contract(parse_text(decode_bytes(path.read_bytes(), path.name), path.name))


def test_sentences_of_a_paragraph_have_their_own_offsets():
    body = (
        "## Budget\n\n"
        "The council met on *Monday*. It voted to [cut the budget](https://example.org/b) "
        "by a third.\nMembers left at 9 p.m.\n\n"
        "- **Parks:** closed on Sundays, said the clerk\n"
        "- Libraries open\n\n"
        "| item | cost |\n|---|---|\n| roads | 3 million |\n"
    )
    passages = check_contract(article(body))
    texts = [(p.kind, p.text, body[p.start : p.end]) for p in passages]
    assert texts == [
        ("sentence", "The council met on Monday.", "The council met on *Monday*."),
        (
            "sentence",
            "It voted to cut the budget by a third.",
            "It voted to [cut the budget](https://example.org/b) by a third.",
        ),
        ("sentence", "Members left at 9 p.m.", "Members left at 9 p.m."),
        (
            "item",
            "Parks: closed on Sundays, said the clerk",
            "**Parks:** closed on Sundays, said the clerk",
        ),
        ("row", "roads; cost: 3 million", "| roads | 3 million |"),
    ]
    assert {p.section for p in passages} == {"Budget"}


def test_emphasis_escapes_and_quotes_across_lines():
    body = (
        "> The mayor wrote: *We have waited. We will wait no longer.*\n"
        "> Her aides agreed \\*entirely\\* &amp; at once.\n"
    )
    passages = check_contract(article(body))
    assert [p.text for p in passages] == [
        # No sentence ends inside the emphasised run: its source holds both ends.
        "The mayor wrote: We have waited. We will wait no longer.",
        "Her aides agreed *entirely* & at once.",
    ]
    assert body[passages[1].start : passages[1].end] == (
        "Her aides agreed \\*entirely\\* &amp; at once."
    )


def test_a_long_sentence_is_cut_into_chunks_with_exact_offsets():
    words = " ".join(f"word{i}" for i in range(300))
    body = f"Intro line here. The **long** one says {words} and ends here.\n"
    passages = check_contract(article(body))
    chunks = passages[1:]
    assert len(chunks) >= 3
    assert all(len(p.text) <= MAX_PASSAGE_CHARS for p in chunks)
    assert " ".join(p.text for p in chunks) == plain(body[chunks[0].start : chunks[-1].end])


# ------------------------------------------------------------- sentences


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Lt. Gov. Ann Marsh opened the session. Sen. Paul Ortiz (D-Nev.) spoke next. "
            "Rep. Dana Lee and Gov. Omar Hale left early.",
            [
                "Lt. Gov. Ann Marsh opened the session.",
                "Sen. Paul Ortiz (D-Nev.) spoke next.",
                "Rep. Dana Lee and Gov. Omar Hale left early.",
            ],
        ),
        (
            "Mr. and Mrs. Vance met Dr. Iyer on St. Clair Avenue. Gen. Ross was late.",
            ["Mr. and Mrs. Vance met Dr. Iyer on St. Clair Avenue.", "Gen. Ross was late."],
        ),
        (
            "President George W. Bush saw U.N. staff in Washington, D.C. on Jan. 4. "
            "The talks began Feb. 2 in room No. 9.",
            [
                "President George W. Bush saw U.N. staff in Washington, D.C. on Jan. 4.",
                "The talks began Feb. 2 in room No. 9.",
            ],
        ),
        (
            "Growth was 2.5 percent. The board met at 4 p.m. and voted at 6 p.m. Tuesday. "
            "Then it adjourned.",
            [
                "Growth was 2.5 percent.",
                "The board met at 4 p.m. and voted at 6 p.m. Tuesday.",
                "Then it adjourned.",
            ],
        ),
        (
            "The ship sailed to the U.S. The crew stayed. A U.S. Navy tug met it.",
            ["The ship sailed to the U.S.", "The crew stayed.", "A U.S. Navy tug met it."],
        ),
        (
            "He paused... Then he went on. Paul Reed Jr. did not.",
            ["He paused...", "Then he went on.", "Paul Reed Jr. did not."],
        ),
        (
            "Is it over? Nobody knows! The vote is Thursday.",
            ["Is it over?", "Nobody knows!", "The vote is Thursday."],
        ),
        (
            "The former aide, Robert J. Pike, testified. Judge C. A. Wynn presided.",
            ["The former aide, Robert J. Pike, testified.", "Judge C. A. Wynn presided."],
        ),
    ],
)
def test_sentence_splitting_knows_abbreviations_and_initials(text, expected):
    assert sentences(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            '"We will carry the county," he said. The polls closed at eight.',
            ['"We will carry the county," he said.', "The polls closed at eight."],
        ),
        (
            "“We will carry the county.” He said the count would take two days.",
            ["“We will carry the county.” He said the count would take two days."],
        ),
        (
            "“The count is slow,” said Sen. Hale. Others disagreed.",
            ["“The count is slow,” said Sen. Hale.", "Others disagreed."],
        ),
        (
            '"We tried for a year. We will try again," Mayor Ortiz said. The council left.',
            [
                '"We tried for a year.',
                'We will try again," Mayor Ortiz said.',
                "The council left.",
            ],
        ),
        (
            "The film is called “Red Tide.” Ortiz said it opens in May.",
            ["The film is called “Red Tide.”", "Ortiz said it opens in May."],
        ),
        (
            "“The vote stands!” she said. The recount begins Monday.",
            ["“The vote stands!” she said.", "The recount begins Monday."],
        ),
    ],
)
def test_a_quote_stays_with_its_speaker(text, expected):
    assert sentences(text) == expected


def test_a_quote_and_its_attribution_are_one_passage():
    body = "“The bridge will reopen in March.” She said the repairs cost 4 million.\n"
    (only,) = check_contract(article(body))
    assert "She said" in only.text and only.text.startswith("“The bridge")


# ------------------------------------------------------------------ quotes


def test_a_pronoun_speaker_is_the_person_named_last():
    text = (
        "Treasury adviser Mara Quist warned on Monday that the plan would fail.\n\n"
        "“Passing this plan would raise the risk of a slump,” she told reporters.\n\n"
        "Sen. Ivo Brandt answered later. “We have the votes for it on Thursday,” "
        "the senator said.\n\n"
        "“We will not wait for the House to act.” He said the delay was costly."
    )
    found = {q.text[:20]: q.speaker for q in extract(text)}
    assert found == {
        "Passing this plan wo": "Mara Quist",
        "We have the votes fo": "Ivo Brandt",
        "We will not wait for": "Ivo Brandt",
    }


def test_a_pronoun_does_not_reach_past_the_paragraph_before():
    text = (
        "Governor Lena Marsh spoke first.\n\n"
        "The hall was full.\n\n"
        "The doors closed at noon.\n\n"
        "“Nobody will be turned away from the hall,” he said."
    )
    (quote,) = extract(text)
    assert quote.speaker is None


def test_a_pronoun_after_a_quote_is_not_its_speaker_name():
    (quote,) = extract("Ana Ruiz spoke.\n\n“The line is long but it moves.” He said so twice.")
    assert quote.speaker == "Ana Ruiz"


# ------------------------------------------------------------------ reader


def lit_text(art: Article, p: Passage) -> str:
    """What the reader lights for a passage opened by its offsets."""
    from hollywood_ai.tui.document import parse, place_of

    blocks = parse(art.body)
    place = place_of(blocks, art.body, p.start, p.end)
    assert place is not None
    block = blocks[place.block]
    if block.kind == "table":
        row = block.parts[place.part : place.part + block.columns]
        return " | ".join(c.plain for c in row)
    return block.parts[place.part].plain[place.start : place.end]


def test_the_reader_lights_exactly_each_seed_passage():
    """Every passage of every seed, opened by its offsets (as compare opens
    one), lights its own words, link targets aside, and nothing else."""
    checked = 0
    for art in seed_articles():
        for p in split_passages(art):
            lit = lit_text(art, p)
            if p.kind == "row":
                assert all(v in lit for v in re.split(r"; (?:[^;:]*: )?", p.text)), (p, lit)
            else:
                shown = re.sub(r" \((?:https?://|/|#)[^)]*\)", "", lit)
                assert " ".join(shown.split()) == p.text, (p.text, lit)
            checked += 1
    assert checked > 100


def test_the_reader_lights_one_sentence_of_a_paragraph():
    body = (
        "The first sentence names the river. The [second](https://example.org/x) names "
        "the bridge. The first sentence names the river again.\n"
    )
    art = article(body)
    passages = split_passages(art)
    assert [lit_text(art, p) for p in passages] == [
        "The first sentence names the river.",
        "The second (https://example.org/x) names the bridge.",
        "The first sentence names the river again.",
    ]
