"""`--debug` and the log file: an unexpected error is one sentence (with its
traceback under --debug, and always in HOME/log/hollywood-ai.log); damage and
bad pages are still repaired or told in a sentence; a log that cannot be
written never fails a command. The command line runs in-process here."""

from __future__ import annotations

import functools
import json
import logging
import os
import shutil
from pathlib import Path

import pytest
from hollywood_ai.index.workspace import Workspace
from hollywood_ai.tui.cli.main import main
from hollywood_ai.tui.logs import close_logging, log_path

BODY = " ".join(f"word{i}" for i in range(60))


@pytest.fixture(autouse=True)
def _no_log_left_open():
    yield
    close_logging()


@pytest.fixture
def home(seeded_home: Path, tmp_path: Path) -> Path:
    """A private copy of the seeded home (each test writes its log there)."""
    path = tmp_path / "home"
    shutil.copytree(seeded_home, path)
    return path


@pytest.fixture
def engine_bug(monkeypatch: pytest.MonkeyPatch) -> None:
    """The library's articles raise a bug of ours."""

    def broken(self: Workspace) -> list:
        raise RuntimeError("a bug in the engine")

    monkeypatch.setattr(Workspace, "articles", broken)


def stderr_lines(capsys: pytest.CaptureFixture[str]) -> list[str]:
    return capsys.readouterr().err.strip().splitlines()


def test_an_unexpected_error_is_one_sentence_without_debug(home, engine_bug, capsys):
    assert main(["--home", str(home), "list"]) == 70
    lines = stderr_lines(capsys)
    assert len(lines) == 1
    assert "unexpected RuntimeError" in lines[0] and "please report it" in lines[0]
    assert "Traceback" not in lines[0]


@pytest.mark.parametrize("where", ["before", "after"])
def test_debug_prints_the_traceback(home, engine_bug, capsys, where):
    args = ["--home", str(home), "--debug", "list"]
    if where == "after":
        args = ["--home", str(home), "list", "--debug"]
    assert main(args) == 70
    err = capsys.readouterr().err
    assert "Traceback (most recent call last)" in err
    assert "RuntimeError: a bug in the engine" in err
    # The sentence still comes last.
    assert "please report it" in err.strip().splitlines()[-1]


def test_the_log_keeps_the_error_with_its_traceback(home, engine_bug, capsys):
    assert not log_path(home).exists()
    main(["--home", str(home), "list"])
    text = log_path(home).read_text()
    assert "ERROR" in text and "the list command stopped on an unexpected error" in text
    assert "Traceback (most recent call last)" in text
    assert "RuntimeError: a bug in the engine" in text


def test_the_log_is_found_through_the_environment(home, engine_bug, capsys, monkeypatch):
    monkeypatch.setenv("HOLLYWOOD_AI_HOME", str(home))
    main(["list"])
    assert "RuntimeError: a bug in the engine" in log_path(home).read_text()


def test_debug_logs_every_message(home, capsys):
    engine = logging.getLogger("hollywood_ai.index.example")
    assert main(["--home", str(home), "list", "--json"]) == 0
    engine.debug("a detail for --debug")
    engine.warning("a repair")
    assert main(["--home", str(home), "--debug", "list", "--json"]) == 0
    engine.debug("another detail")
    text = log_path(home).read_text()
    assert "a repair" in text and "another detail" in text
    assert "a detail for --debug" not in text


def test_a_command_that_works_writes_no_log(home, capsys):
    assert main(["--home", str(home), "list", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 5
    assert not (home / "log").exists()


def test_an_unwritable_log_does_not_break_a_command(home, engine_bug, capsys):
    (home / "log").write_text("a file where the log folder would be")
    assert main(["--home", str(home), "list"]) == 70
    lines = stderr_lines(capsys)
    assert len(lines) == 1 and "please report it" in lines[0]


def test_an_unwritable_log_does_not_break_a_working_command(home, capsys):
    (home / "log").write_text("a file where the log folder would be")
    assert main(["--home", str(home), "search", "Sarandos", "--json"]) == 0
    # A warning after it: its write fails quietly.
    logging.getLogger("hollywood_ai.index.example").warning("a repair")
    captured = capsys.readouterr()
    assert json.loads(captured.out)["total"] == 5
    assert "Logging error" not in captured.err and "Traceback" not in captured.err


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_home_gives_no_log_and_no_crash(home, engine_bug, capsys):
    (home / "log").mkdir()
    (home / "log").chmod(0o500)
    try:
        assert main(["--home", str(home), "list"]) == 70
    finally:
        (home / "log").chmod(0o700)
    lines = stderr_lines(capsys)
    assert len(lines) == 1 and "please report it" in lines[0]
    assert not log_path(home).exists()


def test_a_damaged_index_is_still_rebuilt(home, capsys):
    live = home / "index" / (home / "index" / "CURRENT").read_text().strip()
    segments = [p for p in live.iterdir() if p.suffix in (".seg", ".trm", ".pst", ".sto")]
    assert segments
    for seg in segments:
        seg.write_bytes(os.urandom(seg.stat().st_size))
    assert main(["--home", str(home), "search", "Sarandos", "--json"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["total"] == 5
    assert "rebuilt" in captured.err and "Traceback" not in captured.err


def page(head: str = "", body: str = BODY) -> str:
    return f"<html><head>{head}</head><body><article><p>{body}</p></article></body></html>"


@pytest.mark.parametrize(
    "linked_data",
    [
        "3",
        '"a string"',
        '{"@graph": 3}',
        '{"author": {"name": ["Ann", "Bo"]}}',
        '{"author": [{"name": 3}, {"name": null}]}',
        "[" * 5000 + "]" * 5000,
    ],
)
def test_odd_linked_data_in_a_page_still_adds_it(home, capsys, tmp_path, linked_data):
    saved = tmp_path / "page.html"
    script = f'<script type="application/ld+json">{linked_data}</script>'
    saved.write_text(page(f"<title>An odd page</title>{script}"))
    assert main(["--home", str(home), "add", str(saved), "--json"]) == 0, capsys.readouterr().err
    report = json.loads(capsys.readouterr().out)
    assert [a["title"] for a in report["added"]] == ["An odd page"]


def test_a_page_lxml_cannot_read_is_one_sentence_and_logged(home, capsys, tmp_path):
    saved = tmp_path / "page.html"
    saved.write_text("<!-- only a comment -->")
    assert main(["--home", str(home), "add", str(saved)]) == 1
    err = capsys.readouterr().err
    assert "not readable HTML" in err and "unexpected" not in err
    assert "could not be parsed: Document is empty" in log_path(home).read_text()


def test_a_crash_of_the_reader_is_logged_and_not_zero(home, capsys, monkeypatch):
    from hollywood_ai.tui.app import ReaderApp

    def broken(self: ReaderApp) -> None:
        raise RuntimeError("a bug in the reader")

    monkeypatch.setattr(ReaderApp, "get_default_screen", broken)
    monkeypatch.setattr(ReaderApp, "run", functools.partialmethod(ReaderApp.run, headless=True))
    assert main(["--home", str(home)]) == 1
    text = log_path(home).read_text()
    assert "the reader stopped on an unexpected error" in text
    assert "RuntimeError: a bug in the reader" in text
