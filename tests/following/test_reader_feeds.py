"""The reader with feeds: `r` refreshes in a worker, unread marks and their
count, opening marks read, `u` toggles, F follows, and the "new in this
story" view (Pilot, against a feed server on 127.0.0.1)."""

from __future__ import annotations

from pathlib import Path

from hollywood_ai.index.following import follows, subscriptions
from hollywood_ai.index.following.subscriptions import Subscription
from hollywood_ai.index.workspace import Workspace
from hollywood_ai.tui.screens.facts import FactsScreen
from hollywood_ai.tui.screens.story_news import StoryNewsScreen
from hollywood_ai.tui.screens.story_picker import StoryPicker
from hollywood_ai.tui.widgets.article_list import UNREAD_MARK
from textual.widgets import OptionList, Static

from tests.feed_server import FeedServer, rss
from tests.following.story_texts import FIRST, SECOND, THIRD
from tests.reader_support import make_app, option_texts, settle


def feed(server: FeedServer, name: str, text: str) -> str:
    link = server.url(f"/{name}/marlowe")
    title = f"{name.title()} on the Marlowe deal"
    server.set(f"/{name}.xml", body=rss(name.title(), [(title, link, text)]))
    return server.url(f"/{name}.xml")


def subscribe(home: Path, *urls: str) -> None:
    ws = Workspace(home)
    subscriptions.subscribe(ws, [Subscription(url=u) for u in urls])


def border(app) -> str:
    return str(app.main_screen.listing.border_title)


def unread_rows(app) -> list[str]:
    return [t for t in option_texts(app) if t.startswith(UNREAD_MARK)]


async def test_r_refreshes_marks_unread_opening_or_u_marks_read_and_feed_filters(
    feeds_home: Path, server: FeedServer
) -> None:
    subscribe(feeds_home, feed(server, "north", FIRST), feed(server, "south", SECOND))
    app = make_app(feeds_home, remember=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "unread" not in border(app)
        before = app.main_screen.listing.option_count
        await pilot.press("r")
        await settle(pilot)
        assert app.main_screen.listing.option_count == before + 2
        assert len(unread_rows(app)) == 2
        assert "2 unread" in border(app)
        # Open the first unread one: it is read.
        first = next(i for i, t in enumerate(option_texts(app)) if t.startswith(UNREAD_MARK))
        app.main_screen.listing.highlighted = first
        app.main_screen.listing.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert len(unread_rows(app)) == 1 and "1 unread" in border(app)
        app.main_screen.listing.focus()
        await pilot.press("u")
        await settle(pilot)
        assert len(unread_rows(app)) == 2
        app.main_screen.action_mark_all_read()
        await settle(pilot)
        assert unread_rows(app) == [] and "unread" not in border(app)
        await pilot.press("u")  # unread again: the next start shows it so
        await settle(pilot)
        # The palette's feed entry: feed:URL in the search box, that feed's articles.
        app.main_screen.show_feed(server.url("/north.xml"))
        await settle(pilot)
        assert [t.split("\n")[0].removeprefix(UNREAD_MARK) for t in option_texts(app)] == [
            "North on the Marlowe deal"
        ]
    again = make_app(feeds_home, remember=False)
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert len(unread_rows(again)) == 1 and "1 unread" in border(again)


async def test_f_follows_and_the_new_in_story_view_shows_the_change(
    feeds_home: Path, server: FeedServer
) -> None:
    subscribe(feeds_home, feed(server, "north", FIRST), feed(server, "south", SECOND))
    app = make_app(feeds_home, remember=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        listing = app.main_screen.listing
        listing.highlighted = next(i for i, t in enumerate(option_texts(app)) if "Marlowe" in t)
        listing.focus()
        await pilot.press("F")
        await settle(pilot)
        [followed] = follows.followed_ids(Workspace(feeds_home))
        subscribe(feeds_home, feed(server, "east", THIRD))
        await pilot.press("r")
        await settle(pilot)
        # The story list (t in compare or facts) marks the followed story that gained one.
        facts = FactsScreen(app.workspace, story=followed)
        facts.find_facts = lambda story: None  # only its story list is wanted here
        await app.push_screen(facts)
        facts.action_story()
        await settle(pilot)
        assert isinstance(app.screen, StoryPicker)
        picker = app.screen.query_one(OptionList)
        marked = [str(picker.get_option_at_index(i).prompt) for i in range(picker.option_count)]
        assert any("● 1 new" in row for row in marked)
        app.pop_screen()
        app.pop_screen()
        app.push_screen(StoryNewsScreen(app.workspace, followed))
        await settle(pilot)
        text = str(app.screen.query_one("#news-body", Static).visual)
        assert "New sources" in text and "East: East on the Marlowe deal" in text
        assert "Differences they bring" in text and "55 million" in text
        assert "Facts they are silent on" in text and "strike" in text
        await pilot.press("escape")
        app.push_screen(StoryNewsScreen(app.workspace, followed))
        await settle(pilot)
        text = str(app.screen.query_one("#news-body", Static).visual)
        assert "Nothing new since it was last shown" in text


def test_refresh_minutes_is_off_unless_a_whole_positive_number() -> None:
    from hollywood_ai.tui.settings import Settings

    assert Settings().refresh_minutes is None
    assert Settings.from_dict({"refresh_minutes": 30}).refresh_minutes == 30
    for bad in (0, -5, "30", True, 2.5, None):
        assert Settings.from_dict({"refresh_minutes": bad}).refresh_minutes is None
