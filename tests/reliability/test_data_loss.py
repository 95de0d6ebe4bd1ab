"""No article lost and nothing stored left unsaid: real processes racing on
one home, killed with SIGKILL mid-way, interrupted, or out of disk space.
Every wait is bounded; no test sleeps to win a race."""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hollywood_ai.index.errors import LockTimeout
from hollywood_ai.index.ingest.seeds import seed_files
from hollywood_ai.index.model import Article
from hollywood_ai.index.searching.generations import SearchIndex
from hollywood_ai.index.store import library as librarymod
from hollywood_ai.index.store.durable import write_lock
from hollywood_ai.tui.cli.main import main

EXE = str(Path(sys.executable).parent / "hollywood-ai")


def cli(home: Path, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [EXE, "--home", str(home), *args], capture_output=True, text=True, timeout=timeout
    )


def start(home: Path, *args: str) -> subprocess.Popen[str]:
    cmd = [EXE, "--home", str(home), *args]
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_until(done, what: str, timeout: float = 20.0) -> None:
    """Poll a state (never a fixed sleep) until it holds, or fail saying what."""
    deadline = time.monotonic() + timeout
    while not done():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.01)


@pytest.fixture
def home(seeded_home: Path, tmp_path: Path) -> Path:
    """A seeded, indexed home of this test's own."""
    path = tmp_path / "home"
    shutil.copytree(seeded_home, path)
    return path


def page(path: Path, text: str) -> Path:
    path.write_text(
        "<html><head><title>The canonical story</title>"
        '<link rel="canonical" href="https://example.com/news/canonical-story"></head>'
        "<body><article><h1>The canonical story</h1>"
        + "".join(f"<p>Paragraph {n}. {text}</p>" for n in range(4))
        + "</article></body></html>",
        encoding="utf-8",
    )
    return path


# ------------------------------------------------------------ duplicates


@pytest.mark.slow
def test_two_adds_of_one_canonical_url_store_one_and_call_the_other_a_duplicate(
    home: Path, tmp_path: Path
):
    """Both pages name the same canonical URL: whichever stores first wins, the
    other is told it is a duplicate, and the library holds the text reported."""
    for trial in range(2):
        texts = [
            f"Trial {trial}: the first outlet says the studio licensed an AI voice model "
            "for the dubbing of its animated series, starting next spring.",
            f"Trial {trial}: a second outlet reports that the guild objected to the "
            "synthetic extras clause in the contract signed on Tuesday evening.",
        ]
        files = [page(tmp_path / f"p{trial}{n}.html", t) for n, t in enumerate(texts)]
        procs = [start(home, "add", str(f), "--json") for f in files]
        outs = [p.communicate(timeout=60) for p in procs]
        reports = [json.loads(out) for out, _ in outs]
        added = [(n, r["added"]) for n, r in enumerate(reports) if r["added"]]
        dups = [r["duplicates"] for r in reports if r["duplicates"]]
        assert len(added) == 1 and len(dups) == 1, outs
        winner, rows = added[0]
        assert dups[0][0]["id"] == rows[0]["id"]
        shown = cli(home, "show", rows[0]["id"])
        assert shown.returncode == 0
        assert texts[winner][:40] in shown.stdout
        assert texts[1 - winner][:40] not in shown.stdout
        # The next trial's pages say the same URL: remove this one first.
        assert cli(home, "remove", rows[0]["id"]).returncode == 0


# ------------------------------------------------------------- first run

KILLED_WHILE_SEEDING = """
import os, signal, sys
from hollywood_ai.index.store.library import Library
from hollywood_ai.index.workspace import Workspace

real_put = Library.put
count = 0

def put(self, article):
    global count
    real_put(self, article)
    count += 1
    if count == 3:  # the third seed is stored: the first run dies here
        os.kill(os.getpid(), signal.SIGKILL)

Library.put = put
Workspace(sys.argv[1]).open()
"""


def test_a_first_run_killed_while_seeding_is_completed_by_the_next(tmp_path: Path):
    home = tmp_path / "fresh"
    proc = subprocess.run(
        [sys.executable, "-c", KILLED_WHILE_SEEDING, str(home)], capture_output=True, timeout=60
    )
    assert proc.returncode == -9, proc.stderr
    assert len(list((home / "library").glob("*.json"))) == 3
    listed = cli(home, "list", "--json")
    assert listed.returncode == 0, listed.stderr
    seeds = {f"seeds/{name}" for name, _ in seed_files()}
    assert len(seeds) == 5
    assert {a["origin"] for a in json.loads(listed.stdout)} == seeds
    # Done once: removing a seed later does not bring it back.
    first = json.loads(listed.stdout)[0]["id"]
    assert cli(home, "remove", first).returncode == 0
    assert first not in cli(home, "list").stdout


# ------------------------------------------------------------ interrupted


def test_ctrl_c_while_storing_says_what_was_stored(home: Path, tmp_path: Path):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(400):
        (folder / f"a{i:03d}.md").write_text(
            f"# Dispatch {i}\n\nReport {i} on the zeppelin{i} premiere and its dubbing, "
            f"with figure {i * 7} and the studio's answer.\n",
            encoding="utf-8",
        )
    library = home / "library"
    before = {p.stem for p in library.glob("*.json")}
    proc = start(home, "add", str(folder))
    # Ctrl-C once the articles are being stored (not while they are read).
    wait_until(
        lambda: len(list(library.glob("*.json"))) > len(before) or proc.poll() is not None,
        "the first article stored",
    )
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    stored = {p.stem for p in library.glob("*.json")} - before
    reported = {line.split()[1] for line in out.splitlines() if line.startswith("added ")}
    assert stored, (out, err)
    assert reported == stored, err
    if proc.returncode == 130:  # the interrupt landed before the add finished
        assert "nothing was changed" not in err
        assert f"{len(stored)} of the 400" in err, err
    # The index catches up with every stored article on the next command.
    found = json.loads(cli(home, "search", "premiere", "--json", "--limit", "500").stdout)
    assert found["total"] == len(stored)


# ------------------------------------------------------- a killed rebuild

PARALLEL_REBUILD = """
import sys
from pathlib import Path
from hollywood_ai.index.model import Article
from hollywood_ai.index.searching import generations

if __name__ == "__main__":
    generations.PARALLEL_FROM = 2
    body = " ".join(f"word{n} studio dubbing report" for n in range(300))
    articles = [
        Article.make(title=f"T{i}", body=f"{body} item{i}.", origin=f"o{i}") for i in range(3000)
    ]
    generations.SearchIndex(Path(sys.argv[1])).rebuild(articles)
"""


def _stat(pid: int | str) -> list[str]:
    """The fields of /proc/PID/stat after the command name (none: no such process)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return []


def _children(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` and that multiprocessing spawned."""
    out = []
    for e in Path("/proc").iterdir():
        if e.name.isdigit() and _stat(e.name)[1:2] == [str(pid)]:
            with contextlib.suppress(OSError):
                if b"spawn_main" in (e / "cmdline").read_bytes():
                    out.append(int(e.name))
    return out


def _alive(pid: int) -> bool:
    return _stat(pid)[:1] not in ([], ["Z"])


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_a_killed_parallel_rebuild_leaves_no_worker_and_no_warning(tmp_path: Path):
    proc = subprocess.Popen(
        [sys.executable, "-c", PARALLEL_REBUILD, str(tmp_path / "index")],
        stderr=subprocess.PIPE,
        text=True,
    )
    workers: list[int] = []

    def started() -> bool:
        workers[:] = _children(proc.pid)
        return len(workers) == 2 or proc.poll() is not None

    wait_until(started, "the rebuild's two workers")
    assert proc.poll() is None
    proc.send_signal(signal.SIGKILL)
    try:
        # stderr ends once every process holding it (workers, resource tracker) is gone.
        try:
            _, err = proc.communicate(timeout=8)
        except subprocess.TimeoutExpired:
            pytest.fail(f"the workers outlived their parent: {[w for w in workers if _alive(w)]}")
        wait_until(lambda: not any(_alive(w) for w in workers), "the workers to end", 5)
    finally:
        for w in workers:  # on failure: the orphans this test started
            if _alive(w):
                os.kill(w, signal.SIGKILL)
    assert "leaked" not in err, err


# ------------------------------------------------------------- the lock

HOLDER = """
import sys, time
from pathlib import Path
from hollywood_ai.index.store.durable import note_progress, write_lock

home, beats = Path(sys.argv[1]), int(sys.argv[2])
with write_lock(home):
    print("held", flush=True)
    for _ in range(beats):  # work that moves, then none (a stuck holder)
        time.sleep(0.1)
        note_progress(home)
    time.sleep(float(sys.argv[3]))
    (home / "holder-done").touch()
"""


def hold(home: Path, beats: int, stuck: float) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(home), str(beats), str(stuck)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    return proc


def test_a_writer_waits_while_the_holder_works_and_says_who_it_is(
    home: Path, capsys: pytest.CaptureFixture[str]
):
    holder = hold(home, beats=30, stuck=0)  # three seconds of work
    try:
        with write_lock(home, timeout=1.0):
            assert (home / "holder-done").exists()  # had it only once the holder was done
        err = capsys.readouterr().err
        assert f"process {holder.pid}" in err and "still working" in err
        assert err.count("waiting for") == 1
    finally:
        holder.kill()
        holder.wait(timeout=10)


def test_a_writer_gives_up_on_a_stuck_holder_and_names_it(home: Path):
    holder = hold(home, beats=0, stuck=30)
    try:
        with pytest.raises(LockTimeout, match=f"process {holder.pid}"), write_lock(home, 0.5):
            pass
        assert holder.poll() is None
    finally:
        holder.kill()
        holder.wait(timeout=10)


def test_an_abandoned_generation_is_cleared_on_the_next_open(home: Path):
    index = home / "index"
    live = (index / "CURRENT").read_text().strip()
    number = int(live[4:])
    # What killed rebuilds leave: a generation above the live one, half-built.
    for n in (number + 1, number + 2):
        (index / f"gen-{n:06d}").mkdir()
        (index / f"gen-{n:06d}" / "articles_x.seg").write_bytes(b"half")
    assert cli(home, "list").returncode == 0
    assert sorted(p.name for p in index.glob("gen-*")) == [live]


# ------------------------------------------------------------ readers


def test_readers_answer_from_the_last_index_while_a_writer_holds_the_lock(home: Path):
    holder = hold(home, beats=0, stuck=60)
    try:
        # What the holder's large add did so far: stored, not indexed yet.
        late = Article.make(title="Late", body="The zeppelin premiere moved again.", origin="x")
        librarymod.Library(home / "library").put(late)
        began = time.monotonic()
        found = cli(home, "search", "Sarandos", "--json", timeout=30)
        assert time.monotonic() - began < 8  # no wait for the lock (10 s) first
        assert found.returncode == 0, found.stderr
        assert json.loads(found.stdout)["total"] == 5
        assert "behind the library" in found.stderr
        assert f"process {holder.pid}" in found.stderr
        assert len(found.stderr.strip().splitlines()) == 1
        listed = cli(home, "list", "--json", timeout=30)
        assert listed.returncode == 0 and len(json.loads(listed.stdout)) == 6
        assert holder.poll() is None  # the lock was held all along
    finally:
        holder.kill()
        holder.wait(timeout=10)
    # Once the writer is gone, the next reader brings the index up to date.
    late = cli(home, "search", "zeppelin", "--json")
    assert json.loads(late.stdout)["total"] == 1 and "behind" not in late.stderr


# ----------------------------------------------------------- a full disk


def _articles(folder: Path, n: int) -> list[str]:
    folder.mkdir()
    for i in range(n):
        (folder / f"d{i}.md").write_text(
            f"# Disk {i}\n\nThe zeppelin{i} report on dubbing and the studio's AI plans.\n",
            encoding="utf-8",
        )
    return [str(folder / f"d{i}.md") for i in range(n)]


def test_a_disk_full_mid_batch_names_what_was_stored_and_what_was_not(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    real = librarymod.atomic_write
    puts: list[Path] = []

    def filling(path: Path, data: bytes) -> None:
        if path.parent != home / "library":  # the key file beside it: a cache
            return real(path, data)
        if len(puts) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        real(path, data)
        puts.append(path)

    monkeypatch.setattr(librarymod, "atomic_write", filling)
    files = _articles(tmp_path / "four", 4)
    assert main(["--home", str(home), "add", *files]) == 1
    out, err = capsys.readouterr()
    monkeypatch.undo()
    added = [line.split()[1] for line in out.splitlines() if line.startswith("added ")]
    assert sorted(added) == sorted(p.stem for p in puts) and len(added) == 2
    for name in files[2:]:
        assert f"{name} was not stored: the disk is full while writing {home / 'library'}" in err
    assert "no file" not in err
    assert "2 added, 0 already there, 2 failed." in out


def test_a_disk_full_while_indexing_says_the_article_is_stored(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    def full(self: SearchIndex, articles: list, progress: object = None) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")  # as Whoosh's writes: no name

    monkeypatch.setattr(SearchIndex, "update", full)
    files = _articles(tmp_path / "one", 1)
    code = main(["--home", str(home), "add", *files])
    out, err = capsys.readouterr()
    monkeypatch.undo()
    assert "no file" not in err and "1 added" in out
    assert f"the disk is full while writing {home / 'index'}" in err
    assert "stored in the library" in err
    assert code == 0  # stored: the index is a copy, which the next command completes
    assert json.loads(cli(home, "search", "zeppelin0", "--json").stdout)["total"] == 1
