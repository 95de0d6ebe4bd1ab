"""What changed in a followed story since it was last shown: the new
sources, the facts they add, the differences they bring (a new figure for a
fact already reported, another spelling of a name, a quote worded
otherwise) and the facts they are silent on. Built on the story's facts
(comparing.facts): each fact says which sources report it, which are
silent and where they differ."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from hollywood_ai.index.comparing.facts import Fact, facts
from hollywood_ai.index.errors import HollywoodError
from hollywood_ai.index.following import follows as followmod
from hollywood_ai.index.workspace import Workspace


@dataclass
class StoryNews:
    story: str  # the id it is followed by
    label: str
    stories: list[str]  # the stories it is now
    new_sources: list[dict[str, Any]] = field(default_factory=list)
    new_facts: list[dict[str, Any]] = field(default_factory=list)
    new_differences: list[dict[str, Any]] = field(default_factory=list)
    silent_on: list[dict[str, Any]] = field(default_factory=list)
    note: str | None = None
    names: dict[str, str] = field(default_factory=dict)  # article id -> its outlet or title

    @property
    def changed(self) -> bool:
        return bool(self.new_sources)

    def to_dict(self) -> dict[str, Any]:
        return {
            "story": self.story,
            "label": self.label,
            "stories": list(self.stories),
            "new_sources": self.new_sources,
            "new_facts": self.new_facts,
            "new_differences": self.new_differences,
            "silent_on": self.silent_on,
            "note": self.note,
            "names": dict(self.names),
        }


def _source(ws: Workspace, article_id: str) -> dict[str, Any]:
    try:
        a = ws.get(article_id)
    except HollywoodError:
        return {"id": article_id, "title": None, "outlet": None, "published": None}
    return {"id": a.id, "title": a.title, "outlet": a.outlet, "published": a.published}


def story_news(ws: Workspace, followed: followmod.Followed) -> StoryNews:
    """The change in one followed story since it was last shown."""
    out = StoryNews(followed.id, followed.label, [st.id for st in followed.now])
    out.note = followed.note()
    new = set(followed.new)
    if not new:
        return out
    out.new_sources = [_source(ws, a) for a in followed.new]
    for st in followed.now:
        if not new & set(st.articles):
            continue
        for fact in facts(ws, st.id):
            _classify(fact, new, followed.seen, out)
    named = {a for d in out.new_differences for a in d["values"]} | new
    for article_id in sorted(named):
        source = _source(ws, article_id)
        out.names[article_id] = source["outlet"] or source["title"] or article_id
    return out


def _classify(fact: Fact, new: set[str], seen: set[str], out: StoryNews) -> None:
    reporters = set(fact.sources)
    brought, before = reporters & new, reporters & seen
    if brought and len(before) < 2:
        out.new_facts.append(
            {"fact": fact.label, "sources": sorted(brought), "also": sorted(before)}
        )
    elif before:
        quiet = sorted(new & set(fact.silent))
        if quiet:
            out.silent_on.append({"fact": fact.label, "silent": quiet})
    if not before:
        return
    for d in fact.discrepancies:
        if new & set(d.values):
            out.new_differences.append({"fact": fact.label} | d.to_dict())


def news(ws: Workspace, story: str | None = None, mark_shown: bool = True) -> list[StoryNews]:
    """The change in every followed story (or the one followed as ``story``)
    since it was last shown; with ``mark_shown``, it is shown now."""
    found = followmod.following(ws)
    if story is not None:
        found = [f for f in found if f.id == story or story in (st.id for st in f.now)]
        if not found:
            raise HollywoodError(
                f"the story '{story}' is not followed; follow it first (F in the reader, "
                "or 'hollywood-ai follow ID')"
            )
    out = [story_news(ws, f) for f in found]
    if mark_shown:
        followmod.mark_shown(ws, found)
    return out
