"""facts(): the facts that two or more sources of a story report, found
without being asked.

Passages from different articles that say the same thing are grouped: two
passages are linked when the rare words they share (weighted by rarity in the
story) make up enough of each, or when they give the same figure or the same
name around shared words. Groups are built best link first, and a group keeps
at most two passages per source, so one long article cannot chain unrelated
sentences together. Each group with two or more sources is a fact: a short
label, which sources report it (their passage), which are silent, and what
differs between them. Cost grows with the story (pairs of passages sharing a
rare word), never with the library.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from hollywood_ai.index import stories as storymod
from hollywood_ai.index.compare import Discrepancy, find_discrepancies
from hollywood_ai.index.errors import HollywoodError
from hollywood_ai.index.evidence import Analysed, StoryPassages, story_passages
from hollywood_ai.index.model import Passage
from hollywood_ai.index.workspace import Workspace

LINK_THRESHOLD = 0.28
MAX_PER_SOURCE = 2
FIGURE_BONUS = 0.1
COMMON_SHARE = 1.01  # words in more than this share of the story's articles are not evidence
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

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "label": self.label,
            "sources": dict(self.sources),
            "silent": list(self.silent),
            "discrepancies": [d.to_dict() for d in self.discrepancies],
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
    articles = ws.articles()
    if not articles:
        raise HollywoodError("the library is empty; add articles with 'hollywood-ai add' first")
    all_stories = storymod.group(articles)
    if story:
        chosen = storymod.find(all_stories, story)
        if chosen is None:
            raise HollywoodError(
                f"there is no story '{story}'; run 'hollywood-ai stories' to see them"
            )
        stories = [chosen]
    elif every_story:
        stories = [s for s in all_stories if len(s.articles) >= 2] or all_stories[:1]
    else:
        stories = all_stories[:1]
    by_id = {a.id: a for a in articles}
    out: list[Fact] = []
    for chosen in stories:
        found = facts_in(story_passages([by_id[i] for i in chosen.articles if i in by_id], ws))
        for f in found:
            f.story, f.story_label = chosen.id, chosen.label
        out.extend(found)
    return out


def _evidence(sp: StoryPassages) -> dict[int, dict[str, float]]:
    """Per passage: its story-rare words with their weights."""
    n_articles = len(sp.articles)
    article_df: dict[str, int] = defaultdict(int)
    for items in sp.by_article.values():
        for term in {t for a in items for t in a.terms}:
            article_df[term] += 1
    out = {}
    for i, a in enumerate(sp.passages):
        out[i] = {
            t: sp.idf(t)
            for t in a.terms
            if len(t) > 1 and (n_articles <= 2 or article_df[t] < max(2, COMMON_SHARE * n_articles))
        }
    return out


def facts_in(sp: StoryPassages) -> list[Fact]:
    items = sp.passages
    if len(sp.articles) < 2:
        return []
    evidence = _evidence(sp)
    owner = [a.passage.article_id for a in items]
    # Candidate pairs: passages of different articles sharing a rare word.
    postings: dict[str, list[int]] = defaultdict(list)
    for i, words in evidence.items():
        for t in words:
            postings[t].append(i)
    shared: dict[tuple[int, int], float] = defaultdict(float)
    for t, ids in postings.items():
        if len(ids) > 60:
            continue
        for x_i, x in enumerate(ids):
            for y in ids[x_i + 1 :]:
                if owner[x] != owner[y]:
                    shared[(x, y)] += evidence[x][t]
    from hollywood_ai.index.quantities import extract

    units = [
        {q.unit for q in extract(a.passage.text) if q.unit not in ("number", "year")}
        if a.has_quantity
        else set()
        for a in items
    ]
    links = []
    for (x, y), weight in shared.items():
        wx = sum(evidence[x].values()) or 1.0
        wy = sum(evidence[y].values()) or 1.0
        common = set(evidence[x]) & set(evidence[y])
        if len(common) < 2:
            continue
        # Cosine of the two passages' rare-word sets, weighted by rarity.
        score = (
            weight / (wx * wy) ** 0.5
            if min(len(evidence[x]), len(evidence[y])) >= MIN_TERMS
            else 0.0
        )
        if units[x] & units[y]:
            score += FIGURE_BONUS  # both give a figure of the same kind: likely the same fact
        if score >= LINK_THRESHOLD:
            links.append((score, x, y))
    links.sort(reverse=True)
    # Grow groups best link first, at most MAX_PER_SOURCE passages per source.
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
            if _fits(merged, owner):
                for m in groups[gy]:
                    group_of[m] = gx
                groups[gx] = merged
                weights[gx] += weights.pop(gy, 0.0) + score
                del groups[gy]
        else:
            g = gx if gx is not None else gy
            new = y if gx is not None else x
            assert g is not None
            if _fits([*groups[g], new], owner):
                groups[g].append(new)
                group_of[new] = g
                weights[g] += score
    found: list[Fact] = []
    articles = {a.id: a for a in sp.articles}
    order = [a.id for a in sp.articles]
    for gid, members in groups.items():
        per_source: dict[str, list[Analysed]] = defaultdict(list)
        for m in sorted(members, key=lambda m: items[m].passage.position):
            per_source[owner[m]].append(items[m])
        if len(per_source) < 2:
            continue
        sources = {
            aid: " ".join(a.passage.text for a in per_source[aid])
            for aid in order
            if aid in per_source
        }
        positions = {
            aid: (per_source[aid][0].passage.start, per_source[aid][-1].passage.end)
            for aid in sources
        }
        silent = [aid for aid in order if aid not in per_source]
        label = _label([items[m] for m in members], evidence, members)
        shared_terms: dict[str, float] = defaultdict(float)
        for m in members:
            for t, w in evidence[m].items():
                shared_terms[t] += w
        shared_list = [
            t
            for t, _ in sorted(shared_terms.items(), key=lambda kv: -kv[1])
            if sum(1 for m in members if t in evidence[m]) >= 2
        ]
        found.append(
            Fact(
                label=label,
                sources=sources,
                silent=silent,
                discrepancies=find_discrepancies({k: [v] for k, v in sources.items()}, articles),
                positions=positions,
                weight=weights[gid],
                passages={aid: [a.passage for a in per_source[aid]] for aid in sources},
                terms=shared_list[:12],
            )
        )
    found.sort(key=lambda f: (-len(f.sources), -f.weight, f.label))
    return found


def _fits(members: list[int], owner: list[str]) -> bool:
    counts: dict[str, int] = defaultdict(int)
    for m in members:
        counts[owner[m]] += 1
        if counts[owner[m]] > MAX_PER_SOURCE:
            return False
    return True


def _label(
    passages: list[Analysed], evidence: dict[int, dict[str, float]], members: list[int]
) -> str:
    """The clause, among the group's passages, that carries most of the words
    the group shares, kept short enough to read at a glance."""
    from hollywood_ai.index.evidence import stems

    shared: dict[str, float] = defaultdict(float)
    for m in members:
        for t, w in evidence[m].items():
            shared[t] += w
    best_text, best_score = "", -1.0
    for a in passages:
        for clause in _clauses(a.passage.text):
            terms = set(stems(clause))
            score = sum(shared.get(t, 0.0) for t in terms) / (1 + 0.01 * len(clause))
            if len(clause) >= 25 and score > best_score:
                best_text, best_score = clause, score
    return shorten(best_text or passages[0].passage.text)


def _clauses(text: str) -> list[str]:
    """The passage, and its parts between commas, semicolons and dashes."""
    text = re.sub(r"^[“\"']|[”\"']$", "", text.strip())
    parts = [p.strip(" ,;—") for p in re.split(r"[;—]|,\s(?=[a-z])|:\s", text)]
    out = [text] if len(text) <= 110 else []
    out += [p for p in parts if p and p != text]
    return out


def shorten(text: str, limit: int = 90) -> str:
    text = re.sub(r"^[“\"']|[”\"']$", "", text.strip())
    if len(text) <= limit:
        return text.rstrip(".")
    return text[:limit].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"
