"""Hostile queries and damaged files: a query past the bounds is cut and the
result says so; bytes that are not UTF-8 get one sentence; a damaged index
file, CURRENT or a FIFO in the library is repaired or skipped with one
warning, and the command answers."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from hollywood_ai.index.searching.results import search
from hollywood_ai.index.workspace import Workspace

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
