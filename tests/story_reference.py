"""Story grouping pair by pair and merge by merge in plain Python: far too
slow for a large library, kept here as the reference the array version in
``hollywood_ai.index.stories.grouping`` and ``storylinks`` must agree with."""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from datetime import date

from hollywood_ai.index.model import Article
from hollywood_ai.index.stories.grouping import _anchor, _label
from hollywood_ai.index.stories.links import (
    FULL_DAYS,
    HALF_DAYS,
    MAX_DAYS,
    MIN_SHARED_WORDS,
    PAIR_FLOOR,
    SIGNATURE_SIZE,
    STORY_THRESHOLD,
)
from hollywood_ai.index.text.normalise import fold

# The stop words are data the reference shares with the engine; the counting is its own.
from hollywood_ai.index.text.storywords import _EXTRA_STOP
from whoosh.analysis import STOP_WORDS

_WORD = re.compile(r"[^\W\d_][\w'’-]{2,}")
_ENTITY = re.compile(r"(?<![.!?:“\"]\s)(?<!^)\b([A-ZÀ-Þ][\w'’-]{2,})")


def words(article: Article) -> Counter[str]:
    text = f"{article.title}\n{article.body}"
    counts: Counter[str] = Counter(
        w
        for w in (x.strip("'’-") for x in _WORD.findall(fold(text)))
        if w not in STOP_WORDS and w not in _EXTRA_STOP and len(w) > 2
    )
    for line in text.split("\n"):
        for m in _ENTITY.finditer(line):
            word = fold(m.group(1)).strip("'’-").removesuffix("’s").removesuffix("'s")
            if word not in STOP_WORDS and word not in _EXTRA_STOP:
                counts[word] += 4
    return counts


def _factor(a: Article, b: Article) -> float:
    """The share of two articles' likeness their dates leave."""
    try:
        apart = abs(
            (date.fromisoformat(a.published[:10]) - date.fromisoformat(b.published[:10])).days
        )
    except (TypeError, ValueError):  # one is undated
        return 1.0
    beyond = max(apart - FULL_DAYS, 0.0)
    return 0.0 if apart > MAX_DAYS else 1.0 / (1.0 + (beyond / HALF_DAYS) ** 2)


def group(articles: list[Article]) -> list[tuple[str, str, list[str]]]:
    """(id, label, article ids) of each story, largest first."""
    counts = {a.id: words(a) for a in articles}
    df: Counter[str] = Counter()
    for c in counts.values():
        df.update(c.keys())
    n = len(articles)
    cap = max(30, min(120, n // 20))
    signatures: dict[str, dict[str, float]] = {}
    for a in articles:
        scored = {
            w: (1 + math.log(tf)) * (math.log((n + 1) / df[w]) + 1)
            for w, tf in counts[a.id].items()
            if 2 <= df[w] <= cap
        }
        top = sorted(scored.items(), key=lambda kv: (-kv[1], kv[0]))[:SIGNATURE_SIZE]
        norm = math.sqrt(sum(v * v for _, v in top)) or 1.0
        signatures[a.id] = {w: v / norm for w, v in top}

    postings: dict[str, list[str]] = defaultdict(list)
    for aid, sig in signatures.items():
        for w in sig:
            postings[w].append(aid)
    cosine: dict[tuple[str, str], float] = defaultdict(float)
    for w, ids in postings.items():
        for i, x in enumerate(ids):
            for y in ids[i + 1 :]:
                cosine[(min(x, y), max(x, y))] += signatures[x][w] * signatures[y][w]
    by_id = {a.id: a for a in articles}
    alike: dict[tuple[str, str], float] = {}
    for (x, y), value in cosine.items():
        value *= _factor(by_id[x], by_id[y]) if value >= PAIR_FLOOR else 0.0
        shared = len(signatures[x].keys() & signatures[y].keys())
        if value >= PAIR_FLOOR and shared >= MIN_SHARED_WORDS:
            alike[(x, y)] = value

    # Average linkage, one merge at a time: the two groups most alike on
    # average (pairs not alike count as 0), of equal ones those whose lowest
    # ids come first, while that average reaches the threshold.
    groups = [[i] for i in sorted(by_id)]
    while True:
        where = {i: g[0] for g in groups for i in g}
        sums: dict[tuple[str, str], float] = defaultdict(float)
        for (x, y), value in alike.items():
            gx, gy = where[x], where[y]
            if gx != gy:
                sums[(min(gx, gy), max(gx, gy))] += value
        size = {g[0]: len(g) for g in groups}
        best = min(
            ((-s / (size[a] * size[b]), a, b) for (a, b), s in sums.items()),
            default=None,
        )
        if best is None or -best[0] < STORY_THRESHOLD:
            break
        _, a, b = best
        merged = sorted(
            [*next(g for g in groups if g[0] == a), *next(g for g in groups if g[0] == b)]
        )
        groups = [g for g in groups if g[0] not in (a, b)] + [merged]

    out = []
    for members in groups:
        group_articles = sorted(
            (by_id[i] for i in members), key=lambda a: (a.published or "", a.id)
        )
        inside = set(members)
        centrality = {
            a.id: sum(
                v for (x, y), v in alike.items() if a.id in (x, y) and x in inside and y in inside
            )
            for a in group_articles
        }
        central = sorted(group_articles, key=lambda a: -centrality[a.id])
        out.append(
            ("s-" + _anchor(group_articles).id[:8], _label(central), [a.id for a in group_articles])
        )
    out.sort(key=lambda s: (-len(s[2]), s[0]))
    return out
