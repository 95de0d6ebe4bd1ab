"""What counts as evidence when compare scores a story's passages against a
question: the words of the focus in whatever form a passage writes them, and
the words of the speaker asked about.

Every sentence here is written for these tests."""

from __future__ import annotations

from hollywood_ai.index.comparing.comparison import compare_in
from hollywood_ai.index.comparing.evidence import read_question, story_passages
from hollywood_ai.index.model import Article


def _article(outlet: str, title: str, body: str) -> Article:
    return Article.make(title=title, body=body, origin=f"{outlet}.md", outlet=outlet)


def _first_passages(articles: list[Article], question: str) -> dict[str, str]:
    result = compare_in(story_passages(articles), read_question(question))
    return {s.outlet or "": s.passages[0].text for s in result.sources if s.passages}


def test_a_possessive_noun_and_its_plain_form_are_one_word() -> None:
    """ "the committee's report" in the question, "the report of the
    committee" in the article, and the other way round."""
    plain = _article(
        "a",
        "School roofs inspected",
        "A report by the district found the school roofs sound.\n\n"
        "Parents asked for the report on Monday.\n\n"
        "The report of the committee found mold in two classrooms.",
    )
    possessive = _article(
        "b",
        "Inspectors look at school roofs",
        "The district's report found no damage to the roofs.\n\n"
        "Parents read the report at a meeting.\n\n"
        "The committee’s report found mold in the gym.",
    )
    for question in (
        "What did the committee's report find?",
        "What did the report of the committee find?",
    ):
        first = _first_passages([plain, possessive], question)
        assert "report of the committee" in first["a"], question
        assert "committee’s report" in first["b"], question


def test_a_sentence_inside_a_longer_quotation_is_quoted() -> None:
    """The last sentence of a quotation of two sentences carries only its
    closing mark; it is still what the statement said."""
    story = _article(
        "a",
        "Unions and studio meet",
        "The two unions met the studio on Friday.\n\n"
        "Both sides issued a joint statement afterwards.\n\n"
        '"The talks went on late into the night. Both sides will meet again next week," '
        "the joint statement said.",
    )
    other = _article(
        "b",
        "Studio talks go on",
        "The studio and the unions talked until midnight on Friday.\n\n"
        "Pay was not on the table, people at the talks said.",
    )
    first = _first_passages([story, other], "What did the joint statement say?")
    assert "Both sides will meet again next week" in first["a"]


def test_a_count_of_the_counted_noun_answers_how_many() -> None:
    """ "12 new ferries" answers "how many ferries did the council buy",
    though the sentence names neither the council nor the buying."""
    officials = _article(
        "a",
        "More ferries for the harbor",
        "Ferries have carried commuters across the harbor since 1950.\n\n"
        "Harbor officials said 12 new ferries would join the route by spring.\n\n"
        "The old ferries will be sold to a museum.\n\n"
        "Riders said the ferries were often late.",
    )
    council = _article(
        "b",
        "Council buys ferries",
        "The council voted on Tuesday to buy 12 ferries for the harbor route.\n\n"
        "Ferries are the only way across the harbor for many commuters.",
    )
    result = compare_in(
        story_passages([officials, council]),
        read_question("How many ferries did the council buy?"),
    )
    by_outlet = {s.outlet: s for s in result.sources}
    assert by_outlet["a"].reports
    assert "12 new ferries" in by_outlet["a"].passages[0].text


def test_who_did_it_is_the_subject_of_the_verb() -> None:
    """ "Who overruled the panel?" is answered by "the director, Ana Ruiz,
    had overruled the panel": an auxiliary between the person and the verb."""
    lawyer = _article(
        "a",
        "Editor dismissed",
        "The editor of the paper was dismissed on Friday.\n\n"
        "Her lawyer said the publisher, Ana Ruiz, had overruled the review panel "
        "and dismissed the editor.",
    )
    paper = _article(
        "b",
        "Paper lets editor go",
        "The paper let its editor go on Friday.\n\n"
        "Publisher Ana Ruiz overruled the review panel, which had asked for a warning.",
    )
    result = compare_in(
        story_passages([lawyer, paper]), read_question("Who overruled the review panel?")
    )
    by_outlet = {s.outlet: s for s in result.sources}
    assert by_outlet["a"].reports and by_outlet["b"].reports
    assert "had overruled" in by_outlet["a"].passages[0].text


def test_a_speakers_quotation_on_another_matter_does_not_report() -> None:
    """Ruiz quoted about the weather does not report what she said about
    the fares: a quotation of the speaker without the focus's words counts
    only when it means nearly what the question asks, as any passage must."""
    weather = _article(
        "a",
        "Pier opens",
        "The new pier opened on Saturday.\n\n“The weather was lovely at the opening,” Ruiz said.",
    )
    fares = _article(
        "b",
        "Fares frozen as pier opens",
        "The new pier opened on Saturday.\n\n"
        "“Ferry fares will stay where they are for two years,” Ruiz said.",
    )
    result = compare_in(
        story_passages([weather, fares]),
        read_question("What did Ruiz say about the ferry fares?"),
    )
    by_outlet = {s.outlet: s.reports for s in result.sources}
    assert by_outlet == {"a": False, "b": True}


def test_a_person_with_an_office_of_their_own_is_not_the_role_asked() -> None:
    """ "In a letter to the actor's lawyer, Sen. Ada Blake, the panel's chair,
    said": the senator wrote to the lawyer, she is not the lawyer; "the
    senator" names an office the question does not ask about."""
    q = read_question("Who is Quill's lawyer?")
    wrote = _article(
        "a",
        "Panel writes to the actor",
        "In a letter to Marta Quill's lawyer, Sen. Ada Blake, the panel's chair, "
        "said the hearing would wait.",
    )
    named = _article(
        "b",
        "Actor hires a lawyer",
        "Marta Quill's lawyer, Leo Brandt, said the hearing would wait.",
    )
    result = compare_in(story_passages([wrote, named]), q)
    by_outlet = {s.outlet: s for s in result.sources}
    assert by_outlet["b"].reports
    assert not by_outlet["a"].reports


def test_who_is_the_role_is_answered_where_the_role_is_named() -> None:
    """ "Who is Quill's lawyer": a person named in the sentence after the
    lawyer is mentioned is not thereby the lawyer."""
    q = read_question("Who is Quill's lawyer?")
    beside = _article(
        "a",
        "Panel writes to the actor",
        "The panel sent its questions to Marta Quill's lawyer on Monday. "
        "Ada Blake, who chairs the panel, said Ms. Quill would be heard in May.",
    )
    named = _article(
        "b",
        "Actor hires a lawyer",
        "Marta Quill's lawyer, Leo Brandt, said the hearing would wait.",
    )
    result = compare_in(story_passages([beside, named]), q)
    by_outlet = {s.outlet: s for s in result.sources}
    assert by_outlet["b"].reports
    assert not by_outlet["a"].reports


def test_a_name_after_a_second_role_names_that_role() -> None:
    """ "a spokesman for the festival director, Ana Ruiz": the name stands
    for the director, the nearer role, not for the spokesman; "a spokesman
    for Ana Ruiz, Leo Brandt" names the spokesman."""
    from hollywood_ai.index.comparing.answering import answer_spans
    from hollywood_ai.index.comparing.evidence import Analysed

    q = read_question("Who is the festival director's spokesman?")
    nearer = _article(
        "a", "Festival", "A spokesman for the festival director, Ana Ruiz, denied the report."
    )
    named = _article(
        "b", "Festival", "A spokesman for Ana Ruiz, Leo Brandt, denied the report on Monday."
    )
    sp = story_passages([nearer, named])
    spans = {
        a.passage.article_id: [c[0] for c in answer_spans(a, q)]
        for a in sp.passages
        if isinstance(a, Analysed)
    }
    assert spans[nearer.id] == []
    assert "Leo Brandt" in spans[named.id]


def test_a_passage_about_another_person_does_not_date_the_subject() -> None:
    """ "When was Ruiz fired": "In March, Leo Brandt was fired", in an article
    that never names Ruiz near it, tells when Brandt was fired."""
    other = _article(
        "a",
        "Studio shake-up",
        "Ana Ruiz led the animation unit for a decade.\n\n"
        "The board met for three hours.\n\n"
        "In March, Leo Brandt, the former director, was fired after an inquiry.",
    )
    subject = _article("b", "Studio fires Ruiz", "Ana Ruiz was fired on Friday, the studio said.")
    result = compare_in(story_passages([other, subject]), read_question("When was Ruiz fired?"))
    by_outlet = {s.outlet: s for s in result.sources}
    assert by_outlet["b"].reports
    assert not by_outlet["a"].reports


def test_he_said_points_to_a_name_given_a_role_between_commas() -> None:
    """ "Ruiz, a Democrat, is seen ...": Ruiz is named, and "she said" in the
    next paragraph points back to her."""
    from hollywood_ai.index.comparing.quotes import extract

    text = (
        "Ruiz, a Democrat, is seen in a video at the pier on Monday.\n\n"
        '"Nobody should pay more for the ferry," she said.'
    )
    assert [q.speaker for q in extract(text)] == ["Ruiz"]


def test_what_x_said_shows_the_whole_quotation() -> None:
    """A sentence of a longer quotation answers "what did Ruiz say" with the
    whole quotation: its other sentences are her words on the same matter."""
    article = _article(
        "a",
        "Ferry fares",
        "Ana Ruiz spoke at the pier on Monday.\n\n"
        '"I will not stand for it. The ferry fares must stay frozen for years," Ruiz said.',
    )
    other = _article("b", "Ferry fares", "The ferry fares rose on Monday, the council said.")
    shown = _first_passages([article, other], "What did Ruiz say about the ferry fares?")
    assert "I will not stand for it." in shown["a"]
    assert "must stay frozen" in shown["a"]


def test_a_quotation_broken_by_its_attribution_is_one_quotation() -> None:
    """ "…,” Ruiz said. “…”": the two parts are one quotation, shown whole."""
    article = _article(
        "a",
        "Ferry fares",
        "Ana Ruiz spoke at the pier on Monday.\n\n"
        '"I will not stand for it," Ruiz said. "The ferry fares must stay frozen for years."',
    )
    other = _article("b", "Ferry fares", "The ferry fares rose on Monday, the council said.")
    shown = _first_passages([article, other], "What did Ruiz say about the ferry fares?")
    assert "I will not stand for it" in shown["a"]
    assert "must stay frozen" in shown["a"]
