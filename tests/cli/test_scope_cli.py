"""`compare TEXT --all | --among QUERY | --story ID` through the installed
command, on articles of our own writing (tests/scope_support.py)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.scope_support import FESTIVAL, OTHER, scope_home

EXE = shutil.which("hollywood-ai") or str(Path(sys.executable).parent / "hollywood-ai")


def run(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [EXE, "--home", str(home), *args], capture_output=True, text=True, timeout=120
    )


QUESTION = "how much did dubbing cut costs"


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return scope_home(tmp_path_factory.mktemp("scope-cli") / "home")


def library_state(home: Path) -> dict[str, float]:
    return {
        str(p.relative_to(home)): p.stat().st_mtime
        for p in (home / "library").rglob("*")
        if p.is_file()
    }


def test_all_json_has_the_scope_and_every_article(home: Path):
    proc = run("compare", QUESTION, "--all", "--json", home=home)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["scope"]["kind"] == "all" and data["scope"]["articles"] == 16
    assert data["story"] is None and len(data["sources"]) == 16
    assert {s["outlet"] for s in data["sources"] if s["reports"]} == {
        "Marquee Weekly",
        "Screen Ledger",
        "The Cutting Room",
    }


def test_all_text_says_the_scope_and_lists_silent_sources_compactly(home: Path, tmp_path: Path):
    out = tmp_path / "all.md"
    proc = run("compare", QUESTION, "--all", "--markdown", str(out), home=home)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].endswith("reported by 3 of 16 sources in the whole library (16 articles)")
    assert "Figures differ" in proc.stdout
    # Thirteen silent sources: one line of names, not a block each.
    assert "not reported" not in proc.stdout
    silent = proc.stdout[proc.stdout.index("Not reported by 13 sources: ") :]
    for outlet, _, _ in OTHER:
        assert outlet in silent.replace("\n    ", " ")
    assert "Scope: the whole library (16 articles)" in out.read_text(encoding="utf-8")


def test_among_text_says_the_search(home: Path):
    proc = run("compare", QUESTION, "--among", "riga", home=home)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[0].endswith(
        "reported by 1 of 3 sources in the 3 articles the search “riga” finds"
    )
    # A small scope: each silent source is shown, as in a story.
    assert proc.stdout.count("    not reported") == len(FESTIVAL) - 1


def test_story_flag_still_compares_in_one_story(home: Path):
    stories = json.loads(run("stories", "--json", home=home).stdout)
    dubbing = next(s for s in stories if "Harbor Lights" in s["label"])
    proc = run("compare", QUESTION, "--story", dubbing["id"], "--json", home=home)
    data = json.loads(proc.stdout)
    assert data["story"]["id"] == dubbing["id"] and data["scope"]["kind"] == "story"
    assert "Marquee Weekly" not in {s["outlet"] for s in data["sources"]}


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (["--among", "quasarzzz"], 1, "the search 'quasarzzz' finds no article"),
        (["--among", "AND"], 1, "the search 'AND' has no words to look for"),
        (["--among", ""], 1, "--among needs a search"),
        (["--story", "s-nope"], 1, "there is no story 's-nope'"),
        (["--all", "--story", "s-1"], 2, "not allowed with argument"),
        (["--all", "--among", "riga"], 2, "not allowed with argument"),
    ],
)
def test_bad_scopes_are_one_sentence_and_change_nothing(
    home: Path, tmp_path: Path, args: list[str], code: int, words: str
):
    before = library_state(home)
    out = tmp_path / "never.md"
    proc = run("compare", QUESTION, *args, "--markdown", str(out), home=home)
    assert proc.returncode == code
    assert proc.stdout == ""
    err = proc.stderr.strip()
    assert len(err.splitlines()) == 1 and words.lower() in err.lower(), err
    assert "Traceback" not in proc.stderr
    assert not out.exists() and library_state(home) == before


def test_all_on_an_empty_library(tmp_path: Path):
    home = tmp_path / "empty"
    home.mkdir()
    (home / ".seeded").write_text("1\n", encoding="utf-8")
    proc = run("compare", QUESTION, "--all", home=home)
    assert proc.returncode == 1 and proc.stdout == ""
    assert proc.stderr.strip() == (
        "hollywood-ai: The library is empty; add articles with 'hollywood-ai add' first."
    )
