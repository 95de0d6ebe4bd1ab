"""The engine's processes start from an interface that captured stderr."""

from __future__ import annotations

import subprocess
import sys

CAPTURED = """
import sys

class Capture:  # as Textual's print capture: no file descriptor
    def write(self, text): return len(text)
    def flush(self): pass
    def fileno(self): return -1

sys.stderr = Capture()
from hollywood_ai.index.stories import words as storywords
from hollywood_ai.index.model import Article
from hollywood_ai.index.store.processes import spawn_context

{body}
"""


def run(body: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", CAPTURED.format(body=body)],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_process_starts_with_stderr_captured():
    proc = run(
        "if __name__ == '__main__':\n"
        "    p = spawn_context().Process(target=print, args=('started',))\n"
        "    p.start(); p.join()\n"
        "    sys.__stdout__.write(f'exit {p.exitcode}\\n')\n"
    )
    assert proc.returncode == 0, proc.stderr
    assert "started" in proc.stdout and "exit 0" in proc.stdout


def test_words_are_counted_in_processes_with_stderr_captured():
    # Counting in this process (the fallback when no process can start) would
    # stop here; the spawned processes import words() afresh.
    proc = run(
        "if __name__ == '__main__':\n"
        "    storywords.PARALLEL_FROM = 2\n"
        "    def here(*args): raise SystemExit('counted in this process')\n"
        "    storywords.words = here\n"
        "    texts = [Article.make(title=f'T{i}', body='Ted Sarandos said it', origin='x')"
        " for i in range(6)]\n"
        "    counts = storywords.count(texts)\n"
        "    sys.__stdout__.write(f'{len(counts)} {counts[0][\"sarandos\"]}\\n')\n"
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "6 5" in proc.stdout, proc.stdout
