"""Stories: articles about the same event, grouped without being told.

Each article gets a signature, its most distinctive words (tf-idf over the
library, names and rare words weigh most); two articles whose signatures
overlap enough belong to one story, and stories are the connected groups.
The cost is one pass over the articles plus an inverted map of signature
words, so it grows with the library, and is cached per library state.
"""

from __future__ import annotations

import hashlib
import math
import re
import threading
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hollywood_ai.index.errors import HollywoodError
from hollywood_ai.index.fsutil import read_kept, write_kept
from hollywood_ai.index.model import Article
from hollywood_ai.index.text import fold
from whoosh.analysis import STOP_WORDS

SIGNATURE_SIZE = 150
LINK_THRESHOLD = 0.2
_WORD = re.compile(r"[^\W\d_][\w'’-]{2,}")
_EXTRA_STOP = {
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
}


@dataclass
class Story:
    id: str
    label: str
    articles: list[str] = field(default_factory=list)
    terms: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "label": self.label, "articles": list(self.articles)}


_ENTITY = re.compile(r"(?<![.!?:“\"]\s)(?<!^)\b([A-ZÀ-Þ][\w'’-]{2,})")
ENTITY_WEIGHT = 4


def _words(article: Article) -> Counter[str]:
    """Content words, with names (capitalised words inside sentences) counted
    ENTITY_WEIGHT times: who and what an article is about tells stories apart
    better than its vocabulary."""
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
                counts[word] += ENTITY_WEIGHT
    return counts


_cache_lock = threading.Lock()
_cache: dict[tuple[tuple[str, str], ...], list[Story]] = {}


def group(articles: list[Article], keep_in: Path | None = None) -> list[Story]:
    """Stories of the given articles, largest first, cached per library state:
    in memory, and, with ``keep_in`` (a folder: the index's), on disk, so
    that a large library (a minute at 10,000 articles) is grouped once per
    change rather than once per process."""
    key = tuple(sorted((a.id, a.checksum) for a in articles))
    with _cache_lock:
        if key in _cache:
            return _cache[key]
    digest = hashlib.sha256(repr(key).encode()).hexdigest()
    stories = _kept(keep_in, digest) if keep_in is not None else None
    if stories is None:
        stories = _group(articles)
        if keep_in is not None:
            _keep(keep_in, digest, stories)
    with _cache_lock:
        _cache.clear()
        _cache[key] = stories
    return stories


def kept_in(workspace: Any) -> Path | None:
    """Where a workspace keeps its grouping (its index folder); None for an
    object with articles but no home."""
    home = getattr(workspace, "home", None)
    return Path(home) / "index" if home is not None else None


STORIES_FILE = "STORIES.json"
STORIES_VERSION = 1  # bump when grouping changes: kept groupings are then made again


def _kept(folder: Path, digest: str) -> list[Story] | None:
    rows = read_kept(folder / STORIES_FILE, STORIES_VERSION, digest)
    try:
        return [Story(**row) for row in rows] if rows is not None else None
    except TypeError:
        return None


def _keep(folder: Path, digest: str, stories: list[Story]) -> None:
    rows = [
        {"id": st.id, "label": st.label, "articles": st.articles, "terms": st.terms}
        for st in stories
    ]
    write_kept(folder / STORIES_FILE, STORIES_VERSION, digest, rows)


def of_library(workspace: Any) -> tuple[list[Article], list[Story]]:
    """A workspace's articles and their stories (kept beside its index); a
    HollywoodError for an empty library."""
    articles = workspace.articles()
    if not articles:
        raise HollywoodError("the library is empty; add articles with 'hollywood-ai add' first")
    return articles, group(articles, keep_in=kept_in(workspace))


def find_or_fail(stories: list[Story], story_id: str) -> Story:
    """The story with this id (or a unique prefix), else a HollywoodError."""
    story = find(stories, story_id)
    if story is None:
        raise HollywoodError(
            f"there is no story '{story_id}'; run 'hollywood-ai stories' to see them"
        )
    return story


def _group(articles: list[Article]) -> list[Story]:
    if not articles:
        return []
    counts = {a.id: _words(a) for a in articles}
    df: Counter[str] = Counter()
    for c in counts.values():
        df.update(c.keys())
    n = len(articles)
    # Each article's signature: its SIGNATURE_SIZE heaviest words by tf-idf
    # (smoothed, so words every article shares still count a little), unit length.
    signatures: dict[str, dict[str, float]] = {}
    # A word in more articles than a story could hold tells no story apart,
    # and would cost a pair for every two of them.
    cap = max(30, min(120, n // 20))
    for a in articles:
        c = counts[a.id]
        # Words no other article has cannot link it to anything: leave them out,
        # and the words too common to tell stories apart.
        scored = {
            w: (1 + math.log(tf)) * (math.log((n + 1) / df[w]) + 1)
            for w, tf in c.items()
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
    for (x, y), value in cosine.items():
        if value >= LINK_THRESHOLD:
            parent[find(x)] = find(y)
    members: dict[str, list[Article]] = defaultdict(list)
    for a in articles:
        members[find(a.id)].append(a)
    centrality: dict[str, float] = defaultdict(float)
    for (x, y), value in cosine.items():
        if value >= LINK_THRESHOLD:
            centrality[x] += value
            centrality[y] += value
    stories = []
    for group_articles in members.values():
        group_articles.sort(key=lambda a: (a.published or "", a.id))
        ids = [a.id for a in group_articles]
        terms = _story_terms(group_articles, counts, df, n)
        stories.append(
            Story(
                id="s-" + _anchor(group_articles).id[:8],
                label=_label(group_articles, terms, centrality),
                articles=ids,
                terms=terms,
            )
        )
    stories.sort(key=lambda s: (-len(s.articles), s.id))
    return stories


def _story_terms(
    articles: list[Article], counts: dict[str, Counter[str]], df: Counter[str], n: int
) -> list[str]:
    shared: Counter[str] = Counter()
    for a in articles:
        shared.update(counts[a.id].keys())
    need = 2 if len(articles) > 1 else 1
    scored = {w: c * math.log((n + 1) / df[w] + 1) for w, c in shared.items() if c >= need}
    return [w for w, _ in sorted(scored.items(), key=lambda kv: (-kv[1], kv[0]))[:8]]


def _anchor(articles: list[Article]) -> Article:
    """The article a story's id comes from: its earliest dated article (ties
    and undated ones by id). Coverage of an event grows with later articles,
    which leave the id as it was (the smallest id, used before, changed
    whenever a newcomer's hash sorted first)."""
    return min(articles, key=lambda a: (a.published is None, a.published or "", a.id))


_MARKUP = re.compile(r"\[/?[a-zA-Z#@][^\[\]]{0,40}\]|\[/\]")


def clean_title(title: str) -> str:
    """A title as plain text: no control characters, no console markup."""
    from hollywood_ai.index.text import strip_controls

    text = _MARKUP.sub("", strip_controls(title))
    text = re.sub(r"[#*_`]+", "", text)
    return " ".join(text.split())


def _label(
    articles: list[Article], terms: list[str], centrality: dict[str, float] | None = None
) -> str:
    """The title of the story's most central article (the one most like the
    others) when it carries the story's shared words; else those words."""
    central = centrality or {}
    ranked = sorted(
        articles,
        key=lambda a: (
            not any(t in fold(a.title) for t in terms),
            -central.get(a.id, 0.0),
            len(a.title),
            a.id,
        ),
    )
    for a in ranked:
        title = clean_title(a.title)
        if len(title) >= 12 and (len(articles) == 1 or any(t in fold(title) for t in terms)):
            return title if len(title) <= 90 else title[:89].rsplit(" ", 1)[0] + "…"
    return " · ".join(terms[:4]) if terms else clean_title(ranked[0].title)


def find(stories: list[Story], story_id: str) -> Story | None:
    for story in stories:
        if story.id == story_id or story.id.removeprefix("s-").startswith(
            story_id.removeprefix("s-")
        ):
            return story
    return None
