"""`feeds`, `refresh`, `follow`, `following` and `news` on the command line,
against a feed server on 127.0.0.1 (in this process, for speed)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hollywood_ai.tui.cli.main import main

from tests.feed_server import FeedServer, entry_text, rss
from tests.following.story_texts import FIRST, SECOND, THIRD

# newsboat's `newsboat -e` export, as it writes it.
NEWSBOAT_OPML = """<?xml version="1.0"?>
<opml version="1.0">
  <head>
    <title>newsboat - Exported Feeds</title>
  </head>
  <body>
    <outline type="rss" xmlUrl="{a}" htmlUrl="http://north.example/" title="North"/>
    <outline type="rss" xmlUrl="{b}" htmlUrl="http://south.example/" title="South &amp; Co"/>
  </body>
</opml>
"""

# Another reader's export, with folders (they become tags).
FOLDERS_OPML = """<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>Feeds</title></head><body>
  <outline text="Studios" title="Studios">
    <outline text="Trade" title="Trade">
      <outline type="rss" text="North" xmlUrl="{a}"/>
    </outline>
  </outline>
  <outline type="rss" text="South" xmlUrl="{b}" category="/unions"/>
</body></opml>
"""


def cli(capsys: pytest.CaptureFixture[str], home: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--home", str(home), *args])
    out, err = capsys.readouterr()
    return code, out, err


def two_feeds(server: FeedServer) -> tuple[str, str]:
    for name, n in (("north", 1), ("south", 2)):
        link = server.url(f"/{name}/{n}")
        server.set(
            f"/{name}.xml", body=rss(name.title(), [(f"{name} report", link, entry_text(n))])
        )
    return server.url("/north.xml"), server.url("/south.xml")


def test_subscribe_through_a_page_refresh_list_export_remove(
    capsys: pytest.CaptureFixture[str], feeds_home: Path, server: FeedServer
) -> None:
    north, south = two_feeds(server)
    page = b'<html><head><link rel="alternate" type="application/atom+xml" href="/north.xml"></head></html>'
    server.set("/", content_type="text/html", body=page)
    code, out, _ = cli(capsys, feeds_home, "feeds", "add", server.url("/"), south, "--tag", "trade")
    assert code == 0 and f"subscribed {north}" in out and f"subscribed {south}" in out
    code, out, err = cli(capsys, feeds_home, "refresh", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["feeds"] == [
        {"url": north, "new": 1, "status": "ok", "error": None},
        {"url": south, "new": 1, "status": "ok", "error": None},
    ]
    assert {a["title"] for a in data["added"]} == {"north report", "south report"}
    code, out, _ = cli(capsys, feeds_home, "refresh")
    assert code == 0 and "not modified" in out and "0 new articles from 2 feeds" in out
    code, out, _ = cli(capsys, feeds_home, "feeds", "list", "--json")
    rows = json.loads(out)
    assert [(r["title"], r["tags"], r["articles"], r["unread"]) for r in rows] == [
        ("North", ["trade"], 1, 1),
        ("South", ["trade"], 1, 1),
    ]
    code, out, _ = cli(capsys, feeds_home, "feeds", "export")
    assert '<outline text="trade" title="trade">' in out and f'xmlUrl="{north}"' in out
    code, out, _ = cli(capsys, feeds_home, "feeds", "remove", north)
    assert code == 0
    code, out, _ = cli(capsys, feeds_home, "feeds", "list", "--json")
    assert [r["url"] for r in json.loads(out)] == [south]


def test_newsboat_and_folder_opml_import(
    capsys: pytest.CaptureFixture[str], feeds_home: Path, server: FeedServer, tmp_path: Path
) -> None:
    north, south = two_feeds(server)
    newsboat = tmp_path / "newsboat.opml"
    newsboat.write_text(NEWSBOAT_OPML.format(a=north, b=south))
    code, out, err = cli(capsys, feeds_home, "feeds", "import", str(newsboat))
    assert code == 0, err
    assert "2 feeds subscribed" in out
    folders = tmp_path / "folders.opml"
    folders.write_text(FOLDERS_OPML.format(a=north, b=south))
    cli(capsys, feeds_home, "feeds", "import", str(folders))
    _, out, _ = cli(capsys, feeds_home, "feeds", "list", "--json")
    rows = {r["url"]: r for r in json.loads(out)}
    assert rows[north]["title"] == "North" and rows[north]["tags"] == ["Studios", "Trade"]
    assert rows[south]["title"] == "South & Co" and rows[south]["tags"] == ["unions"]
    code, out, _ = cli(capsys, feeds_home, "refresh", "--tag", "unions", "--json")
    assert [f["url"] for f in json.loads(out)["feeds"]] == [south]


@pytest.mark.parametrize(
    ("content", "said"),
    [
        ("this is not xml <<", "is not an OPML file: it is not readable XML"),
        ("<opml><body></body></opml>", "holds no feed outlines"),
        ("<html><body/></html>", "is not an OPML file (its XML does not start with <opml>)"),
        (
            '<?xml version="1.0"?><!DOCTYPE o [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
            "<opml><body><outline text='&b;'/></body></opml>",
            "holds no feed outlines",
        ),
    ],
)
def test_bad_opml_is_one_sentence_and_changes_nothing(
    capsys: pytest.CaptureFixture[str], feeds_home: Path, tmp_path: Path, content: str, said: str
) -> None:
    bad = tmp_path / "bad.opml"
    bad.write_text(content)
    code, out, err = cli(capsys, feeds_home, "feeds", "import", str(bad))
    assert code == 1 and out == ""
    assert said in err and err.count("\n") == 1 and "Traceback" not in err
    assert not (feeds_home / "feeds.json").exists()


def test_bad_feeds_and_stories_are_one_sentence_each(
    capsys: pytest.CaptureFixture[str], feeds_home: Path, server: FeedServer
) -> None:
    server.set("/page", content_type="text/html", body=b"<html><body>Nothing here</body></html>")
    code, _, err = cli(capsys, feeds_home, "feeds", "add", server.url("/page"))
    assert code == 1 and "is not a feed and links none" in err and err.count("\n") == 1
    code, _, err = cli(capsys, feeds_home, "refresh")
    assert code == 1 and "There are no subscribed feeds" in err
    code, _, err = cli(capsys, feeds_home, "follow", "s-nothere")
    assert code == 1 and "There is no story 's-nothere'" in err and err.count("\n") == 1
    code, _, err = cli(capsys, feeds_home, "feeds", "remove", server.url("/x.xml"))
    assert code == 1 and "is not a subscribed feed" in err
    assert not (feeds_home / "feeds.json").exists() and not (feeds_home / "follows.json").exists()


def test_a_failing_feed_exits_1_and_the_json_says_why(
    capsys: pytest.CaptureFixture[str], feeds_home: Path, server: FeedServer
) -> None:
    north, south = two_feeds(server)
    cli(capsys, feeds_home, "feeds", "add", north, south)
    server.set("/south.xml", status=404)
    code, out, err = cli(capsys, feeds_home, "refresh", "--json")
    assert code == 1
    south_row = json.loads(out)["feeds"][1]
    assert south_row["status"] == "failed" and "404" in south_row["error"]
    assert f"{south} could not be fetched: the server answered 404" in err


def test_follow_refresh_news_on_the_command_line(
    capsys: pytest.CaptureFixture[str], feeds_home: Path, server: FeedServer
) -> None:
    for name, text in (("north", FIRST), ("south", SECOND)):
        link = server.url(f"/{name}/marlowe")
        server.set(
            f"/{name}.xml", body=rss(name.title(), [(f"{name.title()} on Marlowe", link, text)])
        )
    cli(capsys, feeds_home, "feeds", "add", server.url("/north.xml"), server.url("/south.xml"))
    _, out, _ = cli(capsys, feeds_home, "refresh", "--json")
    first = json.loads(out)["added"][0]["id"]
    _, out, _ = cli(capsys, feeds_home, "stories", "--json")
    story = next(s["id"] for s in json.loads(out) if first in s["articles"])
    code, out, _ = cli(capsys, feeds_home, "follow", story)
    assert code == 0 and out.startswith(f"followed {story}")
    link = server.url("/east/marlowe")
    server.set("/east.xml", body=rss("East", [("East on Marlowe", link, THIRD)]))
    cli(capsys, feeds_home, "feeds", "add", server.url("/east.xml"))
    cli(capsys, feeds_home, "refresh")
    _, out, _ = cli(capsys, feeds_home, "following", "--json")
    assert json.loads(out)[0]["new"] == 1
    code, out, _ = cli(capsys, feeds_home, "news")
    assert code == 0 and "new source   East: East on Marlowe" in out and "silent on" in out
    _, out, _ = cli(capsys, feeds_home, "news", "--json")
    assert json.loads(out)[0]["new_sources"] == []
    code, out, _ = cli(capsys, feeds_home, "unfollow", story)
    assert code == 0
    _, out, _ = cli(capsys, feeds_home, "following", "--json")
    assert json.loads(out) == []


def test_search_feed_keeps_one_feeds_articles(
    capsys: pytest.CaptureFixture[str], feeds_home: Path, server: FeedServer
) -> None:
    north, south = two_feeds(server)
    cli(capsys, feeds_home, "feeds", "add", north, south)
    cli(capsys, feeds_home, "refresh")
    code, out, err = cli(capsys, feeds_home, "search", f"feed:{north}", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["total"] == 1 and [h["title"] for h in data["hits"]] == ["north report"]
    _, out, _ = cli(capsys, feeds_home, "search", "synthetic voices", "feed:south.xml", "--json")
    assert [h["title"] for h in json.loads(out)["hits"]] == ["south report"]
    _, out, _ = cli(capsys, feeds_home, "search", "synthetic voices", "--json")
    assert json.loads(out)["total"] >= 2
    code, _, err = cli(capsys, feeds_home, "search", "feed:http://nowhere.example/x.xml")
    assert code == 1 and "is not a subscribed feed" in err


def test_refresh_json_lines_prints_each_feed_as_it_is_done_then_the_report(
    capsys: pytest.CaptureFixture[str], feeds_home: Path, server: FeedServer
) -> None:
    north, south = two_feeds(server)
    cli(capsys, feeds_home, "feeds", "add", north, south)
    code, out, _ = cli(capsys, feeds_home, "refresh", "--json-lines")
    assert code == 0
    lines = [json.loads(line) for line in out.splitlines()]
    *feeds, last = lines
    done = [f for f in feeds if f["feed"]]  # (a line with none: stored while one is awaited)
    assert sorted(f["feed"]["url"] for f in done) == [north, south]
    assert [f["done"] for f in done] == [1, 2] and {f["total"] for f in feeds} == {2}
    stored = [i for f in feeds for i in f["added"]]
    assert sorted(stored) == sorted(row["id"] for row in last["report"]["added"])
    assert len(stored) == 2 and last["followed_new"] == []
