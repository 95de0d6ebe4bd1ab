"""Where a passage's answer stands: the candidates of the asked type (see
``answers``) that stand by the words of the question's focus, and, of
those, the one a source gives as its answer."""

from __future__ import annotations

import re

from hollywood_ai.index.comparing import answers, attribution
from hollywood_ai.index.comparing import names as namemod
from hollywood_ai.index.comparing.evidence import Analysed, Question, word_stems
from hollywood_ai.index.comparing.questions import PERSON_NOUNS

ANSWER_TYPES = ("figure", "date", "place", "person", "name")


#: How far (in characters) an answer may stand from the focus's words: the
#: answer is said of the thing asked about ("his lawyer, William McGinley"),
#: not of another person the sentence names.
ANSWER_REACH = 80
#: A person is named next to the role asked about ("his lawyer, William
#: McGinley"; "Jim Manley, a spokesman for"), closer than other answers.
PERSON_REACH = 60


def needs_anchor(q: Question) -> bool:
    """Whether the answer must stand in a passage that itself carries some
    of the focus (a passage whose neighbours alone carry it does not
    report): a day in the sentence beside the fact dates another event
    ("The plant closed." "On Monday, workers gathered."), and a person there
    did another deed ("who interviewed her"). A place may stand in the next
    sentence ("The scene shows a collapse." "It was shot in Lima."), and so
    may a person asked for by their role, as the fact's speaker ("It will
    close in May." "..., Ruiz said.")."""
    return q.answer == "date" or (q.answer == "person" and q.reading.measure == "agent")


def answer_spans(a: Analysed, q: Question) -> list[tuple[str, int, int]]:
    """The candidate answers of a passage (see ``answers.candidates``) that
    stand near a word of the question's focus, when the passage has one."""
    text = a.passage.text
    if q.answer == "figure" and not a.has_quantity and not answers.might_count(text):
        return []
    found = answers.candidates(text, q.answer, q.text, q.reading.measure)
    if found and q.wants_title:
        found = _titles_of(text, found)
    if found and q.reading.measure == "agent":
        found = [c for c in found if not _BEFORE_ROLE.match(text, c[2])]
    if not found or q.reading.measure == "age":
        return found
    marks = _focus_marks(text, q)
    if not marks:
        return [] if q.answer == "person" and _WHO_IS.match(q.text) else found
    if q.answer != "person":
        return [c for c in found if min(_distance(c, x) for x in marks) <= ANSWER_REACH]
    owner = _owner_stems(q.text)
    marks = [x for x in marks if not owner & word_stems(text[x[0] : x[1]])] or marks
    saying = _asks_who_said(q.text)
    # "Which senator said…": also the one the passage gives the words of.
    speakers = attribution.speakers(text) if saying else set()
    return [
        c
        for c in found
        if (
            any(_distance(c, x) <= PERSON_REACH and _beside(text, c, x, saying) for x in marks)
            or attribution.key_of(c[0].split()[-1]) in speakers
        )
        and not _holds_another_office(c[0], q)
    ]


#: Verbs of saying: "which senator said the summit should not go ahead" is
#: answered by "Ruiz tweeted that the summit should not go ahead".
_SAYING = re.compile(rf"\b(?:{attribution.SAYING})\b", re.I)


def _asks_who_said(question: str) -> bool:
    """Whether the question asks who said something ("which senator said")."""
    return bool(_SAYING.search(question))


#: Titles of an office, and the words a question names the office by.
_OFFICES = {
    "sen": {"senator", "sen", "lawmaker", "legislator"},
    "senator": {"senator", "sen", "lawmaker", "legislator"},
    "rep": {"representative", "rep", "congressman", "congresswoman", "lawmaker", "legislator"},
    "representative": {
        "representative",
        "rep",
        "congressman",
        "congresswoman",
        "lawmaker",
        "legislator",
    },
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


#: A name before a person's role names who they are, not who acted ("the
#: House speaker", "a Senate aide", "the Fox News host"): the doer is the person.
_BEFORE_ROLE = re.compile(
    r"['’]?s?\s+(?:(?!(?:said|says|told|tells|asked|met|is|was|has|had|and|or)\b|[a-z]+ed\b)"
    r"[a-z]+\s+)?(?:"
    + "|".join(sorted(PERSON_NOUNS - {"head", "member", "members", "partner"}))
    + r")\b"
)
_WHO_IS = re.compile(r"\s*who\s+(?:is|was|are|were)\b", re.I)
_VERBISH = re.compile(
    r"\b(?:said|says|say|told|tells|is|was|were|are|has|had|have|met|called|asked|"
    r"\w{3,}ed|\w{3,}ing)\b",
    re.I,
)


def _beside(
    text: str, span: tuple[str, int, int], mark: tuple[int, int], saying: bool = False
) -> bool:
    """The person and the focus word belong together: nothing between them
    that starts another statement (a verb: "Mr. Obama said the gunman"),
    unless the question asks who said it (``saying``): then the verb of
    saying joins the speaker to what they said."""
    gap = text[span[2] : mark[0]] if span[2] <= mark[0] else text[mark[1] : span[1]]
    if saying and span[2] <= mark[0] and _SAYING.match(gap.lstrip(" ,")):
        return True  # "Ruiz tweeted that if the summit ...": Ruiz said it
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
    """Where the words of the question's focus stand in a passage (a
    prosecutor's title is no mark of a lawyer: "special counsel")."""
    focus = set().union(*(q.concepts[k] for k in q.focus)) if q.concepts else set()
    return [
        (m.start(), m.end())
        for m in _TOKEN.finditer(text)
        if focus & word_stems(m.group(0)) and not _PROSECUTOR.search(text, 0, m.end())
    ]


#: "Special counsel" and "independent counsel" name a prosecutor, not
#: anyone's lawyer.
_PROSECUTOR = re.compile(r"\b(?:special|independent)\s+counsel$", re.I)


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


def _bare_name(name: str) -> list[str]:
    """A person's name without titles and possessive ("Mr. Corker's" ->
    ["corker"])."""
    return [w for w in answers.name_words(name) if w not in answers.TITLE_WORDS]


def full_name(person: str, texts: list[str]) -> tuple[int, str] | None:
    """For a person given by surname alone ("Mr. Corker", "Bowdich's"), the
    first of ``texts`` that names them in full, and that name ("Senator Bob
    Corker")."""
    words = _bare_name(person)
    if len(words) != 1:
        return None
    for i, text in enumerate(texts):
        for found, _, _ in answers.people(text):
            full = _bare_name(found)
            if len(full) >= 2 and full[-1] == words[0]:
                return i, found
    return None


def answer_of(text: str, q: Question) -> str | None:
    """The passage's answer to the question: of its candidates, the one
    nearest the words of the question's focus ("ends in 2018", not "on
    Tuesday" earlier in the sentence)."""
    found = answers.candidates(text, q.answer, q.text, q.reading.measure)
    if not found:
        return None
    if q.wants_title:
        found = _titles_of(text, found) or found
    marks = _focus_marks(text, q)
    if not marks:
        return found[0][0]
    return min(found, key=lambda c: min(_distance(c, x) for x in marks))[0]
