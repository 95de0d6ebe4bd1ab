"""What differs between sources: like quantities only, answers, names and
quotes. Every sentence here is written for these tests."""

from __future__ import annotations

from hollywood_ai.index.comparing.differences import (
    _number_discrepancies,
    answer_discrepancies,
    find_discrepancies,
)
from hollywood_ai.index.comparing.evidence import read_question
from hollywood_ai.index.comparing.quote_differences import _differing_parts


def _numbers(passages: dict[str, list[str]]) -> list[dict[str, str]]:
    return [d.values for d in _number_discrepancies(passages) if not d.only_source]


def test_unlike_quantities_are_not_compared() -> None:
    passages = {
        "a": ["The studio earned $141 million from the film."],
        "b": ["The studio paid $43 million in taxes that year."],
    }
    assert _numbers(passages) == []


def test_like_quantities_that_differ() -> None:
    passages = {
        "a": ["The studio paid $43 million in taxes that year."],
        "b": ["It paid nearly $44 million in taxes, the filing shows."],
    }
    assert _numbers(passages) == [{"a": "$43 million", "b": "$44 million"}]


def test_a_rate_and_a_hike_are_not_the_same_quantity() -> None:
    passages = {
        "a": ["The bank raised its rate by 0.75%, a sharp move."],
        "b": ["Its benchmark now stands at 2.5% after the meeting."],
    }
    assert _numbers(passages) == []


def test_equal_figures_are_no_difference() -> None:
    passages = {
        "a": ["The trailer drew 12 million views in a day."],
        "b": ["In one day the trailer drew 12 million views."],
    }
    assert _numbers(passages) == []


def test_answers_that_differ() -> None:
    found = answer_discrepancies({"a": "in 2019", "b": "before 2018"}, "date")
    assert [d.kind for d in found] == ["number"]
    found = answer_discrepancies({"a": "Harlow", "b": "Brandt, Iowa"}, "place")
    assert [d.kind for d in found] == ["name"]


def test_answers_that_agree() -> None:
    assert answer_discrepancies({"a": "Sen. Ada Pike", "b": "Senator Ada Pike"}, "person") == []
    assert answer_discrepancies({"a": "Harlow", "b": "Harlow, Iowa"}, "place") == []
    assert answer_discrepancies({"a": "12", "b": "a dozen"}, "figure") == []
    # "Tuesday" and "May 3" are no disagreement about a day of the month.
    assert answer_discrepancies({"a": "on Tuesday", "b": "May 3"}, "date") == []


def test_variants_of_a_person_name_differ() -> None:
    found = answer_discrepancies({"a": "Robert Vance", "b": "Bob Vance"}, "person")
    assert found and found[0].values == {"a": "Robert Vance", "b": "Bob Vance"}


def test_apostrophes_are_not_name_variants() -> None:
    article_text = {
        "a": ["The crew shot the finale on Martha's Vineyard last spring."],
        "b": ["The finale was filmed on Martha’s Vineyard, the crew said."],
    }
    found = find_discrepancies(article_text, {})
    assert [d for d in found if d.kind == "name"] == []


def test_a_quote_worded_differently_is_cut_to_its_clause() -> None:
    a = "I have not broken any rules. I have not hidden any P.R.O. files or records, and I stand by my work."
    b = "I have not hidden any PRO files and records, and I stand by my work."
    assert _differing_parts(a, b) == [
        (
            "I have not hidden any P.R.O. files or records",
            "I have not hidden any PRO files and records",
        )
    ]


def test_a_shorter_quotation_is_not_another_wording() -> None:
    a = "We will finish the film. We owe it to the crew and to everyone who waited."
    b = "We owe it to the crew and to everyone who waited."
    assert _differing_parts(a, b) == []


def test_one_speakers_paraphrase() -> None:
    a = "We firmly believe the new camera is a huge chance to help directors work faster."
    b = "We remain convinced the new camera represents a real chance to help directors, not replace them."
    assert _differing_parts(a, b, same_speaker=True)
    assert _differing_parts(a, b, same_speaker=False) == []


def test_claim_with_a_figure_wants_one() -> None:
    q = read_question("The studio spent $30 million on effects")
    assert q.wants_quantity and "USD" in q.units


def test_a_short_form_of_a_first_name_is_a_variant() -> None:
    from hollywood_ai.index.comparing.names import Name, are_variants

    def name(text: str) -> Name:
        return Name(text, 0, len(text))

    assert are_variants(name("Michael Brandt"), name("Mike Brandt"))
    assert are_variants(name("Kenneth Oyelaran"), name("Ken Oyelaran"))
    assert are_variants(name("Senate Speaker Ruth Kessel"), name("Ruthie Kessel"))
    assert not are_variants(name("Maria Brandt"), name("Oscar Brandt"))
