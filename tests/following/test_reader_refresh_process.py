"""The reader's refresh runs in a process of its own (Pilot, against a feed
server on 127.0.0.1): the list gains the articles that process stores, a
failing feed is told in one sentence, and a refresh stopped (r again, or
quitting) leaves the library whole, the rest for the next refresh."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import pytest
from hollywood_ai.index.following import refresh as refreshmod
from hollywood_ai.index.following import subscriptions
from hollywood_ai.index.following.reading import unread_ids
from hollywood_ai.index.following.refresh import refresh
from hollywood_ai.index.workspace import Workspace
from hollywood_ai.tui.widgets.article_list import UNREAD_MARK

from tests.feed_server import FeedServer, entry_text, rss
from tests.following.test_reader_feeds import feed, subscribe
from tests.reader_support import make_app, option_texts, settle

SLOW = 20.0  # seconds the slow feed takes to answer: longer than any test waits


def notices(app) -> list[str]:
    return [n.message for n in app._notifications]


def titles(app) -> list[str]:
    return [t.split("\n")[0].removeprefix(UNREAD_MARK) for t in option_texts(app)]


async def test_r_refreshes_in_another_process_and_the_list_gains_its_articles(
    feeds_home: Path, server: FeedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    subscribe(
        feeds_home,
        feed(server, "north", entry_text(1)),
        feed(server, "south", entry_text(2)),
    )

    def not_here(*args: object, **kwargs: object) -> None:
        raise AssertionError("the reader refreshed in its own process")

    monkeypatch.setattr(refreshmod, "refresh", not_here)
    app = make_app(feeds_home, remember=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        before = app.main_screen.listing.option_count
        reading = app.main_screen.listing.current_id
        await pilot.press("r")
        child = app.main_screen._refresh
        await settle(pilot)
        # The new rows went in around the place kept: the same article is highlighted.
        assert reading is not None and app.main_screen.listing.current_id == reading
        assert child is not None and child.process is not None
        assert child.process.pid != os.getpid() and child.process.returncode == 0
        assert app.main_screen.listing.option_count == before + 2
        assert {"North on the Marlowe deal", "South on the Marlowe deal"} <= set(titles(app))
        assert sum(t.startswith(UNREAD_MARK) for t in option_texts(app)) == 2
        assert "2 unread" in str(app.main_screen.listing.border_title)
        assert any("2 new articles from 2 feeds" in n for n in notices(app))
        # The search reads the index that process wrote.
        await pilot.press("slash", *"north", "enter")
        await settle(pilot)
        assert titles(app) == ["North on the Marlowe deal"]


async def test_a_failing_feed_is_told_in_one_sentence_and_the_others_come_in(
    feeds_home: Path, server: FeedServer
) -> None:
    good = feed(server, "north", entry_text(1))
    server.set("/gone.xml", status=500)
    subscribe(feeds_home, good, server.url("/gone.xml"))
    app = make_app(feeds_home, remember=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert "North on the Marlowe deal" in titles(app)
        [told] = [n for n in notices(app) if "failed" in n]
        assert "1 new article from 2 feeds; 1 failed:" in told
        assert server.url("/gone.xml") in told and "500" in told
        assert "Traceback" not in told


async def test_no_feed_to_refresh_is_one_sentence(feeds_home: Path) -> None:
    app = make_app(feeds_home, remember=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        [told] = [n for n in notices(app) if "feeds" in n]
        assert told.startswith("There are no subscribed feeds to refresh")
        assert "\n" not in told.strip() and not app.main_screen.refreshing


def slow_and_fast(home: Path, server: FeedServer) -> tuple[str, str]:
    fast = feed(server, "north", entry_text(1))
    link = server.url("/slow/marlowe")
    server.set(
        "/slow.xml",
        body=rss("Slow", [("Slow on the Marlowe deal", link, entry_text(3))]),
        delay=SLOW,
    )
    slow = server.url("/slow.xml")
    subscribe(home, fast, slow)
    return fast, slow


async def until(condition, pilot) -> None:
    """Wait (in the reader's loop) until ``condition()`` holds."""
    for _ in range(600):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("the reader never got there")


def assert_whole(home: Path, fast: str, slow: str) -> None:
    """What a stopped refresh leaves: the fast feed's article stored, indexed,
    unread and remembered by its subscription; the slow feed's left for the
    next refresh, which stores it once, and nothing twice."""
    ws = Workspace(home)
    assert not ws.needs_sync()
    [stored] = [a for a in ws.articles() if a.title == "North on the Marlowe deal"]
    assert stored.id in unread_ids(ws)
    subs = {s.url: s for s in subscriptions.load(ws)}
    assert subs[fast].entries and subs[fast].last_refresh
    assert not subs[slow].entries
    count = len(ws.articles())
    again = refresh(ws, allow_private=True)
    assert [row["title"] for row in again.added] == ["Slow on the Marlowe deal"]
    assert len(Workspace(home).articles()) == count + 1


async def test_r_again_stops_the_refresh_keeping_what_it_read(
    feeds_home: Path, server: FeedServer
) -> None:
    fast, slow = slow_and_fast(feeds_home, server)
    app = make_app(feeds_home, remember=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await until(lambda: "North on the Marlowe deal" in titles(app), pilot)
        await pilot.press("r")
        await settle(pilot)
        assert not app.main_screen.refreshing
        [told] = [n for n in notices(app) if "stopped" in n]
        assert told.startswith("The refresh was stopped: 1 new article from 1 feed read")
        assert "the others wait for the next refresh" in told
    server.set("/slow.xml", delay=0.0)
    assert_whole(feeds_home, fast, slow)


async def test_quitting_mid_refresh_ends_it_and_the_library_stays_whole(
    feeds_home: Path, server: FeedServer
) -> None:
    fast, slow = slow_and_fast(feeds_home, server)
    app = make_app(feeds_home, remember=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await until(lambda: "North on the Marlowe deal" in titles(app), pilot)
        child = app.main_screen._refresh
        assert child is not None and child.process is not None
        await pilot.press("q")
    # The refresh ends on its own, without waiting for the slow feed.
    code = await asyncio.to_thread(child.process.wait, SLOW / 2)
    assert code == 0
    server.set("/slow.xml", delay=0.0)
    assert_whole(feeds_home, fast, slow)


async def test_a_refresh_that_cannot_start_is_one_sentence_and_r_works_again(
    feeds_home: Path, server: FeedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hollywood_ai.tui.refresh_process import RefreshProcess

    subscribe(feeds_home, feed(server, "north", entry_text(1)))

    def no_python(self: RefreshProcess) -> None:
        raise FileNotFoundError(2, "No such file or directory", "/gone/python")

    monkeypatch.setattr(RefreshProcess, "start", no_python)
    app = make_app(feeds_home, remember=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        [told] = [n for n in notices(app) if "could not start" in n]
        assert told.startswith("The refresh could not start:") and "/gone/python" in told
        assert not app.main_screen.refreshing
        monkeypatch.undo()
        await pilot.press("r")
        await settle(pilot)
        assert "North on the Marlowe deal" in titles(app)


async def test_a_refresh_whose_lines_cannot_be_read_ends_and_says_so(
    feeds_home: Path, server: FeedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hollywood_ai.tui.refresh_process import RefreshProcess

    subscribe(feeds_home, feed(server, "north", entry_text(1)))

    def garbled(self: RefreshProcess):
        yield {"done": "one", "total": 1}  # not a line the refresh writes

    monkeypatch.setattr(RefreshProcess, "events", garbled)
    app = make_app(feeds_home, remember=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        [told] = [n for n in notices(app) if "could not be read" in n]
        assert told.startswith("The refresh's progress could not be read")
        # Not left "refreshing": the library is followed again and r refreshes.
        assert not app.main_screen.refreshing
        monkeypatch.undo()
        await pilot.press("r")
        await settle(pilot)
        assert "North on the Marlowe deal" in titles(app)
