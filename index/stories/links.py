"""How alike two articles are, and the groups average linkage makes of them.

Each article's signature is a row of a sparse matrix (its most distinctive
words by tf-idf, names counted more by ``storywords``); the products of the
signatures, a block of rows at a time, give every pair that shares words.
A pair's similarity is the cosine of their signatures, lowered as the days
between their publication dates grow (coverage of one event comes within
days; the same names return in later events) and nil past MAX_DAYS. Only
pairs above a small floor are kept, so the similarities stay a sparse graph
whatever the library's size.

Stories are then made by average linkage over that graph: the two groups
whose articles are most alike on average (pairs not kept count as nothing)
are merged, again and again, while that average reaches STORY_THRESHOLD.
Unlike linking any two alike articles, this does not chain separate events
through an article that resembles both.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # numpy and scipy are loaded when a library is first grouped
    import numpy as np
    from hollywood_ai.index.model import Article
    from hollywood_ai.index.stories import words as storywords

SIGNATURE_SIZE = 150
#: Pairs less alike than this are left out of the graph (count as nothing).
PAIR_FLOOR = 0.05
#: Two groups are one story while their articles' average similarity reaches this.
STORY_THRESHOLD = 0.15
MIN_SHARED_WORDS = 3
#: Days apart within which dates lower nothing (a week's news about one event).
FULL_DAYS = 7.0
#: Days beyond FULL_DAYS at which the similarity of two dated articles is halved.
HALF_DAYS = 14.0
#: Dated articles further apart than this are never one story.
MAX_DAYS = 60
#: Rows of the article-by-article similarity computed at a time (bounds memory).
BLOCK_ROWS = 2048
PAIRS_AT_ONCE = 200_000


def day_numbers(articles: list[Article]) -> np.ndarray:
    """Each article's publication day as a number (NaN when undated or when
    its date does not read as one)."""
    import numpy as np

    days = np.full(len(articles), np.nan)
    for i, a in enumerate(articles):
        if a.published:
            try:
                days[i] = date.fromisoformat(a.published[:10]).toordinal()
            except ValueError:
                continue
    return days


def time_factor(apart: np.ndarray) -> np.ndarray:
    """How much of two articles' likeness is kept when they were published
    ``apart`` days from each other (NaN: one is undated, all of it): all of
    it within FULL_DAYS, half at HALF_DAYS beyond that, falling off faster
    further, none past MAX_DAYS."""
    import numpy as np

    days = np.nan_to_num(apart, nan=0.0)
    factor = 1.0 / (1.0 + (np.maximum(days - FULL_DAYS, 0.0) / HALF_DAYS) ** 2)
    return np.where(days > MAX_DAYS, 0.0, factor)


def signatures(table: storywords.WordTable, df: np.ndarray, alphabetical: np.ndarray) -> Any:
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
    # Rows are in article order. Only articles with more words than a
    # signature holds need their words ranked.
    chosen = np.bincount(rows, minlength=n)[rows] <= SIGNATURE_SIZE
    ranked = np.flatnonzero(~chosen)
    if len(ranked):
        by = _rank_order(rows[ranked], score[ranked], alphabetical[words[ranked]])
        ordered, in_order = ranked[by], rows[ranked[by]]
        place = np.arange(len(ordered)) - np.searchsorted(in_order, in_order)
        chosen[ordered[place < SIGNATURE_SIZE]] = True
    rows, words, score = rows[chosen], words[chosen], score[chosen]
    norm = np.sqrt(np.bincount(rows, weights=score * score, minlength=n))
    norm[norm == 0] = 1.0
    indptr = np.zeros(n + 1, np.int64)
    np.cumsum(np.bincount(rows, minlength=n), out=indptr[1:])
    sigs = csr_matrix((score / norm[rows], words, indptr), shape=(n, len(table.vocab)))
    sigs.sort_indices()
    return sigs


def _rank_order(rows: np.ndarray, score: np.ndarray, alphabetical: np.ndarray) -> np.ndarray:
    """The order of entries by row, then score (highest first), then word
    (alphabetical rank): one sort of a combined whole-number key where it
    fits in 63 bits (scores replaced by their rank among the distinct
    scores), else numpy's sort by three keys."""
    import numpy as np

    distinct, score_rank = np.unique(-score, return_inverse=True)
    words = int(alphabetical.max()) + 1 if len(alphabetical) else 1
    if (int(rows.max()) + 1) * len(distinct) * words < 2**62:
        key = (rows.astype(np.int64) * len(distinct) + score_rank) * words + alphabetical
        return np.argsort(key)
    return np.lexsort((alphabetical, -score, rows))


def similar_pairs(sigs: Any, days: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The pairs (x < y) of articles alike enough to count, with their
    similarity: the signatures' cosine times :func:`time_factor`, kept from
    PAIR_FLOOR. A pair must also share MIN_SHARED_WORDS signature words: in a
    large library many signatures keep only a few words, and one rare word
    two thin signatures shared gave them a high cosine."""
    import numpy as np

    n = sigs.shape[0]
    xs, ys, values, cosines = [], [], [], []
    # A block of articles at a time, against themselves and those after them.
    for start in range(0, n, BLOCK_ROWS):
        # Those after them times the block turned (turning the block alone
        # costs far less than turning all those after it, block after block).
        block = (sigs[start:] @ sigs[start : start + BLOCK_ROWS].T.tocsr()).tocoo()
        x, y = block.col + start, block.row + start
        near = (y > x) & (block.data >= PAIR_FLOOR)
        x, y, cosine = x[near], y[near], block.data[near]
        value = cosine * time_factor(np.abs(days[x] - days[y]))
        near = value >= PAIR_FLOOR
        xs.append(x[near])
        ys.append(y[near])
        values.append(value[near])
        cosines.append(cosine[near])
    x, y, value = np.concatenate(xs), np.concatenate(ys), np.concatenate(values)
    cosine = np.concatenate(cosines)
    # A cosine above twice the product of the two signatures' heaviest
    # weights cannot come from two shared words or fewer: only the other
    # pairs have their shared words counted.
    heaviest = sigs.max(axis=1).toarray().ravel()
    unsure = np.flatnonzero(cosine <= (MIN_SHARED_WORDS - 1) * heaviest[x] * heaviest[y])
    present = sigs.copy()
    present.data[:] = 1.0
    enough = np.ones(len(x), bool)
    for i in range(0, len(unsure), PAIRS_AT_ONCE):
        pick = unsure[i : i + PAIRS_AT_ONCE]
        shared = np.asarray(present[x[pick]].multiply(present[y[pick]]).sum(axis=1)).ravel()
        enough[pick] = shared >= MIN_SHARED_WORDS
    return x[enough], y[enough], value[enough]


def average_linkage(
    n: int, xs: np.ndarray, ys: np.ndarray, values: np.ndarray, threshold: float
) -> np.ndarray:
    """Each of ``n`` items' group, numbered by its lowest item: average
    linkage over the pairs given (``values[k]`` between ``xs[k]`` and
    ``ys[k]``, in [0, 1]; a pair not given counts as 0), merging while the
    best average reaches ``threshold``. Items no pair joins are apart
    whatever the rest does, so each connected part of the graph is grouped
    alone: over its whole similarity matrix when it is small (as stories
    are), else pair by pair over its sparse graph."""
    import numpy as np
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    group = np.arange(n)
    strong = values >= threshold
    if not strong.any():
        return group
    # Only parts that hold a pair above the threshold can merge anything.
    _, part = connected_components(coo_matrix((values, (xs, ys)), shape=(n, n)), directed=False)
    candidates = np.unique(part[xs[strong]])
    by_part = np.argsort(part[xs], kind="stable")
    pair_starts = np.searchsorted(part[xs][by_part], candidates)
    pair_ends = np.searchsorted(part[xs][by_part], candidates, side="right")
    items_by_part = np.argsort(part, kind="stable")
    item_starts = np.searchsorted(part[items_by_part], candidates)
    item_ends = np.searchsorted(part[items_by_part], candidates, side="right")
    for k in range(len(candidates)):
        items = items_by_part[item_starts[k] : item_ends[k]]  # ascending
        pairs = by_part[pair_starts[k] : pair_ends[k]]
        local = np.searchsorted(items, xs[pairs]), np.searchsorted(items, ys[pairs])
        if len(items) <= DENSE_UP_TO:
            labels = _dense(len(items), *local, values[pairs], threshold)
        else:
            labels = _sparse(len(items), *local, values[pairs], threshold)
        group[items] = items[labels]
    return group


#: Largest connected part grouped over its whole similarity matrix (the work
#: grows with the cube of its size); larger ones are grouped over their pairs.
DENSE_UP_TO = 150


def _dense(
    m: int, xs: np.ndarray, ys: np.ndarray, values: np.ndarray, threshold: float
) -> np.ndarray:
    """:func:`_sparse` on a matrix: the same merges, in the same order (of
    equal averages the lowest pair first), with the same sums."""
    import numpy as np

    sums = np.zeros((m, m))
    sums[xs, ys] = sums[ys, xs] = values
    size = np.ones(m)
    owner = np.arange(m)
    gone = np.zeros(m, bool)
    while True:
        average = sums / np.outer(size, size)
        average[gone, :] = average[:, gone] = -1.0
        np.fill_diagonal(average, -1.0)
        a, b = divmod(int(np.argmax(average)), m)  # the first best: a < b
        if average[a, b] < threshold:
            break
        sums[a] += sums[b]
        sums[:, a] = sums[a]
        sums[a, a] = sums[b] = sums[:, b] = 0.0
        size[a] += size[b]
        gone[b] = True
        owner[owner == b] = a
    return owner


def _sparse(
    m: int, xs: np.ndarray, ys: np.ndarray, values: np.ndarray, threshold: float
) -> np.ndarray:
    """Average linkage of ``m`` items over the given pairs alone, merging
    the best pair of groups first (of equal ones, the lowest numbered);
    each item's group named by its lowest item. Memory follows the pairs."""
    import heapq

    import numpy as np

    # Per group (named by its lowest item): the sum of its pairs' values
    # with each neighbouring group, and its size.
    sums: list[dict[int, float]] = [{} for _ in range(m)]
    heap = []
    for x, y, v in zip(xs.tolist(), ys.tolist(), values.tolist(), strict=True):
        sums[x][y] = sums[y][x] = v
        if v >= threshold:
            heap.append((-v, min(x, y), max(x, y)))
    heapq.heapify(heap)
    size = [1] * m
    owner = list(range(m))
    while heap:
        negative, a, b = heapq.heappop(heap)
        total = sums[a].get(b)
        # An entry made before either group last grew is stale.
        if total is None or total / (size[a] * size[b]) != -negative:
            continue
        # b joins a (a < b): a's sums become the two groups' together.
        joined = sums[a]
        del joined[b]
        for c, s in sums[b].items():
            if c != a:
                joined[c] = joined.get(c, 0.0) + s
                del sums[c][b]
        sums[b] = {}
        size[a] += size[b]
        owner[b] = a
        for c, s in joined.items():
            sums[c][a] = s
            average = s / (size[a] * size[c])
            if average >= threshold:
                heapq.heappush(heap, (-average, min(a, c), max(a, c)))
    # Owners are always lower items: one pass upwards names every group.
    for i in range(m):
        owner[i] = owner[owner[i]]
    return np.array(owner)
