"""Who says what: quotations and reported speech with their speakers, a
question's speaker, and compare answering "what did X say" from them.

Every sentence here is written for these tests."""

from __future__ import annotations

from hollywood_ai.index.comparing import attribution, quotes
from hollywood_ai.index.comparing.attribution import IN_PART, QUOTED, REPORTED
from hollywood_ai.index.comparing.comparison import compare_in
from hollywood_ai.index.comparing.evidence import read_question, story_passages
from hollywood_ai.index.comparing.questions import read
from hollywood_ai.index.model import Article


def _said(text: str, speaker: str) -> list[tuple[str, float]]:
    return [(text[s:e], w) for s, e, w in attribution.weighted_spans(text, speaker)]


def test_reported_speech_is_the_speakers_words() -> None:
    text = "The council met on Monday. Ada Ruiz said the bridge plan had failed."
    assert _said(text, "Ruiz") == [("Ada Ruiz said the bridge plan had failed.", REPORTED)]
    assert _said(text, "Brandt") == []


def test_a_partial_quotation_weighs_more_than_reported_speech() -> None:
    text = "Ruiz went on to call the budget “a reckless gamble” on Monday."
    assert _said(text, "Ada Ruiz") == [(text, IN_PART)]


def test_a_role_stands_for_the_person_with_it_not_one_titled_otherwise() -> None:
    text = (
        "President Leo Brandt met Senator Ada Ruiz on Monday.\n\n"
        "The senator declined to say whether she would vote for the tariff."
    )
    said = _said(text, "Ruiz")
    assert said and said[0][0].startswith("The senator declined to say")
    assert _said(text, "Brandt") == []


def test_they_wrote_is_the_groups_quotation() -> None:
    text = (
        "All twelve members of the Democratic caucus signed a letter to the mayor.\n\n"
        "The letter was delivered on Friday morning.\n\n"
        "“We will not vote for any budget that cuts the pension fund,” they wrote."
    )
    speaker = read("What did the Democrats' letter say?").speaker
    assert attribution.speaker_keys(speaker) == {"letter", "democrat"}
    assert attribution.speaker_keys(read("What did Ada Blake's lawyer say?").speaker) == {"lawyer"}
    said = _said(text, speaker)
    assert said == [
        ("“We will not vote for any budget that cuts the pension fund,” they wrote.", QUOTED)
    ]
    # No one person said it: the mayor is not the speaker.
    assert all(q.speaker is None for q in quotes.extract(text))


def test_a_statement_is_a_speaker() -> None:
    text = "“The meeting was frank and useful for both sides,” said the statements."
    speaker = read("What did the identical statements released after the meeting say?").speaker
    assert speaker == "identical statements"
    assert _said(text, speaker) == [(text, QUOTED)]


def test_told_names_the_listener_not_the_speaker() -> None:
    text = (
        "Mayor Ada Ruiz spoke on Monday.\n\n"
        "“We are not going anywhere before the vote,” she told Leo Brandt."
    )
    assert [q.speaker for q in quotes.extract(text)] == ["Ada Ruiz"]


def test_she_said_points_to_a_surname_opening_a_sentence() -> None:
    text = (
        "Mayor Ada Ruiz met Leo Brandt on Monday.\n\n"
        "Ruiz, who won in May, spoke to the crowd at the pier.\n\n"
        "Later, she said: “The budget will pass by the end of the week.”"
    )
    assert [q.speaker for q in quotes.extract(text)] == ["Ada Ruiz"]


def test_the_occasion_of_the_words_is_read() -> None:
    assert read("What did Ruiz say in her statement of apology?").occasion == (
        "statement",
        "apology",
    )
    assert read("What did Ruiz say about the interview?").occasion == ()


def _article(outlet: str, title: str, body: str) -> Article:
    return Article.make(title=title, body=body, origin=f"{outlet}.md", outlet=outlet)


def test_what_a_group_wrote_is_answered_by_its_quotation() -> None:
    """A letter's words given as "they wrote" answer "what did the letter
    say", ahead of the sentences that only mention the letter."""
    a = _article(
        "a",
        "Democrats threaten to stall the budget",
        "Every Democrat on the council signed a letter to the mayor on Tuesday.\n\n"
        "The mayor's office received the letter before noon.\n\n"
        "“We cannot support a budget that closes the two libraries,” they wrote.",
    )
    b = _article(
        "b",
        "Council Democrats send a letter",
        "The council's Democrats sent the mayor a letter about the budget.\n\n"
        "“We cannot support a budget that closes the two libraries,” the letter said.",
    )
    result = compare_in(
        story_passages([a, b]), read_question("What did the Democrats' letter say?")
    )
    first = {s.outlet: s.passages[0].text for s in result.sources if s.passages}
    assert "closes the two libraries" in first["a"]
    assert "closes the two libraries" in first["b"]


def test_what_she_said_in_her_apology_is_her_quotation() -> None:
    """The article tells of the apology in its title; her words in it answer
    "what did she say in her apology" though they never say "apology"."""
    a = _article(
        "a",
        "Singer Mae Holt apologizes for the cancelled concert",
        "Mae Holt cancelled the concert an hour before it was due to begin.\n\n"
        "Fans who had waited outside for hours were sent home.\n\n"
        "“I let my fans down and I am truly sorry,” Holt said on Sunday.",
    )
    b = _article(
        "b",
        "Holt says sorry",
        "The singer Mae Holt apologized on Sunday for cancelling her concert.\n\n"
        "“I let my fans down and I am truly sorry,” she said.",
    )
    result = compare_in(story_passages([a, b]), read_question("What did Holt say in her apology?"))
    first = {s.outlet: s.passages[0].text for s in result.sources if s.passages}
    assert "I let my fans down" in first["a"]
    assert "I let my fans down" in first["b"]


def test_a_quotation_that_lost_its_marks_is_still_quoted() -> None:
    """A first-person sentence ending ", she said", and one with only its
    closing mark, are the speaker's own words."""
    text = (
        "Mae Holt spoke on Sunday. I let my fans down and I am sorry, she said.\n\n"
        'Was the tour over? I cannot say for certain yet" she told Leo Brandt.'
    )
    assert _said(text, "Holt") == [
        ("I let my fans down and I am sorry, she said.", QUOTED),
        ('I cannot say for certain yet" she told Leo Brandt.', QUOTED),
    ]


def test_told_a_networks_reporter_names_the_listener() -> None:
    text = (
        "Congressman Leo Brandt spoke after the vote.\n\n"
        "“Someone played a prank on the whole committee,” he told KTV's Ada Ruiz."
    )
    assert [q.speaker for q in quotes.extract(text)] == ["Leo Brandt"]


def test_lying_in_the_question_is_lied_in_a_passage() -> None:
    """ "lying" and "lied" stem apart; a question's "lying" still matches the
    passage's "lied", and its "lawmaker" a "Rep." (one way only)."""
    from hollywood_ai.index.text.words import stems

    lying = read_question("What did Ruiz say about Brandt lying?")
    assert any(stems("lied")[0] in c for c in lying.concepts)
    lawmaker = read_question("Which lawmaker received the letter?")
    assert any(stems("Rep.")[0] in c for c in lawmaker.concepts)
    senator = read_question("Which senator received the letter?")
    assert not any(stems("lawmaker")[0] in c for c in senator.concepts)


def test_who_said_it_is_answered_by_the_speaker_of_the_words() -> None:
    """ "Which council member said…": the person the passage gives those
    words of, though a verb stands between the name and the words."""
    a = _article(
        "a",
        "Pier to close",
        "The council met on Monday to discuss the old pier.\n\n"
        "Ruiz tweeted that the old pier should close before the storm season begins.",
    )
    b = _article(
        "b",
        "Storms and the pier",
        "Council member Ada Ruiz spoke first at the meeting.\n\n"
        "The old pier should close before the storm season begins, Ruiz argued.",
    )
    q = read_question("Which council member said the old pier should close before the storms?")
    result = compare_in(story_passages([a, b]), q)
    first = {s.outlet: s.passages[0].text for s in result.sources if s.reports}
    assert first["a"].startswith("Ruiz tweeted")
    assert "Ruiz argued" in first["b"]
