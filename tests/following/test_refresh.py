"""Subscriptions and refresh against a feed server on 127.0.0.1."""

from __future__ import annotations

import pytest
from hollywood_ai.index.errors import HollywoodError
from hollywood_ai.index.following import reading, refresh, subscriptions
from hollywood_ai.index.following.discovery import discover
from hollywood_ai.index.following.subscriptions import Subscription
from hollywood_ai.index.ingest import fetch
from hollywood_ai.index.workspace import Workspace

from tests.feed_server import FeedServer, entry_text, rss


def items(server: FeedServer, numbers: list[int], extra: str = "") -> list[tuple[str, str, str]]:
    return [
        (f"Voices report {n}", server.url(f"/story/{n}"), entry_text(n, extra)) for n in numbers
    ]


def subscribe(ws: Workspace, *urls: str) -> None:
    subscriptions.subscribe(ws, [Subscription(url=u) for u in urls])


def test_refresh_adds_new_entries_then_a_304_costs_nothing(
    ws: Workspace, server: FeedServer
) -> None:
    route = server.set("/a.xml", body=rss("Outlet A", items(server, [1, 2])))
    subscribe(ws, server.url("/a.xml"))
    first = refresh.refresh(ws)
    assert [f.to_dict() for f in first.feeds] == [
        {"url": server.url("/a.xml"), "new": 2, "status": "ok", "error": None}
    ]
    assert {a.title for a in ws.articles()} >= {"Voices report 1", "Voices report 2"}
    second = refresh.refresh(ws)
    assert second.feeds[0].status == "not-modified" and second.feeds[0].new == 0
    assert route.hits == ["200", "304"]
    # New entries and an edited one: only the new one is stored.
    server.set("/a.xml", body=rss("Outlet A", items(server, [1, 2, 3], extra="Edited.")))
    third = refresh.refresh(ws)
    assert third.feeds[0].new == 1
    assert [a["title"] for a in third.added] == ["Voices report 3"]
    assert sum(1 for a in ws.articles() if a.title == "Voices report 1") == 1
    row = subscriptions.listing(ws)[0]
    assert row["articles"] == 3 and row["unread"] == 3 and row["title"] == "Outlet A"


def test_a_failing_feed_keeps_its_state_and_the_others_go_on(
    ws: Workspace, server: FeedServer
) -> None:
    server.set("/a.xml", body=rss("A", items(server, [1])))
    server.set("/b.xml", body=rss("B", items(server, [2])))
    subscribe(ws, server.url("/a.xml"), server.url("/b.xml"))
    refresh.refresh(ws)
    server.set("/a.xml", status=500)
    server.set("/b.xml", body=rss("B", items(server, [2, 3])))
    report = refresh.refresh(ws)
    a, b = report.feeds
    assert a.status == "failed" and "500" in (a.error or "") and not report.ok
    assert b.status == "ok" and b.new == 1
    rows = {r["url"]: r for r in subscriptions.listing(ws)}
    assert rows[server.url("/a.xml")]["articles"] == 1
    assert "500" in rows[server.url("/a.xml")]["last_error"]
    server.set("/a.xml", status=200)
    again = refresh.refresh(ws)
    assert again.feeds[0].status == "not-modified"  # its last good ETag was kept


def test_a_slow_feed_fails_past_its_deadline(
    ws: Workspace, server: FeedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fetch, "TIMEOUT", 0.3)
    monkeypatch.setattr(fetch, "DEADLINE", 0.5)
    server.set("/slow.xml", body=rss("S", items(server, [1])), delay=1.5)
    server.set("/a.xml", body=rss("A", items(server, [2])))
    subscribe(ws, server.url("/slow.xml"), server.url("/a.xml"))
    report = refresh.refresh(ws)
    slow, fast = report.feeds
    assert slow.status == "failed" and "within" in (slow.error or "")
    assert fast.new == 1


def test_a_301_moves_the_subscription_and_a_302_does_not(ws: Workspace, server: FeedServer) -> None:
    server.set("/new.xml", body=rss("N", items(server, [1])))
    server.set("/old.xml", status=301, location=server.url("/new.xml"))
    server.set("/tmp.xml", status=302, location=server.url("/new2.xml"))
    server.set("/new2.xml", body=rss("T", items(server, [2])))
    subscribe(ws, server.url("/old.xml"), server.url("/tmp.xml"))
    report = refresh.refresh(ws)
    assert report.feeds[0].moved_to == server.url("/new.xml")
    assert report.feeds[1].moved_to is None
    urls = [s.url for s in subscriptions.load(ws)]
    assert urls == [server.url("/new.xml"), server.url("/tmp.xml")]


def test_new_articles_are_unread_until_read(ws: Workspace, server: FeedServer) -> None:
    server.set("/a.xml", body=rss("A", items(server, [1, 2])))
    subscribe(ws, server.url("/a.xml"))
    added = [row["id"] for row in refresh.refresh(ws).added]
    assert reading.unread_ids(ws) == set(added)
    reading.mark_read(ws, added[:1])
    assert reading.unread_ids(ws) == set(added[1:])
    assert reading.toggle_read(ws, added[0]) is True
    assert reading.mark_all_read(ws) == 2 and reading.unread_ids(ws) == set()


def test_discovery_follows_a_pages_alternate_link(server: FeedServer) -> None:
    server.set("/feed.xml", body=rss("Outlet A", items(server, [1])))
    server.set(
        "/",
        content_type="text/html",
        body=b'<html><head><link rel="alternate" type="application/rss+xml" '
        b'href="/feed.xml"></head><body>Hi</body></html>',
    )
    assert discover(server.url("/")) == (server.url("/feed.xml"), "Outlet A")
    server.set("/plain", content_type="text/html", body=b"<html><body>No feed</body></html>")
    with pytest.raises(HollywoodError, match="is not a feed and links none"):
        discover(server.url("/plain"))


def test_hostile_feed_xml_fails_alone(ws: Workspace, server: FeedServer) -> None:
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">'
        + b"".join(f'<!ENTITY a{i} "{"&a;" * 10}">'.encode() for i in range(1))
        + b"]><rss><channel><title>&a0;</title>"
        + b"<item><title>x</title></item>" * 0
        + b"</channel></rss>"
    )
    server.set("/bomb.xml", body=bomb)
    server.set("/huge.xml", body=b"<rss>" + b" " * (fetch.MAX_BYTES + 10))
    server.set("/a.xml", body=rss("A", items(server, [1])))
    subscribe(ws, server.url("/bomb.xml"), server.url("/huge.xml"), server.url("/a.xml"))
    before = {a.id for a in ws.articles()}
    report = refresh.refresh(ws)
    bomb_out, huge, ok = report.feeds
    assert bomb_out.status == "failed" and huge.status == "failed"
    assert "larger than" in (huge.error or "")
    assert ok.new == 1
    assert len({a.id for a in ws.articles()} - before) == 1


def test_a_summary_entry_has_its_page_fetched_once(ws: Workspace, server: FeedServer) -> None:
    from tests.feed_server import WORDS

    paragraphs = "".join(f"<p>{WORDS} Part {i} of the page.</p>" for i in range(5))
    page = server.set(
        "/page/1",
        content_type="text/html",
        body=f"<html><head><title>Page one</title></head><body><article><h1>Page one</h1>"
        f"{paragraphs}</article></body></html>".encode(),
    )
    summary = [("Page one", server.url("/page/1"), "A short summary of the page.")]
    server.set("/s.xml", body=rss("S", summary))
    subscribe(ws, server.url("/s.xml"))
    first = refresh.refresh(ws, allow_private=True)
    assert first.feeds[0].new == 1
    assert "Part 4 of the page" in ws.get(first.added[0]["id"]).body
    # The feed changes (a new entry): the known entry's page is not fetched again.
    server.set("/s.xml", body=rss("S", [*summary, *items(server, [7])]))
    assert refresh.refresh(ws, allow_private=True).feeds[0].new == 1
    assert page.hits == ["200"]


def test_a_damaged_subscriptions_file_is_read_as_far_as_it_goes(ws: Workspace) -> None:
    (ws.home / "feeds.json").write_text(
        '{"feeds": [{"url": "http://a.example/f.xml", "etag": 5, "tags": "x", "entries": []},'
        ' {"no": "url"}, 7]}'
    )
    [sub] = subscriptions.load(ws)
    assert (sub.url, sub.etag, sub.tags, sub.entries) == ("http://a.example/f.xml", None, [], {})
    (ws.home / "feeds.json").write_text("{not json")
    assert subscriptions.load(ws) == []


def test_a_stopped_refresh_keeps_what_it_read_and_leaves_the_rest(
    ws: Workspace, server: FeedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    server.set("/a.xml", body=rss("A", items(server, [1, 2])))
    server.set("/slow.xml", body=rss("S", items(server, [3])), delay=5.0)
    subscribe(ws, server.url("/a.xml"), server.url("/slow.xml"))
    monkeypatch.setattr(refresh, "STORE_SECONDS", 0.0)  # stored as soon as read
    stop = threading.Event()
    seen: list[tuple[int, list[str]]] = []

    def progress(done: int, total: int, outcome: object, added: list[str]) -> None:
        seen.append((done, added))
        if added:
            stop.set()  # as SIGTERM does, once the first feed's articles are stored

    report = refresh.refresh(ws, progress=progress, stop=stop)
    assert report.stopped and report.to_dict()["stopped"] is True
    assert [f.url for f in report.feeds] == [server.url("/a.xml")]
    assert sorted(row["title"] for row in report.added) == ["Voices report 1", "Voices report 2"]
    stored = {a.title: a.id for a in Workspace(ws.home).articles()}
    assert {"Voices report 1", "Voices report 2"} <= set(stored) and "Voices report 3" not in stored
    assert {stored["Voices report 1"], stored["Voices report 2"]} <= reading.unread_ids(ws)
    rows = {s.url: s for s in subscriptions.load(ws)}
    assert rows[server.url("/a.xml")].entries and not rows[server.url("/slow.xml")].entries
    server.set("/slow.xml", delay=0.0)
    again = refresh.refresh(ws)
    assert [row["title"] for row in again.added] == ["Voices report 3"]
