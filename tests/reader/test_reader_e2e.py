"""End to end: `hollywood-ai --home TMP` in a real terminal (tmux), driven by
keys and read back with `capture-pane`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

TMUX = shutil.which("tmux")
WAIT = 30.0  # generous: a deadline for the screen to show something, not a timing claim


def _command() -> list[str]:
    script = Path(sys.executable).with_name("hollywood-ai")
    if script.exists():
        return [str(script)]
    found = shutil.which("hollywood-ai")
    return [found] if found else [sys.executable, "-m", "hollywood_ai.tui"]


class Terminal:
    def __init__(self, name: str, socket: Path) -> None:
        self.name = name
        self.socket = str(socket)

    def tmux(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [TMUX or "tmux", "-S", self.socket, *args],
            capture_output=True,
            text=True,
            check=check,
        )

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", self.name, check=False).stdout

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", self.name, *keys)

    def type(self, text: str) -> None:
        self.tmux("send-keys", "-t", self.name, "-l", text)

    def wait_for(self, text: str) -> str:
        return self.wait_until(lambda screen: text in screen, repr(text))

    def wait_until(self, check, what: str) -> str:
        deadline = time.monotonic() + WAIT
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if check(screen):
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{what} never appeared; the screen was:\n{screen}")

    def alive(self) -> bool:
        return self.tmux("has-session", "-t", self.name, check=False).returncode == 0


@pytest.fixture
def terminal(tmp_path: Path):
    if TMUX is None:
        pytest.skip("tmux is not installed")
    socket = tmp_path / "tmux.sock"
    term = Terminal(f"hw-{uuid.uuid4().hex[:8]}", socket)
    yield term
    term.tmux("kill-server", check=False)


def test_search_open_and_quit_in_a_real_terminal(terminal: Terminal, tmp_path: Path):
    home = tmp_path / "home"
    command = " ".join(f"'{part}'" for part in [*_command(), "--home", str(home)])
    env = {"TERM": "xterm-256color", "HOLLYWOOD_AI_HOME": str(home)}
    # The pane gets its size first, then the reader starts in it.
    terminal.tmux("new-session", "-d", "-s", terminal.name, "-x", "120", "-y", "40")
    terminal.tmux(
        "respawn-pane",
        "-k",
        "-t",
        terminal.name,
        *(x for k, v in env.items() for x in ("-e", f"{k}={v}")),
        command,
    )
    # A fresh home: the seeds are stored, listed, and indexed in the background.
    terminal.wait_for("Articles (5)")
    terminal.keys("/")
    terminal.wait_for("Search: words")
    terminal.type("sarandos")
    screen = terminal.wait_for("match “sarandos”")
    assert "articles match" in screen or "article matches" in screen
    terminal.keys("Enter")  # to the results
    terminal.wait_until(lambda s: "Read" in s.strip().splitlines()[-1], "the list's footer")
    terminal.keys("Enter")  # open the highlighted article: the pane takes the focus
    screen = terminal.wait_until(
        lambda s: (
            "Next match" in s.strip().splitlines()[-1] and "Read" not in s.strip().splitlines()[-1]
        ),
        "the reading pane's footer",
    )
    assert "match 1 of" in screen
    assert "Sarandos" in screen
    terminal.keys("n")
    terminal.wait_for("match 2 of")
    terminal.keys("q")
    deadline = time.monotonic() + WAIT
    while terminal.alive() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not terminal.alive()
    settings = (home / "settings.json").read_text(encoding="utf-8")
    assert '"article"' in settings
    assert os.path.isdir(home / "library")
