"""Where a passage's answer stands: the candidates of the asked type (see
``answers``) that stand by the words of the question's focus, and, of
those, the one a source gives as its answer."""

from __future__ import annotations

import re

from hollywood_ai.index.comparing import answers, attribution
from hollywood_ai.index.comparing import names as namemod
from hollywood_ai.index.comparing.evidence import KIND_STEMS, Analysed, Question, word_stems
from hollywood_ai.index.comparing.questions import PERSON_NOUNS, SPEECH_VERBS

ANSWER_TYPES = ("figure", "date", "place", "person", "name")


#: How far (in characters) an answer may stand from the focus's words: the
#: answer is said of the thing asked about ("his lawyer, William McGinley"),
#: not of another person the sentence names.
ANSWER_REACH = 80
#: A person is named next to the role asked about ("his lawyer, William
#: McGinley"; "Jim Manley, a spokesman for"), closer than other answers.
PERSON_REACH = 60


def answer_spans(a: Analysed, q: Question) -> list[tuple[str, int, int]]:
    """The candidate answers of a passage (see ``answers.candidates``) that
    stand near a word of the question's focus, when the passage has one."""
    text = a.passage.text
    if q.answer == "figure" and not a.has_quantity and not answers.might_count(text):
        return []
    found = answers.candidates(text, q.answer, q.text, q.reading.measure)
    if found and q.answer == "name" and any(c & KIND_STEMS for c in q.concepts):
        found = _titles_of(text, found)
    if not found or q.reading.measure == "age":
        return found
    marks = _focus_marks(text, q)
    if not marks:
        return [] if q.answer == "person" and _WHO_IS.match(q.text) else found
    if q.answer != "person":
        return [c for c in found if min(_distance(c, x) for x in marks) <= ANSWER_REACH]
    owner = _owner_stems(q.text)
    marks = [x for x in marks if not owner & word_stems(text[x[0] : x[1]])] or marks
    # "Which senator said…": the one the passage gives the words of.
    speakers = attribution.speakers(text) if _asks_who_said(q) else set()
    return [
        c
        for c in found
        if (
            any(_distance(c, x) <= PERSON_REACH and _beside(text, c, x) for x in marks)
            or attribution.key_of(c[0].split()[-1]) in speakers
        )
        and not _holds_another_office(c[0], q)
    ]


def _asks_who_said(q: Question) -> bool:
    """ "Which senator said…", "the official who warned…": a question
    asking for a speaker."""
    return bool(set(re.findall(r"[a-z]+", q.text.lower())) & SPEECH_VERBS)


#: Titles of an office, and the words a question names the office by.
_OFFICES = {
    "sen": {"senator", "sen"},
    "senator": {"senator", "sen"},
    "rep": {"representative", "rep", "congressman", "congresswoman", "lawmaker"},
    "representative": {"representative", "rep", "congressman", "congresswoman", "lawmaker"},
    "gov": {"governor", "gov"},
    "governor": {"governor", "gov"},
    "president": {"president"},
    "secretary": {"secretary"},
    "speaker": {"speaker"},
    "judge": {"judge"},
    "mayor": {"mayor"},
}


def _holds_another_office(person: str, q: Question) -> bool:
    """ "Who is her lawyer": "Sen. Ada Blake" holds an office of her own,
    which the question does not name; she is not the role asked about
    (a question asking who did something may be answered by anyone)."""
    if q.reading.measure == "agent":
        return False
    first = person.split()[0].rstrip(".").lower() if person.split() else ""
    office = _OFFICES.get(first)
    if office is None:
        return False
    asked = {w.strip("?,.'’").lower() for w in q.text.split()}
    return not office & asked


_WHO_IS = re.compile(r"\s*who\s+(?:is|was|are|were)\b", re.I)
_VERBISH = re.compile(
    r"\b(?:said|says|say|told|tells|is|was|were|are|has|had|have|met|called|asked|"
    r"\w{3,}ed|\w{3,}ing)\b",
    re.I,
)


def _beside(text: str, span: tuple[str, int, int], mark: tuple[int, int]) -> bool:
    """The person and the focus word belong together: nothing between them
    that starts another statement (a verb: "Mr. Obama said the gunman")."""
    gap = text[span[2] : mark[0]] if span[2] <= mark[0] else text[mark[1] : span[1]]
    if span[2] <= mark[0] and _AUXILIARY_ONLY.fullmatch(gap):
        return True  # "Ana Ruiz, had overruled": the person does what is asked
    nearer = _NEARER_ROLE.fullmatch(gap) if mark[1] <= span[1] else None
    if nearer and nearer.group("noun").lower() in PERSON_NOUNS:
        return False  # "a spokesman for the director, Ana Ruiz": Ruiz is the director
    return not _VERBISH.search(gap)


_OWNER = re.compile(r"\b(?:the|a|an)\s+((?:[a-z]+\s+){0,2}[a-z]+)['’]s\b")


def _owner_stems(question: str) -> frozenset[str]:
    """The stems of the role that owns the one asked about ("the special
    counsel's spokesman" -> special, counsel): a name beside them names the
    owner, not the answer."""
    return frozenset(s for m in _OWNER.finditer(question) for s in word_stems(m.group(1)))


#: Another role between the focus and a name after it ("spokesman for the
#: festival director, Ana Ruiz"): the name stands for the nearer role.
_NEARER_ROLE = re.compile(
    r"\s+(?:for|of|to|at|with)\s+(?:the|a|an|his|her|its|their)\s+(?:[\w’'-]+\s+){0,3}?"
    r"(?P<noun>[A-Za-z]+),\s*"
)
#: A gap of auxiliaries only, between a person and the verb after them.
_AUXILIARY_ONLY = re.compile(r"[\s,]*(?:(?:had|has|have|was|were|is|would|will|then)[\s,]+)+", re.I)


def _titles_of(text: str, found: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """The name of a show or a film: of the candidates, the titles (quoted,
    or led by an article), else the titles the passage quotes."""
    titles = [c for c in found if namemod.is_title_like(namemod.Name(c[0], c[1], c[2]))]
    if titles:
        return titles
    return [(n.text, n.start, n.end) for n in namemod.extract(text) if namemod.is_title_like(n)]


def _distance(span: tuple[str, int, int], mark: tuple[int, int]) -> int:
    if span[2] <= mark[0]:
        return mark[0] - span[2]
    if mark[1] <= span[1]:
        return span[1] - mark[1]
    return 0


def _focus_marks(text: str, q: Question) -> list[tuple[int, int]]:
    """Where the words of the question's focus stand in a passage."""
    focus = set().union(*(q.concepts[k] for k in q.focus)) if q.concepts else set()
    return [(m.start(), m.end()) for m in _TOKEN.finditer(text) if focus & word_stems(m.group(0))]


_TOKEN = re.compile(r"\w[\w'’.-]*")
#: How many words may stand between a count and its noun ("12 new ferries").
COUNTED_GAP = 2


def counts_the_noun(text: str, q: Question) -> bool:
    """Whether the passage gives a count of what "how many" asks about: a
    number followed, a word or two on, by the counted noun ("roughly 60,000
    related emails" for "how many emails")."""
    if not q.reading.counted:
        return False
    counted = word_stems(q.reading.counted)
    for _, _, end in answers.figures(text, "count"):
        following = _TOKEN.findall(text[end : end + 60])[: COUNTED_GAP + 1]
        if any(counted & word_stems(w) for w in following):
            return True
    return False


def answer_of(text: str, q: Question) -> str | None:
    """The passage's answer to the question: of its candidates, the one
    nearest the words of the question's focus ("ends in 2018", not "on
    Tuesday" earlier in the sentence)."""
    found = answers.candidates(text, q.answer, q.text, q.reading.measure)
    if not found:
        return None
    if q.answer == "name" and any(c & KIND_STEMS for c in q.concepts):
        found = _titles_of(text, found) or found
    marks = _focus_marks(text, q)
    if not marks:
        return found[0][0]
    return min(found, key=lambda c: min(_distance(c, x) for x in marks))[0]
