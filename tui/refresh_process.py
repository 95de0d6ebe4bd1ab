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
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

PREFIX = "hollywood-ai: "


class RefreshProcess:
    """One refresh of ``home``'s feeds in a child process."""

    def __init__(self, home: Path) -> None:
        # A file, not a pipe: a full pipe would block the child.
        self._errors = tempfile.TemporaryFile()  # noqa: SIM115 (closed by finish)
        command = [sys.executable, "-m", "hollywood_ai.tui", "--home", str(home)]
        self.process = subprocess.Popen(
            [*command, "refresh", "--json-lines"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=self._errors,
            start_new_session=True,
        )
        self.stopping = False

    def events(self) -> Iterator[dict[str, Any]]:
        """Each line the refresh prints, as it prints it, until it ends."""
        stdout = self.process.stdout
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
        self.stopping = True
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                self.process.send_signal(signal.SIGTERM)

    def finish(self) -> tuple[int, str | None]:
        """Wait for the end: the exit code, and the error that ended the
        refresh as a whole, if any (its last sentence on stderr)."""
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
