"""Reading a question into what it asks for, and finding answers of that kind.

Every sentence here is written for these tests."""

from __future__ import annotations

import pytest
from hollywood_ai.index.comparing import answers
from hollywood_ai.index.comparing.evidence import read_question
from hollywood_ai.index.comparing.questions import read


@pytest.mark.parametrize(
    ("text", "answer", "measure"),
    [
        ("How many jurors signed the petition to Judge Amy Walsh?", "figure", "count"),
        ("How much did the studio pay for the rights?", "figure", "amount"),
        ("How old is Marta Quill?", "figure", "age"),
        ("How many years did Ruiz spend at the studio?", "figure", "duration"),
        ("How long was the editor suspended?", "figure", "duration"),
        ("What percentage of the crew was laid off?", "figure", "amount"),
        ("When did the studio release the trailer?", "date", ""),
        ("What deadline did the guild set?", "date", ""),
        ("Where was the festival held?", "place", ""),
        ("Which city hosted the premiere?", "place", ""),
        ("In which town was the series shot?", "place", ""),
        ("Who is Marta Quill's agent?", "person", ""),
        ("Which Democratic senator wrote the bill?", "person", ""),
        ("Through whom did the actor reply?", "person", ""),
        ("What is the name of the union's lawyer?", "person", ""),
        ("What is the name of the documentary?", "name", ""),
        ("What's the title of the film that won?", "name", ""),
        ("name of the series", "name", ""),
        ("Which network cancelled the show?", "name", ""),
        ("What did Director Ana Ruiz say about the budget?", "quote", ""),
        ("How did the producers describe the delay?", "quote", ""),
        ("What charges did the prosecutors bring?", "claim", ""),
        ("The studio doubled its animation budget", "claim", ""),
    ],
)
def test_answer_type(text: str, answer: str, measure: str) -> None:
    reading = read(text)
    assert (reading.answer, reading.measure) == (answer, measure)


def test_subject_and_focus_are_apart() -> None:
    reading = read("Who is the spokesman for Harriet Lane who answered the union's letter?")
    assert "Harriet Lane" in reading.subject_names
    assert {"spokesman", "answered", "letter"} <= set(reading.focus_words)
    assert "harriet" not in reading.focus_words


def test_possessive_of_the_subject_is_subject() -> None:
    q = read_question("Who is Quill's agent?")
    focus = {q.terms[k] for k in range(len(q.terms)) if k in q.focus}
    assert "agent" in focus
    assert not any(t.startswith("quill") for t in focus)


def test_a_claims_first_word_can_be_a_name() -> None:
    reading = read("Paramount reported a loss on the sequel")
    assert "Paramount" in reading.subject_names
    assert reading.answer == "claim"


def test_the_times_of_a_newspaper_is_not_a_multiplier() -> None:
    q = read_question("what did the New York Times report about the casting?")
    assert not q.wants_quantity


def test_a_relative_where_does_not_ask_for_a_place() -> None:
    assert read("a culture where writers are paid late?").answer == "claim"
    assert not read_question("a town where every shop sells film props").wants_place


def test_asking_words_are_not_evidence() -> None:
    q = read_question("How many episodes were filmed in the desert?")
    assert "mani" not in q.terms and "how" not in q.terms
    assert any(t.startswith("episod") for t in q.terms)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Fifteen of the 19 riders finished the stage.", ["Fifteen", "19"]),
        ("At least 544 store managers signed it.", ["544"]),
        ("He faces a seven-count indictment.", ["seven"]),
        ("She was the fourth person to resign.", ["fourth"]),
        ("The crew of a dozen left early.", ["a dozen"]),
    ],
)
def test_counts_and_number_words_are_figures(text: str, expected: list[str]) -> None:
    found = [c[0] for c in answers.candidates(text, "figure", "How many?", "count")]
    assert found == expected


def test_labels_and_dates_are_not_counts() -> None:
    text = (
        "Under section 3 of the charter, signed on Dec. 14 and amended in 2011, 12 members voted."
    )
    found = [c[0] for c in answers.candidates(text, "figure", "How many members voted?", "count")]
    assert found == ["12"]


def test_a_number_the_question_gives_is_not_its_answer() -> None:
    text = "Voters approved Measure 21 by 4,000 votes."
    found = [c[0] for c in answers.candidates(text, "figure", "By how much did 21 pass?")]
    assert found == ["4,000"]


def test_ages() -> None:
    text = "Dana Voss, 52, and the 61-year-old director spoke."
    found = [c[0] for c in answers.candidates(text, "figure", "How old is Voss?", "age")]
    assert found == ["52", "61-year-old"]


def test_dates() -> None:
    text = "The cut was finished late Friday afternoon, shown on Dec. 27 and sold in 2019."
    found = [c[0] for c in answers.candidates(text, "date", "When was it sold?")]
    assert found == ["late Friday afternoon", "Dec. 27", "in 2019"]


def test_places() -> None:
    text = "She grew up in his hometown of Tamsin, Ore., and later moved to Lisbon."
    found = [c[0] for c in answers.candidates(text, "place", "Where did she grow up?")]
    assert "Tamsin" in found and "Ore." in found and "Lisbon" in found


def test_people_other_than_the_subject() -> None:
    text = "Lionel Marsh, a spokesman for Mr. Okafor, said the deal was off."
    found = [c[0] for c in answers.candidates(text, "person", "Who speaks for Okafor?")]
    assert found == ["Lionel Marsh"]


def test_titled_people() -> None:
    text = "After Sen. Ruth Adair spoke, Mr. Pell left the room."
    found = [c[0] for c in answers.candidates(text, "person", "Who spoke first?")]
    assert found == ["Sen. Ruth Adair", "Mr. Pell"]


def test_a_surname_that_speaks_and_a_name_after_a_possessive() -> None:
    text = "Pell tweeted that the Writers Guild's Mae Holt was wrong."
    found = [c[0] for c in answers.candidates(text, "person", "Who said it?")]
    assert found == ["Pell", "Mae Holt"]


def test_places_by_direction() -> None:
    text = "He represents a rural district north of Calder."
    found = [c[0] for c in answers.candidates(text, "place", "Which district?")]
    assert found == ["Calder"]


def test_a_name_typed_in_lower_case_is_still_the_subject() -> None:
    from hollywood_ai.index.comparing.evidence import name_words
    from hollywood_ai.index.model import Article

    bodies = [
        "Last year Paramount sold the rights. The deal made Paramount richer.",
        "Critics say Paramount paid too much for the visual effects.",
        "# Visual Effects At Paramount\n\nThe visual effects team grew again.",
    ]
    articles = [
        Article(id=f"a{i}", title="t", body=b, checksum=str(i), origin=f"a{i}.md")
        for i, b in enumerate(bodies)
    ]
    names = name_words(articles)
    assert "paramount" in names
    assert "visual" not in names  # capitalised only in a heading
    q = read_question("paramount visual effects budget").with_names(names)
    focus = {q.heads[k] for k in q.focus}
    assert "paramount" not in focus and "budget" in focus


def test_a_duration_is_a_number_with_its_unit_of_time() -> None:
    """ "How many years ...?" is not answered by an age or a bare number."""
    question = "How many years did Voss spend at the paper?"
    assert (
        answers.candidates(
            "Ms. Voss, 52, studied law before joining.", "figure", question, "duration"
        )
        == []
    )
    found = answers.candidates(
        "Ms. Voss, 52, spent 19 years there.", "figure", question, "duration"
    )
    assert [c[0] for c in found] == ["19 years"]


@pytest.mark.parametrize(
    ("text", "counted"),
    [
        ("How many ferries did the council buy?", "ferries"),
        ("How many Danish harbor pilots were hired?", "pilots"),
        ("How many members of the guild voted?", "members"),
        ("How many riders complained?", "riders"),
    ],
)
def test_how_many_reads_the_counted_noun(text: str, counted: str) -> None:
    assert read(text).counted == counted


@pytest.mark.parametrize(
    ("question", "text", "found"),
    [
        # The day of the saying is not the day of what was said.
        ("When was the editor fired?", "The editor was fired, her lawyer said Monday.", []),
        ("When was the editor fired?", "The paper fired the editor, it confirmed on Friday.", []),
        ("When was the editor fired?", "She was fired, and the paper chose to hint on Friday.", []),
        (
            "When was the editor fired?",
            "The editor was fired on Friday, her lawyer said.",
            ["on Friday"],
        ),
        # ... unless the saying is what is asked about.
        ("When did the paper confirm the firing?", "The paper confirmed on Friday.", ["on Friday"]),
    ],
)
def test_the_date_of_a_statement_is_not_the_date_asked(
    question: str, text: str, found: list[str]
) -> None:
    q = read_question(question)
    assert [c[0] for c in answers.candidates(text, q.answer, q.text, q.reading.measure)] == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # A place in a person's title says who they are, not where it happened.
        ("Ana Ruiz, a former governor of Ohio, announced her run on Monday.", []),
        ("Senator Ruiz, Democrat of Vermont, announced her run.", []),
        ("Ana Ruiz, the former Ohio governor, announced her run on Monday.", []),
        ("Ana Ruiz, a former governor of Ohio, announced her run in Dayton.", ["Dayton"]),
    ],
)
def test_a_place_in_a_title_is_not_where(text: str, found: list[str]) -> None:
    q = read_question("Where did Ruiz announce her run?")
    assert [c[0] for c in answers.candidates(text, q.answer, q.text, q.reading.measure)] == found


@pytest.mark.parametrize(
    ("text", "question", "found"),
    [
        (
            "Director Ana Ruiz was questioned on Sunday by the host, Tom Vale.",
            "Who questioned Ruiz on the radio?",
            ["Tom Vale"],
        ),
        (
            "Marta Quill's agent, Leo Brandt, declined to comment.",
            "Who is Quill's agent?",
            ["Leo Brandt"],
        ),
    ],
)
def test_the_person_asked_about_is_no_answer(text: str, question: str, found: list[str]) -> None:
    """ "Who questioned Ruiz": "Director Ana Ruiz" holds words the question
    does not ("Ana"), but she is the one asked about, not the answer."""
    q = read_question(question)
    got = [c[0] for c in answers.candidates(text, q.answer, q.text, q.reading.measure)]
    assert got == found


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Senate Minority Leader Ada Blake, R-Utah, urged a vote.", "Ada Blake"),
        ("The House Majority Whip Tom Ferro Jr. disagreed.", "Tom Ferro Jr."),
    ],
)
def test_a_name_after_an_institution_and_a_role_is_a_person(text: str, person: str) -> None:
    """ "Senate Minority Leader Ada Blake": the institution and the role lead
    the name; the person is the name after them."""
    assert person in [c[0] for c in answers.people(text)]


def test_a_preposition_opening_a_question_is_no_name() -> None:
    assert read("Through whom did Ruiz send the letter?").subject_names == ("Ruiz",)
    assert read("Under what name was the video posted?").subject_names == ()
