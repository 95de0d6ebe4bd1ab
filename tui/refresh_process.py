"""The reader's refresh of the feeds, run in a process of its own.

Storing, indexing and grouping the new articles is Python that holds the GIL
for long stretches: in a thread of the reader it kept the event loop from
drawing for a third of a second at a time. In another process it costs the
reader nothing but reading a line per feed. The process is the command line's
``hollywood-ai refresh --json-lines``: the same engine call, one JSON object a
line (each feed as it is done, then the report).

Stopping it (a second ``r``, quitting the reader) sends SIGTERM: the refresh
stores and remembers what it read, then ends; the feeds not read yet wait for
the next refresh. The process has a session of its own, so it finishes that
even when the reader's terminal closes.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

PREFIX = "hollywood-ai: "
#: The refresh's niceness (Unix): above the reader's, so that its frames come first.
BACKGROUND_NICENESS = 10


class RefreshProcess:
    """One refresh of ``home``'s feeds in a child process."""

    def __init__(self, home: Path) -> None:
        self.home = home
        self.process: subprocess.Popen[bytes] | None = None
        self.stopping = False
        self._lock = threading.Lock()  # start() and stop() come from two threads

    def start(self) -> None:
        """Start the refresh (unless stopped already); from a worker thread:
        a fork of the reader is no cost the event loop should bear."""
        command = [sys.executable, "-m", "hollywood_ai.tui", "--home", str(self.home)]
        with self._lock:
            if self.stopping:
                return
            # A file, not a pipe: a full pipe would block the child.
            self._errors = tempfile.TemporaryFile()  # noqa: SIM115 (closed by finish)
            try:
                self.process = subprocess.Popen(
                    [*command, "refresh", "--json-lines"],
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.PIPE,
                    stderr=self._errors,
                    start_new_session=True,
                )
            except OSError:
                self._errors.close()
                raise
            # Behind the reader for the processor: on a busy machine its
            # frames come first, the refresh takes what is left.
            with contextlib.suppress(OSError, AttributeError):
                os.setpriority(os.PRIO_PROCESS, self.process.pid, BACKGROUND_NICENESS)

    def events(self) -> Iterator[dict[str, Any]]:
        """Each line the refresh prints, as it prints it, until it ends."""
        stdout = self.process.stdout if self.process else None
        if stdout is None:
            return
        for raw in stdout:
            try:
                event = json.loads(raw.decode("utf-8", "replace"))
            except ValueError:
                continue  # not one of the refresh's lines
            if isinstance(event, dict):
                yield event

    def stop(self) -> None:
        """Ask the refresh to end (it keeps what it has read)."""
        with self._lock:
            self.stopping = True
            if self.process is not None and self.process.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    self.process.send_signal(signal.SIGTERM)

    def finish(self) -> tuple[int, str | None]:
        """Wait for the end: the exit code, and the error that ended the
        refresh as a whole, if any (its last sentence on stderr)."""
        if self.process is None:
            return 0, None  # stopped before it started
        code = self.process.wait()
        if self.process.stdout is not None:
            self.process.stdout.close()
        self._errors.seek(0)
        text = self._errors.read().decode("utf-8", "replace")
        self._errors.close()
        errors = [
            line.removeprefix(PREFIX)
            for line in text.splitlines()
            if line.startswith(PREFIX) and not line.startswith(PREFIX + "warning:")
        ]
        return code, errors[-1] if errors else None
