"""Stories: articles about the same event, grouped without being told.

Each article's words are counted once and kept (``storywords``); how alike
two articles are (their distinctive words and names, and how far apart they
were published) and the groups that makes are ``storylinks``'. Here: the
stories themselves, their ids and labels, and the grouping kept per library
state, so that a library is grouped once per change.

A story's id comes from its earliest article (earliest published date, ties
by article id, undated ones last): articles added later, to it or to other
stories, leave it as it is. Its label is the title of its most central
article, the one most like the others.
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
from hollywood_ai.index.model import Article
from hollywood_ai.index.store.durable import read_kept, write_kept

if TYPE_CHECKING:  # numpy and scipy are loaded when a library is first grouped
    from hollywood_ai.index.stories import words as storywords
@dataclass
class Story:
    id: str
    label: str
    articles: list[str] = field(default_factory=list)

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
    indexed: Callable[[list[tuple[str, str]]], dict[tuple[str, str], bytes]] | None = None,
    built: Callable[[], list[Path]] | None = None,
) -> list[Story]:
    """Stories of the given articles, largest first, cached per library state:
    in memory, and, with ``keep_in`` (a folder: the index's), on disk, so
    that a library is grouped once per change rather than once per process.
    The articles may come without their bodies (a listing): the words not
    kept yet are taken from the index (``built``: the tables its rebuild
    wrote; ``indexed``: the records it keeps, counted as it indexed them) or
    counted from the whole article ``fetch`` gives."""
    key = tuple(sorted((a.id, a.checksum) for a in articles))
    with _cache_lock:
        if key in _cache:
            return _cache[key]
    digest = hashlib.sha256(repr(key).encode()).hexdigest()
    stories = _kept(keep_in, digest) if keep_in is not None else None
    if stories is None:
        from hollywood_ai.index.stories import words as storywords
        words = storywords.table(articles, keep_in, fetch, indexed, built)
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
STORIES_VERSION = 3  # bump when grouping changes: kept groupings are then made again


def _kept(folder: Path, digest: str) -> list[Story] | None:
    rows = read_kept(folder / STORIES_FILE, STORIES_VERSION, digest)
    try:
        return [Story(**row) for row in rows] if rows is not None else None
    except TypeError:
        return None


def _keep(folder: Path, digest: str, stories: list[Story]) -> None:
    rows = [{"id": st.id, "label": st.label, "articles": st.articles} for st in stories]
    write_kept(folder / STORIES_FILE, STORIES_VERSION, digest, rows)


def grouped(workspace: Any) -> tuple[list[Article], list[Story]]:
    """A workspace's articles and their stories (kept beside its index). The
    articles are those of its listing, without bodies, where it has one:
    :func:`members` gives a story's whole articles."""
    global _last_listing
    listing = getattr(workspace, "listing", None)
    articles = listing() if listing is not None else workspace.articles()
    # A workspace hands out the same listing while its library is unchanged:
    # its grouping is then known without keying its articles again (at 50,000
    # articles the key takes most of a compare's time).
    with _cache_lock:
        if _last_listing is not None and _last_listing[0] is articles:
            return articles, _last_listing[1]
    fetch = getattr(workspace, "get", None)
    index = getattr(workspace, "index", None)
    stories = group(
        articles,
        keep_in=kept_in(workspace),
        fetch=fetch,
        indexed=getattr(index, "story_records", None),
        built=getattr(index, "story_tables", None),
    )
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
    """The story with this id (or a unique prefix of it), else a
    HollywoodError that names the stories there are now: ids come from a
    story's earliest article, so an id goes when that article leaves its
    story (removed, or regrouped apart)."""
    story = find(stories, story_id)
    if story is not None:
        return story
    if not stories:
        raise HollywoodError(
            f"there is no story '{story_id}': the library has none yet; "
            "add articles with 'hollywood-ai add' first"
        )
    shown = [
        f"{st.id} “{_short(st.label)}” ({len(st.articles)} article"
        f"{'s' if len(st.articles) != 1 else ''})"
        for st in stories[:SHOWN_IN_ERRORS]
    ]
    more = len(stories) - len(shown)
    listed = ", ".join(shown) + (f" and {more} more" if more else "")
    raise HollywoodError(
        f"there is no story '{story_id}' (stories change as the library does); "
        f"the stories now are {listed}: run 'hollywood-ai stories' to list them all"
    )


#: Stories named in the error for an id that is not there.
SHOWN_IN_ERRORS = 3


def _short(label: str, width: int = 48) -> str:
    """A label cut at a word to fit ``width`` characters."""
    return label if len(label) <= width else label[: width - 1].rsplit(" ", 1)[0] + "…"


def _group(articles: list[Article], table: storywords.WordTable) -> list[Story]:
    """Group articles about one event; ``table`` holds their word counts, in
    their order. The work is done in the order of the articles' ids, so that
    an article added or removed elsewhere leaves the ties among the others as
    they were."""
    import numpy as np
    from hollywood_ai.index.stories import links as storylinks
    n = len(articles)
    if not n:
        return []
    df = np.bincount(table.word_ids, minlength=len(table.vocab))
    # Each word's rank in alphabetical order: ties go to the earlier word.
    alphabetical = np.empty(len(table.vocab), np.int64)
    alphabetical[sorted(range(len(table.vocab)), key=table.vocab.__getitem__)] = np.arange(
        len(table.vocab)
    )
    xs, ys, values = storylinks.similar_pairs(
        storylinks.signatures(table, df, alphabetical), storylinks.day_numbers(articles)
    )
    # Articles renumbered in the order of their ids, the pairs with them.
    order = np.array(sorted(range(n), key=lambda i: articles[i].id), np.int64)
    articles = [articles[i] for i in order.tolist()]
    rank = np.empty(n, np.int64)
    rank[order] = np.arange(n)
    xs, ys = np.minimum(rank[xs], rank[ys]), np.maximum(rank[xs], rank[ys])
    group = storylinks.average_linkage(n, xs, ys, values, storylinks.STORY_THRESHOLD)
    # How like the rest of its story each article is: the sum of its pairs
    # inside the story.
    inside = group[xs] == group[ys]
    centrality = np.bincount(xs[inside], weights=values[inside], minlength=n) + np.bincount(
        ys[inside], weights=values[inside], minlength=n
    )
    groups: dict[int, list[int]] = defaultdict(list)
    for i, g in enumerate(group.tolist()):
        groups[g].append(i)
    stories = []
    for numbers in groups.values():
        members = sorted(numbers, key=lambda i: (articles[i].published or "", articles[i].id))
        group_articles = [articles[i] for i in members]
        central = sorted(members, key=lambda i: -centrality[i])  # stable: ties by order
        stories.append(
            Story(
                id="s-" + _anchor(group_articles).id[:8],
                label=_label([articles[i] for i in central]),
                articles=[a.id for a in group_articles],
            )
        )
    stories.sort(key=lambda s: (-len(s.articles), s.id))
    return stories


def _anchor(articles: list[Article]) -> Article:
    """The article a story's id comes from: its earliest dated article (ties
    by id, undated ones last). Coverage of an event grows with later
    articles, which leave the id as it is whatever their own ids."""
    return min(articles, key=lambda a: (a.published is None, a.published or "", a.id))


_MARKUP = re.compile(r"\[/?[a-zA-Z#@][^\[\]]{0,40}\]|\[/\]")


def clean_title(title: str) -> str:
    """A title as plain text: no control characters, no console markup."""
    from hollywood_ai.index.text.normalise import strip_controls

    text = _MARKUP.sub("", strip_controls(title))
    text = re.sub(r"[#*_`]+", "", text)
    return " ".join(text.split())


def _label(ranked: list[Article]) -> str:
    """A story's label: the plain-text title of its most central article
    (``ranked`` puts it first), cut to 90 characters; the next one's when a
    title is empty."""
    for a in ranked:
        title = clean_title(a.title)
        if title:
            return title if len(title) <= 90 else title[:89].rsplit(" ", 1)[0] + "…"
    return "(untitled)"


def find(stories: list[Story], story_id: str) -> Story | None:
    """The story with this id, else the one story whose id starts with it
    (with or without the ``s-``); None when none or several do."""
    wanted = story_id.strip()
    for story in stories:
        if story.id == wanted:
            return story
    prefix = wanted.removeprefix("s-")
    if not prefix:
        return None
    matches = [st for st in stories if st.id.removeprefix("s-").startswith(prefix)]
    return matches[0] if len(matches) == 1 else None
