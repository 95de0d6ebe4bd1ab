"""Who says what in an article: its quotations, and its reported speech.

News prose gives a speaker's words in quotation marks ("“…,” Ruiz said"),
but as often in its own words: "Ruiz said the plan had failed", "the senator
declined to say whether she would run", "Ruiz went on to call the plan “a
disaster”". The speaker may be named, given by a role or a pronoun that
points back to the person named last ("the congressman", "she"), be a group
("the senators said", "they wrote") or a document ("the statement said").

``said_spans`` lists where an article gives someone's words, with a *key*
for the speaker: a person's surname, a group's or a document's noun, folded
and singular ("Sen. Ada Blake" -> "blake", "the statements" -> "statement").
``speaker_keys`` gives the keys a question's speaker goes by, so that the
two meet.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from hollywood_ai.index.comparing import quotes
from hollywood_ai.index.text.normalise import fold

#: The share of a quotation's weight that words of a speaker earn, by how
#: they are given: quoted, quoted in part within the writer's sentence
#: ("called it “a disaster”"), or only reported ("said the plan failed").
QUOTED, IN_PART, REPORTED = 1.0, 0.5, 0.25


#: Verbs that give someone's words in the writer's own ("said the plan
#: failed", "called it a disaster", "declined to say whether"), as one
#: alternation (answering.py asks who said something with it too).
SAYING = (
    r"said|says|say|told|tells|wrote|writes|added|adds|argued|argues|insisted|insists|claimed|"
    r"claims|contended|maintained|asserted|stated|states|noted|notes|warned|warns|"
    r"acknowledged|acknowledges|admitted|admits|conceded|denied|denies|suggested|suggests|"
    r"vowed|vows|urged|urges|tweeted|tweets|posted|explained|declared|announced|predicted|replied|"
    r"responded|called|calls|described|describes|dubbed|accused|blamed|criticized|"
    r"criticised|defended|apologized|apologised|complained|recalled|testified|reiterated|"
    r"(?:declined|refused|wanted|went\s+on|went\s+so\s+far\s+as)\s+to\s+(?:say|call|describe|"
    r"comment|discuss|answer)"
)
#: Nouns for a person's office that stand for a person ("the senator"): the
#: one the article gives that office, or names most (see _prominent).
_ROLE = (
    r"senator|congressman|congresswoman|lawmaker|representative|president|governor|mayor|"
    r"speaker|secretary|spokesman|spokeswoman|spokesperson|official|candidate|nominee|"
    r"chairman|chairwoman|leader|minister|judge|adviser|advisor|aide|executive|director|"
    r"attorney|lawyer|prosecutor|comedian|actor|actress|host|star|singer|chief|founder|"
    r"commissioner|justice|ambassador|general|king|queen|prince|princess|pope|whip"
)
#: Plural nouns for people who speak together, and documents that say things.
_GROUP = (
    r"senators|lawmakers|representatives|officials|leaders|members|aides|advisers|"
    r"advisors|lawyers|attorneys|prosecutors|critics|supporters|protesters|democrats|"
    r"republicans|spokesmen|executives|investigators|authorities|police|experts|"
    r"organizers|residents|voters|activists|analysts"
)
_DOCUMENT = (
    r"statements?|letters?|reports?|memos?|memorandums?|complaints?|lawsuits?|suits?|"
    r"filings?|indictments?|rulings?|orders?|releases?|tweets?|posts?|emails?|messages?|"
    r"op-eds?|editorials?|petitions?|resolutions?|bills?|documents?|notes?|transcripts?|"
    r"opinions?|decisions?|announcements?"
)
_TITLE = r"(?:Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Lt|Gen|Col|Capt|Sgt|Adm|Rev|Atty)\."
_CAP = r"[A-ZÀ-Þ][\w’'.-]*[\w]"
# Words that may stand between the speaker and the verb ("Ruiz herself
# said", "the senator repeatedly declined to say"), none of which opens a
# clause of its own ("Ruiz met aides who said").
_FILLER = (
    r"(?:(?!(?:who|whom|whose|which|that|and|or|but|after|before|when|while|because|if|"
    r"as|than|where|to)\b)[a-z]+\s+){0,4}?"
)
_APPOSITIVE = r"(?:\s*\([^)]{1,12}\))?(?:,\s+[^,.;:“”\"\n]{1,160},)?"
_SUBJECT = (
    rf"(?P<the>[Tt]he\s+(?:[\w-]+\s+){{0,3}}?(?P<noun>{_ROLE}|{_GROUP}|{_DOCUMENT}))\b"
    rf"|(?P<pron>he|she|they|He|She|They)\b"
    rf"|(?P<name>(?:{_TITLE}\s+)*{_CAP}(?:\s+(?:[A-Z]\.\s+)?{_CAP}){{0,3}})(?![’']s\b)"
)
_REPORTED = re.compile(
    rf"(?:^|(?<=[.!?:;,\n—–―])\s*|(?<=[”\"])\s+|\b(?:[Bb]ut|[Aa]nd|[Yy]et|[Ss]o|[Tt]hen|"
    rf"[Aa]lso|[Ll]ater|[Ss]till|[Ee]arlier|[Ii]nstead)\s+)(?:{_SUBJECT}){_APPOSITIVE}\s+"
    rf"{_FILLER}(?P<verb>{SAYING})\b"
)
#: "…,” said the statement", "…,” said Ruiz": the verb before its subject.
_INVERTED = re.compile(
    rf"[,”\"]\s+(?:said|says|wrote|added|stated|read|reads)\s+(?:{_SUBJECT})",
)
_WORDS_OF_NO_ONE = frozenset(
    "the a an this that these those it in on at as but and or if when while after before "
    "there here what which who his her their its our we i you he she they them him".split()
)
# Capitalised words that are no speaker of their own ("In 2019, ..."), and
# the numbers and quantifiers that open a group ("Three officials said").
_NOT_SPEAKER = frozenset(
    "the a an in on at as but and or if when while after before there here what which who "
    "this that these those it we i you asked earlier later meanwhile still "
    "some several many most few both all each every other others another no none "
    "one two three four five six seven eight nine ten eleven twelve dozens hundreds "
    "thousands".split()
)
_GROUP_ALIASES = {"gop": "republican", "dems": "democrat", "democratic": "democrat"}


@dataclass(frozen=True)
class Said:
    """Someone's words in an article: where, and who says them."""

    start: int
    end: int
    key: str  # the speaker's key (see speaker_keys)
    speaker: str  # as written, or as resolved ("the senator" -> "Ada Blake")
    weight: float = QUOTED  # or IN_PART, REPORTED


def key_of(word: str) -> str:
    """A speaker's word folded and singular: "Republicans'" -> "republican"."""
    w = re.sub(r"(?:’s|'s|’|')$", "", fold(word).strip(".,"))
    w = _GROUP_ALIASES.get(w, w)
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    return w


def speaker_keys(speaker: str) -> set[str]:
    """The keys a question's speaker goes by: a person's surname ("Treasury
    Secretary Jacob Lew" -> {"lew"}); for a group or a document, its noun
    and its owner's ("the Senate Republicans' letter" -> {"letter",
    "republican"}); for a role, the role alone ("Blake's lawyer" ->
    {"lawyer"}: Blake's own words are not her lawyer's)."""
    words = [w for w in re.findall(r"[\w’'.-]+", speaker) if w.lower() not in _WORDS_OF_NO_ONE]
    if not words:
        return set()
    keys = {key_of(words[-1])}
    if re.fullmatch(_ROLE, words[-1].lower()):
        return keys  # "Blake's lawyer" is not Blake
    for w in words[:-1]:
        if w.endswith(("'", "’", "’s", "'s")):
            keys.add(key_of(w))  # the owner of a letter or a statement
    return {k for k in keys if k}


def _sentence_end(text: str, at: int) -> int:
    """Where the sentence holding ``at`` ends (a stop not after a title or
    an initial), or its paragraph."""
    stop = text.find("\n", at)
    stop = len(text) if stop < 0 else stop
    for m in _END.finditer(text[at:stop]):
        if _NO_STOP.search(text[max(0, at + m.start() - 4) : at + m.start()]):
            continue
        return at + m.end()
    return stop


_END = re.compile(r"[.!?][”\"’]?(?=\s|$)")
#: What comes before a stop that ends no sentence ("Sen.", "D.C.").
_NO_STOP = re.compile(r"(?:\b[A-Z]|\bMrs?|\bMs|\bDr|\bSen|\bRep|\bGov|\bSt|\bJr|\bSr)$")


_PARTY = r"GOP|Democrats?|Democratic|Republicans?|Dems"


def _group_before(window: str, before: str) -> str | None:
    """The group a "they" stands for, as a key: a party named in ``window``
    ("all 42 members of the GOP caucus" -> "republican"), a group opening a
    sentence there ("The senators met..."), else a party named ``before``."""
    party = group = None
    for m in re.finditer(rf"\b(?:{_PARTY})\b", window):
        party = m.group(0)
    for m in re.finditer(rf"\bThe\s+(?:[\w-]+\s+){{0,2}}?(?P<g>{_GROUP})\b", window):
        group = m.group("g")
    if party is None and group is None:
        for m in re.finditer(rf"\b(?:{_PARTY})\b", before):
            party = m.group(0)
    found = party or group
    return key_of(found) if found else None


def _role_holder(noun: str, text: str, at: int) -> str | None:
    """The person the article gives the role ``noun``, before ``at``
    ("nominee Ada Blake", "Blake, the party's nominee"): the last one."""
    found = None
    for m in re.finditer(
        rf"\b{noun}\s+(?:[A-Z][\w’'.-]+\s+){{0,2}}(?P<a>[A-Z][\w’'-]+)(?![\w’'-]|\s+[A-Z])"
        rf"|(?P<b>[A-Z][\w’'-]+),\s+(?:the|a|an)\s+(?:[\w’'-]+\s+){{0,3}}?{noun}\b",
        text[:at],
        re.I,
    ):
        name = m.group("a") or m.group("b")
        if name[0].isupper() and quotes.is_person(name):
            found = name
    return found


#: Offices a title gives: a person titled with one holds no other
#: ("President Obama" is not "the senator", nor "the nominee").
_OFFICES = {
    "president": "president",
    "senator": "senator",
    "sen": "senator",
    "representative": "representative",
    "rep": "representative",
    "congressman": "representative",
    "congresswoman": "representative",
    "lawmaker": "representative",
    "governor": "governor",
    "gov": "governor",
    "mayor": "mayor",
    "speaker": "speaker",
    "judge": "judge",
    "justice": "judge",
}
_RUNNING = frozenset({"nominee", "candidate"})


_TITLED = re.compile(
    r"\b(President|Senator|Sen|Representative|Rep|Congressman|Congresswoman|Governor|Gov|"
    r"Mayor|Speaker|Judge|Justice)\.?\s+(?:[A-Z][\w’'.-]+\s+){0,2}?(?P<s>[A-Z][\w’'-]+)\b"
)


@lru_cache(maxsize=256)
def _offices(text: str) -> dict[str, frozenset[str]]:
    """The offices ``text`` titles each surname with ("President Leo
    Brandt" -> {"brandt": {"president"}})."""
    out: dict[str, set[str]] = {}
    for m in _TITLED.finditer(text):
        out.setdefault(m.group("s"), set()).add(_OFFICES[m.group(1).lower()])
    return {k: frozenset(v) for k, v in out.items()}


@lru_cache(maxsize=256)
def _mentions(text: str) -> Counter[str]:
    """How often each capitalised word of ``text`` appears."""
    return Counter(re.findall(r"\b[A-ZÀ-Þ][\w’'-]*\b", text))


def _may_hold(noun: str, person: str, text: str) -> bool:
    """Whether ``person`` may be "the ``noun``": not when the article titles
    them with another office ("President Obama" for "the senator")."""
    office = _OFFICES.get(noun)
    for title in _offices(text).get(person.split()[-1], frozenset()):
        if (office and title != office) or (noun in _RUNNING and title == "president"):
            return False
    return True


def _prominent(noun: str, text: str, at: int) -> str | None:
    """The person a role stands for ("the nominee", "the congressman"): one
    the article gives that role, else of those named before ``at``, the one
    it names most often (the last named on a tie): a role is how a story
    refers back to its main figures, the person named last may be anyone."""
    holder = _role_holder(noun, text, at)
    people = [p for where, p in quotes.named(text) if where < at and _may_hold(noun, p, text)]
    if holder:
        return next((p for p in reversed(people) if p.split()[-1] == holder), holder)
    if not people:
        return None
    mentions = _mentions(text)
    counts = {p: mentions[p.split()[-1]] for p in people}
    best = max(counts.values())
    return next(p for p in reversed(people) if counts[p] == best)


def _resolve(text: str, m: re.Match[str]) -> tuple[str, str] | None:
    """(key, speaker) for a subject found by _SUBJECT at ``m``."""
    if m.group("name"):
        name = m.group("name")
        first = name.split()[0].lower()
        if first in _NOT_SPEAKER or re.search(r"[’']s?$", name):  # "Ruiz's aide said"
            return None
        if not quotes.is_person(name):
            # An institution or a group ("Senate Republicans", "the White House").
            return key_of(name.split()[-1]), name
        person = quotes.clean_name(name)
        return key_of(person.split()[-1]), person
    window = quotes.window(text, m.start())
    if m.group("pron"):
        if m.group("pron").lower() == "they":
            group = _group_before(window, text[: m.start()])
            return (group, group) if group else None
        person = quotes.last_named(window, text)
        return (key_of(person.split()[-1]), person) if person else None
    noun = m.group("noun").lower()
    if re.fullmatch(_ROLE, noun):
        person = _prominent(noun, text, m.start())
        return (key_of(person.split()[-1]), person) if person else None
    return key_of(noun), m.group("the")


#: What stands between a quotation and its speaker: "…,” she said",
#: "…,” said the statement".
_ATTRIBUTION_GAP = re.compile(r"[\s,]*(?:(?:said|says|wrote|added|stated|read|reads)\s+)?")


#: A quotation that lost its marks, before its attribution: a first-person
#: sentence ending in a comma ("I was wrong, she said"), or one that has
#: only its closing mark ("I was wrong" she said).
_UNMARKED = re.compile(
    r"(?:\b(?:I|I’m|I'm|we|We|my|My|our|Our|me|us)\b[^“”\"\n]*,|[^“”\"\n]{12,}[”\"],?)\s*$"
)


_AHEAD = re.compile(r"\s*[,:]?\s*")
_PART_QUOTED = re.compile(r"[“\"][^”\"\n]{3,}[”\"]")
_STOP = re.compile(r"[.!?][”\"’]?\s+")


def _sentence_start(text: str, at: int) -> int:
    """Where the sentence holding ``at`` begins: after the last stop before
    it (not one after a title or an initial), or its paragraph's start."""
    line = text.rfind("\n", 0, at) + 1
    begin = line
    for m in _STOP.finditer(text, line, at):
        if not _NO_STOP.search(text[max(line, m.start() - 4) : m.start()]):
            begin = m.end()
    return begin


def said_spans(text: str) -> tuple[Said, ...]:
    """Where ``text`` gives someone's words, and whose (see _said_spans);
    kept for the last articles read."""
    return _said_spans(text)


@lru_cache(maxsize=512)
def _said_spans(text: str) -> tuple[Said, ...]:
    """Where ``text`` gives someone's words, and whose: its quotations with
    their speakers, and its sentences of reported speech, from the speaker
    to the sentence's end."""
    out: list[Said] = []
    found = quotes.extract(text)
    unattributed = {q.end: q for q in found if not q.speaker}  # by where each ends
    after_verb = {q.start: q for q in found if not q.speaker}
    for quote in found:
        if quote.speaker:
            out.append(
                Said(quote.start, quote.end, key_of(quote.speaker.split()[-1]), quote.speaker)
            )
    for pattern in (_REPORTED, _INVERTED):
        for m in pattern.finditer(text):
            who = _resolve(text, m)
            if who is None:
                continue
            start = (
                m.start("the")
                if m.group("the")
                else m.start("pron")
                if m.group("pron")
                else m.start("name")
            )
            end = _sentence_end(text, m.end())
            # The attribution of a quotation no one else is given ("…,” they
            # wrote"; "the statement said: “…”"): the quotation is theirs.
            ahead = _AHEAD.match(text, m.end())
            before = next(
                (
                    unattributed[e]
                    for e in range(max(0, start - 12), start + 1)
                    if e in unattributed and _ATTRIBUTION_GAP.fullmatch(text, e, start)
                ),
                None,
            )
            after = after_verb.get(ahead.end() if ahead else m.end())
            opening = _sentence_start(text, start)
            if before is not None:
                out.append(Said(before.start, end, who[0], who[1]))
            elif after is not None:
                out.append(Said(start, after.end, who[0], who[1]))
            elif _UNMARKED.search(text, opening, start):
                out.append(Said(opening, end, who[0], who[1]))
            else:
                # A sentence that quotes part of what was said ("called it
                # “a disaster”") gives the speaker's own words.
                partial = bool(_PART_QUOTED.search(text, start, end))
                out.append(Said(start, end, who[0], who[1], IN_PART if partial else REPORTED))
    out.sort(key=lambda s: s.start)
    return tuple(out)


def weighted_spans(text: str, speaker: str) -> list[tuple[int, int, float]]:
    """Where ``text`` gives the words of ``speaker`` (a question's speaker,
    as written: "Ruiz", "the senators", "the committee's letter"), each
    with its weight (QUOTED, IN_PART, REPORTED)."""
    return [(s.start, s.end, s.weight) for s in _of(text, speaker)]


def _of(text: str, speaker: str) -> list[Said]:
    keys = speaker_keys(speaker)
    return [s for s in said_spans(text) if s.key in keys] if keys else []


def speakers(text: str) -> set[str]:
    """The keys of everyone ``text`` gives the words of (see said_spans)."""
    return {s.key for s in said_spans(text)}
