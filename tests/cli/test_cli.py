"""The command line, through the installed console script."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

EXE = shutil.which("hollywood-ai") or str(Path(sys.executable).parent / "hollywood-ai")


def run(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [EXE, "--home", str(home), *args], capture_output=True, text=True, timeout=120
    )


@pytest.fixture(scope="module")
def cli_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("cli") / "home"
    assert run("index", home=home).returncode == 0
    return home


def test_list_json_gives_true_metadata(cli_home: Path):
    proc = run("list", "--json", home=cli_home)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert len(data) == 5
    by_title = {d["title"]: d for d in data}
    guardian = by_title[
        "Netflix Integrates Generative AI in New Series to Enhance Quality and Cut Costs"
    ]
    assert guardian["outlet"] == "kghosh.substack.com" and guardian["via"] == "The Guardian"
    assert guardian["published"] == "2025-07-18"
    tc = by_title["Netflix Uses AI: Transforming Filmmaking or Taking Jobs?"]
    assert tc["outlet"] is None and tc["via"] == "TechCrunch"
    assert (
        by_title["Netflix Bets Big on Generative AI While Entertainment Industry Divides"]["author"]
        == "Hajra Naz"
    )
    for d in data:
        assert set(d) >= {
            "id", "title", "outlet", "via", "author", "published", "url", "tags", "origin"
        }
        assert d["title"]


def test_show_json_has_body(cli_home: Path):
    ids = [d["id"] for d in json.loads(run("list", "--json", home=cli_home).stdout)]
    proc = run("show", ids[0], "--json", home=cli_home)
    data = json.loads(proc.stdout)
    assert data["id"] == ids[0] and len(data["body"]) > 500


def test_search_json_shape(cli_home: Path):
    proc = run("search", "ten times faster", "--json", home=cli_home)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert set(data) >= {"query", "total", "suggestion", "hits"}
    assert data["total"] == 3
    hit = data["hits"][0]
    assert set(hit) >= {"id", "title", "outlet", "published", "score", "snippet"}
    assert "ten times faster" in hit["snippet"]


def test_search_text_output(cli_home: Path):
    proc = run("search", "Sarandos", home=cli_home)
    assert proc.returncode == 0
    assert "articles match 'Sarandos'" in proc.stdout


def test_unknown_id_is_one_sentence_and_nonzero(cli_home: Path):
    proc = run("show", "zzzz", home=cli_home)
    assert proc.returncode != 0
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "zzzz" in lines[0] and "Traceback" not in proc.stderr


def test_usage_error_is_one_sentence(cli_home: Path):
    proc = run("search", home=cli_home)
    assert proc.returncode == 2
    assert len(proc.stderr.strip().splitlines()) == 1


def test_index_reports_and_rebuilds(cli_home: Path):
    proc = run("index", "--json", home=cli_home)
    assert json.loads(proc.stdout)["articles"] == 5
    proc = run("index", "--rebuild", home=cli_home)
    assert proc.returncode == 0 and "Rebuilt the index: 5 articles" in proc.stdout


def test_unwritable_home_is_a_clear_error(tmp_path: Path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    proc = run("list", home=blocker / "home")
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr and len(proc.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("argv", "quick"),
    [
        ([], True),
        (["--debug"], True),
        (["--home", "h"], True),
        (["--home=h", "--debug"], True),
        (["--home=", "--home", "two words"], True),
        (["--debug", "--home", "\udcff"], True),
        (["--home"], False),
        (["--home", "-h"], False),
        (["--hom", "h"], False),
        (["--home", "h", "list"], False),
        (["search", "x"], False),
        (["--", "x"], False),
        (["--debug=1"], False),
    ],
)
def test_the_reader_arguments_read_quickly_are_read_as_the_full_parser_reads_them(argv, quick):
    """The reader's start reads --home and --debug without building every
    command's parser; anything else is left to that parser (its answer, or
    its usage error, unchanged)."""
    from hollywood_ai.tui.cli.main import build_parser, reader_args

    args = reader_args(argv)
    assert (args is not None) is quick
    if args is not None:
        assert args == build_parser().parse_args(argv)
