"""Exports that keep what they show: full names and titles, provenance, date,
URL and id per source, the question, the scope and when; a new file each time."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from hollywood_ai.tui.cli.main import main

DIGEST = "Netflix Integrates Generative AI in New Series to Enhance Quality and Cut Costs"
BETS_BIG = "Netflix Bets Big on Generative AI While Entertainment Industry Divides"


def cli(capsys: pytest.CaptureFixture[str], home: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--home", str(home), *args])
    out, err = capsys.readouterr()
    return code, out, err


def written(out: str) -> list[Path]:
    return [Path(line.split(" to ", 1)[1]) for line in out.splitlines() if line.startswith("Wrote")]


def test_compare_export_keeps_what_it_shows_and_never_overwrites(reader_home: Path, capsys):
    code, out, err = cli(capsys, reader_home, "compare", "Netflix revenue", "--export")
    assert code == 0, err
    (first,) = written(out)
    text = first.read_text(encoding="utf-8")
    assert text.startswith("# Compare: Netflix revenue")
    assert "Scope:" in text and "Made:" in text
    assert "kghosh.substack.com, via The Guardian" in text
    assert DIGEST in text and BETS_BIG in text  # full titles
    assert "https://kghosh.substack.com/p/20250810d" in text and "2025-07-18" in text
    assert not [line for line in text.splitlines() if line.startswith("### Unknown outlet")]
    assert "Source: kghosh.substack.com, via The Guardian · Published: 2025-07-18" in text
    assert "…" not in text.split("## Sources")[0]  # no cut names in what differs
    _, out, _ = cli(capsys, reader_home, "compare", "Netflix revenue", "--export")
    (second,) = written(out)
    assert second != first and first.exists() and second.exists()


def test_facts_export_writes_markdown_csv_and_json_of_the_matrix(reader_home: Path, capsys):
    code, out, err = cli(capsys, reader_home, "facts", "--export")
    assert code == 0, err
    paths = written(out)
    assert sorted(p.suffix for p in paths) == [".csv", ".json", ".md"]
    by_suffix = {p.suffix: p for p in paths}
    data = json.loads(by_suffix[".json"].read_text(encoding="utf-8"))
    assert data["made"] and data["facts"] and data["sources"]
    digest = next(s for s in data["sources"] if s["title"] == DIGEST)
    assert digest["name"] == "kghosh.substack.com, via The Guardian"
    assert digest["url"] == "https://kghosh.substack.com/p/20250810d" and digest["id"]
    assert {c for f in data["facts"] for c in f["cells"].values()} <= {
        "reports",
        "differs",
        "silent",
    }
    with by_suffix[".csv"].open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0][:2] == ["fact", "story"]
    assert "kghosh.substack.com, via The Guardian" in rows[0]
    assert len(rows) == len(data["facts"]) + 1
    md = by_suffix[".md"].read_text(encoding="utf-8")
    assert "Made:" in md and DIGEST in md
    _, out, _ = cli(capsys, reader_home, "facts", "--export")
    assert not set(written(out)) & set(paths)


def test_an_export_lists_the_sources_first_published_first():
    """As the compare screen orders them: those that report it by date
    (undated last), then the silent ones."""
    from hollywood_ai.index import Comparison, SourceReport, to_markdown

    def source(sid: str, outlet: str, published: str | None, reports: bool = True):
        return SourceReport(
            id=sid,
            title=f"{outlet} on the studio deal",
            outlet=outlet,
            reports=reports,
            passages=[],
            published=published,
        )

    c = Comparison(
        query="how much was the deal",
        story=None,
        sources=[
            source("a", "Late Wire", "2025-03-09"),
            source("b", "Undated Post", None),
            source("c", "Silent Times", "2025-03-01", reports=False),
            source("d", "Early Ledger", "2025-03-02"),
        ],
        discrepancies=[],
    )
    text = to_markdown(c)
    order = [
        text.index(f"### {name} on the studio deal")
        for name in ("Early Ledger", "Late Wire", "Undated Post", "Silent Times")
    ]
    assert order == sorted(order)
