"""facts(): the facts that two or more sources of a story report, found
without being asked.

Passages from different articles that say the same thing are grouped: two
passages are linked when the rare words they share (weighted by rarity in the
story) make up enough of each, or when they give the same figure or the same
name around shared words. Groups are built best link first, and a group keeps
at most two passages per source, so one long article cannot chain unrelated
sentences together; a source's passages in a group are one sentence, or two
that follow each other in one paragraph. Each group with two or more sources
is a fact: a label (one whole sentence of its passages, see factlabel), which
sources report it (their passage), which are silent, what differs between
them and which sources differ (see factdiff). Cost grows with the story (pairs of passages sharing a
rare word), never with the library.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from hollywood_ai.index.comparing import fact_differences as factdiff
from hollywood_ai.index.comparing import fact_labels as factlabel
from hollywood_ai.index.comparing.differences import find_discrepancies
from hollywood_ai.index.comparing.discrepancy import Discrepancy
from hollywood_ai.index.comparing.evidence import Analysed, StoryPassages, story_passages
from hollywood_ai.index.comparing.fact_groups import closest, fits, one_sentence_each
from hollywood_ai.index.model import Passage
from hollywood_ai.index.stories import grouping as storymod
from hollywood_ai.index.workspace import Workspace

LINK_THRESHOLD = 0.28
SAME_WORDS = 0.6  # a link this close is the same sentence, whatever its words
FIGURE_BONUS = 0.1
MIN_TERMS = 3


@dataclass
class Fact:
    label: str
    sources: dict[str, str]  # article id -> its passage
    silent: list[str]
    discrepancies: list[Discrepancy] = field(default_factory=list)
    positions: dict[str, tuple[int, int]] = field(
        default_factory=dict
    )  # article id -> (start, end)
    weight: float = 0.0
    # Each reporting source's passages (in article order), and the rare words
    # the group shares: what a comparison of this fact shows and highlights.
    passages: dict[str, list[Passage]] = field(default_factory=dict)
    terms: list[str] = field(default_factory=list)
    story: str | None = None  # the story's id and label
    story_label: str | None = None
    # The sources whose figure, name or quote differs from the others' in
    # the discrepancies (in the story's order): what a presenter marks.
    differing: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "label": self.label,
            "sources": dict(self.sources),
            "silent": list(self.silent),
            "discrepancies": [d.to_dict() for d in self.discrepancies],
            "differing": list(self.differing),
        }
        if self.story is not None:
            data["story"] = self.story
            data["story_label"] = self.story_label
        return data


def facts(ws: Workspace, story: str | None = None, every_story: bool = False) -> list[Fact]:
    """The facts of one story: ``story``, else the largest. With
    ``every_story``, those of every story of two or more articles, story by
    story (largest first). Each fact names its story (``story``,
    ``story_label``)."""
    articles, all_stories = storymod.of_library(ws)
    if story:
        stories = [storymod.find_or_fail(all_stories, story)]
    elif every_story:
        stories = [s for s in all_stories if len(s.articles) >= 2] or all_stories[:1]
    else:
        stories = all_stories[:1]
    out: list[Fact] = []
    for chosen in stories:
        found = facts_in(story_passages(storymod.members(ws, articles, chosen), ws))
        for f in found:
            f.story, f.story_label = chosen.id, chosen.label
        out.extend(found)
    return out


def _evidence(sp: StoryPassages) -> dict[int, dict[str, float]]:
    """Per passage (by position in the story): its words longer than a letter,
    weighted by their rarity in the story, attribution words damped."""
    noise = _attribution_words(sp)
    out: dict[int, dict[str, float]] = {}
    for i, a in enumerate(sp.passages):
        if not is_statement(a.passage.text):
            out[i] = {}  # a question or a heading states no fact
            continue
        out[i] = {
            t: sp.idf(t) * (NOISE_WEIGHT if t in noise else 1.0) for t in a.terms if len(t) > 1
        }
    return out


NOISE_WEIGHT = 0.25
_ROLE_WORDS = (
    "said says stated told added according ceo co-ceo chief executive co president "
    "director spokesperson analyst analysts"
)


def _attribution_words(sp: StoryPassages) -> set[str]:
    """Words that say who said something rather than what happened: roles,
    verbs of saying, and the names of the people quoted in the story. Two
    passages quoting one person need more in common than the person."""
    from hollywood_ai.index.comparing.quotes import extract
    from hollywood_ai.index.text.words import stems

    words = set(stems(_ROLE_WORDS))
    for article in sp.articles:
        for q in extract(article.body):
            if q.speaker:
                words.update(stems(q.speaker))
    return words


_QUESTION_LINE = re.compile(r"^\W*(?:Q\d*|FAQ)\s*[:.)]|\?\W*$", re.I)


def is_statement(text: str) -> bool:
    """A passage that states something: not a question ("Q1: How is…?"),
    not a bare heading or label (a few words, no sentence), not a scrap of
    a few words ("Mr. Strzok responds: “No.")."""
    t = text.strip()
    if _QUESTION_LINE.search(t):
        return False
    words = t.split()
    return len(words) >= 6 or (len(words) >= 5 and t.endswith((".", "!", "”", '"')))


def facts_in(sp: StoryPassages) -> list[Fact]:
    """The facts of a story's passages: candidate pairs, links, groups grown
    from the links, and each group of two or more sources as a fact."""
    items = sp.passages
    if len(sp.articles) < 2:
        return []
    evidence = _evidence(sp)
    owner = [a.passage.article_id for a in items]
    links = _links(items, evidence, owner)
    groups, weights = _grow_groups(links, sp, evidence, owner)
    found = [
        fact
        for gid, members in groups.items()
        if (fact := _fact(sp, members, weights[gid], evidence, owner)) is not None
    ]
    found.sort(key=lambda f: (-len(f.sources), -f.weight, f.label))
    return found


def _candidate_pairs(
    evidence: dict[int, dict[str, float]], owner: list[str]
) -> tuple[dict[tuple[int, int], float], dict[tuple[int, int], int]]:
    """Pairs of passages of different articles sharing a rare word: the
    weight of the words they share, and how many."""
    postings: dict[str, list[int]] = defaultdict(list)
    for i, words in evidence.items():
        for t in words:
            postings[t].append(i)
    shared: dict[tuple[int, int], float] = defaultdict(float)
    n_shared: dict[tuple[int, int], int] = defaultdict(int)
    for t, ids in postings.items():
        if len(ids) > 60:
            continue
        for x_i, x in enumerate(ids):
            wt = evidence[x][t]
            for y in ids[x_i + 1 :]:
                if owner[x] != owner[y]:
                    shared[(x, y)] += wt
                    n_shared[(x, y)] += 1
    return shared, n_shared


def _links(
    items: list[Analysed], evidence: dict[int, dict[str, float]], owner: list[str]
) -> list[tuple[float, int, int]]:
    """The pairs close enough to say the same thing, with their scores, best first."""
    from hollywood_ai.index.text.figures import extract

    shared, n_shared = _candidate_pairs(evidence, owner)
    totals = {i: (sum(words.values()) or 1.0) for i, words in evidence.items()}
    sizes = {i: len(words) for i, words in evidence.items()}
    units = [
        {q.unit for q in extract(a.passage.text) if q.unit not in ("number", "year")}
        if a.has_quantity
        else set()
        for a in items
    ]
    plain_words: dict[int, set[str]] = {}
    links = []
    for (x, y), weight in shared.items():
        if n_shared[(x, y)] < 2:
            continue
        # Cosine of the two passages' rare-word sets, weighted by rarity.
        score = (
            weight / (totals[x] * totals[y]) ** 0.5 if min(sizes[x], sizes[y]) >= MIN_TERMS else 0.0
        )
        if units[x] & units[y]:
            score += FIGURE_BONUS  # both give a figure of the same kind: likely the same fact
        # Nearly the same words ("Tell me who you are") need no more; else
        # the pair must share more than names and pronouns.
        if score >= SAME_WORDS or (
            score >= LINK_THRESHOLD and _share_a_statement(x, y, evidence, items, plain_words)
        ):
            links.append((score, x, y))
    links.sort(reverse=True)
    return links


def _grow_groups(
    links: list[tuple[float, int, int]],
    sp: StoryPassages,
    evidence: dict[int, dict[str, float]],
    owner: list[str],
) -> tuple[dict[int, list[int]], dict[int, float]]:
    """Groups of passages grown best link first, each with the weight of its
    links: one passage per source, or two that follow each other in one
    paragraph."""
    items = sp.passages
    bodies = {a.id: a.body for a in sp.articles}
    group_of: dict[int, int] = {}
    groups: dict[int, list[int]] = {}
    weights: dict[int, float] = defaultdict(float)
    next_id = 0
    for score, x, y in links:
        gx, gy = group_of.get(x), group_of.get(y)
        if gx is None and gy is None:
            groups[next_id] = [x, y]
            group_of[x] = group_of[y] = next_id
            weights[next_id] += score
            next_id += 1
        elif gx is not None and gy is not None:
            if gx == gy:
                weights[gx] += score
                continue
            merged = groups[gx] + groups[gy]
            if not fits(merged, owner, items, bodies):
                # One source says it in both groups, sentences apart: one
                # fact all the same, with that source's closer sentence.
                merged = one_sentence_each(merged, owner, evidence, items, bodies)
                for m in set(groups[gx]) | set(groups[gy]):
                    if m not in merged:
                        del group_of[m]
            if fits(merged, owner, items, bodies):
                for m in groups[gy]:
                    if m in group_of:
                        group_of[m] = gx
                groups[gx] = merged
                weights[gx] += weights.pop(gy, 0.0) + score
                del groups[gy]
        else:
            g = gx if gx is not None else gy
            new = y if gx is not None else x
            assert g is not None
            if fits([*groups[g], new], owner, items, bodies):
                groups[g].append(new)
                group_of[new] = g
                weights[g] += score
    return groups, weights


def _fact(
    sp: StoryPassages,
    members: list[int],
    weight: float,
    evidence: dict[int, dict[str, float]],
    owner: list[str],
) -> Fact | None:
    """The fact a group of passages states, or None when fewer than two
    sources remain in it."""
    items = sp.passages
    order = [a.id for a in sp.articles]
    close = closest(members, owner, evidence)
    members = list(close)
    per_source: dict[str, list[Analysed]] = defaultdict(list)
    for m in sorted(members, key=lambda m: items[m].passage.position):
        per_source[owner[m]].append(items[m])
    if len(per_source) < 2:
        return None
    sources = {
        aid: " ".join(a.passage.text for a in per_source[aid]) for aid in order if aid in per_source
    }
    positions = {
        aid: (per_source[aid][0].passage.start, per_source[aid][-1].passage.end) for aid in sources
    }
    shared_terms: dict[str, float] = defaultdict(float)
    for m in members:
        for t, w in evidence[m].items():
            shared_terms[t] += w
    shared_list = [
        t
        for t, _ in sorted(shared_terms.items(), key=lambda kv: -kv[1])
        if sum(1 for m in members if t in evidence[m]) >= 2
    ]
    articles = {a.id: a for a in sp.articles}
    differences = factdiff.real(find_discrepancies({k: [v] for k, v in sources.items()}, articles))
    return Fact(
        label=factlabel.choose([(close[m], items[m].passage.text) for m in members]),
        sources=sources,
        silent=[aid for aid in order if aid not in per_source],
        discrepancies=differences,
        differing=factdiff.differing(differences, sources),
        positions=positions,
        weight=weight,
        passages={aid: [a.passage for a in per_source[aid]] for aid in sources},
        terms=shared_list[:12],
    )


MIN_PLAIN_SHARED = 1
_PLAIN_WORD = re.compile(r"(?<![\w’'])[a-z\d][\w’'-]*")
_WORD = re.compile(r"[^\W\d_][\w’'-]*")
_weak: set[str] = set()


def _weak_words() -> set[str]:
    """Words that carry no statement: pronouns, asking and saying words, roles."""
    from hollywood_ai.index.text.vocabulary import QUESTION_WORDS
    from hollywood_ai.index.text.words import stems

    if not _weak:
        # "stated" is left out: its stem is the noun "state".
        roles = _ROLE_WORDS.replace("stated ", "")
        _weak.update(stems(" ".join(sorted(QUESTION_WORDS)) + " " + roles))
        _weak.update(QUESTION_WORDS)
    return _weak


def _plain_words(text: str) -> set[str]:
    """The stems of the words written in lower case (or figures): what is
    said rather than who. A headline in title case is all plain words."""
    from hollywood_ai.index.text.words import stems

    words = _WORD.findall(text)
    if words and sum(w[0].isupper() for w in words) >= 0.7 * len(words) and len(words) <= 16:
        return set(stems(text))
    return set(stems(" ".join(_PLAIN_WORD.findall(text)))) - _weak_words()


def _share_a_statement(
    x: int,
    y: int,
    evidence: dict[int, dict[str, float]],
    items: list[Analysed],
    cache: dict[int, set[str]],
) -> bool:
    """Two passages say the same thing only if they share more than names
    and pronouns: a word written in lower case in both (a verb, a noun) or a
    figure. "He assailed Missouri Highway Patrol Capt. Ron Johnson" and
    "Ron Johnson of the Missouri State Highway Patrol said" share a name, no
    statement."""
    for i in (x, y):
        if i not in cache:
            cache[i] = _plain_words(items[i].passage.text)
    shared = evidence[x].keys() & evidence[y].keys()
    return len(shared & cache[x] & cache[y] - _weak_words()) >= MIN_PLAIN_SHARED
