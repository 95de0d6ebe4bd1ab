"""Where an answer must stand for a source to report it: a date in the
sentence that carries the fact (not in the next one, nor the day a statement
was made), the doer of the deed asked about, and a lawmaker named by the
office's title.

Every sentence here is written for these tests."""

from __future__ import annotations

import pytest
from hollywood_ai.index.comparing import answers
from hollywood_ai.index.comparing.comparison import compare_in
from hollywood_ai.index.comparing.evidence import read_question, story_passages
from hollywood_ai.index.model import Article


def _article(outlet: str, title: str, body: str) -> Article:
    return Article.make(title=title, body=body, origin=f"{outlet}.md", outlet=outlet)


def _reports(articles: list[Article], question: str) -> dict[str, bool]:
    result = compare_in(story_passages(articles), read_question(question))
    return {s.outlet or "": s.reports for s in result.sources}


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("The mayor on Monday said the ferry was closed.", []),
        ("The mayor, on Monday, expressed relief that the ferry was closed.", []),
        ("The ferry was closed on Monday, the mayor said.", ["on Monday"]),
    ],
)
def test_a_day_before_a_verb_of_saying_dates_the_saying(text: str, found: list[str]) -> None:
    q = read_question("When was the ferry closed?")
    assert [c[0] for c in answers.candidates(text, q.answer, q.text)] == found


def test_a_date_in_the_sentence_after_the_fact_does_not_date_it() -> None:
    """ "When did Ruiz close the ferry": a sentence on the closing, then one
    that names Ruiz and gives a day but not the closing, does not say when."""
    beside = _article(
        "a",
        "Ferry service ends",
        "Ruiz closed the harbour ferry after a long debate. "
        "On Saturday, Ruiz spoke to residents at the pier.",
    )
    inside = _article(
        "b",
        "Harbour ferry stops",
        "Ruiz closed the harbour ferry on Friday after the council vote.",
    )
    reports = _reports([beside, inside], "When did Ruiz close the ferry?")
    assert reports == {"a": False, "b": True}


def test_who_did_it_stands_in_the_sentence_that_tells_the_deed() -> None:
    """ "Who interviewed Ruiz": a sentence naming someone beside her, after
    one on the interview, does not say who interviewed her."""
    after = _article(
        "a",
        "Ruiz speaks on budget",
        "Ruiz gave a long interview about the harbour budget. "
        "Council member Leo Brandt praised Ruiz on Monday.",
    )
    inside = _article(
        "b",
        "Ruiz talks budget",
        "Ruiz was interviewed by Leo Brandt of the evening bulletin.",
    )
    reports = _reports([after, inside], "Who interviewed Ruiz?")
    assert reports == {"a": False, "b": True}


def test_a_lawmaker_is_named_by_the_title_of_the_office() -> None:
    """ "Which lawmaker proposed the toll": "Rep. Ana Ruiz" and "Sen. Leo
    Brandt" are lawmakers, though the word is not written."""
    rep = _article(
        "a",
        "Toll proposal",
        "The bridge toll was proposed by Rep. Ana Ruiz on Monday.\n\n"
        "Drivers were unhappy with the plan.",
    )
    sen = _article(
        "b",
        "Bridge toll plan",
        "Sen. Leo Brandt proposed the bridge toll in a speech.\n\nThe plan would fund repairs.",
    )
    result = compare_in(
        story_passages([rep, sen]), read_question("Which lawmaker proposed the bridge toll?")
    )
    got = {s.outlet: s for s in result.sources}
    assert got["a"].reports and "Ana Ruiz" in got["a"].passages[0].text
    assert got["b"].reports and "Leo Brandt" in got["b"].passages[0].text


def test_which_senator_said_it_is_the_one_whose_verb_of_saying_leads_it() -> None:
    """ "Ruiz tweeted that the bridge vote was rushed": Ruiz said what is
    asked about, though a verb stands between her and its words."""
    tweeted = _article(
        "a",
        "Bridge vote",
        "The council voted on the bridge late at night.\n\n"
        "Ruiz tweeted that the bridge vote was rushed and should be held again.",
    )
    result = compare_in(
        story_passages([tweeted]), read_question("Which senator said the bridge vote was rushed?")
    )
    assert result.sources[0].reports
    assert result.sources[0].passages[0].text.startswith("Ruiz tweeted")


def test_a_surname_answer_is_shown_with_the_passage_naming_them_in_full() -> None:
    """ "Who proposed the toll": the best passage says "Brandt proposed",
    and the passage that names him in full comes second; the answers of two
    sources then differ as "Leo Brandt" and "Leon Brandt"."""
    surname = _article(
        "a",
        "Toll plan",
        "The harbour board met on Monday.\n\n"
        "Council member Leo Brandt spoke first at the meeting.\n\n"
        "The bridge toll was proposed by Brandt, who said repairs could not wait.",
    )
    other = _article(
        "b",
        "Bridge toll proposed",
        "The bridge toll was proposed by council member Leon Brandt on Monday.",
    )
    result = compare_in(
        story_passages([surname, other]), read_question("Who proposed the bridge toll?")
    )
    got = {s.outlet: s for s in result.sources}
    assert got["a"].reports
    assert [p.text for p in got["a"].passages][:2] == [
        "The bridge toll was proposed by Brandt, who said repairs could not wait.",
        "Council member Leo Brandt spoke first at the meeting.",
    ]
    names = [d.values for d in result.discrepancies if d.kind == "name"]
    assert {got["a"].id: "Leo Brandt", got["b"].id: "Leon Brandt"} in names


def test_a_name_before_a_role_is_not_who_acted() -> None:
    """ "Who interviewed the mayor": "the City Hall spokesman, in an
    interview" names the spokesman's employer, not an interviewer."""
    role = _article(
        "a",
        "Budget talk",
        "The City Hall spokesman, in an interview with the mayor, praised the budget.",
    )
    doer = _article(
        "b",
        "Mayor on the budget",
        "Leo Brandt interviewed the mayor about the budget for the evening bulletin.",
    )
    reports = _reports([role, doer], "Who interviewed the mayor?")
    assert reports == {"a": False, "b": True}


def test_a_suspension_is_a_punishment() -> None:
    """ "What punishment did the board recommend": "should be suspended for
    two games" tells it, in words the question does not use."""
    suspended = _article(
        "a",
        "Coach faces ban",
        "The league board met on Tuesday about the coach.\n\n"
        "The board recommended that the coach be suspended for two games.",
    )
    result = compare_in(
        story_passages([suspended]),
        read_question("What punishment did the league board recommend for the coach?"),
    )
    assert result.sources[0].reports
    assert "suspended for two games" in result.sources[0].passages[0].text


def test_a_district_that_includes_a_place_covers_it() -> None:
    """ "Which area does her congressional district cover": "the
    congresswoman represents a district which includes most of Vermont"
    says it in other words."""
    district = _article(
        "a",
        "Ruiz to run again",
        "Ruiz announced on Monday that she would run again.\n\n"
        "The congresswoman represents the Ninth District, which includes most of Vermont.",
    )
    result = compare_in(
        story_passages([district]),
        read_question("Which area does Ruiz's congressional district cover?"),
    )
    assert result.sources[0].reports
    assert "most of Vermont" in result.sources[0].passages[0].text


@pytest.mark.parametrize(
    ("question", "title"),
    [
        ("What is the show called?", True),
        ("What is the name of the Danish crime series?", True),
        ("Which harbour documentary won the prize?", True),
        ("Which shot showed the bridge falling down?", False),
        ("Which studio said the show would end?", False),
        ("Which network said the comic would no longer host its holiday program?", False),
    ],
)
def test_a_title_is_asked_for_only_when_the_question_asks_for_a_show(
    question: str, title: bool
) -> None:
    assert read_question(question).wants_title is title


def test_which_network_is_answered_by_its_name_leading_a_sentence() -> None:
    """ "Which network said ...": "KTV, which hired the comic ..., said"
    names the network, though its name is the sentence's first word and no
    title of a program is given."""
    network = _article(
        "a",
        "Comic dropped",
        "The comic apologized on Tuesday.\n\n"
        "KTV, which hired the comic to host its holiday program, said she would no longer appear.",
    )
    result = compare_in(
        story_passages([network]),
        read_question("Which network said the comic would no longer host its holiday program?"),
    )
    assert result.sources[0].reports
    assert result.sources[0].passages[0].text.startswith("KTV, which hired")


def test_a_date_in_a_passage_that_never_names_the_subject_dates_another_event() -> None:
    """ "When did Ruiz resign from the board": "the board voted this week on
    resigning members", in a paragraph that never names Ruiz, does not say
    when she resigned."""
    other = _article(
        "a",
        "Harbour board",
        "Ana Ruiz chaired the harbour board for a decade.\n\n"
        "Ferries leave the harbour every hour in summer.\n\n"
        "The board voted this week on the rules for resigning members.",
    )
    named = _article("b", "Ruiz leaves", "Ana Ruiz resigned from the harbour board on Friday.")
    reports = _reports([other, named], "When did Ruiz resign from the board?")
    assert reports == {"a": False, "b": True}


def test_a_second_sentence_telling_the_fact_is_shown_too() -> None:
    """A source that tells the fact in two sentences, the second a little
    weaker on the question's words, shows both."""
    body = (
        "The harbour council voted on Monday to close the night ferry. "
        "The council said closing the night ferry will save money.\n\n"
        "Tourists liked the view from the pier."
    )
    result = compare_in(
        story_passages([_article("a", "Night ferry", body)]),
        read_question("Why did the harbour council close the night ferry?"),
    )
    assert [p.text for p in result.sources[0].passages] == [
        "The harbour council voted on Monday to close the night ferry.",
        "The council said closing the night ferry will save money.",
    ]


def test_a_special_counsel_is_no_ones_lawyer() -> None:
    """ "Who is Ruiz's personal lawyer in the harbour matter": "the third
    person questioned by the special counsel" names neither her lawyer nor
    a person in the sense asked ("personal" is no evidence), and "matter"
    asks nothing."""
    prosecutor = _article(
        "a",
        "Harbour inquiry",
        "Ruiz was the third person questioned by Leo Brandt, the special counsel "
        "leading the harbour inquiry.",
    )
    lawyer = _article(
        "b", "Ruiz hires lawyer", "Ruiz's personal lawyer, Mae Holt, declined to comment."
    )
    reports = _reports([prosecutor, lawyer], "Who is Ruiz's personal lawyer in the harbour matter?")
    assert reports == {"a": False, "b": True}
