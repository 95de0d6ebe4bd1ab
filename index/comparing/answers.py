"""Answer candidates in a passage: the figures, dates, places, people and
names it gives that the question does not already hold.

A passage answers "Who is Grimm's lawyer?" when it names a person other than
Grimm; "How many states...?" when it gives a count; "When...?" when it gives a
date. Each finder returns ``(text, start, end)`` spans of the passage text, in
order; ``candidates`` keeps those not made only of the question's own words.
"""

from __future__ import annotations

import re
from functools import lru_cache

from hollywood_ai.index.text.figures import NUMBER_WORDS
from hollywood_ai.index.text.normalise import fold
from hollywood_ai.index.text.words import stems

Span = tuple[str, int, int]

MONTHS = (
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
).split()
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)s?"
_DATE = re.compile(
    rf"\b(?:(?:early|late|mid|mid-|earlier|later)\s*)?{_MONTH}(?:\s+\d{{1,2}}(?:st|nd|rd|th)?)?(?:,?\s+(?:19|20)\d\d)?"
    rf"|\b(?:(?:early|late|last|next|this|on)\s+)?{_WEEKDAY}(?:\s+(?:morning|afternoon|evening|night))?"
    r"|\b(?:in|since|by|until|before|after|of|from|during)\s+(?:19|20)\d\d\b"
    r"|\b(?:19|20)\d\d(?=[-–]|\s+(?:election|campaign|race|ruling|law|measure|vote|season))"
    r"|\b(?:yesterday|today|tonight|last\s+(?:week|month|year|night)|this\s+(?:week|month|year|morning)"
    r"|earlier\s+this\s+(?:week|month|year)|next\s+(?:week|month|year))\b"
    r"|\b\d{1,2}(?::\d\d)?\s*[ap]\.m\."
)
# A number written as digits (with an ordinal ending) or as a word.
_NUMBER_WORD_RE = "|".join(
    sorted(
        (re.escape(w) for w in NUMBER_WORDS if w not in ("one", "half", "a hundred", "a dozen")),
        key=len,
        reverse=True,
    )
)
_ORDINAL_WORDS = (
    "second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth twentieth"
)
_ORDINAL_SET = frozenset(_ORDINAL_WORDS.split())
_NUMBER = re.compile(
    r"(?<![\w.])(?:[$€£]\s?)?\d[\d,]*(?:\.\d+)?(?:st|nd|rd|th)?(?:\s?(?:%|percent|million|billion|trillion|thousand))?"
    r"|\ba\s+(?:dozen|hundred|thousand|million|billion)\b"
    rf"|\b(?:{_NUMBER_WORD_RE}|{_ORDINAL_WORDS.replace(' ', '|')})\b",
    re.I,
)
_AGE = re.compile(
    r"\b\d{1,3}-year-old\b|(?<=[A-Za-z],\s)\d{1,3}(?=[,)])|\baged?\s+\d{1,3}\b|\(\d{1,3}\)"
)
_DURATION_UNIT = r"(?:years?|months?|weeks?|days?|hours?|minutes?|decades?)"
_DURATION = re.compile(rf"(?:\b(?:{_NUMBER_WORD_RE})|\d[\d,.]*)(?:\s+|-){_DURATION_UNIT}\b", re.I)
US_STATES = (
    "Alabama, Alaska, Arizona, Arkansas, California, Colorado, Connecticut, Delaware, "
    "Florida, Georgia, Hawaii, Idaho, Illinois, Indiana, Iowa, Kansas, Kentucky, Louisiana, "
    "Maine, Maryland, Massachusetts, Michigan, Minnesota, Mississippi, Missouri, Montana, "
    "Nebraska, Nevada, Ohio, Oklahoma, Oregon, Pennsylvania, Tennessee, Texas, Utah, Vermont, "
    "Virginia, Washington, Wisconsin, Wyoming, New Hampshire, New Jersey, New Mexico, New "
    "York, North Carolina, North Dakota, Rhode Island, South Carolina, South Dakota, West "
    "Virginia"
).split(", ")
STATE_ABBREVIATIONS = (
    "Ala. Ariz. Ark. Calif. Colo. Conn. Del. Fla. Ga. Ill. Ind. Kan. Ky. La. Md. Mass. Mich. "
    "Minn. Miss. Mo. Mont. Neb. Nev. N.H. N.J. N.M. N.Y. N.C. N.D. Okla. Ore. Pa. R.I. S.C. "
    "S.D. Tenn. Tex. Va. Vt. Wash. Wis. Wyo. D.C."
).split()
_STATE = "|".join(
    re.escape(s) for s in sorted(US_STATES + STATE_ABBREVIATIONS, key=len, reverse=True)
)
_CAP = r"[A-ZÀ-Þ][\w’'.-]*[\w]"
_PLACE = re.compile(
    rf"\b{_CAP}(?:\s+{_CAP})?,\s+(?:{_STATE})(?![\w])"  # "Hope, Ark.", "Manchester, N.H."
    rf"|\b(?:{_STATE})(?![\w])"
    rf"|\b(?:in|at|from|near|outside|across|around|(?:hometown|city|town|state|village|county|north|south|east|west) of|(?:heading|headed|travel(?:l?ing|l?ed)?|going|went|flew|flying|returned|returning|moved|trip) to) (?P<after>{_CAP}(?:\s+(?:{_CAP}|of|and)){{0,3}})"
    rf"|\b{_CAP}(?=[\s-](?:woman|man|resident|residents|native|area|suburb|neighborhood|based)\b)"
)
# Words that make a capitalised run an organisation, not a person or a place.
ORG_WORDS = frozenset(
    "house senate congress committee department news times post party court office "
    "association campaign university college inc corp group agency bureau service council "
    "administration commission foundation institute network journal magazine channel "
    "republicans democrats republican democratic democrat government state states city county "
    "district church school hospital company club union police fbi cia irs amendment act bill "
    "twitter facebook youtube instagram".split()
)
NOT_PLACES = frozenset(MONTHS) | frozenset(WEEKDAYS) | {"mr", "mrs", "ms", "dr", "the"}
SENTENCE_WORDS = frozenset(
    "the a an in on at as but and or if it its this that these those he she they we i you our "
    "their his her while when what why how who since after before during despite still yes no "
    "most many some earlier later according instead with without thanks even whether then "
    "there here also now".split()
)
TITLES = r"(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|Prof|Rev|Judge|Justice|President|Senator|Representative|Governor|Secretary|Speaker|Director|Chairman|Attorney General)\.?"
_NOT_FIRST = "|".join(w.capitalize() for w in sorted(SENTENCE_WORDS))
_PERSON = re.compile(
    rf"\b{TITLES}\s+(?:[A-Z]\.\s+)?(?P<t>[A-ZÀ-Þ][\w’'-]+(?:\s+[A-Z]\.)?(?:\s+[A-ZÀ-Þ][\w’'-]+){{0,2}})"
    rf"|(?P<n>\b(?!(?:{_NOT_FIRST})\b)[A-ZÀ-Þ][a-zà-ÿ’'-]+(?:\s+(?:[A-Z]\.|[A-ZÀ-Þ][a-zà-ÿ’'-]+|Mc[A-Z][a-z]+|Mac[A-Z][a-z]+|de|van|von)){{0,2}}"
    r"\s+(?:Mc|Mac|O['’])?[A-ZÀ-Þ][\w’'-]+(?:\s+(?:Jr\.|Sr\.|III|II|IV))?)"
)
_NAME = re.compile(
    r"[\"“‘]([A-ZÀ-Þ][^\"”’]{1,60}?)[,.]?[\"”’]"  # a quoted title
    r"|\b(?:\d+(?:st|nd|rd|th)\s+)?[A-ZÀ-Þ][\w’'.&-]*(?:\s+(?:of|the|and|&|de)?\s*[A-ZÀ-Þ0-9][\w’'.&-]*)*"
    r"|@\w{2,}"
)
_QUOTE = re.compile(r"“[^”]{8,}”|\"[^\"]{8,}\"")


TITLE_WORDS = frozenset(
    "s mr mrs ms dr sen rep gov gen lt col sgt capt prof rev judge justice president senator "
    "representative governor secretary speaker director chairman attorney general jr sr ii "
    "iii".split()
)


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", fold(text).replace("’", "'"))


def name_words(text: str) -> list[str]:
    """The words of a name, folded, a possessive's "s" left off."""
    return [w for w in _words(text) if w != "s"]


@lru_cache(maxsize=256)
def _question_words(question: str) -> frozenset[str]:
    """The question's words, folded, and their singulars."""
    words = set(_words(question))
    return frozenset(words | {w[:-1] for w in words if w.endswith("s")})


def _new(span_text: str, qwords: frozenset[str]) -> bool:
    """Whether a candidate holds a word the question does not."""
    words = [w for w in _words(span_text) if w not in SENTENCE_WORDS and w not in TITLE_WORDS]
    return bool(words) and any(w not in qwords for w in words)


def _is_asked_about(span_text: str, qwords: frozenset[str]) -> bool:
    """Whether a person is the one the question names: their surname (the
    last word of a name of two or more, a possessive left off) is one of its
    words ("Director Ana Ruiz" for "who questioned Ruiz")."""
    words = [w for w in _words(span_text) if w != "s"]
    return len(words) >= 2 and words[-1] in qwords


_LABEL_BEFORE = re.compile(
    r"\b(?:section|sections|article|amendment|chapter|district|no\.|number|page|title|route|"
    r"flight|room|item|proposition|prop\.|act|rule|paragraph|clause|episode|vol\.|volume)\s*$",
    re.I,
)


def figures(text: str, measure: str = "") -> list[Span]:
    if measure == "age":
        return [(m.group(0), m.start(), m.end()) for m in _AGE.finditer(text)]
    if measure == "duration":
        # A length of time has its unit ("19 years", "a 21-year veteran"):
        # a bare number beside it is an age or a count ("Voss, 52,").
        return [(m.group(0), m.start(), m.end()) for m in _DURATION.finditer(text)]
    dates = [(m.start(), m.end()) for m in _DATE.finditer(text)]
    out = []
    for m in _NUMBER.finditer(text):
        if any(s <= m.start() < e for s, e in dates):
            continue  # "Dec. 27", "in 2012", "10 p.m.": a date, not a count
        if _LABEL_BEFORE.search(text[max(0, m.start() - 14) : m.start()]):
            continue  # "section 3", "Amendment 64", "No. 5": a label, not a figure
        value = m.group(0)
        if re.fullmatch(r"(?:19|20)\d\d", value) and measure != "year":
            continue
        if measure not in ("count", "") and value.lower() in _ORDINAL_SET:
            continue  # "the second quarter" is no amount
        out.append((value, m.start(), m.end()))
    return out


def dates(text: str) -> list[Span]:
    return [(m.group(0), m.start(), m.end()) for m in _DATE.finditer(text)]


def places(text: str) -> list[Span]:
    out = []
    for m in _PLACE.finditer(text):
        value = (m.group("after") or m.group(0)).strip()
        begin = m.start("after") if m.group("after") else m.start()
        value = re.sub(r"\s+(?:of|and)$", "", value)
        first = _words(value)[:1]
        if not first or first[0] in NOT_PLACES:
            continue
        if any(w in ORG_WORDS for w in _words(value)) and not re.search(_STATE, value):
            continue
        if _TITLE_OF.search(text[max(0, begin - 40) : begin]) or _TITLE_AFTER.match(
            text, begin + len(value)
        ):
            continue  # "a former governor of Ohio", "the Ohio governor": who someone is
        out.append((value, begin, begin + len(value)))
    return out


#: A person's title ending in "of" or "from": the place after it is part of
#: the title ("governor of Ohio", "Democrat of Vermont", "senator from Maine").
_TITLE_OF = re.compile(
    r"\b(?:governor|senator|representative|congressman|congresswoman|mayor|"
    r"attorney general|lieutenant governor|republican|democrat|independent|"
    r"delegate|assemblyman|assemblywoman|lawmaker)\s+(?:of|from)\s+$",
    re.I,
)


#: ... or the title after the place ("the former Ohio governor").
_TITLE_AFTER = re.compile(
    r"\s+(?:governor|gov\.|senator|sen\.|representative|rep\.|congressman|congresswoman|"
    r"mayor|attorney general|lieutenant governor|lawmaker|delegate|assemblyman|assemblywoman)\b",
    re.I,
)


_SAID_BY = re.compile(
    r"\b(?<![.!?]\s)(?P<n>(?:Mc|Mac|O['’])?[A-ZÀ-Þ][a-zà-ÿ’'-]{2,})(?=,?\s+(?:said|says|told|tweeted|wrote|added|argued|noted|replied|responded|asked|announced)\b)"
)
_POSSESSIVE = re.compile(r"^.*['’]s\s+(?=[A-ZÀ-Þ])")


_CAPITALISED_RUN = re.compile(r"[A-ZÀ-Þ][\w’'.-]*(?:\s+[A-ZÀ-Þ][\w’'.-]*)*")
#: Words of a role that an institution's name may lead ("House Majority Whip").
ROLE_WORDS = (TITLE_WORDS - {"jr", "sr", "ii", "iii", "s"}) | frozenset(
    "leader minority majority whip chairwoman chair spokesman spokeswoman member".split()
)


def _after_role(text: str, start: int) -> Span | None:
    """The person after an institution and a role ("Senate Minority Leader
    Ada Blake" -> "Ada Blake"): the words of the capitalised run at
    ``start`` past its last institution or role word, when two or more."""
    run = _CAPITALISED_RUN.match(text, start)
    if run is None:
        return None
    words = list(re.finditer(r"\S+", run.group(0)))
    last = max(
        (i for i, w in enumerate(words) if set(_words(w.group(0))) & (ORG_WORDS | ROLE_WORDS)),
        default=-1,
    )
    tail = words[last + 1 :]
    if len(tail) < 2 or last < 0:
        return None
    begin, end = start + tail[0].start(), start + tail[-1].end()
    if text[end - 1] == "." and not re.search(r"\b(?:Jr|Sr)\.$", text[begin:end]):
        end -= 1
    return (text[begin:end], begin, end)


def people(text: str) -> list[Span]:
    """Names of people: a title and a name ("Sen. Ruth Adair"), two or more
    capitalised words that are no organisation, the part after an
    organisation's possessive ("the Guild's Mae Holt" -> "Mae Holt"), and a
    single surname that says something ("Holt said")."""
    out = []
    covered = 0
    for m in _PERSON.finditer(text):
        value = m.group(0)
        owner = _POSSESSIVE.match(value)
        if owner and len(value[owner.end() :].split()) >= 2:
            start = m.start() + owner.end()
            value = value[owner.end() :]
            out.append((value, start, start + len(value)))
            continue
        words = _words(value)
        if m.start() < covered:
            continue  # the rest of a name already taken after its role
        if any(w in ORG_WORDS for w in words) and (led := _after_role(text, m.start())):
            out.append(led)
            covered = led[2]
            continue
        if any(w in ORG_WORDS for w in words) or (words and words[0] in SENTENCE_WORDS):
            # "The House" is not a person; "After John Smith" is John Smith.
            inner = re.sub(r"^\W*\w+\s+", "", value) if words and words[0] in SENTENCE_WORDS else ""
            if not inner or any(w in ORG_WORDS for w in _words(inner)) or len(inner.split()) < 2:
                continue
            start = m.start() + value.find(inner)
            out.append((inner, start, start + len(inner)))
            continue
        if any(w in MONTHS or w in WEEKDAYS for w in words):
            continue
        out.append((value, m.start(), m.end()))
    for m in _SAID_BY.finditer(text):
        word = m.group("n")
        if word.lower() in SENTENCE_WORDS or any(s <= m.start() < e for _, s, e in out):
            continue
        if word.lower() in ORG_WORDS:
            continue
        out.append((word, m.start(), m.end()))
    out.sort(key=lambda c: c[1])
    return out


def names(text: str) -> list[Span]:
    out = []
    for m in _NAME.finditer(text):
        value = (m.group(1) or m.group(0)).strip()
        start = m.start(1) if m.group(1) else m.start()
        first_words = _words(value)[:1]
        sentence_start = start == 0 or text[:start].rstrip().endswith((".", "!", "?", ":"))
        acronym = len(value) >= 2 and value.isupper() and value.isalpha()
        if not first_words or (
            sentence_start and len(value.split()) == 1 and not m.group(1) and not acronym
        ):
            continue  # a sentence's first word, capitalised as any is ("CNN" is a name)
        if first_words[0] in SENTENCE_WORDS and len(value.split()) == 1:
            continue
        if all(w in MONTHS or w in WEEKDAYS for w in _words(value)):
            continue
        out.append((value, start, start + len(value)))
    return out


def quotations(text: str) -> list[Span]:
    return [(m.group(0), m.start(), m.end()) for m in _QUOTE.finditer(text)]


def candidates(text: str, answer: str, question: str, measure: str = "") -> list[Span]:
    """The spans of ``text`` that could answer a question of type ``answer``,
    leaving out those made only of the question's words."""
    finder = {
        "figure": lambda t: figures(t, measure),
        "date": dates,
        "place": places,
        "person": (lambda t: _merged(people(t), names(t))) if measure == "agent" else people,
        "name": names,
        "quote": quotations,
    }.get(answer)
    if finder is None:
        return []
    qwords = _question_words(question)
    found = finder(text)
    if answer == "quote":
        return found
    found = [c for c in found if _new(c[0], qwords)]
    if answer == "person":
        found = [c for c in found if not _is_asked_about(c[0], qwords)]
    if answer == "date":
        found = [c for c in found if not _dates_a_statement(text, c, question)]
    return found


#: Verbs of saying and reporting that a day may follow ("her lawyer said
#: Monday", "it confirmed on Friday").
_STATEMENT_BEFORE = re.compile(
    r"\b(say|said|says|tell|told|tells|write|wrote|writes|"
    r"(?:declare|state|confirm|report|publish|tweet|announce|acknowledge|insist|argue|warn|"
    r"hint|suggest|add)(?:s|d|ed)?)\s+(?:on\s+)?$",
    re.I,
)


#: ... or that a day may come just before ("the mayor on Monday said", "it
#: on Friday confirmed").
_STATEMENT_AFTER = re.compile(
    r",?\s+(say|said|says|told|tells|wrote|writes|"
    r"(?:declare|state|confirm|report|tweet|announce|acknowledge|insist|argue|warn|"
    r"express|hint|suggest|add)(?:s|d|ed)?)\b",
    re.I,
)


def _dates_a_statement(text: str, span: Span, question: str) -> bool:
    """A day that dates the saying ("the editor was fired, her lawyer said
    Monday", "the mayor on Monday expressed relief"), not what was said,
    unless the saying is what the question asks about ("when did the paper
    confirm it")."""
    m = _STATEMENT_BEFORE.search(text[max(0, span[1] - 24) : span[1]]) or _STATEMENT_AFTER.match(
        text, span[2]
    )
    if not m:
        return False
    return not set(stems(m.group(1))) & set(stems(question))


def _merged(first: list[Span], second: list[Span]) -> list[Span]:
    """Both lists in text order, a span of the second left out where it
    overlaps one of the first."""
    extra = [c for c in second if not any(c[1] < e and s < c[2] for _, s, e in first)]
    return sorted(first + extra, key=lambda c: c[1])


def might_count(text: str) -> bool:
    """Whether a passage has any number at all (digits or a number word)."""
    return bool(_NUMBER.search(text))
