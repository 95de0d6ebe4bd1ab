"""Failures caused for real: damaged index files, stale locks, processes
killed mid-write, two processes on one home, a full disk. After each, nothing
stored is lost and the next command works."""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from hollywood_ai.index.errors import HollywoodError
from hollywood_ai.index.model import Article
from hollywood_ai.index.searching.results import search
from hollywood_ai.index.workspace import Workspace

from tests.terminal_support import reader_on_a_pty, wait_until

EXE = str(Path(sys.executable).parent / "hollywood-ai")


def cli(home: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [EXE, "--home", str(home), *args], capture_output=True, text=True, timeout=timeout
    )


def live_generation(home: Path) -> Path:
    return home / "index" / (home / "index" / "CURRENT").read_text().strip()


def generations(home: Path) -> set[str]:
    return {p.name for p in (home / "index").glob("gen-*")}


def seeded(home: Path) -> Path:
    assert cli(home, "index").returncode == 0
    return home


# ------------------------------------------------------------------ damage


@pytest.mark.parametrize("how", ["truncate", "garbage"])
def test_damaged_segments_are_rebuilt_with_a_notice(tmp_path: Path, how: str):
    home = seeded(tmp_path / "home")
    segments = [
        p for p in live_generation(home).iterdir() if p.suffix in (".seg", ".trm", ".pst", ".sto")
    ]
    assert segments
    for seg in segments:
        data = seg.read_bytes()
        seg.write_bytes(data[: len(data) // 3] if how == "truncate" else os.urandom(len(data)))
    proc = cli(home, "search", "Sarandos", "--json")
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert "damaged" in proc.stderr and "rebuilt" in proc.stderr
    assert json.loads(proc.stdout)["total"] == 5


def test_damaged_toc_and_missing_generation(tmp_path: Path):
    home = seeded(tmp_path / "home")
    for toc in live_generation(home).glob("*.toc"):
        toc.write_bytes(b"\x00garbage")
    assert json.loads(cli(home, "search", "Eternaut", "--json").stdout)["total"] == 3
    (home / "index" / "CURRENT").write_text("gen-999999")
    proc = cli(home, "list", "--json")
    assert proc.returncode == 0 and len(json.loads(proc.stdout)) == 5


def test_stale_whoosh_lock_from_a_dead_process(tmp_path: Path):
    home = seeded(tmp_path / "home")
    for name in ("articles_WRITELOCK", "passages_WRITELOCK"):
        (live_generation(home) / name).write_text("12345")
    ws = Workspace(home)
    ws.open()
    extra = Article.make(
        title="Lock test", body="A note about a zeppelin over the studio.\n", origin="t"
    )
    ws.store([extra])
    assert search(ws, "zeppelin").total == 1
    ws.close()


def test_older_schema_is_rebuilt(tmp_path: Path):
    home = seeded(tmp_path / "home")
    (live_generation(home) / "schema.json").write_text(json.dumps({"schema": 1}))
    proc = cli(home, "search", "Sarandos")
    assert proc.returncode == 0 and "another version" in proc.stderr


def test_damaged_library_file_is_named_and_skipped(tmp_path: Path):
    home = seeded(tmp_path / "home")
    victim = sorted((home / "library").glob("*.json"))[0]
    victim.write_text('{"id": "x", "tit')
    proc = cli(home, "list", "--json")
    assert proc.returncode == 0
    assert victim.name in proc.stderr
    assert len(json.loads(proc.stdout)) == 4


# ---------------------------------------------------------- killed midway

STORE_LOOP = textwrap.dedent(
    """
    import sys
    from hollywood_ai.index.model import Article
    from hollywood_ai.index.workspace import Workspace
    ws = Workspace(sys.argv[1])
    ws.open()
    for i in range(10_000):
        body = f"Dispatch number {i} about the zeppelin{i} premiere. " * 40
        ws.store([Article.make(title=f"Dispatch {i}", body=body, origin=f"loop-{i}")])
        print(i, flush=True)
    """
)


def _kill_after(proc: subprocess.Popen[str], lines: int) -> int:
    seen = -1
    assert proc.stdout is not None
    while seen < lines:
        line = proc.stdout.readline()
        if not line:
            break
        seen = int(line)
    # The loop goes straight on to the next store: the kill lands inside it.
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    return seen


@pytest.mark.parametrize("after", [3, 8])
def test_kill_during_store_loses_nothing_stored(tmp_path: Path, after: int):
    home = seeded(tmp_path / "home")
    proc = subprocess.Popen(
        [sys.executable, "-c", STORE_LOOP, str(home)], stdout=subprocess.PIPE, text=True
    )
    confirmed = _kill_after(proc, after)
    assert confirmed >= after
    # Every file in the library is a whole article; no temporaries are left once opened.
    ws = Workspace(home)
    report = ws.open()
    assert not ws.damaged
    assert not list((home / "library").glob(".*.tmp"))
    titles = {a.title for a in ws.articles()}
    for i in range(confirmed + 1):
        assert f"Dispatch {i}" in titles
        assert search(ws, f"zeppelin{i}").total == 1
    assert report is not None
    ws.close()


def test_kill_during_rebuild_keeps_the_old_index(tmp_path: Path):
    home = seeded(tmp_path / "home")
    ws = Workspace(home)
    ws.open()
    many = [
        Article.make(
            title=f"Bulk {i}",
            body=f"Bulk text {i} about studios and zeppelin{i}. " * 60,
            origin=f"b{i}",
        )
        for i in range(300)
    ]
    ws.store(many)
    ws.close()
    before = (home / "index" / "CURRENT").read_text()
    old = generations(home)
    proc = subprocess.Popen([EXE, "--home", str(home), "index", "--rebuild"])
    # Killed once the new generation is being written.
    wait_until(lambda: bool(generations(home) - old) or proc.poll() is not None, "the rebuild")
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    after = (home / "index" / "CURRENT").read_text()
    assert after == before or (home / "index" / after).is_dir()
    result = cli(home, "search", "zeppelin299", "--json")
    assert result.returncode == 0 and json.loads(result.stdout)["total"] == 1
    assert json.loads(cli(home, "list", "--json").stdout).__len__() == 305


# ------------------------------------------------------------- two processes

RACER = textwrap.dedent(
    """
    import sys
    from hollywood_ai.index.model import Article
    from hollywood_ai.index.workspace import Workspace
    ws = Workspace(sys.argv[1])
    tag = sys.argv[2]
    for i in range(15):
        ws.store([Article.make(title=f"{tag} {i}", body=f"{tag}word{i} report from the set. " * 20, origin=tag)])
    """
)


def test_two_writers_lose_no_add(tmp_path: Path):
    home = seeded(tmp_path / "home")
    procs = [
        subprocess.Popen([sys.executable, "-c", RACER, str(home), tag])
        for tag in ("alpha", "bravo")
    ]
    for p in procs:
        assert p.wait(timeout=180) == 0
    ws = Workspace(home)
    ws.open()
    titles = {a.title for a in ws.articles()}
    for tag in ("alpha", "bravo"):
        for i in range(15):
            assert f"{tag} {i}" in titles
            assert search(ws, f"{tag}word{i}").total == 1
    ws.close()


def test_readers_do_not_wait_for_a_writer(tmp_path: Path):
    """A rebuild holds the write lock for its whole run; searching never takes
    it, so a reader answers while another process holds it."""
    home = seeded(tmp_path / "home")
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys,time\nfrom pathlib import Path\nfrom hollywood_ai.index.store.durable import write_lock\n"
            "with write_lock(Path(sys.argv[1])):\n    print('held', flush=True)\n    time.sleep(60)\n",
            str(home),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        reader = Workspace(home)
        reader.index.open()
        assert search(reader, "Sarandos").total == 5
        reader.close()
        assert holder.poll() is None  # the lock was held all along
    finally:
        holder.kill()
        holder.wait(timeout=30)


def test_lock_timeout_is_a_clear_error(tmp_path: Path):
    from hollywood_ai.index.store.durable import write_lock

    home = seeded(tmp_path / "home")
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys,time\nfrom pathlib import Path\nfrom hollywood_ai.index.store.durable import write_lock\n"
            "with write_lock(Path(sys.argv[1])):\n    print('held', flush=True)\n    time.sleep(30)\n",
            str(home),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with (
            pytest.raises(HollywoodError, match="another hollywood-ai process"),
            write_lock(home, timeout=0.3),
        ):
            pass
    finally:
        holder.kill()
        holder.wait()


# ----------------------------------------------------------------- full disk


def test_full_disk_is_a_clear_error_and_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    home = seeded(tmp_path / "home")
    ws = Workspace(home)
    ws.open()
    before = sorted(p.name for p in (home / "library").iterdir())

    def no_space(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", no_space)
    extra = Article.make(
        title="Will not fit", body="A body that will not fit on the disk.\n", origin="t"
    )
    with pytest.raises(HollywoodError, match="disk is full"):
        ws.store([extra])
    monkeypatch.undo()
    assert sorted(p.name for p in (home / "library").iterdir()) == before
    assert search(ws, "Sarandos").total == 5
    ws.close()


def test_read_only_home(tmp_path: Path):
    home = seeded(tmp_path / "home")
    os.chmod(home / "library", 0o555)
    try:
        if os.access(home / "library", os.W_OK):
            pytest.skip("running as root: permissions are not enforced")
        ws = Workspace(home)
        ws.open()
        with pytest.raises(HollywoodError, match=r"permission denied|read-only"):
            ws.store([Article.make(title="x", body="A body for a read-only test.\n", origin="t")])
    finally:
        os.chmod(home / "library", 0o755)


# ---------------------------------------------------------------- the reader


@pytest.mark.slow
def test_kill_during_the_readers_background_indexing_loses_nothing(tmp_path: Path):
    home = seeded(tmp_path / "home")
    ws = Workspace(home)
    ws.open()
    ws.store(
        [
            Article.make(
                title=f"Zorblat {i}",
                body=f"Zorblat dispatch {i} about studios and the airship{i} shoot. " * 60,
                origin=f"g{i}",
            )
            for i in range(300)
        ]
    )
    ws.close()
    # The index must be built again from the library: the reader does it in the background.
    import shutil

    shutil.rmtree(home / "index")
    terminal = reader_on_a_pty(home)
    reader = terminal.proc
    try:
        deadline = time.monotonic() + 30
        while not (home / "index").exists() and time.monotonic() < deadline:
            assert reader.poll() is None, "the reader stopped before indexing"
            time.sleep(0.05)
        assert (home / "index").exists(), "the reader never started indexing"
        wait_until(lambda: bool(generations(home)) or reader.poll() is not None, "indexing")
        assert reader.poll() is None, "indexing finished before the kill: use more articles"
        reader.send_signal(signal.SIGKILL)
    finally:
        reader.kill()
        reader.wait(timeout=30)
        os.close(terminal.leader)
    proc = cli(home, "search", "zorblat", "--limit", "1000", "--json")
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    found = json.loads(proc.stdout)
    assert found["total"] == 300
    assert {h["title"] for h in found["hits"]} == {f"Zorblat {i}" for i in range(300)}
    for i in (0, 149, 299):
        one = json.loads(cli(home, "search", f"airship{i}", "--json").stdout)
        assert one["total"] == 1
    assert len(json.loads(cli(home, "list", "--json").stdout)) == 305


async def test_the_open_reader_shows_an_article_added_by_another_process(tmp_path: Path):
    import asyncio

    from hollywood_ai.tui.app import create_app

    home = seeded(tmp_path / "home")
    note = tmp_path / "late.md"
    note.write_text(
        "---\ntitle: A late addition from another terminal\noutlet: Test Outlet\n---\n\n"
        "Words about generative AI in a studio, added while the reader was open.\n",
        encoding="utf-8",
    )
    app = create_app(home, theme="textual-dark", remember=False, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(3):
            await app.workers.wait_for_complete()
            await pilot.pause()
        listing = app.main_screen.listing
        assert listing.option_count == 5
        added = await asyncio.to_thread(cli, home, "add", str(note))
        assert added.returncode == 0, added.stderr

        def titles() -> list[str]:
            return [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]

        deadline = time.monotonic() + 8
        while time.monotonic() < deadline and not any("A late addition" in t for t in titles()):
            await pilot.pause(0.2)
        assert any("A late addition from another terminal" in t for t in titles()), titles()
        assert listing.option_count == 6
        assert "Articles (6)" in str(listing.border_title)
