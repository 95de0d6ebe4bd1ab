"""Stories: articles about the same event, grouped without being told.

Each article gets a signature, its most distinctive words (tf-idf over the
library, names and rare words weigh most); two articles whose signatures
overlap enough belong to one story, and stories are the connected groups.

The words are counted once per article and kept (``storywords``); the rest
works on the whole library's counts at once, as arrays: signatures are rows
of a sparse matrix, and their products, a block of rows at a time, give the
pairs that link. A grouping is kept per library state, so a library is
grouped once per change.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hollywood_ai.index.errors import HollywoodError
from hollywood_ai.index.fsutil import read_kept, write_kept
from hollywood_ai.index.model import Article
from hollywood_ai.index.text import fold

if TYPE_CHECKING:  # numpy and scipy are loaded when a library is first grouped
    import numpy as np
    from hollywood_ai.index import storywords

SIGNATURE_SIZE = 150
LINK_THRESHOLD = 0.2
MIN_SHARED_WORDS = 3
#: Rows of the article-by-article similarity computed at a time (bounds memory).
BLOCK_ROWS = 2048
PAIRS_AT_ONCE = 200_000


@dataclass
class Story:
    id: str
    label: str
    articles: list[str] = field(default_factory=list)
    terms: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "label": self.label, "articles": list(self.articles)}


_cache_lock = threading.Lock()
_cache: dict[tuple[tuple[str, str], ...], list[Story]] = {}
_last_listing: tuple[list[Article], list[Story]] | None = None  # see grouped()


def forget() -> None:
    """Drop the groupings held in memory (as a new process would start)."""
    global _last_listing
    with _cache_lock:
        _cache.clear()
        _last_listing = None


def group(
    articles: list[Article],
    keep_in: Path | None = None,
    fetch: Callable[[str], Article] | None = None,
) -> list[Story]:
    """Stories of the given articles, largest first, cached per library state:
    in memory, and, with ``keep_in`` (a folder: the index's), on disk, so
    that a library is grouped once per change rather than once per process.
    The articles may come without their bodies (a listing): ``fetch`` gives
    the whole article for those whose words are not kept yet."""
    key = tuple(sorted((a.id, a.checksum) for a in articles))
    with _cache_lock:
        if key in _cache:
            return _cache[key]
    digest = hashlib.sha256(repr(key).encode()).hexdigest()
    stories = _kept(keep_in, digest) if keep_in is not None else None
    if stories is None:
        from hollywood_ai.index import storywords

        words = storywords.table(articles, keep_in, fetch)
        stories = _group(articles, words)
        if words.partial:
            return stories  # made without some bodies: neither kept nor held
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
STORIES_VERSION = 2  # bump when grouping changes: kept groupings are then made again


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


def grouped(workspace: Any) -> tuple[list[Article], list[Story]]:
    """A workspace's articles and their stories (kept beside its index). The
    articles are those of its listing, without bodies, where it has one:
    :func:`members` gives a story's whole articles."""
    global _last_listing
    listing = getattr(workspace, "listing", None)
    articles = listing() if listing is not None else workspace.articles()
    # A workspace hands out the same listing while its library is unchanged:
    # its grouping is then known without keying 50,000 articles again (that
    # key was most of a compare's time at 50,000).
    with _cache_lock:
        if _last_listing is not None and _last_listing[0] is articles:
            return articles, _last_listing[1]
    fetch = getattr(workspace, "get", None)
    stories = group(articles, keep_in=kept_in(workspace), fetch=fetch)
    if listing is not None:
        with _cache_lock:
            _last_listing = (articles, stories)
    return articles, stories


def of_library(workspace: Any) -> tuple[list[Article], list[Story]]:
    """:func:`grouped`, or a HollywoodError for an empty library."""
    articles, stories = grouped(workspace)
    if not articles:
        raise HollywoodError("the library is empty; add articles with 'hollywood-ai add' first")
    return articles, stories


def members(workspace: Any, articles: list[Article], story: Story) -> list[Article]:
    """The story's articles, whole, in the story's order: each read from the
    workspace (one file each) where it can give them, else taken from
    ``articles``; an article gone from the library meanwhile is left out."""
    fetch = getattr(workspace, "get", None)
    if fetch is None:
        by_id = {a.id: a for a in articles}
        return [by_id[i] for i in story.articles if i in by_id]
    out = []
    for article_id in story.articles:
        try:
            out.append(fetch(article_id))
        except HollywoodError:
            continue
    return out


def find_or_fail(stories: list[Story], story_id: str) -> Story:
    """The story with this id (or a unique prefix), else a HollywoodError."""
    story = find(stories, story_id)
    if story is None:
        raise HollywoodError(
            f"there is no story '{story_id}'; run 'hollywood-ai stories' to see them"
        )
    return story


def _signatures(table: storywords.WordTable, df: np.ndarray, alphabetical: np.ndarray) -> Any:
    """Each article's signature, a row of a sparse matrix: its SIGNATURE_SIZE
    heaviest words by tf-idf (smoothed, so words every article shares still
    count a little; ties by the word), of unit length. Words no other article
    has cannot link it to anything, and a word in more articles than a story
    could hold tells no story apart (and would cost a pair for every two of
    them): both are left out."""
    import numpy as np
    from scipy.sparse import csr_matrix

    n = len(table.keys)
    rows = table.rows()
    words, tf = table.word_ids, table.counts.astype(np.float64)
    cap = max(30, min(120, n // 20))
    keep = (df[words] >= 2) & (df[words] <= cap)
    rows, words, tf = rows[keep], words[keep], tf[keep]
    score = (1 + np.log(tf)) * (np.log((n + 1) / df[words]) + 1)
    order = np.lexsort((alphabetical[words], -score, rows))
    rows, words, score = rows[order], words[order], score[order]
    rank = np.arange(len(rows)) - np.searchsorted(rows, np.arange(n))[rows]
    top = rank < SIGNATURE_SIZE
    rows, words, score = rows[top], words[top], score[top]
    norm = np.sqrt(np.bincount(rows, weights=score * score, minlength=n))
    norm[norm == 0] = 1.0
    return csr_matrix((score / norm[rows], (rows, words)), shape=(n, len(table.vocab)))


def _links(signatures: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The pairs (x < y) whose signatures' cosine reaches LINK_THRESHOLD and
    that share MIN_SHARED_WORDS words, with their cosines. In a large library
    many signatures keep only a few words, and one rare word that two thin
    signatures shared gave them a high cosine: such links chained every story
    into one (49,688 of 50,000 generated articles), hence the shared words."""
    import numpy as np

    n = signatures.shape[0]
    xs, ys, values = [], [], []
    # A block of articles at a time, against themselves and those after them.
    for start in range(0, n, BLOCK_ROWS):
        block = (signatures[start : start + BLOCK_ROWS] @ signatures[start:].T.tocsr()).tocoo()
        x, y = block.row + start, block.col + start
        strong = (y > x) & (block.data >= LINK_THRESHOLD)
        xs.append(x[strong])
        ys.append(y[strong])
        values.append(block.data[strong])
    x, y, value = np.concatenate(xs), np.concatenate(ys), np.concatenate(values)
    present = signatures.copy()
    present.data[:] = 1.0
    shared = [
        np.asarray(
            present[x[i : i + PAIRS_AT_ONCE]]
            .multiply(present[y[i : i + PAIRS_AT_ONCE]])
            .sum(axis=1)
        ).ravel()
        for i in range(0, len(x), PAIRS_AT_ONCE)
    ]
    enough = np.concatenate(shared or [np.zeros(0)]) >= MIN_SHARED_WORDS
    return x[enough], y[enough], value[enough]


def _group(articles: list[Article], table: storywords.WordTable) -> list[Story]:
    """Group articles whose signatures are alike; ``table`` holds their word
    counts, in their order. Done on the whole table at once with numpy and
    scipy's sparse products (a Python loop over pairs took a minute at
    10,000 articles)."""
    import numpy as np
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    n = len(articles)
    if not n:
        return []
    df = np.bincount(table.word_ids, minlength=len(table.vocab))
    # Each word's rank in alphabetical order: ties go to the earlier word.
    alphabetical = np.empty(len(table.vocab), np.int64)
    alphabetical[np.argsort(np.array(table.vocab, dtype=object), kind="stable")] = np.arange(
        len(table.vocab)
    )
    xs, ys, values = _links(_signatures(table, df, alphabetical))
    _, component = connected_components(
        coo_matrix((values, (xs, ys)), shape=(n, n)), directed=False
    )
    centrality = np.bincount(xs, weights=values, minlength=n) + np.bincount(
        ys, weights=values, minlength=n
    )
    central = {articles[i].id: float(centrality[i]) for i in np.flatnonzero(centrality)}

    groups: dict[int, list[int]] = defaultdict(list)
    for i, c in enumerate(component.tolist()):
        groups[c].append(i)
    terms = _story_terms(table, component, df, alphabetical)
    stories = []
    for c, numbers in groups.items():
        group_articles = sorted(
            (articles[i] for i in numbers), key=lambda a: (a.published or "", a.id)
        )
        stories.append(
            Story(
                id="s-" + _anchor(group_articles).id[:8],
                label=_label(group_articles, terms[c], central),
                articles=[a.id for a in group_articles],
                terms=terms[c],
            )
        )
    stories.sort(key=lambda s: (-len(s.articles), s.id))
    return stories


TERMS_PER_STORY = 8


def _story_terms(
    table: storywords.WordTable,
    component: np.ndarray,
    df: np.ndarray,
    alphabetical: np.ndarray,
) -> dict[int, list[str]]:
    """Per story (a component number): the words most of its articles share
    (in two or more of them, unless it has one article), rare ones first;
    ``alphabetical`` ranks the vocabulary's words, for ties."""
    import numpy as np

    n = len(component)
    size = np.bincount(component)
    stories = component[table.rows()]
    words = table.word_ids.astype(np.int64)
    # A word in one article only is shared by no story of two or more.
    can = (df[words] >= 2) | (size[stories] == 1)
    stories, words = stories[can], words[can]
    vocab_size = max(1, len(table.vocab))
    pairs, shared = np.unique(stories * vocab_size + words, return_counts=True)
    story, word = pairs // vocab_size, pairs % vocab_size
    keep = shared >= np.where(size[story] > 1, 2, 1)
    story, word, shared = story[keep], word[keep], shared[keep]
    score = shared * np.log((n + 1) / df[word] + 1)
    order = np.lexsort((alphabetical[word], -score, story))
    story, word = story[order], word[order]
    out: dict[int, list[str]] = defaultdict(list)
    starts = np.searchsorted(story, np.arange(len(size)))
    rank = np.arange(len(story)) - starts[story]
    for s, w in zip(
        story[rank < TERMS_PER_STORY].tolist(), word[rank < TERMS_PER_STORY].tolist(), strict=True
    ):
        out[s].append(table.vocab[w])
    return out


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
