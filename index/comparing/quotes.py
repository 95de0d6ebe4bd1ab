"""Quotations and who they are attributed to, and word-level differences
between two wordings of what one speaker said."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache

from hollywood_ai.index.text.normalise import fold

_QUOTE = re.compile(r"“([^”\n]{12,600})”|\"([^\"\n]{12,600})\"")
_VERBS = (
    r"said|says|stated|states|told|tells|added|adds|noted|notes|conveyed|commented|comments|"
    r"explained|argued|argues|emphasi[sz]ed|stressed|wrote|declared|insisted|remarked|"
    r"highlighted|according to|continued|observed|concluded|replied|responded|warned|"
    r"recalled|acknowledged|admitted|announced|tweeted|testified|conceded|complained"
)
# Titles before a name, as written ("Sen.", "Lt. Gov."): part of no name.
_TITLES = r"(?:Dr|Mr|Mrs|Ms|Prof|Sen|Rep|Gov|Lt|Gen|Col|Capt|Sgt|Adm|Rev|Atty)\."
_NAME = rf"(?:{_TITLES}\s+)*(?:[A-ZÀ-Þ][\w’'-]+\s+){{0,3}}[A-ZÀ-Þ][\w’'-]+"
_SPEAKER_AFTER = re.compile(
    rf"^\s*,?\s*(?:{_VERBS})\s+(?:[\w-]+\s+){{0,4}}?(?P<name>{_NAME})", re.S
)
# "…,” Mike Thibodeau (R) said", "…,” Smith, the leader, said", "…,” the
# Republican leader, Michael Thibodeau, said".
_SPEAKER_AFTER_NAME_FIRST = re.compile(
    rf"^\s*,?\s*(?P<name>{_NAME})(?:\s*\([^)]{{1,12}}\))?(?:,\s+[^,“”\"\n]{{1,80}},)?"
    rf"\s+(?:{_VERBS})\b"
)
_SPEAKER_AFTER_ROLE_FIRST = re.compile(
    rf"^\s*,?\s*(?:the\s+)?[^,“”\"\n]{{1,60}},\s+(?P<name>{_NAME}),\s+(?:{_VERBS})\b"
)
_SPEAKER_BEFORE = re.compile(rf"(?P<name>{_NAME})\s+(?:{_VERBS})\s*[,:]?\s*$")
# "Ted Sarandos, Netflix's co-CEO, said: “…”" (a role between commas).
_SPEAKER_BEFORE_ROLE = re.compile(
    rf"(?P<name>{_NAME}),\s+[^,\"“”\n]{{1,80}},\s+(?:{_VERBS})\s*[,:]?\s*$"
)
# "…,” said Ted Sarandos, Netflix's co-CEO" is handled by _SPEAKER_AFTER.
# A speaker named only by a pronoun or a role: "he said", "said the senator".
_ROLE_NOUNS = (
    r"senator|congressman|congresswoman|lawmaker|president|governor|mayor|speaker|"
    r"secretary|spokesman|spokeswoman|spokesperson|official|candidate|chairman|"
    r"chairwoman|leader|minister|judge|adviser|advisor|aide|executive|director|former\s+\w+"
)
_STAND_IN = rf"(?:he|she|they|the\s+(?:{_ROLE_NOUNS}))"
_PRONOUN = re.compile(
    rf"^\s*,?\s*(?:{_STAND_IN}\s+(?:{_VERBS})|(?:{_VERBS})\s+{_STAND_IN})\b", re.I
)
_PRONOUN_BEFORE = re.compile(rf"\b{_STAND_IN}\s+(?:{_VERBS})\s*[,:]?\s*$", re.I)
_THEY_AFTER = re.compile(rf"^\s*,?\s*(?:they\s+(?:{_VERBS})|(?:{_VERBS})\s+they)\b", re.I)
_THEY_BEFORE = re.compile(rf"\bthey\s+(?:{_VERBS})\s*[,:]?\s*$", re.I)
# A person named in the text: after a title ("Sen. Jon Kyl", "President
# Obama"), or next to a verb of saying ("Summers added", "said Dick Durbin").
_TITLE = (
    r"(?:Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Gen|Lt|President|Senator|Representative|Governor|"
    r"Speaker|Secretary|Judge|Justice|Mayor|Leader|Chairman|Chairwoman|Congressman|Congresswoman|"
    r"Councilman|Councilwoman|Commissioner|Ambassador)\.?"
)
_PERSON = r"[A-ZÀ-Þ][\w’'-]+(?:\s+(?:[A-Z]\.\s+)?[A-ZÀ-Þ][\w’'-]+){0,2}"
_NAMED = re.compile(
    rf"\b{_TITLE}\s+(?P<a>{_PERSON})"
    rf"|(?P<b>{_PERSON})(?:,[^,.“”\"\n]{{1,80}},)?\s+(?:{_VERBS}|warned|asked)\b"
    # "said Ruiz" names the speaker; "told Ruiz" the one spoken to.
    rf"|\b(?:(?!told\b|tells\b)(?:{_VERBS}))\s+(?:{_TITLE}\s+)?(?P<c>{_PERSON})"
    # A first name and a surname doing something ("Ana Ruiz spoke"), not after
    # a preposition ("in New York").
    rf"|(?<!\bin\s)(?<!\bat\s)(?<!\bof\s)(?<!\bto\s)(?<!\bfrom\s)(?<!\bfor\s)(?<!\bby\s)"
    rf"(?<!\bon\s)\b(?P<d>[A-ZÀ-Þ][a-zà-ÿ’'-]+(?:\s+[A-Z]\.)?\s+[A-ZÀ-Þ][\w’'-]+)\s+[a-z]"
    # A name opening a sentence, given a role between commas ("Ruiz, a
    # Democrat, is seen").
    rf"|(?:^|(?<=[.!?]\s)|(?<=\n))(?P<e>[A-ZÀ-Þ][\w’'-]+),\s+(?:a|an|the)\s+[^,.“”\"\n]{{1,60}},"
)
# Capitalised words that are no person ("He said", "Democrats said").
_NOT_PERSON = {
    "He", "She", "They", "We", "I", "It", "The", "This", "That", "But", "And", "In",
    "Democrats", "Republicans", "Officials", "House", "Senate", "Congress", "White",
    "Department", "Committee", "Administration", "Court", "Police", "Times", "News",
    "New", "United", "States", "Party", "Post", "Street", "Supreme", "Capitol", "Hill",
    "Mr", "Mrs", "Ms", "Dr", "Sen", "Rep", "Gov", "When", "Democratic", "Republican",
    "Security", "Americans", "Address", "Bridge",
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December",
}  # fmt: skip
_ROLE_WORDS = {
    "netflix",
    "ceo",
    "co-ceo",
    "chief",
    "executive",
    "director",
    "president",
    "the",
    "co",
}
_WORD = re.compile(r"[\w’'-]+")


@dataclass
class Quote:
    text: str
    speaker: str | None
    start: int
    end: int
    words: list[str] = field(default_factory=list)

    @property
    def speaker_key(self) -> str | None:
        """The surname, folded: "Co-CEO Ted Sarandos" -> "sarandos"."""
        if not self.speaker:
            return None
        words = [w for w in fold(self.speaker).split() if w not in _ROLE_WORDS]
        return words[-1] if words else None


def clean_name(name: str) -> str:
    """A speaker's name without the roles and titles before it."""
    words = [
        w
        for w in name.split()
        if w.lower().strip("’'s") not in _ROLE_WORDS and not re.fullmatch(_TITLES, w)
    ]
    return " ".join(words) if words else name


def is_person(name: str) -> bool:
    """Not a pronoun, an institution or a place ("He", "Senate Democrats",
    "White House"); a role before the name is fine ("Senate President Mike
    Thibodeau")."""
    words = name.split()
    return bool(words) and words[0] not in _PRONOUNS and words[-1] not in _NOT_PERSON


_PRONOUNS = {"He", "She", "They", "We", "I", "It", "You"}


@lru_cache(maxsize=512)
def named(text: str) -> tuple[tuple[int, str], ...]:
    """The people ``text`` names (see _NAMED), in order, with where each is
    named, possessives off."""
    out = []
    for m in _NAMED.finditer(text):
        name = m.group("a") or m.group("b") or m.group("c") or m.group("d") or m.group("e") or ""
        if is_person(name):
            out.append((m.start(), re.sub(r"(?:’s|'s|’|')$", "", clean_name(name))))
    return tuple(out)


@lru_cache(maxsize=512)
def _known_people(text: str) -> dict[str, str]:
    """The people ``text`` names (see _NAMED), by surname."""
    known: dict[str, str] = {}
    for m in _FULL_NAME.finditer(text):
        name = m.group("n") or m.group("t")
        if is_person(name) and name.split()[0] not in _NOT_PERSON:
            person = re.sub(r"(?:’s|'s|’|')$", "", clean_name(name))
            known.setdefault(person.split()[-1], person)
    return known


#: A first name and a surname, or a title and a name ("Ada Ruiz", "Sen.
#: Ruiz"): a quick look for the people an article names.
_FULL_NAME = re.compile(
    rf"\b(?:{_TITLE}\s+)?(?P<n>[A-ZÀ-Þ][a-zà-ÿ’'-]+(?:\s+[A-Z]\.)?\s+(?:Mc|Mac|O['’])?[A-ZÀ-Þ][\w’'-]+)"
    rf"|\b{_TITLE}\s+(?P<t>[A-ZÀ-Þ][\w’'-]+)"
)


def last_named(text: str, whole: str = "") -> str | None:
    """The person named last in ``text`` (see _NAMED), or None. With the
    article (``whole``), a surname it names a person by elsewhere counts
    too where it opens a sentence or a clause ("Ruiz, who won, spoke")."""
    found, at = None, -1
    known = _known_people(whole) if whole else {}
    for m in _NAMED.finditer(text):
        name = m.group("a") or m.group("b") or m.group("c") or m.group("d") or m.group("e") or ""
        if is_person(name):
            found, at = clean_name(name), m.start()
    if known:
        for m in _OPENING_NAME.finditer(text):
            if m.start() > at and m.group("s") in known:
                found, at = known[m.group("s")], m.start()
    return found


#: A capitalised word that opens a sentence or a clause and goes on with a
#: verb or a comma ("Ruiz, who won", "Ruiz spoke"): a surname as a subject.
_OPENING_NAME = re.compile(
    r"(?:^|(?<=[.!?]\s)|(?<=\n)|(?<=[Bb]ut\s)|(?<=[Aa]nd\s))(?:[A-Z][\w’'-]+\s+)?"
    r"(?P<s>[A-Z][\w’'-]+)(?![\w’'])(?=,|\s+[a-z])"
)


def window(text: str, at: int) -> str:
    """The text before ``at`` in its paragraph and the paragraph before."""
    here = text.rfind("\n\n", 0, at)
    before = text.rfind("\n\n", 0, here) if here > 0 else -1
    return text[before + 1 if before >= 0 else 0 : at]


#: What may stand between two parts of one quotation: its attribution
#: ("…,” she said. “…”), within one paragraph.
_BETWEEN_PARTS = re.compile(r"[^“”\"\n]{1,120}")


def quotation_spans(text: str) -> list[tuple[int, int]]:
    """Where ``text`` quotes someone: the spans of its quotations of a dozen
    characters or more, marks included (a quotation may run over several
    sentences of one paragraph, and be broken by its attribution: "…,” she
    said. “…”" is one span)."""
    spans: list[tuple[int, int]] = []
    for m in _QUOTE.finditer(text):
        if spans and _BETWEEN_PARTS.fullmatch(text, spans[-1][1], m.start()):
            spans[-1] = (spans[-1][0], m.end())
        else:
            spans.append((m.start(), m.end()))
    return spans


def extract(text: str) -> list[Quote]:
    """Quotations of a dozen characters or more, with the speaker when the text
    names one next to the quote (or a pronoun points back to the last named)."""
    quotes: list[Quote] = []
    last_speaker: str | None = None
    last_paragraph = -2
    for m in _QUOTE.finditer(text):
        inner = (m.group(1) or m.group(2) or "").strip()
        after = text[m.end() : m.end() + 120]
        before_start = text.rfind("\n", 0, m.start()) + 1
        before = text[max(before_start, m.start() - 120) : m.start()]
        speaker = None
        for pattern in (_SPEAKER_AFTER, _SPEAKER_AFTER_NAME_FIRST, _SPEAKER_AFTER_ROLE_FIRST):
            sm = pattern.match(after)
            if sm and is_person(sm.group("name")):
                speaker = clean_name(sm.group("name"))
                break
        if speaker is None:
            sm = _SPEAKER_BEFORE.search(before) or _SPEAKER_BEFORE_ROLE.search(before)
            if sm and is_person(sm.group("name")):
                speaker = clean_name(sm.group("name"))
        stand_in = speaker is None and bool(_PRONOUN.match(after) or _PRONOUN_BEFORE.search(before))
        if len(inner.split()) < 4 and speaker is None and not stand_in:
            continue  # a scare-quoted phrase or a title, not a quotation
        many = stand_in and bool(_THEY_AFTER.match(after) or _THEY_BEFORE.search(before))
        if many:
            pass  # "they wrote": a group's words, no one person's (see attribution)
        elif speaker is None and stand_in:
            # "he said": the person named last before it, in this paragraph
            # or the one before.
            speaker = last_named(window(text, m.start()), text) or last_speaker
        elif speaker is None and re.search(r"(said|added|stated)\s*,?\s*$", before):
            speaker = last_speaker
        paragraph = text.rfind("\n\n", 0, m.start())
        if speaker is None and not many and last_speaker and paragraph == last_paragraph:
            # A quotation continuing, in the same paragraph, the last speaker's words.
            speaker = last_speaker
        if speaker:
            last_speaker = speaker
            last_paragraph = paragraph
        quotes.append(
            Quote(inner, speaker, m.start(), m.end(), [w.lower() for w in _WORD.findall(inner)])
        )
    return quotes


def similarity(a: Quote, b: Quote) -> float:
    return SequenceMatcher(None, a.words, b.words).ratio()


def shared_content(a: Quote, b: Quote) -> float:
    """Share of the shorter quote's content words found in the other."""
    from whoosh.analysis import STOP_WORDS

    wa = {w for w in a.words if w not in STOP_WORDS and len(w) > 2}
    wb = {w for w in b.words if w not in STOP_WORDS and len(w) > 2}
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / min(len(wa), len(wb))


def word_diff(a: str, b: str) -> list[tuple[str, str]]:
    """A word-level diff: [(op, text)] with op "=", "-" (only in a), "+" (only in b)."""
    wa, wb = a.split(), b.split()
    out: list[tuple[str, str]] = []
    matcher = SequenceMatcher(
        None, [w.lower().strip(",.;:!?") for w in wa], [w.lower().strip(",.;:!?") for w in wb]
    )
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.append(("=", " ".join(wa[i1:i2])))
        else:
            if i2 > i1:
                out.append(("-", " ".join(wa[i1:i2])))
            if j2 > j1:
                out.append(("+", " ".join(wb[j1:j2])))
    return out


def render_diff(diff: list[tuple[str, str]]) -> str:
    """The diff as text: [-deleted-] {+inserted+}."""
    parts = []
    for op, text in diff:
        parts.append(text if op == "=" else f"[-{text}-]" if op == "-" else f"{{+{text}+}}")
    return " ".join(parts)
