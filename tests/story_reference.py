"""The first story grouping, pair by pair in plain Python: too slow for a
large library (a minute at 10,000 articles), kept here as the reference the
array version in ``hollywood_ai.index.stories`` must agree with."""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict

from hollywood_ai.index.model import Article
from hollywood_ai.index.stories import (
    LINK_THRESHOLD,
    MIN_SHARED_WORDS,
    SIGNATURE_SIZE,
    _anchor,
    _label,
)
from hollywood_ai.index.text import fold
from whoosh.analysis import STOP_WORDS

_WORD = re.compile(r"[^\W\d_][\w'’-]{2,}")
_ENTITY = re.compile(r"(?<![.!?:“\"]\s)(?<!^)\b([A-ZÀ-Þ][\w'’-]{2,})")
_EXTRA_STOP = set(
    [
        "said",
        "says",
        "also",
        "would",
        "could",
        "more",
        "like",
        "one",
        "new",
        "year",
        "years",
        "its",
        "their",
        "his",
        "her",
        "been",
        "has",
        "had",
        "were",
        "was",
        "than",
        "which",
        "who",
        "what",
        "about",
        "into",
        "over",
        "such",
        "other",
        "some",
        "just",
        "only",
        "very",
        "most",
    ]
)


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


def group(articles: list[Article]) -> list[tuple[str, str, list[str], list[str]]]:
    """(id, label, article ids, terms) of each story, largest first."""
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
    parent = {a.id: a.id for a in articles}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    postings: dict[str, list[str]] = defaultdict(list)
    for aid, sig in signatures.items():
        for w in sig:
            postings[w].append(aid)
    cosine: dict[tuple[str, str], float] = defaultdict(float)
    for w, ids in postings.items():
        for i, x in enumerate(ids):
            for y in ids[i + 1 :]:
                cosine[(x, y)] += signatures[x][w] * signatures[y][w]
    centrality: dict[str, float] = defaultdict(float)
    for (x, y), value in cosine.items():
        if (
            value >= LINK_THRESHOLD
            and len(signatures[x].keys() & signatures[y].keys()) >= MIN_SHARED_WORDS
        ):
            parent[find(x)] = find(y)
            centrality[x] += value
            centrality[y] += value
    members: dict[str, list[Article]] = defaultdict(list)
    for a in articles:
        members[find(a.id)].append(a)
    out = []
    for group_articles in members.values():
        group_articles.sort(key=lambda a: (a.published or "", a.id))
        shared: Counter[str] = Counter()
        for a in group_articles:
            shared.update(counts[a.id].keys())
        need = 2 if len(group_articles) > 1 else 1
        scored = {w: c * math.log((n + 1) / df[w] + 1) for w, c in shared.items() if c >= need}
        terms = [w for w, _ in sorted(scored.items(), key=lambda kv: (-kv[1], kv[0]))[:8]]
        out.append(
            (
                "s-" + _anchor(group_articles).id[:8],
                _label(group_articles, terms, centrality),
                [a.id for a in group_articles],
                terms,
            )
        )
    out.sort(key=lambda s: (-len(s[2]), s[0]))
    return out
