"""The reader run for real on a pseudo-terminal, and waiting on a state
(never a fixed sleep): shared by the tests that kill or quit the reader."""

from __future__ import annotations

import fcntl
import os
import pty
import struct
import subprocess
import sys
import termios
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

EXE = str(Path(sys.executable).parent / "hollywood-ai")


@dataclass
class Terminal:
    """The reader's process, the terminal's side to type into, and what the
    reader has drawn so far (read in a thread so it never blocks on output)."""

    proc: subprocess.Popen[bytes]
    leader: int
    drawn: bytearray = field(default_factory=bytearray)


def reader_on_a_pty(home: Path, columns: int = 80, rows: int = 24) -> Terminal:
    """`hollywood-ai --home HOME` on a pseudo-terminal of ``columns`` x ``rows``."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color", "TEXTUAL_ANIMATIONS": "none"}
    proc = subprocess.Popen(
        [EXE, "--home", str(home)],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env=env,
        start_new_session=True,
    )
    os.close(follower)
    terminal = Terminal(proc, leader)

    def drain() -> None:
        try:
            while chunk := os.read(leader, 65536):
                terminal.drawn.extend(chunk)
        except OSError:  # the reader ended: the terminal's other side is gone
            pass

    threading.Thread(target=drain, daemon=True).start()
    return terminal


def wait_until(done: Callable[[], object], what: str, timeout: float = 60.0) -> None:
    """Poll a state until it holds, or fail saying what was awaited."""
    deadline = time.monotonic() + timeout
    while not done():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.01)
