"""Hostile queries and damaged files: a query past the bounds is cut and the
result says so; bytes that are not UTF-8 get one sentence; a damaged index
file, CURRENT or a FIFO in the library is repaired or skipped with one
warning, and the command answers."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hollywood_ai.index.searching.results import search
from hollywood_ai.index.workspace import Workspace

from tests.terminal_support import reader_on_a_pty, wait_until

EXE = str(Path(sys.executable).parent / "hollywood-ai")


def cli(home: Path, *args: str | bytes, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [EXE, "--home", str(home), *args], capture_output=True, text=True, timeout=timeout
    )


def copied(seeded_home: Path, tmp_path: Path) -> Path:
    import shutil

    home = tmp_path / "home"
    shutil.copytree(seeded_home, home)
    return home


# ----------------------------------------------------------------- queries


def test_a_long_word_is_searched_quickly_and_the_cut_is_said(seeded: Workspace):
    started = time.monotonic()
    result = search(seeded, "netflix " + "a" * 100_000)
    assert time.monotonic() - started < 3
    assert result.note is not None and "cut" in result.note
    assert result.to_dict()["note"] == result.note
    assert len(result.query) <= 1000


def test_a_long_query_of_words_is_cut_to_its_first_words(seeded: Workspace):
    text = " ".join(["netflix"] + [f"zq{i}wx" for i in range(2000)])
    started = time.monotonic()
    result = search(seeded, text)
    assert time.monotonic() - started < 3
    assert result.note == "The query was cut to its first 1,000 characters and 64 words."
    assert result.query.split()[0] == "netflix"


def test_a_short_query_has_no_note(seeded: Workspace):
    result = search(seeded, "netflix")
    assert result.total and result.note is None
    assert "note" not in result.to_dict()


@pytest.mark.parametrize(
    "text",
    [
        " ".join(f"NOT x{i}" for i in range(1000)),
        " ".join(f"word{i}~" for i in range(1000)),
        " OR ".join(f"studio{i}~2" for i in range(1000)),
        "(" * 600 + "netflix" + ")" * 600,
    ],
    ids=["nots", "fuzzy", "fuzzy-or", "nested"],
)
def test_queries_of_many_operators_answer(seeded: Workspace, text: str):
    result = search(seeded, text)
    assert result.note is not None
    assert result.total >= 0


def test_the_cli_says_the_query_was_cut(seeded_home: Path):
    proc = cli(seeded_home, "search", *[f"NOT x{i}" for i in range(1000)])
    assert proc.returncode == 0, proc.stderr
    assert "warning: The query was cut to its first 1,000 characters" in proc.stderr
    assert "5 articles match" in proc.stdout


def test_an_argument_that_is_not_utf8_gets_one_sentence(seeded_home: Path):
    for command in ("search", "compare"):
        proc = subprocess.run(
            [EXE, "--home", str(seeded_home), command, b"caf\xe9"],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert proc.returncode == 2
        assert proc.stderr == (
            "hollywood-ai: The argument 'caf\\xe9' is not UTF-8 text; "
            "type it again in a terminal set to UTF-8.\n"
        )


def test_lone_surrogates_in_the_engine_are_searched_as_text(seeded: Workspace):
    assert search(seeded, "\udcff netflix").total == 0
    assert search(seeded, "netflix \ud800").query == "netflix \ufffd"


async def test_the_reader_says_the_query_was_cut(reader_home: Path):
    from textual.widgets import Static

    from tests.reader_support import make_app, settle

    app = make_app(reader_home, remember=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        app.main_screen.search_box.value = " ".join(f"NOT x{i}" for i in range(1000))
        await settle(pilot)
        hint = str(app.main_screen.query_one("#search-hint", Static).render())
        assert "The query was cut to its first 1,000 characters" in hint
        assert app.main_screen.listing.option_count == 5


# ------------------------------------------------------------------ damage


def live(home: Path) -> Path:
    return home / "index" / (home / "index" / "CURRENT").read_text().strip()


def damage(path: Path, how: str) -> None:
    if how == "delete":
        path.unlink()
    elif how == "truncate":
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    elif how == "zero":
        path.write_bytes(bytes(path.stat().st_size))
    else:
        path.write_bytes(os.urandom(path.stat().st_size))


def warnings(proc: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in proc.stderr.splitlines() if "warning" in line]


@pytest.mark.parametrize(
    ("suffix", "how"),
    [
        (".pst", "garble"),
        (".pst", "zero"),
        (".snippets.col", "garble"),
        (".snippets.col", "truncate"),
        (".snippets.col", "delete"),
    ],
)
def test_a_damaged_article_file_is_rebuilt_once_and_the_search_answers(
    seeded_home: Path, tmp_path: Path, suffix: str, how: str
):
    home = copied(seeded_home, tmp_path)
    files = [p for p in live(home).glob("articles_*") if p.name.endswith(suffix)]
    assert files
    for path in files:
        damage(path, how)
    first = cli(home, "search", "Sarandos", "--json")
    assert first.returncode == 0, first.stderr
    assert "Traceback" not in first.stderr
    assert len(warnings(first)) == 1 and "rebuilt from the library" in first.stderr
    assert json.loads(first.stdout)["total"] == 5
    again = cli(home, "search", "Sarandos")
    assert again.returncode == 0 and not again.stderr
    assert "5 articles match 'Sarandos'" in again.stdout


def test_a_search_that_hits_damage_rebuilds_and_says_so(seeded_home: Path, tmp_path: Path):
    home = copied(seeded_home, tmp_path)
    ws = Workspace(home)
    ws.open()
    for path in live(home).glob("articles_*.pst"):
        damage(path, "garble")
    result = search(ws, "Sarandos")
    assert result.total == 5
    assert result.note is not None and "rebuilt from the library (5 articles)" in result.note
    assert search(ws, "Sarandos").note is None
    ws.close()


@pytest.mark.parametrize("how", ["random", "folder", "fifo", "missing generation"])
def test_a_damaged_current_is_repaired_with_one_warning(
    seeded_home: Path, tmp_path: Path, how: str
):
    home = copied(seeded_home, tmp_path)
    current = home / "index" / "CURRENT"
    current.unlink()
    if how == "random":
        current.write_bytes(os.urandom(300))
    elif how == "folder":
        (current / "inside").mkdir(parents=True)
    elif how == "fifo":
        os.mkfifo(current)
    else:
        current.write_text("gen-999999")
    first = cli(home, "list", "--json", timeout=20)
    assert first.returncode == 0, first.stderr
    assert warnings(first) == [
        "hollywood-ai: warning: The index was damaged or unreadable; "
        "it was rebuilt from the library (5 articles)."
    ]
    assert len(json.loads(first.stdout)) == 5
    for command in (("search", "Sarandos"), ("list",)):
        proc = cli(home, *command, timeout=20)
        assert proc.returncode == 0 and not proc.stderr, proc.stderr
    assert current.is_file()


def test_a_fifo_in_the_library_is_named_and_skipped(seeded_home: Path, tmp_path: Path):
    home = copied(seeded_home, tmp_path)
    os.mkfifo(home / "library" / "x.json")
    for command in (("list", "--json"), ("index",), ("search", "Sarandos", "--json")):
        proc = cli(home, *command, timeout=20)
        assert proc.returncode == 0, proc.stderr
        assert "Traceback" not in proc.stderr
    listed = cli(home, "list", "--json", timeout=20)
    assert len(json.loads(listed.stdout)) == 5
    assert f"{home / 'library' / 'x.json'}" in listed.stderr


# ----------------------------------------------------------------- folders

ARTICLE = "---\ntitle: {title}\n---\nA studio used generative tools on a long shoot with {title}.\n"


def note(path: Path, title: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(ARTICLE.format(title=title), encoding="utf-8")
    return path


def added_titles(report) -> set[str]:
    return {a["title"] for a in report.added}


def test_names_that_are_not_utf8_are_added_with_a_warning(seeded_home: Path, tmp_path: Path):
    home = copied(seeded_home, tmp_path)
    folder = tmp_path / "notes"
    note(folder / "plain.md", "Plain crews")
    bad = os.fsencode(folder) + b"/caf\xe9.md"
    with open(bad, "wb") as handle:
        handle.write(ARTICLE.format(title="Latin crews").encode())
    proc = subprocess.run(
        [EXE, "--home", str(home), "add", "--json", str(folder)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert {a["title"] for a in report["added"]} == {"Plain crews", "Latin crews"}
    assert [w["input"] for w in report["warnings"]] == [f"{folder}/caf\ufffd.md"]
    again = subprocess.run(
        [EXE, "--home", str(home), "add", bad], capture_output=True, text=True, timeout=60
    )
    assert again.returncode == 0 and "already in the library" in again.stdout
    assert "Traceback" not in again.stderr


def test_a_long_name_and_a_link_loop_fail_alone(seeded_home: Path, tmp_path: Path):
    home = copied(seeded_home, tmp_path)
    good = note(tmp_path / "good.md", "Good crews")
    loop = tmp_path / "loop.md"
    loop.symlink_to(loop)
    long_name = str(tmp_path / ("x" * 300 + ".md"))
    proc = cli(home, "add", long_name, str(loop), str(good))
    assert proc.returncode == 1
    assert "1 added, 0 already there, 2 failed." in proc.stdout
    assert f"hollywood-ai: {long_name} has a name too long for the file system" in proc.stderr
    assert f"hollywood-ai: {loop} is a loop of symbolic links" in proc.stderr
    assert "does not exist" not in proc.stderr and "Traceback" not in proc.stderr


def test_links_that_leave_the_folder_are_skipped(workspace: Workspace, tmp_path: Path):
    from hollywood_ai.index.adding import add

    outside = note(tmp_path / "outside" / "secret.md", "Secret crews")
    folder = tmp_path / "notes"
    inside = note(folder / "inside.md", "Inside crews")
    (folder / "passwd.md").symlink_to("/etc/passwd")
    (folder / "secret.md").symlink_to(outside)
    (folder / "again.md").symlink_to(inside)
    (folder / "loop.md").symlink_to(folder / "loop.md")
    report = add(workspace, [str(folder)])
    assert added_titles(report) == {"Inside crews"}
    assert len(report.duplicates) == 1  # again.md, the same text as inside.md
    skipped = {Path(s["input"]).name: s["reason"] for s in report.skipped}
    assert skipped == {
        "passwd.md": "a link to a file outside the folder, not followed",
        "secret.md": "a link to a file outside the folder, not followed",
        "loop.md": "a link that leads nowhere (a loop, or its file is gone)",
    }
    assert not [a for a in workspace.articles() if "root:" in a.body]


def _refusing(monkeypatch: pytest.MonkeyPatch, name: str, refused: Path) -> None:
    """os.<name> raising PermissionError for one path, as it does for a user
    other than root (the tests run as root, whom chmod 000 does not stop)."""
    real = getattr(os, name)

    def refuse(path, *args, **kwargs):
        if os.fspath(path) == str(refused):
            raise PermissionError(13, "Permission denied", str(refused))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, name, refuse)


def test_an_unreadable_folder_says_so(workspace: Workspace, tmp_path, monkeypatch):
    from hollywood_ai.index.adding import add

    folder = tmp_path / "locked"
    note(folder / "a.md", "Locked crews")
    _refusing(monkeypatch, "scandir", folder)
    report = add(workspace, [str(folder)])
    assert report.failed == [
        {
            "input": str(folder),
            "error": f"the folder {folder} cannot be read (Permission denied); "
            "check its permissions",
        }
    ]


def test_an_unreadable_subfolder_fails_alone(workspace: Workspace, tmp_path, monkeypatch):
    from hollywood_ai.index.adding import add

    folder = tmp_path / "notes"
    note(folder / "a.md", "Open crews")
    note(folder / "private" / "b.md", "Private crews")
    _refusing(monkeypatch, "scandir", folder / "private")
    report = add(workspace, [str(folder)])
    assert added_titles(report) == {"Open crews"}
    assert [f["input"] for f in report.failed] == [str(folder / "private")]
    assert "cannot be read (Permission denied)" in report.failed[0]["error"]


def test_a_file_in_a_folder_that_cannot_be_entered_fails_alone(
    workspace: Workspace, tmp_path, monkeypatch
):
    from hollywood_ai.index.adding import add

    good = note(tmp_path / "good.md", "Good crews")
    locked = note(tmp_path / "locked" / "a.md", "Locked crews")
    _refusing(monkeypatch, "stat", locked)
    report = add(workspace, [str(locked), str(good)])
    assert added_titles(report) == {"Good crews"}
    assert report.failed == [
        {
            "input": str(locked),
            "error": f"{locked} cannot be reached (permission denied); "
            "check the permissions of its folders",
        }
    ]


# -------------------------------------------------------------- quitting


def _stuck_server():
    """A server on 127.0.0.1 that accepts connections and never answers."""
    import socket
    import threading

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    connected = threading.Event()
    held: list[socket.socket] = []

    def serve() -> None:
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            held.append(conn)
            connected.set()

    threading.Thread(target=serve, daemon=True).start()
    return listener, connected, held


@pytest.mark.slow
def test_quitting_while_an_add_is_stuck_ends_the_process(seeded_home: Path, tmp_path: Path):
    home = copied(seeded_home, tmp_path)
    listener, connected, held = _stuck_server()
    terminal = reader_on_a_pty(home, columns=100, rows=30)
    proc, leader, drawn = terminal.proc, terminal.leader, terminal.drawn
    try:
        wait_until(lambda: b"Articles" in drawn, "the reader's list")
        os.write(leader, b"a")
        wait_until(lambda: b"Add articles" in drawn, "the add dialog")
        port = listener.getsockname()[1]
        os.write(leader, f"http://127.0.0.1:{port}/stuck\r".encode())
        wait_until(connected.is_set, "the add to reach the server")
        os.write(leader, b"\x11")  # ctrl+q: the reader's quit, from the dialog too
        quit_at = time.monotonic()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            pytest.fail("the reader was still running 5 s after quitting")
        assert time.monotonic() - quit_at < 2.0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=10)
        listener.close()
        for conn in held:
            conn.close()
        os.close(leader)
