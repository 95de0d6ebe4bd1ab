"""Provenance and the small command-line items, run in-process (fast)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hollywood_ai.tui.cli.main import main

DIGEST = "Netflix Integrates Generative AI in New Series to Enhance Quality and Cut Costs"
REWRITE = "Netflix Uses AI: Transforming Filmmaking or Taking Jobs?"


def cli(capsys: pytest.CaptureFixture[str], home: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--home", str(home), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_list_json_carries_via(reader_home: Path, capsys):
    code, out, _ = cli(capsys, reader_home, "list", "--json")
    assert code == 0
    by_title = {d["title"]: d for d in json.loads(out)}
    assert by_title[DIGEST]["outlet"] == "kghosh.substack.com"
    assert by_title[DIGEST]["via"] == "The Guardian"
    assert by_title[REWRITE]["outlet"] is None and by_title[REWRITE]["via"] == "TechCrunch"
    assert all("via" in d for d in by_title.values())


def test_list_and_show_name_the_source_with_its_via(reader_home: Path, capsys):
    _, out, _ = cli(capsys, reader_home, "list")
    assert "kghosh.substack.com, via The Guardian" in out
    assert "Unknown outlet, via TechCrunch" in out
    digest = next(
        d["id"]
        for d in json.loads(cli(capsys, reader_home, "list", "--json")[1])
        if d["title"] == DIGEST
    )
    _, out, _ = cli(capsys, reader_home, "show", digest)
    assert "kghosh.substack.com, via The Guardian" in out
    _, out, _ = cli(capsys, reader_home, "show", digest, "--json")
    assert json.loads(out)["via"] == "The Guardian"


def test_compare_json_and_text_name_the_via(reader_home: Path, capsys):
    code, out, err = cli(
        capsys, reader_home, "compare", "Sarandos generative AI", "--all", "--json"
    )
    assert code == 0, err
    sources = json.loads(out)["sources"]
    assert {s["via"] for s in sources} >= {"The Guardian", "TechCrunch", None}
    assert not any(s["outlet"] == "The Guardian" for s in sources)
    _, out, _ = cli(capsys, reader_home, "compare", "Sarandos generative AI", "--all")
    assert "kghosh.substack.com, via The Guardian" in out
    assert "The Guardian:" not in out.replace("via The Guardian:", "")


@pytest.mark.parametrize("limit", ["0", "-3"])
def test_search_refuses_a_limit_below_one(reader_home: Path, capsys, limit: str):
    code, out, err = cli(capsys, reader_home, "search", "Sarandos", "--limit", limit)
    assert code != 0 and not out
    assert "--limit" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_search_says_one_article_matches(reader_home: Path, capsys):
    code, out, _ = cli(capsys, reader_home, "search", "author:naz")
    assert code == 0
    assert out.splitlines()[0] == "1 article matches 'author:naz'"


def test_facts_never_cut_names_without_an_ellipsis(reader_home: Path, capsys):
    code, out, _ = cli(capsys, reader_home, "facts")
    assert code == 0
    assert "Netflix Bets Big on Generat" not in out or "Netflix Bets Big on Generative" in out
    assert "kghosh.substack.com, via The Guardian" in out
