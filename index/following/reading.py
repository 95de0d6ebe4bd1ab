"""Read and unread: an article a refresh brings is unread until it is
opened or marked read. Articles added any other way are never unread."""

from __future__ import annotations

from collections.abc import Iterable

from hollywood_ai.index.following import state
from hollywood_ai.index.workspace import Workspace


def unread_ids(ws: Workspace) -> set[str]:
    ids = state.read(ws, state.UNREAD, {}).get("unread", [])
    return {str(i) for i in ids} if isinstance(ids, list) else set()


def _set(
    ws: Workspace, add: Iterable[str] = (), drop: Iterable[str] = (), clear: bool = False
) -> set[str]:
    adding, dropping = set(add), set(drop)

    def edit(data: dict) -> dict:
        ids = set() if clear else {str(i) for i in data.get("unread", []) if isinstance(i, str)}
        return {"unread": sorted((ids | adding) - dropping)}

    return set(state.change(ws, state.UNREAD, {}, edit)["unread"])


def mark_unread(ws: Workspace, ids: Iterable[str]) -> set[str]:
    """Mark articles unread; the unread ids now."""
    return _set(ws, add=ids)


def mark_read(ws: Workspace, ids: Iterable[str]) -> set[str]:
    """Mark articles read (nothing is written when none was unread)."""
    wanted = set(ids)
    if not wanted & unread_ids(ws):
        return unread_ids(ws)
    return _set(ws, drop=wanted)


def toggle_read(ws: Workspace, article_id: str) -> bool:
    """Flip an article between read and unread; True when it is now unread."""
    if article_id in unread_ids(ws):
        mark_read(ws, [article_id])
        return False
    mark_unread(ws, [article_id])
    return True


def mark_all_read(ws: Workspace) -> int:
    """Mark every article read; how many were unread."""
    before = len(unread_ids(ws))
    if before:
        _set(ws, clear=True)
    return before
