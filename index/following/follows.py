"""Followed stories. A story is followed by its id and the articles it had
when it was last shown; the story it is now is the one holding those
articles (stories' ids come from their earliest article, so regrouping
rarely changes one; when it does, the follow goes with the articles, and a
story that split into several has each part followed, which is said)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from hollywood_ai.index.errors import HollywoodError
from hollywood_ai.index.following import state
from hollywood_ai.index.stories import grouping as storymod
from hollywood_ai.index.workspace import Workspace


@dataclass
class Followed:
    """A followed story as it is now."""

    id: str  # the id it was followed by
    label: str
    seen: set[str]  # its articles when it was last shown
    now: list[storymod.Story] = field(default_factory=list)  # the stories holding them

    @property
    def articles(self) -> list[str]:
        return [a for st in self.now for a in st.articles]

    @property
    def new(self) -> list[str]:
        return [a for a in self.articles if a not in self.seen]

    def note(self) -> str | None:
        if not self.now:
            return f"the story {self.id} is gone: its articles were removed from the library"
        if len(self.now) > 1:
            ids = ", ".join(st.id for st in self.now)
            return (
                f"the story {self.id} split into {len(self.now)} stories ({ids}); each is followed"
            )
        if self.now[0].id != self.id:
            return f"the story {self.id} is now {self.now[0].id} (regrouped); it is still followed"
        return None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "stories": [st.id for st in self.now],
            "articles": len(self.articles),
            "new": len(self.new),
            "note": self.note(),
        }


def _rows_of(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    rows = data.get("stories")
    return rows if isinstance(rows, dict) else {}


def _stored(ws: Workspace) -> dict[str, dict[str, Any]]:
    return _rows_of(state.read(ws, state.FOLLOWS, {}))


def followed_ids(ws: Workspace) -> set[str]:
    return set(_stored(ws))


def follow(ws: Workspace, story_id: str) -> tuple[storymod.Story, bool]:
    """Follow a story (by its id or a unique prefix): the story, and whether
    it was followed already. Its articles now count as seen."""
    _, stories = storymod.of_library(ws)
    story = storymod.find_or_fail(stories, story_id)
    already = story.id in _stored(ws)

    def edit(data: dict[str, Any]) -> dict[str, Any]:
        rows = _rows_of(data)
        if story.id not in rows:
            rows[story.id] = _row(story.label, story.articles)
        return {"version": 1, "stories": rows}

    state.change(ws, state.FOLLOWS, {}, edit)
    return story, already


def _row(label: str, seen: list[str]) -> dict[str, Any]:
    when = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return {"label": label, "seen": sorted(seen), "shown": when}


def unfollow(ws: Workspace, story_id: str) -> str:
    """Stop following a story (its id or a unique prefix); the id."""
    rows = _stored(ws)
    wanted = story_id.strip()
    matches = [i for i in rows if i == wanted] or [
        i for i in rows if i.removeprefix("s-").startswith(wanted.removeprefix("s-")) and wanted
    ]
    if len(matches) != 1:
        listed = ", ".join(sorted(rows)) or "none"
        raise HollywoodError(
            f"the story '{wanted}' is not followed (followed: {listed}); "
            "run 'hollywood-ai following' to see them"
        )

    def edit(data: dict[str, Any]) -> dict[str, Any]:
        kept = _rows_of(data)
        kept.pop(matches[0], None)
        return {"version": 1, "stories": kept}

    state.change(ws, state.FOLLOWS, {}, edit)
    return matches[0]


def following(ws: Workspace) -> list[Followed]:
    """Every followed story as it is now (nothing is written)."""
    rows = _stored(ws)
    if not rows:
        return []
    _, stories = storymod.grouped(ws)
    holding: dict[str, storymod.Story] = {a: st for st in stories for a in st.articles}
    out = []
    for story_id, row in sorted(rows.items()):
        if not isinstance(row, dict) or not isinstance(row.get("seen"), list):
            continue  # a file edited by hand: what is not a followed story is left out
        seen = {a for a in row["seen"] if isinstance(a, str)}
        now: list[storymod.Story] = []
        for article in sorted(seen):
            st = holding.get(article)
            if st is not None and st not in now:
                now.append(st)
        now.sort(key=lambda st: (st.id != story_id, -len(st.articles), st.id))
        out.append(Followed(story_id, str(row.get("label") or story_id), seen, now))
    return out


def mark_shown(ws: Workspace, shown: list[Followed]) -> None:
    """These stories were shown as they are now: their articles count as seen;
    a regrouped one keeps the id it was followed by, each part of a split one
    is followed by its own."""
    if not shown:
        return

    def edit(data: dict[str, Any]) -> dict[str, Any]:
        rows = _rows_of(data)
        for f in shown:
            if f.id not in rows or not f.now:
                continue
            if len(f.now) == 1:  # followed by the id it was given, whatever it is now
                rows[f.id] = _row(f.now[0].label, f.now[0].articles)
                continue
            rows.pop(f.id)
            for st in f.now:
                rows[st.id] = _row(st.label, st.articles)
        return {"version": 1, "stories": rows}

    state.change(ws, state.FOLLOWS, {}, edit)
