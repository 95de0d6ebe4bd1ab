"""The listing kept beside the index (``index/LISTING.json``): every article
without its body, in the list's order, for the reader's first screen and for
commands that list.

The file holds one JSON array per field (a column), not one array per
article: parsing eleven long arrays of strings is about five times faster
than parsing 50,000 short ones, which is what makes a large library's list
quick to show. The file names the library state it was made from; another
state, another version or a damaged file reads as None, and the caller
makes the listing again.
"""

from __future__ import annotations

import gc
from collections.abc import Sequence
from itertools import chain
from pathlib import Path
from typing import Any, TypeGuard

from hollywood_ai.index.model import Article
from hollywood_ai.index.store.durable import read_kept, write_kept

#: The layout's version: 4 keeps the fields as columns (3 kept rows).
LISTING_VERSION = 4
LISTED = (
    "id",
    "title",
    "origin",
    "outlet",
    "via",
    "via_url",
    "author",
    "published",
    "url",
    "tags",
    "checksum",
)
_TEXT = frozenset(("id", "title", "origin", "checksum"))
#: The articles kept in the listing's head (more than a screen shows).
HEAD_ROWS = 120
_TAGS = LISTED.index("tags")


def read_listing(path: Path, token: Sequence[int], any_key: bool = False) -> list[Article] | None:
    """The articles kept in ``path`` for the library state ``token`` (or, with
    ``any_key``, for whatever state it was last written from), or None."""
    # Python's cycle collector would run a dozen times over the objects
    # made here, none of which can be garbage yet: a third of the read.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _read(path, token, any_key)
    finally:
        if collecting:
            gc.enable()


def _read(path: Path, token: Sequence[int], any_key: bool) -> list[Article] | None:
    columns = read_kept(path, LISTING_VERSION, list(token), any_key)
    if not _well_formed(columns):
        return None
    return _articles(columns)


def read_head(path: Path, token: Sequence[int]) -> tuple[int, list[Article]] | None:
    """The number of articles kept in ``path`` for the library state
    ``token`` and the first HEAD_ROWS of them, from the small file written
    beside it (a list's first screen without reading the whole listing), or
    None."""
    kept = read_kept(head_path(path), LISTING_VERSION, list(token))
    if not isinstance(kept, dict) or not isinstance(kept.get("count"), int):
        return None
    columns = kept.get("columns")
    if not _well_formed(columns) or len(columns[0]) > kept["count"]:
        return None
    return kept["count"], _articles(columns)


def head_path(path: Path) -> Path:
    return path.with_name(f"{path.stem}-HEAD{path.suffix}")


def _articles(columns: list[list[Any]]) -> list[Article]:
    count = len(columns[0])
    columns[_TAGS] = [() if not tags else tuple(tags) for tags in columns[_TAGS]]
    columns += [[""] * count, [None] * count]  # no body, no language
    names = (*LISTED, "body", "language")
    new = object.__new__
    out: list[Article] = []
    append = out.append
    # Each article's fields set at once: twice as fast as the frozen
    # dataclass's __init__, which sets them one by one.
    for row in zip(*columns, strict=True):
        article = new(Article)
        article.__dict__.update(zip(names, row, strict=True))
        append(article)
    return out


def _well_formed(columns: object) -> TypeGuard[list[list[Any]]]:
    """Is this one column per listed field, of one length, each value of its
    field's type? (A hand-edited or half-understood file reads as none.)"""
    if not isinstance(columns, list) or len(columns) != len(LISTED):
        return False
    if not all(isinstance(c, list) and len(c) == len(columns[0]) for c in columns):
        return False
    # Type by type over whole columns (map and set run in C): a check that
    # costs a few milliseconds at 50,000 articles.
    for name, column in zip(LISTED, columns, strict=True):
        types = set(map(type, column))
        if name == "tags":
            ok = types <= {list} and set(map(type, chain.from_iterable(column))) <= {str}
        else:
            ok = types <= ({str} if name in _TEXT else {str, type(None)})
        if not ok:
            return False
    return True


def write_listing(path: Path, token: Sequence[int], articles: Sequence[Article]) -> None:
    """Keep ``articles`` (their listed fields) for the library state ``token``,
    and their number and first HEAD_ROWS beside them (see read_head)."""
    columns = [[getattr(a, name) for a in articles] for name in LISTED]
    columns[_TAGS] = [list(tags) for tags in columns[_TAGS]]
    write_kept(path, LISTING_VERSION, list(token), columns)
    head = {"count": len(articles), "columns": [c[:HEAD_ROWS] for c in columns]}
    write_kept(head_path(path), LISTING_VERSION, list(token), head)
