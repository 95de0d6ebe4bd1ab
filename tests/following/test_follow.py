"""Following a story and what changed in it since it was last shown."""

from __future__ import annotations

import pytest
from hollywood_ai.index.errors import HollywoodError
from hollywood_ai.index.following import follows, news, refresh, subscriptions
from hollywood_ai.index.following.subscriptions import Subscription
from hollywood_ai.index.stories import grouping
from hollywood_ai.index.workspace import Workspace

from tests.feed_server import FeedServer, rss
from tests.following.story_texts import FIRST, SECOND, THIRD


def outlet_feed(server: FeedServer, name: str, text: str) -> str:
    path = f"/{name}.xml"
    title = f"{name.title()} on the Lumenfall deal with Vessa Marlowe"
    server.set(path, body=rss(name.title(), [(title, server.url(f"/{name}/marlowe"), text)]))
    return server.url(path)


def story_of(ws: Workspace, article_id: str) -> str:
    _, stories = grouping.grouped(ws)
    return next(st.id for st in stories if article_id in st.articles)


def test_news_names_the_new_source_its_new_figure_and_what_it_leaves_out(
    ws: Workspace, server: FeedServer
) -> None:
    urls = [outlet_feed(server, "north", FIRST), outlet_feed(server, "south", SECOND)]
    subscriptions.subscribe(ws, [Subscription(url=u) for u in urls])
    first = refresh.refresh(ws).added
    story_id = story_of(ws, first[0]["id"])
    assert story_of(ws, first[1]["id"]) == story_id
    story, already = follows.follow(ws, story_id)
    assert not already and story.id == story_id
    assert news.news(ws)[0].new_sources == []  # nothing new since it was followed
    third = outlet_feed(server, "east", THIRD)
    subscriptions.subscribe(ws, [Subscription(url=third)])
    added = refresh.refresh(ws).added
    [row] = follows.following(ws)
    assert row.to_dict()["new"] == 1
    [changed] = news.news(ws)
    assert [s["id"] for s in changed.new_sources] == [added[0]["id"]]
    figures = [d for d in changed.new_differences if d["kind"] == "number"]
    assert any("55" in " ".join(d["values"].values()) for d in figures)
    assert any("strike" in s["fact"] for s in changed.silent_on)
    # Shown: the next time there is nothing new.
    assert news.news(ws)[0].new_sources == []


def test_follow_of_an_unknown_story_changes_nothing(ws: Workspace) -> None:
    with pytest.raises(HollywoodError, match="there is no story 's-zzzz'"):
        follows.follow(ws, "s-zzzz")
    assert follows.following(ws) == []
    with pytest.raises(HollywoodError, match="is not followed"):
        follows.unfollow(ws, "s-zzzz")


def test_a_story_that_split_is_followed_in_both_parts_and_that_is_said(
    ws: Workspace, server: FeedServer
) -> None:
    from hollywood_ai.index.following import state

    subscriptions.subscribe(ws, [Subscription(url=outlet_feed(server, "north", FIRST))])
    refresh.refresh(ws)
    _, stories = grouping.grouped(ws)
    big = stories[0]
    other = next(st for st in stories if st.id != big.id)
    follows.follow(ws, big.id)
    # As if regrouping had moved one of its articles into another story.
    data = state.read(ws, state.FOLLOWS, {})
    data["stories"][big.id]["seen"].append(other.articles[0])
    state.write(ws, state.FOLLOWS, data)
    [row] = follows.following(ws)
    assert [st.id for st in row.now] == [big.id, other.id]
    assert "split into 2 stories" in (row.note() or "")
    news.news(ws)  # shown: each part is followed on its own
    assert follows.followed_ids(ws) == {big.id, other.id}
