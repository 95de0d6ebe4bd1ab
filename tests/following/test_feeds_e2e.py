"""End to end in a real terminal (tmux): subscribe on the command line, `r`
in the reader, F on a new article, then `news` after the feed brings one
more report."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import pytest

from tests.feed_server import FeedServer, rss
from tests.following.story_texts import FIRST, SECOND, THIRD
from tests.reader.test_reader_e2e import WAIT, Terminal, _command, terminal  # noqa: F401

pytestmark = pytest.mark.e2e


def cli(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*_command(), "--home", str(home), *args], capture_output=True, text=True, timeout=120
    )


def feed(server: FeedServer, name: str, text: str) -> str:
    link = server.url(f"/{name}/marlowe")
    server.set(f"/{name}.xml", body=rss(name.title(), [(f"{name.title()} on Marlowe", link, text)]))
    return server.url(f"/{name}.xml")


def test_subscribe_refresh_and_follow_in_a_real_terminal(
    terminal: Terminal,  # noqa: F811
    feeds_home: Path,
    server: FeedServer,
) -> None:
    added = cli(
        feeds_home, "feeds", "add", feed(server, "north", FIRST), feed(server, "south", SECOND)
    )
    assert added.returncode == 0, added.stderr
    command = " ".join(f"'{part}'" for part in [*_command(), "--home", str(feeds_home)])
    terminal.tmux("new-session", "-d", "-s", terminal.name, "-x", "120", "-y", "40")
    terminal.tmux("respawn-pane", "-k", "-t", terminal.name, "-e", "TERM=xterm-256color", command)
    terminal.wait_for("Articles (5)")
    terminal.keys("r")
    terminal.wait_for("2 unread")
    terminal.keys("G", "k")  # the feed's articles are undated: near the end of the list
    terminal.wait_for("╭─ South")  # the reading pane shows it
    terminal.keys("F")
    terminal.wait_until(lambda screen: "Follow" in screen and "followed" in screen, "the notice")
    terminal.keys("q")
    deadline = time.monotonic() + WAIT
    while terminal.alive() and time.monotonic() < deadline:
        time.sleep(0.1)
    # A third outlet's report comes in the north feed.
    third = ("East on Marlowe", server.url("/east/marlowe"), THIRD)
    north = ("North on Marlowe", server.url("/north/marlowe"), FIRST)
    server.set("/north.xml", body=rss("North", [third, north]))
    assert cli(feeds_home, "refresh").returncode == 0
    news = cli(feeds_home, "news")
    assert "new source   North: East on Marlowe" in news.stdout, news.stdout + news.stderr
