"""What a question asks for, read from its structure.

A question has an *asking phrase* ("how many", "who", "which senator",
"when", "what is the name of", "what did X say"), which decides the *answer
type*: a figure, a date, a place, a person, a name, a quote or a claim. Its
content words are split in two: the *subject*, the proper names it is about
("Grimm" in "Who is Grimm's lawyer?"), which any article of the story is full
of, and the *focus*, the rest ("lawyer"), which a passage must speak of to
answer. A claim (a statement rather than a question) is all focus, except for
its proper names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from hollywood_ai.index.comparing.names import NOT_NAMES

# Nouns that make "which/what N" ask for a place, a date or a person.
PLACE_NOUNS = frozenset(
    "city state country area place town district county region location neighborhood "
    "neighbourhood village site venue hometown capital province island street".split()
)
TIME_NOUNS = frozenset("date day year month time deadline week hour night season decade".split())
PERSON_NOUNS = frozenset(
    "person man woman senator senators lawmaker lawmakers representative congressman "
    "congresswoman official officials leader leaders spokesman spokeswoman spokesperson "
    "lawyer lawyers attorney attorneys counsel judge candidate candidates president governor mayor "
    "minister secretary director chairman chairwoman chair member members aide aides adviser "
    "advisor advisers advisors staffer reporter journalist anchor host photographer author "
    "writer actor actress executive executives ceo founder gunman shooter suspect victim "
    "student teacher officer prosecutor democrat democrats republican republicans politician "
    "speaker commentator critic critics head boss owner wife husband son daughter mother "
    "father brother sister partner friend doctor physician agent manager coach".split()
)
FIGURE_NOUNS = frozenset(
    "percentage percent share number amount proportion fraction figure figures total sum "
    "price cost rate margin vote votes score ratio multiple factor count age chance odds".split()
)
# The verbs of reported speech: "what did X say" asks for X's words.
SPEECH_VERBS = frozenset(
    "say said tell told write wrote post posted tweet tweeted claim claimed argue argued "
    "describe described respond responded react reacted reply replied add added "
    "insist insisted warn warned announce announced declare declared state stated suggest "
    "suggested".split()
)
# Words that say the answer is an amount ("in dollars", "what percent").
UNIT_WORDS = frozenset("dollars euros pounds yen percent billion million factor".split())
DURATION_UNITS = frozenset("years months weeks days hours minutes decades".split())
FIGURE_HOW = {
    "many": "count",
    "much": "amount",
    "old": "age",
    "long": "duration",
    "far": "distance",
    "often": "count",
    "big": "amount",
    "large": "amount",
    "high": "amount",
    "fast": "amount",
    "tall": "amount",
}
# Words of the asking phrase itself: never evidence.
ASKING = frozenset(
    "how what which who whom whose when where why is are was were be been do does did has "
    "have had can could would should will shall may might must the a an of to in on at for by "
    "with from about name names called named titled kind type sort exactly roughly "
    "approximately reportedly according".split()
)
_WORD = re.compile(r"[A-Za-zÀ-ÿ0-9][\w’'.-]*[\w’']|[A-Za-zÀ-ÿ0-9]")
_LEADING = re.compile(
    r"^\s*(?:(?:and|but|so|also|then|ok|okay),?\s+)?(?:(?:according to [^,]+,)\s*)?", re.I
)


@dataclass(frozen=True)
class Reading:
    """What a text asks for."""

    answer: str  # "figure", "date", "place", "person", "name", "quote", "claim"
    measure: str = ""  # for figures: "count", "amount", "age", "duration", ...
    focus_words: tuple[str, ...] = ()  # as written, lower-cased
    subject_names: tuple[str, ...] = ()  # proper names as written ("Harry Reid")
    is_question: bool = True
    speaker: str = ""  # for "what did X say": X as written
    counted: str = ""  # for "how many N": N's head word as written ("emails")
    # For "what did X say in her apology": the occasion of the words, as
    # written ("apology"), not what they are about.
    occasion: tuple[str, ...] = ()


def _words(text: str) -> list[tuple[str, int]]:
    return [(m.group(0), m.start()) for m in _WORD.finditer(text)]


def _is_name_word(word: str, position: int, first: int) -> bool:
    if not word[:1].isupper():
        return False
    if position == first:
        # A sentence's first word is a name only when it could not begin
        # any sentence ("Netflix reported...", not "The" or "Which").
        # Nor a preposition before the asking word ("Under what name").
        return (
            _bare(word).capitalize() not in NOT_NAMES
            and word.lower() not in ASKING
            and word.lower() not in _BEFORE_ASKING
        )
    return word.lower().rstrip("’'s") not in ASKING or word.isupper()


def proper_names(text: str) -> list[str]:
    """Runs of capitalised words past the first word ("Harry Reid",
    "Fox News Sunday"), joined through "of"/"and" inside a name."""
    words = _words(text)
    first = words[0][1] if words else 0
    names: list[str] = []
    current: list[str] = []
    for i, (w, pos) in enumerate(words):
        if _is_name_word(w, pos, first):
            current.append(w)
            continue
        if current and w.lower() in ("of", "de", "van", "von") and i + 1 < len(words):
            nxt, npos = words[i + 1]
            if _is_name_word(nxt, npos, first):
                current.append(w)
                continue
        if current:
            names.append(" ".join(current))
            current = []
    if current:
        names.append(" ".join(current))
    return [re.sub(r"(?:’s|'s|’|')$", "", n) for n in names]


def _bare(word: str) -> str:
    """A word without its possessive: "Grimm's" -> "grimm"."""
    return re.sub(r"(?:’s|'s|’|')$", "", word.lower())


def read(text: str) -> Reading:
    """The answer type, focus and subject of ``text``."""
    body = _LEADING.sub("", text.strip())
    body = re.sub(r"\b(what|who|where|when|how)['’]s\b", r"\1 is", body, flags=re.I)
    low = body.lower()
    words = [w.lower() for w, _ in _words(body)]
    is_question = (
        body.rstrip().endswith("?")
        or bool(
            re.match(
                r"(how|what|which|who|whom|whose|when|where|why|did|does|do|is|are|was|were)\b", low
            )
        )
        or bool(
            re.match(
                r"(under|through|in|on|by|from|for|to|with|since) (what|which|whom|who)\b", low
            )
        )
    )
    answer, measure, speaker = "claim", "", ""
    names = proper_names(body)
    if is_question:
        answer, measure, speaker = _answer_type(low, words, names)
    elif re.match(r"(?:the\s+)?(?:name|title)s?\s+of\b", low):
        answer = "name"  # "name of the series": a question without its asking word
    name_words = {_bare(w) for n in names for w, _ in _words(n)}
    drop = ASKING | set(FIGURE_HOW) if answer == "figure" else ASKING
    if answer == "quote":
        drop = drop | SPEECH_VERBS
    focus = tuple(w for w in words if _bare(w) not in name_words and w not in drop)
    return Reading(
        answer=answer,
        measure=measure,
        focus_words=focus,
        subject_names=tuple(names),
        is_question=is_question,
        speaker=speaker,
        counted=_counted(words) if measure == "count" else "",
        occasion=_occasion(words) if answer == "quote" else (),
    )


#: What words are said in ("in his statement", "in a tweet", "in her
#: apology"): the occasion, which any of the speaker's words there answer.
OCCASION_NOUNS = frozenset(
    "statement statements apology interview speech letter tweet tweets post remarks "
    "testimony address memo op-ed essay message email announcement video".split()
)


def _occasion(words: list[str]) -> tuple[str, ...]:
    """The occasion nouns of "say in his statement of apology" ->
    ("statement", "apology"), after the verb of saying."""
    verb_at = next((i for i, w in enumerate(words) if w in SPEECH_VERBS), None)
    if verb_at is None:
        return ()
    out: list[str] = []
    for i in range(verb_at + 1, len(words) - 1):
        if words[i] not in ("in", "of") or (words[i] == "of" and not out):
            continue
        following = words[i + 1 : i + 3]
        noun = following[1] if following[:1] and following[0] in _DETERMINERS else following[0]
        if noun in OCCASION_NOUNS:
            out.append(noun)
    return tuple(out)


_DETERMINERS = frozenset("his her their its the a an this that".split())


# Words that end the noun phrase after "how many" ("how many emails did").
_AFTER_COUNTED = frozenset(
    "did does do has have had was were is are will would can could "
    "of in on at to from by for with that who which the a an not".split()
)


def _counted(words: list[str]) -> str:
    """The head of the noun phrase "how many" asks about: its last word
    before a verb or a preposition ("how many Russian intelligence officers
    were indicted" -> "officers", "how many members of" -> "members")."""
    at = next((i for i in range(len(words) - 1) if words[i : i + 2] == ["how", "many"]), None)
    if at is None:
        return ""
    head = ""
    for word in words[at + 2 : at + 6]:
        if word in _AFTER_COUNTED or (head and word.endswith("ed")):
            break
        head = word
    return head


_WH_WORDS = ("how", "what", "which", "who", "whom", "whose", "when", "where")
_AUX = ("did", "does", "do", "has", "have", "had", "was", "were", "is", "are", "will", "would")


def _answer_type(low: str, words: list[str], names: list[str]) -> tuple[str, str, str]:
    """(answer type, measure, speaker), from the asking phrase: the first
    wh-word and the words right after it."""
    wh_at = next((i for i, w in enumerate(words) if w in _WH_WORDS), None)
    if wh_at is None or any(w not in _BEFORE_ASKING for w in words[:wh_at]):
        # An asking word past the start is a relative ("a culture where
        # writers are paid"), not what the text asks.
        return "claim", "", ""
    wh = words[wh_at]
    nxt = words[wh_at + 1] if wh_at + 1 < len(words) else ""
    if wh in ("what", "how") and nxt in _AUX and set(words[wh_at + 2 :]) & SPEECH_VERBS:
        return "quote", "", _speaker(words, wh_at, names)
    if wh == "how":
        if nxt in FIGURE_HOW:
            unit = words[wh_at + 2] if wh_at + 2 < len(words) else ""
            if nxt == "many" and unit in DURATION_UNITS:
                return "figure", "duration", ""
            return "figure", FIGURE_HOW[nxt], ""
        return "claim", "", ""
    if wh == "when":
        return "date", "", ""
    if wh == "where":
        return "place", "", ""
    if wh in ("who", "whom", "whose"):
        # "Who sued the studio?" may be answered by a company as well as a
        # person; "who is the lawyer" by a person.
        return "person", "" if nxt in _AUX else "agent", ""
    return _what_or_which(low, words, wh_at)


def _what_or_which(low: str, words: list[str], wh_at: int) -> tuple[str, str, str]:
    """The answer type of "what" or "which", from the noun after it
    ("which Republican senator"), a name asked for, or units."""
    wh = words[wh_at]
    nxt = words[wh_at + 1] if wh_at + 1 < len(words) else ""
    nouns = [w for w in words[wh_at + 1 : wh_at + 4] if w not in ASKING]
    if wh == "what" and nxt in ("is", "are", "was", "were") and "name" not in words:
        nouns = []  # "what is X's position": X is the subject, not the answer's kind
    for noun in nouns[:3]:
        if noun in TIME_NOUNS:
            return "date", "", ""
        if noun in PLACE_NOUNS:
            return "place", "", ""
        if noun in FIGURE_NOUNS:
            return "figure", "amount", ""
        if noun in PERSON_NOUNS:
            return "person", "", ""
    if "name" in words:
        after_name = words[words.index("name") + 1 : words.index("name") + 6]
        if after_name[:1] == ["of"] and any(_bare(w) in PERSON_NOUNS for w in after_name[1:]):
            return "person", "", ""  # "the name of the college student": a person
    if re.search(r"\b(name|names|called|titled|title)\b", low):
        return "name", "", ""
    if set(words) & UNIT_WORDS:
        return "figure", "amount", ""  # "what were the earnings in dollars"
    if nxt in _AUX:
        return "claim", "", ""
    if wh == "which" and nouns:
        return "name", "", ""
    return "claim", "", ""


# Words that may come before the asking word ("and when", "in which city").
_BEFORE_ASKING = frozenset(
    "and but so then also in on at to from by for with under through since of about".split()
)


#: Words that end the speaker's phrase in "what did X say" ("the statements
#: released after the meeting", "the letter to the senator").
_AFTER_SPEAKER = frozenset(
    "released issued sent signed published posted written made given delivered "
    "to from by after before in on at about of for with that which who".split()
)


def _speaker(words: list[str], wh_at: int, names: list[str]) -> str:
    """X in "what did X say": the first proper name after the asking verb,
    when the phrase begins with it ("Sen. Ada Blake", "the Senate
    Republicans' letter" -> "Senate Republicans' letter"); else the phrase's
    head, a group or a document ("the identical statements released after
    the meeting" -> "identical statements")."""
    verb_at = next(
        (i for i in range(wh_at + 2, len(words)) if words[i] in SPEECH_VERBS), len(words)
    )
    phrase: list[str] = []
    for word in words[wh_at + 2 : verb_at]:
        if phrase and word in _AFTER_SPEAKER:
            break
        if word not in ("the", "a", "an"):
            phrase.append(word)
    head = phrase[-1] if phrase else ""
    name = names[0] if names else ""
    name_words = [_bare(w) for w, _ in _words(name)]
    if name and [_bare(w) for w in phrase[: len(name_words)]] == name_words:
        if len(phrase) > len(name_words) and phrase[len(name_words) - 1].endswith(
            ("'", "’", "'s", "’s")
        ):
            return f"{name}'s {head}"  # the owner and the document it wrote
        return name
    if phrase and (not name_words or _bare(head) not in name_words):
        return " ".join(phrase)
    return name
