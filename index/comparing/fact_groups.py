"""Which passages one fact may hold, and how close they are: a source
gives one sentence to a fact, or two that follow each other in one
paragraph, never sentences far apart glued together; a passage that shares
with the other sources no more than a name or a role is left out."""

from __future__ import annotations

import re
from collections import defaultdict

from hollywood_ai.index.comparing.evidence import Analysed
from hollywood_ai.index.model import Passage

MAX_PER_SOURCE = 2
MIN_CLOSENESS = 0.12  # a source's passage and the rest of its group, rarity-weighted cosine

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def one_sentence_each(
    members: list[int],
    owner: list[str],
    evidence: dict[int, dict[str, float]],
    items: list[Analysed],
    bodies: dict[str, str],
) -> list[int]:
    """The group with, for a source whose passages in it do not fit
    together (far apart), only the one closest to the other sources'."""
    by_source: dict[str, list[int]] = defaultdict(list)
    for m in members:
        by_source[owner[m]].append(m)
    kept: set[int] = set()
    for mine in by_source.values():
        if fits(mine, owner, items, bodies):
            kept.update(mine)
        else:
            central = centrality(members, owner, evidence, only=mine)
            kept.add(max(mine, key=lambda m: central[m]))
    return [m for m in members if m in kept]


def closest(
    members: list[int], owner: list[str], evidence: dict[int, dict[str, float]]
) -> dict[int, float]:
    """Per source, the passage closest to what the other sources' passages of
    the group say (a second one only when nearly as close); a passage that
    shares with them no more than a name or a role is left out. Each kept
    passage with its closeness (how central it is to the group)."""
    by_source: dict[str, list[int]] = defaultdict(list)
    for m in members:
        by_source[owner[m]].append(m)
    kept: dict[int, float] = {}
    for aid, mine in by_source.items():
        others: dict[str, float] = defaultdict(float)
        for m in members:
            if owner[m] != aid:
                for t, w in evidence[m].items():
                    others[t] = max(others[t], w)
        scored = []
        for m in mine:
            words = evidence[m]
            shared = sum(w for t, w in words.items() if t in others)
            total = (sum(words.values()) or 1.0) ** 0.5 * (sum(others.values()) or 1.0) ** 0.5
            scored.append((shared / total, m))
        scored.sort(reverse=True)
        best = scored[0][0]
        if best < MIN_CLOSENESS:
            continue
        kept.update((m, v) for v, m in scored if v >= 0.8 * best)
    return kept


def fits(
    members: list[int], owner: list[str], items: list[Analysed], bodies: dict[str, str]
) -> bool:
    """A group holds one passage per source, or two sentences that follow
    each other in one paragraph: never sentences far apart glued together."""
    by_source: dict[str, list[int]] = defaultdict(list)
    for m in members:
        by_source[owner[m]].append(m)
    for aid, mine in by_source.items():
        if len(mine) > MAX_PER_SOURCE:
            return False
        if len(mine) == 2 and not _adjacent(
            items[mine[0]].passage, items[mine[1]].passage, bodies.get(aid, "")
        ):
            return False
    return True


def _adjacent(a: Passage, b: Passage, body: str) -> bool:
    """Two sentences next to each other in one paragraph of the article."""
    if abs(a.position - b.position) != 1 or a.kind != "sentence" or b.kind != "sentence":
        return False
    first, second = (a, b) if a.position < b.position else (b, a)
    lo, hi = sorted((first.end, second.start))
    return _PARAGRAPH_BREAK.search(body, lo, max(lo, hi)) is None


def centrality(
    members: list[int],
    owner: list[str],
    evidence: dict[int, dict[str, float]],
    only: list[int] | None = None,
) -> dict[int, float]:
    """Per passage (of ``only``, else of every member), how close it comes
    to the other sources' passages of the group: the rarity-weighted cosine
    with its closest one in each source, averaged over those sources."""
    norm = {m: (sum(evidence[m].values()) or 1.0) ** 0.5 for m in members}
    out: dict[int, float] = {}
    for m in members if only is None else only:
        words = evidence[m]
        best: dict[str, float] = defaultdict(float)
        for o in members:
            if owner[o] != owner[m]:
                other = evidence[o]
                shared = sum(w for t, w in words.items() if t in other)
                best[owner[o]] = max(best[owner[o]], shared / (norm[m] * norm[o]))
        out[m] = sum(best.values()) / (len(best) or 1)
    return out
