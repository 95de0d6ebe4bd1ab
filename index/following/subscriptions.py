"""Feed subscriptions: which feeds a home follows, with what each refresh
left (validators for a conditional GET, the time, the last error, and the
article each entry became)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

from hollywood_ai.index.errors import HollywoodError
from hollywood_ai.index.following import state
from hollywood_ai.index.workspace import Workspace


@dataclass
class Subscription:
    url: str
    title: str | None = None
    tags: list[str] = field(default_factory=list)
    etag: str | None = None
    last_modified: str | None = None
    last_refresh: str | None = None  # ISO time (UTC) of the last refresh that reached it
    last_error: str | None = None
    # Each entry taken from the feed (its origin) and the article it is.
    entries: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @staticmethod
    def from_dict(data: dict[str, Any]) -> Subscription | None:
        """A subscription from its stored form; None for one that is not."""
        if not isinstance(data, dict) or not isinstance(data.get("url"), str):
            return None
        known = {f.name for f in fields(Subscription)}
        sub = Subscription(url=data["url"])
        for key, value in data.items():
            if key in known and key != "url":
                setattr(sub, key, value)
        for name in ("title", "etag", "last_modified", "last_refresh", "last_error"):
            if not isinstance(getattr(sub, name), str):
                setattr(sub, name, None)  # a file edited by hand: what is not text is dropped
        sub.tags = [str(t) for t in sub.tags] if isinstance(sub.tags, list) else []
        if not isinstance(sub.entries, dict):
            sub.entries = {}
        sub.entries = {str(k): str(v) for k, v in sub.entries.items()}
        return sub

    def article_ids(self) -> list[str]:
        return sorted(set(self.entries.values()))


def load(ws: Workspace) -> list[Subscription]:
    rows = state.read(ws, state.FEEDS, {}).get("feeds", [])
    subs = [Subscription.from_dict(row) for row in rows] if isinstance(rows, list) else []
    return [s for s in subs if s is not None]


def _rows(subs: list[Subscription]) -> dict[str, Any]:
    return {"version": 1, "feeds": [s.to_dict() for s in subs]}


def save(ws: Workspace, subs: list[Subscription]) -> None:
    """Write the subscriptions (call under state.locked)."""
    state.write(ws, state.FEEDS, _rows(subs))


def find(subs: list[Subscription], url: str) -> Subscription | None:
    wanted = url.strip()
    return next((s for s in subs if s.url == wanted), None)


def subscribe(ws: Workspace, found: list[Subscription]) -> tuple[list[str], list[str]]:
    """Add these subscriptions (their tags joined to those of a feed already
    there): the URLs added and those already subscribed."""
    added: list[str] = []
    there: list[str] = []
    with state.locked(ws):
        subs = load(ws)
        for new in found:
            old = find(subs, new.url)
            if old is None:
                subs.append(new)
                added.append(new.url)
                continue
            there.append(new.url)
            old.tags += [t for t in new.tags if t not in old.tags]
            old.title = old.title or new.title
        save(ws, subs)
    return added, there


def unsubscribe(ws: Workspace, url: str) -> Subscription:
    """Remove one subscription (its articles stay in the library)."""
    with state.locked(ws):
        subs = load(ws)
        sub = find(subs, url)
        if sub is None:
            raise HollywoodError(_not_subscribed(url, subs))
        save(ws, [s for s in subs if s is not sub])
    return sub


def _not_subscribed(url: str, subs: list[Subscription]) -> str:
    if not subs:
        return f"{url} is not a subscribed feed: there are none yet; add one with 'hollywood-ai feeds add URL'"
    return f"{url} is not a subscribed feed; run 'hollywood-ai feeds list' to see their addresses"


def listing(ws: Workspace) -> list[dict[str, Any]]:
    """Each subscription as `feeds list` shows it: title, URL, tags, the last
    refresh and error, how many of the library's articles came from it and
    how many of those are unread."""
    from hollywood_ai.index.following import reading

    unread = reading.unread_ids(ws)
    stored = set(ws.library.ids())
    rows = []
    for sub in load(ws):
        ids = [i for i in sub.article_ids() if i in stored]
        rows.append(
            {
                "title": sub.title,
                "url": sub.url,
                "tags": list(sub.tags),
                "last_refresh": sub.last_refresh,
                "last_error": sub.last_error,
                "articles": len(ids),
                "unread": sum(1 for i in ids if i in unread),
            }
        )
    return rows


def feed_articles(ws: Workspace, url: str) -> set[str]:
    """The ids of the articles that came from a subscribed feed (the feed's
    URL, or a unique part of it); a HollywoodError for one not subscribed."""
    subs = load(ws)
    sub = find(subs, url)
    if sub is None:
        close = [s for s in subs if url.strip() and url.strip() in s.url]
        if len(close) != 1:
            raise HollywoodError(_not_subscribed(url, subs))
        sub = close[0]
    return set(sub.entries.values())
